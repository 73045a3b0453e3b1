import PortfolioRecord
import ReviewPacket

/// The closing 檔案核對 page: every file the packet names, in reading order, with the items that
/// use it, its size, type and digests, and what became of a file that could not be read. Digests
/// are for checking, not reading: they are here and in the XML, never in an item's text.
extension PacketContent {
    /// One file as the page lists it.
    struct FileUse {
        var path: String
        /// `B 書面報告`, once per item that uses the file.
        var items: [String]
        /// The 連結 fields (or kinds of file) that name it.
        var fields: [String]
        var status: AttachmentStatus
        /// The MD5 the record states, as given.
        var statedMD5: String?
    }

    /// Nil when the packet names no file at all.
    static func fileCheck(_ packet: ReviewPacket) -> Section? {
        let uses = fileUses(packet)
        guard !uses.isEmpty else { return nil }
        var blocks: [Block] = [
            .heading("檔案核對", level: 1),
            .line(
                [
                    .plain(
                        "本頁列出備審資料所附的每個檔案：所屬項目、大小、類型與摘要值。SHA-256 由本系統就放入本檔的同一份內容計算；MD5 與學習歷程紀錄所載者比對。"
                    )
                ], style: .small),
        ]
        for (number, use) in uses.enumerated() {
            blocks.append(.line([.strong("\(number + 1). \(use.path)")], style: .normal))
            var fields: [(label: String, value: String)] = [
                ("項目", use.items.joined(separator: "、") + "（" + use.fields.joined(separator: "、") + "）")
            ]
            switch use.status {
            case .found(let file):
                fields.append(("大小、類型", "\(sizeText(file.size))（\(groupedDigits(file.size)) 位元組），\(file.mediaType.rawValue)"))
                fields.append(("SHA-256", file.sha256))
                fields.append(("MD5", md5Text(file, stated: use.statedMD5)))
                blocks.append(.fields(fields))
                if file.mediaType.isTimeBased {
                    blocks.append(
                        .link(
                            [.plain("已內嵌於本 PDF：按兩下此行開啟（或由閱讀器的附件清單開啟）")], style: .normal,
                            target: .attachment(path: file.path)))
                }
            case .missing:
                fields.append(("核對", "檔案不存在"))
                blocks.append(.fields(fields))
            case .refused:
                fields.append(("核對", "路徑遭拒，未讀取"))
                blocks.append(.fields(fields))
            case .unreadable:
                fields.append(("核對", "無法讀取"))
                blocks.append(.fields(fields))
            }
        }
        return Section(itemCode: nil, headerTitle: "檔案核對", outlineTitle: "檔案核對", blocks: blocks)
    }

    /// The MD5 of the bytes read, and how it compares with what the record states.
    static func md5Text(_ file: AttachmentFile, stated: String?) -> String {
        switch file.md5Check {
        case .notStated: "\(file.md5)（紀錄未載 MD5）"
        case .matched: "\(file.md5)（與紀錄所載相符）"
        case .mismatch: "\(file.md5)（紀錄所載為 \(stated ?? "另一值")，不符）"
        case .malformedStatement: "\(file.md5)（紀錄所載「\(stated ?? "")」不是 MD5）"
        }
    }

    /// Every file named by the packet's items, in reading order: a file found once per path (all its
    /// items listed), a file not found once per path and status.
    static func fileUses(_ packet: ReviewPacket) -> [FileUse] {
        var uses: [FileUse] = []
        func add(_ path: String, item: PacketItem, field: String, status: AttachmentStatus, stated: String?) {
            let label = "\(item.code) \(item.name)"
            if let index = uses.firstIndex(where: { $0.path == path && $0.status == status }) {
                if !uses[index].items.contains(label) { uses[index].items.append(label) }
                if !uses[index].fields.contains(field) { uses[index].fields.append(field) }
                if uses[index].statedMD5 == nil { uses[index].statedMD5 = stated }
            } else {
                uses.append(FileUse(path: path, items: [label], fields: [field], status: status, statedMD5: stated))
            }
        }
        func add(_ references: [AttachmentReference], item: PacketItem) {
            for reference in references {
                add(reference.path(found: reference.status), item: item, field: reference.field.rawValue, status: reference.status, stated: reference.statedMD5)
            }
        }
        for item in packet.items {
            for entry in item.entries {
                switch entry {
                case .courseTables: break
                case .schoolDocument(let document):
                    add(document.file.path, item: item, field: "學校提供之\(document.kind.rawValue)", status: .found(document.file), stated: nil)
                case .outcome(let entry): add(entry.outcome.attachments, item: item)
                case .performance(let entry): add(entry.record.attachments, item: item)
                case .document(let entry):
                    if case .pdf(let file) = entry.document.content, entry.pointsToItem == nil {
                        add(file.path, item: item, field: entry.document.kind.rawValue, status: .found(file), stated: nil)
                    }
                case .uploaded(let entry):
                    if case .pdf(let file) = entry.upload.content {
                        add(file.path, item: item, field: "自行上傳PDF檔", status: .found(file), stated: nil)
                    }
                }
            }
        }
        return uses
    }

    /// 1234567 → 1,234,567.
    static func groupedDigits(_ value: Int) -> String {
        var digits = Array(String(value))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }
}

extension AttachmentReference {
    /// The file's path as read (normalised) when found, else as the record gives it.
    fileprivate func path(found status: AttachmentStatus) -> String {
        if case .found(let file) = status { return file.path }
        return path
    }
}
