import Diagnostics
import Foundation
import PortfolioRecord

/// How a student sends a department their 課程學習成果 and 多元表現 (docs/input.md §6).
public enum SubmissionMode: String, Sendable, Hashable, ClosedSet, CustomStringConvertible {
    /// 「勾選學習歷程中央資料庫」: items ticked from the record.
    case ticked = "勾選"
    /// 「自行上傳PDF檔」: one PDF per review item instead; nothing is ticked.
    case uploaded = "自行上傳"

    public var description: String { rawValue }
}

/// The two lists of a tick list, named as the file names them.
public enum TickListName: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case outcomes = "課程學習成果"
    case performances = "多元表現"

    public var description: String { rawValue }
}

/// A student's tick list for one department, `勾選/<校系代碼>.json` (docs/input.md §6): which items of
/// their whole record that department receives.
public struct TickList: Sendable, Equatable {
    public var departmentCode: String
    public var mode: SubmissionMode
    /// The keys of each list as written (trimmed, ID-shaped text masked as in the record), in order.
    public var outcomes: [String]
    public var performances: [String]
    /// The path as named on the command line: the file of its diagnostics.
    public var path: String
    /// SHA-256 of its bytes, part of the packet's input digest.
    public var digest: String

    public init(
        departmentCode: String, mode: SubmissionMode, outcomes: [String] = [], performances: [String] = [],
        path: String, digest: String = String(repeating: "0", count: 64)
    ) {
        self.departmentCode = departmentCode
        self.mode = mode
        self.outcomes = outcomes
        self.performances = performances
        self.path = path
        self.digest = digest
    }

    /// The file name, as the XML's meta records it (not the path: outputs do not depend on where
    /// the files lie).
    public var source: String { URL(fileURLWithPath: path).lastPathComponent }

    public func keys(_ list: TickListName) -> [String] {
        switch list {
        case .outcomes: outcomes
        case .performances: performances
        }
    }
}

/// A tick list that cannot be used at all; its diagnostic says why. `isMissing`: it does not exist or
/// cannot be read (exit 66); otherwise it is there and invalid (exit 65). No packet either way.
public struct TickListError: Error, Sendable {
    public var diagnostic: Diagnostic
    public var isMissing: Bool
}

/// The tick list as written: its shape checked by decoding.
struct TickListFile: Decodable {
    var departmentCode: String
    var mode: SubmissionMode
    var outcomes: [String]
    var performances: [String]
    var keys: [String]

    enum Keys: String, CodingKey, CaseIterable {
        case departmentCode = "校系代碼", mode = "方式", outcomes = "課程學習成果", performances = "多元表現"
    }

    init(from decoder: any Decoder) throws {
        keys = try decoder.container(keyedBy: DataKey.self).allKeys.map(\.stringValue)
        let object = try decoder.container(keyedBy: Keys.self)
        departmentCode = try object.decode(String.self, forKey: .departmentCode)
        mode = try object.decode(SubmissionMode.self, forKey: .mode)
        // A list may be left out (nothing ticked in it), never another kind of value.
        outcomes = try object.contains(.outcomes) ? object.decode([String].self, forKey: .outcomes) : []
        performances = try object.contains(.performances) ? object.decode([String].self, forKey: .performances) : []
    }
}

public enum TickListLoader {
    /// The largest tick list read: thousands of keys fit in far less.
    public static let limit = 1 << 20

    /// Reads a tick list named on the command line: a regular file only, bounded, decoded with errors
    /// naming the file and the key path.
    public static func load(path: String) throws(TickListError) -> TickList {
        func failed(_ diagnostic: Diagnostic, missing: Bool = false) -> TickListError {
            TickListError(diagnostic: diagnostic, isMissing: missing)
        }
        let bytes: [UInt8]
        // Only a regular file is opened: a FIFO named by mistake must not hang the run.
        switch readNamedFile(atPath: path, limit: limit) {
        case .absent: throw failed(.error(.tickListMissing(path: path), file: path), missing: true)
        case .refused(let problem): throw failed(.error(.fileUnreadable(reason: problem), file: path), missing: true)
        case .tooLarge(let size): throw failed(.error(.fileTooLarge(size: size, limit: limit), file: path))
        case .bytes(let read): bytes = read
        }
        let text: String
        do {
            text = try TextDecoder.decode(bytes).text
        } catch {
            throw failed(.error(.badEncoding(error.reason.problem, byteOffset: error.byteOffset), file: path))
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            throw failed(.error(.jsonSyntax(error.reason.problem, line: error.line, column: error.column), file: path))
        }
        let file: TickListFile
        do {
            file = try JSONValueDecoder.decode(TickListFile.self, from: json)
        } catch {
            throw failed(.error(.tickListInvalid(reason: .malformed(error.problem)), file: path, field: error.field))
        }
        // A misspelt list name would leave a list unticked without a word: a key the format does not
        // know is an error, not a warning as in a record.
        let known = TickListFile.Keys.allCases.map(\.rawValue)
        if let unknown = file.keys.first(where: { !known.contains($0) }) {
            throw failed(.error(.tickListInvalid(reason: .malformed(.notOneOf(unknown, allowed: known))), file: path, field: unknown))
        }
        let list = TickList(
            departmentCode: file.departmentCode.trimmingCharacters(in: .whitespaces), mode: file.mode,
            outcomes: file.outcomes.map(normalizedKey), performances: file.performances.map(normalizedKey), path: path,
            digest: sha256Hex(bytes))
        return list
    }

    /// As the reader reads a 項目編號: trimmed, ID-shaped text masked, so that equal keys compare equal.
    static func normalizedKey(_ key: String) -> String {
        maskingNationalIDs(key.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

extension TickList {
    /// A tick list made for another department is refused: its ticks are another department's choice.
    /// The built-in profile names no real department, so it takes any tick list.
    public func check(against profile: Profile) throws(TickListError) {
        guard !profile.source.hasPrefix(Profile.builtInPrefix), departmentCode != profile.departmentCode else { return }
        throw TickListError(
            diagnostic: .error(
                .tickListInvalid(reason: .otherDepartment(tickList: departmentCode, profile: profile.departmentCode)),
                file: path, field: TickListFile.Keys.departmentCode.rawValue),
            isMissing: false)
    }

    /// The record narrowed to exactly the ticked items, with an error for each tick that cannot stand.
    ///
    /// - Every ticked key that names a record keeps it, whatever is wrong with the tick (a wrong list,
    ///   uncertified): the student sees what they ticked, and the errors say what the central
    ///   database would refuse. A key ticked twice keeps its record once; a key naming nothing
    ///   shows nothing. The exporter never drops a tick to fit a rule.
    /// - Records keep the record's order (that of the files), whatever order the keys are ticked in.
    /// - The school-created cadre records (校方建立幹部經歷紀錄) stay whether ticked or not: the school
    ///   sends them to every department, and they count toward no cap.
    /// - Under 自行上傳 nothing is ticked: no 課程學習成果 or 多元表現 record stays (the uploaded PDFs
    ///   stand for them), and every key listed is an error. Under 勾選 the record's uploaded PDFs
    ///   (`_自行上傳_<項目代碼>.pdf`, for departments the student uploads to) are not used.
    /// - The reader's diagnostics about records not ticked are dropped: they are about no part of
    ///   this packet.
    public func apply(to record: ApplicantRecord) -> (record: ApplicantRecord, diagnostics: [Diagnostic]) {
        let applied = narrowing(record)
        return (applied.record, applied.diagnostics)
    }

    /// Where a key was ticked (first): its list and its position in it.
    struct TickPlace: Comparable {
        var list: TickListName
        var position: Int

        /// `課程學習成果[0]`, as the diagnostics name the place.
        var field: String { "\(list)[\(position)]" }

        static func < (a: TickPlace, b: TickPlace) -> Bool {
            let order = TickListName.allCases
            return (order.firstIndex(of: a.list)!, a.position) < (order.firstIndex(of: b.list)!, b.position)
        }
    }

    /// `apply`, with where each ticked key that names a record was ticked.
    func narrowing(_ record: ApplicantRecord) -> (
        record: ApplicantRecord, diagnostics: [Diagnostic], ticks: [ItemKey: TickPlace]
    ) {
        var diagnostics: [Diagnostic] = []
        var ticked: [ItemKey: TickPlace] = [:]
        switch mode {
        case .uploaded:
            for list in TickListName.allCases {
                for (index, key) in keys(list).enumerated() {
                    diagnostics.append(.error(.tickWithUpload(key: key), file: path, field: "\(list)[\(index)]"))
                }
            }
        case .ticked:
            let index = RecordKeyIndex(record)
            var firstTicked: [ItemKey: String] = [:]
            for list in TickListName.allCases {
                for (position, raw) in keys(list).enumerated() {
                    let field = "\(list)[\(position)]"
                    let key = ItemKey(raw)
                    if let first = firstTicked[key] {
                        diagnostics.append(.error(.tickDuplicate(key: raw, first: first), file: path, field: field))
                        continue
                    }
                    firstTicked[key] = field
                    guard let found = index.entries[key] else {
                        // Keys of a file that could not be read cannot be looked for; its error says why.
                        if !index.unreadable.contains(list) {
                            diagnostics.append(
                                .error(.tickUnknownKey(key: raw, hint: index.hints[key]?.rawValue), file: path, field: field))
                        }
                        continue
                    }
                    ticked[key] = TickPlace(list: list, position: position)
                    if found.list != list {
                        diagnostics.append(
                            .error(.tickWrongList(key: raw, list: found.list.rawValue), file: path, field: field))
                    }
                    if let status = found.uncertifiedStatus {
                        diagnostics.append(.error(.tickUncertified(key: raw, status: status), file: path, field: field))
                    }
                }
            }
        }
        return (narrowed(record, to: Set(ticked.keys)), diagnostics, ticked)
    }

    /// The record with only the ticked outcomes and 多元表現 records (and the school's cadre records),
    /// and without the reader's diagnostics about the others.
    func narrowed(_ record: ApplicantRecord, to ticked: Set<ItemKey>) -> ApplicantRecord {
        var narrowed = record
        /// File → record paths (`[3]`, `競賽參與紀錄[2]`) of the records left out.
        var untickedPaths: [String: Set<String>] = [:]
        if case .present(let file, let outcomes) = record.outcomes {
            let kept = outcomes.filter { ticked.contains($0.key) }
            for outcome in outcomes where !ticked.contains(outcome.key) {
                untickedPaths[file, default: []].insert("[\(outcome.index)]")
            }
            narrowed.outcomes = .present(file: file, kept)
        }
        if case .present(let file, let performances) = record.performances {
            let keeps = { (record: PerformanceRecord) in record.category == .schoolCadre || ticked.contains(record.key) }
            for performance in performances where !keeps(performance) {
                untickedPaths[performance.sourceFile, default: []].insert("\(performance.category.rawValue)[\(performance.index)]")
            }
            narrowed.performances = .present(file: file, performances.filter(keeps))
        }
        // Under 勾選 the department takes no uploaded PDF: those of the record are for departments
        // the student uploads to.
        var unusedFiles: Set<String> = []
        if mode == .ticked {
            unusedFiles = Set(record.uploads.map(\.file))
            narrowed.uploads = []
        }
        narrowed.diagnostics = record.diagnostics.filter { diagnostic in
            if let file = diagnostic.file, unusedFiles.contains(file) { return false }
            guard let file = diagnostic.file, let paths = untickedPaths[file], let field = diagnostic.field,
                let close = field.firstIndex(of: "]")
            else { return true }
            return !paths.contains(String(field[...close]))
        }
        return narrowed
    }
}

/// Every key of a record, with what a tick of it needs to know.
struct RecordKeyIndex {
    struct Entry {
        var list: TickListName
        /// For an outcome that is not 已認證, its 認證狀態 (itself nil when absent); nil otherwise.
        var uncertifiedStatus: String??
    }

    var entries: [ItemKey: Entry] = [:]
    /// Positional keys that are not their record's key (it states a 項目編號) → the record's key.
    var hints: [ItemKey: ItemKey] = [:]
    /// Lists whose file could not be read.
    var unreadable: Set<TickListName> = []

    init(_ record: ApplicantRecord) {
        switch record.outcomes {
        case .present(_, let outcomes):
            for outcome in outcomes {
                let status = outcome.certification.value
                entries[outcome.key] = Entry(
                    list: .outcomes, uncertifiedStatus: status == ApplicantRecord.certified ? nil : .some(status))
                let positional = ItemKey.outcome(index: outcome.index)
                if positional != outcome.key { hints[positional] = outcome.key }
            }
        case .unreadable: unreadable.insert(.outcomes)
        case .absent: break
        }
        switch record.performances {
        case .present(_, let performances):
            for performance in performances {
                entries[performance.key] = Entry(list: .performances, uncertifiedStatus: nil)
                // The school's cadre records of `_基本資料.json` are numbered on after another array.
                guard performance.statedKey.value != nil, !performance.sourceFile.hasSuffix("_基本資料.json") else { continue }
                let positional = ItemKey.positional(performance.category.rawValue, position: performance.index + 1)
                if positional != performance.key { hints[positional] = performance.key }
            }
        case .unreadable: unreadable.insert(.performances)
        case .absent: break
        }
        // A hint never points away from a key that names a record itself.
        for key in hints.keys where entries[key] != nil { hints[key] = nil }
    }
}

extension ApplicantRecord {
    /// The one 認證狀態 that lets a 課程學習成果 reach the central database.
    public static let certified = "已認證"
}

/// What the packet says of the tick list it was made from (the XML's meta).
public struct TickListInfo: Sendable, Equatable {
    /// The file name.
    public var source: String
    public var mode: SubmissionMode

    public init(source: String, mode: SubmissionMode) {
        self.source = source
        self.mode = mode
    }
}

extension PacketAssembler {
    /// A student's packet for one department: the record narrowed to what the tick list ticks, then
    /// assembled as a department's folder would be. The tick-list errors come first, each tagged with
    /// the review item its record went to; the tick list is part of the input digest.
    ///
    /// What assembly finds wrong with a ticked record is the tick's error, naming its key in the tick
    /// list: a cap exceeded (`tick-over-cap`, every tick the cap counts named), a record outside the
    /// semester window (`tick-outside-window`, left out as in a department's folder). An uncertified
    /// outcome is said once, by `tick-uncertified`. The packet's items are marked as assembly marked
    /// them (「收到 4 件，上限 3 件」, 「未認證」).
    public func assemble(_ record: ApplicantRecord, profile: Profile, tickList: TickList) -> ReviewPacket {
        let applied = tickList.narrowing(record)
        var packet = assemble(applied.record, profile: profile)
        packet.meta.tickList = TickListInfo(source: tickList.source, mode: tickList.mode)
        let (year, _) = rules.rules(for: profile.year)
        packet.meta.inputDigest = InputDigest.compute(
            toolVersion: toolVersion, rulesDigest: year.digest, profileDigest: profile.digest, files: record.inputFiles,
            tickListDigest: tickList.digest)

        var itemOfKey: [ItemKey: String] = [:]
        for item in packet.items {
            for key in item.entries.compactMap(\.recordKey) { itemOfKey[key] = item.code.rawValue }
        }
        let tagged = applied.diagnostics.map { diagnostic -> Diagnostic in
            var diagnostic = diagnostic
            if let key = diagnostic.kind.tickedKey { diagnostic.item = itemOfKey[ItemKey(key)] }
            return diagnostic
        }

        // Assembly names a record by its file and place (`[3]`, `競賽參與紀錄[2]`); a tick by its key.
        var keyAt: [String: [String: ItemKey]] = [:]
        if case .present(let file, let outcomes) = applied.record.outcomes {
            for outcome in outcomes { keyAt[file, default: [:]]["[\(outcome.index)]"] = outcome.key }
        }
        for performance in applied.record.performances.value ?? [] {
            keyAt[performance.sourceFile, default: [:]][performance.placeInFile] = performance.key
        }
        func tickedKey(_ diagnostic: Diagnostic) -> (ItemKey, TickList.TickPlace)? {
            guard let file = diagnostic.file, let field = diagnostic.field, let close = field.firstIndex(of: "]"),
                let key = keyAt[file]?[String(field[...close])], let place = applied.ticks[key]
            else { return nil }
            return (key, place)
        }
        let uncapped = year.table(for: profile.channel)?.uncappedCategories ?? []
        /// The ticks a cap counts, in the tick list's order.
        func counted(_ scope: String) -> [(ItemKey, TickList.TickPlace)] {
            var keys: [(ItemKey, TickList.TickPlace)] = []
            for item in packet.items where item.overCap?.scope.description == scope {
                for entry in item.entries {
                    if case .performance(let performance) = entry, uncapped.contains(performance.record.category) { continue }
                    if let key = entry.recordKey, let place = applied.ticks[key] { keys.append((key, place)) }
                }
            }
            return keys.sorted { $0.1 < $1.1 }
        }

        var tickErrors: [Diagnostic] = []
        var others: [Diagnostic] = []
        for diagnostic in packet.diagnostics {
            switch diagnostic.kind {
            case .outcomeUncertified where tickedKey(diagnostic) != nil:
                continue
            case .recordOutsideWindow(let item, let semester, let window):
                guard let (key, place) = tickedKey(diagnostic) else { break }
                tickErrors.append(
                    .error(
                        .tickOutsideWindow(key: key.rawValue, item: item, semester: semester, window: window),
                        file: tickList.path, field: place.field, item: item))
                continue
            case .overCap(let scope, let count, let cap):
                let keys = counted(scope)
                guard !keys.isEmpty else { break }
                let lists = Set(keys.map(\.1.list))
                tickErrors.append(
                    .error(
                        .tickOverCap(scope: scope, count: count, cap: cap, keys: keys.map(\.0.rawValue)),
                        file: tickList.path, field: lists.count == 1 ? lists.first?.rawValue : nil, item: diagnostic.item))
                continue
            default:
                break
            }
            others.append(diagnostic)
        }
        packet.diagnostics = tagged + tickErrors + others
        return packet
    }
}

extension ItemEntry {
    /// The key of the outcome or 多元表現 record this entry shows.
    var recordKey: ItemKey? {
        switch self {
        case .outcome(let entry): entry.outcome.key
        case .performance(let entry): entry.record.key
        default: nil
        }
    }
}

extension PerformanceRecord {
    /// Its place in its file as diagnostics name it (`競賽參與紀錄[2]`; the school's cadre records of
    /// `_基本資料.json` under that file's own array name).
    var placeInFile: String {
        let array = category == .schoolCadre && sourceFile.hasSuffix("_基本資料.json") ? "擔任學校幹部經歷紀錄" : category.rawValue
        return "\(array)[\(index)]"
    }
}

extension DiagnosticKind {
    /// The key a tick-list diagnostic is about.
    var tickedKey: String? {
        switch self {
        case .tickWrongList(let key, _), .tickUncertified(let key, _), .tickDuplicate(let key, _): key
        default: nil
        }
    }
}
