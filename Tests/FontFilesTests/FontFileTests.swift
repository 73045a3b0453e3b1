import FontFiles
import Foundation
import Testing

/// A font file opened once and its faces: bad files give a typed error, never a crash.
@Suite struct FontFileTests {
    static let notoSans = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    static let twSung = "/usr/share/fonts/truetype/cns11643/TW-Sung-98_1.ttf"

    static let scratch: URL = {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fontfiles-tests")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static func require(_ path: String) throws -> String {
        try #require(
            FileManager.default.fileExists(atPath: path),
            "font \(path) is missing: install it (scripts/bootstrap) to run this test")
        return path
    }

    @Test func missingOrUnreadableFile() {
        #expect(throws: FontFileError.unreadable(path: "/nonexistent/font.ttf")) {
            try FontFile(path: "/nonexistent/font.ttf")
        }
        #expect(throws: FontFileError.self) { try FontFace.open(path: Self.scratch.path) }
    }

    @Test func fileThatIsNotAFont() throws {
        let path = try Self.write(Array("not a font at all".utf8), name: "not-a-font.ttf")
        #expect(throws: FontFileError.faceNotFound(path: path, faceIndex: 0, faceCount: 0)) {
            try FontFace.open(path: path)
        }
        let empty = try Self.write([], name: "empty.ttf")
        #expect(throws: FontFileError.self) { try FontFace.open(path: empty) }
    }

    @Test func faceIndexThatDoesNotExist() throws {
        let path = try Self.require(Self.notoSans)
        #expect(throws: FontFileError.faceNotFound(path: path, faceIndex: 10, faceCount: 10)) {
            try FontFace.open(path: path, faceIndex: 10)
        }
        #expect(throws: FontFileError.faceNotFound(path: path, faceIndex: -1, faceCount: 10)) {
            try FontFace.open(path: path, faceIndex: -1)
        }
        let sung = try Self.require(Self.twSung)
        #expect(throws: FontFileError.faceNotFound(path: sung, faceIndex: 1, faceCount: 1)) {
            try FontFace.open(path: sung, faceIndex: 1)
        }
    }

    /// The faces of a collection share the one mapping of their file; each knows its place and names.
    @Test func facesOfACollection() throws {
        let file = try FontFile(path: try Self.require(Self.notoSans))
        #expect(file.faceCount == 10)
        let faces = try (0..<file.faceCount).map { try file.face(at: $0) }
        #expect(faces.allSatisfy { $0.file === file && $0.path == file.path })
        #expect(faces.map(\.faceIndex) == Array(0..<10))
        #expect(faces.contains { $0.postScriptName == "NotoSansCJKtc-Regular" })
        let face = faces[0]
        #expect(face.unitsPerEm == 1000 && face.glyphCount > 60_000)
        #expect(face.hasTable("CFF ") && !face.hasTable("glyf"))
        #expect(face.table("head").count == 54)
        #expect(face.table("nope").isEmpty)
        // A face is equal only to itself: two loads of the same place are two faces.
        let again = try file.face(at: 0)
        #expect(face == faces[0] && face != again)
    }

    @Test func tags() {
        #expect(openTypeTag("head") == 0x6865_6164)
        #expect(openTypeTag("CFF") == openTypeTag("CFF "))
    }
}
