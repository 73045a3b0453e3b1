import Foundation
import Testing

/// Attached images placed in their item (P8): at their source resolution, scaled to fit; a broken
/// one becomes a notice and a warning, never a failed packet.
@Suite struct AttachmentImageTests {
    @Test func sampleImagesArePlacedAtTheirSourceResolution() throws {
        let out = try Harness.temporaryFolder("images")
        defer { try? FileManager.default.removeItem(at: out) }
        for applicant in ["samples/001012/01000101", "samples/001012/01000103"] {
            let result = try Harness.run(["render", applicant, "--out", out.path])
            #expect(result.status == 0, "\(result.output)")
        }
        let png = try Harness.tool("/usr/bin/pdfimages", ["-list", out.appendingPathComponent("01000101.pdf").path]).stdout
        let pngRows = png.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(pngRows.map { "\($0[3])x\($0[4])" }.sorted() == ["120x160", "160x120"])
        let jpeg = try Harness.tool("/usr/bin/pdfimages", ["-list", out.appendingPathComponent("01000103.pdf").path]).stdout
        let jpegRows = jpeg.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(jpegRows.count == 1)
        #expect(jpegRows.first.map { String($0[8]) } == "jpeg")
    }

    @Test func mediaFilesTravelInsideThePDF() throws {
        let out = try Harness.temporaryFolder("media")
        defer { try? FileManager.default.removeItem(at: out) }
        let applicant = "samples/001012/01000103"
        #expect(try Harness.run(["render", applicant, "--out", out.path]).status == 0)
        let pdf = out.appendingPathComponent("01000103.pdf").path
        let list = try Harness.tool("/usr/bin/qpdf", ["--list-attachments", pdf]).stdout
        #expect(list.contains("files/recital.mp3 ->"))
        let copy = out.appendingPathComponent("recital.mp3")
        let show = try Harness.tool("/bin/sh", ["-c", "qpdf --show-attachment=files/recital.mp3 '\(pdf)' > '\(copy.path)'"])
        #expect(show.status == 0)
        let original = Harness.root.appendingPathComponent("\(applicant)/files/recital.mp3")
        #expect(try Data(contentsOf: copy) == Data(contentsOf: original))
    }

    @Test func identicalAttachmentsAreStoredOnce() throws {
        let root = try Harness.temporaryFolder("identical")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("001012/08000003")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("a"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("b"), withIntermediateDirectories: true)
        try Data(#"{"應試號碼": "08000003", "學生中文姓名": "周小安"}"#.utf8)
            .write(to: folder.appendingPathComponent("08000003_基本資料.json"))
        let report = Harness.root.appendingPathComponent("samples/001012/01000101/files/taohua-report.pdf")
        let photo = Harness.root.appendingPathComponent("samples/001012/01000101/files/indicator-colours.png")
        for copy in ["a", "b"] {
            try FileManager.default.copyItem(at: report, to: folder.appendingPathComponent("\(copy)/report.pdf"))
            try FileManager.default.copyItem(at: photo, to: folder.appendingPathComponent("\(copy)/photo.png"))
        }
        let outcomes = """
            [{"科目名稱": "國文", "認證狀態": "已認證", "課程學習成果文件檔案連結": "a/report.pdf", "課程學習成果影音檔案連結": "a/photo.png"},
             {"科目名稱": "國文", "認證狀態": "已認證", "課程學習成果文件檔案連結": "b/report.pdf", "課程學習成果影音檔案連結": "b/photo.png"}]
            """
        try Data(outcomes.utf8).write(to: folder.appendingPathComponent("08000003_課程學習成果.json"))
        let out = root.appendingPathComponent("out")
        let result = try Harness.run(["render", folder.path, "--out", out.path])
        #expect(result.status == 0, "\(result.output)")
        let pdf = out.appendingPathComponent("08000003.pdf").path
        let qdf = try Harness.tool("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", pdf, "-"]).stdout
        // The imported page is one Form XObject and the photo one image, each drawn twice.
        #expect(qdf.components(separatedBy: "/Subtype /Form").count - 1 == 1)
        let images = try Harness.tool("/usr/bin/pdfimages", ["-list", pdf]).stdout
        let objects = Set(images.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true)[10] })
        #expect(objects.count == 1)
    }

    @Test func aBrokenImageBecomesANoticeAndAWarning() throws {
        let root = try Harness.temporaryFolder("brokenimage")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("001012/08000002")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("files"), withIntermediateDirectories: true)
        try Data(#"{"應試號碼": "08000002", "學生中文姓名": "李小華"}"#.utf8)
            .write(to: folder.appendingPathComponent("08000002_基本資料.json"))
        // A PNG signature and header, then nothing: it passes the header check and fails to decode.
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        png += [0, 0, 0, 40, 0, 0, 0, 30, 8, 2, 0, 0, 0, 0x12, 0x34, 0x56, 0x78]
        try Data(png).write(to: folder.appendingPathComponent("files/photo.png"))
        try Data([0xFF, 0xD8, 0xFF]).write(to: folder.appendingPathComponent("files/cut.jpg"))
        let outcomes = #"[{"科目名稱": "美術", "認證狀態": "已認證", "課程學習成果文件檔案連結": "files/photo.png"}, {"科目名稱": "攝影", "認證狀態": "已認證", "課程學習成果文件檔案連結": "files/cut.jpg"}]"#
        try Data(outcomes.utf8).write(to: folder.appendingPathComponent("08000002_課程學習成果.json"))

        let out = root.appendingPathComponent("out")
        let result = try Harness.run(["render", folder.path, "--out", out.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stderr.contains("files/photo.png"))
        #expect(result.stderr.contains("files/cut.jpg"))
        let pdf = out.appendingPathComponent("08000002.pdf").path
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", pdf]).status == 0)
        let xml = try String(contentsOf: out.appendingPathComponent("08000002.xml"), encoding: .utf8)
        #expect(xml.contains("attachment-unreadable"))
    }
}
