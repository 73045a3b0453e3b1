import Diagnostics

/// What each numeric field of the records can plausibly hold, by key wherever the key appears. A
/// number outside is no value of the field (學分數 1e308, 學年度 2147483648) but a data error on it:
/// reported, shown as unreadable, and never carried on into tables, formulas or the XML's `xs:int`s.
/// The bounds are generous on purpose: they catch what cannot be, while odd but possible values
/// keep their own warnings (a score outside 0–100, a population of 0).
public enum FieldBounds {
    /// 學年度 (ROC years have three digits for centuries; a Western year is odd, not impossible).
    public static let schoolYear = ValueBounds(1...9_999)
    /// 學期: 1 and 2, with room for summer and winter terms.
    public static let semester = ValueBounds(1...9)
    public static let credits = ValueBounds(0...100)
    /// Scores: far around 0–100, which `scoreOutOfRange` checks with its own warning.
    public static let score = ValueBounds(-1_000...1_000)
    /// 母體人數 and histogram counts: more than every senior-high student of Taiwan together.
    public static let population = ValueBounds(-10_000_000...10_000_000)
    public static let count = ValueBounds(0...10_000_000)
    /// Hours and periods of 多元表現 (時數, 節數或時數, 總時數 …).
    public static let hours = ValueBounds(0...100_000)
    /// 每週節數, 開設週數.
    public static let weekly = ValueBounds(0...1_000)
    /// Any other whole number: what an `xs:int` holds.
    public static let otherInteger = ValueBounds(Int(Int32.min)...Int(Int32.max))
    public static let otherNumber = ValueBounds(-1_000_000_000...1_000_000_000)

    static func integer(_ key: String) -> ValueBounds {
        named(key) ?? otherInteger
    }

    static func number(_ key: String) -> ValueBounds {
        named(key) ?? otherNumber
    }

    private static func named(_ key: String) -> ValueBounds? {
        switch key {
        case "學年度", "實際修課學年度", "應修課學年度": schoolYear
        case "學期", "實際修課學期", "應修課學期": semester
        case "學分數": credits
        case "分數", "學生學期成績", "學業成績": score
        case "母體人數": population
        case "時數", "服務學習時數", "節數或時數", "節數", "總時數": hours
        case "每週節數", "開設週數": weekly
        default: nil
        }
    }
}
