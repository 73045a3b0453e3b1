import CHarfBuzz
import PDFReader

extension DocumentWalk {
    /// ISO 19005-3 6.2.11.5: the widths a font dictionary gives agree with the embedded program's
    /// advances, to within one unit of 1/1000 em (the tolerance validators use for rounding). Checked
    /// where the glyph a code selects is known without interpreting the program's own encoding:
    /// CIDFontType2 (CIDs through `/CIDToGIDMap`) and simple TrueType fonts (codes through the
    /// program's cmap, as viewers do). CFF programs (Type1C, CIDFontType0) are not checked.
    func checkWidths(_ font: FontEntry, descriptor: [String: PDFObject], _ run: inout Findings) {
        let check = FontWidthConsistency.check(
            font: font.dictionary, descriptor: descriptor, resolve: { r($0) }, data: { try? file.decodedData(of: $0) })
        switch check {
        case .notChecked: return
        case .consistent: run.look(.fontWidths)
        case .unreadableProgram:
            run.look(.fontWidths)
            run.fail(
                .fontWidths, zh: "\(font.place.zh)：內嵌的 TrueType 字型程式無法讀取",
                en: "\(font.place.en): the embedded TrueType program cannot be read")
        case .mismatches(let mismatches):
            run.look(.fontWidths)
            let baseFont = name(font.dictionary["BaseFont"])
            run.fail(
                .fontWidths,
                zh: "\(font.place.zh)\(baseFont.map { "（字型「\($0)」）" } ?? "")：" + mismatches.map(\.zh).joined(separator: "；"),
                en: "\(font.place.en) \(baseFont ?? ""): " + mismatches.map(\.en).joined(separator: "; "))
        }
    }
}

/// ISO 19005-3 6.2.11.5: the widths a font dictionary gives agree with the embedded program's
/// advances, to within one unit of 1/1000 em (the tolerance validators use for rounding). Checked
/// where the glyph a code selects is known without interpreting the program's own encoding:
/// CIDFontType2 (CIDs through `/CIDToGIDMap`) and simple TrueType fonts (codes through the
/// program's cmap, as viewers do). CFF programs (Type1C, CIDFontType0) are not checked.
///
/// Used on written packets (`PDFAVerifier`) and on students' PDFs as they are imported, whose fonts
/// are copied as they are: a packet drawing one that fails cannot claim PDF/A-3b.
public enum FontWidthConsistency: Equatable, Sendable {
    case notChecked
    case consistent
    case unreadableProgram
    /// Up to three.
    case mismatches([WidthMismatch])

    /// One code whose width in the font dictionary is not the program's advance (both in 1/1000 em).
    public struct WidthMismatch: Equatable, Sendable {
        public var code: Int
        public var dictionaryWidth: Int
        public var programWidth: Int

        /// 「字碼 71 的字寬：字典 443、字型程式 0」
        var zh: String { "字碼 \(code) 的字寬：字典 \(dictionaryWidth)、字型程式 \(programWidth)" }
        /// "code 71: /W 443, program 0"
        var en: String { "code \(code): /W \(dictionaryWidth), program \(programWidth)" }
    }

    /// `resolve` follows references of the font's file; `data` decodes one of its streams.
    public static func check(
        font d: [String: PDFObject], descriptor: [String: PDFObject], resolve r: (PDFObject?) -> PDFObject,
        data: (PDFStream) -> [UInt8]?
    ) -> FontWidthConsistency {
        let subtype = r(d["Subtype"]).nameValue
        guard subtype == "CIDFontType2" || subtype == "TrueType" else { return .notChecked }
        guard case .stream(let program) = r(descriptor["FontFile2"]), let bytes = data(program), !bytes.isEmpty else {
            return .notChecked
        }
        guard let face = ProgramFace(bytes) else { return .unreadableProgram }
        var mismatches: [WidthMismatch] = []
        func compare(code: Int, glyph: UInt32, width: Double) {
            guard glyph < face.glyphCount, mismatches.count < 3 else { return }
            let advance = face.advance(glyph)
            // A subsetter that keeps glyph ids (Chromium's, HarfBuzz's retain-gids) leaves the glyphs
            // it dropped empty and without advance, while the producer may still list widths for
            // ranges of codes: such a glyph draws nothing and no text can use it visibly, and which
            // codes the content shows is not read here (content streams are not parsed).
            if advance == 0, face.isEmpty(glyph) { return }
            if abs(advance - width) > 1 {
                mismatches.append(WidthMismatch(code: code, dictionaryWidth: Int(width), programWidth: Int(advance.rounded())))
            }
        }
        if subtype == "CIDFontType2" {
            var gidOf: (Int) -> UInt32? = { UInt32(exactly: $0) }
            if case .stream(let map) = r(d["CIDToGIDMap"]), let bytes = data(map) {
                gidOf = { cid in
                    guard cid >= 0, 2 * cid + 1 < bytes.count else { return nil }
                    return UInt32(bytes[2 * cid]) << 8 | UInt32(bytes[2 * cid + 1])
                }
            }
            for (cid, width) in cidWidths(r(d["W"]).arrayValue ?? [], resolve: r) {
                if let gid = gidOf(cid) { compare(code: cid, glyph: gid, width: width) }
            }
        } else {
            let first = r(d["FirstChar"]).intValue ?? 0
            for (i, w) in (r(d["Widths"]).arrayValue ?? []).enumerated() {
                let code = first + i
                guard let width = r(w).doubleValue, width != 0, (0...255).contains(code),
                    let glyph = face.glyph(forCode: UInt32(code))
                else { continue }
                compare(code: code, glyph: glyph, width: width)
            }
        }
        return mismatches.isEmpty ? .consistent : .mismatches(mismatches)
    }

    /// A `/W` array as CID → width (both forms: `c [w …]` and `c_first c_last w`), bounded.
    static func cidWidths(_ array: [PDFObject], resolve r: (PDFObject?) -> PDFObject) -> [(Int, Double)] {
        var out: [(Int, Double)] = []
        var i = 0
        while i < array.count, out.count < 70_000 {
            guard let start = r(array[i]).intValue else { break }
            if i + 1 < array.count, let list = r(array[i + 1]).arrayValue {
                for (k, w) in list.enumerated() { if let w = r(w).doubleValue { out.append((start + k, w)) } }
                i += 2
            } else if i + 2 < array.count, let end = r(array[i + 1]).intValue, let w = r(array[i + 2]).doubleValue {
                if end >= start, end - start < 70_000 { for c in start...end { out.append((c, w)) } }
                i += 3
            } else {
                break
            }
        }
        return out
    }
}

/// An embedded program opened with HarfBuzz for its advances (a copy of the bytes is the blob's).
final class ProgramFace {
    private let face: OpaquePointer
    private let font: OpaquePointer
    let glyphCount: UInt32
    private let unitsPerEm: Double

    init?(_ data: [UInt8]) {
        guard let count = UInt32(exactly: data.count) else { return nil }
        let made: OpaquePointer? = data.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: data.count) { chars in
                    hb_blob_create(chars, count, HB_MEMORY_MODE_DUPLICATE, nil, nil)
                }
            }
        }
        guard let blob = made else { return nil }
        defer { hb_blob_destroy(blob) }
        guard let face = hb_face_create(blob, 0) else { return nil }
        let upem = hb_face_get_upem(face)
        let glyphs = hb_face_get_glyph_count(face)
        guard upem > 0, glyphs > 0, let font = hb_font_create(face) else {
            hb_face_destroy(face)
            return nil
        }
        hb_font_set_scale(font, Int32(upem), Int32(upem))
        self.face = face
        self.font = font
        glyphCount = glyphs
        unitsPerEm = Double(upem)
    }

    deinit {
        hb_font_destroy(font)
        hb_face_destroy(face)
    }

    /// The advance of `glyph` in 1/1000 em.
    func advance(_ glyph: UInt32) -> Double {
        Double(hb_font_get_glyph_h_advance(font, glyph)) * 1000 / unitsPerEm
    }

    /// Whether `glyph` has no outline (no extents).
    func isEmpty(_ glyph: UInt32) -> Bool {
        var extents = hb_glyph_extents_t()
        guard hb_font_get_glyph_extents(font, glyph, &extents) != 0 else { return true }
        return extents.width == 0 && extents.height == 0
    }

    /// The glyph a simple font's code selects through the program's cmap (HarfBuzz also tries
    /// U+F000 + code for a symbol cmap).
    func glyph(forCode code: UInt32) -> UInt32? {
        var glyph: hb_codepoint_t = 0
        return hb_font_get_nominal_glyph(font, code, &glyph) != 0 && glyph != 0 ? glyph : nil
    }
}
