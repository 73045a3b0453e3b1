/// `_修課紀錄.json`: per-semester averages with their distributions, and per-course rows.
public struct CourseRecord: Sendable, Equatable {
    public var semesters: [SemesterResult]
    public var courses: [CourseResult]

    public init(semesters: [SemesterResult] = [], courses: [CourseResult] = []) {
        self.semesters = semesters
        self.courses = courses
    }
}

/// One row of 學期成績與學習相對表現資訊.
public struct SemesterResult: Sendable, Equatable {
    /// Position in the file's array (0-based), for messages and stable order.
    public var index: Int
    public var schoolYear: Reading<Int>
    public var semester: Reading<Int>
    /// 學生學期成績.
    public var average: Reading<Double>
    /// 校 / 群別 / 科班學程別 distributions; nil where the file gives null or nothing.
    public var schoolDistribution: ScoreDistribution?
    public var groupDistribution: ScoreDistribution?
    public var programDistribution: ScoreDistribution?

    public init(
        index: Int, schoolYear: Reading<Int>, semester: Reading<Int>, average: Reading<Double>,
        schoolDistribution: ScoreDistribution? = nil, groupDistribution: ScoreDistribution? = nil,
        programDistribution: ScoreDistribution? = nil
    ) {
        self.index = index
        self.schoolYear = schoolYear
        self.semester = semester
        self.average = average
        self.schoolDistribution = schoolDistribution
        self.groupDistribution = groupDistribution
        self.programDistribution = programDistribution
    }
}

/// One row of 學習紀錄.
public struct CourseResult: Sendable, Equatable {
    public var index: Int
    /// 實際修課學年度 (alias 應修課學年度).
    public var schoolYear: Reading<Int>
    public var semester: Reading<Int>
    public var subject: Reading<String>
    public var credits: Reading<Double>
    /// 課程類別 as the file writes it (e.g. 部定必修).
    public var category: Reading<String>
    /// 課程領域資訊.名稱.
    public var domain: Reading<String>
    /// 課程代碼 as given; validated and decoded in assembly.
    public var courseCode: Reading<String>
    /// 學業成績.分數.
    public var score: Reading<Double>
    public var distribution: ScoreDistribution?

    public init(
        index: Int, schoolYear: Reading<Int> = .missing, semester: Reading<Int> = .missing,
        subject: Reading<String> = .missing, credits: Reading<Double> = .missing,
        category: Reading<String> = .missing, domain: Reading<String> = .missing,
        courseCode: Reading<String> = .missing, score: Reading<Double> = .missing,
        distribution: ScoreDistribution? = nil
    ) {
        self.index = index
        self.schoolYear = schoolYear
        self.semester = semester
        self.subject = subject
        self.credits = credits
        self.category = category
        self.domain = domain
        self.courseCode = courseCode
        self.score = score
        self.distribution = distribution
    }
}

/// A population and its 1-point score histogram: bin k (0…99) counts scores in [k, k+1), and bin
/// 99 also holds the scores of exactly 100.
public struct ScoreDistribution: Sendable, Equatable {
    /// 母體人數 as given (may be missing or not positive: the standing then shows 「—」).
    public var population: Reading<Int>
    /// Nil where the histogram itself is null (the population may still be known).
    public var bins: [Int]?

    public init(population: Reading<Int>, bins: [Int]?) {
        self.population = population
        self.bins = bins
    }

    public static let binCount = 100
}
