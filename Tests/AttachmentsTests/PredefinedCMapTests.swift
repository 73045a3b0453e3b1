import Foundation
import PDFReader
import PDFWriter
import Testing

@testable import Attachments

/// CJK Type0 fonts named with a Big5 CMap (`B5pc-H`, `ETen-B5-H`), with `Identity-H` over Adobe-CNS1
/// CIDs, or a word processor's unembedded PMingLiU / 標楷體 (`Identity-H`, Adobe-Identity CIDs, a
/// `/ToUnicode`): decoded through poppler-data's CMap files (or the font's `/ToUnicode`) and replaced by
/// an embedded subset, every code keeping its text and place.
@Suite struct PredefinedCMapTests {
    /// A page showing `content` in F1 = Type0 (object 5) `baseFont` (a name as written in the file,
    /// `#`-escapes allowed) with `cmap`; its descendant (object 6) `subtype` of Adobe-`ordering`, no
    /// program (descriptor object 7); with `toUnicode`, object 8 is that stream.
    static func page(
        baseFont: String, cmap: String, ordering: String, subtype: String = "CIDFontType0", widths: String = "",
        toUnicode: String? = nil, content: String
    ) -> [UInt8] {
        let registry = ordering == "Identity" ? "Adobe" : "Adobe"
        var extra: [HandPDF.Object] = [
            .plain("<< /Type /Font /Subtype /\(subtype) /BaseFont /\(baseFont) /CIDSystemInfo << /Registry (\(registry)) /Ordering (\(ordering)) /Supplement 0 >> /FontDescriptor 7 0 R \(widths) >>"),
            .plain("<< /Type /FontDescriptor /FontName /\(baseFont) /Flags 6 /FontBBox [-160 -259 1015 888] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"),
        ]
        var type0 = "<< /Type /Font /Subtype /Type0 /BaseFont /\(baseFont) /Encoding /\(cmap) /DescendantFonts [6 0 R]"
        if let toUnicode {
            extra.append(.stream("", Array(toUnicode.utf8)))
            type0 += " /ToUnicode 8 0 R"
        }
        return HandPDF.page(fonts: [("F1", type0 + " >>")], content: Array(content.utf8), extra: extra, width: 300, height: 200)
    }

    /// A `/ToUnicode` as word processors write it: two-byte codes, bfchar.
    static func toUnicode(_ entries: [(String, String)]) -> String {
        """
        /CIDInit /ProcSet findresource begin 12 dict begin begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def /CMapType 2 def
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        \(entries.count) beginbfchar
        \(entries.map { "<\($0.0)> <\($0.1)>" }.joined(separator: "\n"))
        endbfchar
        endcmap CMapName currentdict /CMap defineresource pop end end
        """
    }

    /// Replaced, embedded, the claim kept, the text extracted as `expected`, qpdf content, and — where
    /// MuPDF can draw the original (it has the predefined CMaps and a CJK face) — the same places.
    static func expectReplaced(
        _ bytes: [UInt8], name: String, face: String, text expected: String, compareRendering: Bool = true
    ) throws {
        let original = try Scratch.write(bytes, name: name)
        let (path, attachments) = try FontSubstitutionTests.imported(bytes, name: name)
        #expect(attachments.diagnostics.isEmpty, "\(attachments.diagnostics)")
        let form = try #require(attachments.forms.first)
        #expect(form.fontsNotEmbedded.isEmpty)
        #expect(form.substituteCIDFonts[5]?.face.postScriptName == face)
        let fonts = try Tool.run("pdffonts", [path]).stdout
        let rows = fonts.split(separator: "\n").dropFirst(2)
        #expect(rows.count == 1, "\(fonts)")
        // emb, sub, uni: every font embedded, subset, with ToUnicode.
        #expect(rows.allSatisfy { $0.split(separator: " ").suffix(5).prefix(3) == ["yes", "yes", "yes"] }, "\(fonts)")
        let text = try FontSubstitutionTests.text(path)
        #expect(text.contains(expected), "\(text)")
        #expect(try FontSubstitutionTests.claimsPDFA(path))
        let check = try Tool.run("qpdf", ["--check", path])
        #expect(check.status == 0 && !check.stdout.lowercased().contains("warning"), "\(check.stdout)")
        if compareRendering {
            let c = try CJKFontSubstitutionTests.compare(original, path)
            #expect(c.inkA > 500 && c.inkB > 500, "\(c)")
            // Glyph shapes only (MuPDF's face for the original, ours for the copy); measured below 0.3 %.
            #expect(Double(c.differing) / Double(c.total) < 0.01, "\(c)")
        }
    }

    @Test func cmapFilesAreReadWithTheirCodeSpaceRangesAndUsedCMaps() throws {
        let cmaps = SubstituteFaces().cmaps
        let (b5, ordering) = try #require(cmaps.cmap(named: "B5pc-H"))
        #expect(ordering == "CNS1" && b5.writingMode == 0)
        // 中文 in Big5, then a one-byte "A": one- and two-byte codes by the code space.
        let codes = b5.codes(in: [0xA4, 0xA4, 0xA4, 0xE5, 0x41])
        #expect(codes == [[0xA4, 0xA4], [0xA4, 0xE5], [0x41]])
        #expect(codes.map(b5.cid(of:)) == [661, 726, 34])
        let table = try #require(cmaps.cidToUnicode(ordering: "CNS1"))
        #expect(table.text(of: [0x02, 0x95]) == "中")
        // HKSCS Big5 and GBK decode through their collections' tables too (中 is A4A4 in Big5, D6D0 in GBK).
        let (hkscs, _) = try #require(cmaps.cmap(named: "HKscs-B5-H"))
        let hkscsCID = try #require(hkscs.cid(of: [0xA4, 0xA4]))
        #expect(table.text(of: [UInt8(hkscsCID >> 8), UInt8(hkscsCID & 0xFF)]) == "中")
        let (gbk, gbkOrdering) = try #require(cmaps.cmap(named: "GBK-EUC-H"))
        let gbkCID = try #require(gbk.cid(of: [0xD6, 0xD0]))
        #expect(gbkOrdering == "GB1" && cmaps.cidToUnicode(ordering: "GB1")?.text(of: [UInt8(gbkCID >> 8), UInt8(gbkCID & 0xFF)]) == "中")
        // A -V CMap uses its -H: vertical, the -H's code space and mappings below its own.
        let (vertical, _) = try #require(cmaps.cmap(named: "B5pc-V"))
        #expect(vertical.writingMode == 1 && vertical.cid(of: [0xA4, 0xA4]) == 661 && !vertical.codeSpace.isEmpty)
        // Names from students' files reach no other file.
        #expect(cmaps.cmap(named: "../Adobe-CNS1/B5pc-H") == nil && cmaps.cmap(named: "") == nil)
        #expect(cmaps.cmap(named: "No-Such-CMap") == nil)
    }

    @Test func toUnicodeCMapsAndHostileRangesAreRead() {
        let program = CMapProgram(
            bytes: Array(
                """
                2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
                1 begincodespacerange <FF> <00> endcodespacerange
                3 beginbfrange <0041> <0043> <0061> <8140> <8142> [<4E2D> <6587> <D842DFB7>] <01> <00> <0030> endbfrange
                1 beginbfchar <0044> /uni5B78 endbfchar
                1 begincidrange <00000000> <FFFFFFFF> 99999999999 endcidrange
                """.utf8))
        #expect(program.text(of: [0x00, 0x42]) == "b")
        #expect(program.text(of: [0x81, 0x41]) == "文" && program.text(of: [0x81, 0x42]) == "\u{20BB7}")
        #expect(program.text(of: [0x00, 0x44]) == "學")
        #expect(program.text(of: [0x01]) == nil && program.cid(of: [0, 0, 0, 1]) == nil)
        // The reversed range is no range: bytes matching none are one-byte codes.
        #expect(program.codes(in: [0x41, 0x81, 0x40, 0xFF]) == [[0x41], [0x81, 0x40], [0xFF]])
    }

    /// The issue's Big5 cases: MSung-Light with B5pc-H and MHei-Medium with ETen-B5-H.
    @Test func big5CMapsAreDecodedAndReplaced() throws {
        try Self.expectReplaced(
            Self.page(
                baseFont: "MSung-Light", cmap: "B5pc-H", ordering: "CNS1",
                content: "BT /F1 36 Tf 20 120 Td <A4A4A4E5> Tj 0 -50 Td [<BEC7> -200 <B2DF>] TJ ET"),
            name: "b5pc.pdf", face: "NotoSerifCJKtc-Regular", text: "中文")
        try Self.expectReplaced(
            Self.page(
                baseFont: "MHei-Medium", cmap: "ETen-B5-H", ordering: "CNS1",
                content: "BT /F1 36 Tf 20 120 Td <A4A4A4E5> Tj ET"),
            name: "eten.pdf", face: "NotoSansCJKtc-Regular", text: "中文")
    }

    /// Identity-H over Adobe-CNS1 CIDs (661 中, 726 文), widths from /W by CID.
    @Test func identityHOverAdobeCNS1IsDecodedByCID() throws {
        let bytes = Self.page(
            baseFont: "MSung-Light", cmap: "Identity-H", ordering: "CNS1", widths: "/DW 1000 /W [661 [1000] 726 726 1000]",
            content: "BT /F1 36 Tf 20 120 Td <029502D6> Tj ET")
        try Self.expectReplaced(bytes, name: "identity-cns1.pdf", face: "NotoSerifCJKtc-Regular", text: "中文")
    }

    /// A word processor's unembedded 新細明體 (its name in Big5 bytes) and 標楷體: Identity-H over the
    /// font's own glyph ids, the text in /ToUnicode. MuPDF cannot draw these originals (it has no face
    /// for glyph ids of a font it does not have), so the text and fonts are what is checked.
    @Test func wordProcessorsUnembeddedPMingLiUAndKaiAreReplacedThroughToUnicode() throws {
        let map = Self.toUnicode([("0102", "4E2D"), ("0103", "6587")])
        try Self.expectReplaced(
            Self.page(
                baseFont: "#B7#73#B2#D3#A9#FA#C5#E9", cmap: "Identity-H", ordering: "Identity", subtype: "CIDFontType2",
                toUnicode: map, content: "BT /F1 36 Tf 20 120 Td <01020103> Tj ET"),
            name: "pmingliu.pdf", face: "NotoSerifCJKtc-Regular", text: "中文", compareRendering: false)
        let kaiFace = SubstituteFaces().face(.twKai) != nil ? "TW-Kai-98_1" : "NotoSerifCJKtc-Regular"
        try Self.expectReplaced(
            Self.page(
                baseFont: "#BC#D0#B7#A2#C5#E9", cmap: "Identity-H", ordering: "Identity", subtype: "CIDFontType2",
                toUnicode: map, content: "BT /F1 36 Tf 20 120 Td <01020103> Tj ET"),
            name: "kai.pdf", face: kaiFace, text: "中文", compareRendering: false)
        try Self.expectReplaced(
            Self.page(
                baseFont: "SimSun", cmap: "Identity-H", ordering: "Identity", subtype: "CIDFontType2",
                toUnicode: Self.toUnicode([("0102", "8FD9")]), content: "BT /F1 36 Tf 20 120 Td <0102> Tj ET"),
            name: "simsun.pdf", face: "NotoSerifCJKsc-Regular", text: "这", compareRendering: false)
    }

    /// What cannot be decoded or kept honest stays as it is, named, and the claim is dropped: Identity-H
    /// glyph ids without /ToUnicode, and a vertical CMap.
    @Test func unknowableAndVerticalFontsAreNamed() throws {
        let noText = Self.page(
            baseFont: "PMingLiU", cmap: "Identity-H", ordering: "Identity", subtype: "CIDFontType2",
            content: "BT /F1 20 Tf 20 120 Td <01020103> Tj ET")
        let (noTextPath, noTextAttachments) = try FontSubstitutionTests.imported(noText, name: "no-text.pdf")
        #expect(noTextAttachments.forms.first?.fontsNotEmbedded == ["PMingLiU"])
        #expect(try !FontSubstitutionTests.claimsPDFA(noTextPath))
        #expect(
            noTextAttachments.diagnostics.map(\.kind) == [
                .attachmentFontsNotEmbedded(path: "files/no-text.pdf", fonts: ["PMingLiU"], pages: [1])
            ])

        let vertical = Self.page(
            baseFont: "MSung-Light", cmap: "B5pc-V", ordering: "CNS1", content: "BT /F1 20 Tf 20 180 Td <A4A4A4E5> Tj ET")
        let (_, verticalAttachments) = try FontSubstitutionTests.imported(vertical, name: "vertical.pdf")
        #expect(verticalAttachments.forms.first?.fontsNotEmbedded == ["MSung-Light"])
    }

    /// The warning says which font is on which page: fonts on different pages are separate warnings,
    /// and a name written in Big5 bytes is shown as the characters it is.
    @Test func warningsNameEachFontWithItsOwnPages() throws {
        let bytes = HandPDF.bytes([
            .plain("<< /Type /Catalog /Pages 2 0 R >>"),
            .plain("<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>"),
            .plain("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 6 0 R >> >> /Contents 9 0 R >>"),
            .plain("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F2 7 0 R >> >> /Contents 10 0 R >>"),
            .plain("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 6 0 R >> >> /Contents 9 0 R >>"),
            .plain("<< /Type /Font /Subtype /TrueType /BaseFont /Calibri /Encoding /WinAnsiEncoding >>"),
            .plain("<< /Type /Font /Subtype /Type0 /BaseFont /#B7#73#B2#D3#A9#FA#C5#E9 /Encoding /B5pc-V /DescendantFonts [8 0 R] >>"),
            .plain("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /#B7#73#B2#D3#A9#FA#C5#E9 /CIDSystemInfo << /Registry (Adobe) /Ordering (CNS1) /Supplement 0 >> >>"),
            .stream("", Array("BT /F1 20 Tf 20 120 Td (report) Tj ET".utf8)),
            .stream("", Array("BT /F2 20 Tf 20 180 Td <A4A4A4E5> Tj ET".utf8)),
        ])
        let (_, attachments) = try FontSubstitutionTests.imported(bytes, name: "two-fonts.pdf")
        #expect(
            attachments.diagnostics.map(\.kind) == [
                .attachmentFontsNotEmbedded(path: "files/two-fonts.pdf", fonts: ["Calibri"], pages: [1, 3]),
                .attachmentFontsNotEmbedded(path: "files/two-fonts.pdf", fonts: ["新細明體"], pages: [2]),
            ])
    }

    /// Word writes the Latin runs of an unembedded Chinese font as a simple TrueType font (PMingLiU,
    /// WinAnsi, /Widths): replaced by a Type0 Noto subset with a one-byte CMap, same codes and text, the
    /// claim kept. A Latin TrueType font with a similar word in its name is not taken for one.
    @Test func simpleTrueTypeChineseFontsAreReplacedByAOneByteType0Font() throws {
        let widths = "[" + (32...126).map { _ in "500" }.joined(separator: " ") + "]"
        let bytes = HandPDF.page(
            fonts: [("F1", "<< /Type /Font /Subtype /TrueType /BaseFont /PMingLiU /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths \(widths) >>")],
            content: Array("BT /F1 24 Tf 20 120 Td 2 Tw (Hello world) Tj ET".utf8), width: 300, height: 200)
        let (path, attachments) = try FontSubstitutionTests.imported(bytes, name: "pmingliu-simple.pdf")
        #expect(attachments.diagnostics.isEmpty, "\(attachments.diagnostics)")
        let substitute = try #require(attachments.forms.first?.substituteCIDFonts[5])
        #expect(substitute.face.postScriptName == "NotoSerifCJKtc-Regular")
        #expect(substitute.codeSpace == [.init(low: [0], high: [0xFF])])
        #expect(substitute.glyphs.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { $0[0] } == Array(" Hdelorw".utf8).sorted())
        let fonts = try Tool.run("pdffonts", [path]).stdout
        #expect(fonts.contains("+NotoSerifCJKtc-Regular") && fonts.contains("CID Type 0C"), "\(fonts)")
        #expect(try FontSubstitutionTests.text(path).contains("Hello world"))
        #expect(try FontSubstitutionTests.claimsPDFA(path))
        let check = try Tool.run("qpdf", ["--check", path])
        #expect(check.status == 0 && !check.stdout.lowercased().contains("warning"), "\(check.stdout)")

        for name in ["CenturyGothic", "Mingus", "Calibri"] {
            #expect(!CJKFontSubstitution.isChineseFontName(name), "\(name)")
        }
        for name in ["PMingLiU", "MingLiU_HKSCS", "DFKai-SB", "SimSun", "Microsoft JhengHei", "新細明體", "標楷體"] {
            #expect(CJKFontSubstitution.isChineseFontName(name), "\(name)")
        }
    }
}
