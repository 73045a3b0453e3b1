import Foundation
import Testing

/// `portfolio-export verify`: packets pass, a PDF that claims PDF/A-3b but draws text in a font it
/// does not embed fails with its clause, a missing file is 66, and `--json` follows its schema. The
/// same check runs on every PDF the end-to-end tests write (`Harness.verifyPDFs`).
@Suite struct VerifyCommandTests {
    /// A one-page PDF claiming PDF/A-3b whose text is in standard-14 Helvetica, not embedded.
    static func unembeddedFontPDF() -> [UInt8] {
        let xmp = """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>
            </rdf:RDF></x:xmpmeta>
            <?xpacket end="w"?>
            """
        let content = "BT /F1 12 Tf 20 100 Td (Hello) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>",
            "<< /Type /Metadata /Subtype /XML /Length \(xmp.utf8.count) >>\nstream\n\(xmp)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
        ]
        return handWrittenPDF(
            objects.map { Array($0.utf8) }, header: Array("%PDF-1.7\n".utf8) + [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A],
            trailer: " /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]")
    }

    @Test func packetsPassAndABadPDFFailsWithItsClause() throws {
        let folder = try Harness.temporaryFolder("verify")
        defer { try? FileManager.default.removeItem(at: folder) }
        let render = try Harness.run(["render", "samples/001012/01000101", "--out", folder.path])
        #expect(render.status == 0, "\(render.output)")
        let packet = folder.appendingPathComponent("01000101.pdf").path
        let good = try Harness.run(["verify", packet])
        #expect(good.status == 0, "\(good.output)")
        #expect(good.stdout.contains("通過全部 45 條檢查"))

        let bad = folder.appendingPathComponent("helvetica.pdf")
        try Data(Self.unembeddedFontPDF()).write(to: bad)
        let chinese = try Harness.run(["verify", packet, bad.path])
        #expect(chinese.status == 65, "\(chinese.output)")
        #expect(chinese.stdout.contains("未通過 fonts-embedded（ISO 19005-3 6.2.11.4）每個字型（Type 3 除外）都內嵌字型程式"))
        #expect(chinese.stdout.contains("  - 物件 5：字型「Helvetica」沒有內嵌"))
        // Every finding in Chinese under the default locale (the harness's LANG=C.UTF-8 is not English).
        let findingLines = chinese.stdout.split(separator: "\n").filter { $0.hasPrefix("  - ") }
        #expect(!findingLines.isEmpty)
        for line in findingLines {
            #expect(line.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(line)")
            #expect(!line.contains(" is ") && !line.contains(" not ") && !line.contains("the "), "\(line)")
        }
        #expect(chinese.stdout.contains("未通過 output-intent（ISO 19005-3 6.2.3）"))
        #expect(chinese.stdout.contains("未通過 tounicode（本專案規則）") == false, "standard encodings map to Unicode")
        let english = try Harness.run(["verify", bad.path], environment: ["LANG": "en_US.UTF-8"])
        #expect(english.status == 65)
        #expect(english.stdout.contains("fails fonts-embedded (ISO 19005-3 6.2.11.4): every font but Type 3 has its font program embedded"))
        #expect(english.stdout.contains("  - object 5: Helvetica is not embedded"))

        let missing = try Harness.run(["verify", folder.appendingPathComponent("none.pdf").path])
        #expect(missing.status == 66, "\(missing.output)")

        // --json for each case, validated against the schema with a real validator.
        var documents: [String] = []
        for (name, files, status) in [("good", [packet], Int32(0)), ("bad", [packet, bad.path], 65), ("missing", ["/nonexistent.pdf"], 66)] {
            let result = try Harness.run(["verify", "--json"] + files)
            #expect(result.status == status, "\(name): \(result.output)")
            if name == "bad" {
                // Findings in the console's language, as check --json gives its messages.
                #expect(result.stdout.contains("\"物件 5：字型「Helvetica」沒有內嵌\""), "\(result.stdout)")
                let english = try Harness.run(["verify", "--json"] + files, environment: ["LANG": "en_US.UTF-8"])
                #expect(english.stdout.contains("\"object 5: Helvetica is not embedded\""), "\(english.stdout)")
            }
            let path = folder.appendingPathComponent("\(name).json").path
            try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: path))
            documents.append(path)
        }
        let validation = try JSONSchemaTests.validate(documents, against: JSONSchemaTests.verify)
        #expect(validation.status == 0, "\(validation.output)")
    }

    /// The hook every `render` and `batch` of these tests goes through records a PDF that claims
    /// PDF/A-3b and fails a rule as an issue of the test.
    @Test func theHarnessHookCatchesAFailingPDF() throws {
        let folder = try Harness.temporaryFolder("verify-hook")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.unembeddedFontPDF()).write(to: folder.appendingPathComponent("bad.pdf"))
        withKnownIssue {
            _ = try Harness.verifyPDFs(in: folder, writtenSince: .distantPast)
        }
    }
}
