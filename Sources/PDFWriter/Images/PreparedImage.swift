// An image made ready for the document once: every check done and the image XObject's data made,
// so the writer never decodes an image and cannot fail on one.

/// An image file made ready for the PDF, once: a JPEG's markers read and its structure walked to
/// its end (its bytes go into the file as they are, `/DCTDecode`), a PNG's pixels decoded in full
/// and Flate-compressed as the image's streams (alpha as a soft mask). What a caller that must not
/// fail later (the packet's attachments, before any writer starts) makes, and what the document
/// holds: the pixels are decoded here and nowhere else, and only compressed data is kept.
public struct PreparedImage: Hashable, Sendable {
    /// Size in pixels and orientation, for the layout (`naturalSize`, `fittedSize`).
    public let info: ImageInfo
    let content: Content

    enum Content: Hashable, Sendable {
        /// The file's own bytes; `components` 1 (gray), 3 (YCbCr) or 4 (CMYK, `invertedCMYK` when
        /// Adobe stored it inverted).
        case jpeg(bytes: [UInt8], components: Int, invertedCMYK: Bool)
        /// 8-bit samples, Flate-compressed: `colorChannels` 1 (gray) or 3 (RGB), and one alpha
        /// sample per pixel unless the image is opaque.
        case png(colorChannels: Int, color: [UInt8], alpha: [UInt8]?)
    }

    /// Checks and decodes `source`: the first problem is thrown (none of them name an image).
    public init(_ source: ImageSource) throws(PDFWriterError) {
        switch source.kind {
        case .jpeg:
            let jpeg = try JPEGInfo.parse(source.bytes)
            // Passed through undecoded: a file cut short would be drawn with its lower part blank,
            // with nothing said.
            try JPEGStructure.check(source.bytes)
            info = ImageInfo(pixelWidth: jpeg.width, pixelHeight: jpeg.height, orientation: jpeg.orientation)
            content = .jpeg(bytes: source.bytes, components: jpeg.components, invertedCMYK: jpeg.invertedCMYK)
        case .png:
            // The header's size is checked before any pixel memory is allocated.
            _ = try PNGDecoder.header(source.bytes)
            let decoded = try PNGDecoder.decode(source.bytes)
            info = ImageInfo(pixelWidth: decoded.width, pixelHeight: decoded.height, orientation: .up)
            var alpha: [UInt8]?
            if let samples = decoded.alpha { alpha = try Deflate.compress(samples) }
            content = .png(colorChannels: decoded.colorChannels, color: try Deflate.compress(decoded.color), alpha: alpha)
        }
    }
}
