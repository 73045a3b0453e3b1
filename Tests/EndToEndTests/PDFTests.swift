import Foundation
import Testing

/// The PDF packet of every sample, checked with the tools a reviewer's software trusts:
/// qpdf, pdffonts, pdftotext, and the outline.
@Suite(.serialized) struct PDFTests {
    /// Renders a sample once per test into a fresh folder, with a fixed SOURCE_DATE_EPOCH.
    static func render(_ applicant: String, into out: URL) throws -> URL {
        let result = try Harness.run(
            ["render", applicant, "--out", out.path], environment: ["SOURCE_DATE_EPOCH": "1767225600"], timeout: 300)
        #expect(result.status == 0, "\(result.output)")
        let number = String(applicant.split(separator: "/").last!)
        return out.appendingPathComponent("\(number).pdf")
    }

    @Test(arguments: Harness.sampleApplicants)
    func structureFontsAndDeterminism(applicant: String) throws {
        let out1 = try Harness.temporaryFolder("pdf1")
        let out2 = try Harness.temporaryFolder("pdf2")
        defer {
            try? FileManager.default.removeItem(at: out1)
            try? FileManager.default.removeItem(at: out2)
        }
        let pdf = try Self.render(applicant, into: out1)
        let again = try Self.render(applicant, into: out2)
        #expect(try Data(contentsOf: pdf) == Data(contentsOf: again), "two renders must give identical bytes")

        let check = try Harness.tool("/usr/bin/qpdf", ["--check", pdf.path])
        #expect(check.status == 0, "\(check.output)")

        // Every font of the packet's own text: CID, embedded, subset, with ToUnicode (P1).
        let fonts = try Harness.tool("/usr/bin/pdffonts", [pdf.path])
        let rows = fonts.stdout.split(separator: "\n").dropFirst(2).filter { $0.contains("Identity-H") }
        #expect(!rows.isEmpty)
        for row in rows {
            #expect(row.contains("CID"), "\(row)")
            let columns = row.split(separator: " ", omittingEmptySubsequences: true)
            // … emb sub uni object ID: the last five columns are emb, sub, uni, object, generation.
            #expect(Array(columns.suffix(5).prefix(3)) == ["yes", "yes", "yes"], "\(row)")
        }
        // The samples' attached PDFs use standard-14 Helvetica without embedding it: it is replaced by
        // an embedded subset of Nimbus Sans, so every font of the packet is embedded.
        let all = fonts.stdout.split(separator: "\n").dropFirst(2)
        #expect(all.allSatisfy { Array($0.split(separator: " ", omittingEmptySubsequences: true).suffix(5).prefix(3)) == ["yes", "yes", "yes"] }, "\(fonts.stdout)")
    }

    @Test(arguments: Harness.sampleApplicants)
    func thePDFCarriesTheXMLByteForByte(applicant: String) throws {
        let out = try Harness.temporaryFolder("pdfxml")
        defer { try? FileManager.default.removeItem(at: out) }
        let pdf = try Self.render(applicant, into: out)
        let xml = pdf.deletingPathExtension().appendingPathExtension("xml")
        let list = try Harness.tool("/usr/bin/qpdf", ["--list-attachments", pdf.path])
        #expect(list.stdout.hasPrefix(xml.lastPathComponent + " ->"), "\(list.output)")
        // PDF/A-3b identification, with the extension schema naming the embedded XML (P6): claimed
        // exactly when no imported page keeps a font without its program. The samples' PDFs use
        // standard-14 Helvetica, as many students' do; it is replaced by an embedded metric-compatible
        // face, so every sample claims PDF/A and none is warned.
        let meta = try Harness.tool("/usr/bin/pdfinfo", ["-meta", pdf.path]).stdout
        let check = try Harness.run(["check", applicant, "--json"])
        let fontsNotEmbedded = check.stdout.contains("\"attachment-fonts-not-embedded\"")
        #expect(!fontsNotEmbedded, "the samples' Helvetica is replaced")
        #expect(meta.contains("<pdfaid:part>3</pdfaid:part>") == !fontsNotEmbedded)
        #expect(meta.contains("<pdfaid:conformance>B</pdfaid:conformance>") == !fontsNotEmbedded)
        #expect(meta.contains("<pep:DocumentFileName>\(xml.lastPathComponent)</pep:DocumentFileName>"))
        let catalog = try Harness.tool("/usr/bin/qpdf", ["--show-object=1", pdf.path]).stdout
        #expect(catalog.contains("/OutputIntents") && catalog.contains("/AF"))
        let shown = out.appendingPathComponent("shown.xml")
        let show = try Harness.tool("/bin/sh", ["-c", "qpdf --show-attachment=\(xml.lastPathComponent) '\(pdf.path)' > '\(shown.path)'"])
        #expect(show.status == 0)
        #expect(try Data(contentsOf: shown) == Data(contentsOf: xml))
    }

    @Test func textComesBackCharacterForCharacter() throws {
        let out = try Harness.temporaryFolder("pdftext")
        defer { try? FileManager.default.removeItem(at: out) }
        let applicant = "samples/001012/01000101"
        let pdf = try Self.render(applicant, into: out)
        let text = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf.path, "-"]).stdout
        // The name, with its character beyond the BMP (U+21619).
        #expect(text.contains("林𡘙安"))
        // A whole essay paragraph, line breaks aside (P3), including 𪚥 (U+2A6A5).
        let essay = try String(
            contentsOf: Harness.root.appendingPathComponent("\(applicant)/01000101_高中學習歷程反思.txt"), encoding: .utf8)
        let flattened = text.filter { !$0.isWhitespace }
        var checked = 0
        for paragraph in essay.split(separator: "\n") {
            let expected = paragraph.filter { !$0.isWhitespace }
            guard expected.count > 20 else { continue }
            #expect(flattened.contains(expected), "paragraph not found: \(expected.prefix(30))")
            checked += 1
        }
        #expect(checked >= 2)
        #expect(essay.contains("𪚥") && flattened.contains("𪚥"))
    }

    @Test func aPlane15CharacterInANameComesBack() throws {
        let out = try Harness.temporaryFolder("pdfplane15")
        defer { try? FileManager.default.removeItem(at: out) }
        let pdf = try Self.render("samples/2A0105/02050002", into: out)
        let text = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf.path, "-"]).stdout
        #expect(text.contains("蔡佩\u{F0000}"))
        let fonts = try Harness.tool("/usr/bin/pdffonts", [pdf.path]).stdout
        #expect(fonts.contains("TW-Sung-Plus"))
    }

    @Test(arguments: Harness.sampleApplicants)
    func noLineStartsWithANoStartMark(applicant: String) throws {
        let out = try Harness.temporaryFolder("pdflayout")
        defer { try? FileManager.default.removeItem(at: out) }
        let pdf = try Self.render(applicant, into: out)
        let text = try Harness.tool("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8", pdf.path, "-"]).stdout
        let noStart: Set<Character> = ["、", "，", "。", "：", "；", "！", "？", "」", "』", "）", "》", "〉", "】", "·", "‧", "・"]
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " || $0 == "\u{3000}" }
            if let first = trimmed.first {
                #expect(!noStart.contains(first), "a line starts with \(first): \(trimmed.prefix(20))")
            }
        }
    }

    @Test(arguments: Harness.sampleApplicants)
    func everyItemHasABookmark(applicant: String) throws {
        let out = try Harness.temporaryFolder("pdfoutline")
        defer { try? FileManager.default.removeItem(at: out) }
        let pdf = try Self.render(applicant, into: out)
        let json = try Harness.tool("/usr/bin/qpdf", ["--json", "--json-key=outlines", pdf.path])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let outlines = object?["outlines"] as? [[String: Any]] ?? []
        let titles = outlines.compactMap { $0["title"] as? String }
        #expect(titles.first == "目錄")
        #expect(titles.last == "檔案核對")
        // One top-level entry per review item with a page of its own (not 「未提供」, not only
        // pointing to the combined 學習歷程自述), in code order.
        let xml = try String(contentsOf: pdf.deletingPathExtension().appendingPathExtension("xml"), encoding: .utf8)
        let codes = PagesTests.items(xml).filter { $0.status != "notProvided" && !$0.pointer }.map(\.code)
        #expect(titles.dropFirst().dropLast().map { String($0.split(separator: " ").first ?? "") } == codes)
        let pages = try Harness.tool("/usr/bin/pdfinfo", [pdf.path]).stdout
        #expect(pages.contains("Page size:       595.276 x 841.89 pts (A4)"))
    }
}
