import FontFiles
import Foundation
import Testing

@testable import PDFWriter

/// Bad input gives a typed error, never a crash.
@Suite struct ErrorTests {
    private func oneGlyphDocument(_ font: FontFace, glyph: UInt32 = 1) -> PDFDocumentSpec {
        let run = TextRun(font: FontID(0), size: 12, x: 10, y: 10, glyphs: [PlacedGlyph(id: glyph, x: 0, text: "x")])
        return PDFDocumentSpec(pages: [PDFPage(width: 100, height: 100, content: [.text(run)])], fonts: [font])
    }

    private func expectError(_ expected: PDFWriterError, _ spec: PDFDocumentSpec, cache: FontProgramCache = sharedCache) {
        #expect(throws: expected) { try PDFWriter(cache: cache).write(spec) }
    }

    /// A face whose file was cut short: it opens (the table directory is intact) but has no tables
    /// the writer can embed.
    private func truncatedFace() throws -> FontFace {
        let source = try TestFonts.require(TestFonts.twSungPlus)
        let data = try Data(contentsOf: URL(fileURLWithPath: source.path)).prefix(4096)
        // A file of its own per call: the face maps it, and tests running at once must not rewrite a
        // file another has mapped (reading a mapped page of a file cut short is SIGBUS).
        let path = try Scratch.write([UInt8](data), name: "truncated-\(UUID().uuidString).ttf")
        return try FontFace.open(path: path)
    }

    @Test func truncatedFont() throws {
        let face = try truncatedFace()
        do {
            _ = try PDFWriter().write(oneGlyphDocument(face))
            Issue.record("a truncated face was embedded")
        } catch {
            guard case .fontFormatUnsupported(let path, 0, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == face.path)
        }
    }

    @Test func glyphBeyondTheFace() throws {
        let noto = try TestFonts.notoSansTC()
        let count = try sharedCache.program(for: noto).glyphCount
        expectError(.glyphOutOfRange(FontID(0), glyph: UInt32(count), glyphCount: count), oneGlyphDocument(noto, glyph: UInt32(count)))
        expectError(.glyphOutOfRange(FontID(0), glyph: .max, glyphCount: count), oneGlyphDocument(noto, glyph: .max))
    }

    @Test func unknownFontID() {
        let run = TextRun(font: FontID(3), size: 12, x: 0, y: 0, glyphs: [PlacedGlyph(id: 1, x: 0, text: "a")])
        expectError(.unknownFont(FontID(3), fontCount: 0), PDFDocumentSpec(pages: [PDFPage(width: 100, height: 100, content: [.text(run)])]))
    }

    @Test func pagesAndDestinations() {
        expectError(.noPages, PDFDocumentSpec(pages: []))
        expectError(.invalidPageSize(page: 0, width: 0, height: 100), PDFDocumentSpec(pages: [PDFPage(width: 0, height: 100)]))
        expectError(.invalidPageSize(page: 1, width: 100, height: 20000), PDFDocumentSpec(pages: [PDFPage(width: 100, height: 100), PDFPage(width: 100, height: 20000)]))
        #expect(throws: PDFWriterError.self) { try PDFWriter().write(PDFDocumentSpec(pages: [PDFPage(width: .nan, height: 100)])) }

        var page = PDFPage(width: 100, height: 100)
        page.links = [LinkAnnotation(rect: LinkRect(x: 0, y: 0, width: 10, height: 10), target: .page(1, y: 0))]
        expectError(.invalidDestination(page: 1, context: "link on page 0"), PDFDocumentSpec(pages: [page]))
        let outline = [OutlineEntry(title: "x", page: 0, y: 0, children: [OutlineEntry(title: "子", page: -1, y: 0)])]
        expectError(
            .invalidDestination(page: -1, context: "bookmark “子”"),
            PDFDocumentSpec(pages: [PDFPage(width: 100, height: 100)], outline: outline))
    }

    @Test func pageLabels() {
        let pages = [PDFPage(width: 100, height: 100), PDFPage(width: 100, height: 100)]
        #expect(throws: PDFWriterError.self) {
            try PDFWriter().write(PDFDocumentSpec(pages: pages, pageLabels: [PageLabelRange(firstPage: 2)]))
        }
        #expect(throws: PDFWriterError.self) {
            try PDFWriter().write(
                PDFDocumentSpec(pages: pages, pageLabels: [PageLabelRange(firstPage: 1), PageLabelRange(firstPage: 1)]))
        }
        #expect(throws: PDFWriterError.self) {
            try PDFWriter().write(PDFDocumentSpec(pages: pages, pageLabels: [PageLabelRange(firstPage: 0, start: 0)]))
        }
    }

    @Test func facesThatCannotBeEmbeddedAreNotCached() throws {
        let cache = FontProgramCache()
        let face = try truncatedFace()
        #expect(throws: PDFWriterError.self) { try cache.preload(face) }
        #expect(cache.loadedFaceCount == 0)
        try cache.preload(try TestFonts.require(TestFonts.twSungPlus))
        #expect(cache.loadedFaceCount == 1)
    }

    /// Odd but not invalid geometry is written safely (non-finite numbers become 0) and stays valid PDF.
    @Test func oddValuesStillGiveAValidFile() throws {
        let noto = try TestFonts.notoSansTC()
        let glyphs = [
            PlacedGlyph(id: 100, x: .nan, yOffset: .infinity, text: "\u{0}\u{7}"),
            PlacedGlyph(id: 101, x: 1e300, yOffset: 2, text: ""),
            PlacedGlyph(id: 102, x: -5, yOffset: 0, text: "(\\)"),
        ]
        let items: [PageItem] = [
            .text(TextRun(font: FontID(0), size: 12, x: .nan, y: .infinity, glyphs: glyphs)),
            .text(TextRun(font: FontID(0), size: 0, x: 0, y: 0, glyphs: glyphs)),
            .text(TextRun(font: FontID(0), size: -3, x: 0, y: 0, glyphs: glyphs)),
            .text(TextRun(font: FontID(0), size: 12, x: 0, y: 0, glyphs: [])),
            .rect(x: .nan, y: 0, width: -10, height: 1e12, fill: RGB(2, -1, .nan), stroke: nil, lineWidth: .nan),
            .line(x1: 0, y1: 0, x2: .infinity, y2: 0, width: -1, color: .black),
        ]
        let spec = PDFDocumentSpec(
            pages: [PDFPage(width: 100, height: 100, content: items)], fonts: [noto, try truncatedFace()],
            outline: [OutlineEntry(title: "", page: 0, y: .nan)],
            info: DocumentInfo(title: "\u{1}<&>", language: "zh-Hant-TW"))
        let path = try Scratch.write(try PDFWriter(cache: sharedCache).write(spec), name: "odd.pdf")
        try expectValidPDF(path)
    }
}
