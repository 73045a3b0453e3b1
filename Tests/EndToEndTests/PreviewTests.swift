import Foundation
import Testing

/// `render --preview`: the student's preview.
@Suite struct PreviewTests {
    @Test func previewHasAWatermarkOnEveryPageAndAFirstPageOfFixes() throws {
        let out = try Harness.temporaryFolder("preview")
        let plain = try Harness.temporaryFolder("plain")
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: plain)
        }
        let applicant = "samples/001012/01000102"
        let preview = try Harness.run(["render", applicant, "--out", out.path, "--preview"])
        #expect(preview.status == 0, "\(preview.output)")
        #expect(try Harness.run(["render", applicant, "--out", plain.path]).status == 0)
        // A preview never takes the final names: a student cannot mistake it for the packet.
        let pdf = out.appendingPathComponent("01000102.preview.pdf").path
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", pdf]).status == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("01000102.preview.xml").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("01000102.pdf").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("01000102.xml").path))

        let info = try Harness.tool("/usr/bin/pdfinfo", [pdf]).stdout
        let plainInfo = try Harness.tool("/usr/bin/pdfinfo", [plain.appendingPathComponent("01000102.pdf").path]).stdout
        func pages(_ text: String) -> Int {
            Int(text.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        }
        #expect(pages(info) > pages(plainInfo))

        // Every page carries the watermark.
        for page in 1...pages(info) {
            let text = try Harness.tool("/usr/bin/pdftotext", ["-f", "\(page)", "-l", "\(page)", "-enc", "UTF-8", pdf, "-"]).stdout
            #expect(text.contains("預覽版"), "page \(page) has no watermark")
        }
        // The first pages name what the student can fix, with where (this sample's list takes two).
        let first = try Harness.tool("/usr/bin/pdftotext", ["-f", "1", "-l", "2", "-enc", "UTF-8", pdf, "-"]).stdout
            .filter { !$0.isWhitespace }
        #expect(first.contains("未提供的項目"))
        #expect(first.contains("MD5"))
        #expect(first.contains("01000102_課程學習成果.json"))
        #expect(first.contains("康熙部首"))
        // Its PDFs use Helvetica without embedding it: replaced by an embedded face, nothing to fix.
        #expect(!first.contains("files/migration-map.pdf"))
        // The plain packet has no watermark.
        let plainText = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", plain.appendingPathComponent("01000102.pdf").path, "-"]).stdout
        #expect(!plainText.contains("預覽版"))
    }
}
