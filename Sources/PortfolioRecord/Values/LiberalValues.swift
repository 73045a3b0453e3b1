/// The outcome of reading one record value liberally (docs/input.md §4).
public enum Reading<Value: Equatable & Sendable>: Equatable, Sendable {
    /// Key absent, null, "", whitespace only, -1 or "-1".
    case missing
    case value(Value)
    /// Present but not readable as the wanted kind. `raw` is a short rendering of what was given:
    /// strings trimmed, numbers as written, "true"/"false", and "[…]"/"{…}" for containers.
    case invalid(raw: String)

    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }
}

extension Reading where Value == String {
    /// The text as given, whether it was read or marked invalid; nil when missing.
    public var shown: String? {
        switch self {
        case .missing: nil
        case .value(let text): text
        case .invalid(let raw): raw
        }
    }
}

/// Liberal readers for record values: real exports send numbers as strings, full-width digits,
/// padded text and -1 for "not filled in".
public enum LiberalValue {
    /// JSON numbers and numeric strings (trimmed; full-width digits accepted). NaN, infinities and
    /// booleans are invalid.
    public static func number(_ v: JSONValue?) -> Reading<Double> {
        numberOutcome(v).reading
    }

    /// Like `number` but must be integral ("4.0" → 4, "4.5" → invalid); outside Int's range → invalid.
    public static func integer(_ v: JSONValue?) -> Reading<Int> {
        integerOutcome(v).reading
    }

    /// `number`, telling a value too large (or too long) to be any field's apart from one that is no
    /// number at all: the first is a data error, the second a warning.
    static func numberOutcome(_ v: JSONValue?) -> NumericOutcome<Double> {
        switch classify(v) {
        case .missing: return .missing
        case .other(let raw): return .invalid(raw: raw)
        case .numeric(let literal, let raw, let length):
            // Never handed to the parser: a numeral of a million digits is not a record's number, and
            // reading it would cost time in proportion to its length for nothing.
            guard literal.utf8.count <= NumericText.maxLiteralLength else { return .outOfRange(raw: raw, length: length) }
            guard let number = Double(literal), number.isFinite else { return .outOfRange(raw: raw, length: length) }
            return .value(number)
        }
    }

    static func integerOutcome(_ v: JSONValue?) -> NumericOutcome<Int> {
        switch classify(v) {
        case .missing: return .missing
        case .other(let raw): return .invalid(raw: raw)
        case .numeric(let literal, let raw, let length):
            guard literal.utf8.count <= NumericText.maxLiteralLength else { return .outOfRange(raw: raw, length: length) }
            // Plain integers go straight to Int so large values keep every digit; a plain integer Int
            // cannot hold is too large, not malformed.
            if NumericText.isPlainInteger(literal) {
                guard let integer = Int(literal) else { return .outOfRange(raw: raw, length: length) }
                return .value(integer)
            }
            guard let number = Double(literal), number.isFinite else { return .outOfRange(raw: raw, length: length) }
            if let integer = NumericText.exactInteger(number) { return .value(integer) }
            // Every double of magnitude 2^63 or more is integral, so only those are out of range.
            return abs(number) >= 9_223_372_036_854_775_808.0 ? .outOfRange(raw: raw, length: length) : .invalid(raw: raw)
        }
    }

    /// Strings trimmed of surrounding whitespace (incl. U+3000); numbers as their literal.
    /// Booleans, arrays and objects are invalid.
    public static func text(_ v: JSONValue?) -> Reading<String> {
        guard let v else { return .missing }
        switch v {
        case .null: return .missing
        case .number(let literal):
            return NumericText.isMinusOne(literal) ? .missing : .value(literal)
        case .string(let string):
            let trimmed = NumericText.trimmed(string)
            if trimmed.isEmpty { return .missing }
            if let literal = NumericText.normalizedNumber(trimmed), NumericText.isMinusOne(literal) { return .missing }
            return .value(trimmed)
        case .bool, .array, .object:
            return .invalid(raw: rawRendering(v))
        }
    }

    /// A code that may be a number or a string. Strings are kept as text ("02" stays "02"), with
    /// full-width ASCII forms folded to ASCII; integral numbers lose a ".0" (2.0 → "2").
    public static func code(_ v: JSONValue?) -> Reading<String> {
        guard let v else { return .missing }
        switch v {
        case .null: return .missing
        case .number(let literal):
            if NumericText.isMinusOne(literal) { return .missing }
            if NumericText.isPlainInteger(literal) { return .value(literal) }
            if literal.utf8.count <= NumericText.maxLiteralLength, let number = Double(literal),
                let integer = NumericText.exactInteger(number)
            {
                return .value(String(integer))
            }
            return .value(literal)
        case .string(let string):
            let trimmed = NumericText.trimmed(string)
            if trimmed.isEmpty { return .missing }
            let folded = NumericText.foldFullWidth(trimmed)
            if let literal = NumericText.normalizedNumber(folded), NumericText.isMinusOne(literal) { return .missing }
            return .value(folded)
        case .bool, .array, .object:
            return .invalid(raw: rawRendering(v))
        }
    }

    // MARK: Shared

    /// A numeric field's value before its bounds are applied.
    enum NumericOutcome<Value: Equatable & Sendable> {
        case missing
        case value(Value)
        /// Numeric, but beyond what any field can hold (overflow, infinity, too many characters).
        case outOfRange(raw: String, length: Int)
        case invalid(raw: String)

        var reading: Reading<Value> {
            switch self {
            case .missing: .missing
            case .value(let value): .value(value)
            case .outOfRange(let raw, _), .invalid(let raw): .invalid(raw: raw)
            }
        }
    }

    enum Classified {
        case missing
        /// `literal` is ASCII numeric text Double/Int can read; `raw` is what to show if it is unusable.
        /// `length` counts the scalars of the whole value (`raw` may be an excerpt).
        case numeric(literal: String, raw: String, length: Int)
        case other(raw: String)
    }

    /// Sorts a value into missing / numeric / other, applying the §4 missing rules.
    static func classify(_ v: JSONValue?) -> Classified {
        guard let v else { return .missing }
        switch v {
        case .null:
            return .missing
        case .number(let literal):
            return NumericText.isMinusOne(literal)
                ? .missing : .numeric(literal: literal, raw: NumericText.excerpt(literal), length: literal.utf8.count)
        case .string(let string):
            let trimmed = NumericText.trimmed(string)
            if trimmed.isEmpty { return .missing }
            guard let literal = NumericText.normalizedNumber(trimmed) else {
                return .other(raw: NumericText.excerpt(trimmed))
            }
            if NumericText.isMinusOne(literal) { return .missing }
            return .numeric(literal: literal, raw: NumericText.excerpt(trimmed), length: NumericText.length(trimmed))
        case .bool, .array, .object:
            return .other(raw: rawRendering(v))
        }
    }

    static func rawRendering(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let literal): return NumericText.excerpt(literal)
        case .string(let string): return NumericText.excerpt(NumericText.trimmed(string))
        case .array: return "[…]"
        case .object: return "{…}"
        }
    }
}

/// Text helpers for numeric strings. Works on Unicode scalars; no Foundation.
enum NumericText {
    /// The longest numeral read as a number (in ASCII characters after normalising). A record's
    /// numbers have a few digits; forty leaves room for exports that write every decimal a double
    /// has ("86.650000000000005684341886080801486968994140625" is cut off, and is a data error).
    static let maxLiteralLength = 40
    /// How many characters of an unreadable value messages and the packet show.
    static let excerptLength = 32

    /// `s` itself when short; else its first `excerptLength` scalars and "…". A value of megabytes in
    /// a numeric field is shown by its start (messages, the PDF's cell and the XML stay small).
    static func excerpt(_ s: String) -> String {
        var scalars = s.unicodeScalars.makeIterator()
        var kept = String.UnicodeScalarView()
        for _ in 0..<excerptLength {
            guard let scalar = scalars.next() else { return s }
            kept.append(scalar)
        }
        guard scalars.next() != nil else { return s }
        kept.append("…")
        return String(kept)
    }

    /// Unicode scalars of `s` (for the length a message states next to an excerpt).
    static func length(_ s: String) -> Int { s.unicodeScalars.count }

    /// Trims surrounding whitespace, including U+3000 IDEOGRAPHIC SPACE and NBSP.
    static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Folds full-width ASCII forms (U+FF01–FF5E, e.g. ０–９, Ｄ, －) to ASCII.
    static func foldFullWidth(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { (0xFF01...0xFF5E).contains($0.value) }) else { return s }
        var result = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                result.append(ascii)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// If `s` (already trimmed) is a decimal number — optional sign, digits with an optional
    /// fraction, optional exponent; full-width digits and signs allowed; leading zeros allowed —
    /// returns it as ASCII text without a leading "+". Hex, "inf", "nan" and separators are refused.
    static func normalizedNumber(_ s: String) -> String? {
        let bytes = Array(foldFullWidth(s).utf8)
        var i = 0
        let end = bytes.count
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var start = 0
        if i < end, bytes[i] == 0x2B { i += 1; start = 1 }  // "+" dropped for Double/Int
        else if i < end, bytes[i] == 0x2D { i += 1 }
        var integerDigits = 0
        while i < end, isDigit(bytes[i]) { i += 1; integerDigits += 1 }
        var fractionDigits = 0
        if i < end, bytes[i] == 0x2E {
            i += 1
            while i < end, isDigit(bytes[i]) { i += 1; fractionDigits += 1 }
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        if i < end, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            if i < end, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            var exponentDigits = 0
            while i < end, isDigit(bytes[i]) { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard i == end else { return nil }
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    /// `value` as an Int if it is integral and in range. Done by hand because `Int(exactly:)` and
    /// `rounded()` call libm's trunc, which this module would otherwise have to link.
    static func exactInteger(_ value: Double) -> Int? {
        // -2^63 is exact in Double; 2^63 is the first value above Int.max. NaN fails both comparisons.
        guard value >= -9_223_372_036_854_775_808.0, value < 9_223_372_036_854_775_808.0 else { return nil }
        let truncated = Int(value)
        return Double(truncated) == value ? truncated : nil
    }

    /// Optional "-" then ASCII digits only.
    static func isPlainInteger(_ literal: String) -> Bool {
        var digits = 0
        for (offset, byte) in literal.utf8.enumerated() {
            if offset == 0, byte == 0x2D { continue }
            guard byte >= 0x30 && byte <= 0x39 else { return false }
            digits += 1
        }
        return digits > 0
    }

    /// -1 in any numeric spelling ("-1", "-1.0", "-1e0") is the exports' "not filled in".
    static func isMinusOne(_ literal: String) -> Bool {
        if literal == "-1" { return true }
        guard literal.utf8.first == 0x2D, literal.utf8.count <= maxLiteralLength, let number = Double(literal)
        else { return false }
        return number == -1
    }
}
