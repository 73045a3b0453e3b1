import CZlib
import Foundation
import PDFReader

/// Fixtures are built at run time: hand-written objects laid out with computed offsets.
struct PDFBuilder {
    var bytes: [UInt8] = Array("%PDF-1.7\n%\u{E2}\u{E3}\n".utf8)
    var offsets: [Int: Int] = [:]

    mutating func add(_ number: Int, _ body: String) {
        offsets[number] = bytes.count
        bytes += Array("\(number) 0 obj\n\(body)\nendobj\n".utf8)
    }

    mutating func addStream(_ number: Int, _ dict: String, _ data: [UInt8]) {
        offsets[number] = bytes.count
        bytes += Array("\(number) 0 obj\n<< \(dict) /Length \(data.count) >>\nstream\n".utf8)
        bytes += data
        bytes += Array("\nendstream\nendobj\n".utf8)
    }

    /// A classic xref table covering every object added since `since` (all of them by default).
    mutating func finishClassic(trailer: String, numbers: [Int]? = nil) {
        let start = bytes.count
        let list = (numbers ?? Array(offsets.keys)).sorted()
        var xref = "xref\n"
        if numbers == nil {
            let maxN = list.last ?? 0
            xref += "0 \(maxN + 1)\n0000000000 65535 f \n"
            for n in stride(from: 1, through: maxN, by: 1) {
                if let o = offsets[n] {
                    xref += String(format: "%010d 00000 n \n", o)
                } else {
                    xref += "0000000000 00000 f \n"
                }
            }
        } else {
            for n in list { xref += "\(n) 1\n" + String(format: "%010d 00000 n \n", offsets[n] ?? 0) }
        }
        bytes += Array(xref.utf8)
        bytes += Array("trailer\n\(trailer)\nstartxref\n\(start)\n%%EOF\n".utf8)
    }
}

func deflate(_ input: [UInt8]) -> [UInt8] {
    var size = compressBound(uLong(input.count))
    var out = [UInt8](repeating: 0, count: Int(size))
    _ = out.withUnsafeMutableBufferPointer { o in
        input.withUnsafeBufferPointer { i in compress2(o.baseAddress, &size, i.baseAddress, uLong(input.count), 9) }
    }
    return Array(out.prefix(Int(size)))
}

/// Deflates `count` zero bytes without holding them all in memory (for the decompression bomb).
func deflateZeros(count: Int) -> [UInt8] {
    var stream = z_stream()
    _ = deflateInit_(&stream, 9, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    defer { deflateEnd(&stream) }
    let zeros = [UInt8](repeating: 0, count: 1 << 20)
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var remaining = count
    while true {
        let n = min(remaining, zeros.count)
        remaining -= n
        let flush = remaining == 0 ? Z_FINISH : Z_NO_FLUSH
        zeros.withUnsafeBufferPointer { z in
            stream.next_in = UnsafeMutablePointer(mutating: z.baseAddress)
            stream.avail_in = UInt32(n)
            repeat {
                chunk.withUnsafeMutableBufferPointer { c in
                    stream.next_out = c.baseAddress
                    stream.avail_out = UInt32(c.count)
                    _ = CZlib.deflate(&stream, flush)
                    out += c[0..<(c.count - Int(stream.avail_out))]
                }
            } while stream.avail_out == 0
        }
        if remaining == 0 { break }
    }
    return out
}

let pageOneText = "BT /F1 24 Tf 72 700 Td (Hello page one) Tj ET"
let pageTwoText = "BT /F1 24 Tf 72 700 Td (Second \\(flate\\) page) Tj ET /GS1 gs"

/// The base fixture: two pages, page 1 plain, page 2 Flate-compressed, shared font and ExtGState,
/// inherited MediaBox and Resources on the Pages node, a CropBox and Rotate on page 2.
func samplePDF(extraCatalog: String = "", extraPage1: String = "", extraObjects: (inout PDFBuilder) -> Void = { _ in })
    -> [UInt8]
{
    var b = PDFBuilder()
    b.add(1, "<< /Type /Catalog /Pages 2 0 R \(extraCatalog) >>")
    b.add(2, "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 595 842] /Resources 7 0 R >>")
    b.add(3, "<< /Type /Page /Parent 2 0 R /Contents 5 0 R \(extraPage1) >>")
    b.add(4, "<< /Type /Page /Parent 2 0 R /Contents [6 0 R] /CropBox [10 10 500 800] /Rotate -90 >>")
    b.addStream(5, "", Array(pageOneText.utf8))
    b.addStream(6, "/Filter /FlateDecode", deflate(Array(pageTwoText.utf8)))
    b.add(7, "<< /Font << /F1 8 0 R >> /ExtGState << /GS1 9 0 R >> /ProcSet [/PDF /Text] >>")
    b.add(8, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    b.add(9, "<< /Type /ExtGState /CA 0.5 >>")
    extraObjects(&b)
    b.finishClassic(trailer: "<< /Size \((b.offsets.keys.max() ?? 0) + 1) /Root 1 0 R >>")
    return b.bytes
}

/// A scratch directory per test, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pdfreader-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

struct ToolError: Error, CustomStringConvertible { var description: String }

/// Runs an installed tool (qpdf, pdftocairo); throws with its stderr when it fails.
@discardableResult
func run(_ tool: String, _ arguments: [String], allowedStatus: Set<Int32> = [0]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
    p.arguments = arguments
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard allowedStatus.contains(p.terminationStatus) else {
        throw ToolError(description: "\(tool) \(arguments): \(String(decoding: e, as: UTF8.self))")
    }
    return String(decoding: o, as: UTF8.self)
}

/// Writes `input`, runs `tool` producing `out.pdf`, returns its bytes.
func transform(_ input: [UInt8], tool: String, arguments: (String, String) -> [String], allowedStatus: Set<Int32> = [0])
    throws -> [UInt8]
{
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let inPath = dir.appendingPathComponent("in.pdf").path
    let outPath = dir.appendingPathComponent("out.pdf").path
    try Data(input).write(to: URL(fileURLWithPath: inPath))
    try run(tool, arguments(inPath, outPath), allowedStatus: allowedStatus)
    return Array(try Data(contentsOf: URL(fileURLWithPath: outPath)))
}

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// Every value reachable inside `object` (without following references), for "must not contain" checks.
func containsName(_ name: String, in object: PDFObject, depth: Int = 0) -> Bool {
    guard depth < 100 else { return false }
    switch object {
    case .name(let n): return n == name
    case .array(let a): return a.contains { containsName(name, in: $0, depth: depth + 1) }
    case .dictionary(let d):
        return d.keys.contains(name) || d.values.contains { containsName(name, in: $0, depth: depth + 1) }
    case .stream(let s): return containsName(name, in: .dictionary(s.dictionary), depth: depth + 1)
    default: return false
    }
}

/// Checks the two pages of `samplePDF` however the file was rewritten.
func expectSamplePages(_ reader: PDFDocumentReader) throws -> (ImportedPage, ImportedPage) {
    let p1 = try reader.page(0)
    let p2 = try reader.page(1)
    return (p1, p2)
}

/// Byte offset of the last occurrence of `needle` (files with binary data are not valid UTF-8).
func lastIndex(of needle: String, in bytes: [UInt8]) -> Int? {
    let n = Array(needle.utf8)
    guard bytes.count >= n.count else { return nil }
    for i in stride(from: bytes.count - n.count, through: 0, by: -1) where bytes[i..<(i + n.count)].elementsEqual(n) {
        return i
    }
    return nil
}
