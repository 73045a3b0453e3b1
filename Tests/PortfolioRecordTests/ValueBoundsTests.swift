import Diagnostics
import Foundation
import Testing

@testable import PortfolioRecord

/// Numbers no field can hold are data errors on their field, and a numeral of any length costs
/// no more than reading it once.
@Suite struct ValueBoundsTests {
    func folder(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bounds-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("001012/01000001")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (path, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(path)) }
        return folder
    }

    let basic = #"{"應試號碼": "01000001", "學生中文姓名": "林安"}"#

    func courses(_ row: String) throws -> ApplicantRecord {
        let json = #"{"學習紀錄": ["# + row + "]}"
        return try ApplicantFolderReader().read(
            folder: folder(["01000001_基本資料.json": basic, "01000001_修課紀錄.json": json]))
    }

    @Test func aMillionDigitCreditCountIsAnErrorOnItsFieldWithAShortRaw() throws {
        let digits = String(repeating: "9", count: 1_000_000)
        let record = try courses(#"{"實際修課學年度": 112, "實際修課學期": 1, "學分數": ""# + digits + #""}"#)
        let errors = record.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.field == "學習紀錄[0].學分數")
        #expect(error.file == "01000001_修課紀錄.json")
        guard case .valueOutOfRange(let raw, let length, let bounds) = error.kind else {
            Issue.record("expected value-out-of-range, got \(error.kind)")
            return
        }
        #expect(length == 1_000_000)
        #expect(raw.unicodeScalars.count <= NumericText.excerptLength + 1)
        #expect(bounds == FieldBounds.credits)
        // The value itself is unreadable and small: nothing downstream sees a million digits.
        guard case .invalid(let shown) = record.courseRecord.value?.courses.first?.credits else {
            Issue.record("credits should be invalid")
            return
        }
        #expect(shown == raw)
        #expect(error.line(.traditionalChinese).contains("共 1000000 字元"))
    }

    @Test func aSchoolYearBeyondXSIntIsAnErrorNotAValue() throws {
        let record = try courses(#"{"實際修課學年度": 2147483648, "實際修課學期": 1, "學分數": 2}"#)
        let error = try #require(record.diagnostics.first { $0.severity == .error })
        #expect(error.field == "學習紀錄[0].實際修課學年度")
        #expect(error.kind.code == "value-out-of-range")
        #expect(record.courseRecord.value?.courses.first?.schoolYear == .invalid(raw: "2147483648"))
    }

    @Test func plausibleValuesStayValuesAndOddOnesKeepTheirWarnings() throws {
        let record = try courses(
            #"{"實際修課學年度": "１１２", "實際修課學期": 2, "學分數": "4.0", "學業成績": {"分數": 150}, "母體人數": 0}"#)
        #expect(!record.diagnostics.contains { $0.severity == .error })
        let course = try #require(record.courseRecord.value?.courses.first)
        #expect(course.schoolYear == .value(112))
        #expect(course.credits == .value(4))
        #expect(course.score == .value(150))
        #expect(course.distribution?.population == .value(0))
    }

    @Test func overflowInfinityAndHugeCountsAreOutOfRangeNotMalformed() throws {
        let record = try courses(
            #"{"實際修課學期": 99999999999999999999999, "學分數": 1e400, "學業成績": 5e5, "#
                + #""本科目分數級距分布": {"組距1_2的人數": 100000000000}, "科目名稱": "x"}"#)
        let fields = Set(record.diagnostics.filter { $0.kind.code == "value-out-of-range" }.compactMap(\.field))
        #expect(
            fields == [
                "學習紀錄[0].實際修課學期", "學習紀錄[0].學分數", "學習紀錄[0].學業成績",
                "學習紀錄[0].本科目分數級距分布.組距1_2的人數",
            ])
        // Text that is no number at all stays a warning.
        let text = try courses(#"{"學分數": "四學分"}"#)
        #expect(text.diagnostics.contains { $0.severity == .warning && $0.kind.code == "invalid-value" })
        #expect(!text.diagnostics.contains { $0.severity == .error })
    }

    @Test func longNumeralsAreNeverParsed() {
        // Bounded work: the outcome is decided from the length, so a numeral of any size is cheap.
        let long = JSONValue.string(String(repeating: "1", count: NumericText.maxLiteralLength + 1))
        guard case .outOfRange(_, let length) = LiberalValue.numberOutcome(long) else {
            Issue.record("expected out of range")
            return
        }
        #expect(length == NumericText.maxLiteralLength + 1)
        #expect(LiberalValue.integer(.number("-" + String(repeating: "1", count: 500))) != .missing)
        #expect(NumericText.excerpt("12345") == "12345")
        #expect(NumericText.excerpt(String(repeating: "字", count: 100)).hasSuffix("…"))
    }
}
