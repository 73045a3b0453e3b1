import Diagnostics

/// A small JSON writer for `check --json` and `report.json`: keys in the order given, so the
/// output is stable and diffs of two reports line up.
public enum JSONText {
    public indirect enum Value: Sendable {
        case string(String)
        case int(Int)
        /// A number written with a fixed count of decimals (milliseconds in the report).
        case decimal(Double, places: Int)
        case bool(Bool)
        case null
        case array([Value])
        case object([(String, Value)])

        public static func optional(_ s: String?) -> Value { s.map(Value.string) ?? .null }
    }

    public static func render(_ value: Value) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    /// A diagnostic as `check --json` and `report.json` show it.
    public static func diagnostic(_ d: Diagnostic, language: MessageLanguage) -> Value {
        .object([
            ("severity", .string(d.severity.rawValue)), ("code", .string(d.kind.code)),
            ("file", .optional(d.file)), ("field", .optional(d.field)), ("item", .optional(d.item)),
            ("message", .string(d.kind.message(language))),
        ])
    }

    private static func write(_ value: Value, into out: inout String) {
        switch value {
        case .string(let s): quote(s, into: &out)
        case .int(let i): out += String(i)
        case .decimal(let d, let places): out += fixed(d, places: places)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let elements):
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += "," }
                write(element, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (key, element)) in members.enumerated() {
                if i > 0 { out += "," }
                quote(key, into: &out)
                out += ":"
                write(element, into: &out)
            }
            out += "}"
        }
    }

    /// `d` rounded to `places` decimals without Foundation's formatters (and their locales);
    /// JSON has no NaN or infinity, so those become 0.
    public static func fixed(_ d: Double, places: Int) -> String {
        guard d.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<max(0, places) { scale *= 10 }
        let scaled = (abs(d) * scale).rounded()
        guard scaled < 9e15 else { return String(Int(d)) }
        let whole = Int(scaled) / Int(scale)
        let fraction = Int(scaled) % Int(scale)
        var text = (d < 0 && scaled > 0 ? "-" : "") + String(whole)
        if places > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: places - digits.count) + digits
        }
        return text
    }

    /// Every string of `check --json` and `report.json` passes here, so ID-shaped text (a folder
    /// name, a path in a failure) is masked whatever put it in the document.
    private static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in maskingNationalIDs(s).unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
