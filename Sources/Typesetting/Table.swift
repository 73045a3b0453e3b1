/// A column's width: fixed in points, or a share of what the fixed columns leave.
public enum TableColumnWidth: Hashable, Sendable {
    case fixed(Double)
    case proportional(Double)
}

public struct TableStyle: Hashable, Sendable {
    public var body: ParagraphStyle
    public var header: ParagraphStyle
    /// Inner padding of every cell, in points.
    public var cellPaddingX: Double
    public var cellPaddingY: Double

    public init(
        body: ParagraphStyle = .label(), header: ParagraphStyle = .label(regular: .sansBold),
        cellPaddingX: Double = 4, cellPaddingY: Double = 3
    ) {
        self.body = body
        self.header = header
        self.cellPaddingX = cellPaddingX
        self.cellPaddingY = cellPaddingY
    }
}

/// One laid-out cell: a paragraph wrapped to the column (same rules as body text, T11).
public struct TableCell: Hashable, Sendable {
    /// Left edge of the cell within the table, in points.
    public var x: Double
    public var width: Double
    public var paragraph: ParagraphLayout
}

public struct TableRow: Hashable, Sendable {
    public var cells: [TableCell]
    /// The tallest cell plus vertical padding.
    public var height: Double
}

/// A table laid out at a width; paginate it with `splitRows`.
public struct TableLayout: Hashable, Sendable {
    public var columnWidths: [Double]
    public var header: TableRow?
    public var rows: [TableRow]
    public var cellPaddingY: Double
    public var missingCharacters: [Unicode.Scalar]

    public var width: Double { columnWidths.reduce(0, +) }
    public var headerHeight: Double { header?.height ?? 0 }

    /// Lays out a table: column widths first (fixed ones as given, proportional ones share the rest),
    /// then every cell as a paragraph at its column's inner width.
    public init(
        header: [[StyledText]]?, rows: [[[StyledText]]], columns: [TableColumnWidth], width: Double,
        style: TableStyle, fonts: FontSet
    ) {
        let widths = TableLayout.columnWidths(columns, total: width)
        self.columnWidths = widths
        self.cellPaddingY = style.cellPaddingY
        var missing: [Unicode.Scalar] = []
        var seen = Set<UInt32>()
        func layoutRow(_ cells: [[StyledText]], style paragraphStyle: ParagraphStyle) -> TableRow {
            var x = 0.0
            var laidOut: [TableCell] = []
            var tallest = 0.0
            for (index, columnWidth) in widths.enumerated() {
                let runs = index < cells.count ? cells[index] : []
                let inner = max(columnWidth - 2 * style.cellPaddingX, paragraphStyle.fontSize)
                let paragraph = layoutParagraph(runs, measure: inner, style: paragraphStyle, fonts: fonts)
                for scalar in paragraph.missingCharacters where seen.insert(scalar.value).inserted {
                    missing.append(scalar)
                }
                tallest = max(tallest, paragraph.height)
                laidOut.append(TableCell(x: x, width: columnWidth, paragraph: paragraph))
                x += columnWidth
            }
            return TableRow(cells: laidOut, height: tallest + 2 * style.cellPaddingY)
        }
        self.header = header.map { layoutRow($0, style: style.header) }
        self.rows = rows.map { layoutRow($0, style: style.body) }
        self.missingCharacters = missing
    }

    static func columnWidths(_ columns: [TableColumnWidth], total: Double) -> [Double] {
        var fixed = 0.0
        var shares = 0.0
        for column in columns {
            switch column {
            case .fixed(let w): fixed += max(0, w)
            case .proportional(let s): shares += max(0, s)
            }
        }
        let rest = max(0, total - fixed)
        return columns.map { column in
            switch column {
            case .fixed(let w): return max(0, w)
            case .proportional(let s): return shares > 0 ? rest * max(0, s) / shares : 0
            }
        }
    }

    /// Which rows go to which page (T11). The header row starts every page, the first included.
    ///
    /// The rule: a row that fits in what is left of the page goes there whole; a row that does not
    /// fit moves whole to the next page; only a row taller than a whole page (below its header) is
    /// split, between lines: each cell gives the page the lines that fit, and the row continues on
    /// the next page with the rest. A split row starts on the current page only when at least one
    /// line of every unfinished cell fits there. A page too small for even one line still receives
    /// one line per cell, so the split always progresses.
    ///
    /// The first page of the result is empty (no rows) when not even the header and one row or
    /// line fit in `firstPageHeight`: the caller then starts the table on a new page.
    public func splitRows(firstPageHeight: Double, followingPageHeight: Double) -> [TablePage] {
        var pages: [TablePage] = []
        // NaN heights count as no room at all, so the loop below still makes progress.
        let firstHeight = firstPageHeight.isNaN ? 0 : firstPageHeight
        let followingHeight = followingPageHeight.isNaN ? 0 : followingPageHeight
        var current = TablePage(rows: [], height: headerHeight)
        var available = firstHeight - headerHeight
        let fresh = followingHeight - headerHeight
        let epsilon = 1e-6

        func newPage() {
            pages.append(current)
            current = TablePage(rows: [], height: headerHeight)
            available = fresh
        }

        for (index, row) in rows.enumerated() {
            if row.height <= available + epsilon {
                current.rows.append(
                    TableRowSlice(row: index, lines: row.cells.map { 0..<$0.paragraph.lines.count }, height: row.height)
                )
                current.height += row.height
                available -= row.height
                continue
            }
            if row.height <= fresh + epsilon {
                newPage()
                current.rows.append(
                    TableRowSlice(row: index, lines: row.cells.map { 0..<$0.paragraph.lines.count }, height: row.height)
                )
                current.height += row.height
                available -= row.height
                continue
            }
            // Taller than a whole page: split between lines.
            var next = [Int](repeating: 0, count: row.cells.count)
            func unfinished() -> Bool {
                zip(row.cells, next).contains { $0.paragraph.lines.count > $1 }
            }
            var isContinuation = false
            while unfinished() {
                var taken: [Range<Int>] = []
                var contentHeight = 0.0
                var fitsEveryCell = true
                for (c, cell) in row.cells.enumerated() {
                    let total = cell.paragraph.lines.count
                    let pitch = cell.paragraph.lineHeight
                    let room = available - 2 * cellPaddingY
                    let remaining = total - next[c]
                    let fitting = pitch > 0 ? (room + epsilon) / pitch : Double(remaining)
                    let count = fitting.isNaN ? 0 : Int(max(0, min(fitting, Double(remaining))))
                    if count == 0 && total > next[c] { fitsEveryCell = false }
                    taken.append(next[c]..<(next[c] + count))
                    contentHeight = max(contentHeight, Double(count) * pitch)
                }
                if !fitsEveryCell {
                    if current.rows.isEmpty && available >= fresh - epsilon {
                        // A fresh page too small for one line: force one line per cell.
                        taken = row.cells.enumerated().map { c, cell in
                            next[c]..<min(next[c] + 1, cell.paragraph.lines.count)
                        }
                        contentHeight = row.cells.map { $0.paragraph.lineHeight }.max() ?? 0
                    } else {
                        newPage()
                        continue
                    }
                }
                for (c, range) in taken.enumerated() { next[c] = range.upperBound }
                let height = contentHeight + 2 * cellPaddingY
                current.rows.append(
                    TableRowSlice(
                        row: index, lines: taken, height: height, isContinuation: isContinuation,
                        continues: unfinished()))
                current.height += height
                available -= height
                isContinuation = true
                if unfinished() { newPage() }
            }
        }
        pages.append(current)
        return pages
    }
}

/// The rows of one page. Draw the header first (`TableLayout.header`), then the slices in order.
public struct TablePage: Hashable, Sendable {
    public var rows: [TableRowSlice]
    /// Header plus rows, in points.
    public var height: Double
}

/// A whole row, or the part of a split row that falls on one page.
public struct TableRowSlice: Hashable, Sendable {
    /// Index into `TableLayout.rows`.
    public var row: Int
    /// Per cell, the range of its paragraph's lines on this page (all of them for a whole row).
    public var lines: [Range<Int>]
    public var height: Double
    /// This slice continues a row begun on an earlier page.
    public var isContinuation: Bool = false
    /// The row goes on on the next page.
    public var continues: Bool = false
}
