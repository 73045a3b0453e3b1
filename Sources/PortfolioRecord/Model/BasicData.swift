/// `_基本資料.json`: 學籍 and the school-created cadre list.
public struct BasicData: Sendable, Equatable {
    /// The 應試號碼 the file states (may differ from the folder's; that is a warning).
    public var statedApplicantNumber: String?
    /// Read to report an unreadable value; kept out of every output (personal data). The national
    /// ID is not kept at all: the reader checks it and drops it.
    public var birthDate: DateReading
    /// What a reviewer is shown: the packet holds this part, so the birth date never reaches it.
    public var enrolment: Enrolment

    public init(statedApplicantNumber: String? = nil, birthDate: DateReading = .missing, enrolment: Enrolment = Enrolment()) {
        self.statedApplicantNumber = statedApplicantNumber
        self.birthDate = birthDate
        self.enrolment = enrolment
    }
}

/// The name and 學籍 of `_基本資料.json`, as the packet shows them.
public struct Enrolment: Sendable, Equatable {
    public var name: String?
    public var schoolCode: String?
    public var schoolName: String?
    public var schoolRegion: String?
    /// 群別 (e.g. 普通型).
    public var group: String?
    /// 科班學程別 (e.g. 普通科).
    public var program: String?
    /// 班別.
    public var classType: String?
    /// 學習型態.
    public var learningMode: String?

    public init(
        name: String? = nil, schoolCode: String? = nil, schoolName: String? = nil, schoolRegion: String? = nil,
        group: String? = nil, program: String? = nil, classType: String? = nil, learningMode: String? = nil
    ) {
        self.name = name
        self.schoolCode = schoolCode
        self.schoolName = schoolName
        self.schoolRegion = schoolRegion
        self.group = group
        self.program = program
        self.classType = classType
        self.learningMode = learningMode
    }
}
