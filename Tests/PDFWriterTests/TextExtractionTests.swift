import FontFiles
import Foundation
import Testing

@testable import PDFWriter

/// P3: `pdftotext` gives back exactly the text that was typeset.
@Suite struct TextExtractionTests {
    /// Lays out lines of (text, font) segments at natural advances, one line per entry.
    private func document(lines: [[(String, Int)]], fonts: [FontFace], size: Double = 14) throws -> PDFDocumentSpec {
        let shapers = try fonts.map { try TestShaper($0) }
        var items: [PageItem] = []
        for (lineIndex, line) in lines.enumerated() {
            var x = 50.0
            let y = 780 - Double(lineIndex) * 24
            for (text, font) in line {
                let shaped = shapers[font].shape(text, size: size)
                items.append(.text(TextRun(font: FontID(font), size: size, x: x, y: y, glyphs: shaped.glyphs)))
                x += shaped.width
            }
        }
        return PDFDocumentSpec(pages: [PDFPage(width: 595.276, height: 841.89, content: items)], fonts: fonts)
    }

    private func extract(_ spec: PDFDocumentSpec, name: String, arguments: [String] = []) throws -> String {
        let path = try Scratch.write(try PDFWriter(cache: sharedCache).write(spec), name: name)
        try expectValidPDF(path)
        let result = try Tool.run("pdftotext", arguments + ["-enc", "UTF-8", path, "-"])
        try #require(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: CharacterSet(charactersIn: "\n\u{0C}"))
    }

    @Test func paragraphWithPunctuationLatinDigitsAndSupplementaryPlanes() throws {
        let fonts = [
            try TestFonts.notoSansTC(), try TestFonts.require(TestFonts.twSungExtB),
            try TestFonts.require(TestFonts.twSungPlus),
        ]
        let lines: [[(String, Int)]] = [
            [("臺灣的高中生在學習歷程檔案中，記錄了「課程學習成果」與『多元表現』：", 0)],
            [("例如第4章介紹API、2024年的專題（共3件）！還有", 0), ("𠮷", 1), ("野家？", 0)],
            [("全字庫的造字", 0), ("\u{F0000}", 2), ("也要能複製；《報告》〈附錄〉……完。", 0)],
        ]
        let expected = lines.map { $0.map(\.0).joined() }.joined(separator: "\n")
        let text = try extract(try document(lines: lines, fonts: fonts), name: "paragraph.pdf")
        #expect(text == expected)
        #expect(text.unicodeScalars.contains("\u{20BB7}"))
        #expect(text.unicodeScalars.contains("\u{F0000}"))
    }

    /// ⽇ (U+2F47) and 日 (U+65E5) share one glyph in Noto: the ToUnicode maps it to the more
    /// frequent text and /ActualText keeps the other exact.
    @Test func oneGlyphWithTwoTexts() throws {
        let noto = try TestFonts.notoSansTC()
        let shaper = try TestShaper(noto)
        try #require(shaper.glyph(for: "\u{2F47}") == shaper.glyph(for: "\u{65E5}"), "Noto no longer unifies ⽇ and 日")
        let line = "日本的日期與部首⽇和人⼈"
        let text = try extract(try document(lines: [[(line, 0)]], fonts: [noto]), name: "kangxi.pdf")
        #expect(text == line)
    }

    @Test func ligaturesAndMultiGlyphClusters() throws {
        let noto = try TestFonts.notoSansTC()
        let shaper = try TestShaper(noto)
        let ligature = shaper.shape("fi", size: 10).glyphs
        try #require(ligature.count == 1, "expected an fi ligature in Noto Sans CJK")
        let cluster = shaper.shape("q\u{301}", size: 10).glyphs
        try #require(cluster.count == 2 && cluster[1].text.isEmpty)
        let line = "office與q\u{301}和q及fish"
        let text = try extract(try document(lines: [[(line, 0)]], fonts: [noto]), name: "clusters.pdf")
        #expect(text == line)
    }

    /// T5 puts ¼ em between Han and Latin; poppler then guesses word breaks and inserts spaces the
    /// text does not have. `actualText` on the run pins the text.
    @Test func runActualTextOverridesSpacingGuesses() throws {
        let noto = try TestFonts.notoSansTC()
        let shaper = try TestShaper(noto)
        let line = "第4章介紹API"
        var glyphs = shaper.shape(line, size: 20).glyphs
        // ¼ em = 5 pt before "4", before "章" and before "A".
        let shifts = [0.0, 5, 10, 10, 10, 15, 15, 15]
        for index in glyphs.indices { glyphs[index].x += shifts[index] }
        func spec(_ actualText: String?) -> PDFDocumentSpec {
            let run = TextRun(font: FontID(0), size: 20, x: 50, y: 700, glyphs: glyphs, actualText: actualText)
            return PDFDocumentSpec(
                pages: [PDFPage(width: 595.276, height: 841.89, content: [.text(run)])], fonts: [noto])
        }
        #expect(try extract(spec(nil), name: "spaced.pdf") == "第 4 章介紹 API")
        #expect(try extract(spec(line), name: "actualtext.pdf") == line)
    }

    /// Positions are honoured: pdftotext -bbox reports each glyph where the layout put it.
    @Test func glyphPositionsAreExact() throws {
        let noto = try TestFonts.notoSansTC()
        let shaper = try TestShaper(noto)
        var glyphs = shaper.shape("甲乙丙丁戊", size: 20).glyphs
        let offsets = [0.0, 3.3, 7.77, 30.001, 12.5]  // irregular gaps, including a backwards step
        for index in glyphs.indices { glyphs[index].x = Double(index) * 20 + offsets[index] }
        let run = TextRun(font: FontID(0), size: 20, x: 100.25, y: 700, glyphs: glyphs)
        let spec = PDFDocumentSpec(pages: [PDFPage(width: 595.276, height: 841.89, content: [.text(run)])], fonts: [noto])
        let path = try Scratch.write(try PDFWriter(cache: sharedCache).write(spec), name: "positions.pdf")
        let result = try Tool.run("pdftotext", ["-bbox", path, "-"])
        let xMins = result.stdout.split(separator: "\n").filter { $0.contains("<word") }.compactMap { line -> Double? in
            guard let range = line.range(of: #"xMin="[0-9.]+""#, options: .regularExpression) else { return nil }
            return Double(line[range].dropFirst(6).dropLast())
        }
        // Gaps over 0.1 em make poppler start a new word: each word starts at one of our glyphs.
        let expected = glyphs.map { 100.25 + $0.x }
        for x in xMins {
            #expect(expected.contains { abs($0 - x) < 0.01 }, "word at \(x) is not at any glyph position \(expected)")
        }
        #expect(!xMins.isEmpty)
    }

    /// A justified line (every gap stretched alike) is one Tc and a plain string, no TJ numbers;
    /// its text extracts unchanged and each glyph's ink lands where the original outline at the
    /// layout's position says.
    @Test func justifiedLineUsesCharacterSpacing() throws {
        let noto = try TestFonts.notoSansTC()
        let shaper = try TestShaper(noto)
        let line = "甲乙丙丁戊己庚辛"
        var glyphs = shaper.shape(line, size: 30).glyphs
        for index in glyphs.indices { glyphs[index].x = Double(index) * 33.75 }  // 3.75 pt stretch per gap
        let run = TextRun(font: FontID(0), size: 30, x: 40, y: 60, glyphs: glyphs)
        let spec = PDFDocumentSpec(pages: [PDFPage(width: 340, height: 100, content: [.text(run)])], fonts: [noto])
        let path = try Scratch.write(try PDFWriter(cache: sharedCache).write(spec), name: "justified.pdf")
        let objects = try QPDFObjects(path: path)
        let pages = try #require(objects.dict(objects.dict(objects.trailer["/Root"])["/Pages"])["/Kids"] as? [String])
        let contents = try #require(objects.dict(pages[0])["/Contents"] as? String)
        let stream = try Tool.run("qpdf", ["--show-object=\(contents)", "--filtered-stream-data", path]).stdout
        #expect(stream.contains("3.75 Tc\n"), "\(stream)")
        #expect(stream.range(of: #"\[<[0-9A-F]{32}>\]TJ"#, options: .regularExpression) != nil, "\(stream)")

        let text = try Tool.run("pdftotext", ["-enc", "UTF-8", path, "-"]).stdout
        #expect(text.trimmingCharacters(in: CharacterSet(charactersIn: "\n\u{0C}")) == line)

        let image = try RenderCheck.renderWithPoppler(path)
        let scale = 30 / shaper.upem
        for glyph in glyphs {
            let extents = try #require(shaper.extents(glyph.id))
            let originX = 40 + glyph.x
            let ink = try #require(image.inkBox(x0: Int(originX) - 1, y0: 0, x1: Int(originX + 32), y1: 100))
            #expect(abs(Double(ink.minX) - (originX + extents.xBearing * scale)) <= 2, "\(glyph.x): \(ink)")
            #expect(abs(Double(ink.maxX + 1) - (originX + (extents.xBearing + extents.width) * scale)) <= 2)
            #expect(abs(Double(ink.minY) - (100 - (60 + extents.yBearing * scale))) <= 2)
        }
    }
}
