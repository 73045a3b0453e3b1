/// A PDF the applicant uploaded for one review item instead of ticking records of the central
/// database (「自行上傳PDF檔」): `<應試號碼>_自行上傳_<項目代碼>.pdf` in the applicant folder.
public struct UploadedFile: Sendable, Equatable {
    /// The file name, relative to the applicant folder.
    public var file: String
    /// The item code as the file name gives it (`B`, `C-5`, `ｂ` …; ID-shaped text masked). Whether
    /// the channel has such an item, and takes uploads for it, is assembly's to decide.
    public var itemCode: String
    public var content: Content

    public enum Content: Sendable, Equatable {
        case pdf(AttachmentFile)
        /// Refused or not read (a link out of the folder, a FIFO or a folder in its place, too
        /// large): an error says why, the item shows 「無法讀取」.
        case unreadable
    }

    public init(file: String, itemCode: String, content: Content) {
        self.file = file
        self.itemCode = itemCode
        self.content = content
    }
}
