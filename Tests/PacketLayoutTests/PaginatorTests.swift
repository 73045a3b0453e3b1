import Foundation
import Testing

import Attachments
import PacketContent
import Typesetting

@testable import PacketLayout

/// A monospaced stand-in for the text engine: every character one em wide, broken anywhere. It lets
/// the page rules be tested without fonts.
struct MonospaceEngine: TextEngine {
    var missingCharacters: [String] = []

    mutating func lines(_ spans: [Span], measure: Double, spec: TextSpec) -> [TypesetLine] {
        let text = spans.map(\.text).joined()
        let perLine = max(1, Int(measure / spec.size))
        var scalars = Array(text.unicodeScalars)
        var lines: [TypesetLine] = []
        var first = true
        repeat {
            let indent = first ? Int(spec.firstLineIndent) : 0
            let take = min(scalars.count, max(1, perLine - indent))
            let chunk = scalars.prefix(take)
            scalars.removeFirst(take)
            let glyphs = chunk.enumerated().map { i, s in
                PositionedGlyph(
                    glyphID: s.value, x: Double(i + indent) * spec.size, advance: spec.size, text: String(s),
                    startsCluster: true)
            }
            lines.append(
                TypesetLine(
                    width: Double(chunk.count + indent) * spec.size, ascent: spec.size * 0.88, descent: spec.size * 0.12,
                    advance: spec.size * spec.lineHeight, runs: [GlyphRun(faceIndex: 0, fontSize: spec.size, glyphs: glyphs)],
                    placeholders: []))
            first = false
        } while !scalars.isEmpty
        return lines
    }
}

@Suite struct PaginatorTests {
    let style = try! LayoutStyle.load(channelFamily: "申請入學")

    func paginate(_ sections: [Section]) -> Paginator<MonospaceEngine> {
        var paginator = Paginator(style: style, engine: MonospaceEngine())
        paginator.layout(sections)
        return paginator
    }

    /// The text drawn on a page, in drawing order.
    func text(_ page: PageCanvas) -> String {
        page.items.compactMap { item -> String? in
            if case .glyphs(let run, _, _, _) = item { return run.glyphs.map(\.text).joined() }
            return nil
        }.joined(separator: "\n")
    }

    @Test func everySectionStartsAPage() {
        let sections = (1...3).map { n in
            Section(itemCode: "X\(n)", headerTitle: "X\(n)", outlineTitle: "X\(n)", blocks: [.heading("標題\(n)", level: 1), .paragraph([.plain("短。")])])
        }
        let result = paginate(sections)
        #expect(result.pages.count == 3)
        #expect(result.firstPage == ["X1": 0, "X2": 1, "X3": 2])
        #expect(result.outline.map(\.title) == ["X1", "X2", "X3"])
    }

    @Test func tablesRepeatTheirHeaderOnEveryPage() {
        let rows = (1...60).map { ["科目\($0)", "\($0)"] }
        let table = Table(widths: [3, 1], header: ["科目名稱", "學分"], rows: rows)
        let result = paginate([Section(itemCode: "A", headerTitle: "A", outlineTitle: "A", blocks: [.table(table)])])
        #expect(result.pages.count >= 2)
        for page in result.pages {
            #expect(text(page).hasPrefix("科目名稱\n學分"), "header row first on every page")
        }
        // Every row appears exactly once, whole.
        let all = result.pages.map(text).joined(separator: "\n")
        for n in 1...60 {
            #expect(all.components(separatedBy: "科目\(n)\n").count == 2)
        }
    }

    @Test func noParagraphLeavesItsLastLineAloneAtAPageTop() {
        // Fill a page with paragraphs of varying lengths and check every page break.
        for fill in stride(from: 0, through: 40, by: 1) {
            var blocks: [Block] = (0..<fill).map { _ in .line([.plain("填")], style: .normal) }
            for n in 2...6 { blocks.append(.paragraph([.plain(String(repeating: "字", count: 44 * n + 7) + "尾")])) }
            let result = paginate([Section(itemCode: "P", headerTitle: "P", outlineTitle: "P", blocks: blocks)])
            for page in result.pages.dropFirst() {
                // The line holding 尾 is a paragraph's last line; it must not stand alone at a page top.
                if let first = text(page).split(separator: "\n").first, first.contains("尾") {
                    Issue.record("fill \(fill): a page starts with a paragraph's last line")
                }
            }
        }
    }

    @Test func bookmarksPointWhereTheirContentLands() {
        var blocks: [Block] = [.heading("甲", level: 1)]
        for n in 1...30 {
            blocks.append(.mark("第 \(n) 筆", level: 1))
            blocks.append(.heading("第 \(n) 筆", level: 2))
            blocks.append(.paragraph([.plain(String(repeating: "文", count: 120))]))
        }
        let result = paginate([Section(itemCode: "B", headerTitle: "B", outlineTitle: "B", blocks: blocks)])
        let children = result.outline[0].children
        #expect(children.count == 30)
        for child in children {
            // The page the bookmark names holds the heading it points at.
            #expect(text(result.pages[child.page]).contains(child.title))
        }
    }

    @Test func headingsKeepWithWhatFollows() {
        var blocks: [Block] = []
        for n in 1...40 {
            blocks.append(.heading("小標\(n)", level: 2))
            blocks.append(.paragraph([.plain(String(repeating: "文", count: 90))]))
        }
        let result = paginate([Section(itemCode: "C", headerTitle: "C", outlineTitle: "C", blocks: blocks)])
        for page in result.pages {
            let lines = text(page).split(separator: "\n")
            if let last = lines.last { #expect(!last.hasPrefix("小標"), "a heading ends a page") }
        }
    }
}
