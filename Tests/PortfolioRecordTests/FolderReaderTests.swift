import Crypto
import Diagnostics
import Foundation
import Testing

@testable import PortfolioRecord

/// The applicant-folder reader on folders built in each test.
@Suite struct FolderReaderTests {
    /// A fresh `<tmp>/<校系>/<應試號碼>` folder with the given files (relative path → bytes).
    func folder(_ files: [String: [UInt8]], number: String = "01000001") throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("001012/\(number)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (path, bytes) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return folder
    }

    func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    let basic = #"{"應試號碼": "01000001", "學生中文姓名": "林𡘙安", "國民身分證統一編號(或居留證統一證號)": "A123456789", "學生出生年月日": "0920315"}"#

    func read(_ folder: URL) throws -> ApplicantRecord {
        try ApplicantFolderReader().read(folder: folder)
    }

    @Test func basicDataIsReadAndTheIDMaskedAtOnce() throws {
        let record = try read(folder(["01000001_基本資料.json": utf8(basic)]))
        #expect(record.basic.enrolment.name == "林𡘙安")
        #expect(record.basic.birthDate == .valid(CalendarDate(year: 2003, month: 3, day: 15)!))
        #expect(record.courseRecord.value == nil)
        if case .absent(let file) = record.outcomes { #expect(file == "01000001_課程學習成果.json") } else { Issue.record() }
        // Nothing anywhere in the record holds the ID, masked or not.
        #expect(!String(describing: record).contains("A123456789"))
        #expect(!String(describing: record).contains("A12****789"))
    }

    @Test func missingOrBrokenBasicDataMeansNoRecord() throws {
        for bytes in [nil, utf8(""), utf8("{\"應試號碼\": "), utf8("[]"), [0xB4, 0xFA, 0xB8, 0xD5]] as [[UInt8]?] {
            var files: [String: [UInt8]] = ["01000001_就讀動機.txt": utf8("動機")]
            if let bytes { files["01000001_基本資料.json"] = bytes }
            do {
                _ = try read(folder(files))
                Issue.record("expected a failure for \(String(describing: bytes))")
            } catch let failure as ApplicantReadFailure {
                guard case .basicDataUnusable(let number, let diagnostics) = failure else {
                    Issue.record("wrong failure")
                    continue
                }
                #expect(number == "01000001")
                #expect(diagnostics.contains { $0.severity == .error && $0.file == "01000001_基本資料.json" })
            }
        }
    }

    @Test func aFolderThatIsNotThereIsNotFound() {
        #expect(throws: ApplicantReadFailure.self) {
            try ApplicantFolderReader().read(folder: URL(fileURLWithPath: "/nonexistent/01000001"))
        }
    }

    @Test func applicantNumberMismatchIsAWarning() throws {
        let record = try read(folder(["01000001_基本資料.json": utf8(#"{"應試號碼": "01999999", "學生中文姓名": "甲"}"#)]))
        #expect(record.diagnostics.contains { $0.kind == .applicantNumberMismatch(folder: "01000001", inFile: "01999999") })
    }

    @Test func utf16BasicDataWithBOM() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in basic.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let record = try read(folder(["01000001_基本資料.json": bytes]))
        #expect(record.basic.enrolment.name == "林𡘙安")
    }

    @Test func unreadableOptionalFileIsAnErrorAndTheReadGoesOn() throws {
        let record = try read(
            folder([
                "01000001_基本資料.json": utf8(basic), "01000001_課程學習成果.json": utf8("[{\"科目名稱\": "),
                "01000001_多元表現.json": utf8("[]"),
            ]))
        guard case .unreadable(let file, let reason) = record.outcomes else {
            Issue.record("expected unreadable")
            return
        }
        #expect(file == "01000001_課程學習成果.json")
        #expect(reason.severity == .error)
        #expect(reason.kind == .jsonSyntax(.unexpectedEndOfInput, line: 1, column: 11))
        guard case .unreadable(_, let shape) = record.performances else {
            Issue.record("expected unreadable")
            return
        }
        #expect(shape.kind == .wrongShape(expected: .object, found: .array))
    }

    @Test func attachmentsAreHashedAndMD5Checked() throws {
        let pdf = utf8("%PDF-1.4 synthetic\n")
        let actual = Digest.hex(Insecure_MD5(pdf))
        let outcomes = """
            [{"科目名稱": "物理", "課程學習成果文件檔案連結": "files/a.pdf", "文件檔案MD5": "\(actual.uppercased())"},
             {"科目名稱": "化學", "課程學習成果文件檔案連結": "files/a.pdf", "文件檔案MD5": "00000000000000000000000000000000"},
             {"科目名稱": "生物", "課程學習成果文件檔案連結": "files/none.pdf"},
             {"科目名稱": "地科", "課程學習成果文件檔案連結": "../01000002/x.pdf"},
             {"科目名稱": "音樂", "課程學習成果文件檔案連結": "/etc/passwd"},
             {"科目名稱": "美術", "課程學習成果文件檔案連結": "files/../files/a.pdf", "文件檔案MD5": "xyz"}]
            """
        let record = try read(
            folder(["01000001_基本資料.json": utf8(basic), "01000001_課程學習成果.json": utf8(outcomes), "files/a.pdf": pdf]))
        let statuses = record.outcomes.value?.map { $0.document?.status }
        guard let statuses, statuses.count == 6 else {
            Issue.record("expected six outcomes")
            return
        }
        if case .found(let file) = statuses[0] {
            #expect(file.md5Check == .matched)
            #expect(file.size == pdf.count)
            #expect(file.mediaType == .pdf)
            #expect(file.sha256.count == 64)
        } else {
            Issue.record("first attachment should be found")
        }
        if case .found(let file) = statuses[1] { #expect(file.md5Check == .mismatch) } else { Issue.record() }
        #expect(statuses[2] == .missing)
        #expect(statuses[3] == .refused(.leavesFolder))
        #expect(statuses[4] == .refused(.absolute))
        if case .found(let file) = statuses[5] {
            #expect(file.path == "files/a.pdf")
            #expect(file.md5Check == .malformedStatement)
        } else {
            Issue.record("a path that stays inside is followed")
        }
        #expect(record.diagnostics.contains { if case .md5Mismatch = $0.kind { true } else { false } })
        #expect(record.diagnostics.contains { $0.kind == .attachmentMissing(path: "files/none.pdf") && $0.field == "[2].課程學習成果文件檔案連結" })
        // The file is hashed once and listed once for the digest.
        #expect(record.inputFiles.filter { $0.path == "files/a.pdf" }.count == 1)
    }

    @Test func symlinksOutOfTheFolderAreRefused() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).pdf")
        try Data("%PDF secret".utf8).write(to: outside)
        let outcomes = #"[{"科目名稱": "物理", "課程學習成果文件檔案連結": "files/link.pdf"}, {"科目名稱": "化學", "課程學習成果文件檔案連結": "files/inside.pdf"}]"#
        let folder = try folder([
            "01000001_基本資料.json": utf8(basic), "01000001_課程學習成果.json": utf8(outcomes), "files/real.pdf": utf8("%PDF ok"),
        ])
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("files/link.pdf").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("files/inside.pdf").path, withDestinationPath: "real.pdf")
        let record = try read(folder)
        let statuses = record.outcomes.value?.map { $0.document?.status }
        #expect(statuses?[0] == .refused(.symlinkOutside))
        if case .found = statuses?[1] {} else { Issue.record("a link inside the folder is followed") }
        #expect(!record.inputFiles.contains { $0.path.contains("outside") })
    }

    @Test func aFIFOIsNotReadSoTheRunCannotHang() throws {
        let folder = try folder(["01000001_基本資料.json": utf8(basic), "01000001_課程學習成果.json": utf8(#"[{"課程學習成果文件檔案連結": "pipe.pdf"}]"#)])
        #expect(mkfifo(folder.appendingPathComponent("pipe.pdf").path, 0o600) == 0)
        let record = try read(folder)
        #expect(record.outcomes.value?.first?.document?.status == .refused(.notARegularFile))
    }

    @Test func unreferencedFilesAreReported() throws {
        let record = try read(folder(["01000001_基本資料.json": utf8(basic), "01000001_自傳.pdf": utf8("%PDF"), "files/x.png": [0x89]]))
        let files = record.diagnostics.filter { $0.kind == .unreferencedFile }.compactMap(\.file)
        #expect(files == ["01000001_自傳.pdf", "files/x.png"])
    }

    @Test func performanceCategoriesAliasesAndLinks() throws {
        let json = """
            {"競賽參與紀錄": [{"競賽名稱": "科展", "競賽等級代碼": "3", "競賽項目組別": "物理科", "結果公布日期": "1130315",
                              "外部影音連結": "https://video.example.org/v/1", "審查項目代碼": "J", "奇怪欄位": 1}],
             "檢定證照紀錄": [{"證照資訊": {"證照區域": "國內", "證照類別": "語文", "證照名稱": "英檢中級"}, "取得檢定證照日期": "2024-02-30"}],
             "彈性學習時間紀錄": [{"學年度": "113", "學期": "1", "彈性學習時間類別代碼": 1, "內容(開設名稱)": "自主學習：Arduino", "每週節數": "2.0"}],
             "作品成果紀錄": [{"名稱": "網站", "作品成果連結": "https://example.org/site"}],
             "未知類別": []}
            """
        let record = try read(folder(["01000001_基本資料.json": utf8(basic), "01000001_多元表現.json": utf8(json)]))
        let records = record.performances.value ?? []
        #expect(records.map(\.category) == [.competition, .certificate, .flexibleLearning, .work])
        #expect(records[0].field("項目") == .text("物理科"))
        #expect(records[0].field("結果公布日期") == .date(CalendarDate(year: 2024, month: 3, day: 15)!))
        #expect(records[0].links == [ExternalLink(field: .externalMedia, url: "https://video.example.org/v/1")])
        #expect(records[0].reviewItemCode == .value("J"))
        #expect(records[1].field("證照名稱") == .text("英檢中級"))
        #expect(records[1].field("取得證照日期") == .invalid(raw: "2024-02-30"))
        #expect(records[2].field("學年度") == .integer(113))
        #expect(records[2].field("內容_開設名稱") == .text("自主學習：Arduino"))
        #expect(records[2].field("每週節數") == .number(2))
        #expect(records[2].field("彈性學習時間類別代碼") == .code("1"))
        #expect(records[3].links.map(\.url) == ["https://example.org/site"])
        #expect(record.diagnostics.contains { $0.kind == .unknownKey("奇怪欄位") && $0.field == "競賽參與紀錄[0]" })
        #expect(record.diagnostics.contains { $0.kind == .unknownKey("未知類別") })
        #expect(record.diagnostics.contains { $0.kind == .impossibleDate(raw: "2024-02-30") })
    }

    @Test func schoolCadresFromBasicDataAreMerged() throws {
        let withCadres = #"{"應試號碼": "01000001", "學生中文姓名": "甲", "擔任學校幹部經歷紀錄": [{"學年度": 112, "學期": 1, "單位名稱": "班級", "擔任職務名稱": "班長", "幹部等級代碼": 2}]}"#
        let record = try read(folder(["01000001_基本資料.json": utf8(withCadres)]))
        let records = record.performances.value ?? []
        #expect(records.count == 1)
        #expect(records.first?.category == .schoolCadre)
        #expect(records.first?.sourceFile == "01000001_基本資料.json")
    }

    @Test func courseRecordRowsDistributionsAndBins() throws {
        let json = """
            {"學期成績與學習相對表現資訊": [{"學年度": 112, "學期": 1, "學生學期成績": "86.42",
                "校學習相對表現資訊": {"母體人數": 412, "分數級距分布": {"組距86_87的人數": 10, "組距99_100的人數": 1, "組距5_7的人數": 3}},
                "群別學習相對表現資訊": null}],
             "學習紀錄": [{"應修課學年度": "112", "應修課學期": 1, "科目名稱": "國語文", "學分數": "4.0", "課程類別": "部定必修",
                "課程領域資訊": null, "課程代碼": "108013301H11101A1010101", "學業成績": {"分數": -1}, "母體人數": 412,
                "本科目分數級距分布": null}]}
            """
        let record = try read(folder(["01000001_基本資料.json": utf8(basic), "01000001_修課紀錄.json": utf8(json)]))
        guard let courses = record.courseRecord.value else {
            Issue.record("course record should be present")
            return
        }
        let semester = courses.semesters[0]
        #expect(semester.average == .value(86.42))
        #expect(semester.schoolDistribution?.population == .value(412))
        #expect(semester.schoolDistribution?.bins?[86] == 10)
        #expect(semester.schoolDistribution?.bins?[99] == 1)
        #expect(semester.groupDistribution == nil)
        #expect(record.diagnostics.contains { $0.kind == .histogramBadKey("組距5_7的人數") })
        let course = courses.courses[0]
        #expect(course.schoolYear == .value(112))
        #expect(course.credits == .value(4))
        #expect(course.score == .missing)
        #expect(course.domain == .missing)
        #expect(course.distribution?.bins == nil)
        #expect(course.distribution?.population == .value(412))
    }

    @Test func binKeys() throws {
        let session = ReadSession(folder: try #require(ContainedFolder(path: "/")), applicantNumber: "0", limits: ReaderLimits())
        #expect(session.binIndex("組距0_1的人數") == 0)
        #expect(session.binIndex("組距99_100的人數") == 99)
        #expect(session.binIndex("組距100_101的人數") == nil)
        #expect(session.binIndex("組距5_7的人數") == nil)
        #expect(session.binIndex("組距abc的人數") == nil)
        #expect(session.binIndex("組距-1_0的人數") == nil)
        #expect(session.binIndex("組距007_008的人數") == 7)
        for bad in ["組距的人數", "組距_1的人數", "組距1_的人數", "組距1__2的人數", "組距1_2_3的人數", "組距1_2的人數 ", "組距1234_1235的人數", "組距１_２的人數"] {
            #expect(session.binIndex(bad) == nil, "\(bad)")
        }
    }

    @Test func selfWrittenFilesByNameWithPreferenceAndEncodingErrors() throws {
        let record = try read(
            folder([
                "01000001_基本資料.json": utf8(basic), "01000001_就讀動機.txt": utf8("　第一段。\n\n  第二段。\n"),
                "01000001_就讀動機.md": utf8("# 動機\n\n第一段"), "01000001_高中學習歷程反思.txt": [0xFF, 0xFE, 0x00],
                "01000001_學習歷程自述.pdf": utf8("%PDF-1.4"),
            ]))
        let kinds = record.selfWritten.map(\.kind)
        #expect(kinds == [.reflection, .motivation, .combinedStatement])
        #expect(record.selfWritten[1].file == "01000001_就讀動機.md")
        #expect(record.diagnostics.contains { $0.kind == .selfWrittenDuplicate(used: "01000001_就讀動機.md") })
        #expect(record.selfWritten[0].content == .unreadable)
        #expect(record.diagnostics.contains { $0.severity == .error && $0.file == "01000001_高中學習歷程反思.txt" })
    }

    @Test func idShapedTextIsMaskedWhereverTheReaderTakesText() throws {
        let record = try read(
            folder([
                "01000001_基本資料.json": utf8(#"{"應試號碼": "A123456789", "學生中文姓名": "林安", "學校名稱": "第一高中B212345678"}"#),
                "01000001_就讀動機.md": utf8("# 動機\n我的身分證是A123456789，\n居留證 AB12345678。"),
                "01000001_學習計畫.txt": utf8("新式居留證Ａ８１２３４５６７８"),
                "01000001_課程學習成果.json": utf8(
                    #"[{"科目名稱": "物理", "課程學習成果簡述": "編號A123456789_報告", "課程學習成果文件檔案連結": "C223456789.pdf"}]"#),
                "C223456789.pdf": utf8("%PDF-1.4\n"),
            ]))
        let text = String(describing: record)
        for id in ["A123456789", "B212345678", "AB12345678", "Ａ８１２３４５６７８"] {
            #expect(!text.contains(id), "\(id)")
        }
        #expect(record.basic.statedApplicantNumber == "**********")
        #expect(record.basic.enrolment.schoolName == "第一高中**********")
        #expect(text.contains("我的身分證是**********，"))
        // The 連結 path stays as given, so the file is found; it is masked where it is shown.
        #expect(record.outcomes.value?.first?.document?.path == "C223456789.pdf")
        if case .found = record.outcomes.value?.first?.document?.status {} else { Issue.record("attachment not found") }
        let lines = record.diagnostics.map { $0.line(.traditionalChinese) + $0.line(.english) }.joined()
        #expect(!lines.contains("A123456789") && !lines.contains("C223456789"), "\(lines)")
    }

    @Test func anIDShapedFolderNameIsRefusedNamedMasked() throws {
        let folder = try folder(["A123456789_基本資料.json": utf8(basic)], number: "A123456789")
        #expect {
            try read(folder)
        } throws: { error in
            guard case ApplicantReadFailure.basicDataUnusable(let number, let diagnostics) = error else { return false }
            return number == "**********" && diagnostics.map(\.kind) == [.folderNameIsNationalID(masked: "**********")]
        }
    }
}

/// MD5 through the same library the reader uses.
func Insecure_MD5(_ bytes: [UInt8]) -> Insecure.MD5.Digest {
    Insecure.MD5.hash(data: bytes)
}
