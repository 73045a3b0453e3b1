import PortfolioRecord

/// The packet as a flow of typesetting-neutral blocks: what goes on the pages, in order, before any
/// font or measure is known. `PacketContent` builds it from a `ReviewPacket`; the paginator lays it
/// out. Keeping the two apart lets the content be tested without fonts.
public struct Section: Sendable {
    /// The review item code, or nil for the opening page, the preview's fix page and 檔案核對.
    public var itemCode: String?
    /// The running-header text of its pages (e.g. `B 書面報告`).
    public var headerTitle: String
    /// The outline entry of the section (its children come from `.mark` blocks).
    public var outlineTitle: String
    public var blocks: [Block]

    public init(itemCode: String?, headerTitle: String, outlineTitle: String, blocks: [Block]) {
        self.itemCode = itemCode
        self.headerTitle = headerTitle
        self.outlineTitle = outlineTitle
        self.blocks = blocks
    }
}

public enum Block: Equatable, Sendable {
    /// A section title (level 1) or a sub-heading (level 2, 3).
    case heading(String, level: Int)
    /// Body text: justified, indented first line.
    case paragraph([Span])
    /// A short line: not indented, not justified (labels, notices, file lines).
    case line([Span], style: LineStyle)
    /// A short line that is clickable as a whole: every line it takes is a link to `target`.
    case link([Span], style: LineStyle, target: BlockLink)
    /// A list item of a self-written text (`ordinal` nil for a bullet).
    case listItem(ordinal: Int?, [Span])
    /// Label/value rows (a record's fields).
    case fields([(label: String, value: String)])
    /// A table whose header repeats on every page it spans.
    case table(Table)
    /// A bookmark at this point, nested under the section's entry (`level` 1) or deeper.
    case mark(String, level: Int)
    /// A visible notice box (「未提供」, 「無法讀取」…).
    case notice(String)
    /// Vertical space in em of body text.
    case space(Double)
    /// An attached image (path relative to the applicant folder), scaled down to fit the frame.
    case image(path: String)
    /// An attached PDF: each of its pages on a page of its own, scaled into the frame.
    case pdfPages(path: String)
    /// The same, with `mark` drawn on every one of those pages (a 「自行上傳」 PDF's statement that
    /// no teacher certified it).
    case markedPDFPages(path: String, mark: String)

    public static func == (a: Block, b: Block) -> Bool {
        switch (a, b) {
        case (.heading(let x, let l), .heading(let y, let m)): return x == y && l == m
        case (.paragraph(let x), .paragraph(let y)): return x == y
        case (.line(let x, let s), .line(let y, let t)): return x == y && s == t
        case (.link(let x, let s, let u), .link(let y, let t, let v)): return x == y && s == t && u == v
        case (.listItem(let o, let x), .listItem(let p, let y)): return o == p && x == y
        case (.fields(let x), .fields(let y)): return x.map { [$0.label, $0.value] } == y.map { [$0.label, $0.value] }
        case (.table(let x), .table(let y)): return x == y
        case (.mark(let x, let l), .mark(let y, let m)): return x == y && l == m
        case (.notice(let x), .notice(let y)): return x == y
        case (.space(let x), .space(let y)): return x == y
        case (.image(let x), .image(let y)): return x == y
        case (.pdfPages(let x), .pdfPages(let y)): return x == y
        case (.markedPDFPages(let x, let m), .markedPDFPages(let y, let n)): return x == y && m == n
        default: return false
        }
    }
}

public enum LineStyle: Equatable, Sendable {
    case normal, small, flag, title, subtitle
}

/// Where a clickable line leads.
public enum BlockLink: Hashable, Sendable {
    /// A web address (外部影音連結, 作品成果連結): http or https only.
    case uri(String)
    /// An attached audio or video file (path relative to the applicant folder), carried inside the
    /// PDF: the line opens it.
    case attachment(path: String)
}

/// A piece of text with its weight.
public struct Span: Hashable, Sendable {
    public var text: String
    public var bold: Bool = false

    public init(text: String, bold: Bool = false) {
        self.text = text
        self.bold = bold
    }

    public static func plain(_ text: String) -> Span { Span(text: text) }
    public static func strong(_ text: String) -> Span { Span(text: text, bold: true) }
}

public struct Table: Equatable, Sendable {
    /// Relative column widths.
    public var widths: [Double]
    public var header: [String]
    public var rows: [[String]]
    /// Columns whose text is right-aligned (numbers).
    public var numericColumns: Set<Int> = []
    /// A note printed under the table (once, after its last row).
    public var footnote: String?
    /// For each row, the review item whose first page it links to (the index), or nil (an item
    /// without a page of its own).
    public var rowTargets: [String?] = []

    public init(
        widths: [Double], header: [String], rows: [[String]], numericColumns: Set<Int> = [], footnote: String? = nil,
        rowTargets: [String?] = []
    ) {
        self.widths = widths
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
        self.footnote = footnote
        self.rowTargets = rowTargets
    }
}

extension Block {
    /// The text a block shows, for checking it (Kangxi radicals) before it is laid out.
    public var plainText: String {
        switch self {
        case .heading(let text, _), .notice(let text), .mark(let text, _): text
        case .paragraph(let spans), .line(let spans, _), .link(let spans, _, _), .listItem(_, let spans):
            spans.map(\.text).joined()
        case .fields(let rows): rows.map { $0.label + " " + $0.value }.joined(separator: "\n")
        case .table(let table): ([table.header] + table.rows).map { $0.joined(separator: " ") }.joined(separator: "\n")
        case .markedPDFPages(_, let mark): mark
        case .space, .image, .pdfPages: ""
        }
    }
}

/// A column of the 修課紀錄 tables. Which columns a channel's tables have, and their widths, are
/// data: `courseTable` in `Templates/layouts/<channel>.json` (大學 課程類別 and 領域; 技專 科目屬性).
public enum CourseColumn: String, Sendable, CaseIterable, Hashable, ClosedSet {
    case subject = "科目名稱"
    case credits = "學分"
    case category = "課程類別"
    case domain = "領域"
    /// 一般/專業/實習科目…, from the 19th character of the 課程代碼.
    case attribute = "科目屬性"
    case score = "成績"
    case population = "母體"
    /// 推估相對表現: the exporter's estimate, labelled as such.
    case standing = "推估相對表現"

    /// The header cell.
    public var header: String {
        self == .standing ? "推估相對表現（本系統推估）" : rawValue
    }

    public var isNumeric: Bool { [.credits, .score, .population, .standing].contains(self) }
}

/// A column and its relative width.
public struct CourseColumnSpec: Sendable, Hashable {
    public var column: CourseColumn
    public var width: Double

    public init(_ column: CourseColumn, width: Double) {
        self.column = column
        self.width = width
    }

    /// For content made without a layout (the attachment scan, tests): every packet's pages take
    /// their columns from the channel's layout file.
    public static let fallback: [CourseColumnSpec] = [
        .init(.subject, width: 4.2), .init(.credits, width: 1.2), .init(.category, width: 2.4), .init(.domain, width: 2.2),
        .init(.score, width: 1.4), .init(.population, width: 1.4), .init(.standing, width: 2.4),
    ]
}
