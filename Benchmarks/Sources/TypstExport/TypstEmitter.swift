import Foundation
import PacketContent

/// The page and type settings of a channel's layout (`Templates/layouts/<channel>.json`), read
/// independently of PacketLayout's own (internal) reader: only what the Typst document needs.
public struct TypstStyle: Sendable {
    public var pageWidth = 595.276, pageHeight = 841.89
    public var marginTop = 70.0, marginBottom = 62.0, marginLeft = 62.0, marginRight = 62.0
    public var headerSize = 8.5, headerRule = 0.4
    public var bodySize = 10.5, bodyLineHeight = 1.75, paragraphSpacing = 0.45, firstLineIndent = 2.0
    public var smallSize = 8.5, smallLineHeight = 1.5
    /// Size, space before and after (em of the heading) for levels 1, 2, 3.
    public var headings: [(size: Double, before: Double, after: Double)] = [(17, 0, 0.9), (12.5, 1.1, 0.5), (11, 0.8, 0.35)]
    public var tableSize = 9.0, tableLineHeight = 1.4, tableRule = 0.5, tablePadding = 3.2
    public var tableHeaderFill = [0.92, 0.93, 0.95], tableRuleColor = [0.55, 0.55, 0.6]
    public var fieldLabelWidth = 0.22
    public var noticeSize = 12.0, noticeFill = [0.97, 0.94, 0.9], noticeStroke = [0.75, 0.45, 0.2]
    public var muted = [0.35, 0.35, 0.35], flag = [0.72, 0.12, 0.1], link = [0.1, 0.32, 0.66]
    public var coverTitleSize = 30.0, coverSubtitleSize = 15.0

    public init() {}

    /// Reads the layout file; keys it lacks keep the defaults above (which are the file's values).
    public init(layoutFile url: URL) throws {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        func number(_ path: String...) -> Double? {
            var value: Any? = object
            for key in path { value = (value as? [String: Any])?[key] }
            return (value as? NSNumber)?.doubleValue
        }
        func color(_ path: String...) -> [Double]? {
            var value: Any? = object
            for key in path { value = (value as? [String: Any])?[key] }
            return (value as? [NSNumber])?.map(\.doubleValue)
        }
        pageWidth = number("page", "width") ?? pageWidth
        pageHeight = number("page", "height") ?? pageHeight
        marginTop = number("page", "marginTop") ?? marginTop
        marginBottom = number("page", "marginBottom") ?? marginBottom
        marginLeft = number("page", "marginLeft") ?? marginLeft
        marginRight = number("page", "marginRight") ?? marginRight
        headerSize = number("header", "size") ?? headerSize
        headerRule = number("header", "rule") ?? headerRule
        muted = color("colors", "muted") ?? muted
        flag = color("colors", "flag") ?? flag
        link = color("colors", "link") ?? link
        bodySize = number("body", "size") ?? bodySize
        bodyLineHeight = number("body", "lineHeight") ?? bodyLineHeight
        paragraphSpacing = number("body", "paragraphSpacing") ?? paragraphSpacing
        firstLineIndent = number("body", "firstLineIndent") ?? firstLineIndent
        smallSize = number("small", "size") ?? smallSize
        smallLineHeight = number("small", "lineHeight") ?? smallLineHeight
        if let list = object["headings"] as? [[String: Any]] {
            headings = list.map { heading in
                (
                    (heading["size"] as? NSNumber)?.doubleValue ?? 11, (heading["spaceBefore"] as? NSNumber)?.doubleValue ?? 0,
                    (heading["spaceAfter"] as? NSNumber)?.doubleValue ?? 0
                )
            }
        }
        tableSize = number("table", "size") ?? tableSize
        tableLineHeight = number("table", "lineHeight") ?? tableLineHeight
        tableRule = number("table", "rule") ?? tableRule
        tablePadding = number("table", "padding") ?? tablePadding
        tableHeaderFill = color("table", "headerFill") ?? tableHeaderFill
        tableRuleColor = color("table", "ruleColor") ?? tableRuleColor
        fieldLabelWidth = number("fields", "labelWidth") ?? fieldLabelWidth
        noticeSize = number("notice", "size") ?? noticeSize
        noticeFill = color("notice", "fill") ?? noticeFill
        noticeStroke = color("notice", "stroke") ?? noticeStroke
        coverTitleSize = number("cover", "titleSize") ?? coverTitleSize
        coverSubtitleSize = number("cover", "subtitleSize") ?? coverSubtitleSize
    }
}

/// Writes a packet's sections as a Typst document that sets the same text and tables as our
/// typesetter: same page, margins, sizes, fonts (the roles of Fonts/fallback.json), a new page per
/// section, running header and 「第 n 頁／共 N 頁」 footer, the index's page numbers and links resolved
/// by Typst itself. Images and imported PDF pages are left out (the benchmark packets have none).
public struct TypstEmitter: Sendable {
    public var style: TypstStyle
    /// Font families by role, as Fonts/fallback.json chains them.
    public var serif = ["Noto Serif CJK TC", "TW-Sung", "TW-Sung-Ext-B", "TW-Sung-Plus"]
    public var sans = ["Noto Sans CJK TC", "TW-Sung", "TW-Sung-Ext-B", "TW-Sung-Plus"]

    public init(style: TypstStyle) {
        self.style = style
    }

    public func document(_ sections: [Section], applicantNumber: String, departmentCode: String, title: String) -> String {
        var out = preamble(applicantNumber: applicantNumber, departmentCode: departmentCode, title: title)
        for (index, section) in sections.enumerated() {
            // A changed page rule starts a new page: each section begins on one, with its own header.
            out += "\n#set page(header: hdr(\(quote(section.headerTitle))))\n"
            if index == 0 { out += "\n" }
            var labelled = false
            for block in section.blocks {
                var label: String? = nil
                if case .heading = block, !labelled, let code = section.itemCode {
                    label = "item-" + code
                    labelled = true
                }
                out += emit(block, label: label)
            }
        }
        return out
    }

    // MARK: Preamble

    func preamble(applicantNumber: String, departmentCode: String, title: String) -> String {
        let s = style
        let lineGap = s.bodyLineHeight - 1
        let h = s.headings
        return """
            // Generated by Benchmarks/Sources/TypstExport from PacketContent.sections: the benchmark's Typst side.
            #set document(title: \(quote(title)))
            #let serif = (\(serif.map(quote).joined(separator: ", ")))
            #let sans = (\(sans.map(quote).joined(separator: ", ")))
            #let muted = \(rgb(s.muted))
            #let flagc = \(rgb(s.flag))
            #let hdr(title) = {
              set text(font: sans, size: \(pt(s.headerSize)), fill: muted)
              set par(first-line-indent: 0pt, justify: false)
              grid(columns: (1fr, auto), \(quote("應試號碼 \(applicantNumber)　校系代碼 \(departmentCode)")), title)
              v(-2pt)
              line(length: 100%, stroke: \(pt(s.headerRule)) + muted)
            }
            #set page(
              width: \(pt(s.pageWidth)), height: \(pt(s.pageHeight)),
              margin: (top: \(pt(s.marginTop)), bottom: \(pt(s.marginBottom)), left: \(pt(s.marginLeft)), right: \(pt(s.marginRight))),
              header-ascent: 14pt, footer-descent: 20pt,
              footer: context align(center, text(font: sans, size: \(pt(s.headerSize)), fill: muted)[第 #counter(page).display() 頁／共 #counter(page).final().first() 頁]),
            )
            #set text(lang: "zh", region: "tw", font: serif, size: \(pt(s.bodySize)), top-edge: "ascender", bottom-edge: "descender")
            #set par(justify: true, first-line-indent: (amount: \(s.firstLineIndent)em, all: true), leading: \(lineGap)em, spacing: \(lineGap + s.paragraphSpacing)em)
            #set strong(delta: 300)
            #show strong: set text(font: sans)
            #show heading: set text(font: sans, weight: "bold")
            #show heading: set par(first-line-indent: 0pt, justify: false, leading: 0.45em)
            #show heading.where(level: 1): set text(size: \(pt(h[0].size)))
            #show heading.where(level: 1): set block(above: \(h[0].before)em, below: \(h[0].after)em)
            #show heading.where(level: 2): set text(size: \(pt(h[1].size)))
            #show heading.where(level: 2): set block(above: \(h[1].before)em, below: \(h[1].after)em)
            #show heading.where(level: 3): set text(size: \(pt(h[2].size)))
            #show heading.where(level: 3): set block(above: \(h[2].before)em, below: \(h[2].after)em)
            #let ln(size: \(pt(s.bodySize)), font: serif, fill: black, weight: "regular", al: left, gap: \(lineGap)em, body) = block(above: 0.5em, below: 0.5em, {
              set text(size: size, font: font, fill: fill, weight: weight)
              set par(first-line-indent: 0pt, justify: false, leading: gap)
              align(al, body)
            })
            #let li(marker, body) = grid(columns: (2em, 1fr), marker, { set par(first-line-indent: 0pt); body })
            #let tab(columns, numeric, header, ..cells) = {
              set text(font: sans, size: \(pt(s.tableSize)))
              set par(first-line-indent: 0pt, justify: false, leading: \(s.tableLineHeight - 1)em)
              table(
                // Our rows are padding + line height; Typst's single-line cell has no leading, so the
                // half-leading goes into the vertical inset to give rows of the same height.
                columns: columns, inset: (x: \(pt(s.tablePadding)), y: \(pt(s.tablePadding)) + \((s.tableLineHeight - 1) / 2)em), stroke: \(pt(s.tableRule)) + \(rgb(s.tableRuleColor)),
                fill: (x, y) => if y == 0 and header.len() > 0 { \(rgb(s.tableHeaderFill)) },
                align: (x, y) => if numeric.contains(x) { right } else { left },
                ..(if header.len() > 0 { (table.header(..header.map(strong)),) } else { () }),
                ..cells,
              )
            }
            #let notice(body) = block(width: 100%, inset: 9pt, fill: \(rgb(s.noticeFill)), stroke: 0.8pt + \(rgb(s.noticeStroke)),
              align(center, text(font: sans, weight: "bold", size: \(pt(s.noticeSize)), body)))

            """
    }

    // MARK: Blocks

    func emit(_ block: Block, label: String?) -> String {
        let s = style
        switch block {
        case .heading(let text, let level):
            return "#heading(level: \(min(max(level, 1), 3)), \(quote(text)))" + (label.map { " <\($0)>" } ?? "") + "\n"
        case .paragraph(let spans):
            return "\n" + inline(spans) + "\n\n"
        case .line(let spans, let lineStyle):
            switch lineStyle {
            case .normal: return "#ln[\(inline(spans))]\n"
            case .flag: return "#ln(fill: flagc)[\(inline(spans))]\n"
            case .small: return "#ln(size: \(pt(s.smallSize)), font: sans, fill: muted, gap: \(s.smallLineHeight - 1)em)[\(inline(spans))]\n"
            case .title: return "#ln(size: \(pt(s.coverTitleSize)), font: sans, weight: \"bold\", al: center, gap: 0.4em)[\(inline(spans))]\n"
            case .subtitle: return "#ln(size: \(pt(s.coverSubtitleSize)), font: sans, weight: \"bold\", al: center, gap: 0.6em)[\(inline(spans))]\n"
            }
        case .listItem(let ordinal, let spans):
            return "#li(\(quote(ordinal.map { "\($0)." } ?? "•")))[\(inline(spans))]\n"
        case .fields(let rows):
            let label = Int((s.fieldLabelWidth * 1000).rounded())
            let cells = rows.map { "strong(\(quote($0.label))), \(quote($0.value))" }.joined(separator: ", ")
            return "#tab((\(label)fr, \(1000 - label)fr), (), (), \(cells))\n"
        case .table(let table):
            return emit(table) + (table.footnote.map { "#ln(size: \(pt(s.smallSize)), font: sans, fill: muted)[#\(quote($0))]\n" } ?? "")
        case .notice(let text):
            return "#notice(\(quote(text)))\n"
        case .space(let em):
            return "#v(\(em)em)\n"
        case .mark:
            // Headings are Typst's bookmarks; our marks sit on those same headings.
            return ""
        case .link(let spans, _, let target):
            // Web addresses as Typst links; attached media are not part of the comparison.
            if case .uri(let uri) = target { return "#ln(fill: \(rgb(s.link)))[#link(\(quote(uri)))[\(inline(spans))]]\n" }
            return "#ln[\(inline(spans))]\n"
        case .image(let path), .pdfPages(let path), .markedPDFPages(let path, _):
            // Not part of the comparison: the benchmark's packets are text and tables.
            return "// attachment left out: \(path.replacingOccurrences(of: "\n", with: " "))\n"
        }
    }

    func emit(_ table: Table) -> String {
        let columns = array(table.widths.map { "\($0)fr" })
        let numeric = array(table.numericColumns.sorted().map(String.init))
        let header = array(table.header.map(quote))
        // The index's page column is left empty by PacketContent until pagination: Typst fills it
        // from the labels on each item's heading, and links the row to it.
        let pageColumn = table.header.firstIndex(of: "頁次")
        var cells: [String] = []
        for (rowIndex, row) in table.rows.enumerated() {
            let target = table.rowTargets.indices.contains(rowIndex) ? table.rowTargets[rowIndex] : nil
            // Rows of items without a page (「未提供」) link nowhere.
            for (column, cell) in row.enumerated() {
                if let target, column == pageColumn {
                    cells.append("context str(counter(page).at(<item-\(target)>).first())")
                } else if let target, column == 0 {
                    cells.append("link(<item-\(target)>, \(quote(cell)))")
                } else {
                    cells.append(quote(cell))
                }
            }
        }
        return "#tab(\(columns), \(numeric), \(header), \(cells.joined(separator: ", ")))\n"
    }

    /// Spans as markup: strings, never markup, so no character of the input can mean anything to Typst.
    func inline(_ spans: [Span]) -> String {
        spans.map { $0.bold ? "#strong(\(quote($0.text)))" : "#\(quote($0.text))" }.joined()
    }

    func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A Typst array literal: `()` when empty, a trailing comma so that one element stays an array.
    func array(_ items: [String]) -> String {
        items.isEmpty ? "()" : "(" + items.joined(separator: ", ") + ",)"
    }

    func pt(_ value: Double) -> String { "\(value)pt" }

    func rgb(_ c: [Double]) -> String {
        let parts = (c + [0, 0, 0]).prefix(3).map { "\(Int(($0 * 100).rounded()))%" }
        return "rgb(\(parts.joined(separator: ", ")))"
    }
}
