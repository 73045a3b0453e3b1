/// A problem found in an applicant's input, or in assembling their packet.
///
/// Every diagnostic names where it was found — the file (relative to the applicant folder), the
/// field inside it, and the review item — so an admissions officer or a student can go and fix it.
/// Diagnostics never carry personal data beyond the 應試號碼: raw values of personal fields are
/// left out of `kind` by the stage that reports them.
public struct Diagnostic: Sendable, Hashable {
    public var severity: Severity
    public var kind: DiagnosticKind
    /// The file, relative to the applicant folder (e.g. `01686463_多元表現.json`), or a profile path.
    public var file: String?
    /// The place inside the file, as a path such as `競賽參與紀錄[2].結果公布日期`.
    public var field: String?
    /// The review item code (`J`, `C-5`) the problem belongs to, once assembly has decided it.
    public var item: String?

    public init(
        _ severity: Severity, _ kind: DiagnosticKind,
        file: String? = nil, field: String? = nil, item: String? = nil
    ) {
        self.severity = severity
        self.kind = kind
        self.file = file
        self.field = field
        self.item = item
    }

    public static func error(
        _ kind: DiagnosticKind, file: String? = nil, field: String? = nil, item: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, kind, file: file, field: field, item: item)
    }

    public static func warning(
        _ kind: DiagnosticKind, file: String? = nil, field: String? = nil, item: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, kind, file: file, field: field, item: item)
    }
}

public enum Severity: String, Sendable, Hashable, Comparable {
    /// Part of the record could not be read; the packet is made with 「無法讀取」, or not at all.
    case error
    /// Everything was read; something is odd and is reported, never silently fixed.
    case warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .error && rhs == .warning
    }
}

/// The JSON value kinds, named in messages about wrong shapes.
public enum JSONKind: String, Sendable, Hashable {
    case object, array, string, number, boolean, null
}

/// What kind of value a field should have held, named in messages about unreadable values.
public enum ValueKind: String, Sendable, Hashable {
    case number, integer, text, date, code, md5
}

/// The values a numeric field can plausibly hold, both ends included (whole numbers: every bound
/// the reader uses is one).
public struct ValueBounds: Sendable, Hashable {
    public var lower: Int
    public var upper: Int

    public init(_ range: ClosedRange<Int>) {
        lower = range.lowerBound
        upper = range.upperBound
    }

    public func contains(_ value: Double) -> Bool { value >= Double(lower) && value <= Double(upper) }
    public func contains(_ value: Int) -> Bool { value >= lower && value <= upper }
}

/// Why a text file could not be decoded.
public enum EncodingProblem: String, Sendable, Hashable {
    case invalidUTF8, invalidUTF16, utf32NotSupported, utf16WithoutBOM, empty
}

/// Why a JSON document could not be parsed.
public enum JSONSyntaxProblem: Sendable, Hashable {
    case unexpectedEndOfInput
    case unexpectedCharacter(String)
    case invalidEscape
    case invalidUnicodeEscape
    case loneSurrogate
    case controlCharacterInString
    case invalidNumber
    case nestingTooDeep(limit: Int)
    case trailingContent
    case emptyInput
}

/// Why a path named by a 連結 field was not followed.
public enum PathRefusal: String, Error, Sendable, Hashable {
    /// It climbs out of the applicant folder with `..`.
    case leavesFolder
    /// It is absolute.
    case absolute
    /// A symbolic link on the way points outside the applicant folder.
    case symlinkOutside
    /// It names a folder, a device or something else that is not a regular file.
    case notARegularFile
    /// It is empty after trimming, or contains characters no file system path should (NUL).
    case malformed
}

/// Why a file of the applicant folder was not read. Every file is opened beneath the folder, one
/// path component at a time, and only a regular file is ever opened for reading.
public enum FileProblem: String, Error, Sendable, Hashable {
    /// A symbolic link on the way resolves outside the applicant folder.
    case symlinkOutside
    /// More symbolic links on the way than any real folder needs (a loop).
    case symlinkLoop
    /// A folder where a file should be.
    case directory
    /// A named pipe: reading it could block the run forever.
    case fifo
    /// A character or block device.
    case device
    /// A socket.
    case socket
    case permissionDenied
    case ioError
    /// The file was replaced between the look and the open (a link or another file swapped in).
    case changedWhileOpening
}

/// The problems a course code (課程代碼) can have.
public enum CourseCodeProblem: String, Sendable, Hashable {
    case wrongLength, invalidCharacters, unknownCategory, unknownAttribute, unknownDomain
}
