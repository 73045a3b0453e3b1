import Testing
import Typesetting

@Suite("Tables (T11)")
struct TableTests {
    static func courseTable(rows count: Int, fonts: FontSet) -> TableLayout {
        let subjects = ["國語文", "英語文", "數學A", "物理", "化學", "生物", "地球科學", "歷史", "地理", "公民與社會", "資訊科技", "生活科技"]
        let notes = [
            "", "多元選修：程式設計與Swift應用專題", "校訂必修「專題研究」，與指導老師討論研究方法——並完成期末報告。",
            "加深加廣選修", "彈性學習時間：自主學習計畫，共18週，每週2節。",
        ]
        let header = [
            [StyledText("學年度")], [StyledText("科目名稱")], [StyledText("學分")], [StyledText("成績")], [StyledText("備註")],
        ]
        let rows: [[[StyledText]]] = (0..<count).map { index in
            [
                [StyledText("\(110 + index / 20)")],
                [StyledText(subjects[index % subjects.count])],
                [StyledText("\(2 + index % 3)")],
                [StyledText("\(60 + (index * 7) % 40)")],
                [StyledText(notes[index % notes.count])],
            ]
        }
        return TableLayout(
            header: header, rows: rows,
            columns: [.fixed(40), .proportional(2), .fixed(30), .fixed(30), .proportional(3)], width: 450,
            style: TableStyle(), fonts: fonts)
    }

    @Test func columnWidths() throws {
        let table = Self.courseTable(rows: 1, fonts: try fonts())
        #expect(table.columnWidths.count == 5)
        #expect(abs(table.width - 450) < 1e-9)
        #expect(abs(table.columnWidths[1] - 140) < 1e-9)
        #expect(abs(table.columnWidths[4] - 210) < 1e-9)
        #expect(table.rows[0].cells[1].x == 40)
    }

    /// T11: a 60-row table over pages: the header starts every page, no normal row is split, rows
    /// stay in order and every page's content fits.
    @Test func sixtyRowsSpanPagesWithRepeatedHeader() throws {
        let table = Self.courseTable(rows: 60, fonts: try fonts())
        #expect(table.header != nil)
        let first = 300.0
        let following = 700.0
        let pages = table.splitRows(firstPageHeight: first, followingPageHeight: following)
        #expect(pages.count >= 3)
        var expected = 0
        for (index, page) in pages.enumerated() {
            #expect(!page.rows.isEmpty)
            #expect(page.height <= (index == 0 ? first : following) + 1e-6)
            // Each page's height counts the repeated header.
            let rowsHeight = page.rows.map(\.height).reduce(0, +)
            #expect(abs(page.height - rowsHeight - table.headerHeight) < 1e-6)
            for slice in page.rows {
                #expect(slice.row == expected)
                #expect(!slice.isContinuation && !slice.continues)
                #expect(slice.lines == table.rows[slice.row].cells.map { 0..<$0.paragraph.lines.count })
                expected += 1
            }
        }
        #expect(expected == 60)
        // Cells wrap CJK text by the paragraph rules.
        let wrapped = table.rows[2].cells[4].paragraph
        #expect(wrapped.lines.count > 1)
        expectProhibitionsHold(wrapped, context: "table cell")
    }

    @Test func rowThatDoesNotFitMovesWhole() throws {
        let table = Self.courseTable(rows: 3, fonts: try fonts())
        let heights = table.rows.map(\.height)
        let room = table.headerHeight + heights[0] + heights[1] / 2
        let pages = table.splitRows(firstPageHeight: room, followingPageHeight: 700)
        #expect(pages.map { $0.rows.map(\.row) } == [[0], [1, 2]])
    }

    @Test func tableStartsOnNextPageWhenNothingFits() throws {
        let table = Self.courseTable(rows: 2, fonts: try fonts())
        let pages = table.splitRows(firstPageHeight: table.headerHeight + 1, followingPageHeight: 700)
        #expect(pages.first?.rows.isEmpty == true)
        #expect(pages.dropFirst().flatMap { $0.rows.map(\.row) } == [0, 1])
    }

    /// A row taller than a page is split between lines, and continues after the repeated header.
    @Test func rowTallerThanAPageIsSplitBetweenLines() throws {
        let fonts = try fonts()
        let long = String(repeating: "這是一段非常長的說明文字，用來測試跨頁的表格列。", count: 30)
        let table = TableLayout(
            header: [[StyledText("項目")], [StyledText("說明")]],
            rows: [[[StyledText("短")], [StyledText("短")]], [[StyledText("長")], [StyledText(long)]]],
            columns: [.fixed(60), .proportional(1)], width: 300, style: TableStyle(), fonts: fonts)
        let page = 200.0
        #expect(table.rows[1].height > page)
        let pages = table.splitRows(firstPageHeight: page, followingPageHeight: page)
        #expect(pages.count > 2)
        let slices = pages.flatMap(\.rows).filter { $0.row == 1 }
        #expect(slices.count > 1)
        #expect(slices.first?.isContinuation == false && slices.last?.continues == false)
        var next = 0
        for slice in slices {
            #expect(slice.lines[1].lowerBound == next)
            next = slice.lines[1].upperBound
        }
        #expect(next == table.rows[1].cells[1].paragraph.lines.count)
        for p in pages { #expect(p.height <= page + 1e-6) }
    }
}
