import CHarfBuzz
import FontFiles
import Foundation
import Testing

@testable import PDFWriter

// Shared helpers: system fonts, a small HarfBuzz shaper that produces what the layout would hand
// the writer, and running the poppler/qpdf command-line tools on written files.

enum TestFonts {
    static let notoSans = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    static let notoSerif = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
    static let twSung = "/usr/share/fonts/truetype/cns11643/TW-Sung-98_1.ttf"
    static let twSungExtB = "/usr/share/fonts/truetype/cns11643/TW-Sung-Ext-B-98_1.ttf"
    static let twSungPlus = "/usr/share/fonts/truetype/cns11643/TW-Sung-Plus-98_1.ttf"

    /// The face of a collection whose family name (name ID 1) is `family`.
    static func faceIndex(in path: String, family: String) throws -> Int {
        try #require(
            FileManager.default.fileExists(atPath: path),
            "font \(path) is missing: install fonts-noto-cjk / the CNS11643 fonts (scripts/bootstrap)")
        let blob = try #require(hb_blob_create_from_file_or_fail(path), "cannot read \(path)")
        defer { hb_blob_destroy(blob) }
        for index in 0..<hb_face_count(blob) {
            let face = hb_face_create(blob, index)
            defer { hb_face_destroy(face) }
            var buffer = [CChar](repeating: 0, count: 256)
            var size = UInt32(buffer.count)
            _ = buffer.withUnsafeMutableBufferPointer { hb_ot_name_get_utf8(face, 1, nil, &size, $0.baseAddress) }
            let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if name == family { return Int(index) }
        }
        Issue.record("no face named \(family) in \(path)")
        throw FontMissing()
    }

    static func require(_ path: String) throws -> FontFace {
        try #require(
            FileManager.default.fileExists(atPath: path),
            "font \(path) is missing: install it (scripts/bootstrap) to run this test")
        return try shelf.face(path: path, index: 0)
    }

    static func notoSansTC() throws -> FontFace {
        try shelf.face(path: notoSans, index: try faceIndex(in: notoSans, family: "Noto Sans CJK TC"))
    }

    static func notoSerifTC() throws -> FontFace {
        try shelf.face(path: notoSerif, index: try faceIndex(in: notoSerif, family: "Noto Serif CJK TC"))
    }

    /// Each face loaded once for all the tests, as a process loads its fonts once: the writer's
    /// cache keeps a face's program (prepared for subsetting) by the face.
    private static let shelf = FaceShelf()

    private final class FaceShelf: @unchecked Sendable {
        private let lock = NSLock()
        private var faces: [String: FontFace] = [:]

        func face(path: String, index: Int) throws -> FontFace {
            lock.lock()
            defer { lock.unlock() }
            let key = "\(path)#\(index)"
            if let known = faces[key] { return known }
            let face = try FontFace.open(path: path, faceIndex: index)
            faces[key] = face
            return face
        }
    }
}

struct FontMissing: Error {}

/// Shapes text with HarfBuzz as zh-Hant (what Typesetting will do) and returns placed glyphs with
/// cluster texts, laid out at natural advances.
final class TestShaper {
    private let face: FontFace
    private let font: OpaquePointer
    let upem: Double

    var fontPointer: OpaquePointer { font }

    init(_ face: FontFace) throws {
        self.face = face
        font = hb_font_create(face.harfBuzzFace)
        upem = Double(face.unitsPerEm)
    }

    deinit {
        hb_font_destroy(font)
    }

    func glyphCount() -> Int { face.glyphCount }

    /// The nominal glyph of a code point (tests only; the writer never looks at cmap).
    func glyph(for scalar: Unicode.Scalar) -> UInt32? {
        var glyph: UInt32 = 0
        return hb_font_get_nominal_glyph(font, scalar.value, &glyph) != 0 ? glyph : nil
    }

    func advance(_ glyph: UInt32) -> Double {
        Double(hb_font_get_glyph_h_advance(font, glyph)) / upem
    }

    /// Glyphs of `text` at `size` points, starting at pen x = 0; also returns the total advance.
    func shape(_ text: String, size: Double, language: String = "zh-Hant") -> (glyphs: [PlacedGlyph], width: Double) {
        let buffer = hb_buffer_create()
        defer { hb_buffer_destroy(buffer) }
        let utf8 = Array(text.utf8)
        utf8.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) {
                hb_buffer_add_utf8(buffer, $0.baseAddress, Int32($0.count), 0, Int32($0.count))
            }
        }
        hb_buffer_guess_segment_properties(buffer)
        hb_buffer_set_language(buffer, hb_language_from_string(language, -1))
        hb_shape(font, buffer, nil, 0)
        var count: UInt32 = 0
        let infos = hb_buffer_get_glyph_infos(buffer, &count)
        let positions = hb_buffer_get_glyph_positions(buffer, &count)
        var glyphs: [PlacedGlyph] = []
        var pen = 0.0
        let scale = size / upem
        for index in 0..<Int(count) {
            guard let info = infos?[index], let position = positions?[index] else { continue }
            let cluster = Int(info.cluster)
            let startsCluster = index == 0 || Int(infos?[index - 1].cluster ?? 0) != cluster
            var clusterText = ""
            if startsCluster {
                var end = utf8.count
                var next = index + 1
                while next < Int(count) {
                    let nextCluster = Int(infos?[next].cluster ?? 0)
                    if nextCluster != cluster {
                        end = nextCluster
                        break
                    }
                    next += 1
                }
                clusterText = String(decoding: utf8[cluster..<end], as: UTF8.self)
            }
            glyphs.append(
                PlacedGlyph(
                    id: info.codepoint, x: pen + Double(position.x_offset) * scale,
                    yOffset: Double(position.y_offset) * scale, text: clusterText))
            pen += Double(position.x_advance) * scale
        }
        return (glyphs, pen)
    }
}

enum Tool {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var data: Data
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting, so a large output cannot fill the pipe and block the child.
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), data: data)
    }

    static func available(_ executable: String) -> Bool {
        (try? run("which", [executable]).status) == 0
    }
}

enum Scratch {
    /// One folder for written files, overwritten by each run and kept afterwards so a failing
    /// test's PDF can be inspected.
    static let directory: URL = {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("pdfwriter-tests")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}

/// A font cache shared by the tests in this process, so each face is preprocessed once.
let sharedCache = FontProgramCache()

/// A run of `text` shaped in `font` at (x, y).
func textRun(
    _ text: String, shaper: TestShaper, font: FontID, size: Double, x: Double, y: Double, color: RGB = .black
) -> TextRun {
    let shaped = shaper.shape(text, size: size)
    return TextRun(font: font, size: size, color: color, x: x, y: y, glyphs: shaped.glyphs)
}

/// `qpdf --check` exits 0 and reports no warnings (P5).
func expectValidPDF(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let check = try Tool.run("qpdf", ["--check", path])
    #expect(check.status == 0, "qpdf --check \(path): \(check.stdout)\(check.stderr)", sourceLocation: sourceLocation)
    #expect(
        !check.stdout.lowercased().contains("warning") && check.stderr.isEmpty,
        "qpdf --check \(path): \(check.stdout)\(check.stderr)", sourceLocation: sourceLocation)
}
