import PDFReader
import PDFWriter

/// Replacing a simple font a student's PDF uses without its program (standard-14 Helvetica, an
/// unembedded Arial from a word processor) by an embedded, metric-compatible face of ours
/// (`SubstituteFaces`), so that the page is self-contained and the packet can claim PDF/A.
///
/// Each code the pages show keeps what it meant: the font's encoding (its `/BaseEncoding` or the
/// font's own, with `/Differences`) names a glyph, and the substitute's glyph of that name (or of the
/// character the name stands for) is drawn. The width is the original `/Widths` entry when the
/// substitute's agrees with it within rounding, else the substitute's (PDF/A requires the dictionary and
/// the program to agree; a metric-compatible face agrees everywhere). A code whose glyph the substitute
/// lacks (or that names none) would draw `.notdef`, which PDF/A forbids: the font is then not replaced.
enum SimpleFontSubstitution {
    /// A simple font's `/Widths` by code (from `/FirstChar`, at most 256).
    static func simpleWidths(_ dictionary: [String: PDFObject], objects: [Int: PDFObject]) -> [Int: Double] {
        func resolved(_ value: PDFObject?) -> PDFObject? {
            if case .reference(let n)? = value { return objects[n] }
            return value
        }
        var widths: [Int: Double] = [:]
        if let first = resolved(dictionary["FirstChar"])?.intValue, let array = resolved(dictionary["Widths"])?.arrayValue,
            (0...255).contains(first)
        {
            for (offset, value) in array.prefix(256).enumerated() {
                if let width = resolved(value)?.doubleValue { widths[first + offset] = width }
            }
        }
        return widths
    }

    static func substitute(
        font dictionary: [String: PDFObject], objects: [Int: PDFObject], shownCodes: Set<UInt8>?,
        faces: SubstituteFaces
    ) -> SubstituteFont? {
        func resolved(_ value: PDFObject?) -> PDFObject? {
            if case .reference(let n)? = value { return objects[n] }
            return value
        }
        guard let subtype = resolved(dictionary["Subtype"])?.nameValue, ["Type1", "MMType1", "TrueType"].contains(subtype),
            let baseFont = resolved(dictionary["BaseFont"])?.nameValue,
            let (family, style) = SubstituteFaces.family(ofBaseFont: baseFont),
            let glyphs = faces.face(family, style)
        else { return nil }
        let symbolic = family == .symbol || family == .zapfDingbats
        guard let encoding = encoding(resolved(dictionary["Encoding"]), objects: objects, family: family, trueType: subtype == "TrueType")
        else { return nil }

        let widths = simpleWidths(dictionary, objects: objects)

        // Codes the pages show; a font that shows nothing we could find (or only where we do not
        // look, such as a pattern's content) gets every code its encoding names.
        let shown: [UInt8]
        let mustDraw: Bool
        if let shownCodes, !shownCodes.isEmpty {
            shown = shownCodes.sorted()
            mustDraw = true
        } else {
            shown = (0...255).map(UInt8.init).filter { encoding[Int($0)] != nil }
            mustDraw = false
        }
        var result: [UInt8: SubstituteGlyph] = [:]
        for code in shown {
            guard let name = encoding[Int(code)], let glyph = glyph(named: name, in: glyphs) else {
                if mustDraw { return nil }
                continue
            }
            let own = glyphs.width(of: glyph)
            var width = own.rounded()
            if let original = widths[Int(code)], abs(original - own) <= 1 { width = original }
            result[code] = SubstituteGlyph(
                glyph: glyph, name: glyphs.name(of: glyph) ?? name, width: width, text: text(of: name, in: family))
        }
        return SubstituteFont(face: glyphs.face, glyphs: result, symbolic: symbolic)
    }

    /// Code → glyph name: the named base encoding (or the font's own: Standard for the Latin
    /// standard 14, WinAnsi for an unembedded TrueType, which word processors mean; the built-in one of
    /// Symbol and ZapfDingbats) with `/Differences` applied; nil for an encoding we do not know.
    static func encoding(
        _ value: PDFObject?, objects: [Int: PDFObject], family: SubstituteFaces.Family, trueType: Bool
    ) -> [String?]? {
        func resolved(_ value: PDFObject?) -> PDFObject? {
            if case .reference(let n)? = value { return objects[n] }
            return value
        }
        let builtIn: [String?]
        switch family {
        case .symbol: builtIn = symbol
        case .zapfDingbats: builtIn = zapfDingbats
        default: builtIn = trueType ? winAnsi : standard
        }
        func base(_ name: String?) -> [String?]? {
            switch name {
            case nil: builtIn
            case "WinAnsiEncoding": winAnsi
            case "MacRomanEncoding": macRoman
            case "StandardEncoding": standard
            default: nil
            }
        }
        switch value {
        case nil, .null?:
            return builtIn
        case .name(let name)?:
            return base(name)
        case .dictionary(let entries)?:
            guard var codes = base(resolved(entries["BaseEncoding"])?.nameValue) else { return nil }
            var code = 0
            for item in resolved(entries["Differences"])?.arrayValue ?? [] {
                switch resolved(item) {
                case .integer(let n)?: code = n
                case .name(let name)?:
                    if (0...255).contains(code) { codes[code] = name }
                    code += 1
                default: return nil
                }
            }
            return codes
        default:
            return nil
        }
    }

    private static let standard = table(GlyphNames.standardNames)
    private static let winAnsi = table(GlyphNames.winAnsiNames)
    private static let macRoman = table(GlyphNames.macRomanNames)
    private static let symbol = table(GlyphNames.symbolNames)
    private static let zapfDingbats = table(GlyphNames.zapfDingbatsNames)

    private static func table(_ text: String) -> [String?] {
        let names = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { $0 == "-" ? nil : String($0) }
        return names.count == 256 ? names : [String?](repeating: nil, count: 256)
    }

    /// The substitute's glyph for a glyph name: by the name, else by the character it stands for.
    static func glyph(named name: String, in glyphs: FaceGlyphs) -> UInt32? {
        if name == ".notdef" { return nil }
        if let glyph = glyphs.glyph(named: name) { return glyph }
        guard let text = text(of: name), text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first else { return nil }
        return glyphs.glyph(for: scalar)
    }

    /// What a glyph name of a font of `family` stands for, for `/ToUnicode`: real characters, never
    /// the Private Use Area the Adobe Glyph List gives some of Symbol's names, so that text copied from
    /// the page is text. ZapfDingbats' `a1`…`a191` are the Dingbats block, by the code the font's own
    /// encoding gives the name: the block was made from that font in code order (codes 0x21–0x7E at
    /// U+2701–U+275E, 0x80–0x8D at U+2768–U+2775, 0xA1–0xFE at U+2761–U+27BE), except the few shapes
    /// Unicode already had elsewhere (☎ ☛ ☞ ★ ● ■ ▲ ▼ ◆ ◗, the card suits, ①–⑩, → ↔ ↕). Symbol's Greek
    /// letters are Greek (Ω, Δ, μ, not the Ohm, increment and micro signs), its bracket and integral
    /// pieces the Miscellaneous Technical ones, its serif and sans ©®™ the plain signs.
    static func text(of name: String, in family: SubstituteFaces.Family) -> String? {
        switch family {
        case .zapfDingbats:
            guard let code = zapfDingbats.firstIndex(where: { $0 == name }) else { return text(of: name) }
            if code == 0x20 { return " " }
            let value: UInt32
            if let moved = dingbatsElsewhere[code] {
                value = moved
            } else if (0x21...0x7E).contains(code) {
                value = 0x2700 + UInt32(code - 0x20)
            } else if (0x80...0x8D).contains(code) {
                value = 0x2768 + UInt32(code - 0x80)
            } else if (0xA1...0xFE).contains(code) {
                value = 0x2700 + UInt32(code - 0x40)
            } else {
                return nil
            }
            return Unicode.Scalar(value).map { String($0) }
        case .symbol:
            if let scalar = symbolCharacters[name] { return String(scalar) }
            guard let text = text(of: name) else { return nil }
            // What remains in the Private Use Area (Apple's logo) is no character.
            return text.unicodeScalars.allSatisfy({ !(0xE000...0xF8FF).contains($0.value) }) ? text : nil
        default:
            return text(of: name)
        }
    }

    /// ZapfDingbats codes whose shapes Unicode had before the Dingbats block (the block has holes there).
    private static let dingbatsElsewhere: [Int: UInt32] = [
        0x25: 0x260E, 0x2A: 0x261B, 0x2B: 0x261E, 0x48: 0x2605, 0x6C: 0x25CF, 0x6E: 0x25A0, 0x73: 0x25B2,
        0x74: 0x25BC, 0x75: 0x25C6, 0x77: 0x25D7, 0xA8: 0x2663, 0xA9: 0x2666, 0xAA: 0x2665, 0xAB: 0x2660,
        0xAC: 0x2460, 0xAD: 0x2461, 0xAE: 0x2462, 0xAF: 0x2463, 0xB0: 0x2464, 0xB1: 0x2465, 0xB2: 0x2466,
        0xB3: 0x2467, 0xB4: 0x2468, 0xB5: 0x2469, 0xD5: 0x2192, 0xD6: 0x2194, 0xD7: 0x2195,
    ]

    /// Symbol's names whose Adobe Glyph List entry is not the character the font draws.
    private static let symbolCharacters: [String: Unicode.Scalar] = [
        "Omega": "\u{03A9}", "Delta": "\u{0394}", "mu": "\u{03BC}",
        "copyrightserif": "\u{00A9}", "copyrightsans": "\u{00A9}", "registerserif": "\u{00AE}",
        "registersans": "\u{00AE}", "trademarkserif": "\u{2122}", "trademarksans": "\u{2122}",
        "parenlefttp": "\u{239B}", "parenleftex": "\u{239C}", "parenleftbt": "\u{239D}",
        "parenrighttp": "\u{239E}", "parenrightex": "\u{239F}", "parenrightbt": "\u{23A0}",
        "bracketlefttp": "\u{23A1}", "bracketleftex": "\u{23A2}", "bracketleftbt": "\u{23A3}",
        "bracketrighttp": "\u{23A4}", "bracketrightex": "\u{23A5}", "bracketrightbt": "\u{23A6}",
        "bracelefttp": "\u{23A7}", "braceleftmid": "\u{23A8}", "braceleftbt": "\u{23A9}", "braceex": "\u{23AA}",
        "bracerighttp": "\u{23AB}", "bracerightmid": "\u{23AC}", "bracerightbt": "\u{23AD}",
        "integralex": "\u{23AE}", "arrowvertex": "\u{23D0}", "arrowhorizex": "\u{23AF}", "radicalex": "\u{203E}",
    ]

    /// What a glyph name stands for: the Adobe Glyph List's entry, or the `uniXXXX` / `uXXXX[XX]` form.
    static func text(of name: String) -> String? {
        let base = String(name.split(separator: ".", maxSplits: 1).first ?? "")
        if let scalar = GlyphNames.unicode[base] { return String(scalar) }
        var hex: Substring?
        if base.hasPrefix("uni"), base.count == 7 { hex = base.dropFirst(3) }
        if base.hasPrefix("u"), !base.hasPrefix("uni"), (5...7).contains(base.count) { hex = base.dropFirst(1) }
        guard let hex, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value),
            !(0xD800...0xDFFF).contains(value)
        else { return nil }
        return String(scalar)
    }
}
