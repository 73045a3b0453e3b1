import Diagnostics
import PortfolioRecord

/// Assembles a record by a department's review items (docs/input.md §5).
public struct PacketAssembler: Sendable {
    public var rules: RuleBook
    public var toolVersion: String

    public init(rules: RuleBook, toolVersion: String) {
        self.rules = rules
        self.toolVersion = toolVersion
    }

    public func assemble(_ record: ApplicantRecord, profile: Profile) -> ReviewPacket {
        var run = AssemblyRun(record: record, profile: profile, rules: rules)
        return run.assemble(toolVersion: toolVersion)
    }
}

/// The state of one assembly; lives only for that call.
struct AssemblyRun {
    let record: ApplicantRecord
    let profile: Profile
    let year: RuleYear
    let channel: ChannelRules
    let classType: ClassType
    var diagnostics: [Diagnostic] = []
    /// File → record path (`[3]`, `競賽參與紀錄[2]`) → item code, for tagging diagnostics.
    var itemOfRecord: [String: [String: ItemCode]] = [:]
    /// File → item code, for files that fill exactly one item.
    var itemOfFile: [String: ItemCode] = [:]
    var leftOut: [LeftOutRecord] = []

    init(record: ApplicantRecord, profile: Profile, rules: RuleBook) {
        self.record = record
        self.profile = profile
        let (year, fallback) = rules.rules(for: profile.year)
        self.year = year
        // A profile is checked against the rules when it is loaded; the first table is only a
        // guard for one built by hand with a channel the year lacks.
        channel = year.table(for: profile.channel) ?? year.tables[0]
        classType = ClassType(group: record.basic.enrolment.group)
        if var fallback {
            fallback.file = profile.source
            diagnostics.append(fallback)
        }
    }

    var listed: Set<ItemCode> { Set(profile.items) }

    /// The semesters of `source` the department sees from this applicant.
    func window(_ source: RecordSource) -> SemesterWindow {
        SemesterWindow(admissionYear: profile.year, range: channel.window(for: classType, source: source))
    }

    mutating func assemble(toolVersion: String) -> ReviewPacket {
        let outcomeItems = assignOutcomes()
        let performanceItems = assignPerformances()
        var items: [PacketItem] = []
        for rule in channel.items {
            let included = listed.contains(rule.code)
            var item = PacketItem(code: rule.code, name: rule.name, group: rule.group, status: .provided, entries: [])
            if rule.sources.contains(.courseRecord) {
                fillCourseRecord(&item, included: included)
            }
            if rule.sources.contains(.learningOutcomes) {
                fillOutcomes(&item, assigned: outcomeItems, included: included)
            }
            if rule.sources.contains(.performances) {
                fillPerformances(&item, assigned: performanceItems, included: included)
            }
            if included { items.append(item) }
        }
        fillSelfWritten(&items)
        fillUploads(&items)
        applyCaps(&items)
        checkLengths(items)
        for index in items.indices where items[index].entries.isEmpty && items[index].status == .provided {
            items[index].status = .notProvided
            diagnostics.append(.warning(.itemNotProvided, item: items[index].code.rawValue))
        }
        let tagged = (record.diagnostics + diagnostics).map(tag)
        return ReviewPacket(
            meta: PacketMeta(
                toolVersion: toolVersion, ruleYear: year.year, channel: profile.channel,
                channelFamily: channel.family, classType: classType, departmentCode: profile.departmentCode,
                departmentName: profile.departmentName, profileSource: profile.source,
                profileItems: items.map(\.code), caps: profile.caps, summaryLimit: year.summaryLimit,
                inputDigest: InputDigest.compute(
                    toolVersion: toolVersion, rulesDigest: year.digest, profileDigest: profile.digest,
                    files: record.inputFiles)),
            applicant: ApplicantInfo(applicantNumber: record.applicantNumber, enrolment: record.basic.enrolment),
            items: items, leftOut: leftOut, attachments: attachments(of: items), diagnostics: tagged)
    }

    // MARK: Assignment of records to items

    /// Each outcome's item: its own 審查項目代碼 when it names a 課程學習成果 item of the channel,
    /// else the channel's default (university: the profile's default item; 技專: by 成果類別).
    mutating func assignOutcomes() -> [ItemCode?] {
        guard case .present(let file, let outcomes) = record.outcomes else { return [] }
        return outcomes.map { outcome in
            let item = chooseItem(
                own: outcome.reviewItemCode, source: .learningOutcomes, file: file,
                field: "[\(outcome.index)].審查項目代碼"
            ) ?? defaultOutcomeItem(outcome)
            itemOfRecord[file, default: [:]]["[\(outcome.index)]"] = item
            return item
        }
    }

    /// Nil only for a channel with no 課程學習成果 item, which the rule tables' check refuses.
    func defaultOutcomeItem(_ outcome: LearningOutcome) -> ItemCode? {
        if !channel.outcomeMapping.isEmpty {
            let category = outcome.outcomeCategory.value.map(normalizedCode)
            for rule in channel.outcomeMapping where rule.outcomeCategory == nil || rule.outcomeCategory == category {
                return rule.item
            }
        }
        return profile.outcomeDefaultItem ?? channel.outcomeDefaultItem
            ?? channel.items.first { $0.sources.contains(.learningOutcomes) }?.code
    }

    mutating func assignPerformances() -> [ItemCode?] {
        guard let records = record.performances.value else { return [] }
        return records.map { performance in
            let path = recordPath(performance)
            let item = chooseItem(
                own: performance.reviewItemCode, source: .performances, file: performance.sourceFile,
                field: path + ".審查項目代碼"
            ) ?? defaultPerformanceItem(performance)
            itemOfRecord[performance.sourceFile, default: [:]][path] = item
            return item
        }
    }

    func defaultPerformanceItem(_ performance: PerformanceRecord) -> ItemCode? {
        var classCode: String?
        if let field = performance.category.classField, case .code(let code) = performance.field(field) {
            classCode = normalizedCode(code)
        }
        for rule in channel.performanceMapping where rule.category == performance.category {
            if rule.classCode == nil || rule.classCode == classCode { return rule.item }
        }
        // Every category has a rule in the shipped tables; a table without one puts it in the
        // last 多元表現 item rather than lose it (the tables' check makes sure there is one).
        return channel.items.last { $0.sources.contains(.performances) }?.code
    }

    /// A record's own 審查項目代碼 wins when it names an item of the right kind in this channel.
    mutating func chooseItem(own: Reading<String>, source: RecordSource, file: String, field: String) -> ItemCode? {
        switch own {
        case .missing:
            return nil
        case .invalid(let raw):
            diagnostics.append(.warning(.unknownReviewItem(code: raw), file: file, field: field))
            return nil
        case .value(let code):
            if let item = channel.code(code), channel.item(item)?.sources.contains(source) == true { return item }
            diagnostics.append(.warning(.unknownReviewItem(code: code), file: file, field: field))
            return nil
        }
    }

    func recordPath(_ performance: PerformanceRecord) -> String {
        let array =
            performance.category == .schoolCadre && performance.sourceFile.hasSuffix("_基本資料.json")
            ? "擔任學校幹部經歷紀錄" : performance.category.rawValue
        return "\(array)[\(performance.index)]"
    }

    mutating func leave(_ item: ItemCode, file: String, field: String) {
        leftOut.append(LeftOutRecord(item: item, file: file, field: field))
        diagnostics.append(.warning(.recordLeftOut(item: item.rawValue), file: file, field: field.isEmpty ? nil : field))
    }

    /// A record of a semester the department does not see: left out and named.
    mutating func leave(_ item: ItemCode, file: String, field: String, semester: Int, window: ClosedRange<Int>) {
        leftOut.append(LeftOutRecord(item: item, file: file, field: field, reason: .outsideWindow(semester: semester)))
        diagnostics.append(
            .warning(
                .recordOutsideWindow(item: item.rawValue, semester: semester, window: window), file: file,
                field: field.isEmpty ? nil : field, item: item.rawValue))
    }

    // MARK: Filling items

    mutating func fillCourseRecord(_ item: inout PacketItem, included: Bool) {
        switch record.courseRecord {
        case .absent:
            break
        case .unreadable(let file, _):
            itemOfFile[file] = item.code
            if included { item.status = .unreadable(files: [file]) }
        case .present(let file, let courseRecord):
            itemOfFile[file] = item.code
            if included {
                item.entries.append(.courseTables(courseTables(courseRecord, file: file, item: item.code)))
            } else {
                leave(item.code, file: file, field: "")
            }
        }
        let documents: [(SchoolDocument.Kind, AttachmentFile?)] = [
            (.courseRecordPDF, record.courseRecordPDF), (.sixthSemesterTranscript, record.sixthSemesterTranscript),
        ]
        for (kind, file) in documents {
            guard let file else { continue }
            itemOfFile[file.path] = item.code
            if included {
                item.entries.append(.schoolDocument(SchoolDocument(kind: kind, file: file, flags: [])))
            } else {
                leave(item.code, file: file.path, field: "")
            }
        }
    }

    mutating func fillOutcomes(_ item: inout PacketItem, assigned: [ItemCode?], included: Bool) {
        switch record.outcomes {
        case .absent:
            return
        case .unreadable(let file, _):
            if included { item.status = .unreadable(files: [file]) }
        case .present(let file, let outcomes):
            let window = window(.learningOutcomes)
            for (outcome, assignedCode) in zip(outcomes, assigned) where assignedCode == item.code {
                let code = item.code
                guard included else {
                    leave(code, file: file, field: "[\(outcome.index)]")
                    continue
                }
                if let range = window.range, let schoolYear = outcome.schoolYear.value, let term = outcome.semester.value,
                    let semester = window.outside(window.number(schoolYear: schoolYear, semester: term))
                {
                    leave(code, file: file, field: "[\(outcome.index)]", semester: semester, window: range)
                    continue
                }
                var flags = attachmentFlags(outcome.attachments, file: file, item: code)
                if outcome.certification.value != Self.certified {
                    flags.insert(.uncertified)
                    diagnostics.append(
                        .error(
                            .outcomeUncertified(status: outcome.certification.shown ?? "未標示"),
                            file: file, field: "[\(outcome.index)].認證狀態", item: code.rawValue))
                }
                flags.formUnion(
                    summaryFlags(outcome.summary, file: file, field: "[\(outcome.index)].課程學習成果簡述", item: code))
                let decoded = outcome.courseCode.value.map {
                    decodeCourseCode($0, file: file, field: "[\(outcome.index)].課程代碼")
                }
                let categoryName = outcome.outcomeCategory.value.flatMap {
                    codeName(table: "成果類別", code: $0, file: file, field: "[\(outcome.index)].成果類別")
                }
                item.entries.append(
                    .outcome(OutcomeEntry(outcome: outcome, code: decoded, flags: flags, categoryName: categoryName)))
            }
        }
    }

    mutating func fillPerformances(_ item: inout PacketItem, assigned: [ItemCode?], included: Bool) {
        if case .unreadable(let file, _) = record.performances, included {
            item.status = .unreadable(files: [file])
        }
        guard let records = record.performances.value else { return }
        var entries: [PerformanceEntry] = []
        let window = window(.performances)
        for (performance, assignedCode) in zip(records, assigned) where assignedCode == item.code {
            let code = item.code
            let path = recordPath(performance)
            guard included else {
                leave(code, file: performance.sourceFile, field: path)
                continue
            }
            if let range = window.range, let semester = window.outside(performance.semester(in: window)) {
                leave(code, file: performance.sourceFile, field: path, semester: semester, window: range)
                continue
            }
            var flags = attachmentFlags(performance.attachments, file: performance.sourceFile, item: code)
            flags.formUnion(
                summaryFlags(performance.summary, file: performance.sourceFile, field: path + ".內容簡述", item: code))
            let fields = performance.fields.map { field -> DisplayField in
                if case .invalid = field.value { flags.insert(.invalidValue) }
                return DisplayField(name: field.name, value: field.value, codeName: codeName(field, path: path, file: performance.sourceFile))
            }
            entries.append(PerformanceEntry(record: performance, fields: fields, flags: flags))
        }
        // Within an item: category order of §3.3, then array order.
        entries.sort { ($0.record.category, $0.record.index) < ($1.record.category, $1.record.index) }
        item.entries += entries.map(ItemEntry.performance)
    }

    mutating func codeName(_ field: RecordField, path: String, file: String) -> String? {
        guard case .code(let code) = field.value else { return nil }
        return codeName(table: field.name, code: code, file: file, field: path + "." + field.name)
    }

    /// A code's name from the year's table of that name; a code the table lacks is a warning (the
    /// pages then show 「代碼 N」), a field with no table at all has no name.
    mutating func codeName(table name: String, code: String, file: String, field: String) -> String? {
        guard let table = year.codeTables[name] else { return nil }
        if let found = table[code] ?? table[normalizedCode(code)] { return found }
        diagnostics.append(.warning(.unknownCode(table: name, code: code), file: file, field: field))
        return nil
    }

    /// Self-written items: each kind to its item; the combined 學習歷程自述 PDF under the first of
    /// the listed items that takes it and has no file of its own, the others pointing there.
    mutating func fillSelfWritten(_ items: inout [PacketItem]) {
        var placedCombined: ItemCode?
        for document in record.selfWritten {
            let flags: EntryFlags = document.content == .unreadable ? [.unreadable] : []
            let targets = channel.items.filter { $0.sources.contains(.selfWritten(document.kind)) }
            if let target = targets.first {
                itemOfFile[document.file] = target.code
                if let index = items.firstIndex(where: { $0.code == target.code }) {
                    items[index].entries.append(
                        .document(DocumentEntry(document: document, pointsToItem: nil, flags: flags)))
                    if document.content == .unreadable { items[index].status = .unreadable(files: [document.file]) }
                } else {
                    leave(target.code, file: document.file, field: "")
                }
                continue
            }
            guard document.kind == .combinedStatement else { continue }
            // University: O, P, Q take the combined PDF where they have no file of their own.
            let standIns = items.indices.filter { index in
                channel.item(items[index].code)?.takesCombinedStatement == true && items[index].entries.isEmpty
            }
            guard let first = standIns.first else {
                // The tables' check makes sure some item takes the combined statement.
                if let any = channel.items.first(where: { $0.takesCombinedStatement })?.code {
                    leave(any, file: document.file, field: "")
                }
                continue
            }
            placedCombined = items[first].code
            itemOfFile[document.file] = items[first].code
            for index in standIns {
                let pointer = index == first ? nil : placedCombined
                var entryFlags = flags
                entryFlags.insert(.combinedStatement)
                items[index].entries.append(
                    .document(DocumentEntry(document: document, pointsToItem: pointer, flags: entryFlags)))
                diagnostics.append(.warning(.combinedStatementUsed, file: document.file, item: items[index].code.rawValue))
            }
        }
    }

    // MARK: Caps

    /// The central database never sends more records than a cap, so more in a department's folder
    /// is a data error on the group or item; every record is still rendered, none is chosen as
    /// "excess". The school-created cadre list does not count.
    mutating func applyCaps(_ items: inout [PacketItem]) {
        func counted(_ item: PacketItem) -> Int {
            item.entries.reduce(0) { count, entry in
                switch entry {
                case .outcome: count + 1
                case .performance(let entry): channel.uncappedCategories.contains(entry.record.category) ? count : count + 1
                default: count
                }
            }
        }
        for (scope, cap) in profile.caps.sorted(by: { $0.key < $1.key }) {
            let members = items.indices.filter { channel.scopes(of: items[$0].code).contains(scope) }
            let received = members.reduce(0) { $0 + counted(items[$1]) }
            guard received > cap else { continue }
            for index in members { items[index].overCap = CapCount(scope: scope, received: received, cap: cap) }
            let item: String? = if case .item(let code) = scope { code.rawValue } else { nil }
            diagnostics.append(.error(.overCap(scope: scope.description, count: received, cap: cap), item: item))
        }
    }

    // MARK: Lengths

    /// The department's 字數上限 (self-written text) and 圖片上限 (image files) per item: reported,
    /// the text and images rendered whole.
    mutating func checkLengths(_ items: [PacketItem]) {
        for item in items {
            if let limit = profile.textLimits[item.code] {
                for entry in item.entries {
                    guard case .document(let document) = entry, document.pointsToItem == nil,
                        case .text(let text) = document.document.content
                    else { continue }
                    let length = text.plainText.filter { !$0.isWhitespace }.count
                    if length > limit {
                        diagnostics.append(
                            .warning(.textTooLong(length: length, limit: limit), file: document.document.file, item: item.code.rawValue))
                    }
                }
            }
            if let limit = profile.imageLimits[item.code] {
                let images = attachments(of: [item]).filter { $0.mediaType == .jpeg || $0.mediaType == .png }.count
                if images > limit {
                    diagnostics.append(.warning(.tooManyImages(count: images, limit: limit), item: item.code.rawValue))
                }
            }
        }
    }

    // MARK: Checks on entries

    mutating func attachmentFlags(_ references: [AttachmentReference], file: String, item: ItemCode) -> EntryFlags {
        var flags = EntryFlags()
        for reference in references {
            switch reference.status {
            case .missing: flags.insert(.fileMissing)
            case .refused: flags.insert(.pathRefused)
            case .unreadable: flags.insert(.unreadable)
            case .found(let found):
                if found.md5Check == .mismatch { flags.insert(.md5Mismatch) }
                if let limit = year.attachmentLimits[found.mediaType], found.size > limit {
                    flags.insert(.attachmentTooLarge)
                    diagnostics.append(
                        .warning(
                            .attachmentTooLarge(path: found.path, size: found.size, limit: limit), file: file,
                            item: item.rawValue))
                }
            }
        }
        return flags
    }

    mutating func summaryFlags(_ summary: Reading<String>, file: String, field: String, item: ItemCode) -> EntryFlags {
        guard let text = summary.value else { return [] }
        let length = text.unicodeScalars.count
        guard length > year.summaryLimit else { return [] }
        diagnostics.append(.warning(.summaryTooLong(length: length, limit: year.summaryLimit), file: file, field: field))
        return [.summaryTooLong]
    }

    mutating func decodeCourseCode(_ code: String, file: String, field: String) -> DecodedCourseCode {
        let decoded = DecodedCourseCode(code, rules: year.courseCode)
        if let problem = decoded.problem {
            diagnostics.append(.warning(.courseCodeInvalid(code: code, problem: problem), file: file, field: field))
        }
        return decoded
    }

    // MARK: Tagging and attachments

    /// Gives a diagnostic its item, from the file it names and the record path of its field.
    func tag(_ diagnostic: Diagnostic) -> Diagnostic {
        guard diagnostic.item == nil, let file = diagnostic.file else { return diagnostic }
        var tagged = diagnostic
        if let item = itemOfFile[file] {
            tagged.item = item.rawValue
        } else if let field = diagnostic.field, let records = itemOfRecord[file],
            let close = field.firstIndex(of: "]")
        {
            tagged.item = records[String(field[...close])]?.rawValue
        }
        return tagged
    }

    func attachments(of items: [PacketItem]) -> [AttachmentFile] {
        var byPath: [String: AttachmentFile] = [:]
        func add(_ references: [AttachmentReference]) {
            for reference in references { if case .found(let file) = reference.status { byPath[file.path] = file } }
        }
        for item in items {
            for entry in item.entries {
                switch entry {
                case .courseTables: break
                case .schoolDocument(let document): byPath[document.file.path] = document.file
                case .outcome(let entry): add(entry.outcome.attachments)
                case .performance(let entry): add(entry.record.attachments)
                case .document(let entry):
                    if case .pdf(let file) = entry.document.content { byPath[file.path] = file }
                case .uploaded(let entry):
                    if case .pdf(let file) = entry.upload.content { byPath[file.path] = file }
                }
            }
        }
        return byPath.values.sorted { $0.path < $1.path }
    }
}

extension ItemEntry {
    mutating func insertFlag(_ flag: EntryFlags) {
        switch self {
        case .courseTables(var value): value.flags.insert(flag); self = .courseTables(value)
        case .schoolDocument(var value): value.flags.insert(flag); self = .schoolDocument(value)
        case .outcome(var value): value.flags.insert(flag); self = .outcome(value)
        case .performance(var value): value.flags.insert(flag); self = .performance(value)
        case .document(var value): value.flags.insert(flag); self = .document(value)
        case .uploaded(var value): value.flags.insert(flag); self = .uploaded(value)
        }
    }
}

extension AssemblyRun {
    /// The one 認證狀態 that reaches a department.
    static let certified = "已認證"
}

/// Codes compare without leading zeros ("02" is "2"), letters as they are.
func normalizedCode(_ code: String) -> String {
    let trimmed = code.trimmingCharacters(in: .whitespaces)
    guard trimmed.allSatisfy(\.isNumber), let value = Int(trimmed) else { return trimmed }
    return String(value)
}
