import Foundation
import Testing

/// A student's whole record and a tick list for one department (`--selection`), through the built
/// tool: the packet holds exactly the ticked items, tick-list errors exit 65 and come first on the
/// preview's fix page, and `check --items` lists the keys.
@Suite struct TickListEndToEndTests {
    static let profile = "samples/profiles/001012.json"

    /// A student's record made by hand from the sample's files: `<tmp>/<應試號碼>/` (the folder names
    /// the outputs), the tick list written beside it, the output folder `<tmp>/out`.
    struct Record {
        var root: URL
        var folder: URL { root.appendingPathComponent("01000101") }
        var out: URL { root.appendingPathComponent("out") }
        var tickList: URL { root.appendingPathComponent("勾選/001012.json") }

        init() throws {
            root = try Harness.temporaryFolder("ticks")
            try FileManager.default.copyItem(
                at: Harness.root.appendingPathComponent("samples/001012/01000101"), to: folder)
        }

        func writeTickList(_ json: String) throws {
            try FileManager.default.createDirectory(
                at: tickList.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(json.utf8).write(to: tickList)
        }

        func run(_ command: String, _ extra: [String] = []) throws -> Harness.Result {
            try Harness.run(
                [command, folder.path, "--selection", tickList.path, "--profile", TickListEndToEndTests.profile] + extra)
        }

        func render(preview: Bool = false) throws -> (result: Harness.Result, pdf: URL, xml: URL) {
            let result = try run("render", ["--out", out.path] + (preview ? ["--preview"] : []))
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
            #"{"校系代碼": "001012", "方式": "勾選", "課程學習成果": ["課程學習成果:5", "課程學習成果:2"], "多元表現": ["職場學習紀錄:1", "競賽參與紀錄:2"]}"#)
        let (result, pdf, xml) = try record.render()
        #expect(result.status == 0, "\(result.output)")
        try Self.validates(xml)

        // The XML: the ticked records with their keys, in record order, and the school's cadre records
        // (every department receives them); nothing else, not even as left out.
        #expect(
            try Self.entryKeys(xml) == [
                "課程學習成果:2", "課程學習成果:5", "校方建立幹部經歷紀錄:1", "校方建立幹部經歷紀錄:2", "競賽參與紀錄:2", "職場學習紀錄:1",
            ])
        let xmlText = try String(contentsOf: xml, encoding: .utf8)
        #expect(xmlText.contains("<tickList source=\"001012.json\" mode=\"勾選\"/>"))
        #expect(!xmlText.contains("<record item=\"E\""))
        #expect(!xmlText.contains("files/taohua-report.pdf"))

        // The PDF: the ticked titles and summaries are there, the others are not.
        let text = try Self.text(pdf)
        for ticked in ["整理張愛玲三篇小說中的月亮意象", "以紫高麗菜汁製作酸鹼指示劑", "臺北市學生語文競賽", "青雲文化出版有限公司", "學藝股長"] {
            #expect(text.contains(ticked), "ticked \(ticked) is missing")
        }
        for unticked in ["比較〈桃花源記〉與《烏托邦》", "校園噪音量測", "訪問社區耆老", "芸澤高中校內詩詞創作比賽", "城南地方文史田野調查小誌", "巷口的詩"] {
            #expect(!text.contains(unticked), "unticked \(unticked) is in the packet")
        }

        // The same record rendered as a department's folder (no tick list) has them all.
        let whole = try Harness.run(["render", record.folder.path, "--profile", Self.profile, "--out", record.root.appendingPathComponent("whole").path])
        #expect(whole.status == 0, "\(whole.output)")
        let wholeKeys = try Self.entryKeys(record.root.appendingPathComponent("whole/01000101.xml"))
        #expect(wholeKeys.count > 6 && wholeKeys.contains("競賽參與紀錄:3"))
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
        #expect(try Self.text(pdf).contains("校園噪音量測"))
    }

    @Test func checkItemsListsEveryKey() throws {
        let record = try Record()
        defer { record.remove() }
        // A 項目編號 stated by the central database is the key.
        let outcomes = record.folder.appendingPathComponent("01000101_課程學習成果.json")
        let original = try String(contentsOf: outcomes, encoding: .utf8)
        let keyed = original.replacingOccurrences(of: "\"科目名稱\": \"化學\",", with: "\"項目編號\": \"A7F3-0192\", \"科目名稱\": \"化學\",")
        #expect(keyed != original)
        try Data(keyed.utf8).write(to: outcomes)
        try record.writeTickList(#"{"校系代碼": "001012", "方式": "勾選", "課程學習成果": ["A7F3-0192"]}"#)

        let listed = try record.run("check", ["--items"])
        #expect(listed.status == 0, "\(listed.output)")
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        func line(_ key: String) -> String? { lines.first { $0.contains(" \(key)  ") } }
        #expect(line("課程學習成果:1")?.contains("「國語文」  112 學年度第 2 學期  已認證  → 項目 B") == true, "\(lines)")
        #expect(line("課程學習成果:4")?.contains("未認證  → 項目 D") == true)
        #expect(line("課程學習成果:6")?.contains("→ 項目 E（校系不採計）") == true)
        #expect(line("A7F3-0192")?.hasPrefix("  ✓ ") == true)
        #expect(line("A7F3-0192")?.contains("課程學習成果「化學」") == true)
        #expect(line("課程學習成果:5") == nil, "the key is the 項目編號, not the position")
        #expect(line("競賽參與紀錄:3")?.contains("「芸澤高中校內詩詞創作比賽」") == true)
        #expect(line("校方建立幹部經歷紀錄:2")?.hasPrefix("  ✓ ") == true)
        #expect(line("檢定證照紀錄:1")?.contains("→ 項目 L（校系不採計）") == true)
        #expect(lines.filter { $0.contains("→ 項目") }.count == 22)
        // The usual report follows, of the ticked packet.
        #expect(listed.stdout.contains("審查項目"))

        let json = try record.run("check", ["--items", "--json"])
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let items = try #require(document["recordItems"] as? [[String: Any]])
        #expect(items.count == 22)
        let keyedItem = try #require(items.first { $0["key"] as? String == "A7F3-0192" })
        #expect(keyedItem["title"] as? String == "化學")
        #expect(keyedItem["item"] as? String == "D")
        #expect(keyedItem["selected"] as? Bool == true)
        #expect(keyedItem["certification"] as? String == "已認證")
        #expect(keyedItem["file"] as? String == "01000101_課程學習成果.json" && keyedItem["field"] as? String == "[4]")
        #expect((document["tickList"] as? [String: Any])?["mode"] as? String == "勾選")

        // Without a tick list: every key, none marked.
        let plain = try Harness.run(["check", record.folder.path, "--profile", Self.profile, "--items"])
        #expect(plain.status == 0)
        #expect(!plain.stdout.contains("✓"))
        #expect(plain.stdout.contains("A7F3-0192"))
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
