import Diagnostics

/// Everything read from one applicant folder, as typed values.
///
/// Values keep what the applicant's files said: a date that cannot exist stays as its raw text and
/// is marked, a number that cannot be read stays as given. The national ID never enters this type,
/// and ID-shaped text in any value is masked by the reader (`maskingNationalIDs`), so no later
/// stage can leak it.
public struct ApplicantRecord: Sendable {
    /// The 應試號碼 as the folder names it (8 digits by contract, kept as given).
    public var applicantNumber: String
    public var basic: BasicData
    /// `_修課紀錄.json`.
    public var courseRecord: Loaded<CourseRecord>
    /// `_修課紀錄.pdf`, when the school sent a PDF (alone, or beside the JSON).
    public var courseRecordPDF: AttachmentFile?
    /// `_第6學期成績單.pdf`, placed at the end of item A.
    public var sixthSemesterTranscript: AttachmentFile?
    /// `_課程學習成果.json`.
    public var outcomes: Loaded<[LearningOutcome]>
    /// `_多元表現.json` (the school-created cadre list of `_基本資料.json` is merged into it).
    public var performances: Loaded<[PerformanceRecord]>
    /// The self-written items (N, O, P, Q, R and the combined 學習歷程自述), in `SelfWrittenKind` order.
    public var selfWritten: [SelfWrittenDocument]
    /// Every file read from the folder, in path order: what the input digest is computed from.
    public var inputFiles: [InputFile]
    /// Every problem found while reading, in the order found.
    public var diagnostics: [Diagnostic]
    /// The 「自行上傳PDF檔」 files (`_自行上傳_<項目代碼>.pdf`), in file-name order.
    public var uploads: [UploadedFile] = []

    public init(
        applicantNumber: String, basic: BasicData, courseRecord: Loaded<CourseRecord> = .absent,
        courseRecordPDF: AttachmentFile? = nil, sixthSemesterTranscript: AttachmentFile? = nil,
        outcomes: Loaded<[LearningOutcome]> = .absent, performances: Loaded<[PerformanceRecord]> = .absent,
        selfWritten: [SelfWrittenDocument] = [], inputFiles: [InputFile] = [], diagnostics: [Diagnostic] = []
    ) {
        self.applicantNumber = applicantNumber
        self.basic = basic
        self.courseRecord = courseRecord
        self.courseRecordPDF = courseRecordPDF
        self.sixthSemesterTranscript = sixthSemesterTranscript
        self.outcomes = outcomes
        self.performances = performances
        self.selfWritten = selfWritten
        self.inputFiles = inputFiles
        self.diagnostics = diagnostics
    }
}

/// One optional file of the record: not there, there but unreadable, or read.
public enum Loaded<Value: Sendable>: Sendable {
    case absent(file: String)
    /// The file exists and could not be read; `reason` is the error reported for it.
    case unreadable(file: String, reason: Diagnostic)
    case present(file: String, Value)

    public static var absent: Loaded { .absent(file: "") }

    public var value: Value? {
        if case .present(_, let value) = self { return value }
        return nil
    }

    public var file: String {
        switch self {
        case .absent(let file), .unreadable(let file, _), .present(let file, _): file
        }
    }
}

/// A file the reader read, for the input digest.
public struct InputFile: Sendable, Hashable {
    /// Relative to the applicant folder, `/`-separated.
    public var path: String
    public var size: Int
    /// Lower-case hexadecimal SHA-256 of the bytes.
    public var sha256: String

    public init(path: String, size: Int, sha256: String) {
        self.path = path
        self.size = size
        self.sha256 = sha256
    }
}
