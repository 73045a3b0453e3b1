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
    // Image problems, met when an image is prepared (`PreparedImage`), before any document is written.
    /// The image file has no bytes.
    case imageEmpty
    /// Neither a JPEG nor a PNG signature.
    case imageFormatUnknown
    /// A JPEG whose markers are broken or that has no frame header (SOF), e.g. a truncated file.
    case jpegCorrupt(reason: String)
    /// A JPEG whose structure shows it is incomplete (cut off, no scan data): passed through, a viewer
    /// would draw part of it and leave the rest blank.
    case jpegDamaged(JPEGDamage)
    /// A well-formed JPEG that PDF readers need not display (12-bit, lossless, arithmetic coding…).
    case jpegUnsupported(reason: String)
    /// libpng refused the file; `reason` is its message.
    case pngRejected(reason: String)
    /// The header says 0 pixels wide or high.
    case imageZeroSize
    /// More pixels or decoded bytes than the writer accepts (`ImageSource.maxPixels`, `.maxDecodedBytes`).
    case imageTooLarge(width: Int, height: Int)
    /// A file attachment annotation names an attachment that `PDFDocumentSpec.attachments` does not have.
    case unknownAttachment(index: Int, attachmentCount: Int)

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
            return "Flate compression failed (status \(status), as zlib numbers them)"
        case .unknownForm(let id, let count):
            return "form \(id.index) drawn, but the document has \(count)"
        case .unknownImage(let id, let count):
            return "an image item uses image \(id.index), but only \(count) images are declared"
        case .imageEmpty:
            return "the image is empty (0 bytes)"
        case .imageFormatUnknown:
            return "the image is neither a JPEG nor a PNG"
        case .jpegCorrupt(let reason):
            return "the image is a broken JPEG: \(reason)"
        case .jpegDamaged(let damage):
            return "the image is an incomplete JPEG: \(damage.description)"
        case .jpegUnsupported(let reason):
            return "the image is a JPEG kind PDF cannot carry: \(reason)"
        case .pngRejected(let reason):
            return "the image is a PNG libpng cannot read: \(reason)"
        case .imageZeroSize:
            return "the image has no pixels (zero width or height)"
        case .imageTooLarge(let width, let height):
            return "the image is too large (\(width) × \(height) pixels)"
        case .unknownAttachment(let index, let count):
            return "a file attachment annotation opens attachment \(index), but only \(count) are attached"
        }
    }
}
