import Foundation
import Testing

/// The two scenario samples (samples/README.md): a 專業群 student's whole record with a tick list per
/// department (`samples/students/03000001`), and an applicant who uploads their own PDFs instead
/// (`samples/001012/01000105`). Rendered as the guide (docs/guide.md) tells a student or an office to.
@Suite(.serialized) struct SampleScenarioTests {
    static let record = "samples/students/03000001"
    static let upload = "samples/001012/01000105"

    /// A department, its tick list and what the packet must (and must not) show: distinctive words of
    /// each ticked and of some unticked records (簡述 or names; 科目名稱 also appear in 修課紀錄's tables).
    struct Department {
        var code: String
        var keys: Set<String>
        var ticked: [String]
        var unticked: [String]
    }

    static let departments = [
        Department(
            code: "001012",
            keys: [
                "課程學習成果:3", "課程學習成果:4", "課程學習成果:5", "幹部經歷暨事蹟紀錄:1", "競賽參與紀錄:2", "彈性學習時間紀錄:1",
                "團體活動時間紀錄:1", "作品成果紀錄:1", "校方建立幹部經歷紀錄:1",
            ],
            ticked: ["仿寫一篇校園版結局", "班級點名系統", "電池交換站", "每週程式解題社課", "工業類學生技藝競賽", "Arduino氣象站", "資訊研究社社課", "校園失物招領網站"],
            unticked: ["惠斯登電橋", "步進馬達", "垃圾分類機", "溫室溫濕度", "科學展覽會", "網頁設計乙級", "國小程式體驗營", "產線測試實習生", "嵌入式系統導論"]),
        Department(
            code: "2A0105",
            keys: [
                "課程學習成果:1", "課程學習成果:4", "課程學習成果:5", "課程學習成果:6", "競賽參與紀錄:2", "檢定證照紀錄:1", "檢定證照紀錄:2",
                "服務學習紀錄:1", "職場學習紀錄:1", "彈性學習時間紀錄:2", "幹部經歷暨事蹟紀錄:1", "校方建立幹部經歷紀錄:1",
            ],
            ticked: ["惠斯登電橋", "班級點名系統", "電池交換站", "步進馬達", "工業類學生技藝競賽", "電腦軟體應用丙級", "工業電子丙級", "社區長者電腦教學", "產線測試實習生", "工業電子選手培訓", "每週程式解題社課"],
            unticked: ["仿寫一篇校園版結局", "響應式社團網站", "垃圾分類機", "溫室溫濕度", "校園失物招領網站", "嵌入式系統導論", "網頁設計乙級", "國小程式體驗營", "線上投票系統"]),
    ]

    /// The national ID and birth date of a sample folder, in every spelling an output might use.
    static func personalSpellings(of folder: String) throws -> [String] {
        let number = String(folder.split(separator: "/").last!)
        let url = Harness.root.appendingPathComponent(folder).appendingPathComponent("\(number)_基本資料.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let id = try #require(object["國民身分證統一編號(或居留證統一證號)"] as? String)
        let birth = try #require(object["學生出生年月日"] as? String)  // ROC yyyMMdd
        #expect(id.count == 10 && birth.count == 7)
        let fullWidth = String(String.UnicodeScalarView(id.unicodeScalars.map { Unicode.Scalar($0.value + 0xFEE0)! }))
        let rocYear = Int(birth.prefix(3))!
        let month = String(birth.dropFirst(3).prefix(2))
        let day = String(birth.suffix(2))
        let year = String(rocYear + 1911)
        return [
            id, id.lowercased(), fullWidth, String(id.prefix(3)) + "****" + String(id.suffix(3)),
            birth, "\(rocYear)/\(month)/\(day)", "\(rocYear).\(month).\(day)",
            "\(rocYear)年\(Int(month)!)月\(Int(day)!)日", "\(year)-\(month)-\(day)", "\(year)/\(month)/\(day)",
            "\(year)\(month)\(day)", "\(year)年\(Int(month)!)月\(Int(day)!)日",
        ]
    }

    static func expectNothingPersonal(of folder: String, in texts: [(String, String)]) throws {
        let forbidden = try personalSpellings(of: folder)
        var looked = 0
        for (place, text) in texts {
            looked += text.count
            for value in forbidden where text.contains(value) {
                Issue.record("\(value) of \(folder) in \(place)")
            }
        }
        #expect(looked > 10_000, "nothing was looked at")
    }

    /// The pages of a PDF as text (pdftotext -layout), one string per page.
    static func pages(_ pdf: URL) throws -> [String] {
        let result = try Harness.tool("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8", pdf.path, "-"])
        #expect(result.status == 0, "\(result.output)")
        var pages = result.stdout.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    static func compact(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    /// Items the packet does not have: lines 「未提供」 in the index (the pages headed 目錄; the preview's
    /// page of things to fix comes before them) and no page of their own (a page's running header ends
    /// with its item's name).
    static func expectNoPageForAMissingItem(_ xml: String, _ pages: [String], _ label: String) {
        let missing = PagesTests.items(xml).filter { $0.status == "notProvided" }
        #expect(!missing.isEmpty, "\(label): every item provided, nothing to check")
        func title(_ page: String) -> String {
            (page.split(separator: "\n").first.map(String.init) ?? "").split(separator: " ").last.map(String.init) ?? ""
        }
        let index = pages.filter { title($0) == "目錄" }.flatMap { $0.split(separator: "\n") }
        #expect(!index.isEmpty, "\(label): no index page")
        let titles = Set(pages.map(title))
        for item in missing {
            #expect(!titles.contains(item.name), "\(label): a page for \(item.code) \(item.name), which is 未提供")
            let line = index.first { $0.contains(item.name) }
            #expect(line?.contains("未提供") == true, "\(label): \(item.code) \(line.map(String.init) ?? "no line")")
        }
    }

    @Test func theWholeRecordWithEachTickListRendersExactlyTheTickedItems() throws {
        let out = try Harness.temporaryFolder("scenario-record")
        defer { try? FileManager.default.removeItem(at: out) }
        var shown: [(String, String)] = []
        for department in Self.departments {
            let arguments = [
                "render", Self.record, "--selection", "\(Self.record)/勾選/\(department.code).json",
                "--profile", "samples/profiles/\(department.code).json",
            ]
            for preview in [false, true] {
                let folder = out.appendingPathComponent("\(department.code)-\(preview ? "preview" : "final")")
                let result = try Harness.run(arguments + ["--out", folder.path] + (preview ? ["--preview"] : []), timeout: 300)
                #expect(result.status == 0, "\(department.code) preview=\(preview): \(result.output)")
                shown.append(("\(department.code) stdout", result.stdout))
                shown.append(("\(department.code) stderr", result.stderr))
                let name = preview ? "03000001.preview" : "03000001"
                let pdf = folder.appendingPathComponent("\(name).pdf")
                let xml = folder.appendingPathComponent("\(name).xml")
                try TickListEndToEndTests.validates(xml)

                let keys = try TickListEndToEndTests.entryKeys(xml)
                #expect(Set(keys) == department.keys, "\(department.code): \(keys)")
                #expect(keys.count == department.keys.count, "\(department.code): a key twice: \(keys)")
                let xmlText = try String(contentsOf: xml, encoding: .utf8)
                #expect(xmlText.contains("<tickList source=\"\(department.code).json\" mode=\"勾選\"/>"))
                #expect(!xmlText.contains("severity=\"error\""), "\(department.code): an error in the XML")

                let pages = try Self.pages(pdf)
                let text = Self.compact(pages.joined())
                for ticked in department.ticked {
                    #expect(text.contains(ticked), "\(department.code): ticked \(ticked) is missing")
                }
                for unticked in department.unticked {
                    #expect(!text.contains(unticked), "\(department.code): unticked \(unticked) is in the packet")
                    #expect(!xmlText.contains(unticked), "\(department.code): unticked \(unticked) is in the XML")
                }
                #expect(!text.contains("前0.0%"))
                Self.expectNoPageForAMissingItem(xmlText, pages, department.code)
            }
        }
        try Self.expectNothingPersonal(of: Self.record, in: try PrivacyTests.texts(under: out) + shown)
    }

    @Test func theUploadSampleIsMarkedOnItsUploadedPagesAndInTheIndex() throws {
        let out = try Harness.temporaryFolder("scenario-upload")
        defer { try? FileManager.default.removeItem(at: out) }
        var shown: [(String, String)] = []
        for preview in [false, true] {
            let folder = out.appendingPathComponent(preview ? "preview" : "final")
            let result = try Harness.run(["render", Self.upload, "--out", folder.path] + (preview ? ["--preview"] : []), timeout: 300)
            #expect(result.status == 0, "\(result.output)")
            shown.append(("stdout", result.stdout))
            shown.append(("stderr", result.stderr))
            let name = preview ? "01000105.preview" : "01000105"
            let xml = folder.appendingPathComponent("\(name).xml")
            try TickListEndToEndTests.validates(xml)
            let xmlText = try String(contentsOf: xml, encoding: .utf8)
            for code in ["B", "J"] {
                #expect(xmlText.contains("<upload file=\"01000105_自行上傳_\(code).pdf\" itemCode=\"\(code)\" flags=\"uploaded\">"))
            }
            #expect(!xmlText.contains("both-selection-modes") && !xmlText.contains("severity=\"error\""))

            let pages = try Self.pages(folder.appendingPathComponent("\(name).pdf"))
            let uploaded = pages.map(Self.compact).filter {
                $0.contains("Uploadedcourseoutcome") || $0.contains("Uploadedcompetitionrecord")
            }
            #expect(uploaded.count == 3, "two pages of B, one of J")
            #expect(uploaded.allSatisfy { $0.contains(UploadTests.mark) })
            let lines = pages.filter { $0.split(separator: "\n").first?.hasSuffix("目錄") == true }.flatMap { $0.split(separator: "\n") }
            for itemName in ["書面報告", "競賽表現"] {
                #expect(lines.contains { $0.contains(itemName) && $0.contains("自行上傳") }, "\(itemName)")
            }
            #expect(!Self.compact(pages.joined()).contains("前0.0%"))
            Self.expectNoPageForAMissingItem(xmlText, pages, "01000105")
        }
        try Self.expectNothingPersonal(of: Self.upload, in: try PrivacyTests.texts(under: out) + shown)
    }

    @Test func batchOnTheSamplesSucceedsAndTakesNoStudentRecordForAnApplicant() throws {
        let out = try Harness.temporaryFolder("scenario-batch")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try Harness.run(["batch", "samples", "--out", out.path, "--jobs", "2"], timeout: 900)
        #expect(result.status == 0, "\(result.output)")
        let departments = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasSuffix(".json") }
        #expect(Set(departments) == ["001012", "2A0105"])
        let report = try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(report.contains("01000105") && report.contains("02050002"))
        #expect(!report.contains("03000001") && !report.contains("students") && !report.contains("tools"))
        let written = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("001012").path)
        #expect(written.contains("01000105.pdf") && written.contains("01000105.xml"))
        var shown = [("batch stdout", result.stdout), ("batch stderr", result.stderr)]
        shown += try PrivacyTests.texts(under: out)
        for applicant in Harness.sampleApplicants {
            try Self.expectNothingPersonal(of: applicant, in: shown)
        }
    }

    @Test func checkItemsListsEveryKeyOfTheRecordAndMarksTheTicks() throws {
        let result = try Harness.run([
            "check", Self.record, "--items", "--selection", "\(Self.record)/勾選/2A0105.json", "--profile",
            "samples/profiles/2A0105.json",
        ])
        #expect(result.status == 0, "\(result.output)")
        // 9 outcomes and 17 多元表現 of the student's own, and the school's cadre record.
        for key in ["課程學習成果:9", "競賽參與紀錄:3", "檢定證照紀錄:3", "大學及技專校院先修課程紀錄:1", "校方建立幹部經歷紀錄:1"] {
            #expect(result.stdout.contains(" \(key)  "), "\(key): \(result.stdout)")
        }
        let ticked = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  ✓") }
        #expect(ticked.count == Self.departments[1].keys.count, "\(result.stdout)")
    }
}
