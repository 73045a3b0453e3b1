import FontFiles
import PacketContent
import ReviewPacket
import Typesetting

/// The packet laid out: positioned pages, bookmarks and where each item starts. Output-neutral:
/// glyph runs are the shaper's, numbered into `fonts` by `fontIndex(of:)`; images and imported
/// pages are the prepared attachments', by index.
public struct PacketPages: Sendable {
    public var pages: [PageCanvas]
    public var outline: [OutlineNode]
    /// Item code → index of its first page (0-based), for the index's links.
    public var firstPage: [String: Int]
    /// The font faces the glyph runs use, in the order the layout first met them: the document's
    /// font list.
    public var fonts: [FontFace]
    /// `GlyphRun.faceIndex` (an index into `FontSet.faces`) → index into `fonts`.
    var fontIndexOfFace: [Int: Int]
    public var pageWidth: Double
    public var pageHeight: Double

    public var pageCount: Int { pages.count }

    /// The run's face as an index into `fonts`; nil for a run the layout did not set.
    public func fontIndex(of run: GlyphRun) -> Int? { fontIndexOfFace[run.faceIndex] }
}

extension Paginator {
    /// Lays the packet out twice: the first pass finds each item's first page, the second prints
    /// those numbers in the opening page's index. The index has one row per item either way, so the
    /// second pass cannot move anything; a third pass guards that assumption.
    static func paginate(
        _ packet: ReviewPacket, style: LayoutStyle, engine: Engine, images: ImageProvider? = nil, preview: Bool = false
    ) -> Paginator {
        var pages: [String: Int] = [:]
        var result = Paginator(style: style, engine: engine, images: images)
        for _ in 0..<3 {
            let sections = PacketContent.sections(
                packet, preview: preview, pages: pages.mapValues { $0 + 1 }, courseColumns: style.courseColumns)
            result = Paginator(style: style, engine: engine, images: images)
            result.layout(sections)
            if result.firstPage == pages { break }
            pages = result.firstPage
        }
        return result
    }

    /// Running header (應試號碼, 校系代碼, item) and footer (第 n 頁／共 N 頁) on every page; in a
    /// preview, a large light 「預覽版」 under the content of every page.
    mutating func decorate(applicantNumber: String, departmentCode: String, watermark: Bool = false) {
        decorate(header: "應試號碼 \(applicantNumber)　校系代碼 \(departmentCode)", watermark: watermark)
    }

    /// The running header (`header` on the left, the section's title on the right), the footer's
    /// page numbers, and the preview's watermark.
    mutating func decorate(header: String, watermark: Bool = false) {
        let total = pages.count
        let spec = style.headerSpec
        let left = style.marginLeft
        let right = style.pageWidth - style.marginRight
        for index in pages.indices {
            var page = pages[index]
            let headerY = style.pageHeight - style.headerBaselineFromTop
            if let line = engine.lines([.plain(header)], measure: measure, spec: spec).first {
                page.draw(line, x: left, y: headerY, color: style.muted)
            }
            if let line = engine.lines([.plain(page.headerTitle)], measure: measure / 2, spec: spec).first {
                page.draw(line, x: right - line.width, y: headerY, color: style.muted)
            }
            page.items.append(.line(x1: left, y1: headerY - 5, x2: right, y2: headerY - 5, width: style.headerRule, color: style.muted))
            let footer = style.footerFormat.replacingOccurrences(of: "{n}", with: String(index + 1))
                .replacingOccurrences(of: "{N}", with: String(total))
            if let line = engine.lines([.plain(footer)], measure: measure, spec: spec).first {
                page.draw(line, x: left + (measure - line.width) / 2, y: style.footerBaselineFromBottom, color: style.muted)
            }
            if watermark {
                let mark = TextSpec(role: "sansBold", boldRole: "sansBold", size: 96, lineHeight: 1.2, firstLineIndent: 0, alignment: .left)
                if let line = engine.lines([.strong("預覽版")], measure: style.pageWidth, spec: mark).first {
                    var layer = PageCanvas(headerTitle: page.headerTitle)
                    layer.draw(line, x: (style.pageWidth - line.width) / 2, y: style.pageHeight / 2 - 30, color: [0.88, 0.88, 0.9])
                    page.items = layer.items + page.items
                }
            }
            pages[index] = page
        }
    }
}
