import Foundation
import PDFReader
import PDFWriter
import Testing

@testable import Attachments

/// CJK Type0 fonts named with a Unicode CMap and no program (MSung-Light with UniCNS-UCS2-H, as PDF
/// libraries write them for the reader's Asian font pack) are replaced by embedded Noto CJK subsets:
/// same codes, same text, every font embedded, the PDF/A claim kept.
@Suite struct CJKFontSubstitutionTests {
    static func type0(_ baseFont: String, cmap: String, ordering: String, descendant: Int) -> [(String, String)] {
        [("F1", "<< /Type /Font /Subtype /Type0 /BaseFont /\(baseFont) /Encoding /\(cmap) /DescendantFonts [\(descendant) 0 R] >>")]
    }

    /// A page showing `content` in F1 = Type0 `baseFont` with `cmap`, its CIDFontType0 descendant
    /// (object 6) of `ordering` with `widths`, no program (descriptor object 7).
    static func page(_ baseFont: String, cmap: String, ordering: String, widths: String = "/DW 1000", content: String) -> [UInt8] {
        HandPDF.page(
            fonts: type0(baseFont, cmap: cmap, ordering: ordering, descendant: 6),
            content: Array(content.utf8),
            extra: [
                .plain("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /\(baseFont) /CIDSystemInfo << /Registry (Adobe) /Ordering (\(ordering)) /Supplement 0 >> /FontDescriptor 7 0 R \(widths) >>"),
                .plain("<< /Type /FontDescriptor /FontName /\(baseFont) /Flags 6 /FontBBox [-160 -259 1015 888] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"),
            ], width: 300, height: 200)
    }

    /// A rendering by MuPDF (poppler needs poppler-data's CMaps to draw the unembedded original at all;
    /// MuPDF has the predefined CMaps and a CJK face of its own), gray, 100 dpi.
    static func render(_ path: String) throws -> [UInt8] {
        let out = path + ".pgm"
        let result = try Tool.run("mutool", ["draw", "-q", "-r", "100", "-c", "gray", "-o", out, path, "1"])
        try #require(result.status == 0, "\(result.stderr)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
        // P5 header: four whitespace-separated fields.
        var fields = 0
        var index = 0
        while fields < 4, index < bytes.count {
            while index < bytes.count, [0x20, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            while index < bytes.count, ![0x20, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            fields += 1
        }
        return Array(bytes[(index + 1)...])
    }

    /// Ink (pixels darker than mid-gray) of two renderings: how many pixels each has, and how many
    /// differ. Glyph shapes differ (MuPDF's face, Noto's); positions and sizes must not.
    static func compare(_ a: String, _ b: String) throws -> (inkA: Int, inkB: Int, differing: Int, total: Int) {
        let x = try render(a)
        let y = try render(b)
        try #require(x.count == y.count)
        var inkA = 0
        var inkB = 0
        var differing = 0
        for i in x.indices {
            let da = x[i] < 128
            let db = y[i] < 128
            if da { inkA += 1 }
            if db { inkB += 1 }
            if da != db { differing += 1 }
        }
        return (inkA, inkB, differing, x.count)
    }

    @Test func unicodeCMapsSplitCodesAsTheirCodeSpaceSays() {
        #expect(UnicodeCMap.uniCNSUCS2H.codes(in: [0x4E, 0x2D, 0x65, 0x87, 0x41]) == [[0x4E, 0x2D], [0x65, 0x87]])
        let utf16 = UnicodeCMap.uniCNSUTF16H
        let codes = utf16.codes(in: [0xD8, 0x42, 0xDF, 0xB7, 0x4E, 0x2D, 0xD8, 0x00])
        #expect(codes == [[0xD8, 0x42, 0xDF, 0xB7], [0x4E, 0x2D], [0xD8, 0x00]])
        #expect(utf16.scalar(of: codes[0]) == "\u{20BB7}" && utf16.scalar(of: codes[2]) == nil)
        #expect(UnicodeCMap.uniGBUTF32H.scalar(of: [0, 0, 0x4E, 0x2D]) == "中")
        #expect(UnicodeCMap(rawValue: "B5pc-H") == nil)
    }

    /// The case: MSung-Light, UniCNS-UCS2-H, Adobe-CNS1, /DW 1000, no FontFile.
    @Test func msungLightWithUCS2IsReplacedByNotoSerif() throws {
        let bytes = Self.page(
            "MSung-Light", cmap: "UniCNS-UCS2-H", ordering: "CNS1",
            content: "BT /F1 40 Tf 20 120 Td <4E2D6587> Tj 0 -50 Td [<5B78> -200 <7FD2>] TJ ET")
        let original = try Scratch.write(bytes, name: "msung.pdf")
        let (path, attachments) = try FontSubstitutionTests.imported(bytes, name: "msung.pdf")
        #expect(attachments.diagnostics.isEmpty, "\(attachments.diagnostics)")
        let form = try #require(attachments.forms.first)
        #expect(form.fontsNotEmbedded.isEmpty)
        let substitute = try #require(form.substituteCIDFonts[5])
        #expect(substitute.face.postScriptName == "NotoSerifCJKtc-Regular")
        #expect(substitute.glyphs.keys.sorted { $0.lexicographicallyPrecedes($1) } == [[0x4E, 0x2D], [0x5B, 0x78], [0x65, 0x87], [0x7F, 0xD2]])
        #expect(substitute.glyphs.values.allSatisfy { $0.width == 1000 })
        let fonts = try FontSubstitutionTests.fonts(path)
        #expect(fonts.count == 1 && fonts.allSatisfy(\.embedded), "\(fonts)")
        #expect(fonts.first?.type == "CID Type", "\(fonts)")
        let text = try FontSubstitutionTests.text(path)
        #expect(text.contains("中文") && text.contains("學") && text.contains("習"), "\(text)")
        #expect(try FontSubstitutionTests.claimsPDFA(path))
        let check = try Tool.run("qpdf", ["--check", path])
        #expect(check.status == 0 && !check.stdout.lowercased().contains("warning"), "\(check.stdout)")
        // Same places: only glyph shapes may differ (MuPDF's own choice of face for the original against
        // our Noto Serif CJK TC). Measured: 0 pixels (MuPDF picks a Noto-like Ming face); bound 1 % of the
        // page (1,159 pixels), under half the ink of the four ideographs (2,290), so a missing or moved
        // glyph fails.
        let c = try Self.compare(original, path)
        #expect(c.inkA > 1000 && c.inkB > 1000, "\(c)")
        #expect(Double(c.differing) / Double(c.total) < 0.01, "\(c)")
    }

    /// reportlab writes the descendant CIDFont inside the Type0 font's /DescendantFonts array, not as
    /// an object of its own: the Type0 font (object 5) is replaced all the same.
    @Test func aDescendantWrittenInsideTheType0FontIsReplaced() throws {
        let descendant =
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /MSung-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (CNS1) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 >>"
        let bytes = HandPDF.page(
            fonts: [("F1", "<< /Type /Font /Subtype /Type0 /BaseFont /MSung-Light /Encoding /UniCNS-UCS2-H /DescendantFonts [\(descendant)] >>")],
            content: Array("BT /F1 40 Tf 20 120 Td <4E2D6587> Tj ET".utf8),
            extra: [
                .plain("<< /Type /FontDescriptor /FontName /MSung-Light /Flags 6 /FontBBox [-160 -259 1015 888] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
            ], width: 300, height: 200)
        let (path, attachments) = try FontSubstitutionTests.imported(bytes, name: "msung-inline.pdf")
        #expect(attachments.diagnostics.isEmpty, "\(attachments.diagnostics)")
        let form = try #require(attachments.forms.first)
        #expect(form.fontsNotEmbedded.isEmpty)
        #expect(form.substituteCIDFonts[5]?.face.postScriptName == "NotoSerifCJKtc-Regular")
        #expect(try FontSubstitutionTests.fonts(path).allSatisfy(\.embedded))
        #expect(try FontSubstitutionTests.text(path).contains("中文"))
        #expect(try FontSubstitutionTests.claimsPDFA(path))
    }

    /// Hei names take Noto Sans; UTF-16 codes (a surrogate pair too); Adobe-GB1 STSong-Light with
    /// UniGB-UCS2-H takes the Simplified Chinese face; ASCII widths from /W for CIDs 1–95.
    @Test func heiUTF16AndGB1FontsAreReplaced() throws {
        let hei = Self.page(
            "MHei-Medium", cmap: "UniCNS-UTF16-H", ordering: "CNS1",
            content: "BT /F1 20 Tf 20 120 Td <4E2D0041> Tj ET")
        let (heiPath, heiAttachments) = try FontSubstitutionTests.imported(hei, name: "hei.pdf")
        #expect(heiAttachments.forms.first?.substituteCIDFonts[5]?.face.postScriptName == "NotoSansCJKtc-Regular")
        #expect(try FontSubstitutionTests.claimsPDFA(heiPath))
        #expect(try FontSubstitutionTests.text(heiPath).contains("中A"))

        let song = Self.page(
            "STSong-Light", cmap: "UniGB-UCS2-H", ordering: "GB1", widths: "/DW 1000 /W [34 [600]]",
            content: "BT /F1 20 Tf 20 120 Td <8FD9662F0041> Tj ET")
        let (songPath, songAttachments) = try FontSubstitutionTests.imported(song, name: "song.pdf")
        let substitute = try #require(songAttachments.forms.first?.substituteCIDFonts[5])
        #expect(substitute.face.postScriptName == "NotoSerifCJKsc-Regular")
        #expect(songAttachments.diagnostics.isEmpty)
        // "A" (CID 34): the file says 600, Noto's advance differs by more than a unit: Noto's is written.
        let glyphs = try #require(SubstituteFaces().face(.serifSC))
        let a = try #require(substitute.glyphs[[0x00, 0x41]])
        let own = glyphs.width(of: a.glyph)
        #expect(a.width == (abs(own - 600) <= 1 ? 600 : own.rounded()), "\(a.width) \(own)")
        #expect(try FontSubstitutionTests.text(songPath).contains("这是A"))
        #expect(try FontSubstitutionTests.fonts(songPath).allSatisfy(\.embedded))
    }

    /// What cannot be replaced stays, named, without the claim: without the CMap files (poppler-data
    /// not installed, or `$PORTFOLIO_EXPORT_CMAPS` wrong) a Big5 CMap cannot be read, and a /W that sets
    /// widths of CIDs other than the ASCII ones cannot be related to a Unicode CMap's characters.
    @Test func cjkFontsThatCannotBeReplacedAreNamed() throws {
        let noCMaps = SubstituteFaces(cmaps: PredefinedCMaps(folder: URL(fileURLWithPath: "/nonexistent-cmaps")))
        let big5 = Self.page("MSung-Light", cmap: "B5pc-H", ordering: "CNS1", content: "BT /F1 20 Tf 20 120 Td <A4A4> Tj ET")
        let (big5Path, big5Attachments) = try FontSubstitutionTests.imported(big5, name: "big5.pdf", faces: noCMaps)
        #expect(big5Attachments.forms.first?.fontsNotEmbedded == ["MSung-Light"])
        #expect(try !FontSubstitutionTests.claimsPDFA(big5Path))
        #expect(big5Attachments.diagnostics.map(\.kind) == [.attachmentFontsNotEmbedded(path: "files/big5.pdf", fonts: ["MSung-Light"], pages: [1])])

        let wide = Self.page(
            "MSung-Light", cmap: "UniCNS-UCS2-H", ordering: "CNS1", widths: "/DW 1000 /W [5000 [500]]",
            content: "BT /F1 20 Tf 20 120 Td <4E2D> Tj ET")
        let (_, wideAttachments) = try FontSubstitutionTests.imported(wide, name: "wide.pdf", faces: noCMaps)
        #expect(wideAttachments.forms.first?.fontsNotEmbedded == ["MSung-Light"])
        // With the CMap file the CID of 中 (661) is known, and /W says nothing of it: replaced.
        let (_, knownAttachments) = try FontSubstitutionTests.imported(wide, name: "wide-known.pdf")
        #expect(knownAttachments.forms.first?.fontsNotEmbedded == [])
        // A Type0 font no walk finds text in (named, never shown) is not replaced either.
        let unused = Self.page("MSung-Light", cmap: "UniCNS-UCS2-H", ordering: "CNS1", content: "")
        let (_, unusedAttachments) = try FontSubstitutionTests.imported(unused, name: "unused.pdf")
        #expect(unusedAttachments.forms.first?.fontsNotEmbedded == ["MSung-Light"])
    }
}
