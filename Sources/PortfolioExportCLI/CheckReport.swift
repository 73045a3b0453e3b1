import Diagnostics
import PacketExport
import ReviewPacket

/// What `check` prints: a summary of the packet by review item, then every diagnostic.
/// Only the 應試號碼 identifies the applicant; no name, no ID.
enum CheckReport {
    static func lines(_ packet: ReviewPacket, language: MessageLanguage) -> [String] {
        let english = language == .english
        let meta = packet.meta
        var lines: [String] = []
        lines.append(
            english
                ? "\(packet.applicant.applicantNumber): department \(meta.departmentCode) \(meta.departmentName), year \(meta.ruleYear) \(meta.channel) (profile: \(meta.profileSource))"
                : "\(packet.applicant.applicantNumber)：校系 \(meta.departmentCode) \(meta.departmentName)，\(meta.ruleYear) 學年度 \(meta.channel)（設定檔：\(meta.profileSource)）")
        lines.append(english ? "Review items:" : "審查項目：")
        for item in packet.items {
            lines.append("  \(item.code) \(item.name)  \(status(item, english: english))")
        }
        let errors = packet.diagnostics.filter { $0.severity == .error }
        let warnings = packet.diagnostics.filter { $0.severity == .warning }
        lines.append(
            english
                ? "\(errors.count) errors, \(warnings.count) warnings"
                : "錯誤 \(errors.count) 項、警告 \(warnings.count) 項")
        for diagnostic in errors + warnings {
            lines.append("  " + diagnostic.line(language))
        }
        return lines
    }

    static func status(_ item: PacketItem, english: Bool) -> String {
        var text: String
        switch item.status {
        case .provided:
            let count = item.entries.count
            text = english ? "provided (\(count) \(count == 1 ? "entry" : "entries"))" : "已提供（\(count) 件）"
        case .notProvided:
            text = english ? "not provided" : "未提供"
        case .unreadable(let files):
            text = (english ? "unreadable: " : "無法讀取：") + files.joined(separator: ", ")
        }
        if let over = item.overCap {
            text += english
                ? ", \(over.scope): \(over.received) received, the cap is \(over.cap)"
                : "，\(over.scope)收到 \(over.received) 件，上限 \(over.cap) 件"
        }
        return text
    }

    /// `check --items`: every item of the whole record, one line each — its key (what a tick list
    /// names), category and title, semester, 認證狀態 for outcomes, and the review item it goes to;
    /// with a tick list, ✓ marks what is in the packet.
    static func itemLines(_ items: [RecordItem], tickList: TickListInfo?, language: MessageLanguage) -> [String] {
        let english = language == .english
        let outcomes = items.filter { $0.list == .outcomes }.count
        let performances = items.count - outcomes
        var head =
            english
            ? "Items of the record (課程學習成果: \(outcomes), 多元表現: \(performances))"
            : "學習歷程紀錄的項目（課程學習成果 \(outcomes) 件、多元表現 \(performances) 件）"
        if let tickList {
            let selected = items.filter { $0.selected == true }.count
            head +=
                english
                ? "; tick list \(tickList.source) (\(tickList.mode)) puts \(selected) in the packet, marked ✓"
                : "；勾選清單 \(tickList.source)（\(tickList.mode)）放入 ✓ 者 \(selected) 件"
        }
        var lines = [head + (english ? ":" : "：")]
        for item in items {
            var line = "  " + (item.selected == true ? "✓ " : item.selected == false ? "  " : "")
            line += item.key.rawValue + "  "
            // A positional key names its category already.
            if !item.key.rawValue.hasPrefix(item.category + ":") { line += item.category + (english ? " " : "") }
            line += english ? "\"\(item.title ?? "")\"" : "「\(item.title ?? "")」"
            if let year = item.schoolYear, let semester = item.semester {
                line += english ? "  year \(year) term \(semester)" : "  \(year) 學年度第 \(semester) 學期"
            } else if let year = item.schoolYear {
                line += english ? "  year \(year)" : "  \(year) 學年度"
            } else {
                line += "  —"
            }
            if item.list == .outcomes { line += "  " + (item.certification ?? (english ? "(no 認證狀態)" : "（未標示認證狀態）")) }
            if let code = item.item {
                line += english ? "  → item \(code)" : "  → 項目 \(code)"
                if !item.itemTaken { line += english ? " (not taken by the department)" : "（校系不採計）" }
            }
            lines.append(line)
        }
        return lines
    }

    /// `check --json`'s shape is `Templates/schema/check.schema.json`; raised when a member is removed
    /// or changes meaning.
    static let schemaVersion = 1

    static func itemJSON(_ item: RecordItem) -> JSONText.Value {
        .object([
            ("key", .string(item.key.rawValue)), ("list", .string(item.list.rawValue)),
            ("category", .string(item.category)), ("title", .optional(item.title)),
            ("schoolYear", item.schoolYear.map(JSONText.Value.int) ?? .null),
            ("semester", item.semester.map(JSONText.Value.int) ?? .null),
            ("certification", .optional(item.certification)), ("item", .optional(item.item?.rawValue)),
            ("itemTaken", .bool(item.itemTaken)), ("selected", item.selected.map(JSONText.Value.bool) ?? .null),
            ("file", .string(item.file)), ("field", .string(item.field)),
        ])
    }

    /// `check --items` without a profile: the items (no review items), then what reading found.
    static func lines(_ listing: RecordListing, language: MessageLanguage) -> [String] {
        let english = language == .english
        var lines = [
            english
                ? "\(listing.applicantNumber): no profile named and none for the folder's department; review items are not shown"
                : "\(listing.applicantNumber)：未指定校系審查設定檔，資料夾所屬校系也沒有，不列審查項目"
        ]
        lines += itemLines(listing.items, tickList: listing.tickList, language: language)
        lines += diagnosticLines(listing.diagnostics, language: language)
        return lines
    }

    static func diagnosticLines(_ diagnostics: [Diagnostic], language: MessageLanguage) -> [String] {
        let errors = diagnostics.filter { $0.severity == .error }
        let warnings = diagnostics.filter { $0.severity == .warning }
        return [
            language == .english
                ? "\(errors.count) errors, \(warnings.count) warnings" : "錯誤 \(errors.count) 項、警告 \(warnings.count) 項"
        ] + (errors + warnings).map { "  " + $0.line(language) }
    }

    static func json(_ listing: RecordListing, language: MessageLanguage) -> String {
        let hasErrors = listing.diagnostics.contains { $0.severity == .error }
        var members: [(String, JSONText.Value)] = [
            ("schemaVersion", .int(schemaVersion)),
            ("applicantNumber", .string(listing.applicantNumber)),
            ("status", .string(hasErrors ? "errors" : listing.diagnostics.isEmpty ? "ok" : "warnings")),
            ("exitStatus", .int(hasErrors ? 65 : 0)), ("profile", .null),
        ]
        if let tickList = listing.tickList {
            members.append(
                ("tickList", .object([("source", .string(tickList.source)), ("mode", .string(tickList.mode.rawValue))])))
        }
        members.append(("recordItems", .array(listing.items.map(itemJSON))))
        members.append(("diagnostics", .array(listing.diagnostics.map { JSONText.diagnostic($0, language: language) })))
        return JSONText.render(.object(members))
    }

    static func statusWord(_ packet: ReviewPacket) -> String {
        if packet.hasErrors { return "errors" }
        return packet.diagnostics.isEmpty ? "ok" : "warnings"
    }

    static func json(_ packet: ReviewPacket, recordItems: [RecordItem]? = nil, language: MessageLanguage) -> String {
        let meta = packet.meta
        let items: [JSONText.Value] = packet.items.map { item in
            let status: String
            switch item.status {
            case .provided: status = "provided"
            case .notProvided: status = "notProvided"
            case .unreadable: status = "unreadable"
            }
            return .object([
                ("code", .string(item.code.rawValue)), ("name", .string(item.name)), ("status", .string(status)),
                ("entries", .int(item.entries.count)), ("flags", .array(item.flags.names.map(JSONText.Value.string))),
            ])
        }
        var members: [(String, JSONText.Value)] = [
            ("schemaVersion", .int(schemaVersion)),
            ("applicantNumber", .string(packet.applicant.applicantNumber)),
            ("status", .string(statusWord(packet))),
            ("exitStatus", .int(packet.hasErrors ? 65 : 0)),
            ("ruleYear", .int(meta.ruleYear)), ("channel", .string(meta.channel.rawValue)),
            ("departmentCode", .string(meta.departmentCode)), ("profile", .string(meta.profileSource)),
        ]
        // Only for a student's packet (`--selection`) and for `--items`: a department's check reads as before.
        if let tickList = meta.tickList {
            members.append(
                ("tickList", .object([("source", .string(tickList.source)), ("mode", .string(tickList.mode.rawValue))])))
        }
        members += [("inputDigest", .string(meta.inputDigest)), ("items", .array(items))]
        if let recordItems { members.append(("recordItems", .array(recordItems.map(itemJSON)))) }
        members.append(("diagnostics", .array(packet.diagnostics.map { JSONText.diagnostic($0, language: language) })))
        return JSONText.render(.object(members))
    }

    static func failedJSON(status: Int32, diagnostics: [Diagnostic], language: MessageLanguage) -> String {
        JSONText.render(
            .object([
                ("schemaVersion", .int(schemaVersion)),
                ("status", .string("failed")), ("exitStatus", .int(Int(status))),
                ("diagnostics", .array(diagnostics.map { JSONText.diagnostic($0, language: language) })),
            ]))
    }
}
