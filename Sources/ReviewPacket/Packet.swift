import Diagnostics
import PortfolioRecord

/// One applicant's review packet: the record assembled by the department's review items.
///
/// This is what both outputs describe. The XML package serialises it; the PDF layout typesets
/// it; neither adds or drops anything.
public struct ReviewPacket: Sendable {
    public var meta: PacketMeta
    public var applicant: ApplicantInfo
    /// The profile's items, in the channel's code order.
    public var items: [PacketItem]
    /// Records that belong to items the profile does not take (left out, and said so).
    public var leftOut: [LeftOutRecord]
    /// Every file the packet refers to, once each, in path order.
    public var attachments: [AttachmentFile]
    /// Reader and assembly diagnostics, each tagged with its item where one applies.
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public struct PacketMeta: Sendable, Equatable {
    public var toolVersion: String
    public var ruleYear: Int
    /// 招生管道 as the profile names it.
    public var channel: Channel
    /// The rule table the channel uses (申請入學 or 技專).
    public var channelFamily: ChannelFamily
    /// Which semester windows applied (from 基本資料's 群別).
    public var classType: ClassType
    public var departmentCode: String
    public var departmentName: String
    public var profileSource: String
    public var profileItems: [ItemCode]
    public var caps: [CapScope: Int]
    /// The year's 簡述 limit, which `EntryFlags.summaryTooLong` means was passed.
    public var summaryLimit: Int
    /// SHA-256 over the tool version, rule table, profile and every input file (`InputDigest`).
    public var inputDigest: String
    /// The student's tick list the packet was made from, if any.
    public var tickList: TickListInfo?
}

/// 基本資料 as the packet shows it: the 應試號碼 and the record's `Enrolment`, held whole (not
/// copied field by field), which leaves out the national ID and the birth date (personal data no
/// reviewer needs). Its fields read as the applicant's own (`applicant.name`).
@dynamicMemberLookup
public struct ApplicantInfo: Sendable, Equatable {
    public var applicantNumber: String
    public var enrolment: Enrolment

    public init(applicantNumber: String, enrolment: Enrolment = Enrolment()) {
        self.applicantNumber = applicantNumber
        self.enrolment = enrolment
    }

    public subscript<Value>(dynamicMember field: KeyPath<Enrolment, Value>) -> Value {
        enrolment[keyPath: field]
    }
}

public struct PacketItem: Sendable {
    public var code: ItemCode
    public var name: String
    public var group: ItemGroup
    public var status: ItemStatus
    public var entries: [ItemEntry]
    /// The cap this item's records count toward when more were received than it allows (for a
    /// group, the count is the whole group's).
    public var overCap: CapCount?

    public init(
        code: ItemCode, name: String, group: ItemGroup, status: ItemStatus, entries: [ItemEntry],
        overCap: CapCount? = nil
    ) {
        self.code = code
        self.name = name
        self.group = group
        self.status = status
        self.entries = entries
        self.overCap = overCap
    }

    /// The union of its entries' flags, and the item's own.
    public var flags: EntryFlags {
        var flags = entries.reduce(into: EntryFlags()) { $0.formUnion($1.flags) }
        if overCap != nil { flags.insert(.overCap) }
        switch status {
        case .provided: break
        case .notProvided: flags.insert(.notProvided)
        case .unreadable: flags.insert(.unreadable)
        }
        return flags
    }
}

/// Records received against a cap: 「收到 4 件，上限 3 件」.
public struct CapCount: Sendable, Equatable {
    public var scope: CapScope
    public var received: Int
    public var cap: Int

    public init(scope: CapScope, received: Int, cap: Int) {
        self.scope = scope
        self.received = received
        self.cap = cap
    }
}

public enum ItemStatus: Sendable, Equatable {
    case provided
    /// 「未提供」.
    case notProvided
    /// 「無法讀取」: a file that fills this item could not be read (the files are named).
    case unreadable(files: [String])
}

/// One thing placed in an item, in the order it is shown.
public enum ItemEntry: Sendable {
    case courseTables(CourseTables)
    /// A school-sent PDF in item A (`_修課紀錄.pdf`, `_第6學期成績單.pdf`).
    case schoolDocument(SchoolDocument)
    case outcome(OutcomeEntry)
    case performance(PerformanceEntry)
    case document(DocumentEntry)
    /// A 「自行上傳PDF檔」 of the applicant, in the item its file name names.
    case uploaded(UploadedEntry)

    public var flags: EntryFlags {
        switch self {
        case .courseTables(let tables): tables.flags
        case .schoolDocument(let document): document.flags
        case .outcome(let entry): entry.flags
        case .performance(let entry): entry.flags
        case .document(let entry): entry.flags
        case .uploaded(let entry): entry.flags
        }
    }
}

/// What the index and the entries mark. A set of named bits, stable in the XML.
public struct EntryFlags: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let notProvided = EntryFlags(rawValue: 1 << 0)
    public static let unreadable = EntryFlags(rawValue: 1 << 1)
    /// On an item only: its group or itself received more records than the cap.
    public static let overCap = EntryFlags(rawValue: 1 << 2)
    public static let uncertified = EntryFlags(rawValue: 1 << 3)
    public static let md5Mismatch = EntryFlags(rawValue: 1 << 4)
    public static let pathRefused = EntryFlags(rawValue: 1 << 5)
    public static let fileMissing = EntryFlags(rawValue: 1 << 6)
    public static let summaryTooLong = EntryFlags(rawValue: 1 << 7)
    public static let attachmentTooLarge = EntryFlags(rawValue: 1 << 8)
    public static let invalidValue = EntryFlags(rawValue: 1 << 9)
    public static let combinedStatement = EntryFlags(rawValue: 1 << 10)
    /// A 「自行上傳PDF檔」: no teacher 認證, no upload history; marked on every page of it.
    public static let uploaded = EntryFlags(rawValue: 1 << 11)
    /// The folder holds both ticked records and uploaded PDFs (`both-selection-modes`): each entry of
    /// either way is marked.
    public static let bothSelectionModes = EntryFlags(rawValue: 1 << 12)

    /// Names in a fixed order, as the XML writes them.
    public static let named: [(EntryFlags, String)] = [
        (.notProvided, "notProvided"), (.unreadable, "unreadable"), (.overCap, "overCap"),
        (.uncertified, "uncertified"), (.md5Mismatch, "md5Mismatch"), (.pathRefused, "pathRefused"),
        (.fileMissing, "fileMissing"), (.summaryTooLong, "summaryTooLong"),
        (.attachmentTooLarge, "attachmentTooLarge"), (.invalidValue, "invalidValue"),
        (.combinedStatement, "combinedStatement"), (.uploaded, "uploaded"), (.bothSelectionModes, "bothSelectionModes"),
    ]

    public var names: [String] {
        Self.named.filter { contains($0.0) }.map(\.1)
    }
}

// MARK: Item A

/// 修課紀錄 as tables: semesters in order, each with its courses, and the standings computed.
public struct CourseTables: Sendable {
    public var semesters: [SemesterTable]
    /// Courses whose 學年度/學期 could not be read, kept in their own table.
    public var unplacedCourses: [CourseRow]
    public var flags: EntryFlags
    /// The method in one sentence, printed under every table that shows an estimate.
    public static let methodNote =
        "推估相對表現為本系統依分數級距分布所做的推估，並非官方排名：以分數 s 所在的 1 分級距 k = min(⌊s⌋, 99)，取高於該級距的人數加上該級距人數乘以 (k + 1 − s)（至少計為 1 人，即申請生本人），除以母體人數，以「前 X%」表示並四捨五入至小數第一位（低於 0.1% 者記為 0.1%），級距分布缺漏、母體人數不為正數或分數不在 0–100 者顯示「—」。"
}

public struct SemesterTable: Sendable {
    public var schoolYear: Int
    public var semester: Int
    /// The semester row (學期成績 and the three standings), if the file has one.
    public var summary: SemesterRow?
    public var courses: [CourseRow]
}

public struct SemesterRow: Sendable {
    public var result: SemesterResult
    public var schoolStanding: Standing
    public var groupStanding: Standing
    public var programStanding: Standing
}

public struct CourseRow: Sendable {
    public var course: CourseResult
    public var code: DecodedCourseCode?
    public var standing: Standing
}

public struct SchoolDocument: Sendable {
    public enum Kind: String, Sendable { case courseRecordPDF = "修課紀錄", sixthSemesterTranscript = "第6學期成績單" }
    public var kind: Kind
    public var file: AttachmentFile
    public var flags: EntryFlags
}

// MARK: Items B–E, F–M

public struct OutcomeEntry: Sendable {
    public var outcome: LearningOutcome
    public var code: DecodedCourseCode?
    public var flags: EntryFlags
    /// 成果類別's name from the year's code table (1 → 專題實作及實習科目學習成果), nil if it has none.
    public var categoryName: String? = nil
}

public struct PerformanceEntry: Sendable {
    public var record: PerformanceRecord
    /// The record's fields with their code names looked up (幹部等級代碼 2 → 班級幹部).
    public var fields: [DisplayField]
    public var flags: EntryFlags
}

public struct DisplayField: Sendable, Equatable {
    public var name: String
    public var value: FieldValue
    /// For codes: the name from the year's code table, nil if the table has none.
    public var codeName: String?
}

// MARK: Items N–R

public struct DocumentEntry: Sendable {
    public var document: SelfWrittenDocument
    /// True where this item has no file of its own and the combined 學習歷程自述 stands in for it
    /// (its content is placed under another item; this entry points there).
    public var pointsToItem: ItemCode?
    public var flags: EntryFlags
}

/// A record left out of the packet: named, never silently dropped.
public struct LeftOutRecord: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// Its item is not one the profile takes.
        case itemNotTaken
        /// Its semester (1–6, or outside them) is not in the channel's window.
        case outsideWindow(semester: Int)
    }

    public var item: ItemCode
    public var file: String
    public var field: String
    public var reason: Reason

    public init(item: ItemCode, file: String, field: String, reason: Reason = .itemNotTaken) {
        self.item = item
        self.file = file
        self.field = field
        self.reason = reason
    }
}

// MARK: 自行上傳

/// A PDF the applicant uploaded for this item (`<應試號碼>_自行上傳_<項目代碼>.pdf`). Its flags always
/// hold `.uploaded`.
public struct UploadedEntry: Sendable {
    public var upload: UploadedFile
    public var flags: EntryFlags

    public init(upload: UploadedFile, flags: EntryFlags) {
        self.upload = upload
        self.flags = flags.union(.uploaded)
    }
}
