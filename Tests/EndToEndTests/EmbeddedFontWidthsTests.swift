import Foundation
import Testing

/// A student's PDF whose embedded font disagrees with its own widths (ISO 19005-3 6.2.11.5) is an
/// input problem, not a bug: the page is placed as it is, the student is told, and the packet does
/// not claim PDF/A-3b (it never exits 70 for it).
@Suite struct EmbeddedFontWidthsTests {
    /// One page of text in Liberation Sans, embedded whole as a simple TrueType font whose `/Widths`
    /// say 100 for every code (the program's advances are some 280–1,000).
    static func wrongWidthsPDF() throws -> [UInt8] {
        let found = try Harness.tool("/usr/bin/fc-match", ["-f", "%{file}", "Liberation Sans"]).stdout
        let program = try [UInt8](Data(contentsOf: URL(fileURLWithPath: found)))
        let content = "BT /F1 24 Tf 72 760 Td (Widths that lie) Tj ET"
        let objects: [[UInt8]] = [
            Array("<< /Type /Catalog /Pages 2 0 R >>".utf8),
            Array("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
            Array("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".utf8),
            Array("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream".utf8),
            Array(("<< /Type /Font /Subtype /TrueType /BaseFont /LiberationSans /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 "
                + "/Widths [\(Array(repeating: "100", count: 95).joined(separator: " "))] /FontDescriptor 6 0 R >>").utf8),
            Array(("<< /Type /FontDescriptor /FontName /LiberationSans /Flags 32 /FontBBox [-544 -303 1302 980] /ItalicAngle 0 "
                + "/Ascent 905 /Descent -212 /CapHeight 1409 /StemV 80 /FontFile2 7 0 R >>").utf8),
            Array("<< /Length \(program.count) /Length1 \(program.count) >>\nstream\n".utf8) + program + Array("\nendstream".utf8),
        ]
        return handWrittenPDF(objects, header: Array("%PDF-1.7\n".utf8) + [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
    }

    @Test func aFontWhoseWidthsLieCostsTheClaimAndSaysWhich() throws {
        let root = try Harness.temporaryFolder("wrong-widths")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try AttachmentPDFTests.applicant(
            root, number: "08020001", files: [("files/lying-widths.pdf", try Self.wrongWidthsPDF())])
        let out = root.appendingPathComponent("out")
        let (result, pdf) = try AttachmentPDFTests.render(folder, into: out)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stderr.contains("lying-widths.pdf") && result.stderr.contains("LiberationSans"), "\(result.stderr)")
        #expect(result.stderr.contains("字寬"), "\(result.stderr)")

        // The page is there, as the student made it.
        let text = try Harness.tool("/usr/bin/pdftotext", [pdf, "-"]).stdout
        #expect(text.contains("Widths that lie"))
        // No PDF/A identification, and the PDF is what it says it is.
        let meta = try Harness.tool("/usr/bin/pdfinfo", ["-meta", pdf]).stdout
        #expect(!meta.contains("pdfaid:part"), "\(meta)")
        let verified = try Harness.run(["verify", "--json", pdf], profile: nil)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as? [String: Any])
        let file = try #require((document["files"] as? [[String: Any]])?.first)
        #expect(file["claimsPDFA3"] as? Bool == false)

        // The warning is in the XML too, on the item.
        let xml = try String(contentsOf: out.appendingPathComponent("08020001.xml"), encoding: .utf8)
        #expect(xml.contains("attachment-font-widths-inconsistent"))
    }
}
