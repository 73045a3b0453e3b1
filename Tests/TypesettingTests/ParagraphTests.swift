import FontFiles
import Testing
import Typesetting

@Suite("Paragraphs (T7)")
struct ParagraphTests {
    @Test func firstLineIsIndentedTwoEm() throws {
        let fonts = try fonts()
        let text = String(repeating: "學習歷程檔案記錄我的成長。", count: 4)
        let layout = layoutParagraph([StyledText(text)], measure: 200, style: .body(fontSize: 10), fonts: fonts)
        #expect(layout.lines.count > 1)
        #expect(layout.lines[0].indent == 20)
        #expect(abs(try #require(layout.lines[0].allGlyphs.first).glyph.x - 20) < 1e-6)
        #expect(abs(try #require(layout.lines[1].allGlyphs.first).glyph.x) < 1e-6)
        // Baselines on a fixed pitch.
        #expect(abs(layout.lines[1].baseline - layout.lines[0].baseline - 16.5) < 1e-9)
        #expect(abs(layout.height - Double(layout.lines.count) * 16.5) < 1e-9)
    }

    @Test func typedIndentIsNotDoubled() throws {
        let fonts = try fonts()
        for typed in ["　　", "  ", "\u{3000} "] {
            let layout = layoutParagraph(
                [StyledText(typed + "學習歷程。")], measure: 200, style: .body(fontSize: 10), fonts: fonts)
            #expect(layout.lines[0].text == "學習歷程。")
            #expect(abs(try #require(layout.lines[0].allGlyphs.first).glyph.x - 20) < 1e-6)
        }
    }

    @Test func headingsAreNeitherIndentedNorJustified() throws {
        let fonts = try fonts()
        let layout = layoutParagraph(
            [StyledText("壹、修課紀錄與學習歷程自述")], measure: 60, style: .heading(fontSize: 14), fonts: fonts)
        #expect(layout.lines[0].indent == 0)
        #expect(layout.lines.allSatisfy { !$0.isJustified })
        #expect(fonts.faces[layout.lines[0].runs[0].faceIndex].postScriptName == "NotoSansCJKtc-Bold")
    }

    /// T7: the last line holds more than one character (property test).
    @Test func lastLineHoldsMoreThanOneCharacter() throws {
        let fonts = try fonts()
        var generator = SeededGenerator(seed: 0x7E57_0007)
        var pulled = 0
        for _ in 0..<300 {
            let text =
                Bool.random(using: &generator)
                ? proseText(sentences: Int.random(in: 1...4, using: &generator), using: &generator)
                : tortureText(tokens: Int.random(in: 20...120, using: &generator), using: &generator)
            let measure = Double(Int.random(in: 6...40, using: &generator)) * 10
            let style = ParagraphStyle.body(fontSize: 10)
            let layout = layoutParagraph([StyledText(text)], measure: measure, style: style, fonts: fonts)
            guard layout.lines.count > 1, let last = layout.lines.last else { continue }
            let characters = last.text.filter { $0 != " " }.count
            #expect(characters > 1, "last line \(last.text) at \(measure / 10) em: \(layout.lines.map(\.text))")
            expectProhibitionsHold(layout, context: text)
            let unfixed = ParagraphStyle(fontSize: 10, minimumLastLineCharacters: 1)
            let plain = layoutParagraph([StyledText(text)], measure: measure, style: unfixed, fonts: fonts)
            if plain.lines.last.map({ $0.text.filter { $0 != " " }.count == 1 }) == true { pulled += 1 }
        }
        #expect(pulled > 0, "the corpus should exercise the rule")
    }

    @Test func singleCharacterLastLineIsPulledDown() throws {
        let fonts = try fonts()
        // Eleven ideographs at a 10 em measure leave 1 on the last line; the rule moves one more.
        let text = "我們在高中參加了社團活動"
        var style = ParagraphStyle.body(fontSize: 10)
        style.firstLineIndent = 0
        let layout = layoutParagraph([StyledText(text)], measure: 110, style: style, fonts: fonts)
        #expect(layout.lines.map(\.text) == ["我們在高中參加了社團", "活動"])
        #expect(abs(layout.lines[0].width - 110) < 1e-6)
    }

    @Test func widowsAndOrphansAreAvoided() throws {
        let fonts = try fonts()
        let text = String(repeating: "學習歷程檔案記錄我的成長。", count: 6)
        let layout = layoutParagraph([StyledText(text)], measure: 100, style: .body(fontSize: 10), fonts: fonts)
        let total = layout.lines.count
        #expect(total >= 6)
        let pitch = layout.lineHeight
        #expect(layout.linesFitting(height: pitch * 100) == total)
        #expect(layout.linesFitting(height: pitch * 1.5) == 0)  // one line alone at the bottom: move it
        #expect(layout.linesFitting(height: pitch * Double(total - 1)) == total - 2)  // not one line alone on top
        #expect(layout.linesFitting(height: pitch * 3) == 3)
    }

    @Test func emptyParagraph() throws {
        let fonts = try fonts()
        let layout = layoutParagraph([], measure: 100, style: .body(), fonts: fonts)
        #expect(layout.lines.isEmpty)
        #expect(layout.height == 0)
    }
}
