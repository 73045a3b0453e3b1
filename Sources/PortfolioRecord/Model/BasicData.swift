/// `_基本資料.json`: 學籍 and the school-created cadre list.
public struct BasicData: Sendable, Equatable {
    /// The 應試號碼 the file states (may differ from the folder's; that is a warning).
    public var statedApplicantNumber: String?
    public var name: String?
    /// The national ID or residence-permit number, masked as `A12****789`. The unmasked value is
    /// dropped by the reader the moment it is read.
    public var maskedNationalID: String?
    public var birthDate: DateReading
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
        statedApplicantNumber: String? = nil, name: String? = nil, maskedNationalID: String? = nil,
        birthDate: DateReading = .missing, schoolCode: String? = nil, schoolName: String? = nil,
        schoolRegion: String? = nil, group: String? = nil, program: String? = nil,
        classType: String? = nil, learningMode: String? = nil
    ) {
        self.statedApplicantNumber = statedApplicantNumber
        self.name = name
        self.maskedNationalID = maskedNationalID
        self.birthDate = birthDate
        self.schoolCode = schoolCode
        self.schoolName = schoolName
        self.schoolRegion = schoolRegion
        self.group = group
        self.program = program
        self.classType = classType
        self.learningMode = learningMode
    }
}

/// Masks a national ID or residence-permit number: the first three and last three characters
/// stay, every other character becomes `*` (`A123456789` → `A12****789`). Anything shorter than
/// seven characters is masked whole, since three-and-three would show most of it.
public func maskNationalID(_ id: String) -> String {
    let characters = Array(id)
    guard characters.count >= 7 else { return String(repeating: "*", count: characters.count) }
    return String(characters.prefix(3)) + String(repeating: "*", count: characters.count - 6)
        + String(characters.suffix(3))
}
