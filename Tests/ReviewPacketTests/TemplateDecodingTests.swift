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
        var channels = table["招生管道"] as! [[String: Any]]
        var items = channels[channel]["審查項目"] as! [[String: Any]]
        edit(&items[index])
        channels[channel]["審查項目"] = items
        table["招生管道"] = channels
        return table
    }

    @Test func aWrongTypeAtANestedKeyNamesTheFileAndTheKeyPath() throws {
        let broken = Self.editingItem(try Self.table(), channel: 0, item: 3) { $0["capGroup"] = 3 }
        let error = try #require(try Self.loadError(broken))
        #expect(error.file == "Templates/rules/115.json")
        #expect(error.error.keyPath == "招生管道[0].審查項目[3].capGroup")
        #expect(error.error.problem == .wrongType(expected: .string, found: .number))
        #expect(
            error.diagnostic.line(.traditionalChinese)
                == "錯誤 Templates/rules/115.json › 招生管道[0].審查項目[3].capGroup：工具內建的資料檔有誤：應為字串，實為數值")
        #expect(
            error.diagnostic.line(.english)
                == "error Templates/rules/115.json › 招生管道[0].審查項目[3].capGroup: a data file of the tool is invalid: expected a string, found a number")
    }

    @Test func valuesOutsideAClosedSetAreNamedWithTheAcceptedOnes() throws {
        let table = try Self.table()
        let source = Self.editingItem(table, channel: 1, item: 3) { $0["sources"] = ["多元表現", "作文"] }
        let sourceError = try #require(try Self.loadError(source))
        #expect(sourceError.error.keyPath == "招生管道[1].審查項目[3].sources[1]")
        guard case .notOneOf("作文", let allowed) = sourceError.error.problem else {
            Issue.record("\(sourceError.error.problem)")
            return
        }
        #expect(allowed == RecordSource.allCases.map(\.rawValue))

        var channel = table
        var channels = channel["招生管道"] as! [[String: Any]]
        channels[1]["別名"] = ["四技二專甄選", "夜間部"]
        channel["招生管道"] = channels
        #expect(try Self.loadError(channel)?.error.keyPath == "招生管道[1].別名[1]")

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
        var channels = table["招生管道"] as! [[String: Any]]
        var routes = channels[0]["多元表現對應"] as! [[String: Any]]
        routes[2]["item"] = "B"  // B takes 課程學習成果, not 多元表現
        channels[0]["多元表現對應"] = routes
        table["招生管道"] = channels
        let error = try #require(try Self.loadError(table))
        #expect(error.error.keyPath == "招生管道[0].多元表現對應[2].item")
        #expect(error.error.problem == .unknownItem("B"))
    }

    @Test func missingKeysAndDuplicateCodesAreNamed() throws {
        var table = try Self.table()
        table["課程代碼"] = nil
        #expect(try Self.loadError(table)?.error == DataFileError(keyPath: "課程代碼", problem: .missing))

        let duplicate = Self.editingItem(try Self.table(), channel: 0, item: 2) { $0["code"] = "B" }
        #expect(
            try Self.loadError(duplicate)?.error
                == DataFileError(keyPath: "招生管道[0].審查項目[2].code", problem: .duplicate("B")))

        let noOther = Self.editingItem(try Self.table(), channel: 0, item: 17) { $0["sources"] = ["就讀動機"] }
        #expect(
            try Self.loadError(noOther)?.error
                == DataFileError(keyPath: "招生管道[0].審查項目", problem: .noItemTakes("其他有利審查資料")))
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
            let channels = raw["招生管道"] as! [[String: Any]]
            #expect(year.channels.count == channels.count)
            for (decoded, written) in zip(year.channels, channels) {
                #expect(decoded.name.rawValue == written["名稱"] as! String)
                #expect(decoded.aliases.map(\.rawValue) == (written["別名"] as? [String] ?? []))
                let items = written["審查項目"] as! [[String: Any]]
                #expect(decoded.items.map(\.code.rawValue) == items.map { $0["code"] as! String })
                #expect(decoded.items.map(\.group.rawValue) == items.map { $0["group"] as! String })
                #expect(decoded.items.map { $0.capGroup?.rawValue } == items.map { $0["capGroup"] as? String })
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
                #expect(
                    Set(decoded.caps.keys.map(\.rawValue)) == Set((written["上限"] as? [String: Any] ?? [:]).keys))
            }
            let sizes = (raw["限制"] as? [String: Any])?["附件大小上限"] as? [String: Int] ?? [:]
            #expect(Dictionary(uniqueKeysWithValues: year.attachmentLimits.map { ($0.key.rawValue, $0.value) }) == sizes)
        }
        // The layouts are named by the channel families of the tables.
        let layouts = try FileManager.default.contentsOfDirectory(
            atPath: Self.root.appendingPathComponent("Templates/layouts").path
        ).filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        #expect(Set(layouts) == Set(book.years.values.flatMap { $0.channels.map(\.name.rawValue) }))

        func roundTrips<T: ClosedSet & Equatable>(_ type: T.Type) {
            for value in T.allCases {
                #expect(T(rawValue: value.rawValue) == value, "\(value.rawValue)")
            }
            #expect(Set(T.allCases.map(\.rawValue)).count == T.allCases.count)
        }
        roundTrips(Channel.self)
        roundTrips(ItemGroup.self)
        roundTrips(RecordSource.self)
        roundTrips(MediaType.self)
        roundTrips(PerformanceCategory.self)
        roundTrips(SelfWrittenKind.self)
    }

    @Test func itemCodesAreCheckedAgainstTheYearsTable() throws {
        let book = try RuleBook.load(from: Self.rulesFolder)
        let university = try #require(book.years[115]?.channel(named: .university))
        let technical = try #require(book.years[115]?.channel(named: .technicalApplication))
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
        let head = #"{"招生學年度": 115, "招生管道": "大學個人申請", "校系代碼": "001012", "#
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
        #expect(notInChannel.kind == .profileInvalid(reason: .itemNotInChannel(item: "B-1", channel: "大學個人申請")))

        let range = try #require(try Self.profileDiagnostic(head + #""審查項目": ["A"], "上限": {"多元表現": -1}}"#))
        #expect(range.field == "上限.多元表現")

        let channel = try #require(
            try Self.profileDiagnostic(#"{"招生學年度": 115, "招生管道": "夜間部", "校系代碼": "001012", "審查項目": ["A"]}"#))
        #expect(channel.field == "招生管道")
        #expect(channel.kind == .profileInvalid(reason: .malformed(.notOneOf("夜間部", allowed: Channel.allCases.map(\.rawValue)))))

        let whole = try #require(try Self.profileDiagnostic("[]"))
        #expect(whole.field == nil)
        #expect(whole.kind == .profileInvalid(reason: .malformed(.wrongType(expected: .object, found: .array))))

        #expect(try Self.profileDiagnostic(head + #""審查項目": ["A", " B "], "上限": {"課程學習成果": 2}}"#) == nil)
    }
}
