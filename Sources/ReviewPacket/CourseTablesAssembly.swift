import Diagnostics
import PortfolioRecord

extension AssemblyRun {
    /// Groups the course rows by semester, computes every 推估相對表現, and reports the values that
    /// make a standing 「—」 or doubtful.
    mutating func courseTables(_ courseRecord: CourseRecord, file: String, item: ItemCode) -> CourseTables {
        var flags = EntryFlags()
        var semesters: [SemesterKey: SemesterTable] = [:]
        var unplaced: [CourseRow] = []
        let window = window(.courseRecord)
        // Semesters the department does not see: each row left out and named, one warning per semester.
        var reported: Set<SemesterKey> = []
        func outside(_ key: SemesterKey?, path: String) -> Bool {
            guard let key, let range = window.range,
                let semester = window.outside(window.number(schoolYear: key.year, semester: key.term))
            else { return false }
            leftOut.append(LeftOutRecord(item: item, file: file, field: path, reason: .outsideWindow(semester: semester)))
            if reported.insert(key).inserted {
                diagnostics.append(
                    .warning(
                        .recordOutsideWindow(item: item.rawValue, semester: semester, window: range), file: file,
                        field: path, item: item.rawValue))
            }
            return true
        }

        for semester in courseRecord.semesters {
            let path = "學期成績與學習相對表現資訊[\(semester.index)]"
            if outside(SemesterKey(semester.schoolYear, semester.semester), path: path) { continue }
            let average = semester.average.value
            let row = SemesterRow(
                result: semester,
                schoolStanding: standing(average, semester.schoolDistribution, file: file, path: path + ".校學習相對表現資訊", scorePath: path + ".學生學期成績"),
                groupStanding: standing(average, semester.groupDistribution, file: file, path: path + ".群別學習相對表現資訊", scorePath: nil),
                programStanding: standing(average, semester.programDistribution, file: file, path: path + ".科班學程別學習相對表現資訊", scorePath: nil))
            if semester.average.isInvalid { flags.insert(.invalidValue) }
            guard let key = SemesterKey(semester.schoolYear, semester.semester) else { continue }
            semesters[key, default: SemesterTable(schoolYear: key.year, semester: key.term, summary: nil, courses: [])]
                .summary = row
        }

        for course in courseRecord.courses {
            let path = "學習紀錄[\(course.index)]"
            if outside(SemesterKey(course.schoolYear, course.semester), path: path) { continue }
            let row = CourseRow(
                course: course,
                code: course.courseCode.value.map { decodeCourseCode($0, file: file, field: path + ".課程代碼") },
                standing: standing(course.score.value, course.distribution, file: file, path: path, scorePath: path + ".學業成績.分數"))
            if course.score.isInvalid || course.credits.isInvalid { flags.insert(.invalidValue) }
            if let key = SemesterKey(course.schoolYear, course.semester) {
                semesters[key, default: SemesterTable(schoolYear: key.year, semester: key.term, summary: nil, courses: [])]
                    .courses.append(row)
            } else {
                unplaced.append(row)
            }
        }
        let ordered = semesters.keys.sorted().compactMap { semesters[$0] }
        return CourseTables(semesters: ordered, unplacedCourses: unplaced, flags: flags)
    }

    /// One standing, with the warnings §3.1 asks for: a score outside 0–100, 母體人數 ≤ 0, and a
    /// histogram whose counts do not add up to 母體人數.
    mutating func standing(
        _ score: Double?, _ distribution: ScoreDistribution?, file: String, path: String, scorePath: String?
    ) -> Standing {
        if let score, !(0...100).contains(score), let scorePath {
            diagnostics.append(.warning(.scoreOutOfRange(raw: formatNumber(score)), file: file, field: scorePath))
        }
        guard let distribution else { return .unavailable }
        let population = distribution.population.value
        if let population, population <= 0 {
            diagnostics.append(.warning(.populationNotPositive(raw: String(population)), file: file, field: path + ".母體人數"))
        }
        if let population, population > 0, let bins = distribution.bins {
            let (sum, overflow) = bins.reduce((0, false)) { acc, n in
                let (s, o) = acc.0.addingReportingOverflow(n)
                return (s, acc.1 || o)
            }
            if overflow || sum != population {
                diagnostics.append(.warning(.histogramSumMismatch(sum: sum, population: population), file: file, field: path))
            }
        }
        return Standing.estimate(score: score, population: population, bins: distribution.bins)
    }
}

/// (學年度, 學期), ordered.
struct SemesterKey: Hashable, Comparable {
    var year: Int
    var term: Int

    init?(_ year: Reading<Int>, _ term: Reading<Int>) {
        guard let year = year.value, let term = term.value else { return nil }
        self.year = year
        self.term = term
    }

    static func < (a: SemesterKey, b: SemesterKey) -> Bool { (a.year, a.term) < (b.year, b.term) }
}

extension Reading {
    var isInvalid: Bool {
        if case .invalid = self { return true }
        return false
    }
}

/// A number as people write it: no `.0` on whole numbers.
public func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
}
