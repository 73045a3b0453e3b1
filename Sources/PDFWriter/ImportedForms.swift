/// Pages of other PDFs (students' attachments) drawn as Form XObjects (P9). The reader hands them
/// over as plain values; the writer renumbers their objects into this file. Whatever the reader
/// dropped (annotations, actions, JavaScript, forms) is simply not there.

/// A PDF value of an imported page, with references into `FormPage.objects`.
public indirect enum ForeignObject: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case real(Double)
    case string([UInt8])
    case name(String)
    case array([ForeignObject])
    case dictionary([String: ForeignObject])
    /// A stream with its dictionary (its /Filter kept) and its still-encoded bytes.
    case stream([String: ForeignObject], [UInt8])
    case reference(Int)
}

/// One imported page: its visible box, rotation, decoded content and resources.
public struct FormPage: Sendable, Hashable {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double
    /// Clockwise, 0/90/180/270.
    public var rotate: Int
    public var content: [UInt8]
    public var resources: ForeignObject
    /// The objects `resources` reaches (more may be there: pages of one file can all hold the file's
    /// objects in one dictionary; only what a drawn form reaches is written).
    public var objects: [Int: ForeignObject]
    /// Pages with the same key come from one file and share its object numbers: an object they have
    /// in common (a font, an image) is written once.
    public var sourceKey: String?
    /// Pages of one file (same `sourceKey`) with the same `contentID` have the same `content`: when their
    /// box and resources are also the same, they are one Form XObject, written once.
    public var contentID: Int?
    /// Fonts the page uses without their programs (as the reader found them). A document drawing such a
    /// form does not claim PDF/A, which requires every font embedded: the writer never claims what it lacks.
    public var fontsNotEmbedded: [String]
    /// Embedded fonts whose dictionaries' widths disagree with their programs: PDF/A forbids it as
    /// well (ISO 19005-3 6.2.11.5), so a document drawing such a form does not claim PDF/A either.
    public var fontsWithWrongWidths: [String]
    /// Fonts of `objects` (by number) that came without programs and are written as these faces of
    /// ours instead (their own dictionaries, descriptors and anything only they reach are not written).
    /// Pages of one file share the same map, as they share `objects`.
    public var substituteFonts: [Int: SubstituteFont]
    /// Type0 fonts of `objects` (by number) whose descendant came without a program, written as these
    /// CID fonts of ours instead (same codes, through an embedded CMap).
    public var substituteCIDFonts: [Int: SubstituteCIDFont]

    public init(
        x0: Double, y0: Double, x1: Double, y1: Double, rotate: Int, content: [UInt8], resources: ForeignObject,
        objects: [Int: ForeignObject], sourceKey: String? = nil, contentID: Int? = nil, fontsNotEmbedded: [String] = [],
        fontsWithWrongWidths: [String] = [],
        substituteFonts: [Int: SubstituteFont] = [:], substituteCIDFonts: [Int: SubstituteCIDFont] = [:]
    ) {
        self.substituteCIDFonts = substituteCIDFonts
        self.sourceKey = sourceKey
        self.contentID = contentID
        self.fontsNotEmbedded = fontsNotEmbedded
        self.fontsWithWrongWidths = fontsWithWrongWidths
        self.substituteFonts = substituteFonts
        self.x0 = min(x0, x1)
        self.y0 = min(y0, y1)
        self.x1 = max(x0, x1)
        self.y1 = max(y0, y1)
        self.rotate = ((rotate % 360) + 360) % 360 / 90 * 90
        self.content = content
        self.resources = resources
        self.objects = objects
    }

    /// The size the page shows at 100%, rotation applied.
    public var displaySize: (width: Double, height: Double) {
        let width = x1 - x0
        let height = y1 - y0
        return rotate == 90 || rotate == 270 ? (height, width) : (width, height)
    }

    /// The matrix drawing the form (its own coordinates) upright into the box at (x, y).
    func placementMatrix(x: Double, y: Double, width: Double, height: Double) -> [Double] {
        let display = displaySize
        guard display.width > 0, display.height > 0 else { return [0, 0, 0, 0, x, y] }
        let s = min(width / display.width, height / display.height)
        let w = x1 - x0
        let h = y1 - y0
        switch rotate {
        case 90: return [0, -s, s, 0, x - s * y0, y + s * (w + x0)]
        case 180: return [-s, 0, 0, -s, x + s * (w + x0), y + s * (h + y0)]
        case 270: return [0, s, -s, 0, x + s * (h + y0), y - s * x0]
        default: return [s, 0, 0, s, x - s * x0, y - s * y0]
        }
    }
}

public struct FormID: Hashable, Sendable {
    public var index: Int
    public init(_ index: Int) { self.index = index }
}

/// The Form XObjects of a document: each imported page written once, with its own objects
/// renumbered; forms no page draws are not written.
struct FormXObjects {
    /// `names[i]` is the resource name of `spec.forms[i]`, nil when unused.
    private(set) var names: [String?]
    private(set) var resources: [(name: String, ref: ObjectRef)] = []
    private(set) var forms: [FormPage]

    /// Where the programs of substitute fonts come from, and whether their subsets keep hinting.
    private let cache: FontProgramCache
    private let hinting: Bool

    init(
        _ spec: PDFDocumentSpec, table: inout PDFObjectTable, cache: FontProgramCache, hinting: Bool
    ) throws(PDFWriterError) {
        self.cache = cache
        self.hinting = hinting
        forms = spec.forms
        written = [:]
        names = [String?](repeating: nil, count: spec.forms.count)
        var shared: [SharedForm: String] = [:]
        for page in spec.pages {
            for case .form(let id, _, _, _, _) in page.content {
                guard id.index >= 0, id.index < spec.forms.count else {
                    throw .unknownForm(id, formCount: spec.forms.count)
                }
                if names[id.index] != nil { continue }
                let form = spec.forms[id.index]
                // Pages of a file drawing the same content in the same box with the same resources are
                // one form: a content stream hundreds of pages share is written once.
                let key = SharedForm(form)
                if let key, let name = shared[key] {
                    names[id.index] = name
                    continue
                }
                let name = "Fm\(resources.count)"
                let ref = try add(form, to: &table)
                names[id.index] = name
                resources.append((name, ref))
                if let key { shared[key] = name }
            }
        }
    }

    /// What makes two imported pages one form; nil for a page whose content is its own.
    private struct SharedForm: Hashable {
        var source: String
        var content: Int
        var box: [Double]
        var resources: ForeignObject

        init?(_ form: FormPage) {
            guard let source = form.sourceKey, let content = form.contentID else { return nil }
            self.source = source
            self.content = content
            box = [form.x0, form.y0, form.x1, form.y1]
            resources = form.resources
        }
    }

    var resourceDictionary: PDFDict {
        PDFDict(resources.map { ($0.name, PDFValue.ref($0.ref)) })
    }

    /// True when every form a page draws has its fonts embedded, with widths that agree with their
    /// programs (forms never drawn are not written): what the PDF/A claim needs of imported pages.
    var allFontsEmbedded: Bool {
        zip(forms, names).allSatisfy { form, name in
            name == nil || (form.fontsNotEmbedded.isEmpty && form.fontsWithWrongWidths.isEmpty)
        }
    }

    /// The font dictionary written for each substitute (its content, to give equal substitutes).
    private var substituteDictionaries: [SubstituteFont: PDFDict] = [:]
    private var substituteCIDDictionaries: [SubstituteCIDFont: PDFDict] = [:]

    /// Objects already written for each source file, by their number there.
    private var written: [String: [Int: ObjectRef]] = [:]

    private mutating func add(_ form: FormPage, to table: inout PDFObjectTable) throws(PDFWriterError) -> ObjectRef {
        // Objects this file's earlier pages brought are reused (taken out of `written` while growing, so
        // the map is not copied per page). The new ones are those the resources reach through objects
        // not yet written (what a written object reaches was written with it), found without walking
        // the file's shared objects again, and numbered in the source's order, not hash order.
        var refs: [Int: ObjectRef] = form.sourceKey.flatMap { written.removeValue(forKey: $0) } ?? [:]
        var reached: Set<Int> = []
        var stack: [ForeignObject] = [form.resources]
        while let value = stack.popLast() {
            switch value {
            case .reference(let number):
                if refs[number] == nil, let object = form.objects[number], reached.insert(number).inserted {
                    // A substituted font is written anew: what its old dictionary reaches is not needed.
                    if form.substituteFonts[number] == nil, form.substituteCIDFonts[number] == nil { stack.append(object) }
                }
            case .array(let items): stack += items
            case .dictionary(let entries), .stream(let entries, _): stack += entries.values
            default: continue
            }
        }
        let fresh = reached.sorted()
        for number in fresh { refs[number] = table.allocate() }
        if let key = form.sourceKey { written[key] = refs }
        func convert(_ value: ForeignObject, depth: Int) -> PDFValue {
            guard depth < 64 else { return .null }
            switch value {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .real(let d): return .real(d, decimals: 6)
            case .string(let bytes): return .literal(bytes)
            case .name(let n): return .name(n)
            case .array(let items): return .array(items.map { convert($0, depth: depth + 1) })
            case .dictionary(let entries): return .dict(dict(entries, depth: depth + 1))
            case .stream: return .null  // a stream can only stand as an object of its own
            case .reference(let number): return refs[number].map(PDFValue.ref) ?? .null
            }
        }
        func dict(_ entries: [String: ForeignObject], depth: Int) -> PDFDict {
            PDFDict(entries.keys.sorted().compactMap { key in
                key == "Length" ? nil : (key, convert(entries[key] ?? .null, depth: depth))
            })
        }
        for number in fresh {
            guard let ref = refs[number], let object = form.objects[number] else { continue }
            if let substitute = form.substituteFonts[number] {
                // Equal substitutes (one font named by many objects) share one dictionary's content:
                // one program, descriptor and ToUnicode.
                if let known = substituteDictionaries[substitute] {
                    table.set(ref, known)
                } else {
                    substituteDictionaries[substitute] = try SubstituteFontWriter.add(
                        substitute, program: try cache.program(for: substitute.face), at: ref, hinting: hinting,
                        to: &table)
                }
                continue
            }
            if let substitute = form.substituteCIDFonts[number] {
                if let known = substituteCIDDictionaries[substitute] {
                    table.set(ref, known)
                } else {
                    substituteCIDDictionaries[substitute] = try SubstituteCIDFontWriter.add(
                        substitute, program: try cache.program(for: substitute.face), at: ref, hinting: hinting,
                        to: &table)
                }
                continue
            }
            switch object {
            case .stream(let entries, let data):
                try table.setStream(ref, dict(entries, depth: 0), data: data, compress: false)
            default:
                table.set(ref, convert(object, depth: 0))
            }
        }
        var formDict = PDFDict()
        formDict["Type"] = .name("XObject")
        formDict["Subtype"] = .name("Form")
        formDict["BBox"] = .array([.number(form.x0), .number(form.y0), .number(form.x1), .number(form.y1)])
        formDict["Resources"] = convert(form.resources, depth: 0)
        let ref = table.allocate()
        try table.setStream(ref, formDict, data: form.content)
        return ref
    }
}
