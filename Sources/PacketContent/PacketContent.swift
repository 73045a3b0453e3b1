import Diagnostics
import PortfolioRecord
import ReviewPacket

/// Turns a `ReviewPacket` into sections of blocks: the opening page (who, which department and
/// channel, the index), one section per review item that has something to show, in code order, and
/// the closing 檔案核對 page. Everything the XML describes about an item is shown; nothing is added.
public enum PacketContent {
    /// The opening page, the items with a page, 檔案核對; a preview starts with the page of things to
    /// fix. `pages` maps item codes to their first page number (1-based), which the paginator fills
    /// in on its second pass; `courseColumns` are the 修課紀錄 tables' columns, from the channel's
    /// layout.
    public static func sections(
        _ packet: ReviewPacket, preview: Bool = false, pages: [String: Int] = [:],
        courseColumns: [CourseColumnSpec] = CourseColumnSpec.fallback
    ) -> [Section] {
        var sections = preview ? [PreviewContent.section(packet)] : []
        sections.append(opening(packet, pages: pages))
        sections += packet.items.filter(hasPage).map { item($0, packet: packet, courseColumns: courseColumns) }
        if let check = fileCheck(packet) { sections.append(check) }
        return sections
    }

    /// A missing item is a line of the index, never a page: not every item must be provided. Nor is
    /// an item the combined 學習歷程自述 stands in for (its index line leads to that item's page).
    public static func hasPage(_ item: PacketItem) -> Bool {
        item.status != .notProvided && pointer(item) == nil
    }

    /// The item whose page holds this one's content: the combined 學習歷程自述 placed under another
    /// item, when that is all this item has.
    static func pointer(_ item: PacketItem) -> ItemCode? {
        guard item.status == .provided else { return nil }
        let targets = item.entries.compactMap { entry -> ItemCode? in
            if case .document(let document) = entry { return document.pointsToItem }
            return nil
        }
        return !targets.isEmpty && targets.count == item.entries.count ? targets[0] : nil
    }

    // MARK: The opening page

    /// Who, which department and channel, and the index: each item's code, name, first page (a
    /// link), count and marks. The index may run on to a second page; the page starts with who.
    public static func opening(_ packet: ReviewPacket, pages: [String: Int]) -> Section {
        let meta = packet.meta
        let applicant = packet.applicant
        var fields: [(label: String, value: String)] = [
            ("應試號碼", applicant.applicantNumber),
            ("姓名", applicant.name ?? "（無資料）"),
        ]
        if let school = applicant.schoolName { fields.append(("就讀學校", school)) }
        if let program = [applicant.group, applicant.program].compactMap({ $0 }).nilIfEmpty {
            fields.append(("群別／科班", program.joined(separator: "　")))
        }
        fields.append(("校系", [meta.departmentCode, meta.departmentName].filter { !$0.isEmpty }.joined(separator: " ")))
        fields.append(("招生管道", "\(meta.ruleYear) 學年度　\(meta.channel.rawValue)"))
        // An item without a page of its own leads to the page that holds it, or nowhere (「未提供」).
        let targets = packet.items.map { item -> String? in
            hasPage(item) ? item.code.rawValue : pointer(item)?.rawValue
        }
        let rows = zip(packet.items, targets).map { item, target -> [String] in
            [
                item.code.rawValue, item.name, target.flatMap { pages[$0] }.map(String.init) ?? "", countText(item),
                markText(item, summaryLimit: meta.summaryLimit),
            ]
        }
        let index = Table(
            widths: [1.1, 4.9, 1.0, 3.4, 3.6], header: ["項目", "審查資料項目", "頁次", "件數", "註記"], rows: rows,
            numericColumns: [2], rowTargets: targets)
        return Section(
            itemCode: nil, headerTitle: "目錄", outlineTitle: "目錄",
            blocks: [.heading("備審資料", level: 1), .fields(fields), .heading("目錄", level: 2), .table(index)])
    }

    /// What an item holds: semesters and school-sent documents apart (item A), records, or where the
    /// combined 學習歷程自述 stands in for it; 「—」 for nothing.
    static func countText(_ item: PacketItem) -> String {
        var semesters: Int?
        var documents: [SchoolDocument.Kind: Int] = [:]
        var records = 0
        var pointer: ItemCode?
        for entry in item.entries {
            switch entry {
            case .courseTables(let tables): semesters = (semesters ?? 0) + tables.semesters.count
            case .schoolDocument(let document): documents[document.kind, default: 0] += 1
            case .document(let document) where document.pointsToItem != nil: pointer = document.pointsToItem
            case .outcome, .performance, .document, .uploaded: records += 1
            }
        }
        var parts: [String] = []
        if let semesters { parts.append("\(semesters) 學期") }
        for kind in [SchoolDocument.Kind.courseRecordPDF, .sixthSemesterTranscript] {
            guard let count = documents[kind] else { continue }
            parts.append("\(kind == .courseRecordPDF ? "修課紀錄 PDF" : "第 6 學期成績單") \(count) 件")
        }
        if records > 0 { parts.append("\(records) 件") }
        if parts.isEmpty, let pointer { parts.append("見項目 \(pointer)") }
        return parts.isEmpty ? "—" : parts.joined(separator: "、")
    }

    /// The index's 註記: 未提供, 無法讀取, over the cap, and the flags of the item's entries.
    static func markText(_ item: PacketItem, summaryLimit: Int) -> String {
        let labels = flagLabels(item.flags.subtracting(.overCap), summaryLimit: summaryLimit)
        return ((overCapMark(item).map { [$0] } ?? []) + labels).joined(separator: "、")
    }

    /// The index's mark for an item over its cap: 「收到 4 件，上限 3 件」; for a group's cap, the
    /// group is named (the count is the group's).
    static func overCapMark(_ item: PacketItem) -> String? {
        guard let over = item.overCap else { return nil }
        let counts = "收到 \(over.received) 件，上限 \(over.cap) 件"
        if case .item(let code) = over.scope, code == item.code { return counts }
        return "\(over.scope)\(counts)"
    }

    /// `summaryLimit`: the year's, which the summaryTooLong flag says was passed.
    static func flagLabels(_ flags: EntryFlags, summaryLimit: Int) -> [String] {
        let labels: [(EntryFlags, String)] = [
            (.notProvided, "未提供"), (.unreadable, "無法讀取"), (.overCap, "超過上限"), (.uncertified, "未認證"),
            (.md5Mismatch, "MD5 不符"), (.pathRefused, "路徑遭拒"), (.fileMissing, "檔案不存在"),
            (.summaryTooLong, "簡述逾 \(summaryLimit) 字"), (.attachmentTooLarge, "檔案逾上限"), (.invalidValue, "含無法讀取的值"),
            (.combinedStatement, "合併自述"), (.uploaded, "自行上傳"), (.bothSelectionModes, "勾選與自行上傳並存"),
        ]
        return labels.filter { flags.contains($0.0) }.map(\.1)
    }

    // MARK: Items

    static func item(
        _ item: PacketItem, packet: ReviewPacket, courseColumns: [CourseColumnSpec] = CourseColumnSpec.fallback
    ) -> Section {
        var blocks: [Block] = [.heading("\(item.code)　\(item.name)", level: 1)]
        var named: Set<String> = []
        if case .unreadable(let files) = item.status {
            blocks += unreadable(files, packet: packet)
            named = Set(files)
        }
        var outcomeNumber = 0
        var recordNumber = 0
        for entry in item.entries {
            switch entry {
            case .courseTables(let tables):
                blocks += courseTables(tables, columns: courseColumns)
            case .schoolDocument(let document):
                blocks.append(.mark(document.kind.rawValue, level: 1))
                blocks.append(.heading(document.kind == .courseRecordPDF ? "學校提供之修課紀錄（PDF）" : "第 6 學期成績單（PDF）", level: 2))
                blocks.append(fileLine(document.file))
                blocks += placed(document.file)
            case .outcome(let entry):
                outcomeNumber += 1
                blocks += outcome(entry, number: outcomeNumber, summaryLimit: packet.meta.summaryLimit)
            case .performance(let entry):
                recordNumber += 1
                blocks += performance(entry, number: recordNumber, summaryLimit: packet.meta.summaryLimit)
            case .document(let entry):
                if case .unreadable = entry.document.content, !named.contains(entry.document.file) {
                    blocks += unreadable([entry.document.file], packet: packet)
                } else {
                    blocks += document(entry)
                }
            case .uploaded(let entry):
                blocks += uploaded(entry, summaryLimit: packet.meta.summaryLimit)
            }
        }
        return Section(
            itemCode: item.code.rawValue, headerTitle: "\(item.code) \(item.name)", outlineTitle: "\(item.code) \(item.name)",
            blocks: blocks)
    }

    /// What could not be read, and why (the errors the packet reports on each file): the reviewer
    /// must know something was sent that this packet cannot show.
    static func unreadable(_ files: [String], packet: ReviewPacket) -> [Block] {
        var blocks: [Block] = [.notice("無法讀取")]
        for file in files {
            blocks.append(.line([.strong("檔案："), .plain(file)], style: .normal))
            var reasons: [String] = []
            for diagnostic in packet.diagnostics where diagnostic.file == file && diagnostic.severity == .error {
                let reason = diagnostic.kind.message(.traditionalChinese)
                if !reasons.contains(reason) { reasons.append(reason) }
            }
            for reason in reasons.isEmpty ? ["原因見檢查報告"] : reasons {
                blocks.append(.listItem(ordinal: nil, [.plain(reason)]))
            }
        }
        return blocks
    }

    // MARK: Item A

    static func courseTables(_ tables: CourseTables, columns: [CourseColumnSpec]) -> [Block] {
        var blocks: [Block] = []
        for semester in tables.semesters {
            let title = "\(semester.schoolYear) 學年度第 \(semester.semester) 學期"
            blocks.append(.mark(title, level: 1))
            blocks.append(.heading(title, level: 2))
            if let summary = semester.summary {
                var parts: [String] = []
                if let average = readingText(summary.result.average) { parts.append("學期成績 \(average)") }
                parts.append(
                    "\(CourseColumn.standing.header)：校 \(summary.schoolStanding.display)、群別 \(summary.groupStanding.display)、科班學程別 \(summary.programStanding.display)"
                )
                blocks.append(.line([.plain(parts.joined(separator: "；"))], style: .normal))
            }
            if !semester.courses.isEmpty {
                blocks.append(.table(courseTable(semester.courses, columns: columns)))
            } else if semester.summary != nil {
                // The semester's own estimates need the method as much as a table does.
                blocks.append(.line([.plain(CourseTables.methodNote)], style: .small))
            }
        }
        if !tables.unplacedCourses.isEmpty {
            blocks.append(.heading("學年度或學期無法辨識的課程", level: 2))
            blocks.append(.table(courseTable(tables.unplacedCourses, columns: columns)))
        }
        return blocks
    }

    /// One table of courses, its columns the channel's; the method of the estimate under it.
    static func courseTable(_ rows: [CourseRow], columns: [CourseColumnSpec]) -> Table {
        Table(
            widths: columns.map(\.width), header: columns.map(\.column.header),
            rows: rows.map { row in columns.map { cell($0.column, row) } },
            numericColumns: Set(columns.indices.filter { columns[$0].column.isNumeric }),
            footnote: columns.contains { $0.column == .standing } ? CourseTables.methodNote : nil)
    }

    static func cell(_ column: CourseColumn, _ row: CourseRow) -> String {
        let course = row.course
        switch column {
        case .subject: return readingText(course.subject) ?? "—"
        case .credits: return readingText(course.credits) ?? "—"
        case .category: return readingText(course.category) ?? codeText(row.code?.category, row.code?.categoryCode) ?? "—"
        case .domain: return readingText(course.domain) ?? codeText(row.code?.domain, row.code?.domainCode) ?? "—"
        case .attribute: return codeText(row.code?.attribute, row.code?.attributeCode) ?? "—"
        case .score: return readingText(course.score) ?? "—"
        case .population: return course.distribution.flatMap { readingText($0.population) } ?? "—"
        case .standing: return row.standing.display
        }
    }

    /// A code by its name; one the table has no name for as 「代碼 N」, never silently.
    static func codeText(_ name: String?, _ code: String?) -> String? {
        name ?? code.map { "代碼 \($0)" }
    }

    // MARK: Items B–E

    static func outcome(_ entry: OutcomeEntry, number: Int, summaryLimit: Int) -> [Block] {
        let outcome = entry.outcome
        let subject = readingText(outcome.subject) ?? "（未填科目）"
        let title = "成果 \(number)：\(subject)"
        var fields: [(label: String, value: String)] = []
        if let term = termText(outcome.schoolYear, outcome.semester) { fields.append(("修課學期", term)) }
        if let code = readingText(outcome.courseCode) {
            var decoded: [String] = []
            if let parts = entry.code, parts.problem != .wrongLength, parts.problem != .invalidCharacters {
                decoded = [
                    parts.category ?? parts.categoryCode.map { "課程類別代碼 \($0)" },
                    parts.attribute ?? parts.attributeCode.map { "科目屬性代碼 \($0)" },
                    parts.domain ?? parts.domainCode.map { "領域代碼 \($0)" },
                ].compactMap { $0 }
            }
            fields.append(("課程代碼", decoded.isEmpty ? code : code + "（" + decoded.joined(separator: "、") + "）"))
        }
        fields.append(("認證狀態", readingText(outcome.certification) ?? "未標示"))
        switch outcome.outcomeCategory {
        case .missing: break
        case .value(let category): fields.append(("成果類別", entry.categoryName.map { "\($0)（\(category)）" } ?? "代碼 \(category)"))
        case .invalid(let raw): fields.append(("成果類別", raw + "（無法辨識）"))
        }
        var blocks: [Block] = [.mark(title, level: 1), .heading(title, level: 2)]
        blocks += flagLine(entry.flags, summaryLimit: summaryLimit)
        blocks.append(.fields(fields))
        if let summary = readingText(outcome.summary) {
            blocks.append(.line([.strong("簡述")], style: .normal))
            blocks.append(.paragraph([.plain(summary)]))
        }
        blocks += attachments(outcome.attachments)
        return blocks
    }

    // MARK: Items F–M

    static func performance(_ entry: PerformanceEntry, number: Int, summaryLimit: Int) -> [Block] {
        let record = entry.record
        let name = entry.fields.first { $0.name == record.category.titleField }
        let title = "\(record.category.rawValue.replacingOccurrences(of: "紀錄", with: ""))：\(name.map { fieldText($0) } ?? "第 \(number) 筆")"
        var blocks: [Block] = [.mark(title, level: 1), .heading(title, level: 2)]
        blocks += flagLine(entry.flags, summaryLimit: summaryLimit)
        blocks.append(.fields(entry.fields.map { (label: fieldLabel($0.name), value: fieldText($0)) }))
        if let summary = readingText(record.summary) {
            blocks.append(.line([.strong("內容簡述")], style: .normal))
            blocks.append(.paragraph([.plain(summary)]))
        }
        blocks += attachments(record.attachments)
        for link in record.links {
            // The reader keeps only http(s) addresses as links; anything else names a file.
            blocks.append(.link([.plain("\(link.field.rawValue)：\(link.url)")], style: .normal, target: .uri(link.url)))
        }
        return blocks
    }

    static func fieldLabel(_ name: String) -> String {
        name.replacingOccurrences(of: "內容_開設名稱", with: "內容（開設名稱）").replacingOccurrences(of: "代碼", with: "")
    }

    static func fieldText(_ field: DisplayField) -> String {
        switch field.value {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .number(let d): return formatNumber(d)
        case .date(let date): return date.roc
        case .code(let code): return field.codeName.map { "\($0)（\(code)）" } ?? "代碼 \(code)"
        case .invalid(let raw): return raw + "（無法辨識）"
        }
    }

    // MARK: Items N–R

    static func document(_ entry: DocumentEntry) -> [Block] {
        var blocks: [Block] = []
        let document = entry.document
        if let target = entry.pointsToItem {
            blocks.append(.line([.plain("本項目內容見合併的學習歷程自述（項目 \(target)）。")], style: .normal))
            return blocks
        }
        switch document.content {
        case .unreadable:
            // Said once, with its reasons, by `unreadable(_:packet:)`.
            break
        case .pdf(let file):
            blocks.append(.mark(document.kind.rawValue, level: 1))
            blocks.append(fileLine(file))
            blocks += placed(file)
        case .text(let text):
            for block in text.blocks {
                switch block {
                case .heading(let level, let inlines):
                    blocks.append(.heading(plain(inlines), level: min(level + 1, 3)))
                case .paragraph(let inlines):
                    blocks.append(.paragraph(spans(inlines)))
                case .listItem(let ordinal, let inlines):
                    blocks.append(.listItem(ordinal: ordinal, spans(inlines)))
                }
            }
        }
        return blocks
    }

    // MARK: 自行上傳

    /// What every page of an uploaded PDF carries, and its entry says first.
    public static let uploadMark = "自行上傳，未經學習歷程中央資料庫認證"

    /// An uploaded PDF: its statement, the file, and its pages, each marked.
    static func uploaded(_ entry: UploadedEntry, summaryLimit: Int) -> [Block] {
        let upload = entry.upload
        var blocks: [Block] = [.mark("自行上傳PDF檔", level: 1), .heading("自行上傳PDF檔", level: 2)]
        blocks.append(.line([.strong(uploadMark)], style: .flag))
        blocks += flagLine(entry.flags.subtracting(.uploaded), summaryLimit: summaryLimit)
        switch upload.content {
        case .unreadable:
            blocks.append(.notice("無法讀取：\(upload.file)"))
        case .pdf(let file):
            blocks.append(fileLine(file))
            blocks.append(.markedPDFPages(path: file.path, mark: uploadMark))
        }
        return blocks
    }

    static func spans(_ inlines: [TextDocument.Inline]) -> [Span] {
        inlines.map { inline in
            switch inline {
            case .text(let s): .plain(s)
            case .strong(let s): .strong(s)
            }
        }
    }

    static func plain(_ inlines: [TextDocument.Inline]) -> String {
        spans(inlines).map(\.text).joined()
    }

    // MARK: Files and flags

    static func attachments(_ references: [AttachmentReference]) -> [Block] {
        references.flatMap { reference -> [Block] in
            switch reference.status {
            case .found(let file):
                return [fileLine(file, field: reference.field.rawValue)] + placed(file)
            case .missing: return [.line([.plain("\(reference.field.rawValue)：\(reference.path)（檔案不存在）")], style: .flag)]
            case .refused: return [.line([.plain("\(reference.field.rawValue)：\(reference.path)（路徑遭拒，未讀取）")], style: .flag)]
            case .unreadable: return [.line([.plain("\(reference.field.rawValue)：\(reference.path)（無法讀取）")], style: .flag)]
            }
        }
    }

    /// The file itself in the packet: images placed, PDF pages imported; media carried inside the PDF.
    static func placed(_ file: AttachmentFile) -> [Block] {
        switch file.mediaType {
        case .jpeg, .png: [.image(path: file.path)]
        case .pdf: [.pdfPages(path: file.path)]
        case .mp3, .mp4, .other: []
        }
    }

    /// A file named with its size and a short mark when its MD5 does not check; the digests
    /// themselves are on the 檔案核對 page. Audio and video, which paper cannot show, are carried in
    /// the PDF and the line opens them.
    static func fileLine(_ file: AttachmentFile, field: String? = nil) -> Block {
        let text = (field.map { $0 + "：" } ?? "") + "\(file.name)（\(sizeText(file.size))）"
        var mark = ""
        switch file.md5Check {
        case .mismatch: mark = "【MD5 不符】"
        case .malformedStatement: mark = "【MD5 紀錄格式有誤】"
        case .matched, .notStated: break
        }
        if file.mediaType.isTimeBased {
            return .link(
                [.plain(text + mark + "：已內嵌於本 PDF，按兩下此行開啟")], style: .normal,
                target: .attachment(path: file.path))
        }
        return .line([.plain(text + mark)], style: file.md5Check == .mismatch ? .flag : .small)
    }

    static func flagLine(_ flags: EntryFlags, summaryLimit: Int) -> [Block] {
        let labels = flagLabels(flags, summaryLimit: summaryLimit)
        return labels.isEmpty ? [] : [.line([.plain("【" + labels.joined(separator: "】【") + "】")], style: .flag)]
    }

    static func sizeText(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\((bytes + 512) / 1024) KB" }
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10) MB"
    }

    static func termText(_ year: Reading<Int>, _ term: Reading<Int>) -> String? {
        guard let year = year.value else { return nil }
        guard let term = term.value else { return "\(year) 學年度" }
        return "\(year) 學年度第 \(term) 學期"
    }

    static func readingText(_ reading: Reading<String>) -> String? {
        switch reading {
        case .missing: nil
        case .value(let s): s
        case .invalid(let raw): raw + "（無法辨識）"
        }
    }

    static func readingText(_ reading: Reading<Double>) -> String? {
        switch reading {
        case .missing: nil
        case .value(let d): formatNumber(d)
        case .invalid(let raw): raw + "（無法辨識）"
        }
    }

    static func readingText(_ reading: Reading<Int>) -> String? {
        switch reading {
        case .missing: nil
        case .value(let i): String(i)
        case .invalid(let raw): raw + "（無法辨識）"
        }
    }
}

extension Array {
    var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}
