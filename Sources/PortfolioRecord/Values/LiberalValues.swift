/// The outcome of reading one record value liberally (input-format §4).
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

/// Liberal readers for record values: real exports send numbers as strings, full-width digits,
/// padded text and -1 for "not filled in".
public enum LiberalValue {
    /// JSON numbers and numeric strings (trimmed; full-width digits accepted). NaN, infinities and
    /// booleans are invalid.
    public static func number(_ v: JSONValue?) -> Reading<Double> {
        switch classify(v) {
        case .missing: return .missing
        case .other(let raw): return .invalid(raw: raw)
        case .numeric(let literal, let raw):
            guard let number = Double(literal), number.isFinite else { return .invalid(raw: raw) }
            return .value(number)
        }
    }

    /// Like `number` but must be integral ("4.0" → 4, "4.5" → invalid); outside Int's range → invalid.
    public static func integer(_ v: JSONValue?) -> Reading<Int> {
        switch classify(v) {
        case .missing: return .missing
        case .other(let raw): return .invalid(raw: raw)
        case .numeric(let literal, let raw):
            // Plain integers go straight to Int so large values keep every digit.
            if NumericText.isPlainInteger(literal) {
                guard let integer = Int(literal) else { return .invalid(raw: raw) }
                return .value(integer)
            }
            guard let number = Double(literal), let integer = NumericText.exactInteger(number) else {
                return .invalid(raw: raw)
            }
            return .value(integer)
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
            if let number = Double(literal), let integer = NumericText.exactInteger(number) {
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

    enum Classified {
        case missing
        /// `literal` is ASCII numeric text Double/Int can read; `raw` is what to show if it is unusable.
        case numeric(literal: String, raw: String)
        case other(raw: String)
    }

    /// Sorts a value into missing / numeric / other, applying the §4 missing rules.
    static func classify(_ v: JSONValue?) -> Classified {
        guard let v else { return .missing }
        switch v {
        case .null:
            return .missing
        case .number(let literal):
            return NumericText.isMinusOne(literal) ? .missing : .numeric(literal: literal, raw: literal)
        case .string(let string):
            let trimmed = NumericText.trimmed(string)
            if trimmed.isEmpty { return .missing }
            guard let literal = NumericText.normalizedNumber(trimmed) else { return .other(raw: trimmed) }
            return NumericText.isMinusOne(literal) ? .missing : .numeric(literal: literal, raw: trimmed)
        case .bool, .array, .object:
            return .other(raw: rawRendering(v))
        }
    }

    static func rawRendering(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let literal): return literal
        case .string(let string): return NumericText.trimmed(string)
        case .array: return "[…]"
        case .object: return "{…}"
        }
    }
}

/// Text helpers for numeric strings. Works on Unicode scalars; no Foundation.
enum NumericText {
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
        guard literal.utf8.first == 0x2D, let number = Double(literal) else { return false }
        return number == -1
    }
}
