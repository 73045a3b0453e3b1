/// Where a problem goes on the student's preview page, in the order a student would work through
/// them; nil for what is not the student's to fix (the office's profile, the tool's own data) or
/// needs no fixing (a note about how the packet was made).
public enum FixGroup: Int, Sendable, CaseIterable, Comparable {
    /// The tick list first: what the student ticked is what the rest of the page is about.
    case tickList
    /// Then which way the folder chose its material (勾選 or 自行上傳): it decides what else there is to fix.
    case selectionMode
    case unreadableFiles, missingItems, overCap, lengths, uncertified, attachments, characters, values

    public static func < (a: FixGroup, b: FixGroup) -> Bool { a.rawValue < b.rawValue }

    /// The heading of the group on the preview's fix page and in `serve`'s fix list.
    public func title(_ language: MessageLanguage) -> String {
        let (zh, en) =
            switch self {
            case .tickList: ("勾選清單與項目編號", "The tick list and item keys")
            case .selectionMode: ("提供方式（勾選或自行上傳，擇一）與自行上傳的檔案", "How items are sent (ticked or uploaded, one of them) and the uploaded files")
            case .unreadableFiles: ("無法讀取的檔案", "Files that cannot be read")
            case .missingItems: ("未提供的項目", "Items not provided")
            case .overCap: ("超過上限", "Over a cap")
            case .attachments: ("附件問題（MD5 不符、路徑遭拒、檔案不存在、檔案過大、無法讀取、字型未內嵌）", "Attachments (MD5 mismatch, path refused, not found, too large, unreadable, fonts not embedded)")
            case .lengths: ("簡述、文章或圖片超過上限", "Summaries, texts or images over their limits")
            case .uncertified: ("未認證的課程學習成果", "Uncertified learning outcomes")
            case .characters: ("無法顯示的字元與疑似錯字", "Characters that cannot be shown, and likely typos")
            case .values: ("無法辨識的日期與數值", "Dates and values that cannot be read")
            }
        return language == .english ? en : zh
    }
}

extension DiagnosticKind {
    /// Exhaustive, without a default: a new kind must decide whether the student sees it.
    public var fixGroup: FixGroup? {
        switch self {
        case .itemKeyDuplicate, .tickListMissing, .tickListInvalid, .tickUnknownKey, .tickWrongList, .tickDuplicate,
            .tickUncertified, .tickWithUpload, .tickOverCap, .tickOutsideWindow:
            .tickList
        case .requiredFileMissing, .fileUnreadable, .fileTooLarge, .badEncoding, .jsonSyntax, .wrongShape,
            .folderTooLarge:
            .unreadableFiles
        case .itemNotProvided: .missingItems
        case .overCap: .overCap
        case .md5Mismatch, .pathRefused, .attachmentMissing, .attachmentTooLarge, .attachmentTypeUnexpected,
            .attachmentUnreadable, .attachmentFontsNotEmbedded, .attachmentFontWidthsInconsistent:
            .attachments
        case .summaryTooLong, .textTooLong, .tooManyImages: .lengths
        case .outcomeUncertified: .uncertified
        case .glyphMissing, .kangxiRadical, .controlCharacters: .characters
        case .impossibleDate, .invalidValue, .valueOutOfRange: .values
        case .unknownKey, .duplicateKey, .courseRecordInBothForms, .selfWrittenDuplicate, .applicantNumberMismatch,
            .requiredFieldMissing, .unreferencedFile, .emptyRecordFile, .unknownCode, .courseCodeInvalid,
            .scoreOutOfRange, .populationNotPositive, .histogramSumMismatch, .histogramBadKey, .histogramBadCount,
            .profileMissing, .profileInvalid, .ruleYearUnknown, .unknownReviewItem, .recordLeftOut,
            .combinedStatementUsed, .folderNameIsNationalID, .templateInvalid, .recordOutsideWindow:
            nil
        case .bothSelectionModes, .uploadItemInvalid, .uploadDuplicate: .selectionMode
        }
    }
}
