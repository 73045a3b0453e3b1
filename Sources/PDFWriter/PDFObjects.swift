// Typed PDF values and their exact byte form. Dictionaries keep their insertion order so the output
// never depends on hash-map iteration.

struct ObjectRef: Hashable, Sendable {
    let number: Int
}

indirect enum PDFValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    /// A real written with at most `decimals` digits after the point.
    case real(Double, decimals: Int)
    /// A name without the slash; bytes outside the regular set are #-escaped.
    case name(String)
    /// A string written as a literal `( … )` with escapes.
    case literal([UInt8])
    /// A string written as hex `< … >`.
    case hex([UInt8])
    case array([PDFValue])
    case dict(PDFDict)
    case ref(ObjectRef)

    static func number(_ value: Double) -> PDFValue { .real(value, decimals: 3) }

    /// A text string: UTF-16BE with a byte-order mark, which readers decode for any script.
    static func text(_ string: String) -> PDFValue { .hex(utf16BEWithBOM(string)) }

    /// An ASCII string (language tags, URIs); other bytes are escaped.
    static func ascii(_ string: String) -> PDFValue { .literal(Array(string.utf8)) }
}

struct PDFDict: Sendable {
    private(set) var entries: [(key: String, value: PDFValue)] = []

    init() {}

    init(_ entries: [(String, PDFValue)]) {
        self.entries = entries.map { (key: $0.0, value: $0.1) }
    }

    subscript(key: String) -> PDFValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key: key, value: newValue))
            }
        }
    }
}

func utf16BEWithBOM(_ string: String) -> [UInt8] {
    var bytes: [UInt8] = [0xFE, 0xFF]
    for unit in string.utf16 {
        bytes.append(UInt8(truncatingIfNeeded: unit >> 8))
        bytes.append(UInt8(truncatingIfNeeded: unit))
    }
    return bytes
}

/// Appends PDF syntax to a byte buffer.
struct PDFByteWriter {
    var bytes: [UInt8] = []

    init() {}
    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ string: String) { bytes.append(contentsOf: string.utf8) }
    mutating func raw(_ data: [UInt8]) { bytes.append(contentsOf: data) }

    mutating func write(_ value: PDFValue) {
        switch value {
        case .null: raw("null")
        case .bool(let flag): raw(flag ? "true" : "false")
        case .int(let number): raw(String(number))
        case .real(let number, let decimals): raw(formatNumber(number, decimals: decimals))
        case .name(let name): writeName(name)
        case .literal(let data): writeLiteral(data)
        case .hex(let data): writeHex(data)
        case .array(let items):
            raw("[")
            for (index, item) in items.enumerated() {
                if index > 0 && !endsWithDelimiter(items[index - 1]) && needsSeparator(before: item) { raw(" ") }
                write(item)
            }
            raw("]")
        case .dict(let dict): write(dict)
        case .ref(let ref): raw("\(ref.number) 0 R")
        }
    }

    mutating func write(_ dict: PDFDict) {
        raw("<<")
        for entry in dict.entries {
            writeName(entry.key)
            if needsSeparator(before: entry.value) { raw(" ") }
            write(entry.value)
        }
        raw(">>")
    }

    /// Strings, arrays and dictionaries end with a delimiter: whatever follows needs no space.
    private func endsWithDelimiter(_ value: PDFValue) -> Bool {
        switch value {
        case .literal, .hex, .array, .dict: return true
        default: return false
        }
    }

    /// Delimiter-led values (names, strings, arrays, dictionaries) need no space before them.
    private func needsSeparator(before value: PDFValue) -> Bool {
        switch value {
        case .name, .literal, .hex, .array, .dict: return false
        default: return true
        }
    }

    mutating func writeName(_ name: String) {
        bytes.append(UInt8(ascii: "/"))
        for byte in name.utf8 {
            if byte > 0x20 && byte < 0x7F && !isDelimiter(byte) && byte != UInt8(ascii: "#") {
                bytes.append(byte)
            } else {
                raw("#")
                raw(hexByte(byte))
            }
        }
    }

    mutating func writeLiteral(_ data: [UInt8]) {
        raw("(")
        for byte in data {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0x20..<0x7F:
                bytes.append(byte)
            default:
                // Octal keeps the file ASCII-clean and unambiguous.
                let octal = String(byte, radix: 8)
                raw("\\" + String(repeating: "0", count: 3 - octal.count) + octal)
            }
        }
        raw(")")
    }

    mutating func writeHex(_ data: [UInt8]) {
        raw("<")
        for byte in data { raw(hexByte(byte)) }
        raw(">")
    }

    private func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"):
            return true
        default:
            return false
        }
    }
}

private let hexDigitsUpper: [Character] = Array("0123456789ABCDEF")

func hexByte(_ byte: UInt8) -> String {
    String([hexDigitsUpper[Int(byte >> 4)], hexDigitsUpper[Int(byte & 0x0f)]])
}

private let hexDigitBytes: [UInt8] = Array("0123456789ABCDEF".utf8)

/// Four upper-case hex digits of `value`, appended as ASCII.
func appendHex16(_ value: UInt16, to bytes: inout [UInt8]) {
    bytes.append(hexDigitBytes[Int(value >> 12)])
    bytes.append(hexDigitBytes[Int((value >> 8) & 0xf)])
    bytes.append(hexDigitBytes[Int((value >> 4) & 0xf)])
    bytes.append(hexDigitBytes[Int(value & 0xf)])
}

func hex16(_ value: UInt16) -> String {
    hexByte(UInt8(truncatingIfNeeded: value >> 8)) + hexByte(UInt8(truncatingIfNeeded: value))
}

/// Locale-independent decimal form with at most `decimals` fraction digits and no exponent.
/// Non-finite values become 0 and magnitudes are clamped to 1e9, so no data can trap the conversion.
func formatNumber(_ value: Double, decimals: Int) -> String {
    let places = max(0, min(decimals, 6))
    guard value.isFinite else { return "0" }
    let clamped = max(-1e9, min(1e9, value))
    var scale: Int64 = 1
    for _ in 0..<places { scale *= 10 }
    let scaled = Int64((clamped * Double(scale)).rounded())
    if scaled == 0 { return "0" }
    let negative = scaled < 0
    let magnitude = negative ? -scaled : scaled
    let whole = magnitude / scale
    var fraction = magnitude % scale
    var text = negative ? "-" : ""
    text += String(whole)
    if fraction != 0 {
        var digits = places
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let fractionText = String(fraction)
        text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
    return text
}
