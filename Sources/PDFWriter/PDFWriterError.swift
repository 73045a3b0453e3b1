/// Everything that can stop a document from being written. Each case carries what the caller needs
/// to report the problem; none of them is a bug in the writer.
public enum PDFWriterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The face has no outlines the writer can embed (no `CFF ` or `glyf` table, e.g. CFF2 or bitmap-only).
    case fontFormatUnsupported(path: String, faceIndex: Int, reason: String)
    /// A run names a font that `PDFDocumentSpec.fonts` does not have.
    case unknownFont(FontID, fontCount: Int)
    /// A glyph id is not below the face's glyph count. Never clamped to .notdef: a wrong id is a
    /// layout bug and a silent box in a review packet would hide it.
    case glyphOutOfRange(FontID, glyph: UInt32, glyphCount: Int)
    /// hb-subset could not subset the face.
    case subsetFailed(path: String, faceIndex: Int, reason: String)
    /// A document needs at least one page.
    case noPages
    /// Width and height must be finite and in 1…14400 points (the PDF limit).
    case invalidPageSize(page: Int, width: Double, height: Double)
    /// A link or bookmark points at a page the document does not have.
    case invalidDestination(page: Int, context: String)
    /// Page label ranges must start inside the document, each page at most once, start ≥ 1.
    case invalidPageLabels(String)
    /// zlib failed (out of memory).
    case compressionFailed(status: Int32)
    /// An image item names an image that `PDFDocumentSpec.images` does not have.
    case unknownImage(ImageID, imageCount: Int)
    /// A page draws a form the document does not have.
    case unknownForm(FormID, formCount: Int)
    // Image problems carry the image's id when the writer met them, nil from `ImageSource` alone.
    /// The image file has no bytes.
    case imageEmpty(ImageID?)
    /// Neither a JPEG nor a PNG signature.
    case imageFormatUnknown(ImageID?)
    /// A JPEG whose markers are broken or that has no frame header (SOF), e.g. a truncated file.
    case jpegCorrupt(ImageID?, reason: String)
    /// A JPEG whose structure shows it is incomplete (cut off, no scan data): passed through, a viewer
    /// would draw part of it and leave the rest blank.
    case jpegDamaged(ImageID?, JPEGDamage)
    /// A well-formed JPEG that PDF readers need not display (12-bit, lossless, arithmetic coding…).
    case jpegUnsupported(ImageID?, reason: String)
    /// libpng refused the file; `reason` is its message.
    case pngRejected(ImageID?, reason: String)
    /// The header says 0 pixels wide or high.
    case imageZeroSize(ImageID?)
    /// More pixels or decoded bytes than the writer accepts (`ImageSource.maxPixels`, `.maxDecodedBytes`).
    case imageTooLarge(ImageID?, width: Int, height: Int)

    public var description: String {
        switch self {
        case .fontFormatUnsupported(let path, let index, let reason):
            return "font \(path) face \(index) cannot be embedded: \(reason)"
        case .unknownFont(let id, let count):
            return "text uses font \(id.index), but only \(count) fonts are declared"
        case .glyphOutOfRange(let id, let glyph, let count):
            return "font \(id.index): glyph id \(glyph) is not below the face's glyph count \(count)"
        case .subsetFailed(let path, let index, let reason):
            return "subsetting font \(path) face \(index) failed: \(reason)"
        case .noPages:
            return "a document needs at least one page"
        case .invalidPageSize(let page, let width, let height):
            return "page \(page) has an invalid size \(width) × \(height)"
        case .invalidDestination(let page, let context):
            return "\(context) points at page \(page), which the document does not have"
        case .invalidPageLabels(let reason):
            return "invalid page labels: \(reason)"
        case .compressionFailed(let status):
            return "zlib compression failed with status \(status)"
        case .unknownForm(let id, let count):
            return "form \(id.index) drawn, but the document has \(count)"
        case .unknownImage(let id, let count):
            return "an image item uses image \(id.index), but only \(count) images are declared"
        case .imageEmpty(let id):
            return "\(Self.imageName(id)) is empty (0 bytes)"
        case .imageFormatUnknown(let id):
            return "\(Self.imageName(id)) is neither a JPEG nor a PNG"
        case .jpegCorrupt(let id, let reason):
            return "\(Self.imageName(id)) is a broken JPEG: \(reason)"
        case .jpegDamaged(let id, let damage):
            return "\(Self.imageName(id)) is an incomplete JPEG: \(damage.description)"
        case .jpegUnsupported(let id, let reason):
            return "\(Self.imageName(id)) is a JPEG kind PDF cannot carry: \(reason)"
        case .pngRejected(let id, let reason):
            return "\(Self.imageName(id)) is a PNG libpng cannot read: \(reason)"
        case .imageZeroSize(let id):
            return "\(Self.imageName(id)) has no pixels (zero width or height)"
        case .imageTooLarge(let id, let width, let height):
            return "\(Self.imageName(id)) is too large (\(width) × \(height) pixels)"
        }
    }

    private static func imageName(_ id: ImageID?) -> String {
        id.map { "image \($0.index)" } ?? "the image"
    }

    /// The image a problem belongs to, if it is an image problem that names one.
    public var imageID: ImageID? {
        switch self {
        case .imageEmpty(let id), .imageFormatUnknown(let id), .imageZeroSize(let id): return id
        case .jpegCorrupt(let id, _), .jpegUnsupported(let id, _), .pngRejected(let id, _): return id
        case .jpegDamaged(let id, _): return id
        case .imageTooLarge(let id, _, _): return id
        case .unknownImage(let id, _): return id
        default: return nil
        }
    }

    /// The same image problem, naming the image it came from.
    func attributed(to id: ImageID) -> PDFWriterError {
        switch self {
        case .imageEmpty: return .imageEmpty(id)
        case .imageFormatUnknown: return .imageFormatUnknown(id)
        case .jpegCorrupt(_, let reason): return .jpegCorrupt(id, reason: reason)
        case .jpegUnsupported(_, let reason): return .jpegUnsupported(id, reason: reason)
        case .jpegDamaged(_, let damage): return .jpegDamaged(id, damage)
        case .pngRejected(_, let reason): return .pngRejected(id, reason: reason)
        case .imageZeroSize: return .imageZeroSize(id)
        case .imageTooLarge(_, let width, let height): return .imageTooLarge(id, width: width, height: height)
        default: return self
        }
    }
}
