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

    static func statusWord(_ packet: ReviewPacket) -> String {
        if packet.hasErrors { return "errors" }
        return packet.diagnostics.isEmpty ? "ok" : "warnings"
    }

    static func json(_ packet: ReviewPacket, language: MessageLanguage) -> String {
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
        return JSONText.render(
            .object([
                ("applicantNumber", .string(packet.applicant.applicantNumber)),
                ("status", .string(statusWord(packet))),
                ("exitStatus", .int(packet.hasErrors ? 65 : 0)),
                ("ruleYear", .int(meta.ruleYear)), ("channel", .string(meta.channel.rawValue)),
                ("departmentCode", .string(meta.departmentCode)), ("profile", .string(meta.profileSource)),
                ("inputDigest", .string(meta.inputDigest)),
                ("items", .array(items)),
                ("diagnostics", .array(packet.diagnostics.map { JSONText.diagnostic($0, language: language) })),
            ]))
    }

    static func failedJSON(status: Int32, diagnostics: [Diagnostic], language: MessageLanguage) -> String {
        JSONText.render(
            .object([
                ("status", .string("failed")), ("exitStatus", .int(Int(status))),
                ("diagnostics", .array(diagnostics.map { JSONText.diagnostic($0, language: language) })),
            ]))
    }
}
