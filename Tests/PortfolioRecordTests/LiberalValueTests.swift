import Testing
@testable import PortfolioRecord

private let emptyObject = JSONValue.object(JSONObject(members: []))

@Suite struct LiberalValueTests {
    // MARK: Missing

    /// §4: key absent, null, "", -1 and "-1" mean missing; so do whitespace-only strings.
    static let missingValues: [JSONValue?] = [
        nil, .null, .string(""), .string("   "), .string("\u{3000}"), .string(" \t\n"),
        .number("-1"), .number("-1.0"), .number("-1e0"), .string("-1"), .string(" -1 "), .string("-1.0"),
        .string("－１"),
    ]

    @Test(arguments: missingValues)
    func missingForEveryKind(_ value: JSONValue?) {
        #expect(LiberalValue.number(value) == .missing)
        #expect(LiberalValue.integer(value) == .missing)
        #expect(LiberalValue.text(value) == .missing)
        #expect(LiberalValue.code(value) == .missing)
        #expect(LiberalValue.number(value).value == nil)
    }

    @Test func readingValueAccessor() {
        #expect(Reading<Int>.value(3).value == 3)
        #expect(Reading<Int>.missing.value == nil)
        #expect(Reading<Int>.invalid(raw: "x").value == nil)
    }

    // MARK: number

    @Test func numbers() {
        #expect(LiberalValue.number(.number("111")) == .value(111))
        #expect(LiberalValue.number(.number("86.42")) == .value(86.42))
        #expect(LiberalValue.number(.number("-0.5")) == .value(-0.5))
        #expect(LiberalValue.number(.number("1e3")) == .value(1000))
        #expect(LiberalValue.number(.number("0")) == .value(0))
        #expect(LiberalValue.number(.number("-2")) == .value(-2))
        #expect(LiberalValue.number(.string("111")) == .value(111))
        #expect(LiberalValue.number(.string("4.0")) == .value(4))
        #expect(LiberalValue.number(.string(" 86.42\u{3000}")) == .value(86.42))
        #expect(LiberalValue.number(.string("+5")) == .value(5))
        #expect(LiberalValue.number(.string("007")) == .value(7))
        #expect(LiberalValue.number(.string(".5")) == .value(0.5))
        #expect(LiberalValue.number(.string("5.")) == .value(5))
        #expect(LiberalValue.number(.string("2.5E2")) == .value(250))
    }

    @Test func fullWidthDigits() {
        #expect(LiberalValue.number(.string("１１１")) == .value(111))
        #expect(LiberalValue.number(.string("８６．４２")) == .value(86.42))
        #expect(LiberalValue.number(.string("－３")) == .value(-3))
        #expect(LiberalValue.integer(.string("\u{3000}１１１\u{3000}")) == .value(111))
    }

    @Test func invalidNumbers() {
        #expect(LiberalValue.number(.string("abc")) == .invalid(raw: "abc"))
        #expect(LiberalValue.number(.string(" 一百 ")) == .invalid(raw: "一百"))
        #expect(LiberalValue.number(.string("NaN")) == .invalid(raw: "NaN"))
        #expect(LiberalValue.number(.string("nan")) == .invalid(raw: "nan"))
        #expect(LiberalValue.number(.string("inf")) == .invalid(raw: "inf"))
        #expect(LiberalValue.number(.string("Infinity")) == .invalid(raw: "Infinity"))
        #expect(LiberalValue.number(.string("0x1F")) == .invalid(raw: "0x1F"))
        #expect(LiberalValue.number(.string("1,000")) == .invalid(raw: "1,000"))
        #expect(LiberalValue.number(.string("1 000")) == .invalid(raw: "1 000"))
        #expect(LiberalValue.number(.string("1e")) == .invalid(raw: "1e"))
        #expect(LiberalValue.number(.string("-")) == .invalid(raw: "-"))
        #expect(LiberalValue.number(.string(".")) == .invalid(raw: "."))
        #expect(LiberalValue.number(.string("1e400")) == .invalid(raw: "1e400"))
        #expect(LiberalValue.number(.number("1e99999")) == .invalid(raw: "1e99999"))
        #expect(LiberalValue.number(.bool(true)) == .invalid(raw: "true"))
        #expect(LiberalValue.number(.bool(false)) == .invalid(raw: "false"))
        #expect(LiberalValue.number(.array([.number("1")])) == .invalid(raw: "[…]"))
        #expect(LiberalValue.number(emptyObject) == .invalid(raw: "{…}"))
    }

    // MARK: integer

    @Test func integers() {
        #expect(LiberalValue.integer(.number("111")) == .value(111))
        #expect(LiberalValue.integer(.string("111")) == .value(111))
        #expect(LiberalValue.integer(.string("4.0")) == .value(4))
        #expect(LiberalValue.integer(.number("4.00")) == .value(4))
        #expect(LiberalValue.integer(.number("1e2")) == .value(100))
        #expect(LiberalValue.integer(.string("02")) == .value(2))
        #expect(LiberalValue.integer(.number("-0")) == .value(0))
        #expect(LiberalValue.integer(.number("-2")) == .value(-2))
        #expect(LiberalValue.integer(.number("9223372036854775807")) == .value(Int.max))
        #expect(LiberalValue.integer(.number("-9223372036854775808")) == .value(Int.min))
        // Large plain integers keep every digit (a Double would round this).
        #expect(LiberalValue.integer(.number("9007199254740993")) == .value(9_007_199_254_740_993))
    }

    @Test func nonIntegralOrOutOfRangeIntegers() {
        #expect(LiberalValue.integer(.string("4.5")) == .invalid(raw: "4.5"))
        #expect(LiberalValue.integer(.number("0.1")) == .invalid(raw: "0.1"))
        #expect(LiberalValue.integer(.number("1e-1")) == .invalid(raw: "1e-1"))
        #expect(LiberalValue.integer(.number("9223372036854775808")) == .invalid(raw: "9223372036854775808"))
        #expect(LiberalValue.integer(.number("-9223372036854775809")) == .invalid(raw: "-9223372036854775809"))
        #expect(LiberalValue.integer(.number("1e19")) == .invalid(raw: "1e19"))
        #expect(LiberalValue.integer(.number("1e300")) == .invalid(raw: "1e300"))
        #expect(LiberalValue.integer(.string("123456789012345678901234567890")) == .invalid(raw: "123456789012345678901234567890"))
        #expect(LiberalValue.integer(.string("二")) == .invalid(raw: "二"))
        #expect(LiberalValue.integer(.bool(true)) == .invalid(raw: "true"))
        #expect(LiberalValue.integer(.array([])) == .invalid(raw: "[…]"))
    }

    // MARK: text

    @Test func texts() {
        #expect(LiberalValue.text(.string("班長")) == .value("班長"))
        #expect(LiberalValue.text(.string("\u{3000} 臺北市立第一女子高級中學 \n")) == .value("臺北市立第一女子高級中學"))
        #expect(LiberalValue.text(.string("a  b")) == .value("a  b"))  // inner spacing kept
        #expect(LiberalValue.text(.string("01686463")) == .value("01686463"))
        #expect(LiberalValue.text(.number("111")) == .value("111"))
        #expect(LiberalValue.text(.number("86.50")) == .value("86.50"))
        #expect(LiberalValue.text(.string("0")) == .value("0"))
    }

    @Test func invalidTexts() {
        #expect(LiberalValue.text(.bool(false)) == .invalid(raw: "false"))
        #expect(LiberalValue.text(.array([.string("a")])) == .invalid(raw: "[…]"))
        #expect(LiberalValue.text(emptyObject) == .invalid(raw: "{…}"))
    }

    // MARK: code

    @Test func codes() {
        #expect(LiberalValue.code(.number("2")) == .value("2"))
        #expect(LiberalValue.code(.string("2")) == .value("2"))
        #expect(LiberalValue.code(.string("02")) == .value("02"))
        #expect(LiberalValue.code(.number("2.0")) == .value("2"))
        #expect(LiberalValue.code(.number("2e0")) == .value("2"))
        #expect(LiberalValue.code(.number("0")) == .value("0"))
        #expect(LiberalValue.code(.number("2.5")) == .value("2.5"))
        #expect(LiberalValue.code(.string(" D ")) == .value("D"))
        #expect(LiberalValue.code(.string("B-1")) == .value("B-1"))
        #expect(LiberalValue.code(.string("Ｂ－１")) == .value("B-1"))
        #expect(LiberalValue.code(.string("０２")) == .value("02"))
        #expect(LiberalValue.code(.number("123456789012345678901234567890")) == .value("123456789012345678901234567890"))
    }

    @Test func invalidCodes() {
        #expect(LiberalValue.code(.bool(true)) == .invalid(raw: "true"))
        #expect(LiberalValue.code(.array([])) == .invalid(raw: "[…]"))
        #expect(LiberalValue.code(emptyObject) == .invalid(raw: "{…}"))
    }

    @Test func readsValuesStraightFromParsedJSON() throws {
        guard case .object(let record) = try JSONParser.parse(
            #"{"學年度": "111", "學期": 1, "學分數": "4.0", "分數": -1, "名稱": "", "代碼": 2.0, "備註": null}"#)
        else {
            Issue.record("not an object")
            return
        }
        #expect(LiberalValue.integer(record["學年度"]) == .value(111))
        #expect(LiberalValue.integer(record["學期"]) == .value(1))
        #expect(LiberalValue.integer(record["學分數"]) == .value(4))
        #expect(LiberalValue.number(record["分數"]) == .missing)
        #expect(LiberalValue.text(record["名稱"]) == .missing)
        #expect(LiberalValue.code(record["代碼"]) == .value("2"))
        #expect(LiberalValue.text(record["備註"]) == .missing)
        #expect(LiberalValue.text(record["沒有這個鍵"]) == .missing)
    }
}
