/// How a record file was encoded, for the run report.
public enum SourceEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 (BOM)"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
}

public struct TextDecodingError: Error, Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        case invalidUTF8, invalidUTF16, utf32NotSupported, utf16WithoutBOM, empty
    }

    public let reason: Reason
    /// Offset into the file's bytes (BOM included) of the first byte of the bad sequence;
    /// 0 for problems with the file as a whole (empty, UTF-32, BOM-less UTF-16).
    public let byteOffset: Int

    public init(reason: Reason, byteOffset: Int) {
        self.reason = reason
        self.byteOffset = byteOffset
    }
}

/// Turns a file's bytes into text per docs/input.md §4: UTF-8 with or without BOM, UTF-16 with a BOM.
public enum TextDecoder {
    /// UTF-8 with/without BOM, UTF-16 LE/BE with BOM. UTF-32 BOMs, BOM-less UTF-16 (heuristic: NUL
    /// bytes in the first bytes), invalid sequences (incl. unpaired surrogates, overlongs) are errors
    /// with the byte offset of the first bad byte.
    public static func decode(_ bytes: [UInt8]) throws(TextDecodingError) -> (text: String, encoding: SourceEncoding) {
        guard !bytes.isEmpty else { throw TextDecodingError(reason: .empty, byteOffset: 0) }

        // UTF-32 first: its LE BOM begins with the UTF-16 LE BOM.
        if hasPrefix(bytes, [0x00, 0x00, 0xFE, 0xFF]) || hasPrefix(bytes, [0xFF, 0xFE, 0x00, 0x00]) {
            throw TextDecodingError(reason: .utf32NotSupported, byteOffset: 0)
        }
        if hasPrefix(bytes, [0xEF, 0xBB, 0xBF]) {
            return (try decodeUTF8(bytes, from: 3), .utf8WithBOM)
        }
        if hasPrefix(bytes, [0xFF, 0xFE]) {
            return (try decodeUTF16(bytes, bigEndian: false), .utf16LE)
        }
        if hasPrefix(bytes, [0xFE, 0xFF]) {
            return (try decodeUTF16(bytes, bigEndian: true), .utf16BE)
        }
        // JSON text never contains a raw NUL, so one among the first bytes means UTF-16/32 without a BOM.
        let head = bytes.prefix(4)
        if head.contains(0) {
            let looksUTF32 = head.count == 4
                && ((head[0] != 0 && head[1] == 0 && head[2] == 0 && head[3] == 0)
                    || (head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] != 0))
            throw TextDecodingError(reason: looksUTF32 ? .utf32NotSupported : .utf16WithoutBOM, byteOffset: 0)
        }
        return (try decodeUTF8(bytes, from: 0), .utf8)
    }

    private static func hasPrefix(_ bytes: [UInt8], _ prefix: [UInt8]) -> Bool {
        bytes.count >= prefix.count && bytes.starts(with: prefix)
    }

    private static func decodeUTF8(_ bytes: [UInt8], from start: Int) throws(TextDecodingError) -> String {
        if let bad = firstInvalidUTF8Offset(bytes, from: start) {
            throw TextDecodingError(reason: .invalidUTF8, byteOffset: bad)
        }
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    /// The offset of the first byte of the first ill-formed sequence (Unicode Table 3-7), or nil.
    /// Rejects overlongs, surrogates (ED A0–BF), values above U+10FFFF and truncated sequences.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            let end = buffer.count
            var i = start
            while i < end {
                let lead = buffer[i]
                if lead < 0x80 {
                    i += 1
                    continue
                }
                let length: Int
                var secondLow: UInt8 = 0x80
                var secondHigh: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; secondLow = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; secondHigh = 0x9F
                case 0xF0: length = 4; secondLow = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; secondHigh = 0x8F
                default: return i  // continuation byte as lead, C0/C1 overlong leads, F5–FF
                }
                guard i + 1 < end, buffer[i + 1] >= secondLow, buffer[i + 1] <= secondHigh else { return i }
                var k = 2
                while k < length {
                    guard i + k < end, buffer[i + k] & 0xC0 == 0x80 else { return i }
                    k += 1
                }
                i += length
            }
            return nil
        }
    }

    /// `bytes` start with a 2-byte BOM. Errors point at the first byte of the bad code unit.
    private static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool) throws(TextDecodingError) -> String {
        let bodyCount = bytes.count - 2
        if bodyCount % 2 != 0 {
            throw TextDecodingError(reason: .invalidUTF16, byteOffset: bytes.count - 1)
        }
        var units: [UInt16] = []
        units.reserveCapacity(bodyCount / 2)
        var offset = 2
        while offset + 1 < bytes.count {
            let a = UInt16(bytes[offset]), b = UInt16(bytes[offset + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            offset += 2
        }
        var i = 0
        while i < units.count {
            let unit = units[i]
            switch unit {
            case 0xD800...0xDBFF:
                guard i + 1 < units.count, (0xDC00...0xDFFF).contains(units[i + 1]) else {
                    throw TextDecodingError(reason: .invalidUTF16, byteOffset: 2 + 2 * i)
                }
                i += 2
            case 0xDC00...0xDFFF:
                throw TextDecodingError(reason: .invalidUTF16, byteOffset: 2 + 2 * i)
            default:
                i += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }
}
