import Diagnostics
import PDFReader
import PDFWriter
import PortfolioRecord

/// Where a file is placed: its path and the review item whose section places it. The caller lists
/// the uses in reading order, so problems, images and imported pages are numbered in that order.
public struct AttachmentUse: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A JPEG or PNG drawn in the flow.
        case image
        /// Every page of a PDF, each on a page of its own.
        case pdfPages
    }

    public var path: String
    public var kind: Kind
    /// The review item code the use belongs to; nil outside any item.
    public var item: String?

    public init(path: String, kind: Kind, item: String?) {
        self.path = path
        self.kind = kind
        self.item = item
    }
}

/// An image or an imported page as the layout needs it: its index in `images` or `forms` and its
/// size in points at 100%.
public struct PlaceableSize: Sendable, Hashable {
    public var index: Int
    public var width: Double
    public var height: Double

    public init(index: Int, width: Double, height: Double) {
        self.index = index
        self.width = width
        self.height = height
    }
}

/// The attached files of one packet made placeable from the bytes the reader read (never from the
/// folder again: the bytes placed are the bytes the XML's digests describe). Every image is decoded
/// in full here and every PDF read, so what a writer is given cannot fail for the input's sake;
/// each problem is a diagnostic tagged with the item of the file's first use.
public struct PreparedAttachments: Sendable {
    /// Distinct images, decoded and ready to write, in order of first use (`ImageID` order).
    public private(set) var images: [PreparedImage] = []
    /// The applicant-folder path of each of `images`.
    public private(set) var imagePaths: [String] = []
    /// Imported PDF pages, in order of first use (`FormID` order).
    public private(set) var forms: [FormPage] = []
    /// Problems with the files, in order of first use.
    public private(set) var diagnostics: [Diagnostic] = []

    private var imageByPath: [String: PlaceableSize] = [:]
    private var pagesByPath: [String: [PlaceableSize]] = [:]
    /// Path → the first path (in path order) of a file with the same SHA-256: identical attachments
    /// are decoded and stored once, whichever records name them.
    private var canonicalPath: [String: String] = [:]

    /// The attachment PDFs of one packet may not together bring more pages than this.
    public static let maxImportedPages = 2_000

    /// No file prepared: images and PDFs are named, not placed.
    public init() {}

    /// Decodes and checks every file `uses` names, in their order. `substitutes` holds the faces that
    /// replace fonts students' PDFs do not embed (share one per process: faces are loaded once).
    public init(files: [AttachmentFile], uses: [AttachmentUse], substitutes: SubstituteFaces = SubstituteFaces()) {
        var firstOfDigest: [String: String] = [:]
        var bytesOfCanonical: [String: [UInt8]] = [:]
        for file in files.sorted(by: { $0.path < $1.path }) {
            let first = firstOfDigest[file.sha256] ?? file.path
            firstOfDigest[file.sha256] = first
            canonicalPath[file.path] = first
            if first == file.path { bytesOfCanonical[first] = file.bytes }
        }
        var done: Set<String> = []
        for use in uses {
            let path = canonicalPath[use.path] ?? use.path
            guard let bytes = bytesOfCanonical[path], done.insert(path).inserted else { continue }
            switch use.kind {
            case .image: prepareImage(path, bytes: bytes, item: use.item)
            case .pdfPages: preparePDF(path, bytes: bytes, item: use.item, substitutes: substitutes)
            }
        }
    }

    /// The image at `path` (or at the first path with the same bytes), or nil when it cannot be placed.
    public func image(_ path: String) -> PlaceableSize? {
        imageByPath[canonicalPath[path] ?? path]
    }

    /// The pages of the PDF at `path`, or nil when it cannot be placed.
    public func pdfPages(_ path: String) -> [PlaceableSize]? {
        pagesByPath[canonicalPath[path] ?? path]
    }

    private mutating func prepareImage(_ path: String, bytes: [UInt8], item: String?) {
        do {
            // Decoded in full here (a PNG's IDAT, a JPEG's structure to its end), once: the writer
            // is given the prepared image and never decodes it again.
            let image = try PreparedImage(ImageSource(detecting: bytes))
            let natural = image.info.naturalSize
            imageByPath[path] = PlaceableSize(index: images.count, width: natural.width, height: natural.height)
            images.append(image)
            imagePaths.append(path)
        } catch {
            fail(path, reason: attachmentProblem(error), item: item)
        }
    }

    private mutating func preparePDF(_ path: String, bytes: [UInt8], item: String?, substitutes: SubstituteFaces) {
        do {
            let reader = try PDFDocumentReader(bytes: bytes)
            guard forms.count + reader.pageCount <= Self.maxImportedPages else {
                fail(path, reason: .tooManyPages, item: item)
                return
            }
            let imported = try ImportedPDF(reader: reader, sourceKey: path, substitutes: substitutes)
            var placed: [PlaceableSize] = []
            for form in imported.forms {
                let size = form.displaySize
                placed.append(PlaceableSize(index: forms.count + placed.count, width: size.width, height: size.height))
            }
            forms += imported.forms
            pagesByPath[path] = placed
            // Fonts with no substitute: the pages are placed all the same (the reviewer sees them as a
            // viewer substitutes the fonts); the student can fix the file, and the writer drops the
            // PDF/A claim on its own. One warning per set of pages, naming the fonts on them.
            for group in imported.fontsNotEmbedded {
                diagnostics.append(
                    .warning(
                        .attachmentFontsNotEmbedded(path: path, fonts: group.fonts, pages: group.pages), file: path, item: item))
            }
            if !imported.fontsWithWrongWidths.isEmpty {
                diagnostics.append(
                    .warning(.attachmentFontWidthsInconsistent(path: path, fonts: imported.fontsWithWrongWidths), file: path, item: item))
            }
        } catch {
            fail(path, reason: readerReason(error), item: item)
        }
    }

    private mutating func fail(_ path: String, reason: AttachmentProblem, item: String?) {
        diagnostics.append(.warning(.attachmentUnreadable(path: path, reason: reason), file: path, item: item))
    }
}
