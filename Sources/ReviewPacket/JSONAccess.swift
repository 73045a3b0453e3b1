import PortfolioRecord

/// Small typed accessors for the project's own data files (rules, profiles): these are ours, so a
/// wrong shape is a plain "invalid" rather than a liberal reading.
extension JSONValue {
    var stringValue: String? {
        switch self {
        case .string(let s): s
        case .number(let n): n
        default: nil
        }
    }

    var intValue: Int? {
        switch self {
        case .number(let n): Int(n) ?? Double(n).flatMap { $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }
        case .string(let s): Int(s.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }
}
