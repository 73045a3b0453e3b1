import Diagnostics

/// The record fields that name a file or a web address (the central database's 連結 keys).
public enum LinkField: String, Sendable, Equatable, CaseIterable {
    case outcomeDocument = "課程學習成果文件檔案連結"
    case outcomeMedia = "課程學習成果影音檔案連結"
    case proof = "證明文件連結"
    case media = "影音檔案連結"
    case externalMedia = "外部影音連結"
    case workOutcome = "作品成果連結"

    /// The field that states the file's MD5, where the record has one.
    public var md5Field: String? {
        switch self {
        case .outcomeDocument: "文件檔案MD5"
        case .outcomeMedia: "影音檔案MD5"
        case .proof: "證明文件MD5"
        case .media: "影音檔案MD5"
        case .externalMedia, .workOutcome: nil
        }
    }
}

/// A file named by a 連結 field of a record, and what became of it.
public struct AttachmentReference: Sendable, Equatable {
    /// The 連結 field that named it.
    public var field: LinkField
    /// The path exactly as the record gives it.
    public var path: String
    /// The MD5 the record states, as given (compared case-insensitively).
    public var statedMD5: String?
    public var status: AttachmentStatus

    public init(field: LinkField, path: String, statedMD5: String?, status: AttachmentStatus) {
        self.field = field
        self.path = path
        self.statedMD5 = statedMD5
        self.status = status
    }
}

public enum AttachmentStatus: Sendable, Equatable {
    case found(AttachmentFile)
    /// 「檔案不存在」.
    case missing
    /// The path leaves the folder, is absolute, or goes through a link to outside: not read.
    case refused(PathRefusal)
    /// The file is there but was not read (too large, the folder's bound reached, an I/O error, swapped
    /// while being opened): an error says why.
    case unreadable
}

/// A regular file inside the applicant folder: its bytes, read once, and their digests. The packet
/// places these bytes and the XML describes them, so a file swapped on disk after the read changes
/// neither.
public struct AttachmentFile: Sendable, Equatable {
    /// Relative to the applicant folder, `/`-separated, normalised (no `.` segments).
    public var path: String
    public var size: Int
    public var mediaType: MediaType
    /// Lower-case hexadecimal.
    public var sha256: String
    public var md5: String
    public var md5Check: MD5Check
    /// The file's content as read (empty for a record made without its files, as in some tests).
    public var bytes: [UInt8]

    public init(
        path: String, size: Int, mediaType: MediaType, sha256: String, md5: String, md5Check: MD5Check,
        bytes: [UInt8] = []
    ) {
        self.path = path
        self.size = size
        self.mediaType = mediaType
        self.sha256 = sha256
        self.md5 = md5
        self.md5Check = md5Check
        self.bytes = bytes
    }

    /// A file read whole: its size and digests are those of `bytes`.
    init(path: String, mediaType: MediaType, bytes: [UInt8], md5: String, sha256: String) {
        self.init(
            path: path, size: bytes.count, mediaType: mediaType, sha256: sha256, md5: md5, md5Check: .notStated,
            bytes: bytes)
    }

    /// Equal files have equal digests: the bytes themselves are not compared again.
    public static func == (a: AttachmentFile, b: AttachmentFile) -> Bool {
        a.path == b.path && a.size == b.size && a.mediaType == b.mediaType && a.sha256 == b.sha256 && a.md5 == b.md5
            && a.md5Check == b.md5Check
    }

    /// The last path component.
    public var name: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

public enum MD5Check: String, Sendable, Equatable {
    /// No MD5 was stated for this file.
    case notStated
    case matched
    case mismatch
    /// The stated value is not 32 hexadecimal digits.
    case malformedStatement
}

/// The media types the central database accepts, and `other` for anything else.
public enum MediaType: String, Sendable, Hashable, CaseIterable, ClosedSet {
    case pdf = "application/pdf"
    case jpeg = "image/jpeg"
    case png = "image/png"
    case mp3 = "audio/mpeg"
    case mp4 = "video/mp4"
    case other = "application/octet-stream"

    /// By file extension (case-insensitive).
    public init(fileName: String) {
        let ext = fileName.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "pdf": self = .pdf
        case "jpg", "jpeg": self = .jpeg
        case "png": self = .png
        case "mp3": self = .mp3
        case "mp4": self = .mp4
        default: self = .other
        }
    }

    /// Audio and video cannot play on paper: they are listed and carried, not placed.
    public var isTimeBased: Bool { self == .mp3 || self == .mp4 }
}
