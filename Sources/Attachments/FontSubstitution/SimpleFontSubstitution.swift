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

        var widths: [Int: Double] = [:]
        if let first = resolved(dictionary["FirstChar"])?.intValue, let array = resolved(dictionary["Widths"])?.arrayValue,
            (0...255).contains(first)
        {
            for (offset, value) in array.prefix(256).enumerated() {
                if let width = resolved(value)?.doubleValue { widths[first + offset] = width }
            }
        }

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
                glyph: glyph, name: glyphs.name(of: glyph) ?? name, width: width, text: text(of: name))
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
