import Foundation
import Testing

/// Hostile values and damaged attachments, built at run time: out-of-range numbers are data errors
/// (65) naming the file and field, huge values cost bounded time and memory, damaged images are
/// reported on their item and shown as the notice, never drawn half blank.
@Suite struct HostileInputTests {
    static let basic = #"{"應試號碼": "09000001", "學生中文姓名": "測試生"}"#

    /// `<tmp>/001012/09000001` with the given files (relative path → bytes).
    static func applicant(_ files: [String: [UInt8]]) throws -> URL {
        let root = try Harness.temporaryFolder("hostile")
        let folder = root.appendingPathComponent("001012/09000001")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("files"), withIntermediateDirectories: true)
        try Data(basic.utf8).write(to: folder.appendingPathComponent("09000001_基本資料.json"))
        for (path, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(path)) }
        return folder
    }

    static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent())
    }

    static func courses(_ row: String) -> [UInt8] {
        Array((#"{"學習紀錄": ["# + row + "]}").utf8)
    }

    static func pages(_ pdf: String) throws -> Int {
        let info = try Harness.tool("/usr/bin/pdfinfo", [pdf])
        let line = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? -1
    }

    @Test func aSchoolYearBeyondXSIntIsExit65NamingTheField() throws {
        let folder = try Self.applicant([
            "09000001_修課紀錄.json": Self.courses(#"{"實際修課學年度": 2147483648, "實際修課學期": 1, "科目名稱": "國語文", "學分數": 4}"#)
        ])
        defer { Self.remove(folder) }
        let out = folder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("out")
        let result = try Harness.run(["render", folder.path, "--out", out.path])
        #expect(result.status == 65, "\(result.output)")
        #expect(result.stderr.contains("09000001_修課紀錄.json › 學習紀錄[0].實際修課學年度"), "\(result.stderr)")
        #expect(result.stderr.contains("2147483648"))
        #expect(!result.stderr.contains("內部錯誤"))
        // Both outputs are written, the XML valid against the XSD.
        let xml = out.appendingPathComponent("09000001.xml").path
        #expect(try Harness.tool("/usr/bin/xmllint", ["--noout", "--schema", Harness.schema, xml]).status == 0)
        let english = try Harness.run(["check", folder.path], environment: ["LANG": "en_US.UTF-8"])
        #expect(english.status == 65)
        #expect(english.output.contains("outside what this field can hold"))
    }

    @Test func aMillionDigitCreditCountIsAQuickDataError() throws {
        let digits = String(repeating: "9", count: 1_000_000)
        let folder = try Self.applicant([
            "09000001_修課紀錄.json": Self.courses(
                #"{"實際修課學年度": 112, "實際修課學期": 1, "科目名稱": "國語文", "學分數": ""# + digits + #""}"#)
        ])
        defer { Self.remove(folder) }
        let out = folder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("out")
        // A hang (it took 21 s before) would hit the harness's watchdog.
        let result = try Harness.run(["render", folder.path, "--out", out.path], timeout: 60)
        #expect(result.status == 65, "\(result.output)")
        #expect(result.stderr.contains("學習紀錄[0].學分數"))
        // Bounded work: the message and the packet carry an excerpt, not the digits.
        #expect(result.output.utf8.count < 20_000)
        // As many pages as the same record with a plain credit count: the digits are not set.
        let control = try Self.applicant([
            "09000001_修課紀錄.json": Self.courses(#"{"實際修課學年度": 112, "實際修課學期": 1, "科目名稱": "國語文", "學分數": 2}"#)
        ])
        defer { Self.remove(control) }
        let controlOut = control.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("out")
        #expect(try Harness.run(["render", control.path, "--out", controlOut.path]).status == 0)
        #expect(
            try Self.pages(out.appendingPathComponent("09000001.pdf").path)
                == Self.pages(controlOut.appendingPathComponent("09000001.pdf").path))
        let xml = try Data(contentsOf: out.appendingPathComponent("09000001.xml"))
        #expect(xml.count < 200_000)
    }

    @Test func aMillionDigitSubjectSplitsAcrossPagesInLinearWork() throws {
        // Text is shown whole; a table cell of one unbreakable run over thousands of pages used to
        // be copied again on every page.
        let digits = String(repeating: "9", count: 300_000)
        let folder = try Self.applicant([
            "09000001_修課紀錄.json": Self.courses(
                #"{"實際修課學年度": 112, "實際修課學期": 1, "科目名稱": ""# + digits + #"", "學分數": 2}"#)
        ])
        defer { Self.remove(folder) }
        let out = folder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("out")
        let result = try Harness.run(["render", folder.path, "--out", out.path], timeout: 120)
        #expect(result.status == 0, "\(result.output)")
        #expect(try Self.pages(out.appendingPathComponent("09000001.pdf").path) > 10)
    }

    /// Peak memory (ru_maxrss, KiB) of a child process, from GNU time.
    static func peakKiB(_ result: Harness.Result) -> Int? {
        let line = result.stderr.split(separator: "\n").first { $0.contains("Maximum resident set size") }
        return line.flatMap { Int($0.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/time")))
    func aFiftyMegabyteSummaryNeedsBoundedMemory() throws {
        let sentence = "比較〈桃花源記〉與《烏托邦》的理想世界書寫，討論「避世」與「改革」兩種想像的差異，並整理文本中的證據。"
        let target = 50 * 1024 * 1024
        var summary = String(repeating: sentence, count: target / sentence.utf8.count + 1)
        while summary.utf8.count > target { summary.removeLast() }
        let json = #"[{"科目名稱": "國語文", "認證狀態": "已認證", "實際修課學年度": 112, "實際修課學期": 1, "課程學習成果簡述": ""# + summary + #""}]"#
        let folder = try Self.applicant(["09000001_課程學習成果.json": Array(json.utf8)])
        defer { Self.remove(folder) }
        let out = folder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("out")
        let result = try Harness.run(
            ["-v", Harness.executable.path] + Harness.withProfile(["render", folder.path, "--out", out.path], fallback: Harness.everyItem),
            executable: URL(fileURLWithPath: "/usr/bin/time"), timeout: 600)
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        let peak = try #require(Self.peakKiB(result))
        // Measured 4,463,772 KiB (≈ 89 × the text) before long paragraphs were set in windows and
        // glyphs shared between lines, pages and the document; about 1,230,000 KiB (≈ 24 ×) after.
        #expect(peak < Self.summaryPeakLimitKiB, "peak \(peak) KiB")
    }

    // About twice the figure measured after the layout-memory fix (docs/performance.md): room for
    // noise, not for a return of per-character copies.
    static let summaryPeakLimitKiB = 2_500_000

    /// A sample photo cut in half: inside its scan data for a JPEG, inside IDAT for a PNG.
    static func cut(_ sample: String) throws -> [UInt8] {
        let bytes = try [UInt8](Data(contentsOf: Harness.root.appendingPathComponent(sample)))
        return Array(bytes.prefix(bytes.count / 2))
    }

    @Test func truncatedJPEGAndPNGAreReportedAndShownAsTheNotice() throws {
        let folder = try Self.applicant([
            "files/cut.jpg": try Self.cut("samples/001012/01000103/files/calligraphy.jpg"),
            "files/cut.png": try Self.cut("samples/001012/01000101/files/indicator-colours.png"),
            "09000001_課程學習成果.json": Array(
                #"[{"科目名稱": "美術", "認證狀態": "已認證", "課程學習成果文件檔案連結": "files/cut.jpg"}, {"科目名稱": "資訊", "認證狀態": "已認證", "課程學習成果文件檔案連結": "files/cut.png"}]"#
                    .utf8),
        ])
        defer { Self.remove(folder) }
        let out = folder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("out")
        let result = try Harness.run(["render", folder.path, "--out", out.path])
        #expect(result.status == 0, "\(result.output)")
        for path in ["files/cut.jpg", "files/cut.png"] {
            let line = result.stderr.split(separator: "\n").first { $0.contains("附件「\(path)」無法放入備審資料") }
            #expect(line != nil, "\(result.stderr)")
            #expect(line?.contains("（項目") == true, "the warning names the item: \(line ?? "")")
        }
        let pdf = out.appendingPathComponent("09000001.pdf").path
        let text = try Harness.tool("/usr/bin/pdftotext", [pdf, "-"]).stdout
        #expect(text.contains("圖片無法放入：files/cut.jpg"))
        #expect(text.contains("圖片無法放入：files/cut.png"))
        // Neither image is drawn at all.
        let images = try Harness.tool("/usr/bin/pdfimages", ["-list", pdf]).stdout
        #expect(images.split(separator: "\n").count <= 2, "\(images)")
    }
}
