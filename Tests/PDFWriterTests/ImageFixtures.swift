import CZlib
import Foundation
import Testing

@testable import PDFWriter

// Image fixtures made at run time: a small PNG encoder (zlib + CRC, filter 0, optional Adam7),
// JPEGs made by poppler from PDFs this writer wrote, EXIF segments spliced into them, and a PPM
// reader for checking rendered colours. No binary fixture is committed.

enum TestPNG {
    enum ColorType: UInt8 {
        case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        var out = be32(UInt32(data.count)) + typeBytes + data
        let crc = (typeBytes + data).withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        out += be32(UInt32(crc))
        return out
    }

    static func be32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func zlib(_ data: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        _ = out.withUnsafeMutableBufferPointer { o in
            data.withUnsafeBufferPointer { compress2(o.baseAddress, &length, $0.baseAddress, uLong($0.count), 6) }
        }
        return Array(out.prefix(Int(length)))
    }

    /// A PNG whose pixel (x, y) has the sample bytes `pixel(x, y)` (bit depth 8 or 16, whole bytes).
    static func encode(
        width: Int, height: Int, colorType: ColorType, bitDepth: UInt8 = 8, palette: [UInt8]? = nil,
        transparency: [UInt8]? = nil, interlaced: Bool = false, pixel: (Int, Int) -> [UInt8]
    ) -> [UInt8] {
        var ihdr = be32(UInt32(width)) + be32(UInt32(height))
        ihdr += [bitDepth, colorType.rawValue, 0, 0, interlaced ? 1 : 0]
        var raw: [UInt8] = []
        // Adam7 passes: (x start, y start, x step, y step); one pass covering everything otherwise.
        let passes = interlaced
            ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            : [(0, 0, 1, 1)]
        for (x0, y0, dx, dy) in passes {
            guard x0 < width, y0 < height else { continue }
            for y in stride(from: y0, to: height, by: dy) {
                raw.append(0)
                for x in stride(from: x0, to: width, by: dx) { raw += pixel(x, y) }
            }
        }
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk("IHDR", ihdr)
        if let palette { file += chunk("PLTE", palette) }
        if let transparency { file += chunk("tRNS", transparency) }
        file += chunk("IDAT", zlib(raw))
        file += chunk("IEND", [])
        return file
    }

    /// Just a signature and an IHDR claiming the given size (for hostile-header tests).
    static func headerOnly(width: UInt32, height: UInt32) -> [UInt8] {
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk("IHDR", be32(width) + be32(height) + [8, 2, 0, 0, 0])
        file += chunk("IDAT", zlib([0, 0, 0, 0]))
        file += chunk("IEND", [])
        return file
    }
}

/// Four colours, one per quadrant of the stored image: what orientation tests look for.
enum Quadrant: String, CaseIterable {
    case red, green, blue, white

    var rgb: [UInt8] {
        switch self {
        case .red: return [255, 0, 0]
        case .green: return [0, 255, 0]
        case .blue: return [0, 0, 255]
        case .white: return [255, 255, 255]
        }
    }

    /// Stored layout: red top-left, green top-right, blue bottom-left, white bottom-right.
    static func stored(x: Int, y: Int, width: Int, height: Int) -> Quadrant {
        switch (x < width / 2, y < height / 2) {
        case (true, true): return .red
        case (false, true): return .green
        case (true, false): return .blue
        case (false, false): return .white
        }
    }

    /// The nearest of the four, or nil when the pixel is near none of them.
    static func nearest(_ pixel: [UInt8]) -> Quadrant? {
        let scored = allCases.map { quadrant in
            (quadrant, zip(quadrant.rgb, pixel).map { abs(Int($0) - Int($1)) }.max() ?? 255)
        }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 < 80 else { return nil }
        return best.0
    }
}

/// A colour raster read from a binary PPM (what `pdftoppm` writes by default).
struct RGBImage {
    let width: Int
    let height: Int
    let pixels: [UInt8]

    init(ppm data: Data) throws {
        let bytes = [UInt8](data)
        var fields: [String] = []
        var index = 0
        while fields.count < 4 && index < bytes.count {
            while index < bytes.count && [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
            var token: [UInt8] = []
            while index < bytes.count && ![0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) {
                token.append(bytes[index])
                index += 1
            }
            fields.append(String(decoding: token, as: UTF8.self))
        }
        index += 1
        try #require(fields.count == 4 && fields[0] == "P6", "not a binary PPM: \(fields)")
        width = try #require(Int(fields[1]))
        height = try #require(Int(fields[2]))
        pixels = Array(bytes[index...].prefix(width * height * 3))
        try #require(pixels.count == width * height * 3)
    }

    func pixel(_ x: Int, _ y: Int) -> [UInt8] {
        guard x >= 0, y >= 0, x < width, y < height else { return [255, 255, 255] }
        let base = (y * width + x) * 3
        return Array(pixels[base..<(base + 3)])
    }

    /// The quadrant colour at a fraction of the width and height (from the top-left).
    func quadrant(atX fx: Double, y fy: Double) -> Quadrant? {
        Quadrant.nearest(pixel(Int(Double(width) * fx), Int(Double(height) * fy)))
    }
}

enum ImageFixtures {
    /// Writes a one-page document whose page is exactly the image box (so a 72 dpi rendering has one
    /// pixel per point) and returns its path.
    static func writePage(
        _ images: [ImageSource], items: [PageItem], width: Double, height: Double, name: String,
        background: RGB? = nil
    ) throws -> String {
        var content: [PageItem] = []
        if let background {
            content.append(.rect(x: 0, y: 0, width: width, height: height, fill: background, stroke: nil, lineWidth: 0))
        }
        content += items
        let spec = PDFDocumentSpec(
            pages: [PDFPage(width: width, height: height, content: content)], images: try images.map(PreparedImage.init))
        return try Scratch.write(try PDFWriter().write(spec), name: name)
    }

    /// Renders page 1 at `dpi` and returns the raster.
    static func render(_ path: String, dpi: Int = 72) throws -> RGBImage {
        let result = try Tool.run("pdftoppm", ["-r", String(dpi), "-f", "1", "-l", "1", "-singlefile", path])
        try #require(result.status == 0, "pdftoppm: \(result.stderr)")
        return try RGBImage(ppm: result.data)
    }

    /// Renders page 1 with MuPDF, whose DeviceCMYK → RGB is the plain complement (poppler's is a
    /// press approximation that moves pure colours too far for the quadrant check).
    static func renderWithMuPDF(_ path: String) throws -> RGBImage {
        let output = path + ".mupdf.ppm"
        let result = try Tool.run("mutool", ["draw", "-q", "-r", "72", "-o", output, path, "1"])
        try #require(result.status == 0, "mutool: \(result.stderr)")
        return try RGBImage(ppm: try Data(contentsOf: URL(fileURLWithPath: output)))
    }

    /// The quadrant PNG, `width` × `height` pixels.
    static func quadrantPNG(width: Int, height: Int) -> [UInt8] {
        TestPNG.encode(width: width, height: height, colorType: .rgb) {
            Quadrant.stored(x: $0, y: $1, width: width, height: height).rgb
        }
    }

    /// A JPEG of the quadrant image, made by poppler from a page this writer wrote: a producer other
    /// than us, which is what students' files are. `options` are extra pdftoppm flags.
    static func quadrantJPEG(width: Int = 80, height: Int = 60, options: [String] = ["-jpeg"], name: String) throws -> [UInt8] {
        let png = ImageSource(bytes: quadrantPNG(width: width, height: height), kind: .png)
        let pdf = try writePage(
            [png], items: [.image(ImageID(0), x: 0, y: 0, width: Double(width), height: Double(height))],
            width: Double(width), height: Double(height), name: "\(name)-source.pdf")
        let root = Scratch.directory.appendingPathComponent(name).path
        let result = try Tool.run("pdftoppm", ["-r", "72", "-singlefile"] + options + [pdf, root])
        try #require(result.status == 0, "pdftoppm: \(result.stderr)")
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + ".jpg")))
    }

    /// The JPEG with an APP1 Exif segment holding only an orientation tag, right after SOI.
    static func withOrientation(_ jpeg: [UInt8], _ value: UInt16, bigEndian: Bool) -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] { bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32) -> [UInt8] {
            bigEndian ? TestPNG.be32(v) : Array(TestPNG.be32(v).reversed())
        }
        var tiff: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        tiff += u16(42) + u32(8)
        // IFD0: an unrelated tag first (ImageDescription offset), then orientation.
        tiff += u16(2)
        tiff += u16(0x010E) + u16(2) + u32(4) + u32(0)
        tiff += u16(0x0112) + u16(3) + u32(1) + u16(value) + u16(0)
        tiff += u32(0)
        let body = Array("Exif".utf8) + [0, 0] + tiff
        let length = UInt16(body.count + 2)
        let segment: [UInt8] = [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + body
        return Array(jpeg.prefix(2)) + segment + Array(jpeg.dropFirst(2))
    }
}

/// `pdfimages -list` rows: (type, width, height, color, components, encoding, object id).
func listImages(_ path: String) throws -> [[String]] {
    let result = try Tool.run("pdfimages", ["-list", path])
    try #require(result.status == 0, "pdfimages: \(result.stderr)")
    return result.stdout.split(separator: "\n").dropFirst(2).map { line in
        let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // page num type width height color comp bpc enc interp object ID …
        guard fields.count >= 12 else { return fields }
        return [fields[2], fields[3], fields[4], fields[5], fields[6], fields[8], fields[10]]
    }
}
