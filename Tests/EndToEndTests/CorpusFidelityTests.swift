import Foundation
import Testing

/// Students' PDFs as real producers make them (Tests/Fixtures/corpus/make_corpus.py: LibreOffice,
/// Chromium, Ghostscript, cairo, reportlab, img2pdf, qpdf), each the one attachment of an applicant:
/// every packet is sound, claims PDF/A-3b with every font embedded, and each imported page looks
/// like the original, compared pixel by pixel at 100 dpi (compare_pages.py says how; the bounds and
/// why are in docs/renderings.md, "Students' PDFs: original vs imported").
@Suite(.serialized) struct CorpusFidelityTests {
    /// Share of differing pixels a page may have when it is drawn with the student's own fonts
    /// (embedded, or no text): the page is the same drawing, so only rasterisation may differ.
    static let sameFontsBound = 2.0
    /// … and when the original uses fonts without their programs, which the packet replaces by
    /// embedded faces: the text keeps its place (the advance widths are the original's), the glyphs
    /// take the substitute's shapes. The bound is for shapes only: a line of text out of place
    /// differs by far more.
    static let replacedFontsBound = 10.0

    struct Case: Decodable {
        var name: String
        var file: String
        var producer: String
        var what: String
    }

    struct PageComparison: Decodable {
        var page: Int
        var packetPage: Int
        var width: Int
        var height: Int
        var scale: Double
        var differingPixels: Int
        var differingPercent: Double
        var fontsReplaced: [String]
    }

    static let fixtures = Harness.root.appendingPathComponent("Tests/Fixtures/corpus")
    static let python = Harness.root.appendingPathComponent(".build/test-venv/bin/python")

    @Test func importedPagesMatchTheOriginalsAndEveryPacketClaimsPDFA() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python.path) else {
            Issue.record("\(Self.python.path) is missing: scripts/bootstrap --test makes it")
            return
        }
        let root = try Harness.temporaryFolder("corpus")
        defer { try? FileManager.default.removeItem(at: root) }

        // The corpus, made here by the producers (none of it is committed).
        let corpus = root.appendingPathComponent("corpus")
        let made = try Harness.tool(Self.python.path, [Self.fixtures.appendingPathComponent("make_corpus.py").path, corpus.path])
        try #require(made.status == 0, "make_corpus.py: \(made.output)")
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: corpus.appendingPathComponent("manifest.json")))
        #expect(cases.count >= 20, "\(cases.map(\.name))")

        // One applicant per PDF, all rendered by one batch.
        let applicants = root.appendingPathComponent("applicants")
        var numbers: [String: String] = [:]
        for (index, item) in cases.enumerated() {
            let number = String(format: "0801%04d", index + 1)
            numbers[item.name] = number
            let bytes = Array(try Data(contentsOf: corpus.appendingPathComponent(item.file)))
            _ = try AttachmentPDFTests.applicant(applicants, number: number, files: [("files/\(item.file)", bytes)])
        }
        let out = root.appendingPathComponent("out")
        let batch = try Harness.run(["batch", applicants.path, "--out", out.path, "--jobs", "2"], timeout: 600)
        #expect(batch.status == 0, "\(batch.output)")

        // Each applicant's errors and warnings, from the batch's report.
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any])
        var reports: [String: [[String: Any]]] = [:]
        for entry in (report["applicants"] as? [[String: Any]]) ?? [] {
            guard let number = entry["applicant"] as? String else { continue }
            reports[number] = ((entry["errors"] as? [[String: Any]]) ?? []) + ((entry["warnings"] as? [[String: Any]]) ?? [])
        }

        // Side-by-side PNGs for docs/renderings.md when CORPUS_IMAGES names a folder.
        let images = ProcessInfo.processInfo.environment["CORPUS_IMAGES"]
        var summary: [String] = []
        for item in cases {
            let number = try #require(numbers[item.name])
            let packet = out.appendingPathComponent("001012/\(number).pdf")
            let label = "\(item.name) (\(item.producer))"
            guard FileManager.default.fileExists(atPath: packet.path) else {
                Issue.record("\(label): no packet")
                continue
            }
            #expect(try Harness.tool("/usr/bin/qpdf", ["--check", packet.path]).status == 0, "\(label)")

            // PDF/A-3b identification, every font of the packet embedded, and nothing to say about the file.
            try Harness.expectPDFA3b(packet.path, label: label)
            let problems = (reports[number] ?? []).filter { $0["file"] as? String == "files/\(item.file)" }
            #expect(problems.isEmpty, "\(label): \(problems)")

            // Each page against its imported copy.
            let work = root.appendingPathComponent("compare-\(item.name)")
            var arguments = [
                Self.fixtures.appendingPathComponent("compare_pages.py").path,
                corpus.appendingPathComponent(item.file).path, packet.path, work.path,
            ]
            if let images { arguments += ["--images", images] }
            let compared = try Harness.tool(Self.python.path, arguments)
            guard compared.status == 0 else {
                Issue.record("\(label): compare_pages.py: \(compared.output)")
                continue
            }
            let pages = try JSONDecoder().decode([PageComparison].self, from: Data(compared.stdout.utf8))
            let original = try AttachmentPDFTests.pageCount(corpus.appendingPathComponent(item.file).path)
            #expect(pages.count == original, "\(label)")
            for page in pages {
                let bound = page.fontsReplaced.isEmpty ? Self.sameFontsBound : Self.replacedFontsBound
                #expect(
                    page.differingPercent <= bound,
                    "\(label) page \(page.page): \(page.differingPercent) % of the pixels differ (bound \(bound) %, fonts replaced: \(page.fontsReplaced))"
                )
            }
            let worst = pages.map(\.differingPercent).max() ?? 0
            let mean = pages.isEmpty ? 0 : pages.map(\.differingPercent).reduce(0, +) / Double(pages.count)
            let replaced = Set(pages.flatMap(\.fontsReplaced)).sorted().joined(separator: ", ")
            summary.append(
                "| \(item.name) | \(item.producer) | \(pages.count) | \(String(format: "%.2f", worst)) | \(String(format: "%.2f", mean)) | \(replaced.isEmpty ? "none" : replaced) |"
            )
        }
        // The measured table (docs/renderings.md quotes it).
        print(summary.joined(separator: "\n"))
    }
}
