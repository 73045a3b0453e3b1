import CHarfBuzz
import FontFiles
import Testing

@testable import PDFWriter

/// A prepared face subsets from its working face (the common characters' glyphs) when that holds
/// every glyph asked for, else from the plain face, and both give the bytes the plain face gives.
@Suite struct WorkingFaceTests {
    private func glyphs(_ text: String, in face: FontFace) -> [UInt32] {
        let font = hb_font_create(face.harfBuzzFace)
        defer { hb_font_destroy(font) }
        return text.unicodeScalars.compactMap { scalar in
            var glyph: hb_codepoint_t = 0
            return hb_font_get_nominal_glyph(font, scalar.value, &glyph) != 0 ? glyph : nil
        }
    }

    @Test func commonTextComesFromTheWorkingFaceRareTextFromThePlainOneWithTheSameBytes() throws {
        let face = try TestFonts.notoSansTC()
        let plain = try FontProgram.make(face, preprocess: false)
        let prepared = try plain.prepared()
        #expect(prepared.isPrepared && !plain.isPrepared)

        // 學習歷程 are Big5 level-1 characters; 乂 (U+4E42, Big5 0xC940) is level 2: in the face, not in the working face.
        let common = glyphs("學習歷程，審查 API 2026。", in: face)
        let rare = glyphs("學習歷程乂", in: face)
        #expect(common.count == 17 && rare.count == 5)
        #expect(prepared.subsetSource(for: common).isWorkingFace)
        #expect(!prepared.subsetSource(for: rare).isWorkingFace)
        #expect(!plain.subsetSource(for: common).isWorkingFace)

        for glyphSet in [common, rare] {
            let fromPlain = try FontSubsetter.subset(plain, glyphs: glyphSet)
            let fromPrepared = try FontSubsetter.subset(prepared, glyphs: glyphSet)
            #expect(fromPlain.program == fromPrepared.program)
            #expect(fromPlain.codes == fromPrepared.codes)
        }
    }
}
