import Diagnostics
import Foundation
import PortfolioRecord
import Testing

@testable import ReviewPacket

/// Rule tables and profiles decode into typed values; a wrong value is named by file and key path.
@Suite struct TemplateDecodingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let rulesFolder = root.appendingPathComponent("Templates/rules")

    /// The shipped 115 table as Foundation objects, to break one key at a time.
    static func table() throws -> [String: Any] {
        let data = try Data(contentsOf: rulesFolder.appendingPathComponent("115.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// Loads a rule folder holding `table` as 115.json; the error it throws, if any.
    static func loadError(_ table: [String: Any]) throws -> TemplateError? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try JSONSerialization.data(withJSONObject: table).write(to: folder.appendingPathComponent("115.json"))
        do {
            _ = try RuleBook.load(from: folder)
            return nil
        } catch {
            return error
        }
    }

    /// Edits the item `index` of channel `channel`.
    static func editingItem(_ table: [String: Any], channel: Int, item index: Int, _ edit: (inout [String: Any]) -> Void)
        -> [String: Any]
    {
        var table = table
        var channels = table["審查項目表"] as! [[String: Any]]
        var items = channels[channel]["審查項目"] as! [[String: Any]]
        edit(&items[index])
        channels[channel]["審查項目"] = items
        table["審查項目表"] = channels
        return table
    }

    @Test func aWrongTypeAtANestedKeyNamesTheFileAndTheKeyPath() throws {
        let broken = Self.editingItem(try Self.table(), channel: 0, item: 3) { $0["group"] = 3 }
        let error = try #require(try Self.loadError(broken))
        #expect(error.file == "Templates/rules/115.json")
        #expect(error.error.keyPath == "審查項目表[0].審查項目[3].group")
        #expect(error.error.problem == .wrongType(expected: .string, found: .number))
        #expect(
            error.diagnostic.line(.traditionalChinese)
                == "錯誤 Templates/rules/115.json › 審查項目表[0].審查項目[3].group：工具內建的資料檔有誤：應為字串，實為數值")
        #expect(
            error.diagnostic.line(.english)
                == "error Templates/rules/115.json › 審查項目表[0].審查項目[3].group: a data file of the tool is invalid: expected a string, found a number")
    }

    @Test func valuesOutsideAClosedSetAreNamedWithTheAcceptedOnes() throws {
        let table = try Self.table()
        let source = Self.editingItem(table, channel: 1, item: 3) { $0["sources"] = ["多元表現", "作文"] }
        let sourceError = try #require(try Self.loadError(source))
        #expect(sourceError.error.keyPath == "審查項目表[1].審查項目[3].sources[1]")
        guard case .notOneOf("作文", let allowed) = sourceError.error.problem else {
            Issue.record("\(sourceError.error.problem)")
            return
        }
        #expect(allowed == RecordSource.allCases.map(\.rawValue))

        var channel = table
        var channels = channel["審查項目表"] as! [[String: Any]]
        channels[1]["管道"] = ["四技申請", "夜間部"]
        channel["審查項目表"] = channels
        #expect(try Self.loadError(channel)?.error.keyPath == "審查項目表[1].管道[1]")

        var media = table
        var limits = media["限制"] as! [String: Any]
        var sizes = limits["附件大小上限"] as! [String: Any]
        sizes["image/gif"] = 1024
        limits["附件大小上限"] = sizes
        media["限制"] = limits
        let mediaError = try #require(try Self.loadError(media))
        #expect(mediaError.error.keyPath == "限制.附件大小上限.image/gif")
    }

    @Test func itemsAMappingNamesMustBeTheChannelsOfTheRightKind() throws {
        var table = try Self.table()
        var channels = table["審查項目表"] as! [[String: Any]]
        var routes = channels[0]["多元表現對應"] as! [[String: Any]]
        routes[2]["item"] = "B"  // B takes 課程學習成果, not 多元表現
        channels[0]["多元表現對應"] = routes
        table["審查項目表"] = channels
        let error = try #require(try Self.loadError(table))
        #expect(error.error.keyPath == "審查項目表[0].多元表現對應[2].item")
        #expect(error.error.problem == .unknownItem("B"))
    }

    @Test func missingKeysAndDuplicateCodesAreNamed() throws {
        var table = try Self.table()
        table["課程代碼"] = nil
        #expect(try Self.loadError(table)?.error == DataFileError(keyPath: "課程代碼", problem: .missing))

        let duplicate = Self.editingItem(try Self.table(), channel: 0, item: 2) { $0["code"] = "B" }
        #expect(
            try Self.loadError(duplicate)?.error
                == DataFileError(keyPath: "審查項目表[0].審查項目[2].code", problem: .duplicate("B")))

        let noOther = Self.editingItem(try Self.table(), channel: 0, item: 17) { $0["sources"] = ["就讀動機"] }
        #expect(
            try Self.loadError(noOther)?.error
                == DataFileError(keyPath: "審查項目表[0].審查項目", problem: .noItemTakes("其他有利審查資料")))
    }

    /// The parts of a 課程代碼 are a closed set: an unknown name and a part left out are both named.
    @Test func courseCodePartsAreAClosedSet() throws {
        func editingCourseCode(_ key: String, _ edit: (inout [String: Any]) -> Void) throws -> [String: Any] {
            var table = try Self.table()
            var courseCode = table["課程代碼"] as! [String: Any]
            var parts = courseCode[key] as! [String: Any]
            edit(&parts)
            courseCode[key] = parts
            table["課程代碼"] = courseCode
            return table
        }
        let renamed = try editingCourseCode("位置") { $0["類別"] = $0.removeValue(forKey: "課程類別") }
        #expect(
            try Self.loadError(renamed)?.error
                == DataFileError(
                    keyPath: "課程代碼.位置.類別", problem: .notOneOf("類別", allowed: ["課程類別", "科目屬性", "領域"])))
        let noTable = try editingCourseCode("表") { $0["領域"] = nil }
        #expect(try Self.loadError(noTable)?.error == DataFileError(keyPath: "課程代碼.表.領域", problem: .missing))
        let rules = try RuleBook.load(from: Self.rulesFolder).years[115]!.courseCode
        #expect(rules.positions == [.category: 17...17, .attribute: 19...19, .domain: 20...21])
        #expect(rules.tables[.category]?["1"] == "部定必修")
    }

    @Test func aSyntaxErrorIsReportedAtTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"招生學年度": 115,"#.utf8).write(to: folder.appendingPathComponent("116.json"))
        #expect(throws: TemplateError.self) { try RuleBook.load(from: folder) }
        do {
            _ = try RuleBook.load(from: folder)
        } catch {
            #expect(error.file == "Templates/rules/116.json")
            #expect(error.diagnostic.field == nil)
            guard case .syntax(_, line: 1, _) = error.error.problem else {
                Issue.record("\(error.error.problem)")
                return
            }
        }
    }

    // MARK: Round trips

    /// Every name the shipped rule tables use decodes to a value whose name is the same text, and
    /// every value of each closed set goes back to itself.
    @Test func everyValueUsedInTemplatesRoundTrips() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.rulesFolder.path).filter { $0.hasSuffix(".json") }
        #expect(!files.isEmpty)
        let book = try RuleBook.load(from: Self.rulesFolder)
        for name in files {
            let raw = try JSONSerialization.jsonObject(
                with: Data(contentsOf: Self.rulesFolder.appendingPathComponent(name))) as! [String: Any]
            let year = try #require(book.years[raw["招生學年度"] as! Int])
            let tables = raw["審查項目表"] as! [[String: Any]]
            #expect(year.tables.count == tables.count)
            #expect(
                Dictionary(uniqueKeysWithValues: year.channelAliases.map { ($0.key, $0.value.rawValue) })
                    == (raw["管道別名"] as? [String: String] ?? [:]))
            for (decoded, written) in zip(year.tables, tables) {
                #expect(decoded.family.rawValue == written["名稱"] as! String)
                #expect(decoded.channels.map(\.rawValue) == written["管道"] as! [String])
                #expect(decoded.capUnit.rawValue == written["上限單位"] as! String)
                let items = written["審查項目"] as! [[String: Any]]
                #expect(decoded.items.map(\.code.rawValue) == items.map { $0["code"] as! String })
                #expect(decoded.items.map(\.name) == items.map { $0["name"] as! String })
                #expect(decoded.items.map(\.group.rawValue) == items.map { $0["group"] as! String })
                #expect(decoded.items.map { $0.sources.map(\.rawValue) } == items.map { $0["sources"] as! [String] })
                for rule in decoded.items {
                    #expect(decoded.code(rule.code.rawValue) == rule.code)
                    #expect(ItemCode(rule.code.rawValue) == rule.code)
                }
                let routes = written["多元表現對應"] as? [[String: Any]] ?? []
                #expect(decoded.performanceMapping.map(\.category.rawValue) == routes.map { $0["category"] as! String })
                #expect(decoded.performanceMapping.map(\.item.rawValue) == routes.map { $0["item"] as! String })
                let outcomeRoutes = written["課程學習成果對應"] as? [[String: Any]] ?? []
                #expect(decoded.outcomeMapping.map(\.item.rawValue) == outcomeRoutes.map { $0["item"] as! String })
                #expect(
                    Set(decoded.uncappedCategories.map(\.rawValue)) == Set(written["上限不計類別"] as? [String] ?? []))
                let caps = written["上限"] as? [String: Int] ?? [:]
                #expect(Dictionary(uniqueKeysWithValues: decoded.caps.map { ($0.key.description, $0.value) }) == caps)
                let windows = written["採計學期"] as? [[String: Any]] ?? []
                #expect(decoded.windows.map(\.classType.rawValue) == windows.map { $0["班別類型"] as! String })
                for (window, writtenWindow) in zip(decoded.windows, windows) {
                    for (source, range) in window.ranges {
                        #expect(writtenWindow[source.rawValue] as? [Int] == [range.lowerBound, range.upperBound])
                    }
                    #expect(window.ranges.count == writtenWindow.count - 1)
                }
            }
            let sizes = (raw["限制"] as? [String: Any])?["附件大小上限"] as? [String: Int] ?? [:]
            #expect(Dictionary(uniqueKeysWithValues: year.attachmentLimits.map { ($0.key.rawValue, $0.value) }) == sizes)
        }
        // The layouts are named by the channel families of the tables.
        let layouts = try FileManager.default.contentsOfDirectory(
            atPath: Self.root.appendingPathComponent("Templates/layouts").path
        ).filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        #expect(Set(layouts) == Set(book.years.values.flatMap { $0.tables.map(\.family.rawValue) }))
        #expect(Set(layouts) == Set(ChannelFamily.allCases.map(\.rawValue)))

        func roundTrips<T: ClosedSet & Equatable>(_ type: T.Type) {
            for value in T.allCases {
                #expect(T(rawValue: value.rawValue) == value, "\(value.rawValue)")
            }
            #expect(Set(T.allCases.map(\.rawValue)).count == T.allCases.count)
        }
        roundTrips(Channel.self)
        roundTrips(ChannelFamily.self)
        roundTrips(CapUnit.self)
        roundTrips(ClassType.self)
        roundTrips(ItemGroup.self)
        roundTrips(RecordSource.self)
        roundTrips(MediaType.self)
        roundTrips(PerformanceCategory.self)
        roundTrips(SelfWrittenKind.self)
    }

    @Test func itemCodesAreCheckedAgainstTheYearsTable() throws {
        let book = try RuleBook.load(from: Self.rulesFolder)
        let year = try #require(book.years[115])
        let university = try #require(year.table(for: .application))
        let technical = try #require(year.table(for: .technicalApplication))
        // Every channel has a table; the 技專 channels share one; old names are accepted.
        #expect(Channel.allCases.allSatisfy { year.table(for: $0) != nil })
        #expect(year.table(for: .technicalSelection)?.family == .technical)
        #expect(year.table(for: .skillsSelection)?.family == .technical)
        #expect(year.channel(named: "大學個人申請") == .application)
        #expect(year.channel(named: " 申請入學 ") == .application)
        #expect(year.channel(named: "大學繁星推薦") == nil)
        // Official names keep their notes.
        #expect(technical.item("B-1")?.name == "專題實作、實習科目學習成果(含技能領域)")
        #expect(technical.item("C-1")?.name == "彈性學習時間學習成果(自主學習/選手培訓/學校特色活動)")
        #expect(technical.item("C-6")?.name == "非修課紀錄之成果作品(如職場學習成果)")
        // Caps: per group for 申請入學, per item for 技專.
        #expect(university.caps == [.group(.learningOutcomes): 3, .group(.performances): 10])
        #expect(university.capScope("B") == nil && university.capScope("課程學習成果") == .group(.learningOutcomes))
        #expect(technical.capScope("課程學習成果") == nil && technical.capScope("B-2") == .item("B-2"))
        #expect(technical.capScope("A") == nil && technical.capScope("D-1") == nil)
        // Windows: 專業群 see 1–4 of what they tick, everyone 1–5 of 修課紀錄.
        #expect(university.window(for: .general, source: .learningOutcomes) == 1...6)
        #expect(technical.window(for: .vocational, source: .performances) == 1...4)
        #expect(technical.window(for: .vocational, source: .courseRecord) == 1...5)
        #expect(ClassType(group: "電機與電子群") == .vocational && ClassType(group: "普通型") == .general && ClassType(group: nil) == .general)
        #expect(university.code(" j ")?.rawValue == "J")
        #expect(university.code("B-1") == nil)
        #expect(technical.code("B-1")?.rawValue == "B-1")
        #expect(technical.code("B") == nil)
        // Through a variable: a literal would be read as the tests' own literal conversion.
        let malformed = ["b", "", "1A", "ABCDEFGHI", "B 1"]
        #expect(malformed.allSatisfy { ItemCode($0) == nil })
    }

    // MARK: Profiles

    static func profileDiagnostic(_ text: String) throws -> Diagnostic? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("profile-\(UUID().uuidString).json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rules = try RuleBook.load(from: rulesFolder)
        do {
            _ = try ProfileLoader.load(path: path, rules: rules)
            return nil
        } catch {
            #expect(error.diagnostic.file == path)
            return error.diagnostic
        }
    }

    @Test func aProfileWithAWrongTypeAtANestedKeyNamesTheKey() throws {
        let head = #"{"招生學年度": 115, "招生管道": "申請入學", "校系代碼": "001012", "#
        let cap = try #require(try Self.profileDiagnostic(head + #""審查項目": ["A"], "上限": {"多元表現": "十"}}"#))
        #expect(cap.field == "上限.多元表現")
        #expect(cap.kind == .profileInvalid(reason: .malformed(.wrongType(expected: .number, found: .string))))
        #expect(cap.line(.traditionalChinese).hasSuffix(" › 上限.多元表現：校系審查設定檔有誤：應為數值，實為字串"))
        #expect(cap.line(.english).hasSuffix(" › 上限.多元表現: department profile is invalid: expected a number, found a string"))

        let item = try #require(try Self.profileDiagnostic(head + #""審查項目": ["A", 3]}"#))
        #expect(item.field == "審查項目[1]")
        #expect(item.kind == .profileInvalid(reason: .malformed(.wrongType(expected: .string, found: .number))))

        let notInChannel = try #require(try Self.profileDiagnostic(head + #""審查項目": ["A", "B-1"]}"#))
        #expect(notInChannel.field == "審查項目[1]")
        #expect(notInChannel.kind == .profileInvalid(reason: .itemNotInChannel(item: "B-1", channel: "申請入學")))

        let range = try #require(try Self.profileDiagnostic(head + #""審查項目": ["A"], "上限": {"多元表現": -1}}"#))
        #expect(range.field == "上限.多元表現")

        let channel = try #require(
            try Self.profileDiagnostic(#"{"招生學年度": 115, "招生管道": "夜間部", "校系代碼": "001012", "審查項目": ["A"]}"#))
        #expect(channel.field == "招生管道")
        #expect(channel.kind == .profileInvalid(reason: .unknownChannel("夜間部")))

        let whole = try #require(try Self.profileDiagnostic("[]"))
        #expect(whole.field == nil)
        #expect(whole.kind == .profileInvalid(reason: .malformed(.wrongType(expected: .object, found: .array))))

        #expect(try Self.profileDiagnostic(head + #""審查項目": ["A", " B "], "上限": {"課程學習成果": 2}}"#) == nil)
    }

    @Test func capsOfTheWrongUnitAreRefusedNeverIgnored() throws {
        let university = #"{"招生學年度": 115, "招生管道": "申請入學", "校系代碼": "001012", "審查項目": ["A", "B"], "#
        let perItem = try #require(try Self.profileDiagnostic(university + #""上限": {"B": 2}}"#))
        #expect(perItem.field == "上限.B")
        #expect(perItem.kind == .profileInvalid(reason: .capNotApplicable(key: "B", unit: "群組")))
        let technical = #"{"招生學年度": 115, "招生管道": "四技二專甄選入學", "校系代碼": "2A0105", "審查項目": ["A", "B-1", "B-2"], "#
        let pooled = try #require(try Self.profileDiagnostic(technical + #""上限": {"課程學習成果": 6}}"#))
        #expect(pooled.kind == .profileInvalid(reason: .capNotApplicable(key: "課程學習成果", unit: "項目")))
        #expect(pooled.kind.message(.traditionalChinese).contains("此招生管道的上限以項目計"))
        #expect(try Self.profileDiagnostic(technical + #""上限": {"B-1": 2, "B-2": 4}}"#) == nil)
        let limit = try #require(try Self.profileDiagnostic(university + #""字數上限": {"Z": 800}}"#))
        #expect(limit.field == "字數上限.Z")
    }

    @Test func aProfileIsReadWithItsCapsLimitsAndOldChannelName() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("profile-\(UUID().uuidString).json").path
        let text = #"""
            {"招生學年度": 115, "招生管道": "大學個人申請", "校系代碼": "001012", "審查項目": ["A", "B", "N", "P"],
             "上限": {"課程學習成果": 2}, "字數上限": {"N": 800, "P": 1500}, "圖片上限": {"n": 3}}
            """#
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (profile, diagnostics) = try ProfileLoader.load(path: path, rules: RuleBook.load(from: Self.rulesFolder))
        #expect(diagnostics.isEmpty)
        #expect(profile.channel == .application)
        #expect(profile.caps == [.group(.learningOutcomes): 2, .group(.performances): 10])
        #expect(profile.textLimits == ["N": 800, "P": 1500])
        #expect(profile.imageLimits == ["N": 3])
    }

    @Test func builtInProfilesAreNamedNeverDefaulted() throws {
        let rules = try RuleBook.load(from: Self.rulesFolder)
        let university = try #require(Profile.builtIn(channelName: "申請入學", rules: rules))
        #expect(university.items.first == "A" && university.items.last == "R" && university.items.count == 18)
        #expect(university.source == "builtin:申請入學")
        #expect(Profile.builtIn(channelName: "大學個人申請", rules: rules)?.channel == .application)
        let technical = try #require(Profile.builtIn(channelName: "四技二專甄選入學", rules: rules))
        #expect(technical.caps == [.item("B-1"): 3])
        #expect(technical.items.contains("D-2"))
        #expect(Profile.builtIn(channelName: "夜間部", rules: rules) == nil)
    }
}
