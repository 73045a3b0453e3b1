import Crypto
// Per font: which glyphs a document uses and with what texts, then the subset and the PDF font
// objects (P1–P3): Type0 /Identity-H → one CIDFont → FontDescriptor → embedded subset, plus /W and
// /ToUnicode for exactly the glyphs used.

/// The glyphs one font draws in a document and the texts each stands for, in first-use order.
struct FontUsage {
    let id: FontID
    let program: FontProgram
    private(set) var glyphs: [UInt32] = []
    private var indexOfGlyph: [UInt32: Int] = [:]
    /// Texts a glyph carried as a whole one-glyph cluster, then as the first glyph of a longer one.
    private var ownTexts: [[(text: String, count: Int)]] = []
    private var clusterTexts: [[(text: String, count: Int)]] = []

    init(id: FontID, program: FontProgram) {
        self.id = id
        self.program = program
    }

    mutating func note(glyph: UInt32, text: String, wholeCluster: Bool) {
        let index: Int
        if let existing = indexOfGlyph[glyph] {
            index = existing
        } else {
            index = glyphs.count
            indexOfGlyph[glyph] = index
            glyphs.append(glyph)
            ownTexts.append([])
            clusterTexts.append([])
        }
        guard !text.isEmpty else { return }
        if wholeCluster {
            Self.count(text, in: &ownTexts[index])
        } else {
            Self.count(text, in: &clusterTexts[index])
        }
    }

    private static func count(_ text: String, in list: inout [(text: String, count: Int)]) {
        if let position = list.firstIndex(where: { $0.text == text }) {
            list[position].count += 1
        } else {
            list.append((text, 1))
        }
    }

    /// The text /ToUnicode gives the glyph: the one it most often stood for alone (ties: the first
    /// seen), else the cluster it most often started. Occurrences that differ get /ActualText.
    func mappedTexts() -> [UInt32: String] {
        var result: [UInt32: String] = [:]
        for (index, glyph) in glyphs.enumerated() {
            let candidates = ownTexts[index].isEmpty ? clusterTexts[index] : ownTexts[index]
            var best: (text: String, count: Int)?
            for candidate in candidates where candidate.count > (best?.count ?? 0) {
                best = candidate
            }
            if let best, best.text.utf16.count <= ToUnicodeCMap.maximumUTF16Units {
                result[glyph] = best.text
            }
        }
        return result
    }
}

/// A font ready for the content streams: codes, widths and mapped texts per original glyph id.
struct EmbeddedFont {
    let id: FontID
    let program: FontProgram
    let resourceName: String
    let baseFont: String
    let subset: FontSubset
    let mappedTexts: [UInt32: String]

    func code(for glyph: UInt32) -> UInt16 { subset.codes[glyph] ?? 0 }
    func width(for glyph: UInt32) -> Int { program.pdfWidth(of: glyph) }
    func mappedText(for glyph: UInt32) -> String? { mappedTexts[glyph] }

    init(usage: FontUsage, hinting: Bool) throws(PDFWriterError) {
        id = usage.id
        program = usage.program
        resourceName = "F\(usage.id.index)"
        let sortedGlyphs = usage.glyphs.sorted()
        subset = try FontSubsetter.subset(usage.program, glyphs: sortedGlyphs, hinting: hinting)
        mappedTexts = usage.mappedTexts()
        let tagName = usage.program.postScriptName + (hinting ? "" : "/unhinted")
        baseFont = Self.subsetTag(name: tagName, glyphs: sortedGlyphs) + "+" + usage.program.postScriptName
    }

    /// Six capitals derived from the face and the glyph set, so the same subset always gets the
    /// same tag (P2, P7) and different subsets of one face get different tags.
    static func subsetTag(name: String, glyphs: [UInt32]) -> String {
        var hasher = SHA256()
        hasher.update(name)
        hasher.update([0])
        for glyph in glyphs {
            hasher.update([
                UInt8(truncatingIfNeeded: glyph >> 24), UInt8(truncatingIfNeeded: glyph >> 16),
                UInt8(truncatingIfNeeded: glyph >> 8), UInt8(truncatingIfNeeded: glyph),
            ])
        }
        let digest = hasher.digestBytes()
        return String(decoding: digest.prefix(6).map { UInt8(ascii: "A") + $0 % 26 }, as: UTF8.self)
    }

    /// Adds the five objects of this font and returns the Type0 font's reference.
    func addObjects(to table: inout PDFObjectTable) throws(PDFWriterError) -> ObjectRef {
        let type0Ref = table.allocate()
        let cidFontRef = table.allocate()
        let descriptorRef = table.allocate()
        let programRef = table.allocate()
        let toUnicodeRef = table.allocate()

        // Codes in code order: /W and the CMap come out sorted, independent of first-use order.
        let byCode = subset.codes.map { (glyph: $0.key, code: $0.value) }.sorted { $0.code < $1.code }

        var type0 = PDFDict()
        type0["Type"] = .name("Font")
        type0["Subtype"] = .name("Type0")
        // ISO 32000-1 9.7.6.1: for a CIDFontType0 descendant, BaseFont is "<name>-<CMap>".
        type0["BaseFont"] = .name(program.format == .cff ? baseFont + "-Identity-H" : baseFont)
        type0["Encoding"] = .name("Identity-H")
        type0["DescendantFonts"] = .array([.ref(cidFontRef)])
        type0["ToUnicode"] = .ref(toUnicodeRef)
        table.set(type0Ref, type0)

        let widths = byCode.map { (code: $0.code, width: width(for: $0.glyph)) }
        let defaultWidth = Self.mostCommonWidth(widths)
        var cidFont = PDFDict()
        cidFont["Type"] = .name("Font")
        cidFont["Subtype"] = .name(program.format == .cff ? "CIDFontType0" : "CIDFontType2")
        cidFont["BaseFont"] = .name(baseFont)
        cidFont["CIDSystemInfo"] = .dict(
            PDFDict([("Registry", .ascii("Adobe")), ("Ordering", .ascii("Identity")), ("Supplement", .int(0))]))
        cidFont["FontDescriptor"] = .ref(descriptorRef)
        cidFont["DW"] = .int(defaultWidth)
        let widthArray = Self.widthArray(widths, defaultWidth: defaultWidth)
        if !widthArray.isEmpty { cidFont["W"] = .array(widthArray) }
        if program.format == .trueType { cidFont["CIDToGIDMap"] = .name("Identity") }
        table.set(cidFontRef, cidFont)

        table.set(
            descriptorRef,
            Self.fontDescriptor(baseFont: baseFont, flags: program.metrics.flags, program: program, programRef: programRef))

        var fontFile = PDFDict()
        switch program.format {
        case .cff: fontFile["Subtype"] = .name("OpenType")
        case .trueType: fontFile["Length1"] = .int(subset.program.count)
        }
        try table.setStream(programRef, fontFile, data: subset.program)

        var entries: [(code: UInt16, text: String)] = []
        for item in byCode {
            if let text = mappedTexts[item.glyph] { entries.append((item.code, text)) }
        }
        try table.setStream(toUnicodeRef, PDFDict(), data: ToUnicodeCMap.build(entries))
        return type0Ref
    }

    /// The width most glyphs have (ties: the smaller), written once as /DW instead of per glyph.
    static func mostCommonWidth(_ widths: [(code: UInt16, width: Int)]) -> Int {
        var counts: [Int: Int] = [:]
        for item in widths { counts[item.width, default: 0] += 1 }
        var best = (width: 1000, count: 0)
        for width in counts.keys.sorted() {
            if let count = counts[width], count > best.count { best = (width, count) }
        }
        return best.width
    }

    /// `/W` as `c [w1 w2 …]` groups of consecutive codes, skipping codes whose width is /DW.
    /// A font's /FontDescriptor: the face's metrics, `flags` as the font dictionary needs them, and
    /// the embedded program (/FontFile3 for CFF, /FontFile2 for TrueType).
    static func fontDescriptor(baseFont: String, flags: Int, program: FontProgram, programRef: ObjectRef) -> PDFDict {
        let metrics = program.metrics
        var descriptor = PDFDict()
        descriptor["Type"] = .name("FontDescriptor")
        descriptor["FontName"] = .name(baseFont)
        descriptor["Flags"] = .int(flags)
        descriptor["FontBBox"] = .array([
            .int(metrics.bbox.0), .int(metrics.bbox.1), .int(metrics.bbox.2), .int(metrics.bbox.3),
        ])
        descriptor["ItalicAngle"] = .real(metrics.italicAngle, decimals: 2)
        descriptor["Ascent"] = .int(metrics.ascent)
        descriptor["Descent"] = .int(metrics.descent)
        descriptor["CapHeight"] = .int(metrics.capHeight)
        if let xHeight = metrics.xHeight { descriptor["XHeight"] = .int(xHeight) }
        descriptor["StemV"] = .int(metrics.stemV)
        descriptor[program.format == .cff ? "FontFile3" : "FontFile2"] = .ref(programRef)
        return descriptor
    }

    static func widthArray(_ widths: [(code: UInt16, width: Int)], defaultWidth: Int) -> [PDFValue] {
        var result: [PDFValue] = []
        var groupStart: UInt16?
        var group: [PDFValue] = []
        var previous: UInt16?
        for item in widths where item.width != defaultWidth {
            if groupStart != nil, let last = previous, last != UInt16.max, item.code == last + 1 {
                group.append(.int(item.width))
            } else {
                if let start = groupStart {
                    result.append(.int(Int(start)))
                    result.append(.array(group))
                }
                groupStart = item.code
                group = [.int(item.width)]
            }
            previous = item.code
        }
        if let start = groupStart {
            result.append(.int(Int(start)))
            result.append(.array(group))
        }
        return result
    }
}
