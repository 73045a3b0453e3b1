import Foundation
import Testing

/// 「自行上傳PDF檔」 on applicant folders made by hand from a sample: the uploaded PDFs placed in their
/// items with the mark on every page of them, 「自行上傳」 in the index, the XML's `<upload>` entries
/// valid; both ways in one folder, a link out of the folder and a wrong code are errors (exit 65).
@Suite struct UploadTests {
    static let mark = "自行上傳，未經學習歷程中央資料庫認證"
    static let number = "01000105"

    /// `<tmp>/001012/01000105`, a copy of sample 01000101, with the department's profile; without its
    /// 課程學習成果 and 多元表現 records unless `keepRecords`; with `_自行上傳_B.pdf` (2 pages) and
    /// `_自行上傳_J.pdf` (1 page).
    func uploadFolder(keepRecords: Bool = false) throws -> (root: URL, folder: URL) {
        let root = try Harness.temporaryFolder("upload")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Harness.root.appendingPathComponent("samples/profiles/001012.json"),
            to: root.appendingPathComponent("profiles/001012.json"))
        try BatchFixture.clone("samples/001012/01000101", into: root, department: "001012", number: Self.number)
        let folder = root.appendingPathComponent("001012/\(Self.number)")
        if !keepRecords {
            for suffix in ["課程學習成果.json", "多元表現.json"] {
                try FileManager.default.removeItem(at: folder.appendingPathComponent("\(Self.number)_\(suffix)"))
            }
        }
        try Data(AttachmentPDFTests.helveticaPDF(pages: 2, label: "UPLOAD-B"))
            .write(to: folder.appendingPathComponent("\(Self.number)_自行上傳_B.pdf"))
        try Data(AttachmentPDFTests.helveticaPDF(pages: 1, label: "UPLOAD-J"))
            .write(to: folder.appendingPathComponent("\(Self.number)_自行上傳_J.pdf"))
        return (root, folder)
    }

    func pageTexts(_ pdf: String) throws -> [String] {
        let count = try AttachmentPDFTests.pageCount(pdf)
        return try (1...max(count, 1)).map { page in
            try Harness.tool("/usr/bin/pdftotext", ["-f", "\(page)", "-l", "\(page)", "-enc", "UTF-8", pdf, "-"]).stdout
                .filter { !$0.isWhitespace }
        }
    }

    func sha256(_ file: URL) throws -> String {
        String(try Harness.tool("/usr/bin/sha256sum", [file.path]).stdout.prefix(64))
    }

    @Test func uploadedPDFsAreMarkedOnEveryPageListedInTheIndexAndDescribedInTheXML() throws {
        let (root, folder) = try uploadFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let result = try Harness.run(["render", folder.path, "--out", out.path])
        #expect(result.status == 0, "\(result.output)")
        // Files of the contract now, not unreferenced ones (the sample's files/ folder still is).
        let unreferenced = result.stderr.split(separator: "\n").filter { $0.contains("沒有任何紀錄引用") }
        #expect(!unreferenced.isEmpty)
        #expect(!unreferenced.contains { $0.contains("自行上傳") })
        let pdf = out.appendingPathComponent("\(Self.number).pdf").path
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", pdf]).status == 0)
        let pages = try pageTexts(pdf)

        // Every page of the uploaded files (their own text, extracted from the imported page) carries the
        // mark; the other imported pages (the sample's own PDFs) do not.
        let uploaded = pages.filter { $0.contains("UPLOAD-B") || $0.contains("UPLOAD-J") }
        #expect(uploaded.count == 3)
        #expect(uploaded.allSatisfy { $0.contains(Self.mark) })
        for label in ["UPLOAD-Bpage1of2", "UPLOAD-Bpage2of2", "UPLOAD-Jpage1of1"] {
            #expect(pages.contains { $0.contains(label) && $0.contains(Self.mark) }, "\(label)")
        }
        let schoolPages = pages.filter { $0.contains("01000105_第6學期成績單.pdf第") || $0.contains("01000105_其他有利審查資料.pdf第") }
        #expect(!schoolPages.isEmpty)
        #expect(schoolPages.allSatisfy { !$0.contains(Self.mark) })

        // The index (on the opening page) marks the two items 「自行上傳」 on their lines.
        let index = try Harness.tool("/usr/bin/pdftotext", ["-f", "1", "-l", "1", "-layout", "-enc", "UTF-8", pdf, "-"]).stdout
        let lines = index.split(separator: "\n")
        for name in ["書面報告", "競賽表現"] {
            #expect(lines.contains { $0.contains(name) && $0.contains("自行上傳") }, "\(name): \(index)")
        }
        #expect(!lines.contains { $0.contains("實作作品") && $0.contains("自行上傳") })

        // The XML validates and holds each upload in its item with its name, size, SHA-256 and flag.
        let xml = out.appendingPathComponent("\(Self.number).xml")
        let lint = try Harness.tool("/usr/bin/xmllint", ["--noout", "--schema", Harness.schema, xml.path])
        #expect(lint.status == 0, "\(lint.output)")
        let text = try String(contentsOf: xml, encoding: .utf8)
        for code in ["B", "J"] {
            let name = "\(Self.number)_自行上傳_\(code).pdf"
            let file = folder.appendingPathComponent(name)
            let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? -1
            #expect(text.contains("<upload file=\"\(name)\" itemCode=\"\(code)\" flags=\"uploaded\">"), "\(code)")
            #expect(
                text.contains("name=\"\(name)\" size=\"\(size)\" mediaType=\"application/pdf\" sha256=\"\(try sha256(file))\""),
                "\(code)")
        }
        #expect(!text.contains("both-selection-modes"))
    }

    @Test func bothWaysInOneFolderAreAnErrorShownEverywhere() throws {
        let (root, folder) = try uploadFolder(keepRecords: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let result = try Harness.run(["render", folder.path, "--out", out.path])
        #expect(result.status == 65, "\(result.output)")
        #expect(result.stderr.contains("同一校系只能擇一方式提供資料"), "\(result.stderr)")
        for file in ["課程學習成果.json", "多元表現.json", "自行上傳_B.pdf", "自行上傳_J.pdf"] {
            #expect(result.stderr.contains("\(Self.number)_\(file)"), "\(file)")
        }
        // Both ways are in the packet, each marked.
        let pages = try pageTexts(out.appendingPathComponent("\(Self.number).pdf").path)
        #expect(pages.filter { $0.contains("UPLOAD-B") || $0.contains("UPLOAD-J") }.allSatisfy { $0.contains(Self.mark) })
        #expect(pages.contains { $0.contains("UPLOAD-B") })
        #expect(pages.contains { $0.contains("勾選與自行上傳並存") && $0.contains("成果1") })
        let xml = try String(contentsOf: out.appendingPathComponent("\(Self.number).xml"), encoding: .utf8)
        #expect(xml.contains("code=\"both-selection-modes\""))
        #expect(xml.contains("flags=\"uploaded bothSelectionModes\""))

        // `check` reports it, the preview's fix page lists it first, report.json carries it.
        let check = try Harness.run(["check", folder.path, "--json"])
        #expect(check.status == 65)
        #expect(check.stdout.contains("\"both-selection-modes\""), "\(check.stdout)")
        let preview = try Harness.run(["render", folder.path, "--out", out.path, "--preview"])
        #expect(preview.status == 65)
        let fixPage = try pageTexts(out.appendingPathComponent("\(Self.number).preview.pdf").path)[0]
        let heading = try #require(fixPage.range(of: "提供方式（勾選或自行上傳，擇一）與自行上傳的檔案"))
        #expect(fixPage[heading.upperBound...].hasPrefix("（1）"))
        #expect(fixPage.contains("同一校系只能擇一方式提供資料"))
        if let unreadable = fixPage.range(of: "無法讀取的檔案") { #expect(heading.lowerBound < unreadable.lowerBound) }
        let batch = try Harness.run(["batch", root.path, "--out", root.appendingPathComponent("batch").path])
        #expect(batch.status == 65, "\(batch.output)")
        let report = try String(contentsOf: root.appendingPathComponent("batch/report.json"), encoding: .utf8)
        #expect(report.contains("\"both-selection-modes\""))
    }

    @Test func anUploadLinkedOutOfTheFolderIsRefusedAndAWrongCodeIsAnError() throws {
        let (root, folder) = try uploadFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let outside = root.appendingPathComponent("secret.pdf")
        try Data(AttachmentPDFTests.helveticaPDF(pages: 1, label: "SECRET-OUTSIDE")).write(to: outside)
        let upload = folder.appendingPathComponent("\(Self.number)_自行上傳_B.pdf")
        try FileManager.default.removeItem(at: upload)
        try FileManager.default.createSymbolicLink(atPath: upload.path, withDestinationPath: "../../secret.pdf")
        try Data(AttachmentPDFTests.helveticaPDF(pages: 1, label: "UPLOAD-A"))
            .write(to: folder.appendingPathComponent("\(Self.number)_自行上傳_A.pdf"))
        let out = root.appendingPathComponent("out")
        let result = try Harness.run(["render", folder.path, "--out", out.path])
        #expect(result.status == 65, "\(result.output)")
        #expect(
            result.stderr.split(separator: "\n").contains {
                $0.contains("\(Self.number)_自行上傳_B.pdf") && $0.contains("無法讀取檔案：符號連結指向申請生資料夾之外")
            }, "\(result.stderr)")
        #expect(
            result.stderr.split(separator: "\n").contains {
                $0.contains("\(Self.number)_自行上傳_A.pdf") && $0.contains("項目 A（修課紀錄）不能以自行上傳PDF檔提供")
            }, "\(result.stderr)")
        let text = try pageTexts(out.appendingPathComponent("\(Self.number).pdf").path).joined()
        let xml = try String(contentsOf: out.appendingPathComponent("\(Self.number).xml"), encoding: .utf8)
        for output in [text, xml, result.output] {
            #expect(!output.contains("SECRET-OUTSIDE"))
        }
        #expect(!text.contains("UPLOAD-A"), "an upload for an item that is not uploaded is not placed")
        #expect(text.contains("無法讀取：\(Self.number)_自行上傳_B.pdf"))
        #expect(xml.contains("<upload file=\"\(Self.number)_自行上傳_B.pdf\" itemCode=\"B\" flags=\"unreadable uploaded\">"))
        #expect(xml.contains("code=\"upload-item-invalid\" file=\"\(Self.number)_自行上傳_A.pdf\""))
    }
}
