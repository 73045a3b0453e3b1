import Testing
import Typesetting

@Suite("Spacing and justification (T5, T6)")
struct SpacingTests {
    /// T5: ¼ em between an ideograph and a Latin letter or digit, both sides.
    @Test func quarterEmBetweenHanAndLatin() throws {
        let fonts = try fonts()
        let line = try singleLine("第4章介紹API", fonts: fonts)
        let boxes = clusterBoxes(line)
        func x(_ text: String) throws -> Double { try #require(boxes.first { $0.text == text }).x }
        func advance(_ text: String) throws -> Double {
            try #require(boxes.first { $0.text == text }).glyphs.map(\.1.advance).reduce(0, +)
        }
        let em = 10.0
        #expect(abs(try x("4") - (try x("第") + em) - 0.25 * em) < 1e-6)
        #expect(abs(try x("章") - (try x("4") + advance("4")) - 0.25 * em) < 1e-6)
        #expect(abs(try x("A") - (try x("紹") + em) - 0.25 * em) < 1e-6)
        // None next to punctuation.
        let punctuated = try singleLine("使用API，然後", fonts: fonts)
        let comma = try #require(clusterBoxes(punctuated).first { $0.text == "，" })
        let i = try #require(clusterBoxes(punctuated).first { $0.text == "I" })
        #expect(abs(comma.x - (i.x + i.glyphs.map(\.1.advance).reduce(0, +))) < 1e-6)
    }

    /// T5: the gap disappears at a line break (none at line start or end).
    @Test func noLatinGapAtLineEdges() throws {
        let fonts = try fonts()
        let em = 10.0
        // Five ideographs fill the 5 em measure; API must start the next line at 0.
        for style in [
            ParagraphStyle.label(fontSize: em),
            {
                var s = ParagraphStyle.body(fontSize: em)
                s.firstLineIndent = 0
                return s
            }(),
        ] {
            let layout = layoutParagraph([StyledText("學習歷程檔API案")], measure: 5 * em, style: style, fonts: fonts)
            #expect(layout.lines.map(\.text) == ["學習歷程檔", "API案"])
            #expect(abs(layout.lines[0].width - 5 * em) < 1e-6)
            #expect(abs(clusterBoxes(layout.lines[1])[0].x) < 1e-6)
        }
        // And at a line end: 檔 then 4 would need the gap, the break comes first.
        let layout = layoutParagraph(
            [StyledText("學習歷程4")], measure: 4.5 * em, style: .label(fontSize: em), fonts: fonts)
        #expect(layout.lines.map(\.text) == ["學習歷程", "4"])
        #expect(abs(layout.lines[0].width - 4 * em) < 1e-6)
    }

    /// T6: every line but the last ends on the measure; the last is not stretched.
    @Test func justifiedLinesEndOnTheMeasure() throws {
        let fonts = try fonts()
        var generator = SeededGenerator(seed: 0x7E57_0006)
        for _ in 0..<200 {
            let text = proseText(sentences: Int.random(in: 1...6, using: &generator), using: &generator)
            let em = Double([9.0, 10.5, 11, 12].randomElement(using: &generator) ?? 11)
            let measure = Double.random(in: 8...40, using: &generator) * em
            let layout = layoutParagraph([StyledText(text)], measure: measure, style: .body(fontSize: em), fonts: fonts)
            for (index, line) in layout.lines.enumerated() {
                if index < layout.lines.count - 1 {
                    #expect(
                        abs(line.width - measure) < 1e-6,
                        "line \(index) of \(layout.lines.map(\.text)) at \(measure / em) em")
                    #expect(line.isJustified)
                } else {
                    #expect(!line.isJustified)
                    #expect(line.width <= measure + 1e-6)
                }
            }
        }
    }

    /// T6: stretch goes between characters, never inside a Latin word or a …… pair.
    @Test func noStretchInsideWordsOrPairs() throws {
        let fonts = try fonts()
        let text = "我在高一下學期參加了資訊研究社，學習使用Swift撰寫……第一個應用程式。這是很長的第二行文字內容。"
        var checkedWords = 0
        var checkedPairs = 0
        for measureInEm in stride(from: 12.0, through: 30.0, by: 0.7) {
            let layout = layoutParagraph(
                [StyledText(text)], measure: measureInEm * 10, style: .body(fontSize: 10), fonts: fonts)
            for line in layout.lines where line.isJustified {
                let glyphs = line.allGlyphs.map(\.glyph)
                if let word = glyphs.firstIndex(where: { $0.text == "S" }), word + 4 < glyphs.count {
                    for k in word..<(word + 4) {
                        #expect(abs(glyphs[k + 1].x - (glyphs[k].x + glyphs[k].advance)) < 1e-6)
                    }
                    checkedWords += 1
                }
                if let dots = glyphs.firstIndex(where: { $0.text == "…" }), dots + 1 < glyphs.count {
                    #expect(glyphs[dots + 1].text == "…")
                    #expect(abs(glyphs[dots + 1].x - (glyphs[dots].x + glyphs[dots].advance)) < 1e-6)
                    checkedPairs += 1
                }
                // Between ideographs the stretch shows.
                if glyphs.count > 2, line.width > 0 {
                    let stretched = zip(glyphs, glyphs.dropFirst()).contains { $1.x - $0.x > $0.advance + 1e-3 }
                    #expect(stretched || abs(line.width - layout.measure) < 1e-6)
                }
            }
        }
        #expect(checkedWords > 0 && checkedPairs > 0)
    }

    /// T6 with clreq's prohibitions: justification never separates an opening mark from what follows
    /// it, nor a closing mark or 、，。 from what precedes it.
    @Test func noStretchAroundBrackets() throws {
        let fonts = try fonts()
        let text = "老師說：「做研究要有耐心，先問對問題。」我們（全班同學）都同意《科學人》的看法、並且照做。"
        var checked = 0
        for measureInEm in stride(from: 8.0, through: 20.0, by: 0.5) {
            let layout = layoutParagraph(
                [StyledText(text)], measure: measureInEm * 10, style: .body(fontSize: 10), fonts: fonts)
            for line in layout.lines where line.isJustified {
                let glyphs = line.allGlyphs.map(\.glyph)
                for (a, b) in zip(glyphs, glyphs.dropFirst()) {
                    let opens = "「（《".contains(a.text)
                    let closes = "」）》，。、：".contains(b.text)
                    guard opens || closes else { continue }
                    #expect(abs(b.x - (a.x + a.advance)) < 1e-6, "\(a.text)\(b.text) in \(line.text)")
                    checked += 1
                }
            }
        }
        #expect(checked > 50)
    }
}
