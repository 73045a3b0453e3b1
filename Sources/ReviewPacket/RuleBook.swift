import Diagnostics
import Foundation
import PacketTemplates
import PortfolioRecord

/// The review-item tables of every 招生學年度 the project knows, read from `Templates/rules/`.
public struct RuleBook: Sendable {
    public var years: [Int: RuleYear]

    public init(years: [Int: RuleYear]) {
        self.years = years
    }

    public enum LoadError: Error, Sendable, Equatable {
        case unreadable(file: String, reason: String)
    }

    /// Reads every `<year>.json` of a folder (default: the templates shipped with the tool).
    public static func load(from directory: URL = PacketTemplates.rulesDirectory) throws(LoadError) -> RuleBook {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .unreadable(file: directory.path, reason: "cannot list the folder")
        }
        var years: [Int: RuleYear] = [:]
        for name in names.sorted() where name.hasSuffix(".json") {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw .unreadable(file: name, reason: "cannot read")
            }
            let value: JSONValue
            do {
                value = try JSONParser.parse(String(decoding: data, as: UTF8.self))
            } catch {
                throw .unreadable(file: name, reason: "JSON syntax error at line \(error.line)")
            }
            guard let year = RuleYear(json: value, digest: sha256Hex(Array(data))) else {
                throw .unreadable(file: name, reason: "not a rule table")
            }
            years[year.year] = year
        }
        guard !years.isEmpty else { throw .unreadable(file: directory.path, reason: "no rule tables") }
        return RuleBook(years: years)
    }

    public var newestYear: Int { years.keys.max() ?? 0 }

    /// The table of `year`, or of the nearest earlier year (else the newest) with a warning.
    public func rules(for year: Int) -> (RuleYear, Diagnostic?) {
        if let exact = years[year] { return (exact, nil) }
        let fallback = years.keys.filter { $0 < year }.max() ?? newestYear
        return (years[fallback]!, .warning(.ruleYearUnknown(year: year, using: fallback)))
    }
}

/// One 招生學年度: its channels, code tables and limits.
public struct RuleYear: Sendable {
    public var year: Int
    public var channels: [ChannelRules]
    /// Field name (e.g. 幹部等級代碼) → code → name.
    public var codeTables: [String: [String: String]]
    public var courseCode: CourseCodeRules
    public var summaryLimit: Int
    /// Media type → largest size in bytes the central database accepts.
    public var attachmentLimits: [String: Int]
    /// SHA-256 of the table's file, part of the input digest.
    public var digest: String

    /// The channel a profile's 招生管道 names (by name or alias).
    public func channel(named name: String) -> ChannelRules? {
        channels.first { $0.name == name || $0.aliases.contains(name) }
    }

    init?(json: JSONValue, digest: String) {
        guard let root = json.objectValue, let year = root["招生學年度"]?.intValue,
            let channelList = root["招生管道"]?.arrayValue
        else { return nil }
        self.year = year
        self.digest = digest
        channels = channelList.compactMap(ChannelRules.init(json:))
        guard channels.count == channelList.count else { return nil }
        var tables: [String: [String: String]] = [:]
        for member in root["代碼表"]?.objectValue?.members ?? [] {
            tables[member.key] = stringMap(member.value)
        }
        codeTables = tables
        guard let course = root["課程代碼"].flatMap(CourseCodeRules.init(json:)) else { return nil }
        courseCode = course
        let limits = root["限制"]?.objectValue
        summaryLimit = limits?["簡述字數上限"]?.intValue ?? 100
        var sizes: [String: Int] = [:]
        for member in limits?["附件大小上限"]?.objectValue?.members ?? [] {
            sizes[member.key] = member.value.intValue
        }
        attachmentLimits = sizes
    }
}

/// One channel (大學個人申請, 技專) in one year.
public struct ChannelRules: Sendable {
    public var name: String
    public var aliases: [String]
    /// In code order: the order of sections in the packet.
    public var items: [ItemRule]
    /// Cap group → default cap.
    public var caps: [String: Int]
    /// University: the item a 課程學習成果 without its own code goes to.
    public var outcomeDefaultItem: String?
    /// 技專: 成果類別 → item; a rule without 成果類別 is the fallback.
    public var outcomeMapping: [(outcomeCategory: String?, item: String)]
    /// Category (and class code) → item.
    public var performanceMapping: [(category: String, classCode: String?, item: String)]
    /// Categories that do not count toward a cap (the school-created cadre list).
    public var uncappedCategories: Set<String>

    public func item(_ code: String) -> ItemRule? {
        items.first { $0.code == code }
    }

    init?(json: JSONValue) {
        guard let object = json.objectValue, let name = object["名稱"]?.stringValue,
            let itemList = object["審查項目"]?.arrayValue
        else { return nil }
        self.name = name
        aliases = object["別名"]?.arrayValue?.compactMap(\.stringValue) ?? []
        items = itemList.compactMap(ItemRule.init(json:))
        guard items.count == itemList.count else { return nil }
        var caps: [String: Int] = [:]
        for member in object["上限"]?.objectValue?.members ?? [] {
            caps[member.key] = member.value.intValue
        }
        self.caps = caps
        outcomeDefaultItem = object["課程學習成果預設項目"]?.stringValue
        outcomeMapping = (object["課程學習成果對應"]?.arrayValue ?? []).compactMap { rule in
            guard let o = rule.objectValue, let item = o["item"]?.stringValue else { return nil }
            return (o["成果類別"]?.stringValue, item)
        }
        performanceMapping = (object["多元表現對應"]?.arrayValue ?? []).compactMap { rule in
            guard let o = rule.objectValue, let category = o["category"]?.stringValue,
                let item = o["item"]?.stringValue
            else { return nil }
            return (category, o["class"]?.stringValue, item)
        }
        uncappedCategories = Set(object["上限不計類別"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }
}

/// One review item of a channel.
public struct ItemRule: Sendable, Equatable {
    public var code: String
    public var name: String
    /// The group the item belongs to (修課紀錄, 課程學習成果, 多元表現, 學習歷程自述, 其他).
    public var group: String
    /// What fills it: 修課紀錄, 課程學習成果, 多元表現, or self-written kinds (就讀動機 …).
    public var sources: [String]
    /// The cap group it counts toward, if any.
    public var capGroup: String?
    /// The combined 學習歷程自述 PDF may stand in for it (university O, P, Q).
    public var takesCombinedStatement: Bool

    init?(json: JSONValue) {
        guard let o = json.objectValue, let code = o["code"]?.stringValue, let name = o["name"]?.stringValue,
            let group = o["group"]?.stringValue, let sources = o["sources"]?.arrayValue?.compactMap(\.stringValue)
        else { return nil }
        self.code = code
        self.name = name
        self.group = group
        self.sources = sources
        capGroup = o["capGroup"]?.stringValue
        if case .bool(true) = o["combinedStatement"] { takesCombinedStatement = true } else { takesCombinedStatement = false }
    }
}

/// Where 課程類別, 科目屬性 and 領域 sit in a 課程代碼, and their tables.
public struct CourseCodeRules: Sendable {
    public var length: Int
    /// Name → 1-based inclusive character positions.
    public var positions: [String: ClosedRange<Int>]
    /// Name → code → meaning.
    public var tables: [String: [String: String]]

    init?(json: JSONValue) {
        guard let o = json.objectValue, let length = o["長度"]?.intValue else { return nil }
        self.length = length
        var positions: [String: ClosedRange<Int>] = [:]
        for member in o["位置"]?.objectValue?.members ?? [] {
            guard let pair = member.value.arrayValue?.compactMap(\.intValue), pair.count == 2, pair[0] <= pair[1],
                pair[0] >= 1
            else { return nil }
            positions[member.key] = pair[0]...pair[1]
        }
        self.positions = positions
        var tables: [String: [String: String]] = [:]
        for member in o["表"]?.objectValue?.members ?? [] {
            tables[member.key] = stringMap(member.value)
        }
        self.tables = tables
    }
}

func stringMap(_ value: JSONValue) -> [String: String] {
    var map: [String: String] = [:]
    for member in value.objectValue?.members ?? [] {
        if let text = member.value.stringValue { map[member.key] = text }
    }
    return map
}
