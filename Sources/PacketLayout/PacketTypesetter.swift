import Diagnostics
import Foundation
import PDFReader
import PacketTemplates
import PDFWriter
import PortfolioRecord
import ReviewPacket
import Typesetting

/// The text engine backed by `Typesetting`: HarfBuzz shaping with fallback, clreq line breaking and
/// justification. It numbers the faces it uses in the order it meets them, which is the order of
/// the PDF's font list.
struct FontSetEngine: TextEngine {
    let fonts: FontSet
    private(set) var documentFonts: [FontSource] = []
    private var documentIndexOfFace: [Int: Int] = [:]
    private(set) var missingCharacters: [String] = []
    private var missingSeen: Set<Unicode.Scalar> = []
    /// Paragraphs already set, shared by the copies of this engine: the paginator lays a packet out
    /// twice (the second pass prints the index's page numbers) and tables repeat short cells, so
    /// most paragraphs are shaped and broken once. A class, so every pass sees the first one's work.
    private let memo = ParagraphMemo()

    init(fonts: FontSet) {
        self.fonts = fonts
    }

    mutating func lines(_ spans: [Span], measure: Double, spec: TextSpec) -> [TypesetLine] {
        let key = ParagraphMemo.Key(spans: spans, measure: measure, spec: spec)
        let set: ParagraphMemo.Entry
        if let known = memo.layouts[key] {
            set = known
        } else {
            let style = ParagraphStyle(
                fontSize: spec.size, regularRole: FontRole(spec.role), boldRole: FontRole(spec.boldRole),
                lineHeight: spec.lineHeight, firstLineIndent: spec.firstLineIndent,
                justify: spec.alignment == .justified, minimumLastLineCharacters: 2)
            // Every text drawn passes here: ID-shaped text is masked once more, whatever built it
            // (file names, quoted values), not only what the reader already masked.
            let runs = spans.map { StyledText(maskingNationalIDs($0.text), weight: $0.bold ? .bold : .regular) }
            // Each line is turned into the writer's glyphs as it is set, so the paragraph never
            // exists in both forms; runs name faces (`FontSet.faces`) until a pass numbers them.
            var lines: [TypesetLine] = []
            let layout = layoutParagraph(runs, measure: measure, style: style, fonts: fonts) { line in
                lines.append(
                    TypesetLine(
                        width: line.width, ascent: line.ascent, descent: line.descent, advance: 0,
                        runs: line.runs.map { run in
                            GlyphRun(
                                font: run.faceIndex, size: run.fontSize, x: 0,
                                glyphs: run.glyphs.map { LineGlyph(id: $0.glyphID, x: $0.x, yOffset: $0.y, text: $0.text) })
                        },
                        placeholders: line.placeholders.map { Placeholder(x: $0.x, width: $0.width, character: $0.text) }))
            }
            for index in lines.indices { lines[index].advance = layout.lineHeight }
            set = ParagraphMemo.Entry(lines: lines, missingCharacters: layout.missingCharacters)
            memo.layouts[key] = set
        }
        // Per engine copy, hit or miss: the document's font numbering and the missing characters
        // follow the order this pass meets them. The glyph arrays are shared, not copied.
        for scalar in set.missingCharacters where missingSeen.insert(scalar).inserted {
            missingCharacters.append(String(scalar))
        }
        return set.lines.map { line in
            var numbered = line
            numbered.runs = line.runs.map { run in
                var numberedRun = run
                numberedRun.font = documentFont(run.font)
                return numberedRun
            }
            return numbered
        }
    }

    private mutating func documentFont(_ face: Int) -> Int {
        if let index = documentIndexOfFace[face] { return index }
        let source = fonts.faces[face]
        documentFonts.append(FontSource(path: source.path, faceIndex: source.faceIndex))
        documentIndexOfFace[face] = documentFonts.count - 1
        return documentFonts.count - 1
    }
}

/// Paragraph layouts of one packet by their input. Lives as long as one `typeset` call.
final class ParagraphMemo {
    struct Key: Hashable {
        var spans: [Span]
        var measure: Double
        var spec: TextSpec
    }

    /// A paragraph's lines, their runs' `font` an index into `FontSet.faces`.
    struct Entry {
        var lines: [TypesetLine]
        var missingCharacters: [Unicode.Scalar]
    }

    var layouts: [Key: Entry] = [:]
}

/// The attached images and PDFs of one packet, decoded from the bytes the reader read (never from
/// the folder again: the bytes placed are the bytes the XML's digests describe).
final class ImageCatalog: ImageProvider {
    private(set) var sources: [ImageSource] = []
    private(set) var paths: [String] = []
    private var byPath: [String: PlacedImageInfo] = [:]
    private var failed: Set<String> = []
    private(set) var problems: [Diagnostic] = []

    /// Path → the file's bytes, for the first path (in path order) of each SHA-256: identical
    /// attachments are decoded and stored once, whichever records name them.
    private let bytesOfCanonical: [String: [UInt8]]
    /// Path → the first path of a file with the same SHA-256.
    private let canonicalPath: [String: String]

    /// `placing`: false makes a catalog that places nothing (attachments are named, not drawn).
    init(attachments: [AttachmentFile], placing: Bool) {
        var firstOfDigest: [String: String] = [:]
        var canonical: [String: String] = [:]
        var bytes: [String: [UInt8]] = [:]
        for file in attachments.sorted(by: { $0.path < $1.path }) {
            let first = firstOfDigest[file.sha256] ?? file.path
            firstOfDigest[file.sha256] = first
            canonical[file.path] = first
            if placing, first == file.path { bytes[first] = file.bytes }
        }
        canonicalPath = canonical
        bytesOfCanonical = bytes
    }

    func image(_ requested: String) -> PlacedImageInfo? {
        let path = canonicalPath[requested] ?? requested
        if let known = byPath[path] { return known }
        guard !failed.contains(path), let bytes = bytesOfCanonical[path] else { return nil }
        do {
            let source = try ImageSource(detecting: bytes)
            try source.validate()
            let info = try source.info()
            let natural = info.naturalSize
            let placed = PlacedImageInfo(index: sources.count, width: natural.width, height: natural.height)
            sources.append(source)
            paths.append(path)
            byPath[path] = placed
            return placed
        } catch {
            return fail(path, reason: attachmentProblem(error))
        }
    }

    private(set) var forms: [FormPage] = []
    private var pagesByPath: [String: [PlacedImageInfo]] = [:]
    /// The attachment PDFs of one packet may not together bring more pages than this.
    static let maxImportedPages = 2_000

    func pdfPages(_ requested: String) -> [PlacedImageInfo]? {
        let path = canonicalPath[requested] ?? requested
        if let known = pagesByPath[path] { return known }
        guard !failed.contains(path), let data = bytesOfCanonical[path] else { return nil }
        do {
            let reader = try PDFDocumentReader(bytes: data)
            guard forms.count + reader.pageCount <= Self.maxImportedPages else {
                _ = fail(path, reason: .tooManyPages)
                return nil
            }
            var placed: [PlacedImageInfo] = []
            var imported: [FormPage] = []
            var fontsNotEmbedded: Set<String> = []
            var pagesWithout: [Int] = []
            // All pages at once: what they share (streams, resources) is decoded and converted once.
            let document = try reader.importPages()
            let objects = document.objects.mapValues(foreign)
            for (index, page) in document.pages.enumerated() {
                let form = FormPage(
                    x0: page.cropBox.x0, y0: page.cropBox.y0, x1: page.cropBox.x1, y1: page.cropBox.y1,
                    rotate: page.rotate, content: page.contents, resources: foreign(page.resources),
                    objects: objects, sourceKey: path, contentID: page.contentID,
                    fontsNotEmbedded: page.fontsNotEmbedded)
                let size = form.displaySize
                placed.append(PlacedImageInfo(index: forms.count + imported.count, width: size.width, height: size.height))
                imported.append(form)
                if !page.fontsNotEmbedded.isEmpty {
                    fontsNotEmbedded.formUnion(page.fontsNotEmbedded)
                    pagesWithout.append(index + 1)
                }
            }
            forms += imported
            pagesByPath[path] = placed
            // The pages are placed all the same (the reviewer sees them as a viewer substitutes the fonts);
            // the student can fix the file, and the writer drops the PDF/A claim on its own.
            if !pagesWithout.isEmpty {
                problems.append(
                    .warning(
                        .attachmentFontsNotEmbedded(path: path, fonts: fontsNotEmbedded.sorted(), pages: pagesWithout),
                        file: path))
            }
            return placed
        } catch {
            _ = fail(path, reason: readerReason(error))
            return nil
        }
    }

    private func readerReason(_ error: PDFReadError) -> AttachmentProblem {
        switch error {
        case .encrypted: .pdfEncrypted
        case .empty: .pdfEmpty
        case .notPDF: .notPDF
        case .truncated: .pdfTruncated
        case .noPages: .pdfNoPages
        case .limitExceeded(let what): .pdfOverLimit(detail: what)
        default: .pdfUnreadable(detail: "\(error)")
        }
    }

    private func fail(_ path: String, reason: AttachmentProblem) -> PlacedImageInfo? {
        if failed.insert(path).inserted {
            problems.append(.warning(.attachmentUnreadable(path: path, reason: reason), file: path))
        }
        return nil
    }
}

/// Typesets a review packet: cover, index with real page numbers, one section per item, running
/// header and footer, bookmarks and index links. Knows the packet; leaves PDF syntax to PDFWriter.
public struct PacketTypesetter: Sendable {
    public let fonts: FontSet
    /// Layouts read once, by channel family; a family not here is read when a packet needs it.
    private let layouts: [String: LayoutStyle]

    public init(fonts: FontSet) {
        self.fonts = fonts
        layouts = [:]
    }

    /// A typesetter with every layout of `Templates/layouts` read up front, for a batch: the files
    /// are read and checked once per process, not once per packet.
    public static func preloadingLayouts(fonts: FontSet) throws(TypesetError) -> PacketTypesetter {
        let directory = PacketTemplates.layoutsDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var layouts: [String: LayoutStyle] = [:]
        for name in names.sorted() where name.hasSuffix(".json") {
            let family = String(name.dropLast(".json".count))
            do {
                layouts[family] = try LayoutStyle.load(channelFamily: family, directory: directory)
            } catch {
                throw .layoutUnreadable(error)
            }
        }
        return PacketTypesetter(fonts: fonts, layouts: layouts)
    }

    private init(fonts: FontSet, layouts: [String: LayoutStyle]) {
        self.fonts = fonts
        self.layouts = layouts
    }

    public enum TypesetError: Error, Sendable {
        /// A layout of `Templates/layouts` does not decode (the file and the key are named).
        case layoutUnreadable(TemplateError)
    }

    /// `preview`: the student's preview, with a first page of what can still be fixed (drawn from
    /// `packet.diagnostics`, so add the typesetting warnings first) and a watermark on every page.
    /// `placingAttachments`: images and PDF pages are decoded from the attachments' bytes and placed
    /// (false: they are named, not placed).
    public func typeset(
        _ packet: ReviewPacket, creationDate: Date?, preview: Bool = false, placingAttachments: Bool = false
    ) throws(TypesetError) -> TypesetPacket {
        let style: LayoutStyle
        if let loaded = layouts[packet.meta.channelFamily.rawValue] {
            style = loaded
        } else {
            do {
                style = try LayoutStyle.load(channelFamily: packet.meta.channelFamily.rawValue)
            } catch {
                throw .layoutUnreadable(error)
            }
        }
        let catalog = ImageCatalog(attachments: packet.attachments, placing: placingAttachments)
        var paginator = Paginator.paginate(
            packet, style: style, engine: FontSetEngine(fonts: fonts), images: catalog, preview: preview)
        paginator.decorate(
            applicantNumber: packet.applicant.applicantNumber, departmentCode: packet.meta.departmentCode,
            watermark: preview)
        var document = paginator.documentSpec(
            fonts: paginator.engine.documentFonts, images: catalog.sources,
            info: documentInfo(packet, creationDate: creationDate))
        document.forms = catalog.forms
        return TypesetPacket(
            document: document, pageCount: paginator.pages.count, missingCharacters: paginator.engine.missingCharacters,
            imagePaths: catalog.paths, attachmentProblems: catalog.problems)
    }

    /// The typesetting warnings of a packet: characters no font has (T10) and Kangxi radicals that
    /// look like ideographs (T9), each once, tagged with the first item whose text holds it.
    public static func diagnostics(_ packet: ReviewPacket, typeset: TypesetPacket) -> [Diagnostic] {
        var result: [Diagnostic] = []
        let sections = PacketContent.sections(packet)
        let texts = sections.map { section in
            (section.itemCode, section.blocks.map(\.plainText).joined(separator: "\n"))
        }
        func firstItem(containing text: String) -> String? {
            texts.first { $0.1.contains(text) }?.0
        }
        // An attachment's item is the first section that places it (its text may name only the file's
        // last path component).
        func firstItem(placing path: String) -> String? {
            sections.first { section in
                section.itemCode != nil
                    && section.blocks.contains { $0 == .pdfPages(path: path) || $0 == .image(path: path) }
            }?.itemCode
        }
        result += typeset.attachmentProblems.map { problem in
            var tagged = problem
            let path = problem.file ?? ""
            tagged.item = firstItem(placing: path) ?? firstItem(containing: path) ?? problem.item
            return tagged
        }
        for character in typeset.missingCharacters {
            result.append(.warning(.glyphMissing(character: character), item: firstItem(containing: character)))
        }
        var seen: Set<Unicode.Scalar> = []
        for (item, text) in texts {
            for (radical, ideograph) in kangxiRadicalLookalikes(in: text) where seen.insert(radical).inserted {
                result.append(
                    .warning(.kangxiRadical(found: String(radical), looksLike: String(ideograph)), item: item))
            }
        }
        return result
    }
}

extension Block {
    /// The text a block shows, for searching it.
    var plainText: String {
        switch self {
        case .heading(let text, _), .notice(let text), .mark(let text, _): text
        case .paragraph(let spans), .line(let spans, _), .listItem(_, let spans): spans.map(\.text).joined()
        case .fields(let rows): rows.map { $0.label + " " + $0.value }.joined(separator: "\n")
        case .table(let table): ([table.header] + table.rows).map { $0.joined(separator: " ") }.joined(separator: "\n")
        case .space, .image, .pdfPages: ""
        }
    }
}

extension TypesetPacket {
    /// Writes the PDF. An image the writer cannot decode (a PNG libpng rejects only when it reads
    /// the pixels) is taken out of the page and reported, and the document written again: one bad
    /// attachment never costs the packet.
    public mutating func write(with writer: PDFWriter) throws(PDFWriterError) -> [UInt8] {
        try write(with: writer, fontsEmbedded: {})
    }

    /// As `write(with:)`, calling `fontsEmbedded` once the fonts are subset (a batch times the
    /// two halves apart). Fonts are subset once, whatever images have to be dropped.
    public mutating func write(with writer: PDFWriter, fontsEmbedded: () -> Void) throws(PDFWriterError)
        -> [UInt8]
    {
        let fonts = try writer.embedFonts(of: document)
        fontsEmbedded()
        var attempts = 0
        while true {
            attempts += 1
            do {
                return try writer.write(document, fonts: fonts)
            } catch {
                guard let id = error.imageID, attempts <= document.images.count + 1,
                    document.images.indices.contains(id.index)
                else { throw error }
                let path = imagePaths.indices.contains(id.index) ? imagePaths[id.index] : "image \(id.index)"
                attachmentProblems.append(
                    .warning(.attachmentUnreadable(path: path, reason: attachmentProblem(error)), file: path))
                for page in document.pages.indices {
                    document.pages[page].content.removeAll { item in
                        if case .image(let other, _, _, _, _) = item { return other == id }
                        return false
                    }
                }
            }
        }
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

/// An image the writer cannot place, as the diagnostic's reason: its kind for the Chinese
/// message, the writer's own account for the English one.
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
