/// Everything that can stop a document from being written. Each case carries what the caller needs
/// to report the problem; none of them is a bug in the writer.
public enum PDFWriterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The font file does not exist or cannot be read.
    case fontFileUnreadable(path: String)
    /// The file has no face with that index (`faceCount` faces; 0 when it is not a font at all).
    case fontFaceNotFound(path: String, faceIndex: Int, faceCount: Int)
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

    public var description: String {
        switch self {
        case .fontFileUnreadable(let path):
            return "font file missing or unreadable: \(path)"
        case .fontFaceNotFound(let path, let index, let count):
            return "font file \(path) has no face \(index) (it has \(count))"
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
        }
    }
}
