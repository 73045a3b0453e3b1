/// A Gregorian calendar date without time or zone: records carry days, and the packet prints
/// them as ISO (XML) or ROC (PDF) text.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years a portfolio date can plausibly fall in; also keeps arithmetic far from overflow.
    public static let supportedYears = 1900...2200

    /// nil if impossible (month 1–12, day within the month incl. leap years, year 1900...2200).
    public init?(year: Int, month: Int, day: Int) {
        guard Self.supportedYears.contains(year), (1...12).contains(month),
              day >= 1, day <= Self.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// "2022-03-15".
    public var iso: String {
        "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
    }

    /// "111/03/15"; the ROC year has at least 2 digits (99/08/01). Years before 民國元年 (1912)
    /// are written 民前N as on Taiwanese documents.
    public var roc: String {
        let rocYear = year - 1911
        let yearText = rocYear >= 1 ? Self.padded(rocYear, 2) : "民前\(1 - rocYear)"
        return "\(yearText)/\(Self.padded(month, 2))/\(Self.padded(day, 2))"
    }

    public var description: String { iso }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

public enum DateReading: Equatable, Sendable {
    case missing
    case valid(CalendarDate)
    /// Not a date, or an impossible one; `raw` is the trimmed input, shown as given and marked.
    case invalid(raw: String)
}

/// Reads record dates: `yyyy/MM/dd`, `yyyy-MM-dd`, ROC `YYYMMDD` (7 digits) and ROC `YYY/MM/DD`.
public enum DateValue {
    /// Missing rules as LiberalValue; numbers (e.g. 1110315) are read as their literal text.
    public static func read(_ v: JSONValue?) -> DateReading {
        guard let v else { return .missing }
        switch v {
        case .null:
            return .missing
        case .number(let literal):
            if NumericText.isMinusOne(literal) { return .missing }
            // A JSON number cannot keep the leading zero of an ROC year below 100
            // (0920315 arrives as 920315), so a 6-digit number is read as 7 digits.
            if literal.utf8.count == 6, NumericText.isPlainInteger(literal), literal.utf8.first != 0x2D {
                if case .valid(let date) = parse("0" + literal) { return .valid(date) }
                return .invalid(raw: literal)
            }
            return parse(literal)
        case .string(let string):
            let trimmed = NumericText.trimmed(string)
            if trimmed.isEmpty { return .missing }
            if let literal = NumericText.normalizedNumber(trimmed), NumericText.isMinusOne(literal) { return .missing }
            return parse(trimmed)
        case .bool, .array, .object:
            return .invalid(raw: LiberalValue.rawRendering(v))
        }
    }

    public static func parse(_ s: String) -> DateReading {
        let trimmed = NumericText.trimmed(s)
        if trimmed.isEmpty { return .missing }
        guard let date = parseDate(Array(NumericText.foldFullWidth(trimmed).utf8)) else {
            return .invalid(raw: trimmed)
        }
        return .valid(date)
    }

    // MARK: Grammar

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Reads a run of ASCII digits starting at `i`; nil if the run is empty or longer than `maxLength`.
    private static func digitRun(_ bytes: [UInt8], _ i: inout Int, maxLength: Int) -> (value: Int, length: Int)? {
        var value = 0
        var length = 0
        while i < bytes.count, isDigit(bytes[i]) {
            length += 1
            guard length <= maxLength else { return nil }
            value = value * 10 + Int(bytes[i] - 0x30)
            i += 1
        }
        return length > 0 ? (value, length) : nil
    }

    private static func parseDate(_ bytes: [UInt8]) -> CalendarDate? {
        var i = 0
        guard let first = digitRun(bytes, &i, maxLength: 7) else { return nil }

        // ROC YYYMMDD, exactly 7 digits.
        if first.length == 7 {
            guard timeSuffixIsValid(bytes, from: i) else { return nil }
            return rocDate(year: first.value / 10000, month: first.value / 100 % 100, day: first.value % 100)
        }

        guard i < bytes.count else { return nil }
        let separator = bytes[i]
        let isGregorian = first.length == 4
        let isROC = first.length == 2 || first.length == 3
        // yyyy/MM/dd and yyyy-MM-dd; ROC only with "/".
        guard (isGregorian && (separator == 0x2F || separator == 0x2D)) || (isROC && separator == 0x2F) else {
            return nil
        }
        i += 1
        guard let month = digitRun(bytes, &i, maxLength: 2), i < bytes.count, bytes[i] == separator else { return nil }
        i += 1
        guard let day = digitRun(bytes, &i, maxLength: 2), timeSuffixIsValid(bytes, from: i) else { return nil }
        return isGregorian
            ? CalendarDate(year: first.value, month: month.value, day: day.value)
            : rocDate(year: first.value, month: month.value, day: day.value)
    }

    /// ROC year 1 is 1912; there is no year 0.
    private static func rocDate(year: Int, month: Int, day: Int) -> CalendarDate? {
        guard year >= 1 else { return nil }
        return CalendarDate(year: year + 1911, month: month, day: day)
    }

    /// Accepts nothing, or " HH:mm[:ss[.fff]][zone]" / "THH:mm[:ss[.fff]][zone]" with zone
    /// "Z" or ±HH[:mm]. The time is ignored; checking its shape keeps "2022/03/15abc" invalid.
    private static func timeSuffixIsValid(_ bytes: [UInt8], from start: Int) -> Bool {
        var i = start
        guard i < bytes.count else { return true }
        if bytes[i] == 0x54 {  // T
            i += 1
        } else if bytes[i] == 0x20 {
            while i < bytes.count, bytes[i] == 0x20 { i += 1 }
        } else {
            return false
        }
        guard let hour = digitRun(bytes, &i, maxLength: 2), hour.value < 24,
              i < bytes.count, bytes[i] == 0x3A else { return false }
        i += 1
        guard let minute = digitRun(bytes, &i, maxLength: 2), minute.length == 2, minute.value < 60 else { return false }
        if i < bytes.count, bytes[i] == 0x3A {
            i += 1
            guard let second = digitRun(bytes, &i, maxLength: 2), second.length == 2, second.value <= 60 else {
                return false
            }
            if i < bytes.count, bytes[i] == 0x2E {
                i += 1
                var fractionDigits = 0
                while i < bytes.count, isDigit(bytes[i]) { i += 1; fractionDigits += 1 }
                guard fractionDigits > 0 else { return false }
            }
        }
        guard i < bytes.count else { return true }
        if bytes[i] == 0x5A {  // Z
            return i + 1 == bytes.count
        }
        guard bytes[i] == 0x2B || bytes[i] == 0x2D else { return false }
        i += 1
        // ±HH, ±HHmm or ±HH:mm.
        guard let zoneHour = twoDigits(bytes, &i), zoneHour <= 14 else { return false }
        if i == bytes.count { return true }
        if bytes[i] == 0x3A { i += 1 }
        guard let zoneMinute = twoDigits(bytes, &i), zoneMinute < 60 else { return false }
        return i == bytes.count
    }

    private static func twoDigits(_ bytes: [UInt8], _ i: inout Int) -> Int? {
        guard i + 1 < bytes.count, isDigit(bytes[i]), isDigit(bytes[i + 1]) else { return nil }
        let value = Int(bytes[i] - 0x30) * 10 + Int(bytes[i + 1] - 0x30)
        i += 2
        return value
    }
}
