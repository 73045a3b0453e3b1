import Diagnostics
import Foundation
import PortfolioRecord

/// A department's review profile (docs/input.md §5): which items it takes, and its caps.
public struct Profile: Sendable, Equatable {
    /// The largest cap a profile may set.
    public static let maximumCap = 10_000
    public var year: Int
    /// 招生管道 as the profile writes it (大學個人申請, 四技二專甄選, 四技申請).
    public var channel: Channel
    public var departmentCode: String
    public var departmentName: String
    /// The item codes it takes, as listed.
    public var items: [ItemCode]
    /// Cap of each capped group.
    public var caps: [ItemGroup: Int]
    /// University: where a 課程學習成果 without its own 審查項目代碼 goes (default B).
    public var outcomeDefaultItem: ItemCode?
    /// Where it came from: the file name (not the path, so outputs do not depend on where the
    /// batch lies), or `built-in`.
    public var source: String
    /// SHA-256 of the profile's bytes (of its canonical text for the built-in one).
    public var digest: String

    public init(
        year: Int, channel: Channel, departmentCode: String, departmentName: String, items: [ItemCode],
        caps: [ItemGroup: Int], outcomeDefaultItem: ItemCode? = nil, source: String, digest: String
    ) {
        self.year = year
        self.channel = channel
        self.departmentCode = departmentCode
        self.departmentName = departmentName
        self.items = items
        self.caps = caps
        self.outcomeDefaultItem = outcomeDefaultItem
        self.source = source
        self.digest = digest
    }

    /// The default when no profile is found: 大學個人申請, every item A–R, the newest year known.
    public static func builtInDefault(rules: RuleBook) -> Profile {
        let year = rules.newestYear
        let channel = rules.years[year]?.channel(named: .university)
        let items = channel?.items.map(\.code) ?? []
        let text = "built-in:\(year):\(Channel.university.rawValue):" + items.map(\.rawValue).joined(separator: ",")
        return Profile(
            year: year, channel: .university, departmentCode: "000000", departmentName: "（未指定校系）",
            items: items, caps: channel?.caps ?? [:], outcomeDefaultItem: channel?.outcomeDefaultItem,
            source: "built-in", digest: sha256Hex(Array(text.utf8)))
    }
}

/// A profile file as written: its shape checked by decoding, its values against the rule table
/// afterwards (`ProfileLoader`).
struct ProfileFile: Decodable {
    var year: Int
    var channel: Channel
    var departmentCode: String?
    var departmentName: String?
    var items: [String]
    /// In the file's order, so the first bad cap is the one reported.
    var caps: [(group: String, cap: Int)]
    var outcomeDefaultItem: String?
    /// Every key of the file, in order.
    var keys: [String]

    enum Keys: String, CodingKey, CaseIterable {
        case year = "招生學年度", channel = "招生管道", departmentCode = "校系代碼", departmentName = "校系名稱"
        case items = "審查項目", caps = "上限", outcomeDefaultItem = "課程學習成果預設項目"
    }

    init(from decoder: any Decoder) throws {
        keys = try decoder.container(keyedBy: DataKey.self).allKeys.map(\.stringValue)
        let object = try decoder.container(keyedBy: Keys.self)
        year = try object.decode(Int.self, forKey: .year)
        channel = try object.decode(Channel.self, forKey: .channel)
        departmentCode = try object.decodeIfPresent(String.self, forKey: .departmentCode)
        departmentName = try object.decodeIfPresent(String.self, forKey: .departmentName)
        items = try object.decode([String].self, forKey: .items)
        caps = []
        if object.contains(.caps) {
            let capObject = try object.nestedContainer(keyedBy: DataKey.self, forKey: .caps)
            for key in capObject.allKeys { caps.append((key.stringValue, try capObject.decode(Int.self, forKey: key))) }
        }
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
        guard let channel = ruleYear.channel(named: file.channel) else {
            throw invalid(.unknownChannel(file.channel.rawValue), at: ProfileFile.Keys.channel.rawValue)
        }
        let code = file.departmentCode ?? ""
        guard code.count == 6, code.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("A"..."Z").contains($0) })
        else { throw invalid(.departmentCodeInvalid, at: ProfileFile.Keys.departmentCode.rawValue) }
        var items: [ItemCode] = []
        for (index, listed) in file.items.enumerated() {
            let text = listed.trimmingCharacters(in: .whitespaces)
            guard let itemCode = ItemCode(text).flatMap({ channel.item($0)?.code }) else {
                throw invalid(
                    .itemNotInChannel(item: text, channel: channel.name.rawValue),
                    at: "\(ProfileFile.Keys.items.rawValue)[\(index)]")
            }
            if !items.contains(itemCode) { items.append(itemCode) }
        }
        var caps = channel.caps
        for (key, cap) in file.caps {
            let field = "\(ProfileFile.Keys.caps.rawValue).\(key)"
            // Caps per item (技專 `{"B-1": 3}`) are not applied yet: said, not silently dropped.
            guard let group = ItemGroup(rawValue: key), channel.capGroups.contains(group) else {
                diagnostics.append(.warning(.unknownKey(field), file: display))
                continue
            }
            // The XML writes caps as xs:int; no group holds more than a few hundred records.
            guard (0...Profile.maximumCap).contains(cap) else {
                throw invalid(.capInvalid(group: key, maximum: Profile.maximumCap), at: field)
            }
            caps[group] = cap
        }
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
            year: file.year, channel: file.channel, departmentCode: code,
            departmentName: file.departmentName ?? "", items: items, caps: caps,
            outcomeDefaultItem: outcomeDefault, source: URL(fileURLWithPath: path).lastPathComponent,
            digest: sha256Hex(bytes))
        return (profile, diagnostics)
    }
}
