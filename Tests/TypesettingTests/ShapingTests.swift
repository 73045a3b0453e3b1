import FontFiles
import Testing
import Typesetting

/// One unbroken line of `text`, laid out without justification.
func singleLine(_ text: String, style: ParagraphStyle = .label(fontSize: 10), fonts: FontSet) throws -> TextLine {
    let layout = layoutParagraph([StyledText(text)], measure: .infinity, style: style, fonts: fonts)
    #expect(layout.lines.count == 1)
    return try #require(layout.lines.first)
}

/// The horizontal extent each cluster occupies on the line: from its first glyph's pen position to
/// the next cluster's (or the line end).
func clusterBoxes(_ line: TextLine) -> [(text: String, x: Double, glyphs: [(GlyphRun, PositionedGlyph)])] {
    var result: [(text: String, x: Double, glyphs: [(GlyphRun, PositionedGlyph)])] = []
    for (run, glyph) in line.allGlyphs {
        if glyph.startsCluster {
            result.append((glyph.text, glyph.x, [(run, glyph)]))
        } else if !result.isEmpty {
            result[result.count - 1].glyphs.append((run, glyph))
        }
    }
    return result
}

@Suite("Shaping (T1, T3, T4, T8)")
struct ShapingTests {
    /// T1: Taiwan's punctuation sits in the centre of the em square; the mainland's in the corner.
    @Test func taiwanPunctuationIsCentred() throws {
        let fonts = try fonts()
        var tw = ParagraphStyle.label(fontSize: 10)
        tw.language = "zh-TW"
        var cn = tw
        cn.language = "zh-CN"
        let marks = "，。、：；"
        let twLine = try singleLine(marks, style: tw, fonts: fonts)
        let cnLine = try singleLine(marks, style: cn, fonts: fonts)
        let twGlyphs = twLine.allGlyphs
        let cnGlyphs = cnLine.allGlyphs
        #expect(twGlyphs.count == 5 && cnGlyphs.count == 5)
        for (a, b) in zip(twGlyphs, cnGlyphs) {
            #expect(fonts.faces[a.run.faceIndex].postScriptName == "NotoSansCJKtc-Regular")
            #expect(a.glyph.glyphID != b.glyph.glyphID, "\(a.glyph.text) should differ between zh-TW and zh-CN")
            let extents = try #require(fonts.glyphExtents(a.glyph.glyphID, face: a.run.faceIndex))
            let upem = Double(fonts.faces[a.run.faceIndex].unitsPerEm)
            let centre = (Double(extents.xBearing) + Double(extents.width) / 2) / upem
            #expect(abs(centre - 0.5) <= 0.1, "\(a.glyph.text) ink centre \(centre) em")
            #expect(abs(a.glyph.advance - 10) < 1e-9)
        }
    }

    /// T4: full width, never compressed: 」。 is 2 em; ！？ 1 em each; in every role.
    @Test(arguments: [FontRole.sans, .sansBold, .serif, .serifBold, .kai])
    func punctuationIsFullWidth(role: FontRole) throws {
        let fonts = try fonts()
        let style = ParagraphStyle.label(fontSize: 10, regular: role, bold: role)
        let pair = try singleLine("」。", style: style, fonts: fonts)
        #expect(abs(pair.width - 20) < 1e-6)
        let marks = "「」『』（）《》〈〉【】〔〕｛｝、，。：；！？"
        let line = try singleLine(marks, style: style, fonts: fonts)
        #expect(abs(line.width - 10 * Double(marks.count)) < 1e-6)
        let boxes = clusterBoxes(line)
        #expect(boxes.count == marks.count)
        for (index, box) in boxes.enumerated() {
            // Each mark's cell starts on a whole em: nothing compressed, nothing hanging.
            let cell = Double(index) * 10
            #expect(box.x >= cell - 1e-6 && box.x < cell + 10, "\(box.text) at \(box.x)")
        }
    }

    /// T3: —— and …… are 2 em wide in every role (one 2 em ligature in Noto, two full-width glyphs
    /// in 全字庫), whether the text around them is Chinese or Latin.
    @Test(arguments: [FontRole.sans, .serif, .kai])
    func dashAndEllipsisAreTwoEm(role: FontRole) throws {
        let fonts = try fonts()
        let style = ParagraphStyle.label(fontSize: 10, regular: role, bold: role)
        let api = try singleLine("API", style: style, fonts: fonts).width
        for pair in ["——", "……"] {
            #expect(abs(try singleLine(pair, style: style, fonts: fonts).width - 20) < 1e-6, "\(pair) in \(role)")
            #expect(abs(try singleLine("是\(pair)是", style: style, fonts: fonts).width - 40) < 1e-6)
            #expect(abs(try singleLine("API\(pair)", style: style, fonts: fonts).width - (api + 20)) < 1e-6)
            let line = try singleLine(pair, style: style, fonts: fonts)
            #expect(line.allGlyphs.map(\.glyph.text).joined() == pair)
        }
    }

    /// T8: interpuncts are a full em with their dot in the middle, whatever the font gives.
    @Test(arguments: [FontRole.sans, .serif, .kai])
    func interpunctIsCentredFullWidth(role: FontRole) throws {
        let fonts = try fonts()
        let style = ParagraphStyle.label(fontSize: 10, regular: role, bold: role)
        for mark in ["·", "‧", "・"] {
            let line = try singleLine("克里斯多福\(mark)諾蘭", style: style, fonts: fonts)
            #expect(abs(line.width - 80) < 1e-6, "\(mark) in \(role): \(line.width)")
            let boxes = clusterBoxes(line)
            let dot = try #require(boxes.first { $0.text == mark })
            let (run, glyph) = dot.glyphs[0]
            let extents = try #require(fonts.glyphExtents(glyph.glyphID, face: run.faceIndex))
            let scale = 10 / Double(fonts.faces[run.faceIndex].unitsPerEm)
            let inkCentre = glyph.x + (Double(extents.xBearing) + Double(extents.width) / 2) * scale
            #expect(abs(inkCentre - 55) < 0.05, "\(mark) in \(role): centre \(inkCentre)")
        }
    }

    @Test func boldRunsUseTheBoldFace() throws {
        let fonts = try fonts()
        let layout = layoutParagraph(
            [StyledText("一般"), .bold("粗體"), StyledText("一般")], measure: .infinity, style: .label(), fonts: fonts)
        let names = layout.lines[0].runs.map { fonts.faces[$0.faceIndex].postScriptName }
        #expect(names == ["NotoSansCJKtc-Regular", "NotoSansCJKtc-Bold", "NotoSansCJKtc-Regular"])
    }
}
