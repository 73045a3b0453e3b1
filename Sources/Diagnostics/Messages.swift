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
        text.message(language)
    }

    var text: MessagePair {
        switch self {
        case .object: MessagePair(zh: "物件", en: "object")
        case .array: MessagePair(zh: "陣列", en: "array")
        case .string: MessagePair(zh: "字串", en: "string")
        case .number: MessagePair(zh: "數值", en: "number")
        case .boolean: MessagePair(zh: "布林值", en: "boolean")
        // JSON's own literal: the same word in both languages.
        case .null: MessagePair(zh: "null", en: "null")
        }
    }
}

extension ValueKind {
    func name(_ language: MessageLanguage) -> String {
        text.message(language)
    }

    var text: MessagePair {
        switch self {
        case .number: MessagePair(zh: "數值", en: "a number")
        case .integer: MessagePair(zh: "整數", en: "a whole number")
        case .text: MessagePair(zh: "文字", en: "text")
        case .date:
            MessagePair(
                zh: "日期（yyyy/MM/dd、yyyy-MM-dd、YYYMMDD 或 YYY/MM/DD）",
                en: "a date (yyyy/MM/dd, yyyy-MM-dd, YYYMMDD or YYY/MM/DD)")
        case .code: MessagePair(zh: "代碼", en: "a code")
        case .md5: MessagePair(zh: "MD5 摘要（32 個十六進位數字）", en: "an MD5 digest (32 hexadecimal digits)")
        }
    }
}

extension DiagnosticKind {
    /// The message text, without the place (see `Diagnostic.line`). Raw values, keys and file
    /// names quoted in it come from students' files, so ID-shaped text in them is masked here,
    /// once for every place a message is shown.
    public func message(_ language: MessageLanguage) -> String {
        maskingNationalIDs(text.message(language))
    }
}

/// A phrase in both languages, for the reasons that complete a kind's message; written side by
/// side like the kinds' own entries.
struct MessagePair: Hashable {
    var zh: String
    var en: String

    func message(_ language: MessageLanguage) -> String {
        language == .english ? en : zh
    }
}

extension FileProblem {
    var text: MessagePair {
        switch self {
        case .symlinkOutside:
            MessagePair(zh: "符號連結指向申請生資料夾之外，未開啟", en: "a symbolic link points outside the applicant folder; not opened")
        case .symlinkLoop:
            MessagePair(zh: "符號連結層數過多（可能形成迴圈），未開啟", en: "too many symbolic links (a loop?); not opened")
        case .directory:
            MessagePair(zh: "此處是資料夾而不是檔案", en: "a folder where a file should be")
        case .fifo:
            MessagePair(zh: "此處是具名管道而不是一般檔案，未開啟", en: "a named pipe (FIFO), not a regular file; not opened")
        case .device:
            MessagePair(zh: "此處是裝置檔而不是一般檔案，未開啟", en: "a device, not a regular file; not opened")
        case .socket:
            MessagePair(zh: "此處是通訊端而不是一般檔案，未開啟", en: "a socket, not a regular file; not opened")
        case .permissionDenied:
            MessagePair(zh: "沒有讀取權限", en: "permission denied")
        case .ioError:
            MessagePair(zh: "讀取時發生輸入輸出錯誤", en: "I/O error while reading")
        case .changedWhileOpening:
            MessagePair(zh: "檔案在讀取時被替換，未讀取", en: "the file was replaced while being read; not read")
        }
    }
}

extension JSONSyntaxProblem {
    var text: MessagePair {
        switch self {
        case .unexpectedEndOfInput:
            MessagePair(zh: "檔案在中途結束（內容不完整）", en: "unexpected end of input (the file is incomplete)")
        case .unexpectedCharacter(let c):
            MessagePair(zh: "出現不應有的字元「\(c)」", en: "unexpected character \"\(c)\"")
        case .invalidEscape:
            MessagePair(zh: "無效的跳脫序列", en: "invalid escape sequence")
        case .invalidUnicodeEscape:
            MessagePair(zh: "無效的 \\u 跳脫序列", en: "invalid \\u escape")
        case .loneSurrogate:
            MessagePair(zh: "不成對的 UTF-16 代理字元", en: "unpaired UTF-16 surrogate")
        case .controlCharacterInString:
            MessagePair(zh: "字串中有控制字元", en: "control character in a string")
        case .invalidNumber:
            MessagePair(zh: "無效的數字", en: "invalid number")
        case .nestingTooDeep(let limit):
            MessagePair(zh: "巢狀層數超過 \(limit) 層", en: "nested deeper than \(limit) levels")
        case .trailingContent:
            MessagePair(zh: "JSON 結束後還有多餘內容", en: "content after the end of the JSON value")
        case .emptyInput:
            MessagePair(zh: "沒有任何內容", en: "no content")
        }
    }
}

extension CourseCodeProblem {
    var text: MessagePair {
        switch self {
        case .wrongLength:
            MessagePair(zh: "長度應為 23 字元", en: "it must have 23 characters")
        case .invalidCharacters:
            MessagePair(zh: "只能含數字與大寫英文字母", en: "only digits and capital letters are allowed")
        case .unknownCategory:
            MessagePair(zh: "第 17 碼（課程類別）不在代碼表中", en: "character 17 (course category) is not in the code table")
        case .unknownAttribute:
            MessagePair(zh: "第 19 碼（科目屬性）不在代碼表中", en: "character 19 (subject attribute) is not in the code table")
        case .unknownDomain:
            MessagePair(zh: "第 20–21 碼（領域）不在代碼表中", en: "characters 20–21 (domain) are not in the code table")
        }
    }
}

extension PathRefusal {
    var text: MessagePair {
        switch self {
        case .leavesFolder:
            MessagePair(zh: "路徑離開申請生資料夾（..）", en: "the path leaves the applicant folder (..)")
        case .absolute:
            MessagePair(zh: "不接受絕對路徑", en: "absolute paths are not accepted")
        case .symlinkOutside:
            MessagePair(zh: "符號連結指向申請生資料夾之外", en: "a symbolic link points outside the applicant folder")
        case .notARegularFile:
            MessagePair(zh: "不是一般檔案", en: "not a regular file")
        case .malformed:
            MessagePair(zh: "路徑格式有誤", en: "malformed path")
        }
    }
}

extension AttachmentProblem {
    var text: MessagePair {
        switch self {
        case .pdfEmpty: MessagePair(zh: "檔案是空的", en: "the file is empty")
        case .notPDF: MessagePair(zh: "不是 PDF 檔", en: "not a PDF")
        case .pdfTruncated: MessagePair(zh: "PDF 檔不完整", en: "the PDF is truncated")
        case .pdfEncrypted:
            MessagePair(
                zh: "PDF 需要密碼才能開啟，請學生重新匯出不設密碼的 PDF",
                en: "the PDF needs a password to open, so the student should export it again without one")
        case .pdfEncryptionUnsupported(let detail):
            MessagePair(
                zh: "PDF 以憑證或其他無法開啟的方式加密，請學生重新匯出不加密的 PDF",
                en: "the PDF's encryption (\(detail)) cannot be opened, so the student should export it again without encryption")
        case .pdfNoPages: MessagePair(zh: "PDF 沒有任何頁面", en: "the PDF has no pages")
        case .pdfUnreadable(let detail): MessagePair(zh: "PDF 檔損壞，無法讀取", en: "unreadable PDF (\(detail))")
        case .tooManyPages:
            MessagePair(zh: "附件頁數合計超過備審資料可收納的上限", en: "more pages than the packet takes")
        case .pdfOverLimit(let detail):
            MessagePair(
                zh: "PDF 內容超過單一附件可處理的上限（解壓後過大或結構過於複雜）",
                en: "the PDF needs more than one attachment may use (\(detail))")
        case .image(let problem, let detail):
            MessagePair(zh: problem.chinese, en: detail)
        case .pdfEncryptionDamaged(let detail):
            MessagePair(
                zh: "PDF 的加密資料互相矛盾（檔案損壞或權限遭竄改），請學生重新匯出不加密的 PDF",
                en: "the PDF's encryption data contradict each other (\(detail)): the file is damaged or its permissions were altered, so the student should export it again without encryption")
        }
    }
}

extension ImageProblem {
    /// Only Chinese: the English message quotes the writer's own account.
    var chinese: String {
        switch self {
        case .empty: "圖檔是空的"
        case .notJPEGOrPNG: "不是 JPEG 或 PNG 圖檔"
        case .damaged: "圖檔損壞或不完整"
        case .unsupported: "這種 JPEG（如 12 位元、無損或算術編碼）無法放入 PDF"
        case .noPixels: "圖檔沒有像素（寬或高為 0）"
        case .tooLarge: "圖檔像素過多"
        case .unreadable: "圖檔無法讀取"
        }
    }
}

extension ProfileProblem {
    var text: MessagePair {
        switch self {
        case .unknownChannel(let name):
            MessagePair(zh: "未知的招生管道「\(name)」", en: "unknown 招生管道 「\(name)」")
        case .departmentCodeInvalid:
            MessagePair(zh: "校系代碼應為 6 個數字或大寫英文字母", en: "校系代碼 must be 6 digits or capital letters")
        case .itemNotInChannel(let item, let channel):
            MessagePair(zh: "審查項目「\(item)」不是\(channel)的項目", en: "審查項目 「\(item)」 is not an item of \(channel)")
        case .capInvalid(let group, let maximum):
            MessagePair(
                zh: "上限「\(group)」應為 0 到 \(maximum) 的整數",
                en: "上限 「\(group)」 must be a whole number from 0 to \(maximum)")
        case .outcomeDefaultItemInvalid(let item):
            MessagePair(
                zh: "課程學習成果預設項目「\(item)」不是課程學習成果的項目",
                en: "課程學習成果預設項目 「\(item)」 is not a 課程學習成果 item")
        case .malformed(let problem):
            problem.text
        case .capNotApplicable(let key, let unit):
            MessagePair(
                zh: "上限「\(key)」不適用：此招生管道的上限以\(unit)計",
                en: "上限 「\(key)」 does not apply: this channel's caps count per \(unit == "項目" ? "item" : "group")")
        }
    }
}

extension TickListProblem {
    var text: MessagePair {
        switch self {
        case .otherDepartment(let tickList, let profile):
            MessagePair(
                zh: "勾選清單的校系代碼為 \(tickList)，校系審查設定檔為 \(profile)",
                en: "the tick list is for department \(tickList), the profile for \(profile)")
        case .malformed(let problem):
            problem.text
        }
    }
}

extension DataFileProblem {
    var text: MessagePair {
        switch self {
        case .unreadable:
            MessagePair(zh: "無法讀取檔案", en: "the file cannot be read")
        case .syntax(let problem, let line, let column):
            MessagePair(
                zh: "JSON 語法錯誤（第 \(line) 行第 \(column) 字）：\(problem.text.zh)",
                en: "JSON syntax error at line \(line), column \(column): \(problem.text.en)")
        case .missing:
            MessagePair(zh: "缺少此欄位", en: "the key is missing")
        case .wrongType(let expected, let found):
            MessagePair(
                zh: "應為\(expected.text.zh)，實為\(found.text.zh)",
                en: "expected \(article(expected)), found \(article(found))")
        case .notAWholeNumber(let raw):
            MessagePair(zh: "「\(raw)」不是整數", en: "\(raw) is not a whole number")
        case .notOneOf(let raw, let allowed):
            MessagePair(
                zh: "「\(raw)」不是可用的值（可用：\(allowed.joined(separator: "、"))）",
                en: "「\(raw)」 is not one of the accepted values (\(allowed.joined(separator: ", ")))")
        case .unknownItem(let code):
            MessagePair(zh: "「\(code)」不是此招生管道可用於此處的審查項目", en: "「\(code)」 is not a review item of this channel that fits here")
        case .duplicate(let raw):
            MessagePair(zh: "「\(raw)」重複出現", en: "「\(raw)」 appears more than once")
        case .outOfRange(let raw, let lower, let upper):
            MessagePair(zh: "「\(raw)」應為 \(lower) 到 \(upper) 的整數", en: "\(raw) must be a whole number from \(lower) to \(upper)")
        case .wrongCount(let found, let expected):
            MessagePair(zh: "應有 \(expected) 個元素，實有 \(found) 個", en: "expected \(expected) elements, found \(found)")
        case .empty:
            MessagePair(zh: "資料夾中沒有任何資料檔", en: "the folder holds no data files")
        case .noItemTakes(let source):
            MessagePair(zh: "沒有任何審查項目收「\(source)」", en: "no review item takes 「\(source)」")
        }
    }
}

/// "an object", "a string", "null": the English kind name with its article.
private func article(_ kind: JSONKind) -> String {
    switch kind {
    case .object, .array: "an \(kind.text.en)"
    case .null: "null"
    default: "a \(kind.text.en)"
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
