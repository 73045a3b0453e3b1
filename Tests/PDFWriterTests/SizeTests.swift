import Foundation
import Testing

@testable import PDFWriter

/// P2: a 30-page packet of Noto CJK text stays small.
@Suite struct SizeTests {
    /// 30 A4 pages, 600 characters each (15 justified lines of 40), drawn from ~3,000 distinct
    /// ideographs in Noto Sans CJK TC.
    @Test func thirtyPagesOfCJKStayWellUnderOneMegabyte() throws {
        let noto = try TestFonts.notoSansTC()
        let shaper = try TestShaper(noto)
        // A fixed pseudo-random pick of 3,000 ideographs the face has, then a text cycling through them.
        var pool: [UInt32] = []
        var seen = Set<UInt32>()
        var state: UInt32 = 12345
        while pool.count < 3000 {
            state = state &* 1_103_515_245 &+ 12345
            let scalar = 0x4E00 + (state >> 8) % (0x9FA5 - 0x4E00)
            guard let unicode = Unicode.Scalar(scalar), let glyph = shaper.glyph(for: unicode), !seen.contains(glyph)
            else { continue }
            seen.insert(glyph)
            pool.append(unicode.value)
        }
        let size = 12.0
        var pages: [PDFPage] = []
        var next = 0
        for _ in 0..<30 {
            var items: [PageItem] = []
            for line in 0..<15 {
                var glyphs: [PlacedGlyph] = []
                for column in 0..<40 {
                    let scalar = pool[next % pool.count]
                    next += 1
                    let text = String(Character(Unicode.Scalar(scalar) ?? "?"))
                    guard let glyph = shaper.glyph(for: Unicode.Scalar(scalar) ?? "?") else { continue }
                    // Justified: a small stretch per gap, as the layout would give.
                    glyphs.append(PlacedGlyph(id: glyph, x: Double(column) * (size + 0.137), text: text))
                }
                items.append(.text(TextRun(font: FontID(0), size: size, x: 56, y: 780 - Double(line) * 20, glyphs: glyphs)))
            }
            items.append(.line(x1: 56, y1: 60, x2: 539, y2: 60, width: 0.5, color: RGB(0.5, 0.5, 0.5)))
            pages.append(PDFPage(width: PDFPage.a4Width, height: PDFPage.a4Height, content: items))
        }
        let spec = PDFDocumentSpec(pages: pages, fonts: [noto], info: DocumentInfo(title: "size", language: "zh-Hant-TW"))
        let clock = ContinuousClock()
        let start = clock.now
        let bytes = try PDFWriter(cache: sharedCache).write(spec)
        let elapsed = clock.now - start
        let path = try Scratch.write(bytes, name: "thirty-pages.pdf")
        let unhinted = try PDFWriter(cache: sharedCache, fontHinting: false).write(spec)
        let unhintedPath = try Scratch.write(unhinted, name: "thirty-pages-unhinted.pdf")
        try expectValidPDF(unhintedPath)
        #expect(unhinted.count < bytes.count)
        let fonts = try Tool.run("pdffonts", [path]).stdout
        print(
            "SIZE 30 pages × 600 chars, \(seen.count) distinct glyphs: \(bytes.count) bytes (\(unhinted.count) without hints), written in \(elapsed)"
        )
        #expect(bytes.count < 1_000_000)
        try expectValidPDF(path)
        #expect(fonts.contains("CID Type 0C (OT)"))
        let info = try Tool.run("pdfinfo", [path]).stdout
        #expect(info.contains("Pages:           30"))
    }
}
