import PortfolioRecord
import ReviewPacket

/// Turns a `ReviewPacket` into sections of blocks: the cover, the index, and one section per review
/// item in code order. Everything the XML describes about an item is shown; nothing is added.
public enum PacketContent {
    /// Cover, index, the items; a preview starts with the page of things to fix.
    public static func sections(_ packet: ReviewPacket, preview: Bool = false) -> [Section] {
        (preview ? [PreviewContent.section(packet)] : []) + [cover(packet), index(packet, pages: [:])]
            + packet.items.map { item($0, packet: packet) }
    }

    // MARK: Cover and index

    static func cover(_ packet: ReviewPacket) -> Section {
        let meta = packet.meta
        let applicant = packet.applicant
        var blocks: [Block] = [
            .space(6),
            .line([.strong("\(meta.ruleYear) 學年度")], style: .subtitle),
            .line([.strong(meta.channel.rawValue)], style: .subtitle),
            .space(1),
            .line([.strong("備審資料")], style: .title),
            .space(3),
        ]
        var fields: [(label: String, value: String)] = [
            ("校系", [meta.departmentCode, meta.departmentName].filter { !$0.isEmpty }.joined(separator: " ")),
            ("應試號碼", applicant.applicantNumber),
            ("姓名", applicant.name ?? "（未提供）"),
        ]
        if let school = applicant.schoolName { fields.append(("就讀學校", school)) }
        if let program = [applicant.group, applicant.program].compactMap({ $0 }).nilIfEmpty {
            fields.append(("群別／科別", program.joined(separator: "　")))
        }
        blocks.append(.fields(fields))
        blocks.append(.space(2))
        let rows = packet.items.map { item -> [String] in
            [item.code.rawValue, item.name, countText(item)]
        }
        blocks.append(.table(Table(widths: [1, 5, 3], header: ["項目", "審查資料項目", "件數"], rows: rows)))
        return Section(itemCode: nil, headerTitle: "封面", outlineTitle: "封面", blocks: blocks)
    }

    /// The index (目錄): each item's code, name, first page and flags. `pages` maps item codes to
    /// their first page number (1-based); the paginator fills it in on its second pass.
    public static func index(_ packet: ReviewPacket, pages: [String: Int]) -> Section {
        let rows = packet.items.map { item -> [String] in
            [item.code.rawValue, item.name, pages[item.code.rawValue].map(String.init) ?? "", flagText(item, summaryLimit: packet.meta.summaryLimit)]
        }
        return Section(
            itemCode: nil, headerTitle: "目錄", outlineTitle: "目錄",
            blocks: [
                .heading("目錄", level: 1),
                .table(
                    Table(
                        widths: [1.2, 6, 1.3, 4], header: ["項目", "審查資料項目", "頁次", "註記"], rows: rows,
                        numericColumns: [2], rowTargets: packet.items.map(\.code.rawValue))),
            ])
    }

    static func countText(_ item: PacketItem) -> String {
        switch item.status {
        case .notProvided: return "未提供"
        case .unreadable: return "無法讀取"
        case .provided:
            let count = item.entries.reduce(0) { count, entry in
                if case .courseTables(let tables) = entry {
                    return count + tables.semesters.count
                }
                return count + 1
            }
            if item.entries.contains(where: { if case .courseTables = $0 { true } else { false } }) {
                return "\(count) 學期"
            }
            return "\(count) 件"
        }
    }

    /// The index's 註記: 未提供, 無法讀取, and the flags of the item's entries.
    static func flagText(_ item: PacketItem, summaryLimit: Int) -> String {
        var parts = flagLabels(item.flags.subtracting(.overCap), summaryLimit: summaryLimit)
        if item.overCapCount > 0 { parts.insert("超過上限 \(item.overCapCount) 件", at: 0) }
        return parts.joined(separator: "、")
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

    static func item(_ item: PacketItem, packet: ReviewPacket) -> Section {
        var blocks: [Block] = [.heading("\(item.code)　\(item.name)", level: 1)]
        switch item.status {
        case .notProvided:
            blocks.append(.notice("未提供"))
        case .unreadable(let files):
            blocks.append(.notice("無法讀取：" + files.joined(separator: "、") + "（詳見檢查報告）"))
        case .provided:
            break
        }
        var outcomeNumber = 0
        var recordNumber = 0
        for entry in item.entries {
            switch entry {
            case .courseTables(let tables):
                blocks += courseTables(tables)
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
                blocks += document(entry)
            case .uploaded(let entry):
                blocks += uploaded(entry, summaryLimit: packet.meta.summaryLimit)
            }
        }
        return Section(
            itemCode: item.code.rawValue, headerTitle: "\(item.code) \(item.name)", outlineTitle: "\(item.code) \(item.name)",
            blocks: blocks)
    }

    // MARK: Item A

    static func courseTables(_ tables: CourseTables) -> [Block] {
        var blocks: [Block] = []
        for semester in tables.semesters {
            let title = "\(semester.schoolYear) 學年度第 \(semester.semester) 學期"
            blocks.append(.mark(title, level: 1))
            blocks.append(.heading(title, level: 2))
            if let summary = semester.summary {
                var parts: [String] = []
                if let average = readingText(summary.result.average) { parts.append("學期成績 \(average)") }
                parts.append("推估相對表現：校 \(summary.schoolStanding.display)、群別 \(summary.groupStanding.display)、科班學程別 \(summary.programStanding.display)")
                blocks.append(.line([.plain(parts.joined(separator: "；"))], style: .normal))
            }
            if !semester.courses.isEmpty {
                blocks.append(.table(courseTable(semester.courses)))
            }
        }
        if !tables.unplacedCourses.isEmpty {
            blocks.append(.heading("學年度或學期無法辨識的課程", level: 2))
            blocks.append(.table(courseTable(tables.unplacedCourses)))
        }
        blocks.append(.line([.plain("註：" + CourseTables.methodNote)], style: .small))
        return blocks
    }

    static func courseTable(_ rows: [CourseRow]) -> Table {
        Table(
            widths: [4.2, 1.2, 2.4, 2.2, 1.4, 1.4, 2.2],
            header: ["科目名稱", "學分", "課程類別", "領域", "成績", "母體", "推估相對表現"],
            rows: rows.map { row in
                let course = row.course
                let category = readingText(course.category) ?? row.code?.category ?? "—"
                let domain = readingText(course.domain) ?? row.code?.domain ?? "—"
                let population = course.distribution.flatMap { readingText($0.population) } ?? "—"
                return [
                    readingText(course.subject) ?? "—", readingText(course.credits) ?? "—", category, domain,
                    readingText(course.score) ?? "—", population, row.standing.display,
                ]
            },
            numericColumns: [1, 4, 5, 6])
    }

    // MARK: Items B–E

    static func outcome(_ entry: OutcomeEntry, number: Int, summaryLimit: Int) -> [Block] {
        let outcome = entry.outcome
        let subject = readingText(outcome.subject) ?? "（未填科目）"
        let title = "成果 \(number)：\(subject)"
        var fields: [(label: String, value: String)] = []
        if let term = termText(outcome.schoolYear, outcome.semester) { fields.append(("修課學期", term)) }
        if let code = readingText(outcome.courseCode) {
            let decoded = [entry.code?.category, entry.code?.attribute, entry.code?.domain].compactMap { $0 }
            fields.append(("課程代碼", decoded.isEmpty ? code : code + "（" + decoded.joined(separator: "、") + "）"))
        }
        fields.append(("認證狀態", readingText(outcome.certification) ?? "未標示"))
        if let category = readingText(outcome.outcomeCategory) {
            fields.append(("成果類別", category == "1" ? "1 專題實作及實習科目學習成果" : category))
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
            blocks.append(.line([.plain("\(link.field.rawValue)：\(link.url)")], style: .small))
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
        case .code(let code): return field.codeName.map { "\($0)（\(code)）" } ?? code
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
            blocks.append(.notice("無法讀取：\(document.file)"))
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
                // Images are placed in the item; other files are named until they can be.
                return [fileLine(file, field: reference.field.rawValue)] + placed(file)
            case .missing: return [.line([.plain("\(reference.field.rawValue)：\(reference.path)（檔案不存在）")], style: .flag)]
            case .refused: return [.line([.plain("\(reference.field.rawValue)：\(reference.path)（路徑遭拒，未讀取）")], style: .flag)]
            case .unreadable: return [.line([.plain("\(reference.field.rawValue)：\(reference.path)（無法讀取）")], style: .flag)]
            }
        }
    }

    /// The file itself in the packet: images placed, PDF pages imported; media only named.
    static func placed(_ file: AttachmentFile) -> [Block] {
        switch file.mediaType {
        case .jpeg, .png: [.image(path: file.path)]
        case .pdf: [.pdfPages(path: file.path)]
        case .mp3, .mp4, .other: []
        }
    }

    /// A file named, with its size and digest, until attachments are placed in the packet.
    static func fileLine(_ file: AttachmentFile, field: String? = nil) -> Block {
        var text = (field.map { $0 + "：" } ?? "") + "\(file.name)（\(sizeText(file.size))，SHA-256 \(file.sha256)）"
        switch file.md5Check {
        case .matched: text += "　MD5 相符"
        case .mismatch: text += "　MD5 不符"
        case .malformedStatement: text += "　MD5 紀錄格式有誤"
        case .notStated: break
        }
        return .line([.plain(text)], style: file.md5Check == .mismatch ? .flag : .small)
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
