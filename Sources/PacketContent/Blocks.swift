/// The packet as a flow of typesetting-neutral blocks: what goes on the pages, in order, before any
/// font or measure is known. `PacketContent` builds it from a `ReviewPacket`; the paginator lays it
/// out. Keeping the two apart lets the content be tested without fonts.
public struct Section: Sendable {
    /// The review item code, or nil for the cover and the index.
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
    /// For each row, the review item it links to (the index), or none.
    public var rowTargets: [String] = []

    public init(
        widths: [Double], header: [String], rows: [[String]], numericColumns: Set<Int> = [], footnote: String? = nil,
        rowTargets: [String] = []
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
        case .paragraph(let spans), .line(let spans, _), .listItem(_, let spans): spans.map(\.text).joined()
        case .fields(let rows): rows.map { $0.label + " " + $0.value }.joined(separator: "\n")
        case .table(let table): ([table.header] + table.rows).map { $0.joined(separator: " ") }.joined(separator: "\n")
        case .markedPDFPages(_, let mark): mark
        case .space, .image, .pdfPages: ""
        }
    }
}
