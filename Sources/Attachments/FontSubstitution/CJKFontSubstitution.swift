import PDFReader
import PDFWriter

/// Replacing a Type0 font a student's PDF uses without its program, when its `/Encoding` is a CMap
/// whose codes are Unicode (`UniCNS-UCS2-H`, `UniCNS-UTF16-H`, `UniCNS-UTF32-H`, the `UniGB-` ones): the
/// MSung-Light, MHei-Medium or STSong-Light that PDF libraries name without embedding, relying on the
/// reader's Asian font pack. Each shown code is the character it stands for, so a face of ours can
/// draw it: Noto Serif CJK (Ming/Sung/Song/Kai and other names) or Noto Sans CJK (Hei, Gothic, Sans,
/// Yuan) in the collection's region (TC for CNS1, SC for GB1), else TW-Sung when the Noto face lacks a
/// character. The codes are kept (an embedded CMap maps them to our glyphs), so no content is rewritten.
///
/// Widths: the original's are the CIDFont's `/W` by CID of Adobe-CNS1/GB1, which only the CMap file
/// relates to the codes. Without it we know two things: `/DW` (1000 when absent) and the CIDs 1–95 both
/// CMaps give U+0020–U+007E. A font whose `/W` sets any other CID to a width other than `/DW` is not
/// replaced (we could not tell which characters it meant). Each glyph then keeps the original width when
/// it is within one unit of our face's advance (CJK ideographs: 1000 in both), else gets our advance
/// (PDF/A requires the two to agree; such text may move a little).
enum CJKFontSubstitution {
    static func substitute(
        font dictionary: [String: PDFObject], objects: [Int: PDFObject], shownCodes: Set<[UInt8]>?,
        faces: SubstituteFaces
    ) -> SubstituteCIDFont? {
        func resolved(_ value: PDFObject?) -> PDFObject? {
            if case .reference(let n)? = value { return objects[n] }
            return value
        }
        guard resolved(dictionary["Subtype"])?.nameValue == "Type0",
            let cmapName = resolved(dictionary["Encoding"])?.nameValue, let cmap = UnicodeCMap(rawValue: cmapName),
            let descendants = resolved(dictionary["DescendantFonts"])?.arrayValue, descendants.count == 1,
            let cidFont = resolved(descendants[0])?.dictionaryValue,
            ["CIDFontType0", "CIDFontType2"].contains(resolved(cidFont["Subtype"])?.nameValue ?? ""),
            // Codes no walk found (text only a pattern draws, or none): nothing tells which glyphs to embed.
            let shownCodes, !shownCodes.isEmpty
        else { return nil }
        let name = resolved(dictionary["BaseFont"])?.nameValue ?? resolved(cidFont["BaseFont"])?.nameValue ?? ""
        guard let widths = widths(of: cidFont, resolved: resolved) else { return nil }

        let codes = shownCodes.sorted { $0.lexicographicallyPrecedes($1) }
        var scalars: [[UInt8]: Unicode.Scalar] = [:]
        for code in codes {
            guard let scalar = cmap.scalar(of: code) else { return nil }
            scalars[code] = scalar
        }
        for candidate in Self.faces(for: name, ordering: cmap.ordering) {
            guard let glyphs = faces.face(candidate) else { continue }
            var result: [[UInt8]: SubstituteGlyph] = [:]
            var ownWidth: [UInt32: Double] = [:]
            var agrees: [UInt32: Bool] = [:]
            for code in codes {
                guard let scalar = scalars[code], let glyph = glyphs.glyph(for: scalar) else {
                    result = [:]
                    break
                }
                let own = glyphs.width(of: glyph)
                let original = widths(scalar)
                ownWidth[glyph] = own
                agrees[glyph] = (agrees[glyph] ?? true) && abs(original - own) <= 1
                result[code] = SubstituteGlyph(glyph: glyph, name: "", width: original, text: String(scalar))
            }
            guard result.count == codes.count else { continue }
            // One width per glyph (it is one CID): the original's where it agrees with our advance.
            for (code, glyph) in result where agrees[glyph.glyph] != true {
                result[code]?.width = (ownWidth[glyph.glyph] ?? glyph.width).rounded()
            }
            return SubstituteCIDFont(
                face: glyphs.face, codeSpace: cmap.codeSpace.map { .init(low: $0.low, high: $0.high) }, glyphs: result,
                cmapName: cmapName)
        }
        return nil
    }

    /// Our faces for a font name, best first: Noto in the collection's region (sans for Hei/Gothic/Sans/
    /// Yuan names, serif for the rest; bold for Bold/Heavy/Black names), then TW-Sung for Traditional.
    static func faces(for name: String, ordering: String) -> [SubstituteFaces.CJKFace] {
        let lower = name.lowercased()
        let sans = ["hei", "gothic", "sans", "yuan", "kaku"].contains { lower.contains($0) }
        let bold = ["bold", "heavy", "black"].contains { lower.contains($0) }
        let traditional = ordering != "GB1"
        let noto: SubstituteFaces.CJKFace
        switch (sans, bold, traditional) {
        case (false, false, true): noto = .serifTC
        case (false, true, true): noto = .serifTCBold
        case (true, false, true): noto = .sansTC
        case (true, true, true): noto = .sansTCBold
        case (false, false, false): noto = .serifSC
        case (false, true, false): noto = .serifSCBold
        case (true, false, false): noto = .sansSC
        case (true, true, false): noto = .sansSCBold
        }
        return [noto, .twSung]
    }

    /// The width (1/1000 em) the original gives each character, as far as it can be known without the
    /// CMap file (see the type's comment); nil when `/W` sets widths we cannot place.
    static func widths(
        of cidFont: [String: PDFObject], resolved: (PDFObject?) -> PDFObject?
    ) -> ((Unicode.Scalar) -> Double)? {
        let defaultWidth = resolved(cidFont["DW"])?.doubleValue ?? 1000
        var ascii: [Int: Double] = [:]  // CID 1…95 = U+0020…U+007E
        var items = (resolved(cidFont["W"])?.arrayValue ?? []).map { resolved($0) }[...]
        func note(_ cid: Int, _ width: Double) -> Bool {
            if (1...95).contains(cid) {
                ascii[cid] = width
                return true
            }
            return abs(width - defaultWidth) < 0.5
        }
        while let first = items.popFirst() {
            guard let start = first?.intValue, let second = items.popFirst() else { return nil }
            if let list = second?.arrayValue {
                for (offset, value) in list.prefix(70_000).enumerated() {
                    guard let width = resolved(value)?.doubleValue, note(start + offset, width) else { return nil }
                }
            } else if let end = second?.intValue, let width = items.popFirst()??.doubleValue {
                guard end >= start, end - start < 70_000 else { return nil }
                for cid in start...end where !note(cid, width) { return nil }
            } else {
                return nil
            }
        }
        return { scalar in
            (0x20...0x7E).contains(scalar.value) ? ascii[Int(scalar.value) - 0x1F] ?? defaultWidth : defaultWidth
        }
    }
}
