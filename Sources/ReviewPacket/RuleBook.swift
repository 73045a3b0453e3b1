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

    /// Reads every `<year>.json` of a folder (default: the templates shipped with the tool).
    public static func load(from directory: URL = PacketTemplates.rulesDirectory) throws(TemplateError) -> RuleBook {
        let folder = "Templates/rules"
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw TemplateError(file: folder, error: DataFileError(keyPath: "", problem: .unreadable))
        }
        var years: [Int: RuleYear] = [:]
        for name in names.sorted() where name.hasSuffix(".json") {
            let file = "\(folder)/\(name)"
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw TemplateError(file: file, error: DataFileError(keyPath: "", problem: .unreadable))
            }
            let bytes = Array(data)
            var year: RuleYear
            do {
                year = try JSONValueDecoder.decode(RuleYear.self, fromJSON: bytes)
            } catch {
                throw TemplateError(file: file, error: error)
            }
            year.digest = sha256Hex(bytes)
            years[year.year] = year
        }
        guard !years.isEmpty else { throw TemplateError(file: folder, error: DataFileError(keyPath: "", problem: .empty)) }
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

/// A file of `Templates/` that does not decode: the file (as `Templates/rules/115.json`) and where.
public struct TemplateError: Error, Sendable, Equatable {
    public var file: String
    public var error: DataFileError

    public init(file: String, error: DataFileError) {
        self.file = file
        self.error = error
    }

    /// `錯誤 Templates/rules/115.json › 審查項目表[0].審查項目[3].group：…` once shown.
    public var diagnostic: Diagnostic {
        .error(.templateInvalid(error.problem), file: file, field: error.field)
    }
}

/// 招生管道: the four channels that take review material from the central database. A profile may
/// also name a channel by an old name the year's table lists (大學個人申請 → 申請入學).
public enum Channel: String, Sendable, Hashable, ClosedSet, CustomStringConvertible {
    case application = "申請入學"
    case technicalSelection = "四技二專甄選入學"
    case technicalApplication = "四技申請"
    case skillsSelection = "技優甄審"

    public var description: String { rawValue }
}

/// The item tables of a year: one for 申請入學 (items A–R), one shared by the 技專 channels (A,
/// B-1 … D-3). Layouts are chosen by it.
public enum ChannelFamily: String, Sendable, Hashable, ClosedSet, CustomStringConvertible {
    case university = "申請入學"
    case technical = "技專"

    public var description: String { rawValue }
}

/// Caps count per group (申請入學: 課程學習成果 ≤ 3, 多元表現 ≤ 10) or per item (技專: B-1 ≤ 3,
/// never pooled with B-2).
public enum CapUnit: String, Sendable, Hashable, ClosedSet {
    case group = "群組"
    case item = "項目"
}

/// What one cap counts: the records of a group's items, or of one item.
public enum CapScope: Hashable, Sendable, Comparable, CustomStringConvertible {
    case group(ItemGroup)
    case item(ItemCode)

    /// The key a profile or table writes (`課程學習成果`, `B-1`).
    public var description: String {
        switch self {
        case .group(let group): group.rawValue
        case .item(let code): code.rawValue
        }
    }

    public static func < (a: CapScope, b: CapScope) -> Bool { a.description < b.description }
}

/// Which semester window applies to an applicant: 專業群 (技術型 groups, whose 高三 items arrive
/// too late) or the others.
public enum ClassType: String, Sendable, Hashable, ClosedSet, CustomStringConvertible {
    case vocational = "專業群"
    case general = "普通型"

    /// From 基本資料's 群別: a name ending in 群 (電機與電子群, 商業與管理群 …) is a 技術型 group;
    /// 普通型, anything else, or no 群別 at all take the general window, which hides nothing a
    /// department might count.
    public init(group: String?) {
        let name = (group ?? "").trimmingCharacters(in: .whitespaces)
        self = name.hasSuffix("群") ? .vocational : .general
    }

    public var description: String { rawValue }
}

/// The group a review item belongs to; the capped groups are the ones caps are set for.
public enum ItemGroup: String, Sendable, Hashable, ClosedSet, CustomStringConvertible {
    case courseRecord = "修課紀錄"
    case learningOutcomes = "課程學習成果"
    case performances = "多元表現"
    case statement = "學習歷程自述"
    case other = "其他"

    public var description: String { rawValue }
}

/// A review item code (A, B-1 …). The set is the year's table's: `init` checks only the shape,
/// `ChannelRules.code(_:)` whether the channel has it.
public struct ItemCode: Hashable, Sendable, Comparable, Decodable, CustomStringConvertible {
    public let rawValue: String

    /// Capital letters, digits and `-`, starting with a letter, at most 8 characters.
    public init?(_ text: String) {
        guard let first = text.unicodeScalars.first, ("A"..."Z").contains(first), text.unicodeScalars.count <= 8,
            text.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else { return nil }
        rawValue = text
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = ItemCode(text) else { throw DataFileError(at: decoder.codingPath, .unknownItem(text)) }
        self = code
    }

    public static func < (a: ItemCode, b: ItemCode) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }
}

/// One 招生學年度: its item tables (per channel), code tables and limits.
public struct RuleYear: Sendable, Decodable {
    public var year: Int
    public var tables: [ChannelRules]
    /// Old names a profile may use: 大學個人申請 → 申請入學.
    public var channelAliases: [String: Channel]
    /// Field name (e.g. 幹部等級代碼) → code → name.
    public var codeTables: [String: [String: String]]
    public var courseCode: CourseCodeRules
    public var summaryLimit: Int
    /// Largest size in bytes the central database accepts, by media type.
    public var attachmentLimits: [MediaType: Int]
    /// SHA-256 of the table's file, part of the input digest (set by the loader).
    public var digest: String = ""

    /// The channel a profile's 招生管道 names, by its name or an old one.
    public func channel(named name: String) -> Channel? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        return Channel(rawValue: trimmed) ?? channelAliases[trimmed]
    }

    /// The item table a channel uses this year.
    public func table(for channel: Channel) -> ChannelRules? {
        tables.first { $0.channels.contains(channel) }
    }

    /// Every name a profile may write this year, for messages.
    public var channelNames: [String] {
        Channel.allCases.filter { table(for: $0) != nil }.map(\.rawValue) + channelAliases.keys.sorted()
    }

    enum Keys: String, CodingKey {
        case year = "招生學年度", limits = "限制", tables = "審查項目表", aliases = "管道別名", codeTables = "代碼表"
        case courseCode = "課程代碼"
    }

    enum LimitKeys: String, CodingKey {
        case summary = "簡述字數上限", attachments = "附件大小上限"
    }

    public init(from decoder: any Decoder) throws {
        let root = try decoder.container(keyedBy: Keys.self)
        year = try root.decode(Int.self, forKey: .year)
        tables = try root.decode([ChannelRules].self, forKey: .tables)
        // A channel in two tables would make the table a profile gets depend on their order.
        var seen: Set<Channel> = []
        for (index, table) in tables.enumerated() {
            for (position, channel) in table.channels.enumerated() where !seen.insert(channel).inserted {
                throw DataFileError(
                    at: root.codingPath + [Keys.tables, DataKey(intValue: index), ChannelRules.Keys.channels, DataKey(intValue: position)],
                    .duplicate(channel.rawValue))
            }
        }
        channelAliases = try root.decodeIfPresent([String: Channel].self, forKey: .aliases) ?? [:]
        codeTables = try root.decodeIfPresent([String: [String: String]].self, forKey: .codeTables) ?? [:]
        courseCode = try root.decode(CourseCodeRules.self, forKey: .courseCode)
        summaryLimit = 100
        attachmentLimits = [:]
        if root.contains(.limits) {
            let limits = try root.nestedContainer(keyedBy: LimitKeys.self, forKey: .limits)
            summaryLimit = try limits.decodeIfPresent(Int.self, forKey: .summary) ?? 100
            let sizes = try limits.decodeIfPresent([String: Int].self, forKey: .attachments) ?? [:]
            let path = limits.codingPath + [LimitKeys.attachments]
            for (type, size) in sizes.sorted(by: { $0.key < $1.key }) {
                attachmentLimits[try MediaType(named: type, at: path + [DataKey(type)])] = size
            }
        }
    }
}

/// The semesters (1–6, counted from the first semester of 高一) a department sees of each kind of
/// record, for one class type.
public struct SemesterWindowRule: Sendable, Equatable, Decodable {
    public var classType: ClassType
    public var ranges: [RecordSource: ClosedRange<Int>]

    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: DataKey.self)
        classType = try object.decode(ClassType.self, forKey: DataKey("班別類型"))
        ranges = [:]
        for key in object.allKeys where key.stringValue != "班別類型" {
            let place = object.codingPath + [key]
            let source = try RecordSource(named: key.stringValue, at: place)
            let pair = try object.decode([Int].self, forKey: key)
            guard pair.count == 2 else { throw DataFileError(at: place, .wrongCount(found: pair.count, expected: 2)) }
            guard (1...12).contains(pair[0]), pair[0] <= pair[1], pair[1] <= 12 else {
                throw DataFileError(at: place + [DataKey(intValue: 1)], .outOfRange(String(pair[1]), lower: pair[0], upper: 12))
            }
            ranges[source] = pair[0]...pair[1]
        }
    }
}

/// One item table of a year, and the channels that use it (申請入學; the three 技專 channels).
public struct ChannelRules: Sendable, Decodable {
    public var family: ChannelFamily
    public var channels: [Channel]
    /// In code order: the order of sections in the packet.
    public var items: [ItemRule]
    /// Whether caps count per group or per item.
    public var capUnit: CapUnit
    /// Default caps; an item or group with no known cap has none.
    public var caps: [CapScope: Int]
    /// University: the item a 課程學習成果 without its own code goes to.
    public var outcomeDefaultItem: ItemCode?
    /// 技專: 成果類別 → item; a rule without 成果類別 is the fallback.
    public var outcomeMapping: [OutcomeRoute]
    /// Category (and class code) → item.
    public var performanceMapping: [PerformanceRoute]
    /// Categories that do not count toward a cap (the school-created cadre list).
    public var uncappedCategories: Set<PerformanceCategory>
    /// Semester windows per class type.
    public var windows: [SemesterWindowRule]

    public func item(_ code: ItemCode) -> ItemRule? {
        items.first { $0.code == code }
    }

    /// The channel's item a text names (trimmed, any case), if the table has it.
    public func code(_ text: String) -> ItemCode? {
        ItemCode(text.trimmingCharacters(in: .whitespaces).uppercased()).flatMap { item($0)?.code }
    }

    /// The semesters of `source` a department sees from an applicant of `classType`; nil: all.
    public func window(for classType: ClassType, source: RecordSource) -> ClosedRange<Int>? {
        windows.first { $0.classType == classType }?.ranges[source]
    }

    /// What a cap key (`課程學習成果`, `B-1`) counts in this table, if it is of the table's unit:
    /// a group whose items take records, or an item that takes records.
    public func capScope(_ key: String) -> CapScope? {
        let takesRecords: (ItemRule) -> Bool = {
            $0.sources.contains(.learningOutcomes) || $0.sources.contains(.performances)
        }
        switch capUnit {
        case .group:
            guard let group = ItemGroup(rawValue: key), items.contains(where: { $0.group == group && takesRecords($0) })
            else { return nil }
            return .group(group)
        case .item:
            guard let rule = ItemCode(key).flatMap(item), takesRecords(rule) else { return nil }
            return .item(rule.code)
        }
    }

    /// The caps an item's records count toward.
    public func scopes(of code: ItemCode) -> [CapScope] {
        guard let rule = item(code) else { return [] }
        return [.item(code), .group(rule.group)]
    }

    enum Keys: String, CodingKey {
        case family = "名稱", channels = "管道", items = "審查項目", capUnit = "上限單位", caps = "上限"
        case outcomeDefaultItem = "課程學習成果預設項目", outcomeMapping = "課程學習成果對應"
        case performanceMapping = "多元表現對應", uncapped = "上限不計類別", windows = "採計學期"
    }

    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: Keys.self)
        family = try object.decode(ChannelFamily.self, forKey: .family)
        channels = try object.decode([Channel].self, forKey: .channels)
        items = try object.decode([ItemRule].self, forKey: .items)
        let path = object.codingPath
        for (index, rule) in items.enumerated() where items[..<index].contains(where: { $0.code == rule.code }) {
            throw DataFileError(at: path + [Keys.items, DataKey(intValue: index), ItemRule.Keys.code], .duplicate(rule.code.rawValue))
        }
        capUnit = try object.decode(CapUnit.self, forKey: .capUnit)
        caps = [:]
        outcomeDefaultItem = try object.decodeIfPresent(ItemCode.self, forKey: .outcomeDefaultItem)
        outcomeMapping = try object.decodeIfPresent([OutcomeRoute].self, forKey: .outcomeMapping) ?? []
        performanceMapping = try object.decodeIfPresent([PerformanceRoute].self, forKey: .performanceMapping) ?? []
        uncappedCategories = Set(try object.decodeIfPresent([PerformanceCategory].self, forKey: .uncapped) ?? [])
        windows = try object.decodeIfPresent([SemesterWindowRule].self, forKey: .windows) ?? []
        if object.contains(.caps) {
            let capObject = try object.nestedContainer(keyedBy: DataKey.self, forKey: .caps)
            for key in capObject.allKeys {
                guard let scope = capScope(key.stringValue) else {
                    throw DataFileError(at: path + [Keys.caps, key], .unknownItem(key.stringValue))
                }
                caps[scope] = try capObject.decode(Int.self, forKey: key)
            }
        }

        // Every item a mapping names is one of this channel's, of the kind it maps.
        func check(_ code: ItemCode, takes source: RecordSource, at place: [any CodingKey]) throws {
            guard item(code)?.sources.contains(source) == true else {
                throw DataFileError(at: path + place, .unknownItem(code.rawValue))
            }
        }
        // Every kind of record has a place (the combined statement may instead stand in for items).
        for source in RecordSource.allCases where !items.contains(where: { $0.sources.contains(source) }) {
            if source == .selfWritten(.combinedStatement), items.contains(where: \.takesCombinedStatement) { continue }
            throw DataFileError(at: path + [Keys.items], .noItemTakes(source.rawValue))
        }
        if let code = outcomeDefaultItem { try check(code, takes: .learningOutcomes, at: [Keys.outcomeDefaultItem]) }
        for (index, route) in outcomeMapping.enumerated() {
            try check(route.item, takes: .learningOutcomes, at: [Keys.outcomeMapping, DataKey(intValue: index), DataKey("item")])
        }
        for (index, route) in performanceMapping.enumerated() {
            try check(route.item, takes: .performances, at: [Keys.performanceMapping, DataKey(intValue: index), DataKey("item")])
        }
    }
}

/// 技專: an outcome of this 成果類別 (any, when nil) goes to `item`.
public struct OutcomeRoute: Sendable, Equatable, Decodable {
    public var outcomeCategory: String?
    public var item: ItemCode

    enum CodingKeys: String, CodingKey { case outcomeCategory = "成果類別", item }
}

/// A 多元表現 record of this category (and class code, when given) goes to `item`.
public struct PerformanceRoute: Sendable, Equatable, Decodable {
    public var category: PerformanceCategory
    public var classCode: String?
    public var item: ItemCode

    enum CodingKeys: String, CodingKey { case category, classCode = "class", item }
}

/// One review item of a channel.
public struct ItemRule: Sendable, Equatable, Decodable {
    public var code: ItemCode
    public var name: String
    public var group: ItemGroup
    /// What fills it: 修課紀錄, 課程學習成果, 多元表現, or self-written kinds (就讀動機 …).
    public var sources: [RecordSource]
    /// The combined 學習歷程自述 PDF may stand in for it (university O, P, Q).
    public var takesCombinedStatement: Bool

    enum Keys: String, CodingKey { case code, name, group, sources, combinedStatement }

    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: Keys.self)
        code = try object.decode(ItemCode.self, forKey: .code)
        name = try object.decode(String.self, forKey: .name)
        group = try object.decode(ItemGroup.self, forKey: .group)
        sources = try object.decode([RecordSource].self, forKey: .sources)
        takesCombinedStatement = try object.decodeIfPresent(Bool.self, forKey: .combinedStatement) ?? false
    }
}

/// Where 課程類別, 科目屬性 and 領域 sit in a 課程代碼, and their tables.
public struct CourseCodeRules: Sendable, Decodable {
    public var length: Int
    /// Part → 1-based inclusive character positions.
    public var positions: [CourseCodePart: ClosedRange<Int>]
    /// Part → code → meaning.
    public var tables: [CourseCodePart: [String: String]]

    enum Keys: String, CodingKey { case length = "長度", positions = "位置", tables = "表" }

    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: Keys.self)
        length = try object.decode(Int.self, forKey: .length)
        /// Each part named once under `key`; an unknown name is an error, and so is a part left out.
        func byPart<Value>(_ key: Keys, _ values: [String: Value]) throws(DataFileError) -> [CourseCodePart: Value] {
            let place = object.codingPath + [key]
            var result: [CourseCodePart: Value] = [:]
            for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                result[try CourseCodePart(named: name, at: place + [DataKey(name)])] = value
            }
            for part in CourseCodePart.allCases where result[part] == nil {
                throw DataFileError(at: place + [DataKey(part.rawValue)], .missing)
            }
            return result
        }
        let pairs = try byPart(.positions, try object.decode([String: [Int]].self, forKey: .positions))
        positions = [:]
        for part in CourseCodePart.allCases {
            let pair = pairs[part] ?? []
            let place = object.codingPath + [Keys.positions, DataKey(part.rawValue)]
            guard pair.count == 2 else { throw DataFileError(at: place, .wrongCount(found: pair.count, expected: 2)) }
            guard pair[0] >= 1, pair[0] <= pair[1] else {
                throw DataFileError(at: place + [DataKey(intValue: 0)], .outOfRange(String(pair[0]), lower: 1, upper: pair[1]))
            }
            positions[part] = pair[0]...pair[1]
        }
        tables = try byPart(.tables, try object.decode([String: [String: String]].self, forKey: .tables))
    }
}
