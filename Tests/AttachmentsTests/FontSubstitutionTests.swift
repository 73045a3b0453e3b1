import Foundation
import PDFReader
import PDFWriter
import PortfolioRecord
import Testing

@testable import Attachments

/// Fonts a student's PDF uses without embedding them are replaced by embedded, metric-compatible
/// faces (the standard 14 by URW base-35, Arial/Times New Roman/Courier New by Liberation): the
/// imported page is self-contained, shows the same text in the same places, and the packet keeps its
/// PDF/A claim. What cannot be replaced faithfully stays as it was, named.
@Suite struct FontSubstitutionTests {
    static let faces = SubstituteFaces()

    /// The attachment's pages as a document of their own, each drawn at 100% on a page of its size
    /// (so it can be compared with the original pixel for pixel), with the PDF/A identification
    /// asked for: the writer gives it only when every drawn form's fonts are embedded.
    static func imported(
        _ bytes: [UInt8], name: String, faces: SubstituteFaces = faces
    ) throws -> (path: String, attachments: PreparedAttachments) {
        let file = AttachmentFile(
            path: "files/\(name)", size: bytes.count, mediaType: .pdf, sha256: name, md5: name, md5Check: .notStated,
            bytes: bytes)
        let attachments = PreparedAttachments(
            files: [file], uses: [AttachmentUse(path: file.path, kind: .pdfPages, item: "J")], substitutes: faces)
        let pages = try #require(attachments.pdfPages(file.path))
        var spec = PDFDocumentSpec(
            pages: pages.map {
                PDFPage(width: $0.width, height: $0.height, content: [.form(FormID($0.index), x: 0, y: 0, width: $0.width, height: $0.height)])
            },
            info: DocumentInfo(
                title: "t",
                pdfA3: PDFAIdentification(
                    schemaName: "t", namespaceURI: "urn:t:1#", prefix: "t",
                    properties: [.init(name: "DocumentFileName", value: "x.xml", description: "name")])))
        spec.forms = attachments.forms
        let path = try Scratch.write(try PDFWriter().write(spec), name: "imported-\(name)")
        return (path, attachments)
    }

    /// pdffonts rows (name, type, emb) of a file.
    static func fonts(_ path: String) throws -> [(name: String, type: String, embedded: Bool)] {
        let out = try Tool.run("pdffonts", [path]).stdout
        return out.split(separator: "\n").dropFirst(2).map { row in
            let columns = row.split(separator: " ", omittingEmptySubsequences: true)
            let embedded = columns.suffix(5).first == "yes"
            return (String(columns.first ?? ""), columns.dropFirst().prefix(2).joined(separator: " "), embedded)
        }
    }

    static func text(_ path: String) throws -> String {
        try Tool.run("pdftotext", ["-enc", "UTF-8", "-layout", path, "-"]).stdout
    }

    static func claimsPDFA(_ path: String) throws -> Bool {
        let meta = try Tool.run("pdfinfo", ["-meta", path]).stdout
        return meta.contains("<pdfaid:part>3</pdfaid:part>") && meta.contains("<pdfaid:conformance>B</pdfaid:conformance>")
    }

    /// Latin-1 bytes of a content stream (so codes above 127 are written as the single bytes they are).
    static func content(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
    }

    @Test func namesOfTheStandardFontsAndTheirAliasesAreRecognised() {
        let known: [(String, SubstituteFaces.Family, Bool, Bool)] = [
            ("Helvetica", .helvetica, false, false), ("Helvetica-BoldOblique", .helvetica, true, true),
            ("ABCDEF+Helvetica-Oblique", .helvetica, false, true), ("Times-Roman", .times, false, false),
            ("Times-BoldItalic", .times, true, true), ("Courier-Bold", .courier, true, false),
            ("Symbol", .symbol, false, false), ("ZapfDingbats", .zapfDingbats, false, false),
            ("Arial", .arial, false, false), ("ArialMT", .arial, false, false), ("Arial,Bold", .arial, true, false),
            ("Arial-BoldMT", .arial, true, false), ("Arial-BoldItalicMT", .arial, true, true),
            ("Arial,Italic", .arial, false, true), ("TimesNewRomanPSMT", .timesNewRoman, false, false),
            ("TimesNewRomanPS-BoldItalicMT", .timesNewRoman, true, true), ("TimesNewRoman,Bold", .timesNewRoman, true, false),
            ("Times New Roman", .timesNewRoman, false, false), ("CourierNewPSMT", .courierNew, false, false),
            ("CourierNew,BoldItalic", .courierNew, true, true), ("CourierNewPS-ItalicMT", .courierNew, false, true),
        ]
        for (name, family, bold, italic) in known {
            let found = SubstituteFaces.family(ofBaseFont: name)
            #expect(found?.0 == family && found?.1 == SubstituteFaces.Style(bold: bold, italic: italic), "\(name): \(String(describing: found))")
        }
        // The encodings' tables are whole (256 codes each).
        let tables = [
            SimpleFontSubstitution.encoding(nil, objects: [:], family: .helvetica, trueType: false),
            SimpleFontSubstitution.encoding(.name("WinAnsiEncoding"), objects: [:], family: .helvetica, trueType: false),
            SimpleFontSubstitution.encoding(.name("MacRomanEncoding"), objects: [:], family: .helvetica, trueType: false),
            SimpleFontSubstitution.encoding(nil, objects: [:], family: .symbol, trueType: false),
            SimpleFontSubstitution.encoding(nil, objects: [:], family: .zapfDingbats, trueType: false),
        ]
        #expect(tables.map { $0?[0x27] ?? nil } == ["quoteright", "quotesingle", "quotesingle", "suchthat", "a119"])
        #expect(tables.map { $0?[0x20] ?? nil } == ["space", "space", "space", "space", "space"])
        #expect(tables[1]?[0x80] == "Euro" && tables[2]?[0x80] == "Adieresis" && tables[0]?[0xAE] == "fi")
        #expect(SimpleFontSubstitution.encoding(.name("MacExpertEncoding"), objects: [:], family: .times, trueType: false) == nil)
        // Other fonts, with other widths: not ours to replace.
        for name in ["ArialNarrow", "Arial-Black", "ArialUnicodeMS", "Helvetica-Narrow", "HelveticaNeue", "SymbolMT", "Calibri", "MingLiU", "Timesless"] {
            #expect(SubstituteFaces.family(ofBaseFont: name) == nil, "\(name)")
        }
    }

    /// The common case: Helvetica (WinAnsi, no widths), Times-Bold (its built-in StandardEncoding,
    /// kerned with TJ), Arial,Bold (TrueType with a word processor's /Widths, justified with Tw) and
    /// Courier-Oblique with /Differences, all on one page.
    @Test func standardAndArialFontsAreReplacedFaithfully() throws {
        let arialBoldWidths = [
            278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
            556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
            722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
            556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500,
        ].map(String.init).joined(separator: " ")
        let bytes = HandPDF.page(
            fonts: [
                ("F1", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
                ("F2", "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold >>"),
                ("F3", "<< /Type /Font /Subtype /TrueType /BaseFont /Arial,Bold /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 122 /Widths [\(arialBoldWidths)] /FontDescriptor 9 0 R >>"),
                ("F4", "<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Oblique /Encoding << /Differences [65 /Euro /quotedblleft] >> >>"),
            ],
            content: Self.content(
                "BT /F1 24 Tf 72 760 Td (Hello W\u{F6}rld \u{93}quoted\u{94} \u{80} caf\u{E9} 12.5%) Tj ET "
                    + "BT /F2 20 Tf 72 700 Td [(Times Bold AV) -200 (AWAY quoteright's)] TJ ET "
                    + "BT /F3 18 Tf 72 640 Td 4 Tw (Arial bold text, justified) Tj 0 -30 Td (second line) ' ET "
                    + "q BT /F4 16 Tf 72 560 Td (ABC mono) Tj ET Q"),
            extra: [
                .plain("<< /Type /FontDescriptor /FontName /Arial,Bold /Flags 32 /FontBBox [-628 -376 2000 1010] /ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 716 /StemV 165 >>")
            ])
        let original = try Scratch.write(bytes, name: "standard.pdf")
        let (path, attachments) = try Self.imported(bytes, name: "standard.pdf")

        #expect(attachments.diagnostics.isEmpty, "\(attachments.diagnostics)")
        #expect(attachments.forms.allSatisfy { $0.fontsNotEmbedded.isEmpty })
        let fonts = try Self.fonts(path)
        #expect(fonts.count == 4 && fonts.allSatisfy(\.embedded), "\(fonts)")
        #expect(fonts.map { $0.name.split(separator: "+").last.map(String.init) ?? "" }.sorted()
            == ["LiberationSans-Bold", "NimbusMonoPS-Italic", "NimbusRoman-Bold", "NimbusSans-Regular"])
        #expect(try Self.text(path) == Self.text(original))
        #expect(try Self.text(path).contains("Hello Wörld “quoted” € café 12.5%"))
        #expect(try Self.claimsPDFA(path))
        let check = try Tool.run("qpdf", ["--check", path])
        #expect(check.status == 0 && !check.stdout.lowercased().contains("warning"), "\(check.stdout)")
        // Metric-compatible: the text stays where it was (poppler draws the originals with the same
        // URW and Liberation faces, through fontconfig).
        let difference = try differingPixels(original, path)
        #expect(difference < 0.02, "\(difference)")
    }

    /// Widths PDF/A can check: every shown code's /Widths entry is the program's advance within one
    /// unit. A font whose /Widths disagree with the substitute gets the substitute's (and says so here).
    @Test func writtenWidthsAgreeWithTheEmbeddedProgram() throws {
        let bytes = HandPDF.page(
            fonts: [
                ("F1", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 65 /LastChar 67 /Widths [500 500 722] >>")
            ],
            content: Self.content("BT /F1 12 Tf 72 700 Td (ABC) Tj ET"))
        let (_, attachments) = try Self.imported(bytes, name: "widths.pdf")
        let substitute = try #require(attachments.forms.first?.substituteFonts.values.first)
        let glyphs = try #require(Self.faces.face(.helvetica, SubstituteFaces.Style(bold: false, italic: false)))
        #expect(substitute.glyphs.keys.sorted() == [65, 66, 67])
        for (code, glyph) in substitute.glyphs {
            #expect(abs(glyph.width - glyphs.width(of: glyph.glyph)) <= 1, "code \(code)")
        }
        // A (667) and B (667) disagreed with the file's 500, C (722) agreed.
        #expect(substitute.glyphs[65]?.width == 667 && substitute.glyphs[67]?.width == 722)
    }

    /// Only the shown glyphs are embedded; a font the page names but never shows gets the glyphs its
    /// encoding names (it costs little, and text drawn where the scan does not look stays drawn).
    @Test func onlyTheShownCodesAreEmbedded() throws {
        let bytes = HandPDF.page(
            fonts: [
                ("F1", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
                ("F2", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"),
            ],
            content: Self.content("BT /F1 12 Tf 72 700 Td [(aab) 120 (a)] TJ ET"))
        let (_, attachments) = try Self.imported(bytes, name: "shown.pdf")
        let substitutes = try #require(attachments.forms.first?.substituteFonts)
        #expect(substitutes[5]?.glyphs.keys.sorted() == [97, 98])
        #expect((substitutes[6]?.glyphs.count ?? 0) > 200)
    }

    /// Codes the substitute cannot draw, a font we have no substitute for, or one written inside the
    /// resources rather than as an object: the font stays as it was and is named with its page, and
    /// the document does not claim PDF/A. The other fonts of the same file are still replaced.
    @Test func whatCannotBeReplacedFaithfullyIsNamed() throws {
        let bytes = HandPDF.page(
            fonts: [
                ("F1", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [65 /g0417] >> >>"),
                ("F2", "<< /Type /Font /Subtype /TrueType /BaseFont /Calibri /Encoding /WinAnsiEncoding >>"),
                ("F3", "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>"),
            ],
            content: Self.content("BT /F1 12 Tf 72 700 Td (AB) Tj /F2 12 Tf (Calibri) Tj /F3 12 Tf (Times) Tj ET"))
        let (path, attachments) = try Self.imported(bytes, name: "unreplaceable.pdf")
        #expect(attachments.forms.first?.fontsNotEmbedded == ["Calibri", "Helvetica"])
        let kinds = attachments.diagnostics.map(\.kind)
        #expect(kinds == [.attachmentFontsNotEmbedded(path: "files/unreplaceable.pdf", fonts: ["Calibri", "Helvetica"], pages: [1])])
        #expect(attachments.diagnostics.first?.item == "J")
        #expect(try !Self.claimsPDFA(path))
        let fonts = try Self.fonts(path)
        #expect(fonts.filter(\.embedded).map(\.name).allSatisfy { $0.hasSuffix("+NimbusRoman-Regular") } && fonts.count == 3, "\(fonts)")
        // A font written directly in the resources cannot be named by an object, so it stays.
        let inline = HandPDF.bytes([
            .plain("<< /Type /Catalog /Pages 2 0 R >>"),
            .plain("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            .plain("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 4 0 R >>"),
            .stream("", Array("BT /F1 12 Tf 10 100 Td (x) Tj ET".utf8)),
        ])
        let (_, inlineAttachments) = try Self.imported(inline, name: "inline.pdf")
        #expect(inlineAttachments.forms.first?.fontsNotEmbedded == ["Helvetica"])
    }

    /// Symbol and ZapfDingbats by their built-in encodings, drawn from Standard Symbols PS and
    /// D050000L, with the text the glyphs are (Greek, the Dingbats block, never the Private Use Area);
    /// nested forms are followed.
    @Test func symbolFontsAndNestedFormsAreReplaced() throws {
        let bytes = HandPDF.page(
            fonts: [
                ("F1", "<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>"),
                ("F2", "<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>"),
            ],
            content: Self.content("BT /F1 24 Tf 72 700 Td (abgWm\u{E6}) Tj ET /X1 Do"),
            extra: [
                .stream(
                    "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /Z 6 0 R >> >>",
                    Self.content("BT /Z 24 Tf 72 600 Td (3 4%\u{AC}\u{D5}) Tj ET"))
            ])
        // Object 3's resources gain the form (objects: 5 = F1, 6 = F2, 7 = the form).
        let withForm = Self.latin1(bytes).replacingOccurrences(
            of: "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >>",
            with: "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /X1 7 0 R >> >>")
        let fixed = Self.rewriteXRef(Self.content(withForm))
        let original = try Scratch.write(fixed, name: "symbols.pdf")
        let (path, attachments) = try Self.imported(fixed, name: "symbols.pdf")
        #expect(attachments.diagnostics.isEmpty, "\(attachments.diagnostics)")
        let substitutes = try #require(attachments.forms.first?.substituteFonts)
        #expect(substitutes[6]?.glyphs.keys.sorted() == [0x20, 0x25, 0x33, 0x34, 0xAC, 0xD5])
        #expect(substitutes[5]?.glyphs[0x61]?.text == "α" && substitutes[6]?.glyphs[0x33]?.name == "a19")
        // Symbol's Ω, μ and bracket piece; ZapfDingbats' ✓ ✔ ☎ ① →: real characters, none private.
        #expect(substitutes[5]?.glyphs[0x57]?.text == "Ω" && substitutes[5]?.glyphs[0x6D]?.text == "μ")
        #expect(substitutes[5]?.glyphs[0xE6]?.text == "\u{239B}")
        #expect(
            [0x33, 0x34, 0x25, 0xAC, 0xD5].map { substitutes[6]?.glyphs[$0]?.text } == ["\u{2713}", "\u{2714}", "\u{260E}", "\u{2460}", "\u{2192}"])
        let allTexts = [5, 6].flatMap { substitutes[$0]?.glyphs.values.compactMap(\.text) ?? [] }
        #expect(allTexts.allSatisfy { $0.unicodeScalars.allSatisfy { !(0xE000...0xF8FF).contains($0.value) } }, "\(allTexts)")
        #expect(try Self.fonts(path).allSatisfy(\.embedded))
        #expect(try Self.claimsPDFA(path))
        let text = try Self.text(path)
        #expect(text.contains("αβγΩμ") && text.contains("✓ ✔☎①→"), "\(text)")
        #expect(try differingPixels(original, path) < 0.02)
    }

    /// The same PDF with its cross-reference offsets recomputed (after a test edited an object).
    static func rewriteXRef(_ bytes: [UInt8]) -> [UInt8] {
        let text = latin1(bytes)
        guard let xrefRange = text.range(of: "xref\n") else { return bytes }
        let body = String(text[..<xrefRange.lowerBound])
        var offsets: [Int] = []
        var search = body.startIndex
        var number = 1
        while let found = body.range(of: "\n\(number) 0 obj\n", range: search..<body.endIndex) {
            offsets.append(body.unicodeScalars.distance(from: body.startIndex, to: found.lowerBound) + 1)
            search = found.upperBound
            number += 1
        }
        var out = body + "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(body.unicodeScalars.count)\n%%EOF\n"
        return content(out)
    }

    /// Bytes as Latin-1 text (each byte one character), so a test can edit a PDF holding any byte.
    static func latin1(_ bytes: [UInt8]) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
