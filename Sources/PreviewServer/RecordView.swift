import Diagnostics
import Foundation
import PortfolioRecord
import ReviewPacket

/// One item of the record as the record page shows it: the item as `check --items` lists it, and
/// what the page adds (its 簡述, attachments and anchor). `entry.key`, `entry.semester` … read the item.
@dynamicMemberLookup
public struct RecordEntry: Sendable {
    public var item: RecordItem
    /// 課程學習成果簡述 / 內容簡述.
    public var summary: String?
    public var attachments: [AttachmentReference]
    /// Its place on the record page: the anchor `item-<n>`.
    public var anchor: String

    public subscript<Value>(dynamicMember path: KeyPath<RecordItem, Value>) -> Value { item[keyPath: path] }
}

/// A file of the folder that is an item by itself (self-written texts, school PDFs), with its anchor.
public struct RecordDocument: Sendable {
    public var name: String
    public var file: String
    public var anchor: String
}

extension Workspace {
    /// Every tickable item of the record with what the page shows of it, in reading order.
    public func recordEntries() -> [RecordEntry] {
        guard let record else { return [] }
        let outcomes = Dictionary(
            (record.outcomes.value ?? []).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let performances = Dictionary(
            (record.performances.value ?? []).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        return recordItems().enumerated().map { index, item in
            var summary: String?
            var attachments: [AttachmentReference] = []
            if item.list == .outcomes, let outcome = outcomes[item.key] {
                summary = outcome.summary.shown
                attachments = outcome.attachments
            } else if let performance = performances[item.key] {
                summary = performance.summary.shown
                attachments = performance.attachments
            }
            return RecordEntry(item: item, summary: summary, attachments: attachments, anchor: "item-\(index + 1)")
        }
    }

    /// The folder's other files that make an item: 修課紀錄, self-written texts, school PDFs.
    public func recordDocuments() -> [RecordDocument] {
        guard let record else { return [] }
        var documents: [(String, String)] = []
        if case .present(let file, _) = record.courseRecord { documents.append(("修課紀錄", file)) }
        if let file = record.courseRecordPDF { documents.append(("修課紀錄", file.path)) }
        if let file = record.sixthSemesterTranscript { documents.append(("第6學期成績單", file.path)) }
        for document in record.selfWritten { documents.append((document.kind.rawValue, document.file)) }
        return documents.enumerated().map { RecordDocument(name: $1.0, file: $1.1, anchor: "file-\($0 + 1)") }
    }
}

/// Where on the record page a problem can be fixed: the item it is about, else the file.
struct FixTarget {
    let entries: [RecordEntry]
    let documents: [RecordDocument]
    /// The tick list the packet was made from: its path and keys, for problems that name a place in it.
    let tickList: TickState

    func anchor(_ diagnostic: Diagnostic) -> String? {
        guard let file = diagnostic.file else { return nil }
        if let path = tickList.path, file == path, let field = diagnostic.field,
            let open = field.firstIndex(of: "["), let close = field.firstIndex(of: "]"),
            let position = Int(field[field.index(after: open)..<close])
        {
            let list = String(field[..<open])
            let keys = list == TickListName.outcomes.rawValue ? tickList.outcomes : tickList.performances
            if keys.indices.contains(position), let entry = entries.first(where: { $0.key.rawValue == keys[position] }) {
                return entry.anchor
            }
            return nil
        }
        if let field = diagnostic.field,
            let entry = entries.first(where: { $0.file == file && (field == $0.field || field.hasPrefix($0.field + ".")) })
        {
            return entry.anchor
        }
        if let entry = entries.first(where: { $0.attachments.contains { $0.path == file || $0.file?.path == file } }) {
            return entry.anchor
        }
        return documents.first { $0.file == file }?.anchor
    }
}
