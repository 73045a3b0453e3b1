/// Every kind of problem the exporter reports. Each has a stable `code` (for `--json`, the XML
/// and report.json), a message in Traditional Chinese and English and its documentation, all in
/// one entry of `DiagnosticKind.text` (`DiagnosticTable.swift`).
public enum DiagnosticKind: Error, Sendable, Hashable {
    // Files and encodings
    /// `_基本資料.json` is not there: no packet can be made.
    case requiredFileMissing
    /// A file could not be read at all: refused (a link out of the folder, a FIFO, a device, a
    /// folder in a file's place) or failed (permissions, I/O).
    case fileUnreadable(reason: FileProblem)
    /// A file is larger than the reader accepts for its kind (bounded memory).
    case fileTooLarge(size: Int, limit: Int)
    case badEncoding(EncodingProblem, byteOffset: Int)
    case jsonSyntax(JSONSyntaxProblem, line: Int, column: Int)
    /// The file or a field has another JSON kind than the contract says.
    case wrongShape(expected: JSONKind, found: JSONKind)
    case unknownKey(String)
    case duplicateKey(String)
    /// Both `_修課紀錄.json` and `_修課紀錄.pdf`: tables from the JSON, the PDF's pages after them.
    case courseRecordInBothForms
    /// Two self-written files for one item (e.g. .txt and .md); the one named is used.
    case selfWrittenDuplicate(used: String)
    /// The folder name and the 應試號碼 inside `_基本資料.json` differ.
    case applicantNumberMismatch(folder: String, inFile: String)
    /// A field every record of its kind should have is absent.
    case requiredFieldMissing
    /// A file in the folder that no record names and the contract does not know: not in the packet.
    case unreferencedFile
    /// A record file that is valid JSON with no records in it (`{}`, `[]`).
    case emptyRecordFile
    /// Control characters (NUL, ESC …) or noncharacters in a text value: each replaced by U+FFFD.
    case controlCharacters(count: Int)

    // Values
    /// A value that is present but cannot be read as `expected`; `raw` is shown as given.
    case invalidValue(raw: String, expected: ValueKind)
    /// A date that cannot exist (2023/02/29); shown as given and marked.
    case impossibleDate(raw: String)
    /// A code that is not in its code table (e.g. 競賽等級代碼 7).
    case unknownCode(table: String, code: String)
    case courseCodeInvalid(code: String, problem: CourseCodeProblem)
    /// A score outside 0–100: 推估相對表現 shows 「—」.
    case scoreOutOfRange(raw: String)
    /// 母體人數 ≤ 0: 推估相對表現 shows 「—」.
    case populationNotPositive(raw: String)
    /// The histogram's counts do not add up to 母體人數; the formula still uses 母體人數.
    case histogramSumMismatch(sum: Int, population: Int)
    case histogramBadKey(String)
    case histogramBadCount(key: String, raw: String)
    /// 簡述 longer than the limit (Unicode scalars); rendered whole.
    case summaryTooLong(length: Int, limit: Int)

    // Attachments
    case pathRefused(path: String, reason: PathRefusal)
    /// 「檔案不存在」
    case attachmentMissing(path: String)
    case md5Mismatch(path: String, stated: String, actual: String)
    case attachmentTooLarge(path: String, size: Int, limit: Int)
    /// A file type the central database does not accept (e.g. .docx).
    case attachmentTypeUnexpected(path: String)
    /// An attached image or PDF that cannot be placed (corrupt, needing a password, too large): its item
    /// shows a notice instead, the rest of the packet is unaffected.
    case attachmentUnreadable(path: String, reason: AttachmentProblem)

    // Profiles and assembly
    case profileMissing(path: String)
    /// The profile does not fit the contract or the rule table; no packet is made.
    case profileInvalid(reason: ProfileProblem)
    case ruleYearUnknown(year: Int, using: Int)
    /// A record's own 審查項目代碼 is not an item of the channel; the default mapping is used.
    case unknownReviewItem(code: String)
    /// The profile lists the item and the applicant has nothing for it: 「未提供」.
    case itemNotProvided
    /// The record belongs to an item the profile does not take: left out of the packet.
    case recordLeftOut(item: String)
    /// More records than a cap in a department's folder (`scope`: a group such as 課程學習成果, or an
    /// item such as B-1): a data error; every record is still rendered, none is chosen as "excess".
    case overCap(scope: String, count: Int, cap: Int)
    /// A combined 學習歷程自述 PDF stands in for this item.
    case combinedStatementUsed

    // Typesetting
    /// No font in the fallback chain has this character: the PDF shows a boxed placeholder.
    case glyphMissing(character: String)
    /// A Kangxi radical (⽇ U+2F47) that looks like an ideograph (日 U+65E5): probably a typing slip.
    case kangxiRadical(found: String, looksLike: String)

    // Appended here, not grouped with the attachments: cases inserted mid-enum once left incremental
    // builds running tests against a stale layout.
    /// An attached PDF whose pages (1-based) use fonts it does not embed: the pages are placed as they
    /// are (viewers substitute the fonts), and the packet no longer claims PDF/A.
    case attachmentFontsNotEmbedded(path: String, fonts: [String], pages: [Int])
    /// The files of one applicant folder together are larger than one packet may read (bounded memory):
    /// this file and those after it are not read.
    case folderTooLarge(limit: Int)
    /// The applicant folder's name (the 應試號碼, and so the output file names) has the shape of a
    /// national ID: no packet is made. Holds the name already masked.
    case folderNameIsNationalID(masked: String)
    /// A number no value of its field can be (學年度 2147483648, 學分數 1e308, a numeral of thousands
    /// of digits): an error on the field, the value shown as unreadable. `raw` is at most a few dozen
    /// characters of what was given; `length` counts all of them (Unicode scalars).
    case valueOutOfRange(raw: String, length: Int, bounds: ValueBounds)
    /// A file of the tool's own `Templates/` (a rule table, a layout) that does not decode: the
    /// diagnostic's file and field name the file and the key path. A broken installation, not input.
    case templateInvalid(DataFileProblem)
    /// A 課程學習成果 whose 認證狀態 is not 已認證: only certified outcomes reach a department, so it
    /// is a data error on its item (shown, marked 「未認證」).
    case outcomeUncertified(status: String)
    /// A record of a semester the department does not see (`semester` 1–6 from the first semester
    /// of 高一, or nil when only its date was known and it falls before or after them): left out.
    case recordOutsideWindow(item: String, semester: Int, window: ClosedRange<Int>)
    /// Self-written text longer than the department's 字數上限 for the item: rendered whole.
    case textTooLong(length: Int, limit: Int)
    /// More images in an item than the department's 圖片上限: all are rendered.
    case tooManyImages(count: Int, limit: Int)
    /// The folder holds both ways of choosing the material (「勾選」 records of `_課程學習成果.json` /
    /// `_多元表現.json`, the school-created cadre list aside, and 「自行上傳」 PDFs): a department
    /// receives one or the other. Both are shown, each marked; `records` and `uploads` name the files.
    case bothSelectionModes(records: [String], uploads: [String])
    /// A `_自行上傳_<項目代碼>.pdf` whose code is not an item of the channel (`itemName` nil) or names an
    /// item that is not uploaded (修課紀錄, the self-written items: `itemName` is its name). Not
    /// placed; `accepted` lists the codes that can be.
    case uploadItemInvalid(code: String, itemName: String?, accepted: [String])
    /// A second `_自行上傳_` PDF for an item that already has one (`first`): both are placed.
    case uploadDuplicate(first: String)
    /// Two records state the same 項目編號 (`key`): this later one keeps its positional key (`using`);
    /// `first` names the record that holds the key (`<file> › <field>`).
    case itemKeyDuplicate(key: String, first: String, using: String)
    /// The tick list named by `--selection` does not exist (exit 66).
    case tickListMissing(path: String)
    /// The tick list cannot be used (malformed, or for another department): no packet.
    case tickListInvalid(reason: TickListProblem)
    /// A tick names no item of the record. `hint` is the key of the record a positional key points
    /// at when that record states its own 項目編號 (the positional key is then not its key).
    case tickUnknownKey(key: String, hint: String?)
    /// A tick in the other list than its record's (`list`: the one it belongs in); the item is shown.
    case tickWrongList(key: String, list: String)
    /// A key ticked again; `first` is where it was ticked first (`課程學習成果[0]`). Shown once.
    case tickDuplicate(key: String, first: String)
    /// A ticked 課程學習成果 whose 認證狀態 is not 已認證 (`status` as written, nil when absent).
    case tickUncertified(key: String, status: String?)
    /// A key listed while 方式 is 自行上傳, which takes no ticks: not used.
    case tickWithUpload(key: String)
    /// More ticks counting toward a cap (`scope`: a group or an item) than it allows; `keys` are the
    /// ticks it counts, in the tick list's order. Every ticked item is shown.
    case tickOverCap(scope: String, count: Int, cap: Int, keys: [String])
    /// A ticked record of a semester the department does not see (`semester` as in
    /// `recordOutsideWindow`): left out of the packet.
    case tickOutsideWindow(key: String, item: String, semester: Int, window: ClosedRange<Int>)
    /// An attached PDF embeds fonts whose widths disagree with their own programs: its pages are
    /// placed as they are, and the packet does not claim PDF/A-3b (ISO 19005-3 6.2.11.5).
    case attachmentFontWidthsInconsistent(path: String, fonts: [String])
}

/// Why a student's tick list cannot be used at all.
public enum TickListProblem: Sendable, Hashable {
    /// Its 校系代碼 is not the profile's: it was made for another department.
    case otherDepartment(tickList: String, profile: String)
    /// The file does not have the tick list's shape at the key the diagnostic's field names.
    case malformed(DataFileProblem)
}

/// Why an attached image or PDF could not be placed. A typed reason, not the reader's or writer's
/// text, so that the Chinese message says it in Chinese; `detail` keeps that text (English,
/// technical) for the English message.
public enum AttachmentProblem: Sendable, Hashable {
    case pdfEmpty, notPDF, pdfTruncated, pdfNoPages
    /// The PDF needs a password to open (a user password). One restricted by an owner password only
    /// opens with the empty password and is placed, without its encryption.
    case pdfEncrypted
    /// Encrypted by a method the reader does not implement (a certificate, i.e. the public-key handler,
    /// or another handler; the reader's account in `detail`).
    case pdfEncryptionUnsupported(detail: String)
    /// A PDF broken in another way (the reader's account in `detail`).
    case pdfUnreadable(detail: String)
    /// Its pages would take the packet's imported pages over their limit.
    case tooManyPages
    /// The PDF needs more than one attachment may use (decoded bytes, objects, nesting: the reader's
    /// limit in `detail`).
    case pdfOverLimit(detail: String)
    case image(ImageProblem, detail: String)
    /// An AES-256 PDF whose encryption data contradict each other (`/Perms` against `/P`): damaged, or
    /// its permissions were altered after it was encrypted (the reader's account in `detail`).
    case pdfEncryptionDamaged(detail: String)
}

/// The kinds of image an attachment can be that cannot be placed.
public enum ImageProblem: String, Sendable, Hashable {
    case empty, notJPEGOrPNG, damaged, unsupported, noPixels, tooLarge, unreadable
}

/// Why a department profile cannot be used.
public enum ProfileProblem: Sendable, Hashable {
    /// A 招生管道 the year's rule table does not have.
    case unknownChannel(String)
    case departmentCodeInvalid
    case itemNotInChannel(item: String, channel: String)
    case capInvalid(group: String, maximum: Int)
    case outcomeDefaultItemInvalid(String)
    /// The file does not have the profile's shape at the key the diagnostic's field names.
    case malformed(DataFileProblem)
    /// A cap key of the wrong unit for the channel: a pooled 技專 cap (課程學習成果), or an item's cap
    /// for 申請入學, whose caps count per group.
    case capNotApplicable(key: String, unit: String)
}

/// Why a data file (a rule table, a layout, a profile) does not decode, at the key path the
/// diagnostic names in its field.
public enum DataFileProblem: Sendable, Hashable {
    /// The file cannot be read at all.
    case unreadable
    case syntax(JSONSyntaxProblem, line: Int, column: Int)
    /// A key the format requires is absent.
    case missing
    case wrongType(expected: JSONKind, found: JSONKind)
    /// A number where a whole number (in range) is needed.
    case notAWholeNumber(String)
    /// A value outside a closed set; `allowed` lists the set.
    case notOneOf(String, allowed: [String])
    /// A review item code the channel's table does not have (or not of the kind the key needs).
    case unknownItem(String)
    /// A value that must be unique appears again.
    case duplicate(String)
    /// A number outside the range the key allows.
    case outOfRange(String, lower: Int, upper: Int)
    /// An array with another number of elements than the format needs.
    case wrongCount(found: Int, expected: Int)
    /// A folder of such files holds none.
    case empty
    /// A kind of record no item of the channel takes: such records would have no place.
    case noItemTakes(String)
}
