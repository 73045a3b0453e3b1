import Foundation
import Testing

/// A PDF written by hand: `objects[i]` is object i + 1 (object 1 the catalog); streams are given
/// as (dictionary entries, data) and get their /Length.
struct HandPDF {
    enum Object {
        case plain(String)
        case stream(String, [UInt8])
    }

    static func bytes(_ objects: [Object]) -> [UInt8] {
        var out = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(index + 1) 0 obj\n".utf8)
            switch object {
            case .plain(let body): out += Array(body.utf8)
            case .stream(let dictionary, let data):
                out += Array("<< \(dictionary) /Length \(data.count) >>\nstream\n".utf8) + data + Array("\nendstream".utf8)
            }
            out += Array("\nendobj\n".utf8)
        }
        let xref = out.count
        out += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { out += Array(String(format: "%010d 00000 n \n", offset).utf8) }
        out += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return out
    }

    /// One page of `width` × `height` whose /Font resources are `fonts` (name → font object
    /// dictionary, each written as an object of its own) and whose content is `content` (bytes, so a
    /// test can show any code); `extra` objects follow, numbered from 4 + fonts.count.
    static func page(
        fonts: [(String, String)], content: [UInt8], extra: [Object] = [], width: Int = 595, height: Int = 842
    ) -> [UInt8] {
        let fontNumbers = fonts.indices.map { 5 + $0 }
        let resources = zip(fonts, fontNumbers).map { "/\($0.0.0) \($0.1) 0 R" }.joined(separator: " ")
        var objects: [Object] = [
            .plain("<< /Type /Catalog /Pages 2 0 R >>"),
            .plain("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            .plain("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] /Resources << /Font << \(resources) >> >> /Contents 4 0 R >>"),
            .stream("", content),
        ]
        objects += fonts.map { .plain($0.1) }
        objects += extra
        return bytes(objects)
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
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), data: data)
    }
}

enum Scratch {
    /// Kept after the run so a failing test's PDFs can be looked at.
    static let directory: URL = {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("attachments-tests")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}

/// The share of pixels (0…1) that differ by more than a faint anti-aliasing step between two
/// renderings of one page at 100 dpi (`pdftoppm -gray`), page `page` of each file.
func differingPixels(_ a: String, page a1: Int = 1, _ b: String, page b1: Int = 1) throws -> Double {
    func render(_ path: String, _ page: Int) throws -> (width: Int, height: Int, pixels: [UInt8]) {
        let out = try Tool.run("pdftoppm", ["-r", "100", "-gray", "-f", "\(page)", "-l", "\(page)", path])
        let bytes = [UInt8](out.data)
        var fields: [String] = []
        var index = 0
        while fields.count < 4, index < bytes.count {
            while index < bytes.count, [0x20, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            var token: [UInt8] = []
            while index < bytes.count, ![0x20, 0x0A, 0x0D].contains(bytes[index]) {
                token.append(bytes[index])
                index += 1
            }
            fields.append(String(decoding: token, as: UTF8.self))
        }
        index += 1
        let width = try #require(Int(fields[1]))
        let height = try #require(Int(fields[2]))
        return (width, height, Array(bytes[index...].prefix(width * height)))
    }
    let x = try render(a, a1)
    let y = try render(b, b1)
    try #require(x.width == y.width && x.height == y.height, "sizes \(x.width)×\(x.height) and \(y.width)×\(y.height)")
    var differing = 0
    for i in 0..<min(x.pixels.count, y.pixels.count) where abs(Int(x.pixels[i]) - Int(y.pixels[i])) > 32 {
        differing += 1
    }
    return Double(differing) / Double(max(1, x.pixels.count))
}
