/// Everything said about one diagnostic kind: its code, the levels it is reported at, its message
/// and what to do in both languages, and what it means. Written side by side in one entry per kind
/// (`DiagnosticKind.text`), so that no language, code or documentation can be forgotten for a kind:
/// the switch below is exhaustive, and docs/diagnostics.md is generated from it.
public struct DiagnosticText: Sendable, Hashable {
    /// A stable identifier for machines (`--json`, the XML, report.json). Never change one.
    public var code: String
    /// The severities the stages report this kind at. The reporting stage decides the severity
    /// (`Diagnostic.error`/`.warning`), not the kind; this records what the code does, for the
    /// docs, and a test checks it against the sources.
    public var levels: [Severity]
    /// The message in Traditional Chinese, with the values filled in; no English words of ours.
    public var zh: String
    /// The message in English, with the values filled in.
    public var en: String
    /// What it means and what the tool did (for docs/diagnostics.md, in English).
    public var meaning: String
    /// What the student or the admissions office should do, in Traditional Chinese: file names,
    /// codes and options quoted as they are, no English words of ours.
    public var actionZH: String
    /// What the student or the admissions office should do, in English.
    public var actionEN: String
    /// The exit effect when it is not simply that of `levels` (no packet at all, exit 66, or
    /// levels that depend on where the kind is found).
    public var effect: String?

    public init(
        code: String, levels: [Severity], zh: String, en: String, meaning: String, actionZH: String,
        actionEN: String, effect: String? = nil
    ) {
        self.code = code
        self.levels = levels
        self.zh = zh
        self.en = en
        self.meaning = meaning
        self.actionZH = actionZH
        self.actionEN = actionEN
        self.effect = effect
    }

    public func message(_ language: MessageLanguage) -> String {
        language == .english ? en : zh
    }

    /// What to do, in the reader's language.
    public func action(_ language: MessageLanguage) -> String {
        language == .english ? actionEN : actionZH
    }
    /// The effect of an error on a whole file: its items show 「無法讀取」, and `_基本資料.json` or
    /// a profile that cannot be read leaves no packet at all.
    static let wholeFileEffect =
        "exit 65 (`check`, `render`), the packet is written with its items 「無法讀取」 (`errors` in `batch`); "
        + "for `_基本資料.json` or the profile no packet (`failed` in `batch`)"
}

extension DiagnosticKind {
    /// A stable identifier for machines (`--json`, XML, report.json).
    public var code: String { text.code }

    /// The one table of diagnostics: code, levels, both messages and documentation of each kind.
    /// To add a kind: a case at the end of `DiagnosticKind`, its entry here (the compiler asks for
    /// it), an example in `DiagnosticKind.documentedExamples`, then regenerate docs/diagnostics.md
    /// (the tests say how, and fail until each step is done).
    public var text: DiagnosticText {
        switch self {

        // MARK: Files and encodings

        case .requiredFileMissing:
            return DiagnosticText(
                code: "required-file-missing", levels: [.error],
                zh: "找不到必要檔案，無法產生備審資料",
                en: "required file is missing; no packet can be made",
                meaning: "`<應試號碼>_基本資料.json` is not in the applicant folder; without it there is no applicant to make a packet for.",
                actionZH: "請從中央資料庫重新匯出這個資料夾，並確認含有 `_基本資料.json`。",
                actionEN: "Export the folder again from the central database, with its `_基本資料.json`.",
                effect: "no packet: exit 65 (`check`, `render`); in `batch` the applicant is `failed`")

        case .fileUnreadable(let reason):
            let text = reason.text
            return DiagnosticText(
                code: "file-unreadable", levels: [.error],
                zh: "無法讀取檔案：\(text.zh)",
                en: "cannot read the file: \(text.en)",
                meaning: "A file could not be read at all: refused unopened (a symbolic link out of the folder or in a loop, a FIFO, a device, a socket, a folder in a file's place, a file swapped while opening) or failed (permissions, I/O). Its review items show 「無法讀取」.",
                actionZH: "請以檔案本身（一般檔案，不是捷徑或連結）取代，或修正檔案的讀取權限。",
                actionEN: "Replace the file by the regular file itself (not a link), or fix its permissions.",
                effect: DiagnosticText.wholeFileEffect + "; exit 66 when it is the profile")

        case .fileTooLarge(let size, let limit):
            return DiagnosticText(
                code: "file-too-large", levels: [.error],
                zh: "檔案過大（\(size) 位元組，上限 \(limit) 位元組），未讀取",
                en: "file too large (\(size) bytes, limit \(limit)); not read",
                meaning: "The file is larger than the reader accepts for its kind (JSON 128 MiB, text 8 MiB, profile 1 MiB): it is not read, its items show 「無法讀取」.",
                actionZH: "請確認這是中央資料庫匯出的檔案；這麼大的紀錄檔通常已損毀，或根本不是紀錄檔。",
                actionEN: "Check that the file is the one the central database exported; a record file this large is damaged or not a record.",
                effect: DiagnosticText.wholeFileEffect)

        case .badEncoding(let problem, let offset):
            let zh: String
            let en: String
            switch problem {
            case .invalidUTF8:
                zh = "不是有效的 UTF-8（第 \(offset) 位元組起）"
                en = "bad encoding: not valid UTF-8 (from byte \(offset))"
            case .invalidUTF16:
                zh = "不是有效的 UTF-16（第 \(offset) 位元組起）"
                en = "bad encoding: not valid UTF-16 (from byte \(offset))"
            case .utf32NotSupported:
                zh = "是 UTF-32 編碼，僅接受 UTF-8 或帶 BOM 的 UTF-16"
                en = "bad encoding: UTF-32 is not accepted, only UTF-8 or UTF-16 with a BOM"
            case .utf16WithoutBOM:
                zh = "看似沒有 BOM 的 UTF-16，僅接受 UTF-8 或帶 BOM 的 UTF-16"
                en = "bad encoding: looks like UTF-16 without a BOM; only UTF-8 or UTF-16 with a BOM"
            case .empty:
                zh = "是空檔案"
                en = "the file is empty"
            }
            return DiagnosticText(
                code: "bad-encoding", levels: [.error],
                zh: "檔案編碼錯誤：\(zh)", en: en,
                meaning: "A JSON or text file is not UTF-8 (with or without BOM) or UTF-16 with a BOM, or is empty: it is not read, its items show 「無法讀取」.",
                actionZH: "請將檔案另存為 UTF-8 編碼（例如在「記事本」按「另存新檔」，編碼選 UTF-8）。",
                actionEN: "Save the file again as UTF-8 (for example 「另存新檔」 → UTF-8 in Notepad).",
                effect: DiagnosticText.wholeFileEffect)

        case .jsonSyntax(let problem, let line, let column):
            let text = problem.text
            return DiagnosticText(
                code: "json-syntax", levels: [.error],
                zh: "JSON 語法錯誤（第 \(line) 行第 \(column) 字）：\(text.zh)",
                en: "JSON syntax error at line \(line), column \(column): \(text.en)",
                meaning: "A JSON file (record or profile) cannot be parsed; the line and column are where the parser stopped. The file is not read, its items show 「無法讀取」.",
                actionZH: "請從中央資料庫重新匯出這個檔案；若曾手動編輯，請修正訊息指出的位置。",
                actionEN: "Export the file again from the central database; if it was edited by hand, fix it at the place named.",
                effect: DiagnosticText.wholeFileEffect)

        case .wrongShape(let expected, let found):
            return DiagnosticText(
                code: "wrong-shape", levels: [.error, .warning],
                zh: "資料型態不符：應為\(expected.name(.traditionalChinese))，實為\(found.name(.traditionalChinese))",
                en: "wrong type: expected \(expected.name(.english)), found \(found.name(.english))",
                meaning: "A file or a field holds another JSON kind than the contract says (an object where a list of records belongs, a text where an object belongs).",
                actionZH: "請從中央資料庫重新匯出這個檔案；若曾手動編輯，請將該欄位改回原本的格式。",
                actionEN: "Export the file again from the central database; if it was edited by hand, restore the field's form.",
                effect: "error for a whole file (exit 65, its items 「無法讀取」; `_基本資料.json`: no packet, `failed` in `batch`); warning for a field inside a record (none)")

        case .unknownKey(let key):
            return DiagnosticText(
                code: "unknown-key", levels: [.warning],
                zh: "未知的欄位「\(key)」，不放入備審資料",
                en: "unknown key \"\(key)\", kept out of the packet",
                meaning: "A record or profile has a field the contract does not know; it is reported, not shown in the packet.",
                actionZH: "若這個欄位是手動加入的，不需處理；否則請確認匯出檔的格式版本。",
                actionEN: "None if the field was added by hand; otherwise check the export's format version.")

        case .duplicateKey(let key):
            return DiagnosticText(
                code: "duplicate-key", levels: [.warning],
                zh: "欄位「\(key)」重複出現，採用第一個",
                en: "key \"\(key)\" occurs more than once; the first is used",
                meaning: "A JSON object names the same field twice; the first value is used.",
                actionZH: "請刪除重複的欄位，只留下要採用的值。",
                actionEN: "Remove the duplicate field so that the intended value is used.")

        case .courseRecordInBothForms:
            return DiagnosticText(
                code: "course-record-both-forms", levels: [.warning],
                zh: "同時有修課紀錄 JSON 與 PDF：表格取自 JSON，PDF 頁面接於其後",
                en: "course record given as both JSON and PDF: tables from the JSON, the PDF's pages after them",
                meaning: "Both `_修課紀錄.json` and `_修課紀錄.pdf` are present: the tables come from the JSON and the PDF's pages follow them.",
                actionZH: "若 `_修課紀錄.pdf` 只是重複 `_修課紀錄.json` 的內容，請只保留其中一個。",
                actionEN: "Keep only one form if the PDF repeats the JSON.")

        case .selfWrittenDuplicate(let used):
            return DiagnosticText(
                code: "self-written-duplicate", levels: [.warning],
                zh: "同一項目有多個自述檔案，採用「\(used)」",
                en: "several files for one self-written item; using \"\(used)\"",
                meaning: "Two self-written files for one item (for example `.txt` and `.md`); the one named is used, the other is not in the packet.",
                actionZH: "請刪除不該採用的那個檔案。",
                actionEN: "Remove the file that should not be used.")

        case .applicantNumberMismatch(let folder, let inFile):
            return DiagnosticText(
                code: "applicant-number-mismatch", levels: [.warning],
                zh: "資料夾名稱的應試號碼（\(folder)）與檔案內的應試號碼（\(inFile)）不同",
                en: "the folder's applicant number (\(folder)) differs from the one in the file (\(inFile))",
                meaning: "The folder's name and the 應試號碼 inside `_基本資料.json` differ; the folder's name is used for the outputs.",
                actionZH: "請確認資料夾內是這位申請生的檔案；將資料夾改名，或重新匯出。",
                actionEN: "Check that the folder holds this applicant's files; rename the folder or export again.")

        case .requiredFieldMissing:
            return DiagnosticText(
                code: "required-field-missing", levels: [.warning],
                zh: "缺少必要欄位",
                en: "a required field is missing",
                meaning: "A field every record of its kind should have (for example 學生中文姓名) is absent; the packet shows it empty.",
                actionZH: "請從中央資料庫重新匯出這個檔案。",
                actionEN: "Export the file again from the central database.")

        case .unreferencedFile:
            return DiagnosticText(
                code: "unreferenced-file", levels: [.warning],
                zh: "資料夾中的這個檔案沒有任何紀錄引用，未放入備審資料",
                en: "no record names this file in the folder; it is not in the packet",
                meaning: "A file in the folder that no record names and the contract does not know: it is not in the packet.",
                actionZH: "若這個檔案應放入備審資料，請在所屬紀錄的「檔案連結」欄位填入它；否則請刪除。",
                actionEN: "Link it from its record (the record's 檔案連結 field) if it belongs in the packet, or remove it.")

        case .emptyRecordFile:
            return DiagnosticText(
                code: "empty-record-file", levels: [.warning],
                zh: "檔案中沒有任何紀錄",
                en: "the file holds no records",
                meaning: "A record file that is valid JSON with no records in it (`{}`, `[]`); its items show 「未提供」 if nothing else fills them.",
                actionZH: "若學生沒有這類紀錄，不需處理；否則請重新匯出這個檔案。",
                actionEN: "None if the student has no such records; otherwise export the file again.")

        case .controlCharacters(let count):
            return DiagnosticText(
                code: "control-characters", levels: [.warning],
                zh: "文字中有 \(count) 個控制字元或非字元，已以 U+FFFD 取代",
                en: "\(count) control or noncharacter code points in the text, each replaced by U+FFFD",
                meaning: "Control characters (NUL, ESC …) or Unicode noncharacters in a text value; each is shown as U+FFFD (�).",
                actionZH: "請在出現 � 的地方重新輸入文字。",
                actionEN: "Retype the text where the � appears.")

        // MARK: Values

        case .invalidValue(let raw, let expected):
            return DiagnosticText(
                code: "invalid-value", levels: [.warning],
                zh: "無法讀取的值「\(raw)」，應為\(expected.name(.traditionalChinese))",
                en: "cannot read \"\(raw)\": expected \(expected.name(.english))",
                meaning: "A value is present but cannot be read as its field's kind (a number, a date, an MD5 digest …); it is shown as given and marked.",
                actionZH: "請在中央資料庫更正這個值，再重新匯出。",
                actionEN: "Correct the value in the central database and export again.")

        case .impossibleDate(let raw):
            return DiagnosticText(
                code: "impossible-date", levels: [.warning],
                zh: "日期不存在：「\(raw)」，照原樣顯示並標記",
                en: "impossible date \"\(raw)\"; shown as given and marked",
                meaning: "A date-shaped value that names no real day (2023/02/29); shown as given and marked.",
                actionZH: "請在中央資料庫更正這個日期。",
                actionEN: "Correct the date in the central database.")

        case .unknownCode(let table, let code):
            return DiagnosticText(
                code: "unknown-code", levels: [.warning],
                zh: "\(table)「\(code)」不在代碼表中",
                en: "\(table) \"\(code)\" is not in its code table",
                meaning: "A code that is not in its code table of the rule year (for example 競賽等級代碼 7); the code is shown as given.",
                actionZH: "請確認中央資料庫中的代碼；若代碼表已過時，請更新 `Templates/rules/`。",
                actionEN: "Check the code in the central database; if the code table is out of date, update `Templates/rules/`.")

        case .courseCodeInvalid(let code, let problem):
            let text = problem.text
            return DiagnosticText(
                code: "course-code-invalid", levels: [.warning],
                zh: "課程代碼「\(code)」有誤：\(text.zh)",
                en: "course code \"\(code)\" is invalid: \(text.en)",
                meaning: "A 課程代碼 does not have the 23-character structure, or a position names no category, attribute or domain; the course is listed, its code not decoded.",
                actionZH: "請確認中央資料庫中的課程代碼。",
                actionEN: "Check the course code in the central database.")

        case .scoreOutOfRange(let raw):
            return DiagnosticText(
                code: "score-out-of-range", levels: [.warning],
                zh: "分數「\(raw)」不在 0–100 之間，推估相對表現顯示「—」",
                en: "score \"\(raw)\" is outside 0–100; the estimated standing shows \"—\"",
                meaning: "A score outside 0–100; 推估相對表現 cannot be computed and shows 「—」.",
                actionZH: "請在中央資料庫更正這個成績。",
                actionEN: "Correct the score in the central database.")

        case .populationNotPositive(let raw):
            return DiagnosticText(
                code: "population-not-positive", levels: [.warning],
                zh: "母體人數「\(raw)」不是正數，推估相對表現顯示「—」",
                en: "population \"\(raw)\" is not positive; the estimated standing shows \"—\"",
                meaning: "母體人數 is 0 or negative; 推估相對表現 shows 「—」.",
                actionZH: "請在中央資料庫更正母體人數。",
                actionEN: "Correct 母體人數 in the central database.")

        case .histogramSumMismatch(let sum, let population):
            return DiagnosticText(
                code: "histogram-sum-mismatch", levels: [.warning],
                zh: "級距分布人數合計 \(sum) 與母體人數 \(population) 不符，推估仍以母體人數計算",
                en: "histogram counts add up to \(sum), not the population \(population); the estimate still uses the population",
                meaning: "The histogram's counts do not add up to 母體人數; 推估相對表現 still uses 母體人數.",
                actionZH: "請確認中央資料庫中的成績分布。",
                actionEN: "Check the score distribution in the central database.")

        case .histogramBadKey(let key):
            return DiagnosticText(
                code: "histogram-bad-key", levels: [.warning],
                zh: "無法辨識的級距欄位「\(key)」，已略過",
                en: "unrecognised histogram key \"\(key)\", skipped",
                meaning: "A key of the score histogram is not a score band; it is skipped.",
                actionZH: "請從中央資料庫重新匯出這個檔案。",
                actionEN: "Export the file again from the central database.")

        case .histogramBadCount(let key, let raw):
            return DiagnosticText(
                code: "histogram-bad-count", levels: [.warning],
                zh: "級距「\(key)」的人數「\(raw)」無法讀取，以 0 計",
                en: "histogram count \"\(raw)\" of \"\(key)\" is unreadable; counted as 0",
                meaning: "A band's count in the score histogram is not a whole number ≥ 0; it counts as 0.",
                actionZH: "請從中央資料庫重新匯出這個檔案。",
                actionEN: "Export the file again from the central database.")

        case .summaryTooLong(let length, let limit):
            return DiagnosticText(
                code: "summary-too-long", levels: [.warning],
                zh: "簡述 \(length) 字，超過 \(limit) 字上限（仍完整呈現）",
                en: "summary has \(length) characters, over the limit of \(limit) (rendered whole)",
                meaning: "A 簡述 longer than the rule year's limit (Unicode scalars); it is rendered whole and marked.",
                actionZH: "請將簡述縮短到字數上限以內。",
                actionEN: "Shorten the 簡述 to the limit.")

        // MARK: Attachments

        case .pathRefused(let path, let reason):
            let text = reason.text
            return DiagnosticText(
                code: "path-refused", levels: [.warning],
                zh: "拒絕讀取附件「\(path)」：\(text.zh)",
                en: "attachment \"\(path)\" refused: \(text.en)",
                meaning: "A path named by a 連結 field is not followed: it leaves the applicant folder, is absolute, leads out through a symbolic link, is not a regular file, or is malformed. The entry is marked 「路徑遭拒」.",
                actionZH: "請將檔案放在申請生資料夾內，並在紀錄中以相對路徑填寫。",
                actionEN: "Put the file inside the applicant folder and name it by a relative path.")

        case .attachmentMissing(let path):
            return DiagnosticText(
                code: "attachment-missing", levels: [.warning],
                zh: "檔案不存在：「\(path)」",
                en: "file does not exist: \"\(path)\"",
                meaning: "A record names an attached file that is not in the folder; the entry is marked 「檔案不存在」.",
                actionZH: "請將檔案放入資料夾，或更正紀錄中的路徑。",
                actionEN: "Add the file to the folder, or correct the path in the record.")

        case .md5Mismatch(let path, let stated, let actual):
            return DiagnosticText(
                code: "md5-mismatch", levels: [.warning],
                zh: "附件「\(path)」的 MD5 不符：紀錄為 \(stated)，實際為 \(actual)",
                en: "MD5 of \"\(path)\" does not match: recorded \(stated), actual \(actual)",
                meaning: "The attached file's MD5 differs from the one its record states: it is not the file that was uploaded. It is placed and marked 「MD5 不符」.",
                actionZH: "請改用當初上傳到中央資料庫的那個檔案。",
                actionEN: "Replace the file by the one uploaded to the central database.")

        case .attachmentTooLarge(let path, let size, let limit):
            return DiagnosticText(
                code: "attachment-too-large", levels: [.warning],
                zh: "附件「\(path)」為 \(size) 位元組，超過中央資料庫上限 \(limit) 位元組",
                en: "attachment \"\(path)\" has \(size) bytes, over the central database limit of \(limit)",
                meaning: "An attached file is larger than the central database accepts for its kind; it is placed and marked 「檔案逾上限」.",
                actionZH: "請縮小檔案（壓縮 PDF 或影片）。",
                actionEN: "Make the file smaller (compress the PDF or the video).")

        case .attachmentTypeUnexpected(let path):
            return DiagnosticText(
                code: "attachment-type-unexpected", levels: [.warning],
                zh: "附件「\(path)」不是中央資料庫接受的檔案類型（pdf、jpg、png、mp3、mp4）",
                en: "attachment \"\(path)\" is not a type the central database accepts (pdf, jpg, png, mp3, mp4)",
                meaning: "An attached file of a type the central database does not accept (for example `.docx`): a reviewer may not be able to open it.",
                actionZH: "請將檔案轉成 PDF（或 jpg、png、mp3、mp4）。",
                actionEN: "Convert the file to PDF (or jpg, png, mp3, mp4).")

        case .attachmentUnreadable(let path, let reason):
            let reason = reason.text
            return DiagnosticText(
                code: "attachment-unreadable", levels: [.warning],
                zh: "附件「\(path)」無法放入備審資料（\(reason.zh)），該處改為說明文字",
                en: "attachment \"\(path)\" cannot be placed in the packet (\(reason.en)); a notice stands in its place",
                meaning: "An attached image or PDF cannot be placed (corrupt, truncated, needing a password to open, too many pages): its place shows a notice, the rest of the packet is unaffected. A PDF restricted by an owner password only (printing or copying not allowed) is placed.",
                actionZH: "請重新匯出這個檔案（開啟時不需密碼的 PDF、完整的 JPG 或 PNG 圖片）。",
                actionEN: "Export the file again (a PDF without a password to open, a complete JPEG or PNG).")

        // MARK: Profiles and assembly

        case .profileMissing(let path):
            return DiagnosticText(
                code: "profile-missing", levels: [.error],
                zh: "找不到校系審查設定檔「\(path)」；請放入此檔，或以 --profile 指定（內建設定檔如 builtin:申請入學）",
                en: "department profile \"\(path)\" not found; add it, or name one with --profile (a built-in one such as builtin:申請入學)",
                meaning: "The profile named by `--profile`, or the department's `<root>/profiles/<校系代碼>.json` when none is named, does not exist. There is no silent default: a built-in profile is used only when named (`--profile builtin:申請入學`).",
                actionZH: "請加入這個校系的設定檔，或以 `--profile` 指定設定檔。",
                actionEN: "Add the department's profile, or name one with `--profile`.",
                effect: "no packet: exit 66; `batch` checks every department's profile first and renders nothing while one is missing")

        case .profileInvalid(let reason):
            let reason = reason.text
            return DiagnosticText(
                code: "profile-invalid", levels: [.error],
                zh: "校系審查設定檔有誤：\(reason.zh)",
                en: "department profile is invalid: \(reason.en)",
                meaning: "The department profile does not fit the rule table (an unknown 招生管道, an item not of the channel, a bad cap …).",
                actionZH: "請更正校系設定檔（招生單位的檔案 `profiles/<校系代碼>.json`）。",
                actionEN: "Correct the profile (the office's file `profiles/<校系代碼>.json`).",
                effect: "no packet: exit 65; in `batch` the department's applicants are `failed`")

        case .ruleYearUnknown(let year, let using):
            return DiagnosticText(
                code: "rule-year-unknown", levels: [.warning],
                zh: "沒有 \(year) 學年度的審查項目表，改用 \(using) 學年度",
                en: "no review-item table for year \(year); using \(using)",
                meaning: "The profile's 招生學年度 has no rule table in `Templates/rules/`; the newest one is used.",
                actionZH: "請加入該學年度的規則表，或更正設定檔中的招生學年度。",
                actionEN: "Add the year's rule table, or correct the profile's 招生學年度.")

        case .unknownReviewItem(let code):
            return DiagnosticText(
                code: "unknown-review-item", levels: [.warning],
                zh: "審查項目代碼「\(code)」不屬於此招生管道，改依預設對應",
                en: "review item code \"\(code)\" does not belong to this channel; the default mapping is used",
                meaning: "A record's own 審查項目代碼 is not an item of the channel; the record is placed by the default mapping.",
                actionZH: "若預設對應的項目不是原本要放的項目，請更正紀錄中的審查項目代碼。",
                actionEN: "Correct the record's 審查項目代碼 if the default item is not the intended one.")

        case .itemNotProvided:
            return DiagnosticText(
                code: "item-not-provided", levels: [.warning],
                zh: "此項目沒有資料，目錄標示「未提供」",
                en: "nothing for this item; the index marks it 「未提供」",
                meaning: "The profile lists the item and the applicant has nothing for it. Not every item must be provided, so this is a neutral fact: the index of the opening page marks the item 「未提供」 and no page is made for it.",
                actionZH: "若是刻意不提供，不需處理；否則請補上這個項目的紀錄或檔案。",
                actionEN: "None if intended; otherwise add the records or files for the item.")

        case .recordLeftOut(let item):
            return DiagnosticText(
                code: "record-left-out", levels: [.warning],
                zh: "此紀錄屬於項目 \(item)，校系未採計，不放入備審資料",
                en: "this record belongs to item \(item), which the department does not take; left out",
                meaning: "The record belongs to an item the profile does not take: it is left out of the packet and listed in the XML's `<leftOut>`.",
                actionZH: "不需處理；校系不採計這個項目。",
                actionEN: "None; the department does not read this item.")

        case .overCap(let scope, let count, let cap):
            return DiagnosticText(
                code: "over-cap", levels: [.error],
                zh: "\(scope)：收到 \(count) 件，上限 \(cap) 件",
                en: "\(scope): \(count) received, the cap is \(cap)",
                meaning: "More records of a group (申請入學: 課程學習成果, 多元表現) or an item (技專: B-1) than the department's cap. The central database never sends more than a cap, so the folder is inconsistent: every record is rendered (the exporter never chooses which are \"excess\") and the index shows 「收到 N 件，上限 M 件」 beside the item.",
                actionZH: "請重新索取這位申請生的資料夾；學生最多只能勾選到上限。",
                actionEN: "Ask for the applicant's folder again; a student ticks at most the cap.",
                effect: "exit 65 (`check`, `render`); the packet is written; `errors` in `batch`")

        case .combinedStatementUsed:
            return DiagnosticText(
                code: "combined-statement-used", levels: [.warning],
                zh: "以合併的學習歷程自述 PDF 代替",
                en: "the combined learning-portfolio statement PDF stands in for this item",
                meaning: "A combined 學習歷程自述 PDF stands in for this item, which has no file of its own.",
                actionZH: "若是刻意如此，不需處理。",
                actionEN: "None if intended.")

        // MARK: Typesetting

        case .glyphMissing(let character):
            return DiagnosticText(
                code: "glyph-missing", levels: [.warning],
                zh: "字型鏈中沒有任何字型能顯示「\(character)」（\(codePoints(character))），PDF 以方框標示",
                en: "no font in the chain can draw \"\(character)\" (\(codePoints(character))); the PDF shows a box",
                meaning: "No font of the fallback chain (`Fonts/fallback.json`) has this character: the PDF shows a boxed placeholder.",
                actionZH: "請檢查這個字（可能是打錯字或造字區的字）；招生單位也可以在字型鏈中加入字型。",
                actionEN: "Check the character (a typing slip, a private-use character); the office can add a font to the chain.")

        case .kangxiRadical(let found, let looksLike):
            return DiagnosticText(
                code: "kangxi-radical", levels: [.warning],
                zh: "「\(found)」（\(codePoints(found))）是康熙部首，外形同「\(looksLike)」（\(codePoints(looksLike))），可能是輸入錯誤",
                en: "\"\(found)\" (\(codePoints(found))) is a Kangxi radical that looks like \"\(looksLike)\" (\(codePoints(looksLike))); probably a typing slip",
                meaning: "A Kangxi radical (⽇ U+2F47) that looks like an ideograph (日 U+65E5): it searches and sorts differently, and is probably a typing slip (often from PDF copy and paste).",
                actionZH: "請重新輸入這個字。",
                actionEN: "Retype the character.")

        case .attachmentFontsNotEmbedded(let path, let fonts, let pages):
            return DiagnosticText(
                code: "attachment-fonts-not-embedded", levels: [.warning],
                zh: "附件「\(path)」\(pageList(pages, .traditionalChinese))的字型未內嵌（\(fontList(fonts, .traditionalChinese))），"
                    + "也無法以字寬相同的字型忠實代換，閱覽時會被替換，備審資料也因此不是 PDF/A；請在原軟體以「內嵌所有字型」或 PDF/A 重新匯出此檔",
                en: "attachment \"\(path)\" does not embed its fonts (\(fontList(fonts, .english))) \(pageList(pages, .english)), "
                    + "and they cannot be replaced faithfully by a font of the same widths; "
                    + "viewers substitute them, and the packet is not PDF/A: export it again with \"embed all fonts\" or as PDF/A",
                meaning: "An attached PDF's pages use fonts it does not embed and that cannot be replaced faithfully. The standard 14 fonts (Helvetica, Times, Courier, Symbol, ZapfDingbats) and Arial, Times New Roman and Courier New are replaced by embedded metric-compatible faces (URW base-35, Liberation); Chinese fonts (MSung-Light, MHei-Medium, STSong-Light, 新細明體/PMingLiU, 標楷體, SimSun …) by Noto CJK, 全字庫 TW-Kai or TW-Sung, when their codes can be decoded to characters: a Unicode or Big5/GBK CMap (B5pc-H, ETen-B5-H …, read from poppler-data), Identity-H over Adobe-CNS1/GB1, or Identity-H with a ToUnicode map. These give no warning. Other fonts (Calibri), vertical CMaps (B5pc-V), Identity-H without ToUnicode, or codes the replacement cannot draw stay as they are: the pages are placed (viewers substitute the fonts), and the packet no longer claims PDF/A. One warning per set of pages names the fonts on them.",
                actionZH: "請在原軟體以「內嵌所有字型」或 PDF/A 格式重新匯出這個檔案。",
                actionEN: "Export the file again with \"embed all fonts\" or as PDF/A.")

        // MARK: Appended kinds (new kinds go at the end, as in `DiagnosticKind`)

        case .folderTooLarge(let limit):
            return DiagnosticText(
                code: "folder-too-large", levels: [.error],
                zh: "申請生資料夾的檔案合計超過 \(limit) 位元組上限，此檔及其後的檔案未讀取",
                en: "the files of the applicant folder together exceed \(limit) bytes; this file and those after it are not read",
                meaning: "The files of one applicant folder together are larger than one packet may read (512 MiB): this file and those after it are not read, their items show 「無法讀取」.",
                actionZH: "請移除不屬於這個資料夾的檔案，或縮小較大的附件。",
                actionEN: "Remove what does not belong in the folder, or make the large attachments smaller.")

        case .folderNameIsNationalID(let masked):
            return DiagnosticText(
                code: "folder-name-is-national-id", levels: [.error],
                zh: "申請生資料夾名稱「\(masked)」形如身分證或居留證號碼：輸出檔名會洩漏個人資料，不產生備審資料；請將資料夾改為應試號碼",
                en: "the applicant folder \"\(masked)\" is named like a national ID or resident certificate number: "
                    + "output file names would disclose it, so no packet is made; rename the folder to the applicant number (應試號碼)",
                meaning: "The applicant folder's name (which names the outputs) has the shape of a national ID or resident certificate number: no packet is made. The name is shown masked.",
                actionZH: "請將資料夾改名為申請生的應試號碼。",
                actionEN: "Rename the folder to the applicant's 應試號碼.",
                effect: "no packet: exit 65 (`check`, `render`); in `batch` the applicant is `failed`")

        case .valueOutOfRange(let raw, let length, let bounds):
            let shownZh = raw.unicodeScalars.count < length ? "「\(raw)」（共 \(length) 字元）" : "「\(raw)」"
            let shownEn = raw.unicodeScalars.count < length ? "\"\(raw)\" (\(length) characters)" : "\"\(raw)\""
            return DiagnosticText(
                code: "value-out-of-range", levels: [.error],
                zh: "數值\(shownZh)超出此欄位可能的範圍（\(bounds.lower)–\(bounds.upper)），視為無法讀取",
                en: "number \(shownEn) is outside what this field can hold (\(bounds.lower)–\(bounds.upper)); treated as unreadable",
                meaning: "A number no value of its field can be (學年度 2147483648, 學分數 1e308, a numeral of thousands of digits): the value is shown as unreadable. Only the first few dozen characters are quoted.",
                actionZH: "請在中央資料庫更正這個值，再重新匯出。",
                actionEN: "Correct the value in the central database and export again.")

        case .templateInvalid(let problem):
            let text = problem.text
            return DiagnosticText(
                code: "template-invalid", levels: [.error],
                zh: "工具內建的資料檔有誤：\(text.zh)",
                en: "a data file of the tool is invalid: \(text.en)",
                meaning: "A rule table (`Templates/rules/<year>.json`) or page layout (`Templates/layouts/<channel>.json`) of the installation does not decode: the message names the file and the key path (`審查項目表[1].審查項目[3].group`). Nothing input can cause.",
                actionZH: "請更正資料檔中指名的欄位（或重新安裝本工具）；訊息會說明該欄位應有的內容。",
                actionEN: "Correct the named key of the file (or reinstall the tool); the message says what the key should hold.",
                effect: "the tool does not run: exit 70 for every command")

        case .outcomeUncertified(let status):
            return DiagnosticText(
                code: "outcome-uncertified", levels: [.error],
                zh: "課程學習成果未認證（認證狀態「\(status)」）；只有已認證的成果會送到校系",
                en: "the course outcome is not certified (認證狀態 「\(status)」); only certified outcomes reach a department",
                meaning: "Only certified (已認證) 課程學習成果 are in the central database. One with another 認證狀態 in a department's folder is a data error on its item; it is shown, marked 「未認證」.",
                actionZH: "請重新索取這位申請生的資料夾；學生只能勾選已認證的成果。",
                actionEN: "Ask for the applicant's folder again; a student can tick only certified outcomes.",
                effect: "exit 65 (`check`, `render`); the packet is written; `errors` in `batch`")

        case .recordOutsideWindow(let item, let semester, let window):
            let place = semester >= 1 ? "第 \(semester) 學期" : "就讀期間以外"
            let placeEn = semester >= 1 ? "semester \(semester)" : "a semester outside 高一–高三"
            return DiagnosticText(
                code: "record-outside-window", levels: [.warning],
                zh: "此紀錄屬\(place)，不在項目 \(item) 的採計學期（第 \(window.lowerBound)–\(window.upperBound) 學期），不放入備審資料",
                en: "this record is of \(placeEn), outside the semesters item \(item) counts (\(window.lowerBound)–\(window.upperBound)); left out",
                meaning: "Each channel and class type sees records of some semesters only (修課紀錄 1–5; 課程學習成果 and 多元表現 1–6, or 1–4 for 專業群 students): a record outside is left out of the packet and named in the XML's `<leftOut>` with reason `outsideWindow`.",
                actionZH: "不需處理；校系看不到這個學期的紀錄。",
                actionEN: "None; the department does not see this semester.")

        case .textTooLong(let length, let limit):
            return DiagnosticText(
                code: "text-too-long", levels: [.warning],
                zh: "共 \(length) 字，超過校系字數上限 \(limit) 字；仍完整呈現",
                en: "\(length) characters, over the department's limit of \(limit); rendered whole",
                meaning: "Self-written text (.txt or .md) longer than the profile's 字數上限 for the item. Characters are counted as a reader sees them (grapheme clusters), without spaces and line breaks.",
                actionZH: "請將文字縮短到校系的字數上限以內。",
                actionEN: "Shorten the text to the department's limit.")

        case .tooManyImages(let count, let limit):
            return DiagnosticText(
                code: "too-many-images", levels: [.warning],
                zh: "共 \(count) 張圖片，超過校系圖片上限 \(limit) 張；仍全部呈現",
                en: "\(count) images, over the department's limit of \(limit); all are rendered",
                meaning: "More image files in an item than the profile's 圖片上限 for it.",
                actionZH: "請將圖片減少到校系的圖片上限以內。",
                actionEN: "Keep at most the department's number of images.")
        case .bothSelectionModes(let records, let uploads):
            return DiagnosticText(
                code: "both-selection-modes", levels: [.error],
                zh: "同一校系只能擇一方式提供資料：勾選學習歷程中央資料庫（\(records.joined(separator: "、"))）"
                    + "與自行上傳PDF檔（\(uploads.joined(separator: "、"))）不能並存；兩者都已放入備審資料並分別標示",
                en: "one department takes one way of choosing the material: ticked central-database records ("
                    + "\(records.joined(separator: ", ")) and uploaded PDFs (\(uploads.joined(separator: ", ")))"
                    + " cannot be combined; both are in the packet, each marked",
                meaning: "The applicant folder holds 課程學習成果 or 多元表現 records (勾選學習歷程中央資料庫; the school-created cadre list does not count) and `_自行上傳_<項目代碼>.pdf` files (自行上傳PDF檔): a department receives one or the other, never both. Both are placed, each entry marked 「勾選與自行上傳並存」, the uploaded pages also 「自行上傳」.",
                actionZH: "這個校系請只用一種方式：刪除自行上傳的 PDF 檔，或刪除紀錄檔（見 `docs/input.md` 第 1 節）。",
                actionEN: "Keep one way for this department: remove the uploaded PDFs, or the record files (docs/input.md §1).")

        case .uploadItemInvalid(let code, let itemName, let accepted):
            let list = accepted.joined(separator: "、")
            let zh = itemName.map { "項目 \(code)（\($0)）不能以自行上傳PDF檔提供" } ?? "自行上傳檔案的項目代碼「\(code)」不是此招生管道的審查項目"
            let en = itemName.map { "item \(code) (\($0)) cannot be an uploaded PDF" }
                ?? "the uploaded file's item code \"\(code)\" is not a review item of this channel"
            return DiagnosticText(
                code: "upload-item-invalid", levels: [.error],
                zh: "\(zh)，此檔未放入備審資料；可自行上傳的項目：\(list)",
                en: "\(en); the file is not placed. Items that can be uploaded: \(accepted.joined(separator: ", "))",
                meaning: "A `<應試號碼>_自行上傳_<項目代碼>.pdf` whose code is not an item of the profile's channel, or names an item that is not uploaded: 修課紀錄 comes from the school and the self-written items have files of their own. Only the 課程學習成果 and 多元表現 items can be uploaded. The file is not placed.",
                actionZH: "請以檔案所屬項目的代碼重新命名（例如 `_自行上傳_B.pdf`），或刪除這個檔案。",
                actionEN: "Rename the file with the code of the item it is for (e.g. `_自行上傳_B.pdf`), or remove it.")

        case .uploadDuplicate(let first):
            return DiagnosticText(
                code: "upload-duplicate", levels: [.error],
                zh: "此項目已有自行上傳檔案「\(first)」，每個項目只能上傳一個 PDF 檔；兩者都已放入備審資料",
                en: "this item already has the uploaded file \"\(first)\"; an item takes one uploaded PDF. Both are in the packet",
                meaning: "Two `_自行上傳_` PDFs name the same item (codes compare without regard to case or full-width letters: `_自行上傳_b.pdf` and `_自行上傳_Ｂ.pdf` name item B). The exporter does not choose: both are placed, in file-name order, and the second is the error.",
                actionZH: "每個項目只保留一個 PDF 檔：合併這些檔案，或刪除其中一個。",
                actionEN: "Keep one PDF per item: merge the files, or remove one.")
        case .itemKeyDuplicate(let key, let first, let using):
            return DiagnosticText(
                code: "item-key-duplicate", levels: [.error],
                zh: "項目編號「\(key)」與 \(first) 相同；此筆改以「\(using)」識別",
                en: "項目編號 \"\(key)\" is also that of \(first); this record is keyed \"\(using)\" instead",
                meaning: "Two records state the same 項目編號, the key a tick list names an item by: the later one is keyed by its position instead (`課程學習成果:4`), so that each key names one record. Both records are in the packet.",
                actionZH: "請從中央資料庫重新匯出紀錄（那裡的項目編號不會重複）；在此之前，請以 `check --items` 列出的識別碼勾選後面那筆紀錄。",
                actionEN: "Export the record again from the central database, where a 項目編號 is unique; meanwhile tick the later record by the key `check --items` lists.")

        case .tickListMissing(let path):
            return DiagnosticText(
                code: "tick-list-missing", levels: [.error],
                zh: "找不到勾選清單「\(path)」",
                en: "tick list \"\(path)\" not found",
                meaning: "The tick list named by `--selection` does not exist.",
                actionZH: "請指定這個校系的勾選清單（`勾選/<校系代碼>.json`）。",
                actionEN: "Name the department's tick list (`勾選/<校系代碼>.json`).",
                effect: "no packet: exit 66")

        case .tickListInvalid(let reason):
            let reason = reason.text
            return DiagnosticText(
                code: "tick-list-invalid", levels: [.error],
                zh: "勾選清單有誤：\(reason.zh)",
                en: "the tick list is invalid: \(reason.en)",
                meaning: "The tick list does not have its shape (`校系代碼`, `方式` 勾選 or 自行上傳, the key lists `課程學習成果` and `多元表現` as lists of text), or its 校系代碼 is not the profile's: what was ticked cannot be known, so no packet is made.",
                actionZH: "請在訊息指出的欄位更正勾選清單，或改用勾選清單所屬校系的設定檔。",
                actionEN: "Correct the tick list at the key named, or name the profile of the tick list's department.",
                effect: "no packet: exit 65")

        case .tickUnknownKey(let key, let hint):
            return DiagnosticText(
                code: "tick-unknown-key", levels: [.error],
                zh: "勾選的「\(key)」不是學習歷程紀錄中的項目" + (hint.map { "（該位置的項目編號為「\($0)」）" } ?? ""),
                en: "ticked \"\(key)\" names no item of the record" + (hint.map { " (the item at that position is keyed \"\($0)\")" } ?? ""),
                meaning: "A key of the tick list names no 課程學習成果 or 多元表現 record: nothing is shown for it. A positional key (`課程學習成果:3`) names a record only when that record states no 項目編號; the message then gives the record's own key.",
                actionZH: "請改勾選 `check --items` 為該項目列出的識別碼。",
                actionEN: "Tick the key that `check --items` lists for the item.")

        case .tickWrongList(let key, let list):
            return DiagnosticText(
                code: "tick-wrong-list", levels: [.error],
                zh: "「\(key)」是\(list)的項目，應列在「\(list)」清單中",
                en: "\"\(key)\" is a \(list) item: list it under \"\(list)\"",
                meaning: "A key ticked in the other list than its record's (a 多元表現 record under `課程學習成果`): the central database keeps the two lists apart. The item is shown, as ticked.",
                actionZH: "請將這一項移到訊息指出的清單中。",
                actionEN: "Move the key to the list named.")

        case .tickDuplicate(let key, let first):
            return DiagnosticText(
                code: "tick-duplicate", levels: [.error],
                zh: "「\(key)」重複勾選（已列於 \(first)）",
                en: "\"\(key)\" is ticked twice (first at \(first))",
                meaning: "The same key is ticked again (in either list): the item is shown once.",
                actionZH: "請刪除重複勾選的那一項。",
                actionEN: "Remove the repeated key.")

        case .tickUncertified(let key, let status):
            return DiagnosticText(
                code: "tick-uncertified", levels: [.error],
                zh: "勾選的課程學習成果「\(key)」認證狀態為「\(status ?? "未標示")」，只有已認證的成果能勾選",
                en: "ticked outcome \"\(key)\" has 認證狀態 \"\(status ?? "none")\": only certified (已認證) outcomes can be ticked",
                meaning: "A ticked 課程學習成果 is not certified (認證狀態 other than 已認證): the central database would not take it. The item is shown, marked 「未認證」.",
                actionZH: "請在截止日前請授課教師完成認證，或取消勾選。",
                actionEN: "Ask the course teacher to certify it before the deadline, or untick it.")

        case .tickWithUpload(let key):
            return DiagnosticText(
                code: "tick-with-upload", levels: [.error],
                zh: "方式為「自行上傳」時不勾選項目，「\(key)」不採用",
                en: "方式 is 自行上傳, which takes no ticks: \"\(key)\" is not used",
                meaning: "The tick list says 方式 自行上傳 (the student uploads one PDF per item instead) and still lists keys: they are not used.",
                actionZH: "請清空兩個清單，或將「方式」改為「勾選」。",
                actionEN: "Empty both lists, or set 方式 to 勾選.")

        case .tickOverCap(let scope, let count, let cap, let keys):
            return DiagnosticText(
                code: "tick-over-cap", levels: [.error],
                zh: "\(scope)勾選了 \(count) 件，上限 \(cap) 件（\(keys.joined(separator: "、"))）；請取消勾選 \(count - cap) 件",
                en: "\(count) ticked for \(scope), over the cap of \(cap) (\(keys.joined(separator: ", "))): untick \(count - cap)",
                meaning: "More ticks count toward a cap (申請入學: a group, 課程學習成果 or 多元表現; 技專: an item such as B-1) than the department allows; the central database would refuse the tick list. The message lists the ticks the cap counts, in the tick list's order; every ticked item is shown (the exporter never chooses which to drop), and the index shows 「收到 N 件，上限 M 件」. The school-created cadre records count toward no cap.",
                actionZH: "請依訊息所說的件數，從列出的項目中取消勾選。",
                actionEN: "Untick as many of the keys named as the message says.")

        case .tickOutsideWindow(let key, let item, let semester, let window):
            let place = (1...6).contains(semester) ? "第 \(semester) 學期" : "就讀期間以外"
            let placeEn = (1...6).contains(semester) ? "semester \(semester)" : "a semester outside 高一–高三"
            return DiagnosticText(
                code: "tick-outside-window", levels: [.error],
                zh: "勾選的「\(key)」屬\(place)，不在項目 \(item) 的採計學期（第 \(window.lowerBound)–\(window.upperBound) 學期），校系看不到，不放入備審資料",
                en: "ticked \"\(key)\" is of \(placeEn), outside the semesters item \(item) counts (\(window.lowerBound)–\(window.upperBound)): the department does not see it; left out",
                meaning: "A ticked record belongs to a semester the department does not see for this channel and class type (專業群 students: semesters 1–4 of what they tick): it is left out of the packet and named in the XML's `<leftOut>`, as in a department's folder.",
                actionZH: "請取消勾選，或改勾選校系採計學期內的紀錄。",
                actionEN: "Untick it, or tick a record of the semesters the department counts.")

        case .attachmentFontWidthsInconsistent(let path, let fonts):
            return DiagnosticText(
                code: "attachment-font-widths-inconsistent", levels: [.warning],
                zh: "附件「\(path)」內嵌的字型（\(fontList(fonts, .traditionalChinese))）字寬與字型本身不一致，頁面照原樣放入，"
                    + "備審資料因此不是 PDF/A；請在原軟體重新匯出此檔（例如匯出為 PDF/A）",
                en: "attachment \"\(path)\" embeds fonts (\(fontList(fonts, .english))) whose widths disagree with the fonts themselves; "
                    + "its pages are placed as they are, and the packet is not PDF/A: export the file again (for example as PDF/A)",
                meaning: "An attached PDF embeds a TrueType font whose dictionary gives other widths than the font program itself (ISO 19005-3 6.2.11.5 forbids it). Viewers may place the text differently. The pages are placed as they are and the packet no longer claims PDF/A-3b; it is not an error of the exporter.",
                actionZH: "請在原軟體重新匯出此檔（例如匯出為 PDF/A），再放回資料夾。",
                actionEN: "Export the file again from the program that made it (for example as PDF/A).")
        }
    }
}
