import Diagnostics
import Foundation
import OutputFiles
import PDFWriter
import PacketContent
import PacketPDF
import ReviewPacket

/// One applicant's line of a department's roster (名冊): who, the outcome, and what each item holds.
public struct RosterLine: Sendable, Equatable {
    public var applicantNumber: String
    public var name: String
    /// Item codes provided, 未提供, 無法讀取, and those filled by 自行上傳 PDFs.
    public var provided: [String]
    public var notProvided: [String]
    public var unreadable: [String]
    public var uploaded: [String]

    public init(packet: ReviewPacket) {
        applicantNumber = packet.applicant.applicantNumber
        name = maskingNationalIDs(packet.applicant.name ?? "")
        provided = packet.items.filter { $0.status == .provided }.map(\.code.rawValue)
        notProvided = packet.items.filter { $0.status == .notProvided }.map(\.code.rawValue)
        unreadable = packet.items.filter { if case .unreadable = $0.status { true } else { false } }.map(\.code.rawValue)
        uploaded = packet.items.filter { $0.flags.contains(.uploaded) }.map(\.code.rawValue)
    }
}

/// A department's roster: `<out>/<校系代碼>/名冊.csv` (UTF-8 with a BOM, so that Excel reads the
/// characters right) and `名冊.pdf`, the same table to print and hand to reviewers. A shard writes
/// `名冊-<I>-of-<N>.csv`/`.pdf` with its own applicants, as it writes its own report.
public enum Roster {
    public static let header = [
        "應試號碼", "姓名", "狀態", "頁數", "位元組", "已提供項目", "未提供", "無法讀取", "自行上傳", "錯誤", "警告",
    ]

    static func statusWord(_ status: BatchOutcome.Status) -> String {
        switch status {
        case .ok: "完成"
        case .warnings: "有警告"
        case .errors: "有錯誤"
        case .failed: "無法產生"
        case .skipped: "沿用"
        }
    }

    /// The rows, in applicant order. An applicant with no packet has only its number and status.
    public static func rows(_ outcomes: [BatchOutcome]) -> [[String]] {
        outcomes.map { outcome in
            let line = outcome.rosterLine
            let errors = outcome.diagnostics.filter { $0.severity == .error }.count
            let warnings = outcome.diagnostics.count - errors
            // A folder named like an ID (refused, no packet) is still a row: shown masked, as everywhere.
            return [
                maskingNationalIDs(outcome.applicant.number), line?.name ?? "", statusWord(outcome.status),
                outcome.pageCount.map(String.init) ?? "", outcome.pdfBytes.map(String.init) ?? "",
                line?.provided.joined(separator: " ") ?? "", line?.notProvided.joined(separator: " ") ?? "",
                line?.unreadable.joined(separator: " ") ?? "", line?.uploaded.joined(separator: " ") ?? "",
                String(errors), String(warnings),
            ]
        }
    }

    /// RFC 4180: CRLF lines, fields quoted when they hold a comma, quote or line break.
    public static func csv(_ rows: [[String]]) -> [UInt8] {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        let text = ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    /// The printable roster.
    public static func sections(department: String, rows: [[String]]) -> [Section] {
        [
            Section(
                itemCode: nil, headerTitle: "名冊", outlineTitle: "名冊 \(department)",
                blocks: [
                    .heading("名冊　校系代碼 \(department)", level: 1),
                    .line([.plain("共 \(rows.count) 位申請生")], style: .normal),
                    .table(
                        Table(
                            widths: [2.3, 1.7, 1.6, 1.0, 1.8, 3.6, 2.4, 1.1, 1.1, 0.9, 0.9], header: header, rows: rows,
                            numericColumns: [3, 4, 9, 10])),
                ])
        ]
    }

    /// Writes each department's roster of `result` (atomically, 0600, like every output).
    public static func write(_ result: BatchResult, options: BatchOptions, exporter: PacketExporter) throws {
        var departments: [String] = []
        for outcome in result.outcomes where !departments.contains(outcome.applicant.department) {
            departments.append(outcome.applicant.department)
        }
        let stem = options.isSharded ? "名冊-\(options.shard.index)-of-\(options.shard.count)" : "名冊"
        for department in departments {
            let rows = rows(result.outcomes.filter { $0.applicant.department == department })
            let folder = options.outDirectory.appendingPathComponent(department)
            try OutputFolder.create(folder)
            try AtomicFile.write(csv(rows), to: folder.appendingPathComponent(stem + ".csv"))
            let pages = try exporter.typesetter.typeset(
                sections: sections(department: department, rows: rows), header: "名冊　校系代碼 \(department)")
            let document = PacketPDF.document(
                pages, title: "名冊 \(department)", subject: "備審資料名冊 \(department)", toolVersion: exporter.toolVersion,
                creationDate: exporter.creationDate)
            let pdf = try PacketPDF.write(document, with: exporter.writer)
            // The roster claims PDF/A-3b as the packets do, and is checked the same way.
            try PacketExporter.checkPDFAClaim(pdf)
            try AtomicFile.write(pdf, to: folder.appendingPathComponent(stem + ".pdf"))
        }
    }
}
