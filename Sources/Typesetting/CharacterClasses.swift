/// UAX #14 line-breaking classes for the characters a Taiwanese portfolio meets, with the tailorings
/// clreq asks for. Classes UAX #14 resolves away (AI, SG, XX, SA, CJ) are resolved here (LB1); the
/// Hangul and emoji classes fold into ID, HL into AL. Swift exposes no Line_Break property, so the
/// values below are taken from LineBreak.txt for the punctuation we meet and derived from the
/// general category for the rest.
enum BreakClass {
    case BK, CR, LF, NL, SP, ZW, WJ, GL, CM
    case OP, CL, CP, QU, EX, IS, SY, NS, IN, BA, BB, HY, B2
    case PR, PO, NU, AL, ID, RI
}

/// How a character takes part in spacing and justification (T4–T6).
enum SpacingKind {
    /// Han ideographs (all extensions, the Plane-15 CNS private-use ideographs), kana, bopomofo,
    /// Hangul, full-width letters: square characters that take inter-character stretch.
    case ideograph
    /// Latin/Greek/Cyrillic letters and digits: ¼ em from an ideograph (clreq §6.3.3).
    case alphanumeric
    /// Full-width CJK punctuation (T4: never compressed).
    case cjkPunctuation
    case space
    case newline
    case other
}

/// Where the ink of a full-width punctuation mark sits in its square (for padding to 1 em).
enum PunctuationPlacement {
    case opening  // 「『（《 — the ink is on the right half
    case closing  // 」』）》 — the ink is on the left half
    case centred  // Taiwan's centred 、，。：；！？ and the interpuncts
}

enum CharacterClasses {
    /// Resolved line-breaking class of one scalar, with the clreq tailorings:
    /// - “ ‘ are OP and ” ’ CL (UAX #14 §5.1 tailoring for Chinese quotation marks), so opening
    ///   quotes never end a line and closing quotes never start one (clreq §6.1.1 basic level);
    /// - interpuncts · ‧ ・ are NS: never at line start (clreq §6.1.1, T8);
    /// - connector marks ～ 〜 － and the solidus ／ are NS (clreq §6.1.1 basic level);
    /// - private-use characters are ID: in Taiwan they carry CNS 11643 ideographs (TW-Sung-Plus),
    ///   where UAX #14 LB1 would make them AL.
    static func breakClass(_ v: UInt32) -> BreakClass {
        if isCommonIdeograph(v) { return .ID }
        switch v {
        case 0x0A: return .LF
        case 0x0D: return .CR
        case 0x0B, 0x0C, 0x2028, 0x2029: return .BK
        case 0x85: return .NL
        case 0x09, 0x20: return .SP
        case 0x200B: return .ZW
        case 0x2060, 0xFEFF: return .WJ
        case 0x00A0, 0x202F, 0x2007, 0x2011, 0x034F: return .GL
        case 0x200D: return .CM
        case 0x21, 0x3F: return .EX
        case 0x22, 0x27: return .QU
        case 0x24, 0x2B, 0x5C, 0xA3, 0xA5, 0x20AC, 0x20A9, 0x20B9, 0x2116: return .PR
        case 0x25, 0xA2, 0xB0, 0x2030, 0x2031, 0x2032, 0x2033, 0x2034, 0x2103, 0x2109: return .PO
        case 0x28, 0x5B, 0x7B: return .OP
        case 0x29, 0x5D: return .CP
        case 0x7D: return .CL
        case 0x2C, 0x2E, 0x3A, 0x3B, 0x2044: return .IS
        case 0x2F: return .SY
        case 0x2D: return .HY
        case 0x7C, 0xAD, 0x2010, 0x2012, 0x2013: return .BA
        case 0xB4, 0x2CC, 0x1FFD: return .BB
        case 0x2014, 0x2015, 0x2E3A, 0x2E3B: return .B2
        case 0x2024, 0x2025, 0x2026, 0xFE19: return .IN
        case 0xAB, 0xBB, 0x2039, 0x203A, 0x201A, 0x201B, 0x201E, 0x201F: return .QU
        case 0x2018, 0x201C, 0x301D: return .OP
        case 0x2019, 0x201D, 0x301E, 0x301F: return .CL
        case 0x00B7, 0x2027, 0x30FB, 0xFF65: return .NS  // interpuncts
        case 0xFF5E, 0x301C, 0xFF0D, 0xFF0F, 0x203C, 0x2047, 0x2048, 0x2049, 0x3005, 0x303B, 0x30FC:
            return .NS
        case 0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF61, 0xFF64, 0xFE50, 0xFE52: return .CL
        case 0xFF1A, 0xFF1B, 0xFE54, 0xFE55: return .NS
        case 0xFF01, 0xFF1F, 0xFE56, 0xFE57: return .EX
        case 0x3000: return .BA
        case 0xFF04, 0xFFE1, 0xFFE5, 0xFFE6: return .PR
        case 0xFF05, 0xFFE0: return .PO
        case 0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x3018, 0x301A,
            0xFF08, 0xFF3B, 0xFF5B, 0xFF5F, 0xFF62, 0xFE59, 0xFE5B, 0xFE5D:
            return .OP
        case 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x3019, 0x301B,
            0xFF09, 0xFF3D, 0xFF5D, 0xFF60, 0xFF63, 0xFE5A, 0xFE5C, 0xFE5E:
            return .CL
        case 0x1F1E6...0x1F1FF: return .RI
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0x1F3FB...0x1F3FF: return .CM
        default: break
        }
        if isIdeographLike(v) { return .ID }
        if v < 0x80 { return (0x30...0x39).contains(v) ? .NU : .AL }  // ASCII letters and the rest
        guard let scalar = Unicode.Scalar(v) else { return .AL }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .CM
        case .decimalNumber: return .NU
        case .openPunctuation: return .OP
        case .closePunctuation: return .CL
        case .initialPunctuation, .finalPunctuation: return .QU
        case .spaceSeparator: return .BA
        case .control, .format: return .CM
        case .otherSymbol where v >= 0x1F000: return .ID  // emoji and pictographs
        default: return .AL
        }
    }

    /// The bulk of Chinese text (URO, Extension A, planes 2–3): answered before any table lookup.
    @inline(__always)
    static func isCommonIdeograph(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// Square characters laid on the ideographic grid.
    static func isIdeographLike(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F,  // Hangul leading jamo
            0x2E80...0x2FDF,  // CJK radicals supplement, Kangxi radicals
            0x2FF0...0x2FFF,  // ideographic description characters
            0x3003, 0x3004, 0x3006, 0x3007, 0x3012, 0x3013, 0x3020...0x3029, 0x3030...0x303A, 0x303C...0x303F,
            0x3040...0x309F,  // hiragana
            0x30A0...0x30FA, 0x30FD...0x30FF,  // katakana
            0x3100...0x312F, 0x31A0...0x31BF,  // bopomofo
            0x3130...0x318F, 0x3190...0x319F, 0x31C0...0x31EF, 0x31F0...0x31FF,
            0x3200...0x33FF,  // enclosed CJK, compatibility
            0x3400...0x4DBF, 0x4E00...0x9FFF,  // CJK unified ideographs
            0xA960...0xA97F, 0xAC00...0xD7AF,  // Hangul
            0xE000...0xF8FF,  // private use (CNS 11643 in Taiwan)
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFE30...0xFE4F,  // CJK compatibility forms
            0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A,  // full-width letters and digits
            0x1B000...0x1B16F,  // kana supplement
            0x20000...0x3FFFD,  // planes 2 and 3
            0xF0000...0x10FFFD:  // planes 15 and 16 (private use)
            return true
        default:
            return false
        }
    }

    /// Full-width CJK punctuation and how its ink sits (T4, T8). Nil for anything else — including
    /// the curly quotes, a single — or …, whose width follows the script around them (English text
    /// keeps its proportional apostrophe); the —— and …… pairs are handled as units (T3).
    static func punctuationPlacement(_ v: UInt32) -> PunctuationPlacement? {
        switch v {
        case 0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x3018, 0x301A, 0x301D,
            0xFF08, 0xFF3B, 0xFF5B, 0xFF5F:
            return .opening
        case 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x3019, 0x301B, 0x301E, 0x301F,
            0xFF09, 0xFF3D, 0xFF5D, 0xFF60:
            return .closing
        case 0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F,
            0x00B7, 0x2027, 0x30FB,  // interpuncts: full width, centred in Taiwan (clreq §5.1)
            0xFF5E, 0x301C, 0xFF0D, 0xFF0F, 0x3000, 0x2E3A:
            return .centred
        default:
            return nil
        }
    }

    static func isInterpunct(_ v: UInt32) -> Bool { v == 0x00B7 || v == 0x2027 || v == 0x30FB }

    /// Characters whose script HarfBuzz reports as Common but which belong to the Chinese text
    /// around them: shaped as Han so `locl` gives the Taiwan forms and —— its 2 em ligature.
    static func isCJKContextPunctuation(_ v: UInt32) -> Bool {
        if isCommonIdeograph(v) { return false }
        return punctuationPlacement(v) != nil || (0x3000...0x303F).contains(v) || (0xFF00...0xFF65).contains(v)
            || (0xFE10...0xFE6F).contains(v)
    }

    static func spacingKind(_ v: UInt32) -> SpacingKind {
        if isCommonIdeograph(v) { return .ideograph }
        switch v {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return .newline
        case 0x09, 0x20, 0xA0, 0x2000...0x200A, 0x202F, 0x205F: return .space
        default: break
        }
        if punctuationPlacement(v) != nil || (0x3000...0x303F).contains(v) || (0xFF01...0xFF0F).contains(v)
            || (0xFF1A...0xFF20).contains(v) || (0xFF3B...0xFF40).contains(v) || (0xFF5B...0xFF65).contains(v)
        {
            return isIdeographLike(v) ? .ideograph : .cjkPunctuation
        }
        if isIdeographLike(v) { return .ideograph }
        if v < 0x80 {
            let isLetterOrDigit = (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
            return isLetterOrDigit ? .alphanumeric : .other
        }
        guard let scalar = Unicode.Scalar(v) else { return .other }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return .alphanumeric
        default:
            return .other
        }
    }

    static func isVariationSelector(_ v: UInt32) -> Bool {
        (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v)
    }

    /// Scalars a font need not cover: HarfBuzz hides them (default ignorables, controls).
    static func isIgnorableForCoverage(_ v: UInt32) -> Bool {
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        if v < 0x300 { return v == 0xAD }
        // Fast path for ideographs: no default ignorable lives in these blocks.
        if (0x3400...0x9FFF).contains(v) || (0x20000...0x3FFFF).contains(v) || v >= 0xF0000 { return false }
        guard let scalar = Unicode.Scalar(v) else { return false }
        return scalar.properties.isDefaultIgnorableCodePoint
    }
}

/// Extended grapheme clusters (UAX #29) as Swift's `Character` finds them: the unit nothing may
/// split, neither a line break nor a font change.
enum Graphemes {
    /// The scalar count of each cluster of `scalars`, in order.
    static func lengths(_ scalars: ArraySlice<UInt32>) -> [Int] {
        // Nearly every packet's text is Han, kana, ASCII and CJK punctuation, where UAX #29 breaks
        // between every two scalars: no String need be built to know it.
        if scalars.allSatisfy(isAlone) { return [Int](repeating: 1, count: scalars.count) }
        var lengths: [Int] = []
        lengths.reserveCapacity(scalars.count)
        for character in text(scalars) {
            lengths.append(character.unicodeScalars.count)
        }
        return lengths
    }

    /// Scalars that are a grapheme cluster of their own whatever surrounds them: no UAX #29 rule
    /// joins them to a neighbour (they are not Extend, SpacingMark, ZWJ, Prepend, regional
    /// indicators, Hangul jamo, emoji or CR). A line feed is one too (GB4, GB5).
    static func isAlone(_ v: UInt32) -> Bool {
        switch v {
        case 0x0A, 0x20...0x7E: true
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFD: true
        case 0x3000...0x3029, 0x3030...0x303F: true  // CJK symbols and punctuation, not the tone marks 302A–302F
        case 0x3041...0x3096, 0x309B...0x30FF: true  // kana, not the combining sound marks 3099–309A
        case 0x3105...0x312F, 0x31A0...0x31BF: true  // bopomofo
        case 0x2010...0x2027, 0x2030...0x205E: true  // general punctuation, not the format characters
        case 0xFF01...0xFF9D, 0xFFE0...0xFFE6: true  // full-width forms (not the half-width sound marks FF9E–FF9F)
        default: false
        }
    }

    /// The first cluster boundary at or after `target`, segmenting from `start` (itself a boundary).
    static func boundary(atOrAfter target: Int, in scalars: [UInt32], from start: Int) -> Int {
        var upper = min(scalars.count, target + 64)
        while true {
            var position = start
            for length in lengths(scalars[start..<upper]) {
                position += length
                // The last cluster of a cut-off slice may go on past `upper`: only a boundary
                // before the cut, or the end of the text, is a real one.
                if position >= target, position < upper || upper == scalars.count { return position }
            }
            if upper == scalars.count { return scalars.count }
            upper = min(scalars.count, upper + (upper - start))
        }
    }

    private static func text(_ scalars: ArraySlice<UInt32>) -> String {
        var view = String.UnicodeScalarView()
        for value in scalars {
            // Not every UInt32 is a scalar; the shaper's input came from Strings, so this is a
            // safeguard, not a path.
            view.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(view)
    }
}
