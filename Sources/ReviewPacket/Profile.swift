import Diagnostics
import Foundation
import PortfolioRecord

/// A department's review profile (input-format.md §5): which items it takes, and its caps.
public struct Profile: Sendable, Equatable {
    /// The largest cap a profile may set.
    public static let maximumCap = 10_000
    public var year: Int
    /// 招生管道 as the profile writes it (大學個人申請, 四技二專甄選, 四技申請).
    public var channel: String
    public var departmentCode: String
    public var departmentName: String
    /// The item codes it takes, as listed.
    public var items: [String]
    /// Cap group → cap.
    public var caps: [String: Int]
    /// University: where a 課程學習成果 without its own 審查項目代碼 goes (default B).
    public var outcomeDefaultItem: String?
    /// Where it came from: the file name (not the path, so outputs do not depend on where the
    /// batch lies), or `built-in`.
    public var source: String
    /// SHA-256 of the profile's bytes (of its canonical text for the built-in one).
    public var digest: String

    public init(
        year: Int, channel: String, departmentCode: String, departmentName: String, items: [String],
        caps: [String: Int], outcomeDefaultItem: String? = nil, source: String, digest: String
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
        let channel = rules.years[year]?.channel(named: "大學個人申請")
        let items = channel?.items.map(\.code) ?? []
        let text = "built-in:\(year):大學個人申請:" + items.joined(separator: ",")
        return Profile(
            year: year, channel: "大學個人申請", departmentCode: "000000", departmentName: "（未指定校系）",
            items: items, caps: channel?.caps ?? [:], outcomeDefaultItem: channel?.outcomeDefaultItem,
            source: "built-in", digest: sha256Hex(Array(text.utf8)))
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
        func invalid(_ reason: ProfileProblem) -> ProfileError {
            ProfileError(diagnostic: .error(.profileInvalid(reason: reason), file: display), isMissing: false)
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
        guard let object = json.objectValue else { throw invalid(.notAnObject) }
        guard let year = object["招生學年度"]?.intValue else { throw invalid(.yearMissing) }
        guard let channelName = object["招生管道"]?.stringValue else { throw invalid(.channelMissing) }
        var diagnostics: [Diagnostic] = []
        let (ruleYear, fallback) = rules.rules(for: year)
        if var fallback {
            fallback.file = display
            diagnostics.append(fallback)
        }
        guard let channel = ruleYear.channel(named: channelName) else {
            throw invalid(.unknownChannel(channelName))
        }
        let code = object["校系代碼"]?.stringValue ?? ""
        guard code.count == 6, code.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("A"..."Z").contains($0) })
        else { throw invalid(.departmentCodeInvalid) }
        guard let listed = object["審查項目"]?.arrayValue else { throw invalid(.itemsNotAnArray) }
        var items: [String] = []
        for entry in listed {
            guard let itemCode = entry.stringValue?.trimmingCharacters(in: .whitespaces) else {
                throw invalid(.itemNotACode)
            }
            guard channel.item(itemCode) != nil else {
                throw invalid(.itemNotInChannel(item: itemCode, channel: channel.name))
            }
            if !items.contains(itemCode) { items.append(itemCode) }
        }
        var caps = channel.caps
        if let capObject = object["上限"]?.objectValue {
            for member in capObject.members {
                // The XML writes caps as xs:int; no group holds more than a few hundred records.
                guard let cap = member.value.intValue, (0...Profile.maximumCap).contains(cap) else {
                    throw invalid(.capInvalid(group: member.key, maximum: Profile.maximumCap))
                }
                caps[member.key] = cap
            }
        }
        var outcomeDefault = channel.outcomeDefaultItem
        if let stated = object["課程學習成果預設項目"]?.stringValue {
            guard let rule = channel.item(stated), rule.sources.contains("課程學習成果") else {
                throw invalid(.outcomeDefaultItemInvalid(stated))
            }
            outcomeDefault = stated
        }
        let known: Set<String> = ["招生學年度", "招生管道", "校系代碼", "校系名稱", "審查項目", "上限", "課程學習成果預設項目"]
        for key in object.keys where !known.contains(key) {
            diagnostics.append(.warning(.unknownKey(key), file: display))
        }
        let profile = Profile(
            year: year, channel: channelName, departmentCode: code,
            departmentName: object["校系名稱"]?.stringValue ?? "", items: items, caps: caps,
            outcomeDefaultItem: outcomeDefault, source: URL(fileURLWithPath: path).lastPathComponent,
            digest: sha256Hex(bytes))
        return (profile, diagnostics)
    }
}
