import Foundation
import PDFReader
import Testing

/// Fonts without their programs (PDF/A needs every font embedded): found through the page's whole
/// resource closure, judged by the descriptor's /FontFile* stream.
@Suite struct FontProgramTests {
    /// One page whose resources are `resources` (object 3), plus `objects` (numbers from 10).
    func page(resources: String, objects: [Int: String], streams: [Int: (String, String)] = [:]) throws -> ImportedPage {
        var b = PDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [4 0 R] /Count 1 /MediaBox [0 0 200 200] >>")
        b.add(3, resources)
        b.add(4, "<< /Type /Page /Parent 2 0 R /Resources 3 0 R /Contents 5 0 R >>")
        b.addStream(5, "", Array("BT /F1 12 Tf (x) Tj ET".utf8))
        for (n, body) in objects { b.add(n, body) }
        for (n, (dict, data)) in streams { b.addStream(n, dict, Array(data.utf8)) }
        b.finishClassic(trailer: "<< /Size \((b.offsets.keys.max() ?? 0) + 1) /Root 1 0 R >>")
        return try PDFDocumentReader(bytes: b.bytes).page(0)
    }

    @Test func standardFourteenFontsAreNotEmbedded() throws {
        let p = try PDFDocumentReader(bytes: samplePDF()).page(0)
        #expect(p.fontsNotEmbedded == ["Helvetica"])
    }

    @Test func embeddedProgramsOfEveryKindCount() throws {
        let p = try page(
            resources: "<< /Font << /F1 10 0 R /F2 12 0 R /F3 14 0 R >> >>",
            objects: [
                10: "<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Body /FontDescriptor 11 0 R >>",
                11: "<< /Type /FontDescriptor /FontName /ABCDEF+Body /FontFile2 20 0 R >>",
                12: "<< /Type /Font /Subtype /Type1 /BaseFont /Caps /FontDescriptor << /FontFile 21 0 R >> >>",
                14: "<< /Type /Font /Subtype /Type0 /BaseFont /Han /Encoding /Identity-H /DescendantFonts [15 0 R] >>",
                15: "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /Han /FontDescriptor 16 0 R >>",
                16: "<< /Type /FontDescriptor /FontName /Han /FontFile3 22 0 R >>",
            ],
            streams: [20: ("", "glyf"), 21: ("/Length1 4", "cff!"), 22: ("/Subtype /CIDFontType0C", "cff!")])
        #expect(p.fontsNotEmbedded.isEmpty)
    }

    @Test func descendantsNestedFormsAndMissingProgramsAreFound() throws {
        let p = try page(
            resources: "<< /Font << /F1 10 0 R /T3 13 0 R >> /XObject << /X1 30 0 R >> >>",
            objects: [
                // A Type0 font is judged by its descendant, which names a descriptor without a program.
                10: "<< /Type /Font /Subtype /Type0 /BaseFont /MingLiU /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /MingLiU /FontDescriptor 11 0 R >>] >>",
                11: "<< /Type /FontDescriptor /FontName /MingLiU /Flags 32 >>",
                // Type3 glyphs are content procedures: nothing to embed.
                13: "<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << >> /Resources << >> >>",
                // A nested form two levels down uses Arial, whose /FontFile2 points at nothing.
                31: "<< /XObject << /X2 32 0 R >> >>",
                33: "<< /Font << /F9 34 0 R >> >>",
                34: "<< /Type /Font /Subtype /TrueType /BaseFont /Arial,Bold /FontDescriptor << /FontFile2 99 0 R >> >>",
            ],
            streams: [
                30: ("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources 31 0 R", "/X2 Do"),
                32: ("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources 33 0 R", "BT /F9 1 Tf ET"),
            ])
        #expect(p.fontsNotEmbedded == ["Arial,Bold", "MingLiU"])
    }

    @Test func cyclesEndAndHostileNamesAreTamed() throws {
        let long = String(repeating: "N", count: 300)
        let p = try page(
            resources: "<< /Font << /F1 10 0 R >> /XObject << /X1 30 0 R >> >>",
            objects: [
                10: "<< /Type /Font /Subtype /Type1 /BaseFont /Bad#0A#E4Name >>",
                31: "<< /XObject << /X1 30 0 R >> /Font << /F2 11 0 R >> >>",
                11: "<< /Type /Font /Subtype /Type1 /BaseFont /\(long) >>",
            ],
            streams: [30: ("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources 31 0 R", "/X1 Do")])
        #expect(p.fontsNotEmbedded == ["Bad??Name", String(repeating: "N", count: 64)])
    }
}

/// The codes each unembedded font shows, as `importPages` notes them for the fonts that replace them.
@Suite struct ShownCodesTests {
    func document(content: [UInt8], extra: [Int: String] = [:], streams: [Int: (String, [UInt8])] = [:]) throws -> ImportedDocument {
        var b = PDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [4 0 R] /Count 1 /MediaBox [0 0 200 200] >>")
        b.add(3, "<< /Font << /F1 10 0 R /F2 11 0 R >> /XObject << /X1 30 0 R >> /ExtGState << /G1 << /Font [11 0 R 9] >> >> >>")
        b.add(4, "<< /Type /Page /Parent 2 0 R /Resources 3 0 R /Contents 5 0 R >>")
        b.addStream(5, "", content)
        b.add(10, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        b.add(11, "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>")
        b.addStream(30, "/Type /XObject /Subtype /Form /BBox [0 0 10 10]", Array("BT (nested) Tj ET".utf8))
        for (n, body) in extra { b.add(n, body) }
        for (n, (dict, data)) in streams { b.addStream(n, dict, data) }
        b.finishClassic(trailer: "<< /Size \((b.offsets.keys.max() ?? 0) + 1) /Root 1 0 R >>")
        return try PDFDocumentReader(bytes: b.bytes).importPages()
    }

    @Test func fontsInEffectAreFollowed() throws {
        // F1 shows "ab"; q/Q restores it after F2 shows "x"; TJ and ' count; the inline image's bytes
        // (with a fake "Tj" inside) are stepped over; gs sets F2, which the nested form (drawing with
        // its drawer's resources) uses; a stray ")" and a broken hex string are skipped.
        let content = Array("BT /F1 12 Tf (a) Tj q /F2 9 Tf [(x) -20 (x)] TJ Q (b) ' ) <zz> ET BI /W 1 /H 1 ID \u{1}(c) Tj EI /G1 gs /X1 Do".utf8)
        let document = try document(content: content)
        #expect(document.shownCodes[10] == Set("ab".utf8))
        #expect(document.shownCodes[11] == Set("xnested".utf8))
        #expect(document.pages[0].unembeddedFonts.map(\.object) == [10, 11])
    }

    @Test func damagedContentNeverTraps() throws {
        let base = Array("BT /F1 12 Tf (abc) Tj [(d) 1 (e)] TJ BI ID xx EI /X1 Do ET".utf8)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var content = base
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let position = Int.random(in: 0..<content.count, using: &generator)
                content[position] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) { content = Array(content.prefix(Int.random(in: 0...content.count, using: &generator))) }
            let document = try document(content: content)
            #expect((document.shownCodes[10]?.count ?? 0) <= 256)
        }
    }
}
