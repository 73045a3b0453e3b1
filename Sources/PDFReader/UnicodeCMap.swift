/// The predefined CMaps (ISO 32000-1 §9.7.5.2, Table 118) whose codes are Unicode itself — UCS-2,
/// UTF-16BE or UTF-32BE — for the Chinese character collections. A Type0 font naming one of them shows
/// characters whose codes can be read without the CMap file: what replacing an unembedded CJK font
/// (MSung-Light, STSong-Light …) needs to know of its text.
public enum UnicodeCMap: String, Sendable, Hashable, CaseIterable {
    case uniCNSUCS2H = "UniCNS-UCS2-H"
    case uniCNSUTF16H = "UniCNS-UTF16-H"
    case uniCNSUTF32H = "UniCNS-UTF32-H"
    case uniGBUCS2H = "UniGB-UCS2-H"
    case uniGBUTF16H = "UniGB-UTF16-H"
    case uniGBUTF32H = "UniGB-UTF32-H"

    enum Form { case ucs2, utf16, utf32 }

    var form: Form {
        switch self {
        case .uniCNSUCS2H, .uniGBUCS2H: .ucs2
        case .uniCNSUTF16H, .uniGBUTF16H: .utf16
        case .uniCNSUTF32H, .uniGBUTF32H: .utf32
        }
    }

    /// The character collection the CMap belongs to (`CNS1` traditional, `GB1` simplified).
    public var ordering: String {
        switch self {
        case .uniCNSUCS2H, .uniCNSUTF16H, .uniCNSUTF32H: "CNS1"
        case .uniGBUCS2H, .uniGBUTF16H, .uniGBUTF32H: "GB1"
        }
    }

    /// The CMap's code space ranges (low, high), as the CMap files write them: an embedded CMap with
    /// these ranges splits a string into the same codes.
    public var codeSpace: [(low: [UInt8], high: [UInt8])] {
        switch form {
        case .ucs2: [([0, 0], [0xFF, 0xFF])]
        case .utf16: [([0, 0], [0xD7, 0xFF]), ([0xD8, 0, 0xDC, 0], [0xDB, 0xFF, 0xDF, 0xFF]), ([0xE0, 0], [0xFF, 0xFF])]
        case .utf32: [([0, 0, 0, 0], [0, 0x10, 0xFF, 0xFF])]
        }
    }

    /// The codes of a shown string, split as the code space says (a trailing partial code is dropped,
    /// as viewers do; a UTF-16 high surrogate without its low half is a two-byte code).
    public func codes(in bytes: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var i = 0
        while i < bytes.count {
            var length: Int
            switch form {
            case .ucs2: length = 2
            case .utf32: length = 4
            case .utf16:
                length = 2
                if (0xD8...0xDB).contains(bytes[i]), i + 3 < bytes.count, (0xDC...0xDF).contains(bytes[i + 2]) { length = 4 }
            }
            guard i + length <= bytes.count else { break }
            result.append(Array(bytes[i..<(i + length)]))
            i += length
        }
        return result
    }

    /// The character a code stands for; nil for a surrogate, a value beyond Unicode or a code outside
    /// the code space.
    public func scalar(of code: [UInt8]) -> Unicode.Scalar? {
        var value: UInt32 = 0
        switch (form, code.count) {
        case (.ucs2, 2), (.utf16, 2), (.utf32, 4):
            for byte in code { value = value << 8 | UInt32(byte) }
        case (.utf16, 4):
            let high = UInt32(code[0]) << 8 | UInt32(code[1])
            let low = UInt32(code[2]) << 8 | UInt32(code[3])
            guard (0xD800...0xDBFF).contains(high), (0xDC00...0xDFFF).contains(low) else { return nil }
            value = 0x10000 + (high - 0xD800) << 10 + (low - 0xDC00)
        default:
            return nil
        }
        return Unicode.Scalar(value)
    }
}
