import Foundation
import Testing

/// A small PDF written by the tests themselves, with a classic cross-reference table, whose every
/// object is text the test can change: the base document passes every rule, and each bad case
/// changes the one thing a rule is about.
struct TestPDF: Sendable {
    enum Body: Sendable {
        case value(String)
        /// A stream: its dictionary's entries (without /Length) and its data.
        case stream(String, [UInt8])
    }

    var header: [UInt8] = Array("%PDF-1.7\n".utf8) + [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
    var objects: [Int: Body] = [:]
    var trailerExtra = "/ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]"
    var afterEOF: [UInt8] = [0x0A]
    /// Writes `/Length` as the data's count plus this.
    var lengthError: [Int: Int] = [:]
    /// Streams whose data is followed directly by `endstream` (no EOL).
    var noEOLBeforeEndstream: Set<Int> = []
    /// Objects whose `endobj` follows the value on the same line.
    var endobjOnSameLine: Set<Int> = []
    /// Added to every cross-reference offset of these objects (a damaged table).
    var offsetError: [Int: Int] = [:]

    static let xmpTitle = "Verify test"

    static func xmp(part: String = "3", conformance: String = "B", extra: String = "", title: String = xmpTitle) -> [UInt8] {
        Array(
            """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
               <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(title)</rdf:li></rdf:Alt></dc:title>
               <pdf:Producer>verify tests</pdf:Producer>
               <xmp:CreateDate>2026-12-06T08:00:00+08:00</xmp:CreateDate>
              </rdf:Description>
              <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
               <pdfaid:part>\(part)</pdfaid:part>
               <pdfaid:conformance>\(conformance)</pdfaid:conformance>
              </rdf:Description>
            \(extra)
             </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """.utf8)
    }

    /// An ICC header that says what an sRGB display profile's says (the body is not read).
    static let iccProfile: [UInt8] = {
        var bytes = [UInt8](repeating: 0, count: 128)
        bytes[3] = 128
        bytes[8] = 2
        bytes.replaceSubrange(12..<20, with: Array("mntrRGB ".utf8))
        bytes.replaceSubrange(36..<40, with: Array("acsp".utf8))
        return bytes
    }()

    /// Catalog 1, pages 2, page 3 (a Link annotation 12), XMP 4, output intent 5 with profile 6,
    /// content 7, Info 8, an associated file 10 with its stream 11.
    static var base: TestPDF {
        var pdf = TestPDF()
        pdf.objects[1] = .value(
            "<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R /OutputIntents [5 0 R] /AF [10 0 R] /Names << /EmbeddedFiles << /Names [(data.xml) 10 0 R] >> >> >>"
        )
        pdf.objects[2] = .value("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        pdf.objects[3] = .value(page())
        pdf.objects[4] = .stream("/Type /Metadata /Subtype /XML", xmp())
        pdf.objects[5] = .value(
            "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /DestOutputProfile 6 0 R >>")
        pdf.objects[6] = .stream("/N 3", iccProfile)
        pdf.objects[7] = .stream("", Array("q 0 0 1 rg 10 10 50 50 re f Q".utf8))
        pdf.objects[8] = .value("<< /Title (\(xmpTitle)) /Producer (verify tests) /CreationDate (D:20261206080000+08'00') >>")
        pdf.objects[10] = .value(
            "<< /Type /Filespec /F (data.xml) /UF (data.xml) /EF << /F 11 0 R >> /AFRelationship /Data >>")
        pdf.objects[11] = .stream(
            "/Type /EmbeddedFile /Subtype /application#2Fxml /Params << /ModDate (D:20261206080000+08'00') >>",
            Array("<a/>".utf8))
        pdf.objects[12] = .value("<< /Type /Annot /Subtype /Link /Rect [10 10 60 30] /F 4 /Border [0 0 0] /A << /S /URI /URI (https://example.org/) >> >>")
        return pdf
    }

    /// The page dictionary, with more entries (and resources) when given.
    static func page(extra: String = "", resources: String = "") -> String {
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << \(resources) >> /Contents 7 0 R /Annots [12 0 R] \(extra) >>"
    }

    /// Replaces the catalog's entries: `extra` added, `removing` keys left out.
    mutating func catalog(adding extra: String = "", removing: [String] = []) {
        var entries = [
            "/Type /Catalog", "/Pages 2 0 R", "/Metadata 4 0 R", "/OutputIntents [5 0 R]", "/AF [10 0 R]",
            "/Names << /EmbeddedFiles << /Names [(data.xml) 10 0 R] >> >>",
        ]
        entries.removeAll { entry in removing.contains { entry.hasPrefix("/" + $0 + " ") } }
        objects[1] = .value("<< " + entries.joined(separator: " ") + " " + extra + " >>")
    }

    var bytes: [UInt8] {
        var out = header
        var offsets: [Int: Int] = [:]
        let size = (objects.keys.max() ?? 0) + 1
        for (n, body) in objects.sorted(by: { $0.key < $1.key }) {
            offsets[n] = out.count + (offsetError[n] ?? 0)
            out += Array("\(n) 0 obj\n".utf8)
            switch body {
            case .value(let text):
                out += Array(text.utf8)
            case .stream(let dict, let data):
                out += Array("<< \(dict) /Length \(data.count + (lengthError[n] ?? 0)) >>\nstream\n".utf8)
                out += data
                if !noEOLBeforeEndstream.contains(n) { out += [0x0A] }
                out += Array("endstream".utf8)
            }
            out += Array((endobjOnSameLine.contains(n) ? " endobj\n" : "\nendobj\n").utf8)
        }
        let xref = out.count
        out += Array("xref\n0 \(size)\n0000000000 65535 f \n".utf8)
        for n in 1..<size {
            if let o = offsets[n] {
                let digits = String(o)
                out += Array((String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n").utf8)
            } else {
                out += Array("0000000000 65535 f \n".utf8)
            }
        }
        out += Array("trailer\n<< /Size \(size) /Root 1 0 R /Info 8 0 R \(trailerExtra) >>\nstartxref\n\(xref)\n%%EOF".utf8)
        return out + afterEOF
    }
}

/// Scratch files for tools that take a path (qpdf), under /tmp, removed by the caller.
enum Scratch {
    static func folder() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("verify-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `tool` and returns its exit status; its output is kept for a failing expectation.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
