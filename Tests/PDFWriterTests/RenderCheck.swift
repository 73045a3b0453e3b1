import CHarfBuzz
import FontFiles
import Foundation
import Testing

@testable import PDFWriter

/// A greyscale raster read from a binary PGM (what `pdftoppm -gray` and `mutool draw` write).
struct GrayImage {
    let width: Int
    let height: Int
    let pixels: [UInt8]

    init(pgm data: Data) throws {
        let bytes = [UInt8](data)
        var fields: [String] = []
        var index = 0
        // Header: "P5", width, height, maxval, each separated by whitespace; then one whitespace byte.
        while fields.count < 4 && index < bytes.count {
            while index < bytes.count && (bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D) {
                index += 1
            }
            var token: [UInt8] = []
            while index < bytes.count && !(bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D) {
                token.append(bytes[index])
                index += 1
            }
            fields.append(String(decoding: token, as: UTF8.self))
        }
        index += 1
        try #require(fields.count == 4 && fields[0] == "P5", "not a binary PGM: \(fields)")
        width = try #require(Int(fields[1]))
        height = try #require(Int(fields[2]))
        pixels = Array(bytes[index...].prefix(width * height))
        try #require(pixels.count == width * height)
    }

    func pixel(_ x: Int, _ y: Int) -> UInt8 {
        guard x >= 0, y >= 0, x < width, y < height else { return 255 }
        return pixels[y * width + x]
    }

    /// Bounding box of inked pixels inside the box, or nil when there is none. The threshold is
    /// light so that the anti-aliased tips of tapering serif strokes count.
    func inkBox(x0: Int, y0: Int, x1: Int, y1: Int) -> (minX: Int, minY: Int, maxX: Int, maxY: Int)? {
        var box: (Int, Int, Int, Int)?
        for y in max(0, y0)..<min(height, y1) {
            for x in max(0, x0)..<min(width, x1) where pixel(x, y) < 224 {
                if let b = box {
                    box = (min(b.0, x), min(b.1, y), max(b.2, x), max(b.3, y))
                } else {
                    box = (x, y, x, y)
                }
            }
        }
        return box.map { (minX: $0.0, minY: $0.1, maxX: $0.2, maxY: $0.3) }
    }

    /// The cell's pixels, thresholded, as a signature for "these two glyphs look different".
    func signature(x0: Int, y0: Int, x1: Int, y1: Int) -> [Bool] {
        var result: [Bool] = []
        for y in y0..<y1 {
            for x in x0..<x1 { result.append(pixel(x, y) < 128) }
        }
        return result
    }
}

/// Draws every glyph of `text` in its own grid cell and checks, on a rendering at 72 dpi
/// (1 px = 1 pt), that each cell is inked, all cells differ, and each cell's ink box is where the
/// ORIGINAL face's outline extents (read by HarfBuzz from the unsubsetted font) say it must be.
/// A wrong code → glyph mapping in the subset shows up as a misplaced or wrongly sized box.
enum RenderCheck {
    static let size = 40.0
    static let cell = 60.0
    static let columns = 8

    struct Expected {
        let character: String
        let glyph: UInt32
        let cellX: Int
        let cellY: Int
        /// Ink box in image pixels (y down), from the original outline.
        let box: (minX: Double, minY: Double, maxX: Double, maxY: Double)?
    }

    static func gridDocument(_ source: FontFace, text: String, shaper: TestShaper) throws -> (
        spec: PDFDocumentSpec, expected: [Expected]
    ) {
        let characters = text.map(String.init)
        try #require(Set(characters).count == characters.count, "grid characters must be distinct")
        let rows = (characters.count + columns - 1) / columns
        let pageWidth = Double(columns) * cell
        let pageHeight = Double(rows) * cell
        var items: [PageItem] = []
        var expected: [Expected] = []
        for (index, character) in characters.enumerated() {
            let shaped = shaper.shape(character, size: size)
            try #require(shaped.glyphs.count == 1, "\(character) shapes to \(shaped.glyphs.count) glyphs")
            let glyph = shaped.glyphs[0]
            let column = index % columns
            let row = index / columns
            let originX = Double(column) * cell + 10
            let baseline = pageHeight - Double(row) * cell - 45
            items.append(
                .text(TextRun(font: FontID(0), size: size, x: originX, y: baseline, glyphs: [glyph])))
            let scale = size / shaper.upem
            let box = shaper.extents(glyph.id).map { e in
                (
                    minX: originX + e.xBearing * scale,
                    minY: pageHeight - (baseline + e.yBearing * scale),
                    maxX: originX + (e.xBearing + e.width) * scale,
                    maxY: pageHeight - (baseline + (e.yBearing + e.height) * scale)
                )
            }
            expected.append(
                Expected(
                    character: character, glyph: glyph.id, cellX: column * Int(cell), cellY: row * Int(cell), box: box))
        }
        let spec = PDFDocumentSpec(
            pages: [PDFPage(width: pageWidth, height: pageHeight, content: items)], fonts: [source])
        return (spec, expected)
    }

    /// Checks one rendering; returns the number of cells checked.
    @discardableResult
    static func verify(_ image: GrayImage, _ expected: [Expected], renderer: String) -> Int {
        var signatures: [[Bool]: String] = [:]
        for item in expected {
            let x0 = item.cellX
            let y0 = item.cellY
            let ink = image.inkBox(x0: x0, y0: y0, x1: x0 + Int(cell), y1: y0 + Int(cell))
            guard let ink, let box = item.box else {
                Issue.record("\(renderer): \(item.character) (glyph \(item.glyph)) rendered no ink")
                continue
            }
            // Anti-aliasing and pixel snapping move edges by up to about a pixel and a half.
            let tolerance = 2.0
            let ok =
                abs(Double(ink.minX) - box.minX) <= tolerance && abs(Double(ink.maxX + 1) - box.maxX) <= tolerance
                && abs(Double(ink.minY) - box.minY) <= tolerance && abs(Double(ink.maxY + 1) - box.maxY) <= tolerance
            #expect(
                ok,
                "\(renderer): \(item.character) glyph \(item.glyph) ink \(ink) but the original outline says \(box)")
            let signature = image.signature(x0: x0, y0: y0, x1: x0 + Int(cell), y1: y0 + Int(cell))
            if let other = signatures[signature] {
                Issue.record("\(renderer): \(item.character) renders exactly like \(other)")
            }
            signatures[signature] = item.character
        }
        return expected.count
    }

    static func renderWithPoppler(_ path: String) throws -> GrayImage {
        let prefix = path + "-poppler"
        let result = try Tool.run("pdftoppm", ["-r", "72", "-gray", "-singlefile", path, prefix])
        try #require(result.status == 0, "pdftoppm failed: \(result.stderr)")
        return try GrayImage(pgm: Data(contentsOf: URL(fileURLWithPath: prefix + ".pgm")))
    }

    static func renderWithMuPDF(_ path: String) throws -> GrayImage {
        let output = path + "-mupdf.pgm"
        let result = try Tool.run("mutool", ["draw", "-q", "-r", "72", "-c", "gray", "-o", output, path, "1"])
        try #require(result.status == 0, "mutool draw failed: \(result.stderr)")
        return try GrayImage(pgm: Data(contentsOf: URL(fileURLWithPath: output)))
    }
}

extension TestShaper {
    struct Extents {
        let xBearing: Double
        let yBearing: Double
        let width: Double
        let height: Double
    }

    /// Tight ink extents of the ORIGINAL outline in font units (y up, like hb_glyph_extents_t):
    /// the outline is drawn through HarfBuzz and its curves sampled, since hb's own CFF extents
    /// include control points and overshoot curved strokes.
    func extents(_ glyph: UInt32) -> Extents? {
        final class Bounds {
            var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
            func add(_ x: Double, _ y: Double) {
                minX = min(minX, x)
                minY = min(minY, y)
                maxX = max(maxX, x)
                maxY = max(maxY, y)
            }
        }
        let bounds = Bounds()
        let funcs = hb_draw_funcs_create()
        defer { hb_draw_funcs_destroy(funcs) }
        hb_draw_funcs_set_move_to_func(
            funcs,
            { _, data, _, x, y, _ in
                Unmanaged<Bounds>.fromOpaque(data!).takeUnretainedValue().add(Double(x), Double(y))
            }, nil, nil)
        hb_draw_funcs_set_line_to_func(
            funcs,
            { _, data, _, x, y, _ in
                Unmanaged<Bounds>.fromOpaque(data!).takeUnretainedValue().add(Double(x), Double(y))
            }, nil, nil)
        hb_draw_funcs_set_quadratic_to_func(
            funcs,
            { _, data, state, cx, cy, x, y, _ in
                let b = Unmanaged<Bounds>.fromOpaque(data!).takeUnretainedValue()
                let x0 = Double(state!.pointee.current_x)
                let y0 = Double(state!.pointee.current_y)
                for step in 1...16 {
                    let t = Double(step) / 16
                    let u = 1 - t
                    b.add(
                        u * u * x0 + 2 * u * t * Double(cx) + t * t * Double(x),
                        u * u * y0 + 2 * u * t * Double(cy) + t * t * Double(y))
                }
            }, nil, nil)
        hb_draw_funcs_set_cubic_to_func(
            funcs,
            { _, data, state, c1x, c1y, c2x, c2y, x, y, _ in
                let b = Unmanaged<Bounds>.fromOpaque(data!).takeUnretainedValue()
                let x0 = Double(state!.pointee.current_x)
                let y0 = Double(state!.pointee.current_y)
                for step in 1...16 {
                    let t = Double(step) / 16
                    let u = 1 - t
                    b.add(
                        u * u * u * x0 + 3 * u * u * t * Double(c1x) + 3 * u * t * t * Double(c2x) + t * t * t * Double(x),
                        u * u * u * y0 + 3 * u * u * t * Double(c1y) + 3 * u * t * t * Double(c2y) + t * t * t * Double(y))
                }
            }, nil, nil)
        withExtendedLifetime(bounds) {
            hb_font_get_glyph_shape(fontPointer, glyph, funcs, Unmanaged.passUnretained(bounds).toOpaque())
        }
        guard bounds.minX.isFinite, bounds.maxX > bounds.minX else { return nil }
        return Extents(
            xBearing: bounds.minX, yBearing: bounds.maxY, width: bounds.maxX - bounds.minX,
            height: bounds.minY - bounds.maxY)
    }
}
