/// One entry of `_課程學習成果.json`.
public struct LearningOutcome: Sendable, Equatable {
    /// Position in the file's array (0-based).
    public var index: Int
    /// What a tick list names it by: its 項目編號, else `課程學習成果:<index + 1>` (`ItemKey`).
    public var key: ItemKey
    /// 項目編號 as written, when the record states one.
    public var statedKey: Reading<String>
    public var subject: Reading<String>
    /// 實際修課學年度 (alias 應修課學年度).
    public var schoolYear: Reading<Int>
    public var semester: Reading<Int>
    public var courseCode: Reading<String>
    /// 課程學習成果簡述, whole (its length is checked in assembly).
    public var summary: Reading<String>
    public var document: AttachmentReference?
    public var media: AttachmentReference?
    /// 認證狀態 as written (已認證, 未認證, …).
    public var certification: Reading<String>
    /// 成果類別 (1 = 專題實作及實習科目學習成果).
    public var outcomeCategory: Reading<String>
    /// 審查項目代碼 the student filed it under (project convention).
    public var reviewItemCode: Reading<String>

    public init(
        index: Int, subject: Reading<String> = .missing, schoolYear: Reading<Int> = .missing,
        semester: Reading<Int> = .missing, courseCode: Reading<String> = .missing,
        summary: Reading<String> = .missing, document: AttachmentReference? = nil,
        media: AttachmentReference? = nil, certification: Reading<String> = .missing,
        outcomeCategory: Reading<String> = .missing, reviewItemCode: Reading<String> = .missing,
        key: ItemKey? = nil, statedKey: Reading<String> = .missing
    ) {
        self.index = index
        self.key = key ?? .outcome(index: index)
        self.statedKey = statedKey
        self.subject = subject
        self.schoolYear = schoolYear
        self.semester = semester
        self.courseCode = courseCode
        self.summary = summary
        self.document = document
        self.media = media
        self.certification = certification
        self.outcomeCategory = outcomeCategory
        self.reviewItemCode = reviewItemCode
    }

    /// Every attachment of this outcome, in field order.
    public var attachments: [AttachmentReference] { [document, media].compactMap { $0 } }
}
