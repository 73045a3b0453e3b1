import Foundation
import Testing

/// A student's whole record and a tick list for one department (`--selection`), through the built
/// tool: the packet holds exactly the ticked items, tick-list errors exit 65 and come first on the
/// preview's fix page, and `check --items` lists the keys.
@Suite struct TickListEndToEndTests {
    static let profile = "samples/profiles/001012.json"

    /// A student's whole record made by hand: the sample's course record, self-written files and
    /// attached files, with `_基本資料.json`, `_課程學習成果.json` and `_多元表現.json` written here, so that
    /// what each key names is this test's own. In `<tmp>/<應試號碼>/` (the folder names the outputs), the
    /// tick list written beside it, the output folder `<tmp>/out`.
    struct Record {
        var root: URL
        var folder: URL { root.appendingPathComponent("01000101") }
        var out: URL { root.appendingPathComponent("out") }
        var tickList: URL { root.appendingPathComponent("勾選/001012.json") }

        /// Outcomes: 1 B, 2 B, 3 C (its own code), 4 D uncertified, 5 D keyed by its 項目編號, 6 B of 114-2
        /// (semester 6). Each summary is a phrase found nowhere else in the packet.
        static let outcomes = """
            [
              {"科目名稱": "國語文", "實際修課學年度": 112, "實際修課學期": 2, "課程學習成果簡述": "測試成果一桃源比較",
               "課程學習成果文件檔案連結": "files/taohua-report.pdf", "認證狀態": "已認證"},
              {"科目名稱": "各類文學選讀", "實際修課學年度": 113, "實際修課學期": 2, "課程學習成果簡述": "測試成果二月色意象",
               "課程學習成果文件檔案連結": "files/moon-imagery.pdf", "認證狀態": "已認證"},
              {"科目名稱": "語文表達及傳播應用", "實際修課學年度": 113, "實際修課學期": 1, "課程學習成果簡述": "測試成果三巷口播客",
               "課程學習成果文件檔案連結": "files/podcast-script.pdf", "認證狀態": "已認證", "審查項目代碼": "C"},
              {"科目名稱": "自然科學探究與實作", "實際修課學年度": 113, "實際修課學期": 1, "課程學習成果簡述": "測試成果四噪音量測",
               "課程學習成果文件檔案連結": "files/noise-study.pdf", "認證狀態": "未認證", "審查項目代碼": "D"},
              {"項目編號": "A7F3-0192", "科目名稱": "化學", "實際修課學年度": 112, "實際修課學期": 2, "課程學習成果簡述": "測試成果五酸鹼指示",
               "課程學習成果文件檔案連結": "files/indicator-colours.png", "認證狀態": "已認證", "審查項目代碼": "D"},
              {"科目名稱": "歷史", "實際修課學年度": 114, "實際修課學期": 2, "課程學習成果簡述": "測試成果六耆老口述",
               "課程學習成果文件檔案連結": "files/oral-history.pdf", "認證狀態": "已認證"}
            ]
            """

        /// 競賽 1–3 (J; the third of semester 5), 幹部經歷暨事蹟 1–2 (H), 職場學習 1 (K).
        static let performances = """
            {
              "競賽參與紀錄": [
                {"競賽名稱": "樟木盃散文獎", "競賽等級代碼": 3, "競賽獎項": "佳作", "結果公布日期": "2024-03-15"},
                {"競賽名稱": "楓港詩詞大賽", "競賽等級代碼": 2, "競賽獎項": "第二名", "結果公布日期": "2023-11-20"},
                {"競賽名稱": "檜山學術研討會徵文", "競賽等級代碼": 2, "競賽獎項": "優等", "結果公布日期": "2025-09-10"}
              ],
              "幹部經歷暨事蹟紀錄": [
                {"學年度": 112, "學期": 2, "單位名稱": "柚子詩社", "擔任職務名稱": "柚子詩社社長", "幹部等級代碼": 3},
                {"學年度": 113, "學期": 1, "單位名稱": "校刊社", "擔任職務名稱": "海潮校刊主編", "幹部等級代碼": 3}
              ],
              "職場學習紀錄": [
                {"職場學習類別代碼": 1, "職場學習單位": "榕樹出版有限公司", "職場學習職稱": "編輯實習", "開始日期": "2024-07-01",
                 "結束日期": "2024-07-31", "時數": 80}
              ]
            }
            """

        init(group: String = "普通型") throws {
            root = try Harness.temporaryFolder("ticks")
            try FileManager.default.copyItem(
                at: Harness.root.appendingPathComponent("samples/001012/01000101"), to: folder)
            let basic = """
                {"應試號碼": "01000101", "學生中文姓名": "林測試", "就讀學校代碼": "013301", "學校名稱": "測試高級中學",
                 "群別": "\(group)", "科班學程別": "普通科",
                 "擔任學校幹部經歷紀錄": [
                   {"學年度": 112, "學期": 1, "單位名稱": "班級", "擔任職務名稱": "榆樹班學藝股長", "幹部等級代碼": 2},
                   {"學年度": 113, "學期": 1, "單位名稱": "學生會", "擔任職務名稱": "槐花學生會文書", "幹部等級代碼": 1}]}
                """
            try write(basic, "01000101_基本資料.json")
            try write(Self.outcomes, "01000101_課程學習成果.json")
            try write(Self.performances, "01000101_多元表現.json")
        }

        func write(_ text: String, _ name: String) throws {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }

        func writeTickList(_ json: String) throws {
            try FileManager.default.createDirectory(
                at: tickList.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(json.utf8).write(to: tickList)
        }

        func run(_ command: String, _ extra: [String] = [], profile: String = TickListEndToEndTests.profile) throws
            -> Harness.Result
        {
            try Harness.run([command, folder.path, "--selection", tickList.path, "--profile", profile] + extra)
        }

        func render(preview: Bool = false, profile: String = TickListEndToEndTests.profile) throws
            -> (result: Harness.Result, pdf: URL, xml: URL)
        {
            let result = try run("render", ["--out", out.path] + (preview ? ["--preview"] : []), profile: profile)
            let stem = preview ? "01000101.preview" : "01000101"
            return (result, out.appendingPathComponent(stem + ".pdf"), out.appendingPathComponent(stem + ".xml"))
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    /// The PDF's text without white space (pdftotext breaks lines where the layout did).
    static func text(_ pdf: URL, pages: ClosedRange<Int>? = nil) throws -> String {
        var arguments = ["-enc", "UTF-8"]
        if let pages { arguments += ["-f", "\(pages.lowerBound)", "-l", "\(pages.upperBound)"] }
        let result = try Harness.tool("/usr/bin/pdftotext", arguments + [pdf.path, "-"])
        #expect(result.status == 0, "\(result.output)")
        return result.stdout.filter { !$0.isWhitespace }
    }

    /// The keys of the XML's outcome and performance entries, in document order.
    static func entryKeys(_ xml: URL) throws -> [String] {
        let text = try String(contentsOf: xml, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"<(?:outcome|performance) [^>]*\bkey="([^"]*)""#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    static func validates(_ xml: URL) throws {
        let lint = try Harness.tool("/usr/bin/xmllint", ["--noout", "--schema", Harness.schema, xml.path])
        #expect(lint.status == 0, "\(lint.output)")
    }

    @Test func aTickListRendersExactlyTheTickedItems() throws {
        let record = try Record()
        defer { record.remove() }
        try record.writeTickList(
            #"{"校系代碼": "001012", "方式": "勾選", "課程學習成果": ["A7F3-0192", "課程學習成果:2"], "多元表現": ["職場學習紀錄:1", "競賽參與紀錄:2"]}"#)
        let (result, pdf, xml) = try record.render()
        #expect(result.status == 0, "\(result.output)")
        try Self.validates(xml)

        // The XML: the ticked records with their keys, in record order, and the school's cadre records
        // (every department receives them); nothing else, not even as left out.
        #expect(
            try Self.entryKeys(xml) == [
                "課程學習成果:2", "A7F3-0192", "校方建立幹部經歷紀錄:1", "校方建立幹部經歷紀錄:2", "競賽參與紀錄:2", "職場學習紀錄:1",
            ])
        let xmlText = try String(contentsOf: xml, encoding: .utf8)
        #expect(xmlText.contains("<tickList source=\"001012.json\" mode=\"勾選\"/>"))
        #expect(!xmlText.contains("files/taohua-report.pdf") && !xmlText.contains("files/oral-history.pdf"))
        #expect(!xmlText.contains("<record "), "nothing unticked is listed as left out")

        // The PDF: the ticked items are there, the others are not.
        let text = try Self.text(pdf)
        for ticked in ["測試成果二月色意象", "測試成果五酸鹼指示", "楓港詩詞大賽", "榕樹出版有限公司", "榆樹班學藝股長", "槐花學生會文書"] {
            #expect(text.contains(ticked), "ticked \(ticked) is missing")
        }
        for unticked in ["測試成果一桃源比較", "測試成果三巷口播客", "測試成果四噪音量測", "測試成果六耆老口述", "樟木盃散文獎", "檜山學術研討會徵文", "柚子詩社社長", "海潮校刊主編"] {
            #expect(!text.contains(unticked), "unticked \(unticked) is in the packet")
        }

        // The same record rendered as a department's folder (no tick list) has them all.
        let whole = try Harness.run(["render", record.folder.path, "--profile", Self.profile, "--out", record.root.appendingPathComponent("whole").path])
        #expect(whole.status == 65, "the whole record is over the cap and has an uncertified outcome: \(whole.output)")
        let wholeKeys = try Self.entryKeys(record.root.appendingPathComponent("whole/01000101.xml"))
        #expect(Set(wholeKeys).isSuperset(of: ["課程學習成果:1", "課程學習成果:4", "競賽參與紀錄:1", "幹部經歷暨事蹟紀錄:2"]))
    }

    @Test func tickListErrorsExit65AndComeFirstOnThePreview() throws {
        let record = try Record()
        defer { record.remove() }
        try record.writeTickList(
            #"{"校系代碼": "001012", "方式": "勾選", "課程學習成果": ["課程學習成果:2", "課程學習成果:4", "課程學習成果:2", "課程學習成果:99"], "多元表現": ["競賽參與紀錄:1"]}"#)
        let (result, pdf, xml) = try record.render(preview: true)
        #expect(result.status == 65, "\(result.output)")
        // Written all the same, with what was ticked: the uncertified outcome shown, the unknown key not.
        try Self.validates(xml)
        #expect(try Self.entryKeys(xml) == ["課程學習成果:2", "課程學習成果:4", "校方建立幹部經歷紀錄:1", "校方建立幹部經歷紀錄:2", "競賽參與紀錄:1"])
        let xmlText = try String(contentsOf: xml, encoding: .utf8)
        for (code, field) in [("tick-uncertified", "課程學習成果[1]"), ("tick-duplicate", "課程學習成果[2]"), ("tick-unknown-key", "課程學習成果[3]")] {
            #expect(xmlText.contains("<diagnostic severity=\"error\" code=\"\(code)\" file=\"\(record.tickList.path)\" field=\"\(field)\""), "\(code)")
        }
        // The uncertified outcome is said once, as the tick's error.
        #expect(!xmlText.contains("code=\"outcome-uncertified\""))
        // Each error on the console names the tick list, the key's place and the key.
        #expect(result.stderr.contains("001012.json › 課程學習成果[3]：勾選的「課程學習成果:99」不是學習歷程紀錄中的項目"))

        let first = try Self.text(pdf, pages: 1...2)
        let heading = try #require(first.range(of: "勾選清單與項目編號（3）"))
        let missing = try #require(first.range(of: "未提供的項目"))
        #expect(heading.upperBound <= missing.lowerBound, "tick-list errors come first")
        let tickSection = String(first[heading.upperBound..<missing.lowerBound])
        for expected in ["課程學習成果[1]（項目D）", "「課程學習成果:4」認證狀態為「未認證」", "「課程學習成果:2」重複勾選", "「課程學習成果:99」不是學習歷程紀錄中的項目"] {
            #expect(tickSection.contains(expected), "\(expected)")
        }
        // Nothing else is in the first group, and the packet shows the uncertified outcome.
        #expect(!tickSection.contains("警告"))
        #expect(try Self.text(pdf).contains("測試成果四噪音量測"))
    }

    @Test func moreTicksThanTheCapAreOneErrorNamingThemAndAllAreShown() throws {
        let record = try Record()
        defer { record.remove() }
        try record.writeTickList(
            #"{"校系代碼": "001012", "方式": "勾選", "課程學習成果": ["課程學習成果:3", "課程學習成果:1", "A7F3-0192", "課程學習成果:2"]}"#)
        let (result, pdf, xml) = try record.render(preview: true)
        #expect(result.status == 65, "\(result.output)")
        try Self.validates(xml)
        #expect(try Self.entryKeys(xml).filter { !$0.hasPrefix("校方") } == ["課程學習成果:1", "課程學習成果:2", "課程學習成果:3", "A7F3-0192"])
        let xmlText = try String(contentsOf: xml, encoding: .utf8)
        #expect(xmlText.contains("code=\"tick-over-cap\" file=\"\(record.tickList.path)\" field=\"課程學習成果\""))
        #expect(!xmlText.contains("code=\"over-cap\""))
        let first = try Self.text(pdf, pages: 1...2)
        #expect(first.contains("勾選清單與項目編號（1）"))
        #expect(first.contains("課程學習成果勾選了4件，上限3件（課程學習成果:3、課程學習成果:1、A7F3-0192、課程學習成果:2）；請取消勾選1件"))
        // Every ticked outcome is in the packet; the index says how many were received.
        let text = try Self.text(pdf)
        for summary in ["測試成果一桃源比較", "測試成果二月色意象", "測試成果三巷口播客", "測試成果五酸鹼指示"] {
            #expect(text.contains(summary), "\(summary)")
        }
        #expect(text.contains("收到4件，上限3件"))
    }

    @Test func aTickOutsideTheSemesterWindowIsAnErrorAndLeftOut() throws {
        // A 專業群 student applying to a 四技二專甄選入學 department: semesters 1–4 only.
        let record = try Record(group: "電機與電子群")
        defer { record.remove() }
        let profile = "samples/profiles/2A0105.json"
        try record.writeTickList(
            #"{"校系代碼": "2A0105", "方式": "勾選", "課程學習成果": ["課程學習成果:1", "課程學習成果:6"], "多元表現": ["競賽參與紀錄:3", "競賽參與紀錄:1"]}"#)
        let (result, pdf, xml) = try record.render(preview: true, profile: profile)
        #expect(result.status == 65, "\(result.output)")
        try Self.validates(xml)
        #expect(try Self.entryKeys(xml) == ["課程學習成果:1", "校方建立幹部經歷紀錄:1", "校方建立幹部經歷紀錄:2", "競賽參與紀錄:1"])
        let xmlText = try String(contentsOf: xml, encoding: .utf8)
        for field in ["課程學習成果[1]", "多元表現[0]"] {
            #expect(xmlText.contains("code=\"tick-outside-window\" file=\"\(record.tickList.path)\" field=\"\(field)\""), "\(field)")
        }
        #expect(!xmlText.contains("code=\"record-outside-window\""))
        // Left out, and named in the XML's list, as in a department's folder.
        #expect(xmlText.contains("field=\"[5]\" reason=\"outsideWindow\""))
        let first = try Self.text(pdf, pages: 1...2)
        #expect(first.contains("勾選的「課程學習成果:6」屬第6學期，不在項目B-2的採計學期（第1–4學期）"))
        #expect(first.contains("勾選的「競賽參與紀錄:3」屬第5學期"))
        let text = try Self.text(pdf)
        #expect(!text.contains("測試成果六耆老口述") && !text.contains("檜山學術研討會徵文"))
        #expect(text.contains("測試成果一桃源比較") && text.contains("樟木盃散文獎"))
    }

    @Test func checkItemsListsEveryKey() throws {
        let record = try Record()
        defer { record.remove() }
        try record.writeTickList(#"{"校系代碼": "001012", "方式": "勾選", "課程學習成果": ["A7F3-0192"]}"#)

        let listed = try record.run("check", ["--items"])
        #expect(listed.status == 0, "\(listed.output)")
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        func line(_ key: String) -> String? { lines.first { $0.contains(" \(key)  ") } }
        #expect(line("課程學習成果:1")?.contains("「國語文」  112 學年度第 2 學期  已認證  → 項目 B") == true, "\(lines)")
        #expect(line("課程學習成果:4")?.contains("未認證  → 項目 D") == true)
        #expect(line("課程學習成果:6")?.contains("114 學年度第 2 學期") == true)
        #expect(line("A7F3-0192")?.hasPrefix("  ✓ ") == true)
        #expect(line("A7F3-0192")?.contains("課程學習成果「化學」") == true)
        #expect(line("課程學習成果:5") == nil, "the key is the 項目編號, not the position")
        #expect(line("競賽參與紀錄:3")?.contains("「檜山學術研討會徵文」") == true)
        #expect(line("幹部經歷暨事蹟紀錄:1")?.contains("112 學年度第 2 學期  → 項目 H") == true)
        #expect(line("職場學習紀錄:1")?.contains("→ 項目 K") == true)
        #expect(line("校方建立幹部經歷紀錄:2")?.hasPrefix("  ✓ ") == true)
        #expect(lines.filter { $0.contains("→ 項目") }.count == 14)
        // The usual report follows, of the ticked packet.
        #expect(listed.stdout.contains("審查項目"))

        let json = try record.run("check", ["--items", "--json"])
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let items = try #require(document["recordItems"] as? [[String: Any]])
        #expect(items.count == 14)
        let keyedItem = try #require(items.first { $0["key"] as? String == "A7F3-0192" })
        #expect(keyedItem["title"] as? String == "化學")
        #expect(keyedItem["item"] as? String == "D")
        #expect(keyedItem["selected"] as? Bool == true)
        #expect(keyedItem["certification"] as? String == "已認證")
        #expect(keyedItem["file"] as? String == "01000101_課程學習成果.json" && keyedItem["field"] as? String == "[4]")
        #expect((document["tickList"] as? [String: Any])?["mode"] as? String == "勾選")

        // Without a tick list: every key, none marked.
        let plain = try Harness.run(["check", record.folder.path, "--profile", Self.profile, "--items"])
        #expect(plain.status == 65, "the whole record has errors")
        #expect(!plain.stdout.contains("✓"))
        #expect(plain.stdout.contains("A7F3-0192"))

        // Without a profile (a student's folder has no department): the keys, no review items.
        let bare = try Harness.run(["check", record.folder.path, "--items"], profile: nil)
        #expect(bare.status == 0, "\(bare.output)")
        #expect(bare.stdout.contains("不列審查項目"))
        #expect(bare.stdout.contains(" A7F3-0192  課程學習成果「化學」  112 學年度第 2 學期  已認證\n"))
        #expect(!bare.stdout.contains("→ 項目"))
        let bareJSON = try Harness.run(["check", record.folder.path, "--items", "--json"], profile: nil)
        let bareDocument = try #require(try JSONSerialization.jsonObject(with: Data(bareJSON.stdout.utf8)) as? [String: Any])
        #expect((bareDocument["recordItems"] as? [Any])?.count == 14)
        #expect(bareDocument["profile"] is NSNull)
        // A plain check still needs its profile: no silent default.
        #expect(try Harness.run(["check", record.folder.path], profile: nil).status == 66)
    }

    @Test func aTickListThatIsNotThereOrNotForThisDepartmentMakesNoPacket() throws {
        let record = try Record()
        defer { record.remove() }
        let missing = try record.render()
        #expect(missing.result.status == 66, "\(missing.result.output)")
        #expect(missing.result.stderr.contains("找不到勾選清單") && missing.result.stderr.contains(record.tickList.path))
        #expect(!FileManager.default.fileExists(atPath: record.out.path))
        let checked = try record.run("check")
        #expect(checked.status == 66)

        try record.writeTickList(#"{"校系代碼": "001022", "方式": "勾選", "課程學習成果": ["課程學習成果:1"]}"#)
        let other = try record.render()
        #expect(other.result.status == 65, "\(other.result.output)")
        #expect(other.result.stderr.contains("校系代碼為 001022"))
        #expect(!FileManager.default.fileExists(atPath: record.out.path))

        try record.writeTickList(#"{"校系代碼": "001012", "方式": "勾選", "課程成果": ["課程學習成果:1"]}"#)
        let misspelt = try record.render()
        #expect(misspelt.result.status == 65)
        #expect(misspelt.result.stderr.contains("› 課程成果"))
    }

    @Test func eachWayOfTheTickListTakesOnlyItsOwnMaterial() throws {
        // The record keeps an uploaded PDF for item B (for a department the student uploads to).
        let record = try Record()
        defer { record.remove() }
        try FileManager.default.copyItem(
            at: record.folder.appendingPathComponent("files/moon-imagery.pdf"),
            to: record.folder.appendingPathComponent("01000101_自行上傳_B.pdf"))

        try record.writeTickList(#"{"校系代碼": "001012", "方式": "勾選", "課程學習成果": ["課程學習成果:1"]}"#)
        let ticked = try record.render()
        #expect(ticked.result.status == 0, "\(ticked.result.output)")
        let tickedXML = try String(contentsOf: ticked.xml, encoding: .utf8)
        #expect(!tickedXML.contains("<upload ") && !tickedXML.contains("both-selection-modes"))
        #expect(try Self.entryKeys(ticked.xml).contains("課程學習成果:1"))

        try record.writeTickList(#"{"校系代碼": "001012", "方式": "自行上傳"}"#)
        let uploaded = try record.render(preview: true)
        #expect(uploaded.result.status == 0, "\(uploaded.result.output)")
        try Self.validates(uploaded.xml)
        let uploadedXML = try String(contentsOf: uploaded.xml, encoding: .utf8)
        #expect(uploadedXML.contains("<upload file=\"01000101_自行上傳_B.pdf\""))
        #expect(uploadedXML.contains("<tickList source=\"001012.json\" mode=\"自行上傳\"/>"))
        #expect(try Self.entryKeys(uploaded.xml).allSatisfy { $0.hasPrefix("校方建立幹部經歷紀錄:") })
        #expect(!uploadedXML.contains("both-selection-modes"))
        let text = try Self.text(uploaded.pdf)
        #expect(text.contains("自行上傳，未經學習歷程中央資料庫認證"))
        #expect(!text.contains("測試成果一桃源比較"))
    }

    @Test func underUploadTheListsMustBeEmpty() throws {
        let record = try Record()
        defer { record.remove() }
        try record.writeTickList(#"{"校系代碼": "001012", "方式": "自行上傳", "多元表現": ["競賽參與紀錄:1"]}"#)
        let checked = try record.run("check", ["--json"])
        #expect(checked.status == 65)
        #expect(checked.stdout.contains("\"code\":\"tick-with-upload\""))
        #expect(checked.stdout.contains("\"field\":\"多元表現[0]\""))
    }
}
