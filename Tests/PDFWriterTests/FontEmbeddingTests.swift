import FontFiles
import Foundation
import Testing

@testable import PDFWriter

/// Characters of every kind the packets use: Han, Taiwan-centred punctuation, Latin, digits.
let gridText = "臺灣學生歷程檔案審查資料國立中興「」『』，。、：；！？（）《》ABCDEFxyzgq0123456789"

@Suite struct FontEmbeddingTests {
    /// Every font of the machine's fallback chain, embedded together, as pdffonts sees them (P1).
    @Test func pdffontsShowsEmbeddedSubsetCIDFontsWithToUnicode() throws {
        let noto = try TestFonts.notoSansTC()
        let serif = try TestFonts.notoSerifTC()
        let sung = try TestFonts.require(TestFonts.twSung)
        let extB = try TestFonts.require(TestFonts.twSungExtB)
        let plus = try TestFonts.require(TestFonts.twSungPlus)
        let fonts = [noto, serif, sung, extB, plus]
        let texts = ["臺灣學生", "學習歷程", "審查資料", "𠮷", "\u{F0000}"]
        var items: [PageItem] = []
        for (index, font) in fonts.enumerated() {
            let shaper = try TestShaper(font)
            items.append(
                .text(textRun(texts[index], shaper: shaper, font: FontID(index), size: 14, x: 50, y: 700 - Double(index) * 30)))
        }
        let bytes = try PDFWriter(cache: sharedCache).write(
            PDFDocumentSpec(pages: [PDFPage(width: 595.276, height: 841.89, content: items)], fonts: fonts))
        let path = try Scratch.write(bytes, name: "pdffonts.pdf")
        let result = try Tool.run("pdffonts", [path])
        try #require(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").dropFirst(2).map(String.init)
        #expect(lines.count == 5, "\(result.stdout)")
        for line in lines {
            let isCFF = line.contains("NotoS")
            #expect(line.contains(isCFF ? "CID Type 0C (OT)" : "CID TrueType"), "\(line)")
            #expect(line.contains("Identity-H"), "\(line)")
            #expect(line.range(of: #"yes +yes +yes"#, options: .regularExpression) != nil, "\(line)")
            #expect(line.range(of: #"^[A-Z]{6}\+"#, options: .regularExpression) != nil, "\(line)")
        }
        try expectValidPDF(path)
    }

    /// hb-subset keeps each glyph's ORIGINAL CID in a CID-keyed charset; readers disagree on what a
    /// code means then (MuPDF maps it through the charset, poppler does not). The writer makes the
    /// charset an identity, so code = subset glyph id = CID for every reader.
    @Test func cffSubsetCharsetIsIdentityAndCodesAreSubsetGlyphIDs() throws {
        let source = try TestFonts.notoSansTC()
        let face = try sharedCache.program(for: source)
        let shaper = try TestShaper(source)
        let glyphs = Set(shaper.shape("臺灣學生。ABC", size: 10).glyphs.map(\.id)).sorted()

        let subset = try FontSubsetter.subset(face, glyphs: glyphs)
        let cids = try #require(CFFCharset.cids(subset.program))
        #expect(cids == Array(0..<cids.count))
        // hb-subset numbers the kept glyphs in the order of their original ids.
        let codes = glyphs.compactMap { subset.codes[$0] }
        #expect(codes.count == glyphs.count)
        #expect(codes == codes.sorted() && Set(codes).count == codes.count && codes.allSatisfy { $0 > 0 })
        #expect(cids.count >= glyphs.count + 1)  // .notdef, the glyphs, and anything their closure needs

        let raw = try FontSubsetter.subset(face, glyphs: glyphs, identityCharset: false)
        let rawCIDs = try #require(CFFCharset.cids(raw.program))
        #expect(rawCIDs != Array(0..<rawCIDs.count), "hb-subset changed: its charset is already an identity")
        #expect(raw.program.count == subset.program.count)
    }

    @Test func trueTypeSubsetIsRenumbered() throws {
        let source = try TestFonts.require(TestFonts.twSung)
        let face = try sharedCache.program(for: source)
        #expect(face.format == .trueType)
        let shaper = try TestShaper(source)
        let glyphs = Set(shaper.shape("臺灣學生歷程", size: 10).glyphs.map(\.id)).sorted()
        let subset = try FontSubsetter.subset(face, glyphs: glyphs)
        let codes = glyphs.compactMap { subset.codes[$0] }
        #expect(codes.count == glyphs.count)
        #expect(codes.allSatisfy { $0 > 0 && Int($0) < glyphs.count + 8 })  // small ids, not the originals
        #expect(subset.program.count < 50_000)
    }

    @Test(arguments: ["Noto Sans CJK TC", "Noto Serif CJK TC", "TW-Sung"])
    func rendersTheOriginalGlyphs(fontName: String) throws {
        let source: FontFace
        switch fontName {
        case "Noto Sans CJK TC": source = try TestFonts.notoSansTC()
        case "Noto Serif CJK TC": source = try TestFonts.notoSerifTC()
        default: source = try TestFonts.require(TestFonts.twSung)
        }
        let shaper = try TestShaper(source)
        let (spec, expected) = try RenderCheck.gridDocument(source, text: gridText, shaper: shaper)
        let path = try Scratch.write(
            try PDFWriter(cache: sharedCache).write(spec), name: "grid-\(fontName.replacingOccurrences(of: " ", with: "-")).pdf")
        try expectValidPDF(path)
        RenderCheck.verify(try RenderCheck.renderWithPoppler(path), expected, renderer: "poppler \(fontName)")
        if Tool.available("mutool") {
            RenderCheck.verify(try RenderCheck.renderWithMuPDF(path), expected, renderer: "mupdf \(fontName)")
        }
    }

    /// The check above must be able to fail: with hb-subset's own charset, MuPDF draws other glyphs.
    @Test(.enabled(if: Tool.available("mutool"))) func renderCheckCatchesAWrongCharset() throws {
        let source = try TestFonts.notoSansTC()
        let shaper = try TestShaper(source)
        let (spec, expected) = try RenderCheck.gridDocument(source, text: "臺灣學生歷程檔案", shaper: shaper)
        let face = try sharedCache.program(for: source)
        let raw = try FontSubsetter.subset(face, glyphs: expected.map(\.glyph).sorted(), identityCharset: false)
        var bytes = try PDFWriter(cache: sharedCache).write(spec)
        let good = try FontSubsetter.subset(face, glyphs: expected.map(\.glyph).sorted())
        // Swap the font program stream for the raw one: same length, different charset.
        let compressedGood = try Deflate.compress(good.program)
        let compressedRaw = try Deflate.compress(raw.program)
        let range = try #require(bytes.firstRange(of: compressedGood))
        bytes.replaceSubrange(range, with: compressedRaw)
        bytes = rewriteLength(bytes, from: compressedGood.count, to: compressedRaw.count)
        let path = try Scratch.write(bytes, name: "grid-raw-charset.pdf")
        let image = try RenderCheck.renderWithMuPDF(path)
        var misplaced = 0
        for item in expected {
            let ink = image.inkBox(
                x0: item.cellX, y0: item.cellY, x1: item.cellX + Int(RenderCheck.cell),
                y1: item.cellY + Int(RenderCheck.cell))
            if let ink, let box = item.box, abs(Double(ink.minX) - box.minX) <= 2, abs(Double(ink.minY) - box.minY) <= 2,
                abs(Double(ink.maxX + 1) - box.maxX) <= 2
            {
                continue
            }
            misplaced += 1
        }
        #expect(misplaced >= expected.count / 2, "MuPDF drew the raw hb-subset charset correctly?")
    }

    private func rewriteLength(_ bytes: [UInt8], from old: Int, to new: Int) -> [UInt8] {
        let needle = Array("/Length \(old)".utf8)
        guard let range = bytes.firstRange(of: needle) else { return bytes }
        var result = bytes
        result.replaceSubrange(range, with: Array("/Length \(new)".utf8))
        return result
    }

    @Test func descriptorMetricsAreSensible() throws {
        let sans = try sharedCache.program(for: try TestFonts.notoSansTC()).metrics
        let serif = try sharedCache.program(for: try TestFonts.notoSerifTC()).metrics
        #expect(sans.ascent > 800 && sans.ascent < 1300)
        #expect(sans.descent < -100 && sans.descent > -400)
        #expect(sans.capHeight > 600 && sans.capHeight < 800)
        #expect(sans.flags & 4 != 0 && sans.flags & 32 == 0)  // symbolic, not nonsymbolic
        #expect(sans.flags & 2 == 0)
        #expect(serif.flags & 2 != 0)
        #expect(sans.italicAngle == 0 && sans.flags & 64 == 0)
        #expect(sans.stemV > 50 && sans.stemV < 200)
        #expect(sans.bbox.0 < 0 && sans.bbox.2 > 1000)
    }
}
