import Diagnostics
import Foundation
import PortfolioRecord

/// A department's review profile (docs/input.md §5): which items it takes, and its caps.
public struct Profile: Sendable, Equatable {
    /// The largest cap a profile may set.
    public static let maximumCap = 10_000
    /// The largest 字數上限 or 圖片上限.
    public static let maximumLimit = 1_000_000
    public var year: Int
    /// 招生管道 (an old name in the file is read as the channel it now is).
    public var channel: Channel
    public var departmentCode: String
    public var departmentName: String
    /// The item codes it takes, as listed.
    public var items: [ItemCode]
    /// Caps by group (申請入學) or item (技專): the table's defaults with the profile's over them.
    public var caps: [CapScope: Int]
    /// University: where a 課程學習成果 without its own 審查項目代碼 goes (default B).
    public var outcomeDefaultItem: ItemCode?
    /// 字數上限 per item (self-written text), and 圖片上限.
    public var textLimits: [ItemCode: Int]
    public var imageLimits: [ItemCode: Int]
    /// Where it came from: the file name (not the path, so outputs do not depend on where the
    /// batch lies), or `builtin:<招生管道>`.
    public var source: String
    /// SHA-256 of the profile's bytes (of its canonical text for a built-in one).
    public var digest: String

    public init(
        year: Int, channel: Channel, departmentCode: String, departmentName: String, items: [ItemCode],
        caps: [CapScope: Int], outcomeDefaultItem: ItemCode? = nil, textLimits: [ItemCode: Int] = [:],
        imageLimits: [ItemCode: Int] = [:], source: String, digest: String
    ) {
        self.year = year
        self.channel = channel
        self.departmentCode = departmentCode
        self.departmentName = departmentName
        self.items = items
        self.caps = caps
        self.outcomeDefaultItem = outcomeDefaultItem
        self.textLimits = textLimits
        self.imageLimits = imageLimits
        self.source = source
        self.digest = digest
    }

    /// What `--profile` names when it is not a file: `builtin:申請入學` and the like.
    public static let builtInPrefix = "builtin:"

    /// A built-in profile, used only when named: every item of the channel in the newest year,
    /// with the table's caps; nil when the newest year has no such channel.
    public static func builtIn(channelName: String, rules: RuleBook) -> Profile? {
        let year = rules.newestYear
        guard let rules = rules.years[year], let channel = rules.channel(named: channelName),
            let table = rules.table(for: channel)
        else { return nil }
        let items = table.items.map(\.code)
        let text = "\(builtInPrefix)\(year):\(channel.rawValue):" + items.map(\.rawValue).joined(separator: ",")
        return Profile(
            year: year, channel: channel, departmentCode: "000000", departmentName: "（未指定校系）",
            items: items, caps: table.caps, outcomeDefaultItem: table.outcomeDefaultItem,
            source: builtInPrefix + channel.rawValue, digest: sha256Hex(Array(text.utf8)))
    }
}

/// A profile file as written: its shape checked by decoding, its values against the rule table
/// afterwards (`ProfileLoader`).
struct ProfileFile: Decodable {
    var year: Int
    var channel: String
    var departmentCode: String?
    var departmentName: String?
    var items: [String]
    /// In the file's order, so the first bad cap is the one reported.
    var caps: [(group: String, cap: Int)]
    var outcomeDefaultItem: String?
    /// 字數上限 and 圖片上限: item code → limit, in the file's order.
    var textLimits: [(item: String, limit: Int)]
    var imageLimits: [(item: String, limit: Int)]
    /// Every key of the file, in order.
    var keys: [String]

    enum Keys: String, CodingKey, CaseIterable {
        case year = "招生學年度", channel = "招生管道", departmentCode = "校系代碼", departmentName = "校系名稱"
        case items = "審查項目", caps = "上限", outcomeDefaultItem = "課程學習成果預設項目"
        case textLimits = "字數上限", imageLimits = "圖片上限"
    }

    init(from decoder: any Decoder) throws {
        keys = try decoder.container(keyedBy: DataKey.self).allKeys.map(\.stringValue)
        let object = try decoder.container(keyedBy: Keys.self)
        year = try object.decode(Int.self, forKey: .year)
        channel = try object.decode(String.self, forKey: .channel)
        departmentCode = try object.decodeIfPresent(String.self, forKey: .departmentCode)
        departmentName = try object.decodeIfPresent(String.self, forKey: .departmentName)
        items = try object.decode([String].self, forKey: .items)
        func pairs(_ key: Keys) throws -> [(String, Int)] {
            guard object.contains(key) else { return [] }
            let nested = try object.nestedContainer(keyedBy: DataKey.self, forKey: key)
            return try nested.allKeys.map { ($0.stringValue, try nested.decode(Int.self, forKey: $0)) }
        }
        caps = try pairs(.caps)
        textLimits = try pairs(.textLimits)
        imageLimits = try pairs(.imageLimits)
        outcomeDefaultItem = try object.decodeIfPresent(String.self, forKey: .outcomeDefaultItem)
    }
}

/// Why a profile could not be used; each carries its diagnostic (exit 65, or 66 when missing).
public struct ProfileError: Error, Sendable {
    public var diagnostic: Diagnostic
    public var isMissing: Bool
}

public enum ProfileLoader {
    /// Reads and validates a profile against the rule book.
    public static func load(path: String, rules: RuleBook) throws(ProfileError) -> (Profile, [Diagnostic]) {
        let display = path
        func invalid(_ reason: ProfileProblem, at field: String?) -> ProfileError {
            ProfileError(diagnostic: .error(.profileInvalid(reason: reason), file: display, field: field), isMissing: false)
        }
        let limit = 1 << 20
        let bytes: [UInt8]
        // Only a regular file is opened: a FIFO in a profile's place must not hang a batch.
        switch readNamedFile(atPath: path, limit: limit) {
        case .absent:
            throw ProfileError(diagnostic: .error(.profileMissing(path: display), file: display), isMissing: true)
        case .refused(let problem):
            throw ProfileError(diagnostic: .error(.fileUnreadable(reason: problem), file: display), isMissing: true)
        case .tooLarge(let size):
            throw ProfileError(diagnostic: .error(.fileTooLarge(size: size, limit: limit), file: display), isMissing: false)
        case .bytes(let read):
            bytes = read
        }
        let text: String
        do {
            text = try TextDecoder.decode(bytes).text
        } catch {
            throw ProfileError(
                diagnostic: .error(.badEncoding(error.reason.problem, byteOffset: error.byteOffset), file: display),
                isMissing: false)
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            throw ProfileError(
                diagnostic: .error(
                    .jsonSyntax(error.reason.problem, line: error.line, column: error.column), file: display),
                isMissing: false)
        }
        let file: ProfileFile
        do {
            file = try JSONValueDecoder.decode(ProfileFile.self, from: json)
        } catch {
            throw invalid(.malformed(error.problem), at: error.field)
        }
        var diagnostics: [Diagnostic] = []
        let (ruleYear, fallback) = rules.rules(for: file.year)
        if var fallback {
            fallback.file = display
            diagnostics.append(fallback)
        }
        guard let channelName = ruleYear.channel(named: file.channel), let channel = ruleYear.table(for: channelName) else {
            throw invalid(.unknownChannel(file.channel), at: ProfileFile.Keys.channel.rawValue)
        }
        let code = file.departmentCode ?? ""
        guard code.count == 6, code.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("A"..."Z").contains($0) })
        else { throw invalid(.departmentCodeInvalid, at: ProfileFile.Keys.departmentCode.rawValue) }
        var items: [ItemCode] = []
        for (index, listed) in file.items.enumerated() {
            let text = listed.trimmingCharacters(in: .whitespaces)
            guard let itemCode = ItemCode(text).flatMap({ channel.item($0)?.code }) else {
                throw invalid(
                    .itemNotInChannel(item: text, channel: channelName.rawValue),
                    at: "\(ProfileFile.Keys.items.rawValue)[\(index)]")
            }
            if !items.contains(itemCode) { items.append(itemCode) }
        }
        var caps = channel.caps
        for (key, cap) in file.caps {
            let field = "\(ProfileFile.Keys.caps.rawValue).\(key)"
            // A cap of the wrong unit (a pooled 技專 cap, a per-item 申請入學 one) would count something
            // the department does not: refused, never ignored.
            guard let scope = channel.capScope(key) else {
                throw invalid(.capNotApplicable(key: key, unit: channel.capUnit.rawValue), at: field)
            }
            // The XML writes caps as xs:int; no group holds more than a few hundred records.
            guard (0...Profile.maximumCap).contains(cap) else {
                throw invalid(.capInvalid(group: key, maximum: Profile.maximumCap), at: field)
            }
            caps[scope] = cap
        }
        func itemLimits(_ pairs: [(item: String, limit: Int)], key: ProfileFile.Keys) throws(ProfileError) -> [ItemCode: Int] {
            var limits: [ItemCode: Int] = [:]
            for (text, limit) in pairs {
                let field = "\(key.rawValue).\(text)"
                guard let item = channel.code(text) else {
                    throw invalid(.itemNotInChannel(item: text, channel: channelName.rawValue), at: field)
                }
                guard (0...Profile.maximumLimit).contains(limit) else {
                    throw invalid(.capInvalid(group: text, maximum: Profile.maximumLimit), at: field)
                }
                limits[item] = limit
            }
            return limits
        }
        let textLimits = try itemLimits(file.textLimits, key: .textLimits)
        let imageLimits = try itemLimits(file.imageLimits, key: .imageLimits)
        var outcomeDefault = channel.outcomeDefaultItem
        if let stated = file.outcomeDefaultItem {
            guard let item = ItemCode(stated).flatMap(channel.item), item.sources.contains(.learningOutcomes) else {
                throw invalid(.outcomeDefaultItemInvalid(stated), at: ProfileFile.Keys.outcomeDefaultItem.rawValue)
            }
            outcomeDefault = item.code
        }
        let known = Set(ProfileFile.Keys.allCases.map(\.rawValue))
        for key in file.keys where !known.contains(key) {
            diagnostics.append(.warning(.unknownKey(key), file: display))
        }
        let profile = Profile(
            year: file.year, channel: channelName, departmentCode: code,
            departmentName: file.departmentName ?? "", items: items, caps: caps,
            outcomeDefaultItem: outcomeDefault, textLimits: textLimits, imageLimits: imageLimits, source: URL(fileURLWithPath: path).lastPathComponent,
            digest: sha256Hex(bytes))
        return (profile, diagnostics)
    }
}
