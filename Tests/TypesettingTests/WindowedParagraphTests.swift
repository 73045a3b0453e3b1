import Testing
@testable import Typesetting

@Suite("Long paragraphs set in windows")
struct WindowedParagraphTests {
    func lines(_ text: String, style: ParagraphStyle, windowing: Windowing, fonts: FontSet) -> ParagraphLayout {
        var lines: [TextLine] = []
        var layout = layoutParagraph(
            [StyledText(text)], measure: 240, style: style, fonts: fonts, windowing: windowing
        ) { lines.append($0) }
        layout.lines = lines
        return layout
    }

    /// Windows change nothing: the lines are those of the paragraph set whole (small windows, so
    /// many cuts fall in dense punctuation, dashes, Latin words and numbers).
    @Test func windowsGiveTheLinesOfTheWholeParagraph() throws {
        let fonts = try fonts()
        var generator = SeededGenerator(seed: 10)
        let text = "　　" + proseText(sentences: 120, using: &generator) + tortureText(tokens: 3_000, using: &generator)
            + proseText(sentences: 120, using: &generator)
        let whole = Windowing(threshold: .max)
        for style in [ParagraphStyle.body(fontSize: 10), .label(fontSize: 10)] {
            let reference = lines(text, style: style, windowing: whole, fonts: fonts)
            #expect(reference.lines.count > 100)
            for window in [700, 2_000] {
                let windowed = lines(text, style: style, windowing: Windowing(threshold: 0, window: window), fonts: fonts)
                #expect(windowed == reference, "window \(window)")
            }
        }
    }

    /// An unbreakable run longer than a window widens the window instead of failing.
    @Test func anUnbreakableRunLongerThanTheWindowIsKeptWhole() throws {
        let fonts = try fonts()
        let text = "開始" + String(repeating: "」", count: 3_000) + "結束。" + String(repeating: "學習歷程。", count: 200)
        let whole = lines(text, style: .body(fontSize: 10), windowing: Windowing(threshold: .max), fonts: fonts)
        let windowed = lines(
            text, style: .body(fontSize: 10), windowing: Windowing(threshold: 0, window: 500), fonts: fonts)
        #expect(windowed == whole)
        #expect(windowed.overflows)
    }
}
