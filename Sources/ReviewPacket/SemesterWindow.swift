import PortfolioRecord

/// Which semester of senior high a record belongs to, counted 1–6 from the first semester of 高一,
/// and whether a department sees it.
///
/// An applicant for 招生學年度 Y entered 高一 in 學年度 Y − 3 (115 → 112): 112 學年度第 1 學期 is
/// semester 1, 114 學年度第 2 學期 semester 6. A student who repeated a year counts from the
/// year the table assumes; docs/input.md says so.
public struct SemesterWindow: Sendable, Equatable {
    /// The first 學年度 of 高一.
    public var firstSchoolYear: Int
    /// The semesters the department sees, nil when it sees all.
    public var range: ClosedRange<Int>?

    public init(admissionYear: Int, range: ClosedRange<Int>?) {
        firstSchoolYear = admissionYear - 3
        self.range = range
    }

    /// 1–6 for the three years of senior high; below 1 or above 6 outside them. Nil when the
    /// semester is not 1 or 2.
    public func number(schoolYear: Int, semester: Int) -> Int? {
        guard (1...2).contains(semester) else { return nil }
        let (years, o1) = schoolYear.subtractingReportingOverflow(firstSchoolYear)
        let (twice, o2) = years.multipliedReportingOverflow(by: 2)
        let (number, o3) = twice.addingReportingOverflow(semester)
        return o1 || o2 || o3 ? nil : number
    }

    /// The semester a date falls in: 學年度 begins on 1 August; 第 1 學期 runs August–January.
    public func number(of date: CalendarDate) -> Int? {
        let rocYear = date.year - 1911
        switch date.month {
        case 8...12: return number(schoolYear: rocYear, semester: 1)
        case 1: return number(schoolYear: rocYear - 1, semester: 1)
        default: return number(schoolYear: rocYear - 1, semester: 2)
        }
    }

    /// The semester outside the window, or nil when the record is inside it or its semester is
    /// unknown (a record that cannot be placed is shown rather than hidden).
    public func outside(_ semester: Int?) -> Int? {
        guard let range, let semester, !range.contains(semester) else { return nil }
        return semester
    }
}

extension PerformanceRecord {
    /// Fields that date a 多元表現 record, in the order they are trusted: its own 學年度/學期, else
    /// the first date it gives (the start of a role or service, the day a result or certificate
    /// was announced, a work's date).
    static let datingFields = ["開始日期", "結果公布日期", "取得證照日期", "作品日期", "結束日期"]

    /// The record's semester number in `window`, nil when nothing in it says.
    func semester(in window: SemesterWindow) -> Int? {
        if case .integer(let year) = field("學年度"), case .integer(let term) = field("學期") {
            return window.number(schoolYear: year, semester: term)
        }
        for name in Self.datingFields {
            if case .date(let date) = field(name) { return window.number(of: date) }
        }
        return nil
    }
}
