/// The language of messages: Traditional Chinese by default, English under `LANG=en*`.
public enum MessageLanguage: String, Sendable, Hashable {
    case traditionalChinese = "zh-Hant"
    case english = "en"

    /// POSIX precedence: `LC_ALL`, then `LC_MESSAGES`, then `LANG`; English when the first one set
    /// starts with `en`, Traditional Chinese otherwise.
    public static func from(environment: [String: String]) -> MessageLanguage {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("en") ? .english : .traditionalChinese
            }
        }
        return .traditionalChinese
    }
}

extension Severity {
    public func label(_ language: MessageLanguage) -> String {
        switch (self, language) {
        case (.error, .traditionalChinese): "錯誤"
        case (.warning, .traditionalChinese): "警告"
        case (.error, .english): "error"
        case (.warning, .english): "warning"
        }
    }
}

extension Diagnostic {
    /// One line: severity, where, and what — `警告 01686463_多元表現.json › 競賽參與紀錄[2].結果公布日期（項目 J）：…`.
    public func line(_ language: MessageLanguage) -> String {
        var place = file ?? ""
        if let field {
            place += place.isEmpty ? field : " › " + field
        }
        if let item {
            place += language == .english ? " (item \(item))" : "（項目 \(item)）"
        }
        let separator = language == .english ? ": " : "："
        let head: String
        if place.isEmpty {
            head = severity.label(language)
        } else if file == nil, field == nil, language == .traditionalChinese {
            head = severity.label(language) + place  // 警告（項目 P）
        } else {
            head = severity.label(language) + " " + place.trimmingLeadingSpace
        }
        // The file and field come from folder and key names a student chose: masked like the message.
        return maskingNationalIDs(head + separator + kind.message(language))
    }
}

extension JSONKind {
    func name(_ language: MessageLanguage) -> String {
        switch language {
        case .english: rawValue
        case .traditionalChinese:
            switch self {
            case .object: "物件"
            case .array: "陣列"
            case .string: "字串"
            case .number: "數值"
            case .boolean: "布林值"
            case .null: "null"
            }
        }
    }
}

extension ValueKind {
    func name(_ language: MessageLanguage) -> String {
        switch language {
        case .english:
            switch self {
            case .number: "a number"
            case .integer: "a whole number"
            case .text: "text"
            case .date: "a date (yyyy/MM/dd, yyyy-MM-dd, YYYMMDD or YYY/MM/DD)"
            case .code: "a code"
            case .md5: "an MD5 digest (32 hexadecimal digits)"
            }
        case .traditionalChinese:
            switch self {
            case .number: "數值"
            case .integer: "整數"
            case .text: "文字"
            case .date: "日期（yyyy/MM/dd、yyyy-MM-dd、YYYMMDD 或 YYY/MM/DD）"
            case .code: "代碼"
            case .md5: "MD5 摘要（32 個十六進位數字）"
            }
        }
    }
}

extension DiagnosticKind {
    /// The message text, without the place (see `Diagnostic.line`). Raw values, keys and file
    /// names quoted in it come from students' files, so ID-shaped text in them is masked here,
    /// once for every place a message is shown.
    public func message(_ language: MessageLanguage) -> String {
        maskingNationalIDs(language == .english ? english : chinese)
    }

    private var chinese: String {
        switch self {
        case .requiredFileMissing:
            return "找不到必要檔案，無法產生備審資料"
        case .fileUnreadable(let reason):
            return "無法讀取檔案：\(reason.chinese)"
        case .fileTooLarge(let size, let limit):
            return "檔案過大（\(size) 位元組，上限 \(limit) 位元組），未讀取"
        case .badEncoding(let problem, let offset):
            let what: String
            switch problem {
            case .invalidUTF8: what = "不是有效的 UTF-8（第 \(offset) 位元組起）"
            case .invalidUTF16: what = "不是有效的 UTF-16（第 \(offset) 位元組起）"
            case .utf32NotSupported: what = "是 UTF-32 編碼，僅接受 UTF-8 或帶 BOM 的 UTF-16"
            case .utf16WithoutBOM: what = "看似沒有 BOM 的 UTF-16，僅接受 UTF-8 或帶 BOM 的 UTF-16"
            case .empty: what = "是空檔案"
            }
            return "檔案編碼錯誤：\(what)"
        case .jsonSyntax(let problem, let line, let column):
            return "JSON 語法錯誤（第 \(line) 行第 \(column) 字）：\(problem.chinese)"
        case .wrongShape(let expected, let found):
            return "資料型態不符：應為\(expected.name(.traditionalChinese))，實為\(found.name(.traditionalChinese))"
        case .unknownKey(let key):
            return "未知的欄位「\(key)」，不放入備審資料"
        case .duplicateKey(let key):
            return "欄位「\(key)」重複出現，採用第一個"
        case .courseRecordInBothForms:
            return "同時有修課紀錄 JSON 與 PDF：表格取自 JSON，PDF 頁面接於其後"
        case .selfWrittenDuplicate(let used):
            return "同一項目有多個自述檔案，採用「\(used)」"
        case .applicantNumberMismatch(let folder, let inFile):
            return "資料夾名稱的應試號碼（\(folder)）與檔案內的應試號碼（\(inFile)）不同"
        case .requiredFieldMissing:
            return "缺少必要欄位"
        case .unreferencedFile:
            return "資料夾中的這個檔案沒有任何紀錄引用，未放入備審資料"
        case .emptyRecordFile:
            return "檔案中沒有任何紀錄"
        case .controlCharacters(let count):
            return "文字中有 \(count) 個控制字元或非字元，已以 U+FFFD 取代"
        case .invalidValue(let raw, let expected):
            return "無法讀取的值「\(raw)」，應為\(expected.name(.traditionalChinese))"
        case .impossibleDate(let raw):
            return "日期不存在：「\(raw)」，照原樣顯示並標記"
        case .unknownCode(let table, let code):
            return "\(table)「\(code)」不在代碼表中"
        case .courseCodeInvalid(let code, let problem):
            let what: String
            switch problem {
            case .wrongLength: what = "長度應為 23 字元"
            case .invalidCharacters: what = "只能含數字與大寫英文字母"
            case .unknownCategory: what = "第 17 碼（課程類別）不在代碼表中"
            case .unknownAttribute: what = "第 19 碼（科目屬性）不在代碼表中"
            case .unknownDomain: what = "第 20–21 碼（領域）不在代碼表中"
            }
            return "課程代碼「\(code)」有誤：\(what)"
        case .scoreOutOfRange(let raw):
            return "分數「\(raw)」不在 0–100 之間，推估相對表現顯示「—」"
        case .populationNotPositive(let raw):
            return "母體人數「\(raw)」不是正數，推估相對表現顯示「—」"
        case .histogramSumMismatch(let sum, let population):
            return "級距分布人數合計 \(sum) 與母體人數 \(population) 不符，推估仍以母體人數計算"
        case .histogramBadKey(let key):
            return "無法辨識的級距欄位「\(key)」，已略過"
        case .histogramBadCount(let key, let raw):
            return "級距「\(key)」的人數「\(raw)」無法讀取，以 0 計"
        case .summaryTooLong(let length, let limit):
            return "簡述 \(length) 字，超過 \(limit) 字上限（仍完整呈現）"
        case .pathRefused(let path, let reason):
            let why: String
            switch reason {
            case .leavesFolder: why = "路徑離開申請生資料夾（..）"
            case .absolute: why = "不接受絕對路徑"
            case .symlinkOutside: why = "符號連結指向申請生資料夾之外"
            case .notARegularFile: why = "不是一般檔案"
            case .malformed: why = "路徑格式有誤"
            }
            return "拒絕讀取附件「\(path)」：\(why)"
        case .attachmentMissing(let path):
            return "檔案不存在：「\(path)」"
        case .md5Mismatch(let path, let stated, let actual):
            return "附件「\(path)」的 MD5 不符：紀錄為 \(stated)，實際為 \(actual)"
        case .attachmentTooLarge(let path, let size, let limit):
            return "附件「\(path)」為 \(size) 位元組，超過中央資料庫上限 \(limit) 位元組"
        case .attachmentTypeUnexpected(let path):
            return "附件「\(path)」不是中央資料庫接受的檔案類型（pdf、jpg、png、mp3、mp4）"
        case .attachmentUnreadable(let path, let reason):
            return "附件「\(path)」無法放入備審資料（\(reason)），該處改為說明文字"
        case .profileMissing(let path):
            return "找不到校系審查設定檔「\(path)」"
        case .profileInvalid(let reason):
            return "校系審查設定檔有誤：\(reason)"
        case .ruleYearUnknown(let year, let using):
            return "沒有 \(year) 學年度的審查項目表，改用 \(using) 學年度"
        case .unknownReviewItem(let code):
            return "審查項目代碼「\(code)」不屬於此招生管道，改依預設對應"
        case .itemNotProvided:
            return "校系要求此項目，但申請生未提供"
        case .recordLeftOut(let item):
            return "此紀錄屬於項目 \(item)，校系未採計，不放入備審資料"
        case .overCap(let group, let count, let cap):
            return "\(group)共 \(count) 件，超過上限 \(cap) 件；超出者仍完整呈現並標記"
        case .combinedStatementUsed:
            return "以合併的學習歷程自述 PDF 代替"
        case .glyphMissing(let character):
            return "字型鏈中沒有任何字型能顯示「\(character)」（\(codePoints(character))），PDF 以方框標示"
        case .kangxiRadical(let found, let looksLike):
            return "「\(found)」（\(codePoints(found))）是康熙部首，外形同「\(looksLike)」（\(codePoints(looksLike))），可能是輸入錯誤"
        case .attachmentFontsNotEmbedded(let path, let fonts, let pages):
            return "附件「\(path)」\(pageList(pages, .traditionalChinese))的字型未內嵌（\(fontList(fonts, .traditionalChinese))），"
                + "閱覽時會被替換，備審資料也因此不是 PDF/A；請在原軟體以「內嵌所有字型」或 PDF/A 重新匯出此檔"
        case .folderTooLarge(let limit):
            return "申請生資料夾的檔案合計超過 \(limit) 位元組上限，此檔及其後的檔案未讀取"
        case .folderNameIsNationalID(let masked):
            return "申請生資料夾名稱「\(masked)」形如身分證或居留證號碼：輸出檔名會洩漏個人資料，不產生備審資料；請將資料夾改為應試號碼"
        case .valueOutOfRange(let raw, let length, let bounds):
            let shown = raw.unicodeScalars.count < length ? "「\(raw)」（共 \(length) 字元）" : "「\(raw)」"
            return "數值\(shown)超出此欄位可能的範圍（\(bounds.lower)–\(bounds.upper)），視為無法讀取"
        }
    }

    private var english: String {
        switch self {
        case .requiredFileMissing:
            return "required file is missing; no packet can be made"
        case .fileUnreadable(let reason):
            return "cannot read the file: \(reason.english)"
        case .fileTooLarge(let size, let limit):
            return "file too large (\(size) bytes, limit \(limit)); not read"
        case .badEncoding(let problem, let offset):
            switch problem {
            case .invalidUTF8: return "bad encoding: not valid UTF-8 (from byte \(offset))"
            case .invalidUTF16: return "bad encoding: not valid UTF-16 (from byte \(offset))"
            case .utf32NotSupported: return "bad encoding: UTF-32 is not accepted, only UTF-8 or UTF-16 with a BOM"
            case .utf16WithoutBOM: return "bad encoding: looks like UTF-16 without a BOM; only UTF-8 or UTF-16 with a BOM"
            case .empty: return "the file is empty"
            }
        case .jsonSyntax(let problem, let line, let column):
            return "JSON syntax error at line \(line), column \(column): \(problem.english)"
        case .wrongShape(let expected, let found):
            return "wrong type: expected \(expected.name(.english)), found \(found.name(.english))"
        case .unknownKey(let key):
            return "unknown key \"\(key)\", kept out of the packet"
        case .duplicateKey(let key):
            return "key \"\(key)\" occurs more than once; the first is used"
        case .courseRecordInBothForms:
            return "course record given as both JSON and PDF: tables from the JSON, the PDF's pages after them"
        case .selfWrittenDuplicate(let used):
            return "several files for one self-written item; using \"\(used)\""
        case .applicantNumberMismatch(let folder, let inFile):
            return "the folder's applicant number (\(folder)) differs from the one in the file (\(inFile))"
        case .requiredFieldMissing:
            return "a required field is missing"
        case .unreferencedFile:
            return "no record names this file in the folder; it is not in the packet"
        case .emptyRecordFile:
            return "the file holds no records"
        case .controlCharacters(let count):
            return "\(count) control or noncharacter code points in the text, each replaced by U+FFFD"
        case .invalidValue(let raw, let expected):
            return "cannot read \"\(raw)\": expected \(expected.name(.english))"
        case .impossibleDate(let raw):
            return "impossible date \"\(raw)\"; shown as given and marked"
        case .unknownCode(let table, let code):
            return "\(table) \"\(code)\" is not in its code table"
        case .courseCodeInvalid(let code, let problem):
            let what: String
            switch problem {
            case .wrongLength: what = "it must have 23 characters"
            case .invalidCharacters: what = "only digits and capital letters are allowed"
            case .unknownCategory: what = "character 17 (course category) is not in the code table"
            case .unknownAttribute: what = "character 19 (subject attribute) is not in the code table"
            case .unknownDomain: what = "characters 20–21 (domain) are not in the code table"
            }
            return "course code \"\(code)\" is invalid: \(what)"
        case .scoreOutOfRange(let raw):
            return "score \"\(raw)\" is outside 0–100; the estimated standing shows \"—\""
        case .populationNotPositive(let raw):
            return "population \"\(raw)\" is not positive; the estimated standing shows \"—\""
        case .histogramSumMismatch(let sum, let population):
            return "histogram counts add up to \(sum), not the population \(population); the estimate still uses the population"
        case .histogramBadKey(let key):
            return "unrecognised histogram key \"\(key)\", skipped"
        case .histogramBadCount(let key, let raw):
            return "histogram count \"\(raw)\" of \"\(key)\" is unreadable; counted as 0"
        case .summaryTooLong(let length, let limit):
            return "summary has \(length) characters, over the limit of \(limit) (rendered whole)"
        case .pathRefused(let path, let reason):
            let why: String
            switch reason {
            case .leavesFolder: why = "the path leaves the applicant folder (..)"
            case .absolute: why = "absolute paths are not accepted"
            case .symlinkOutside: why = "a symbolic link points outside the applicant folder"
            case .notARegularFile: why = "not a regular file"
            case .malformed: why = "malformed path"
            }
            return "attachment \"\(path)\" refused: \(why)"
        case .attachmentMissing(let path):
            return "file does not exist: \"\(path)\""
        case .md5Mismatch(let path, let stated, let actual):
            return "MD5 of \"\(path)\" does not match: recorded \(stated), actual \(actual)"
        case .attachmentTooLarge(let path, let size, let limit):
            return "attachment \"\(path)\" has \(size) bytes, over the central database limit of \(limit)"
        case .attachmentTypeUnexpected(let path):
            return "attachment \"\(path)\" is not a type the central database accepts (pdf, jpg, png, mp3, mp4)"
        case .attachmentUnreadable(let path, let reason):
            return "attachment \"\(path)\" cannot be placed in the packet (\(reason)); a notice stands in its place"
        case .profileMissing(let path):
            return "department profile \"\(path)\" not found"
        case .profileInvalid(let reason):
            return "department profile is invalid: \(reason)"
        case .ruleYearUnknown(let year, let using):
            return "no review-item table for year \(year); using \(using)"
        case .unknownReviewItem(let code):
            return "review item code \"\(code)\" does not belong to this channel; the default mapping is used"
        case .itemNotProvided:
            return "the department asks for this item and the applicant did not provide it"
        case .recordLeftOut(let item):
            return "this record belongs to item \(item), which the department does not take; left out"
        case .overCap(let group, let count, let cap):
            return "\(group): \(count) records, over the cap of \(cap); the excess is still rendered and marked"
        case .combinedStatementUsed:
            return "the combined learning-portfolio statement PDF stands in for this item"
        case .glyphMissing(let character):
            return "no font in the chain can draw \"\(character)\" (\(codePoints(character))); the PDF shows a box"
        case .kangxiRadical(let found, let looksLike):
            return "\"\(found)\" (\(codePoints(found))) is a Kangxi radical that looks like \"\(looksLike)\" (\(codePoints(looksLike))); probably a typing slip"
        case .attachmentFontsNotEmbedded(let path, let fonts, let pages):
            return "attachment \"\(path)\" does not embed its fonts (\(fontList(fonts, .english))) \(pageList(pages, .english)); "
                + "viewers substitute them, and the packet is not PDF/A: export it again with \"embed all fonts\" or as PDF/A"
        case .folderTooLarge(let limit):
            return "the files of the applicant folder together exceed \(limit) bytes; this file and those after it are not read"
        case .folderNameIsNationalID(let masked):
            return "the applicant folder \"\(masked)\" is named like a national ID or resident certificate number: "
                + "output file names would disclose it, so no packet is made; rename the folder to the applicant number (應試號碼)"
        case .valueOutOfRange(let raw, let length, let bounds):
            let shown = raw.unicodeScalars.count < length ? "\"\(raw)\" (\(length) characters)" : "\"\(raw)\""
            return "number \(shown) is outside what this field can hold (\(bounds.lower)–\(bounds.upper)); treated as unreadable"
        }
    }
}

extension FileProblem {
    var chinese: String {
        switch self {
        case .symlinkOutside: "符號連結指向申請生資料夾之外，未開啟"
        case .symlinkLoop: "符號連結層數過多（可能形成迴圈），未開啟"
        case .directory: "此處是資料夾而不是檔案"
        case .fifo: "此處是具名管道而不是一般檔案，未開啟"
        case .device: "此處是裝置檔而不是一般檔案，未開啟"
        case .socket: "此處是通訊端而不是一般檔案，未開啟"
        case .permissionDenied: "沒有讀取權限"
        case .ioError: "讀取時發生輸入輸出錯誤"
        case .changedWhileOpening: "檔案在讀取時被替換，未讀取"
        }
    }

    var english: String {
        switch self {
        case .symlinkOutside: "a symbolic link points outside the applicant folder; not opened"
        case .symlinkLoop: "too many symbolic links (a loop?); not opened"
        case .directory: "a folder where a file should be"
        case .fifo: "a named pipe (FIFO), not a regular file; not opened"
        case .device: "a device, not a regular file; not opened"
        case .socket: "a socket, not a regular file; not opened"
        case .permissionDenied: "permission denied"
        case .ioError: "I/O error while reading"
        case .changedWhileOpening: "the file was replaced while being read; not read"
        }
    }
}

extension JSONSyntaxProblem {
    var chinese: String {
        switch self {
        case .unexpectedEndOfInput: "檔案在中途結束（內容不完整）"
        case .unexpectedCharacter(let c): "出現不應有的字元「\(c)」"
        case .invalidEscape: "無效的跳脫序列"
        case .invalidUnicodeEscape: "無效的 \\u 跳脫序列"
        case .loneSurrogate: "不成對的 UTF-16 代理字元"
        case .controlCharacterInString: "字串中有控制字元"
        case .invalidNumber: "無效的數字"
        case .nestingTooDeep(let limit): "巢狀層數超過 \(limit) 層"
        case .trailingContent: "JSON 結束後還有多餘內容"
        case .emptyInput: "沒有任何內容"
        }
    }

    var english: String {
        switch self {
        case .unexpectedEndOfInput: "unexpected end of input (the file is incomplete)"
        case .unexpectedCharacter(let c): "unexpected character \"\(c)\""
        case .invalidEscape: "invalid escape sequence"
        case .invalidUnicodeEscape: "invalid \\u escape"
        case .loneSurrogate: "unpaired UTF-16 surrogate"
        case .controlCharacterInString: "control character in a string"
        case .invalidNumber: "invalid number"
        case .nestingTooDeep(let limit): "nested deeper than \(limit) levels"
        case .trailingContent: "content after the end of the JSON value"
        case .emptyInput: "no content"
        }
    }
}

extension String {
    fileprivate var trimmingLeadingSpace: String {
        hasPrefix(" ") ? String(dropFirst()) : self
    }
}

/// `U+2F47`, space-separated for several scalars.
func codePoints(_ text: String) -> String {
    text.unicodeScalars.map { scalar in
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }.joined(separator: " ")
}

/// Font names for a message: the first six, then how many more.
func fontList(_ fonts: [String], _ language: MessageLanguage) -> String {
    let shown = fonts.prefix(6).joined(separator: language == .english ? ", " : "、")
    guard fonts.count > 6 else { return shown }
    return language == .english ? "\(shown) and \(fonts.count - 6) more" : "\(shown) 等 \(fonts.count) 種"
}

/// 1-based page numbers as ranges: `第 1–3、5 頁` / `on pages 1–3, 5`.
func pageList(_ pages: [Int], _ language: MessageLanguage) -> String {
    let sorted = Array(Set(pages)).sorted()
    var ranges: [String] = []
    var index = 0
    while index < sorted.count {
        var end = index
        while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
        ranges.append(end == index ? "\(sorted[index])" : "\(sorted[index])–\(sorted[end])")
        index = end + 1
    }
    switch language {
    case .english: return sorted.count == 1 ? "on page \(ranges[0])" : "on pages " + ranges.joined(separator: ", ")
    case .traditionalChinese: return "第 " + ranges.joined(separator: "、") + " 頁"
    }
}
