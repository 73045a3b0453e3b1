import Attachments
import PacketContent

/// Lays sections of blocks onto A4 pages: each section starts a page, headings keep with what
/// follows, a paragraph never leaves a single line alone at a page top (T7), tables repeat their
/// header row on every page they span (T11).
struct Paginator<Engine: TextEngine> {
    var style: LayoutStyle
    var engine: Engine
    /// Where attached images come from; without one, images are named but not placed.
    var images: (any ImageProvider)?

    var pages: [PageCanvas] = []
    private(set) var outline: [OutlineNode] = []
    /// Item code → index of its first page (0-based).
    private(set) var firstPage: [String: Int] = [:]
    /// The baseline of the next line is placed relative to this: the bottom of what was placed last.
    private var cursor: Double = 0
    private var atPageTop = true
    private var pendingMarks: [String] = []

    init(style: LayoutStyle, engine: Engine, images: (any ImageProvider)? = nil) {
        self.style = style
        self.engine = engine
        self.images = images
    }

    // MARK: Specs

    var bodySpec: TextSpec { style.bodySpec }
    func lineSpec(_ lineStyle: LineStyle) -> TextSpec { style.lineSpec(lineStyle) }
    func headingSpec(_ level: Int) -> TextSpec { style.headingSpec(level) }
    var tableSpec: TextSpec { style.tableSpec }

    // MARK: Pages

    var left: Double { style.marginLeft }
    var measure: Double { style.frameWidth }
    var remaining: Double { cursor - style.frameBottom }

    mutating func newPage(_ title: String) {
        pages.append(PageCanvas(headerTitle: title))
        cursor = style.frameTop
        atPageTop = true
    }

    mutating func layout(_ sections: [Section]) {
        for section in sections {
            newPage(section.headerTitle)
            if let code = section.itemCode { firstPage[code] = pages.count - 1 }
            outline.append(OutlineNode(title: section.outlineTitle, page: pages.count - 1, y: style.pageHeight, children: []))
            var currentTitle = section.headerTitle
            for (index, block) in section.blocks.enumerated() {
                let next = section.blocks.dropFirst(index + 1).first
                place(block, next: next, headerTitle: &currentTitle)
            }
        }
    }

    // MARK: Blocks

    mutating func place(_ block: Block, next: Block?, headerTitle: inout String) {
        switch block {
        case .heading(let text, let level):
            let spec = headingSpec(level)
            let heading = style.headings[max(0, min(level - 1, style.headings.count - 1))]
            let lines = engine.lines([.strong(text)], measure: measure, spec: spec)
            let before = atPageTop ? 0 : heading.spaceBefore * spec.size
            let after = heading.spaceAfter * spec.size
            // Keep with next: the heading and about three lines of what follows.
            let needed = before + height(lines) + after + 3 * style.body.size * style.body.lineHeight
            if !atPageTop && remaining < needed { newPage(pages[pages.count - 1].headerTitle) }
            if !atPageTop { cursor -= before }
            placeLines(lines, x: left, color: style.text)
            cursor -= after
        case .paragraph(let spans):
            let lines = engine.lines(spans, measure: measure, spec: bodySpec)
            placeParagraph(lines, x: left, color: style.text)
            cursor -= style.paragraphSpacing * style.body.size
        case .line(let spans, let lineStyle):
            let spec = lineSpec(lineStyle)
            let lines = engine.lines(spans, measure: measure, spec: spec)
            let color = lineStyle == .flag ? style.flag : (lineStyle == .small ? style.muted : style.text)
            placeLines(lines, x: left, color: color, alignment: spec.alignment)
            cursor -= 0.25 * spec.size
        case .link(let spans, let lineStyle, let target):
            // Like a line, in the link colour, each of its lines clickable where its text is.
            let spec = lineSpec(lineStyle)
            let link: PageCanvas.Link.Target =
                switch target {
                case .uri(let uri): .uri(uri)
                case .attachment(let path): .attachment(path: path)
                }
            for line in engine.lines(spans, measure: measure, spec: spec) {
                ensure(line.advance)
                let top = cursor
                placeLine(line, x: left, color: style.link, alignment: spec.alignment, width: measure)
                pages[pages.count - 1].links.append(
                    PageCanvas.Link(x: left, y: cursor, width: line.width, height: top - cursor, target: link))
            }
            cursor -= 0.25 * spec.size
        case .listItem(let ordinal, let spans):
            let marker = ordinal.map { "\($0)." } ?? "•"
            let inset = 2 * style.body.size
            var spec = bodySpec
            spec.firstLineIndent = 0
            let lines = engine.lines(spans, measure: measure - inset, spec: spec)
            let markerLine = engine.lines([.plain(marker)], measure: inset, spec: lineSpec(.normal))
            ensure(lines.first.map { $0.advance } ?? 0)
            if let first = markerLine.first, let firstLine = lines.first {
                var canvas = pages[pages.count - 1]
                canvas.draw(first, x: left, y: cursor - firstLine.ascent, color: style.text)
                pages[pages.count - 1] = canvas
            }
            placeParagraph(lines, x: left + inset, color: style.text)
            cursor -= 0.2 * style.body.size
        case .fields(let rows):
            let labelWidth = measure * style.fieldLabelWidth
            let table = Table(widths: [labelWidth, measure - labelWidth], header: [], rows: rows.map { [$0.label, $0.value] })
            placeTable(table, boldFirstColumn: true)
            cursor -= 0.5 * style.body.size
        case .table(let table):
            placeTable(table, boldFirstColumn: false)
            if let note = table.footnote {
                place(.line([.plain(note)], style: .small), next: nil, headerTitle: &headerTitle)
            }
            cursor -= 0.6 * style.body.size
        case .mark(let title, _):
            // The bookmark points at the first line placed after it, on whatever page that lands.
            pendingMarks.append(title)
        case .notice(let text):
            let spec = style.noticeSpec
            let lines = engine.lines([.strong(text)], measure: measure - 24, spec: spec)
            let boxHeight = height(lines) + 18
            ensure(boxHeight)
            flushMarks()
            let top = cursor
            pages[pages.count - 1].items.append(
                .rect(x: left, y: top - boxHeight, width: measure, height: boxHeight, fill: style.noticeFill, stroke: style.noticeStroke, lineWidth: 0.8))
            cursor -= 9
            placeLines(lines, x: left + 12, color: style.text, alignment: .center, width: measure - 24)
            cursor = top - boxHeight - 0.8 * style.body.size
        case .image(let path):
            guard let info = images?.image(path) else {
                place(FallbackText.imageNotPlaced(path), next: next, headerTitle: &headerTitle)
                return
            }
            // Scaled down to the frame (never up past 100%), at most the height of an empty page.
            let maxHeight = style.frameTop - style.frameBottom - style.body.size
            let scale = min(1, measure / info.width, maxHeight / info.height)
            let width = info.width * scale
            let height = info.height * scale
            guard width > 0, height > 0 else { return }
            if remaining < height + 0.5 * style.body.size { newPage(pages[pages.count - 1].headerTitle) }
            flushMarks()
            cursor -= 0.3 * style.body.size
            pages[pages.count - 1].items.append(
                .image(index: info.index, x: left + (measure - width) / 2, y: cursor - height, width: width, height: height))
            cursor -= height + 0.6 * style.body.size
            atPageTop = false
        case .pdfPages(let path):
            placePDFPages(path, mark: nil, next: next, headerTitle: &headerTitle)
        case .markedPDFPages(let path, let mark):
            placePDFPages(path, mark: mark, next: next, headerTitle: &headerTitle)
        case .space(let em):
            if !atPageTop || em > 2 { cursor -= em * style.body.size }
        }
    }

    /// Each page of an attached PDF on a page of its own, under our header and footer; with `mark`,
    /// a band right above the student's page says it on every one (outside the page's box, which
    /// clips what the student's file draws, so nothing in the file can cover it).
    mutating func placePDFPages(_ path: String, mark: String?, next: Block?, headerTitle: inout String) {
        guard let pages = images?.pdfPages(path) else {
            place(FallbackText.pdfNotPlaced(path), next: next, headerTitle: &headerTitle)
            return
        }
        for (number, info) in pages.enumerated() {
            newPage(self.pages[self.pages.count - 1].headerTitle)
            flushMarks()
            let caption = engine.lines(FallbackText.pageCaption(path, page: number + 1, of: pages.count), measure: measure, spec: lineSpec(.small))
            placeLines(caption, x: left, color: style.muted)
            cursor -= 0.3 * style.body.size
            if let mark { placeMarkBand(mark) }
            let available = cursor - style.frameBottom
            let scale = min(1, measure / max(info.width, 1), available / max(info.height, 1))
            let width = info.width * scale
            let height = info.height * scale
            guard width > 0, height > 0 else { continue }
            var canvas = self.pages[self.pages.count - 1]
            // A hairline frame shows where the student's page ends.
            canvas.items.append(
                .rect(x: left + (measure - width) / 2, y: cursor - height, width: width, height: height, fill: nil, stroke: style.tableRuleColor, lineWidth: 0.4))
            canvas.items.append(.form(index: info.index, x: left + (measure - width) / 2, y: cursor - height, width: width, height: height))
            self.pages[self.pages.count - 1] = canvas
            cursor -= height
            atPageTop = false
        }
    }

    /// A full-width band in the notice colours with `mark` in bold flag colour, its lower edge at
    /// the cursor afterwards.
    mutating func placeMarkBand(_ mark: String) {
        let padding = 4.0
        var spec = lineSpec(.flag)
        spec.alignment = .center
        let lines = engine.lines([.strong(mark)], measure: measure - 2 * padding, spec: spec)
        let top = cursor
        let bandHeight = height(lines) + 2 * padding
        pages[pages.count - 1].items.append(
            .rect(x: left, y: top - bandHeight, width: measure, height: bandHeight, fill: style.noticeFill, stroke: style.flag, lineWidth: 0.8))
        cursor -= padding
        placeLines(lines, x: left + padding, color: style.flag, alignment: .center, width: measure - 2 * padding)
        cursor = top - bandHeight
    }

    // MARK: Lines

    func height(_ lines: [TypesetLine]) -> Double {
        lines.reduce(0) { $0 + $1.advance }
    }

    /// Moves to a new page unless `needed` points are left.
    mutating func ensure(_ needed: Double) {
        if remaining < needed && !atPageTop { newPage(pages[pages.count - 1].headerTitle) }
    }

    mutating func placeLines(
        _ lines: [TypesetLine], x: Double, color: [Double], alignment: TextSpec.Alignment = .left, width: Double? = nil
    ) {
        for line in lines {
            ensure(line.advance)
            placeLine(line, x: x, color: color, alignment: alignment, width: width ?? measure)
        }
    }

    /// Attaches waiting bookmarks to the current page at the cursor.
    mutating func flushMarks() {
        guard !pendingMarks.isEmpty, var section = outline.popLast() else { return }
        let y = min(cursor + 0.5 * style.body.size, style.pageHeight)
        for title in pendingMarks {
            section.children.append(OutlineNode(title: title, page: pages.count - 1, y: y, children: []))
        }
        pendingMarks.removeAll()
        outline.append(section)
    }

    mutating func placeLine(_ line: TypesetLine, x: Double, color: [Double], alignment: TextSpec.Alignment, width: Double) {
        flushMarks()
        // The first baseline sits one ascent below the cursor, later ones a line advance apart.
        let leading = (line.advance - line.ascent - line.descent) / 2
        let baseline = cursor - leading - line.ascent
        var startX = x
        switch alignment {
        case .center: startX = x + (width - line.width) / 2
        case .right: startX = x + width - line.width
        case .left, .justified: break
        }
        pages[pages.count - 1].draw(line, x: startX, y: baseline, color: color)
        cursor -= line.advance
        atPageTop = false
    }

    /// A paragraph: breaks between pages so that no page starts with its last line alone (T7).
    mutating func placeParagraph(_ lines: [TypesetLine], x: Double, color: [Double]) {
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let fitsHere = remaining >= line.advance
            // Would the next page begin with only the paragraph's last line? Then break one line earlier.
            let isPenultimate = index == lines.count - 2
            let lastFits = isPenultimate && remaining >= line.advance + lines[index + 1].advance
            if !atPageTop && (!fitsHere || (isPenultimate && !lastFits && index > 0)) {
                newPage(pages[pages.count - 1].headerTitle)
            }
            placeLine(line, x: x, color: color, alignment: .justified, width: measure)
            index += 1
        }
    }

    // MARK: Tables

    /// Rows move whole to the next page, where the header row is repeated (T11). A row taller than
    /// a page is split between its lines.
    mutating func placeTable(_ table: Table, boldFirstColumn: Bool) {
        let total = table.widths.reduce(0, +)
        guard total > 0 else { return }
        let widths = table.widths.map { $0 / total * measure }
        let padding = style.tablePadding
        let spec = tableSpec

        func setRow(_ cells: [String], bold: Bool) -> [[TypesetLine]] {
            cells.enumerated().map { column, text in
                let width = max(widths[min(column, widths.count - 1)] - 2 * padding, spec.size)
                let isBold = bold || (boldFirstColumn && column == 0)
                return engine.lines([Span(text: text, bold: isBold)], measure: width, spec: spec)
            }
        }
        func rowHeight(_ cells: [[TypesetLine]]) -> Double {
            (cells.map { height($0) }.max() ?? 0) + 2 * padding
        }

        let header = table.header.isEmpty ? nil : setRow(table.header, bold: true)
        let headerHeight = header.map(rowHeight) ?? 0

        func drawRow(_ cells: [ArraySlice<TypesetLine>], height: Double, fill: [Double]?, numeric: Set<Int>) {
            let top = cursor
            if let fill {
                pages[pages.count - 1].items.append(
                    .rect(x: left, y: top - height, width: measure, height: height, fill: fill, stroke: nil, lineWidth: 0))
            }
            var x = left
            for (column, lines) in cells.enumerated() {
                let width = widths[min(column, widths.count - 1)]
                cursor = top - padding
                for line in lines {
                    let alignment: TextSpec.Alignment = numeric.contains(column) ? .right : .left
                    placeLine(line, x: x + padding, color: style.text, alignment: alignment, width: width - 2 * padding)
                }
                x += width
            }
            // Rules: a line under the row and between columns.
            var canvas = pages[pages.count - 1]
            canvas.items.append(.line(x1: left, y1: top - height, x2: left + measure, y2: top - height, width: style.tableRule, color: style.tableRuleColor))
            canvas.items.append(.line(x1: left, y1: top, x2: left + measure, y2: top, width: style.tableRule, color: style.tableRuleColor))
            pages[pages.count - 1] = canvas
            cursor = top - height
        }

        func startOnPage() {
            if let header {
                drawRow(header.map { $0[...] }, height: headerHeight, fill: style.tableHeaderFill, numeric: table.numericColumns)
            }
        }

        // Keep the header with at least one row.
        let firstRows = table.rows.first.map { rowHeight(setRow($0, bold: false)) } ?? 0
        if !atPageTop && remaining < headerHeight + firstRows { newPage(pages[pages.count - 1].headerTitle) }
        startOnPage()
        for (rowIndex, row) in table.rows.enumerated() {
            let set = setRow(row, bold: false)
            // A split row moves on by slicing, and each cell's remaining height is kept as it goes:
            // copying the rest of a cell or summing it again on every page is quadratic in its lines
            // (a value of a million digits fills thousands of pages in a narrow column).
            var cells = set.map { $0[...] }
            var heights = set.map { self.height($0) }
            var height = (heights.max() ?? 0) + 2 * padding
            if remaining < height {
                let pageCapacity = style.frameTop - style.frameBottom - headerHeight
                if height <= pageCapacity || remaining < 3 * spec.size * spec.lineHeight {
                    newPage(pages[pages.count - 1].headerTitle)
                    startOnPage()
                }
                // Still too tall: split the row between lines, repeating the header.
                while height > remaining, remaining > 2 * padding + spec.size * spec.lineHeight {
                    let room = remaining - 2 * padding
                    var head: [ArraySlice<TypesetLine>] = []
                    for (column, lines) in cells.enumerated() {
                        var used = 0.0
                        var split = lines.startIndex
                        while split < lines.endIndex && used + lines[split].advance <= room {
                            used += lines[split].advance
                            split += 1
                        }
                        head.append(lines[..<split])
                        cells[column] = lines[split...]
                        heights[column] = cells[column].isEmpty ? 0 : heights[column] - used
                    }
                    drawRow(head, height: remaining, fill: nil, numeric: table.numericColumns)
                    newPage(pages[pages.count - 1].headerTitle)
                    startOnPage()
                    height = (heights.max() ?? 0) + 2 * padding
                }
            }
            let top = cursor
            drawRow(cells, height: height, fill: nil, numeric: table.numericColumns)
            if rowIndex < table.rowTargets.count, let target = table.rowTargets[rowIndex] {
                pages[pages.count - 1].links.append(
                    PageCanvas.Link(x: left, y: top - height, width: measure, height: height, target: .item(target)))
            }
        }
    }
}
