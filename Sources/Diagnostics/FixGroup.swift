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
            .attachmentUnreadable, .attachmentFontsNotEmbedded:
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
