import Testing
@testable import PortfolioRecord

private func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate? {
    CalendarDate(year: year, month: month, day: day)
}

@Suite struct CalendarDateTests {
    // MARK: CalendarDate

    @Test func validDates() throws {
        let d = try #require(date(2022, 3, 15))
        #expect(d.year == 2022 && d.month == 3 && d.day == 15)
        #expect(d.iso == "2022-03-15")
        #expect(d.roc == "111/03/15")
        #expect(d.description == "2022-03-15")
    }

    @Test func impossibleDates() {
        #expect(date(2023, 2, 29) == nil)
        #expect(date(2022, 13, 1) == nil)
        #expect(date(2022, 0, 1) == nil)
        #expect(date(2022, 1, 0) == nil)
        #expect(date(2022, 1, 32) == nil)
        #expect(date(2022, 4, 31) == nil)
        #expect(date(2022, 6, 31) == nil)
        #expect(date(2022, 9, 31) == nil)
        #expect(date(2022, 11, 31) == nil)
        #expect(date(2022, -1, 1) == nil)
        #expect(date(Int.max, 1, 1) == nil)
        #expect(date(Int.min, Int.min, Int.min) == nil)
    }

    @Test func leapYears() {
        #expect(date(2024, 2, 29) != nil)   // divisible by 4
        #expect(date(2000, 2, 29) != nil)   // divisible by 400
        #expect(date(1900, 2, 29) == nil)   // century, not by 400
        #expect(date(2100, 2, 29) == nil)
        #expect(date(2023, 2, 29) == nil)
        #expect(date(2023, 2, 28) != nil)
        #expect(date(2024, 2, 30) == nil)
    }

    @Test func supportedYearRange() {
        #expect(date(1900, 1, 1) != nil)
        #expect(date(2200, 12, 31) != nil)
        #expect(date(1899, 12, 31) == nil)
        #expect(date(2201, 1, 1) == nil)
    }

    @Test func rocRendering() throws {
        #expect(try #require(date(2010, 8, 1)).roc == "99/08/01")
        #expect(try #require(date(2003, 3, 15)).roc == "92/03/15")
        #expect(try #require(date(1912, 1, 1)).roc == "01/01/01")
        #expect(try #require(date(1921, 10, 10)).roc == "10/10/10")
        #expect(try #require(date(2022, 12, 31)).roc == "111/12/31")
        #expect(try #require(date(2200, 1, 1)).roc == "289/01/01")
        // Before 民國元年.
        #expect(try #require(date(1911, 12, 31)).roc == "民前1/12/31")
        #expect(try #require(date(1900, 1, 1)).roc == "民前12/01/01")
    }

    @Test func isoPadding() throws {
        #expect(try #require(date(1900, 1, 2)).iso == "1900-01-02")
    }

    @Test func ordering() throws {
        let a = try #require(date(2022, 3, 15))
        let b = try #require(date(2022, 3, 16))
        let c = try #require(date(2022, 4, 1))
        let d = try #require(date(2023, 1, 1))
        #expect(a < b && b < c && c < d)
        #expect(!(a < a))
        #expect([d, b, c, a].sorted() == [a, b, c, d])
        #expect(Set([a, a, b]).count == 2)
    }

    // MARK: Parsing

    @Test(arguments: [
        ("2022/03/15", "2022-03-15"),
        ("2022-03-15", "2022-03-15"),
        ("2022/3/5", "2022-03-05"),
        ("2022-3-15", "2022-03-15"),
        ("1110315", "2022-03-15"),
        ("0920315", "2003-03-15"),
        ("111/03/15", "2022-03-15"),
        ("111/3/15", "2022-03-15"),
        ("99/8/1", "2010-08-01"),
        ("99/08/01", "2010-08-01"),
        ("  2022/03/15\u{3000}", "2022-03-15"),
        ("2022/03/15 00:00:00", "2022-03-15"),
        ("2022-03-15T00:00:00", "2022-03-15"),
        ("2022-03-15T08:30:00.123Z", "2022-03-15"),
        ("2022-03-15T08:30:00+08:00", "2022-03-15"),
        ("2022-03-15T08:30:00-0500", "2022-03-15"),
        ("2022-03-15T08:30+08", "2022-03-15"),
        ("2022/03/15 8:30", "2022-03-15"),
        ("111/03/15 00:00:00", "2022-03-15"),
        ("1110315 12:00:00", "2022-03-15"),
        ("2024/02/29", "2024-02-29"),
        ("113/2/29", "2024-02-29"),
        ("２０２２／０３／１５", "2022-03-15"),
    ])
    func acceptedForms(_ input: String, _ iso: String) {
        guard case .valid(let d) = DateValue.parse(input) else {
            Issue.record("\(input) not read as a date")
            return
        }
        #expect(d.iso == iso)
    }

    @Test(arguments: [
        "2023/02/29",       // not a leap year
        "112/2/29",
        "111/13/01",        // month 13
        "0000000",          // ROC year 0, month 0
        "0000101",          // there is no ROC year 0
        "1110230",
        "2022/00/10",
        "2022/04/31",
        "20220315",         // 8 digits: not an accepted form
        "111315",           // 6 digits
        "22/3/15/",
        "2022/03-15",       // mixed separators
        "111-03-15",        // ROC form uses "/"
        "2022.03.15",
        "15/03/2022",
        "2022/003/15",
        "2022/03/015",
        "1/03/15",
        "2022/03/15abc",
        "2022/03/15 25:00",
        "2022/03/15 08:61",
        "2022/03/15 08:30:00.",
        "2022-03-15T",
        "2022-03-15T08:30:00+",
        "2022-03-15Z",
        "二〇二二年三月十五日",
        "abc",
        "1899/12/31",
        "2201/01/01",
        "999/01/01",        // ROC 999 = 2910
        "9999999",
    ])
    func rejectedForms(_ input: String) {
        #expect(DateValue.parse(input) == .invalid(raw: input))
    }

    @Test func invalidKeepsTheTrimmedInput() {
        #expect(DateValue.parse("  2023/02/29 ") == .invalid(raw: "2023/02/29"))
        #expect(DateValue.parse("\u{3000}111/13/01\n") == .invalid(raw: "111/13/01"))
    }

    @Test func blankParsesAsMissing() {
        #expect(DateValue.parse("") == .missing)
        #expect(DateValue.parse(" \u{3000}") == .missing)
    }

    // MARK: Reading JSON values

    @Test func readingMissing() {
        #expect(DateValue.read(nil) == .missing)
        #expect(DateValue.read(.null) == .missing)
        #expect(DateValue.read(.string("")) == .missing)
        #expect(DateValue.read(.string("  ")) == .missing)
        #expect(DateValue.read(.string("-1")) == .missing)
        #expect(DateValue.read(.number("-1")) == .missing)
    }

    @Test func readingStringsAndNumbers() throws {
        let expected = try #require(date(2022, 3, 15))
        #expect(DateValue.read(.string("2022/03/15")) == .valid(expected))
        #expect(DateValue.read(.string(" 111/03/15 ")) == .valid(expected))
        #expect(DateValue.read(.number("1110315")) == .valid(expected))
        // A JSON number drops the leading zero of ROC years below 100: 0920315 arrives as 920315.
        #expect(DateValue.read(.number("920315")) == .valid(try #require(date(2003, 3, 15))))
        #expect(DateValue.read(.number("991301")) == .invalid(raw: "991301"))
        #expect(DateValue.read(.number("20220315")) == .invalid(raw: "20220315"))
        #expect(DateValue.read(.number("1110315.5")) == .invalid(raw: "1110315.5"))
        #expect(DateValue.read(.number("-920315")) == .invalid(raw: "-920315"))
    }

    @Test func readingOtherTypes() {
        #expect(DateValue.read(.bool(true)) == .invalid(raw: "true"))
        #expect(DateValue.read(.array([])) == .invalid(raw: "[…]"))
        #expect(DateValue.read(.object(JSONObject(members: []))) == .invalid(raw: "{…}"))
    }
}
