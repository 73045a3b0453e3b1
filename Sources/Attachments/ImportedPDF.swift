import Diagnostics
import PDFReader
import PDFWriter

/// A student's PDF as the writer's Form XObjects: the reader's objects converted to the writer's,
/// all pages at once so what they share (streams, resources) is decoded and converted once. Fonts
/// the file uses without their programs are replaced by embedded substitutes where a
/// metric-compatible one exists (`SimpleFontSubstitution`); the rest stay as they are, and are named.
struct ImportedPDF {
    var forms: [FormPage] = []
    /// The fonts without programs and without a substitute, over all pages, sorted.
    var fontsNotEmbedded: [String] = []
    /// 1-based numbers of the pages that use such fonts.
    var pagesWithFontsNotEmbedded: [Int] = []

    init(reader: PDFDocumentReader, sourceKey: String, substitutes faces: SubstituteFaces) throws(PDFReadError) {
        let document = try reader.importPages()
        let objects = document.objects.mapValues(foreign)
        var substitutes: [Int: SubstituteFont] = [:]
        let candidates = Set(document.pages.flatMap { $0.unembeddedFonts.compactMap(\.object) })
        // Fonts alike in all that decides their substitute share one value (a file can name thousands
        // of copies of one Helvetica): planned once, held once.
        var planned: [String: SubstituteFont?] = [:]
        for number in candidates.sorted() {
            guard let dictionary = document.objects[number]?.dictionaryValue else { continue }
            let shown = document.shownCodes[number]
            let key = ["Subtype", "BaseFont", "Encoding", "FirstChar", "Widths"].map { "\(dictionary[$0] ?? .null)" }
                .joined(separator: "|") + "|\(shown?.sorted() ?? [])"
            if let known = planned[key] {
                substitutes[number] = known
                continue
            }
            let substitute = SimpleFontSubstitution.substitute(
                font: dictionary, objects: document.objects, shownCodes: shown, faces: faces)
            planned[key] = substitute
            substitutes[number] = substitute
        }
        // Type0 fonts whose descendant is without a program (the descendant is what the reader names):
        // replaced whole, with an embedded CMap (`CJKFontSubstitution`). A descendant counts as
        // replaced when every Type0 font naming it was.
        var cidSubstitutes: [Int: SubstituteCIDFont] = [:]
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
            let shown = document.shownWideCodes[number]
            let key = "\(dictionary["BaseFont"] ?? .null)|\(dictionary["Encoding"] ?? .null)|\(dictionary["DescendantFonts"] ?? .null)|"
                + "\(shown.map { $0.sorted { $0.lexicographicallyPrecedes($1) } } ?? [])"
            let substitute: SubstituteCIDFont?
            if let known = plannedCID[key] {
                substitute = known
            } else {
                substitute = CJKFontSubstitution.substitute(
                    font: dictionary, objects: document.objects, shownCodes: shown, faces: faces)
                plannedCID[key] = substitute
            }
            cidSubstitutes[number] = substitute
        }
        let replacedDescendants = Set(parents.filter { $0.value.allSatisfy { cidSubstitutes[$0] != nil } }.keys)
        var fonts: Set<String> = []
        for (index, page) in document.pages.enumerated() {
            let left = page.unembeddedFonts.filter { font in
                font.object.map { substitutes[$0] == nil && !replacedDescendants.contains($0) } ?? true
            }
            let names = Array(Set(left.map(\.name))).sorted()
            forms.append(
                FormPage(
                    x0: page.cropBox.x0, y0: page.cropBox.y0, x1: page.cropBox.x1, y1: page.cropBox.y1,
                    rotate: page.rotate, content: page.contents, resources: foreign(page.resources),
                    objects: objects, sourceKey: sourceKey, contentID: page.contentID,
                    fontsNotEmbedded: names, substituteFonts: substitutes, substituteCIDFonts: cidSubstitutes))
            if !names.isEmpty {
                fonts.formUnion(names)
                pagesWithFontsNotEmbedded.append(index + 1)
            }
        }
        fontsNotEmbedded = fonts.sorted()
    }
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
