import Testing
import Typesetting

/// Checks clreq's basic prohibitions at every break between lines (not at the paragraph's own start
/// and end, which the text decides).
func expectProhibitionsHold(_ layout: ParagraphLayout, context: String) {
    let lines = layout.lines
    for (index, line) in lines.enumerated() {
        if index > 0, let first = line.firstScalar {
            #expect(!noStartMarks.contains(first), "line \(index) starts with \(first): \(context)")
        }
        if index < lines.count - 1, let last = line.lastScalar {
            #expect(!noEndMarks.contains(last), "line \(index) ends with \(last): \(context)")
        }
        if index > 0, let previous = lines[index - 1].lastScalar, let first = line.firstScalar {
            // T3: a —— or …… pair is never split.
            let splitDash = previous == "—" && first == "—" && !lines[index - 1].text.hasSuffix("——")
            let splitEllipsis = previous == "…" && first == "…" && !lines[index - 1].text.hasSuffix("……")
            #expect(!splitDash && !splitEllipsis, "pair split between lines \(index - 1) and \(index): \(context)")
        }
    }
}

@Suite("Line breaking (T2, T3, T8)")
struct LineBreakingTests {
    /// T2: random measures 3–40 em over a torture corpus; no line starts with a no-start mark or
    /// ends with a no-end mark.
    @Test func prohibitionsHoldOverTortureCorpus() throws {
        let fonts = try fonts()
        var generator = SeededGenerator(seed: 0x5EED_2024)
        var cases = 0
        for _ in 0..<400 {
            let text = tortureText(tokens: Int.random(in: 10...160, using: &generator), using: &generator)
            let em = 10.0
            let measure = Double.random(in: 3...40, using: &generator) * em
            var style = Bool.random(using: &generator) ? ParagraphStyle.body(fontSize: em) : .label(fontSize: em)
            if Bool.random(using: &generator) { style.regularRole = .kai }
            let layout = layoutParagraph([StyledText(text)], measure: measure, style: style, fonts: fonts)
            expectProhibitionsHold(layout, context: "measure \(measure / em) em: \(text)")
            // Nothing is lost or duplicated by breaking.
            #expect(layout.lines.map(\.text).joined().filter { $0 != " " } == text.filter { $0 != " " })
            cases += 1
        }
        #expect(cases == 400)
    }

    /// T3: —— and …… inserted at every offset of a sentence never split, at many measures.
    @Test(arguments: ["——", "……"])
    func pairsNeverSplit(pair: String) throws {
        let fonts = try fonts()
        let sentence = Array("我們在高中參加了社團活動並且擔任幹部負責規劃與執行")
        for offset in 0...sentence.count {
            var characters = sentence
            characters.insert(contentsOf: Array(pair), at: offset)
            let text = String(characters)
            for measureInEm in stride(from: 3.0, through: 12.0, by: 1.0) {
                let layout = layoutParagraph(
                    [StyledText(text)], measure: measureInEm * 10, style: .body(fontSize: 10), fonts: fonts)
                for line in layout.lines {
                    // The pair is either wholly on a line or not at all.
                    let count = line.text.filter { $0 == pair.first }.count
                    #expect(count == 0 || count == 2, "\(text) at \(measureInEm) em: \(layout.lines.map(\.text))")
                }
                expectProhibitionsHold(layout, context: text)
            }
        }
    }

    /// T8: an interpunct in a foreign name never starts a line.
    @Test func interpunctNeverStartsALine() throws {
        let fonts = try fonts()
        for mark in ["·", "‧", "・"] {
            let text = "導演克里斯多福\(mark)諾蘭與演員瑪莉詠\(mark)柯蒂亞合作的作品"
            for measureInEm in 3...20 {
                let layout = layoutParagraph(
                    [StyledText(text)], measure: Double(measureInEm) * 10, style: .body(fontSize: 10), fonts: fonts)
                for line in layout.lines.dropFirst() {
                    #expect(
                        line.firstScalar != mark.unicodeScalars.first, "\(measureInEm) em: \(layout.lines.map(\.text))")
                }
            }
        }
    }

    @Test func latinWordsAndNumbersStayWhole() throws {
        let fonts = try fonts()
        let text = "我們使用Swift與HarfBuzz排版，數字3.14159與2024年都不會被拆開。"
        // From 6 em on every word fits a line (HarfBuzz is 4.6 em wide); narrower, see the emergency test.
        for measureInEm in 6...20 {
            let layout = layoutParagraph(
                [StyledText(text)], measure: Double(measureInEm) * 10, style: .body(fontSize: 10), fonts: fonts)
            let words = layout.lines.flatMap { $0.text.split(whereSeparator: { !$0.isASCII }) }
            for word in words {
                #expect(["Swift", "HarfBuzz", "3.14159", "2024"].contains(String(word)), "\(measureInEm) em: \(word)")
            }
        }
    }

    @Test func overlongWordBreaksOnlyInAnEmergency() throws {
        let fonts = try fonts()
        let text = "網址Supercalifragilisticexpialidocious很長"
        let layout = layoutParagraph([StyledText(text)], measure: 60, style: .label(fontSize: 10), fonts: fonts)
        #expect(!layout.overflows)
        #expect(layout.lines.count > 2)
        #expect(layout.lines[0].text == "網址")
        for line in layout.lines { #expect(line.width <= 60 + 1e-6) }
    }

    @Test func hardLineBreaksAreKept() throws {
        let fonts = try fonts()
        let layout = layoutParagraph(
            [StyledText("第一行\n第二行\r\n第三行")], measure: 200, style: .body(fontSize: 10), fonts: fonts)
        #expect(layout.lines.map(\.text) == ["第一行", "第二行", "第三行"])
        #expect(layout.lines.allSatisfy { !$0.isJustified })
    }
}
