// Images as files: the bytes and their kind, and what their headers say. `PreparedImage` makes one
// ready for the document. Every reading of the bytes is bounds-checked: the bytes come from
// students' files.

/// An image file's bytes and what kind of file they are.
public struct ImageSource: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Passed through unchanged as `/DCTDecode`.
        case jpeg
        /// Decoded with libpng and re-encoded with Flate; alpha becomes an `/SMask`.
        case png
    }

    public var bytes: [UInt8]
    public var kind: Kind

    public init(bytes: [UInt8], kind: Kind) {
        self.bytes = bytes
        self.kind = kind
    }

    /// The kind from the file's signature, or nil when it is neither JPEG nor PNG.
    public static func detectKind(_ bytes: [UInt8]) -> Kind? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }

    /// An image whose kind is read from its signature.
    public init(detecting bytes: [UInt8]) throws(PDFWriterError) {
        guard !bytes.isEmpty else { throw .imageEmpty }
        guard let kind = Self.detectKind(bytes) else { throw .imageFormatUnknown }
        self.init(bytes: bytes, kind: kind)
    }

    /// Size and orientation, read without decoding the pixels (a PNG's header, a JPEG's markers),
    /// so the layout can size the frame with `fittedSize`.
    public func info() throws(PDFWriterError) -> ImageInfo {
        switch kind {
        case .jpeg:
            let jpeg = try JPEGInfo.parse(bytes)
            return ImageInfo(pixelWidth: jpeg.width, pixelHeight: jpeg.height, orientation: jpeg.orientation)
        case .png:
            let header = try PNGDecoder.header(bytes)
            return ImageInfo(pixelWidth: header.width, pixelHeight: header.height, orientation: .up)
        }
    }

    /// Images larger than this many pixels are refused: a viewer would have to decode them, and a
    /// PNG this large would need hundreds of MB here (100 MP is far beyond any phone camera).
    public static let maxPixels = 100_000_000
    /// Decoded PNG samples above this are refused, whatever the pixel count (bounded memory).
    public static let maxDecodedBytes = 256 * 1024 * 1024

    /// Checks the size limits; the numbers come straight from a file header.
    static func checkSize(width: Int, height: Int, channels: Int = 1) throws(PDFWriterError) {
        guard width > 0, height > 0 else { throw .imageZeroSize }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        let (bytes, overflow2) = pixels.multipliedReportingOverflow(by: max(1, channels))
        guard !overflow, !overflow2, pixels <= maxPixels, bytes <= maxDecodedBytes else {
            throw .imageTooLarge(width: width, height: height)
        }
    }
}

/// Index into `PDFDocumentSpec.images`.
public struct ImageID: Hashable, Sendable {
    public var index: Int
    public init(_ index: Int) { self.index = index }
    public init(index: Int) { self.index = index }
}

/// How the stored pixels must be turned to appear upright: the EXIF orientation tag (0x0112),
/// with its values. Only JPEGs carry it here; PNGs are always `.up`.
public enum ImageOrientation: Int, Hashable, Sendable, CaseIterable {
    /// Stored upright.
    case up = 1
    /// Mirrored left–right.
    case upMirrored = 2
    /// Upside down.
    case down = 3
    /// Mirrored top–bottom.
    case downMirrored = 4
    /// Row 0 is the left side, column 0 the top (transposed).
    case leftMirrored = 5
    /// Row 0 is the right side, column 0 the top: turn 90° clockwise to show (phones held upright).
    case right = 6
    /// Row 0 is the right side, column 0 the bottom (transverse).
    case rightMirrored = 7
    /// Row 0 is the left side, column 0 the bottom: turn 90° counter-clockwise to show.
    case left = 8

    /// Whether width and height swap when shown.
    public var swapsAxes: Bool { rawValue >= 5 }

    /// Where the stored point (u from the left, t from the top, both 0…1) appears in the shown
    /// image (p from the left, q from the top), as the EXIF specification defines each value.
    func shown(u: Double, t: Double) -> (p: Double, q: Double) {
        switch self {
        case .up: return (u, t)
        case .upMirrored: return (1 - u, t)
        case .down: return (1 - u, 1 - t)
        case .downMirrored: return (u, 1 - t)
        case .leftMirrored: return (t, u)
        case .right: return (1 - t, u)
        case .rightMirrored: return (1 - t, 1 - u)
        case .left: return (t, 1 - u)
        }
    }

    /// The `cm` matrix [a b c d e f] that maps PDF image space (the unit square, row 0 at the top)
    /// onto the box so the image appears upright in it.
    func placementMatrix(x: Double, y: Double, width: Double, height: Double) -> [Double] {
        // PDF image space has v up with the first row at v = 1; the box has y up.
        func map(_ u: Double, _ v: Double) -> (Double, Double) {
            let shown = self.shown(u: u, t: 1 - v)
            return (x + shown.p * width, y + (1 - shown.q) * height)
        }
        let origin = map(0, 0)
        let uEnd = map(1, 0)
        let vEnd = map(0, 1)
        return [uEnd.0 - origin.0, uEnd.1 - origin.1, vEnd.0 - origin.0, vEnd.1 - origin.1, origin.0, origin.1]
    }
}

/// What the layout needs to know of an image before placing it.
public struct ImageInfo: Hashable, Sendable {
    /// Stored size in pixels (before orientation).
    public var pixelWidth: Int
    public var pixelHeight: Int
    public var orientation: ImageOrientation

    public init(pixelWidth: Int, pixelHeight: Int, orientation: ImageOrientation) {
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.orientation = orientation
    }

    /// The size in points at 100%, as shown (axes swapped for a quarter-turned image).
    public var naturalSize: (width: Double, height: Double) {
        fittedSize(
            pixelWidth: pixelWidth, pixelHeight: pixelHeight, orientation: orientation,
            frameWidth: .infinity, frameHeight: .infinity)
    }
}

/// Points per image pixel at "100%". One pixel is one point (72 dpi): images carry no resolution
/// we can trust (phones write 72, scanners anything, screenshots nothing), and at 72 dpi a small
/// scan or screenshot is shown as large as possible without being upscaled, while anything from a
/// camera is far larger than a page and only ever scaled down.
public let imagePointsPerPixel = 1.0

/// The size in points to draw an image so it fits inside the frame: aspect ratio kept, scaled down
/// when needed, never scaled up past 100% (`imagePointsPerPixel`). The orientation swaps the axes
/// of a quarter-turned image. A zero, negative or non-finite input gives (0, 0).
public func fittedSize(
    pixelWidth: Int, pixelHeight: Int, orientation: ImageOrientation = .up, frameWidth: Double,
    frameHeight: Double
) -> (width: Double, height: Double) {
    guard pixelWidth > 0, pixelHeight > 0, frameWidth > 0, frameHeight > 0, !frameWidth.isNaN, !frameHeight.isNaN
    else { return (0, 0) }
    let shownWidth = Double(orientation.swapsAxes ? pixelHeight : pixelWidth) * imagePointsPerPixel
    let shownHeight = Double(orientation.swapsAxes ? pixelWidth : pixelHeight) * imagePointsPerPixel
    let scale = min(1, frameWidth / shownWidth, frameHeight / shownHeight)
    return (shownWidth * scale, shownHeight * scale)
}
