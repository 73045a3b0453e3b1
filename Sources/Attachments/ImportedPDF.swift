import Diagnostics
import PDFAVerify
import PDFReader
import PDFWriter

/// A student's PDF as the writer's Form XObjects: the reader's objects converted to the writer's,
/// all pages at once so what they share (streams, resources) is decoded and converted once. Fonts
/// the file uses without their programs are replaced by embedded substitutes where a
/// metric-compatible one exists (`SimpleFontSubstitution`); the rest stay as they are, and are named.
struct ImportedPDF {
    var forms: [FormPage] = []
    /// The fonts without programs and without a substitute, grouped by the pages (1-based) they are
    /// on: fonts on exactly the same pages share a group, so a message can say which font is on which
    /// page. Sorted by first page, then fonts.
    var fontsNotEmbedded: [(fonts: [String], pages: [Int])] = []
    /// Embedded fonts whose widths disagree with their own programs (ISO 19005-3 6.2.11.5), sorted:
    /// copied as they are, they keep the packet from claiming PDF/A-3b.
    var fontsWithWrongWidths: [String] = []

    init(reader: PDFDocumentReader, sourceKey: String, substitutes faces: SubstituteFaces) throws(PDFReadError) {
        let document = try reader.importPages()
        let objects = document.objects.mapValues(foreign)
        var substitutes: [Int: SubstituteFont] = [:]
        var cidSubstitutes: [Int: SubstituteCIDFont] = [:]
        // A font's own /ToUnicode: what its codes stand for when nothing else says (a word processor's
        // unembedded PMingLiU).
        func toUnicode(of dictionary: [String: PDFObject]) -> CMapProgram? {
            var value = dictionary["ToUnicode"]
            if case .reference(let n)? = value { value = document.objects[n] }
            guard case .stream(let stream)? = value, let data = try? reader.decodedData(of: stream) else { return nil }
            return CMapProgram(bytes: data)
        }
        let candidates = Set(document.pages.flatMap { $0.unembeddedFonts.compactMap(\.object) })
        // Fonts alike in all that decides their substitute share one value (a file can name thousands
        // of copies of one Helvetica): planned once, held once.
        var planned: [String: SubstituteFont?] = [:]
        var plannedSimpleCJK: [String: SubstituteCIDFont?] = [:]
        for number in candidates.sorted() {
            guard let dictionary = document.objects[number]?.dictionaryValue else { continue }
            let shown = document.shownCodes[number]
            let key = ["Subtype", "BaseFont", "Encoding", "FirstChar", "Widths", "ToUnicode"].map { "\(dictionary[$0] ?? .null)" }
                .joined(separator: "|") + "|\(shown?.sorted() ?? [])"
            if let known = planned[key] {
                substitutes[number] = known
            } else {
                planned[key] = SimpleFontSubstitution.substitute(
                    font: dictionary, objects: document.objects, shownCodes: shown, faces: faces)
                substitutes[number] = planned[key] ?? nil
            }
            guard substitutes[number] == nil, dictionary["Subtype"]?.nameValue == "TrueType" else { continue }
            // A Chinese TrueType font: a Type0 font of ours with a one-byte CMap (`CJKFontSubstitution`).
            if let known = plannedSimpleCJK[key] {
                cidSubstitutes[number] = known
            } else {
                plannedSimpleCJK[key] = CJKFontSubstitution.substituteSimple(
                    font: dictionary, objects: document.objects, shownCodes: shown, toUnicode: toUnicode(of: dictionary),
                    faces: faces)
                cidSubstitutes[number] = plannedSimpleCJK[key] ?? nil
            }
        }
        // Type0 fonts whose descendant is without a program (the descendant is what the reader names):
        // replaced whole, with an embedded CMap (`CJKFontSubstitution`). A descendant counts as
        // replaced when every Type0 font naming it was.
        var parents: [Int: [Int]] = [:]
        for (number, object) in document.objects {
            guard let dictionary = object.dictionaryValue, dictionary["Subtype"]?.nameValue == "Type0" else { continue }
            var descendants = dictionary["DescendantFonts"]
            if case .reference(let n)? = descendants { descendants = document.objects[n] }
            for case .reference(let child) in descendants?.arrayValue ?? [] where candidates.contains(child) {
                parents[child, default: []].append(number)
            }
            // A descendant written inside the Type0 font goes by the Type0 font's number (`UnembeddedFont`).
            if candidates.contains(number), case .array(let inline)? = dictionary["DescendantFonts"],
                inline.contains(where: { $0.dictionaryValue != nil && $0.referenceValue == nil })
            {
                parents[number, default: []].append(number)
            }
        }
        var plannedCID: [String: SubstituteCIDFont?] = [:]
        for number in Set(parents.values.joined()).sorted() {
            guard let dictionary = document.objects[number]?.dictionaryValue else { continue }
            let shown = document.shownStrings[number]
            let key = "\(dictionary["BaseFont"] ?? .null)|\(dictionary["Encoding"] ?? .null)|\(dictionary["DescendantFonts"] ?? .null)|"
                + "\(dictionary["ToUnicode"] ?? .null)|\(shown.map { $0.sorted { $0.lexicographicallyPrecedes($1) } } ?? [])"
            let substitute: SubstituteCIDFont?
            if let known = plannedCID[key] {
                substitute = known
            } else {
                substitute = CJKFontSubstitution.substitute(
                    font: dictionary, objects: document.objects, shownStrings: shown, toUnicode: toUnicode(of: dictionary),
                    faces: faces)
                plannedCID[key] = substitute
            }
            cidSubstitutes[number] = substitute
        }
        // Embedded TrueType programs are copied as they are: their widths must agree with the
        // dictionaries' for the packet to be PDF/A (a student's producer may have got them wrong).
        func resolve(_ value: PDFObject?) -> PDFObject {
            if case .reference(let n)? = value { return document.objects[n] ?? .null }
            return value ?? .null
        }
        var wrongWidths: Set<String> = []
        for (_, object) in document.objects {
            guard let font = object.dictionaryValue, resolve(font["Type"]).nameValue == "Font",
                let descriptor = resolve(font["FontDescriptor"]).dictionaryValue, descriptor["FontFile2"] != nil
            else { continue }
            switch FontWidthConsistency.check(
                font: font, descriptor: descriptor, resolve: resolve, data: { try? reader.decodedData(of: $0) })
            {
            case .mismatches, .unreadableProgram:
                wrongWidths.insert(readableName(resolve(font["BaseFont"]), cmaps: faces.cmaps) ?? "?")
            case .consistent, .notChecked: break
            }
        }
        fontsWithWrongWidths = wrongWidths.sorted()
        let replacedDescendants = Set(parents.filter { $0.value.allSatisfy { cidSubstitutes[$0] != nil } }.keys)
        var pagesOfFont: [String: [Int]] = [:]
        for (index, page) in document.pages.enumerated() {
            let left = page.unembeddedFonts.filter { font in
                font.object.map { substitutes[$0] == nil && cidSubstitutes[$0] == nil && !replacedDescendants.contains($0) } ?? true
            }
            let names = Array(Set(left.map { displayName($0, objects: document.objects, cmaps: faces.cmaps) })).sorted()
            forms.append(
                FormPage(
                    x0: page.cropBox.x0, y0: page.cropBox.y0, x1: page.cropBox.x1, y1: page.cropBox.y1,
                    rotate: page.rotate, content: page.contents, resources: foreign(page.resources),
                    objects: objects, sourceKey: sourceKey, contentID: page.contentID,
                    fontsNotEmbedded: names, fontsWithWrongWidths: fontsWithWrongWidths, substituteFonts: substitutes,
                    substituteCIDFonts: cidSubstitutes))
            for name in names { pagesOfFont[name, default: []].append(index + 1) }
        }
        var fontsOnPages: [[Int]: [String]] = [:]
        for (name, pages) in pagesOfFont { fontsOnPages[pages, default: []].append(name) }
        fontsNotEmbedded = fontsOnPages.map { (fonts: $0.value.sorted(), pages: $0.key) }
            .sorted { $0.pages != $1.pages ? $0.pages.lexicographicallyPrecedes($1.pages) : $0.fonts.lexicographicallyPrecedes($1.fonts) }
    }
}

/// A font's name for a message: its `/BaseFont` as the student's system wrote it (UTF-8, Big5 or GBK
/// bytes: 新細明體 rather than question marks), without control, format or private-use characters, at
/// most 64 characters; the reader's ASCII form when the font is no object of its own.
func displayName(_ font: UnembeddedFont, objects: [Int: PDFObject], cmaps: PredefinedCMaps) -> String {
    guard let number = font.object, let dictionary = objects[number]?.dictionaryValue else { return font.name }
    var baseFont = dictionary["BaseFont"]
    if case .reference(let n)? = baseFont { baseFont = objects[n] }
    return readableName(baseFont, cmaps: cmaps) ?? font.name
}

/// A `/BaseFont` value (resolved) as a message shows it; nil when nothing readable is left.
func readableName(_ baseFont: PDFObject?, cmaps: PredefinedCMaps) -> String? {
    guard let decoded = CJKFontSubstitution.decodedBaseFontName(baseFont, cmaps: cmaps) else { return nil }
    var name = ""
    for scalar in decoded.unicodeScalars.prefix(64) {
        switch scalar.properties.generalCategory {
        case .control, .format, .privateUse, .surrogate, .unassigned, .lineSeparator, .paragraphSeparator: continue
        default: name.unicodeScalars.append(scalar)
        }
    }
    return name.allSatisfy(\.isWhitespace) ? nil : name
}

/// The reader's values as the writer's: the two libraries know nothing of each other.
func foreign(_ object: PDFObject) -> ForeignObject {
    switch object {
    case .null: .null
    case .boolean(let b): .bool(b)
    case .integer(let i): .int(i)
    case .real(let d): .real(d)
    case .string(let bytes): .string(bytes)
    case .name(let name): .name(name)
    case .array(let items): .array(items.map(foreign))
    case .dictionary(let entries): .dictionary(entries.mapValues(foreign))
    case .stream(let stream): .stream(stream.dictionary.mapValues(foreign), stream.rawData)
    case .reference(let number): .reference(number)
    }
}

/// A PDF the reader refused, as the diagnostic's reason.
func readerReason(_ error: PDFReadError) -> AttachmentProblem {
    switch error {
    case .passwordRequired: .pdfEncrypted
    case .unsupportedEncryption(let what): .pdfEncryptionUnsupported(detail: what)
    case .permissionsMismatch(let what): .pdfEncryptionDamaged(detail: what)
    case .empty: .pdfEmpty
    case .notPDF: .notPDF
    case .truncated: .pdfTruncated
    case .noPages: .pdfNoPages
    case .limitExceeded(let what): .pdfOverLimit(detail: what)
    default: .pdfUnreadable(detail: "\(error)")
    }
}

/// An image that cannot be placed, as the diagnostic's reason: its kind for the Chinese message,
/// the writer's own account for the English one.
func attachmentProblem(_ error: PDFWriterError) -> AttachmentProblem {
    let problem: ImageProblem
    switch error {
    case .imageEmpty: problem = .empty
    case .imageFormatUnknown: problem = .notJPEGOrPNG
    case .jpegCorrupt, .jpegDamaged, .pngRejected: problem = .damaged
    case .jpegUnsupported: problem = .unsupported
    case .imageZeroSize: problem = .noPixels
    case .imageTooLarge: problem = .tooLarge
    default: problem = .unreadable
    }
    return .image(problem, detail: error.description)
}
