import Diagnostics
import Foundation

/// Why no record could be made of a folder at all.
public enum ApplicantReadFailure: Error, Sendable {
    /// The folder does not exist or is not a folder (exit 66).
    case folderNotFound(path: String)
    /// `_基本資料.json` is missing or unreadable (exit 65); the diagnostics say why.
    case basicDataUnusable(applicantNumber: String, diagnostics: [Diagnostic])
}

/// Limits that keep one hostile folder from exhausting memory or time.
public struct ReaderLimits: Sendable {
    /// The largest JSON file read whole (a 20,000-row 修課紀錄 is ~10 MB).
    public var maxJSONBytes: Int = 128 << 20
    /// The largest self-written text file.
    public var maxTextBytes: Int = 8 << 20
    /// The largest attached file (pdf, image, media) read: far above the central database's 4 and
    /// 10 MiB, so an oversized file is still shown, and bounded all the same.
    public var maxAttachmentBytes: Int = 64 << 20
    /// All files of one folder together: the bytes are held from reading until the packet is written.
    public var maxFolderBytes: Int = 512 << 20
    /// At most this many folder entries are looked at when listing unreferenced files.
    public var maxFolderEntries: Int = 20_000

    public init() {}
}

/// Reads one applicant folder into an `ApplicantRecord`.
///
/// Only `_基本資料.json` is required. Every other file is optional: a missing one is `.absent`,
/// an unreadable one `.unreadable` with an error, and the read goes on. Every file is opened once,
/// beneath the folder (`ContainedFolder`): the bytes hashed are the bytes the packet uses.
public struct ApplicantFolderReader: Sendable {
    public var limits: ReaderLimits

    public init(limits: ReaderLimits = ReaderLimits()) {
        self.limits = limits
    }

    public func read(folder: URL) throws(ApplicantReadFailure) -> ApplicantRecord {
        let given = folder.standardizedFileURL
        guard let contained = ContainedFolder(path: given.path) else {
            throw .folderNotFound(path: folder.path)
        }
        // The applicant is the folder as named (batch discovers it by that name), even when the
        // name is a link to the folder's real place.
        let number = given.lastPathComponent == "." || given.lastPathComponent.isEmpty
            ? URL(fileURLWithPath: contained.realPath).lastPathComponent : given.lastPathComponent
        // The folder name becomes the output file names, which cannot be masked and still name
        // the applicant: such a folder is refused, naming it masked.
        if containsNationalID(number) {
            let masked = maskingNationalIDs(number)
            throw .basicDataUnusable(
                applicantNumber: masked, diagnostics: [.error(.folderNameIsNationalID(masked: masked))])
        }
        let session = ReadSession(folder: contained, applicantNumber: number, limits: limits)
        return try session.readAll()
    }
}

/// The state of one folder read. Lives only for that read.
final class ReadSession {
    let folder: ContainedFolder
    let applicantNumber: String
    let limits: ReaderLimits
    let log = DiagnosticLog()
    var inputFiles: [String: InputFile] = [:]
    /// What became of each file read, by its path: a file named twice is opened once.
    var attachmentCache: [String: AttachmentRead] = [:]
    /// Bytes read so far, against `limits.maxFolderBytes`.
    var bytesRead = 0
    /// Paths (relative) that the contract or a record named, for the unreferenced-file check.
    var referenced: Set<String> = []
    /// Elements of `_多元表現.json`'s `校方建立幹部經歷紀錄` array, after which the cadre records of
    /// `_基本資料.json` are numbered (`ItemKey`).
    var schoolCadreArrayLength = 0

    init(folder: ContainedFolder, applicantNumber: String, limits: ReaderLimits) {
        self.folder = folder
        self.applicantNumber = applicantNumber
        self.limits = limits
    }

    func fileName(_ suffix: String) -> String {
        "\(applicantNumber)_\(suffix)"
    }

    func readAll() throws(ApplicantReadFailure) -> ApplicantRecord {
        let basicName = fileName("基本資料.json")
        let basicJSON: JSONValue
        switch loadJSON(basicName) {
        case .absent:
            log.error(.requiredFileMissing, file: basicName)
            throw .basicDataUnusable(applicantNumber: applicantNumber, diagnostics: log.diagnostics)
        case .failed:
            throw .basicDataUnusable(applicantNumber: applicantNumber, diagnostics: log.diagnostics)
        case .value(let value):
            basicJSON = value
        }
        guard case .object(let basicObject) = basicJSON else {
            log.error(.wrongShape(expected: .object, found: basicJSON.kind), file: basicName)
            throw .basicDataUnusable(applicantNumber: applicantNumber, diagnostics: log.diagnostics)
        }
        let (basic, schoolCadres) = readBasicData(basicObject, file: basicName)

        var record = ApplicantRecord(applicantNumber: applicantNumber, basic: basic)
        record.courseRecord = load("修課紀錄.json", expecting: .object) { value, file in
            self.readCourseRecord(value, file: file)
        }
        record.courseRecordPDF = extraPDF("修課紀錄.pdf")
        if record.courseRecordPDF != nil, case .present = record.courseRecord {
            log.warning(.courseRecordInBothForms, file: fileName("修課紀錄.pdf"))
        }
        record.sixthSemesterTranscript = extraPDF("第6學期成績單.pdf")
        record.outcomes = load("課程學習成果.json", expecting: .array) { value, file in
            self.readOutcomes(value, file: file)
        }
        record.performances = load("多元表現.json", expecting: .object) { value, file in
            self.readPerformances(value, file: file)
        }
        record.performances = merge(schoolCadres: schoolCadres, into: record.performances)
        assignKeys(&record)
        record.selfWritten = readSelfWritten()
        record.uploads = readUploads()
        reportUnreferencedFiles()
        record.inputFiles = inputFiles.values.sorted { $0.path < $1.path }
        record.diagnostics = log.diagnostics
        return record
    }

    // MARK: Reading files

    /// What reading one file gave: its bytes and their SHA-256, or why not (already reported, but
    /// for `refused` when the caller reports refusals itself).
    enum FileRead {
        case absent
        case refused(FileProblem)
        case failed
        case bytes([UInt8], sha256: String)
    }

    /// Reads one file of the folder whole, through `ContainedFolder`, within the per-file and
    /// per-folder limits; a failure is an error on the file (and field), reported here, and so is a
    /// refusal unless `reportingRefusals` is false.
    func readFile(_ relative: String, limit: Int, file: String, field: String?, reportingRefusals: Bool = true)
        -> FileRead
    {
        guard bytesRead <= limits.maxFolderBytes else {
            log.error(.folderTooLarge(limit: limits.maxFolderBytes), file: file, field: field)
            return .failed
        }
        switch folder.read(relative, limit: min(limit, limits.maxFolderBytes - bytesRead)) {
        case .absent:
            return .absent
        case .refused(let problem):
            guard reportingRefusals else { return .refused(problem) }
            log.error(.fileUnreadable(reason: problem), file: file, field: field)
            return .failed
        case .tooLarge(let size):
            if size > limit {
                log.error(.fileTooLarge(size: size, limit: limit), file: file, field: field)
            } else {
                log.error(.folderTooLarge(limit: limits.maxFolderBytes), file: file, field: field)
            }
            return .failed
        case .bytes(let bytes):
            bytesRead += bytes.count
            let sha256 = Digest.sha256(bytes)
            inputFiles[relative] = InputFile(path: relative, size: bytes.count, sha256: sha256)
            return .bytes(bytes, sha256: sha256)
        }
    }

    // MARK: JSON files

    enum JSONLoad {
        case absent
        case failed
        case value(JSONValue)
    }

    /// Reads, decodes and parses one JSON file, reporting any failure as an error on it.
    func loadJSON(_ name: String) -> JSONLoad {
        referenced.insert(name)
        switch readFile(name, limit: limits.maxJSONBytes, file: name, field: nil) {
        case .absent: return .absent
        case .failed, .refused: return .failed
        case .bytes(let bytes, _):
            guard let text = decodeText(bytes, file: name) else { return .failed }
            do {
                return .value(try JSONParser.parse(text))
            } catch {
                log.error(
                    .jsonSyntax(error.reason.problem, line: error.line, column: error.column), file: name)
                return .failed
            }
        }
    }

    /// Reads and decodes a whole text file of the folder; nil (reported) when it cannot be read or
    /// decoded, or is not there.
    func readText(_ name: String, limit: Int) -> String? {
        guard case .bytes(let bytes, _) = readFile(name, limit: limit, file: name, field: nil) else { return nil }
        return decodeText(bytes, file: name)
    }

    private func decodeText(_ bytes: [UInt8], file: String) -> String? {
        do {
            return try TextDecoder.decode(bytes).text
        } catch {
            log.error(.badEncoding(error.reason.problem, byteOffset: error.byteOffset), file: file)
            return nil
        }
    }

    /// Loads an optional central-database file whose top level must be `expecting`.
    func load<Value>(
        _ suffix: String, expecting: JSONKind, read: (JSONValue, String) -> Value
    ) -> Loaded<Value> {
        let name = fileName(suffix)
        switch loadJSON(name) {
        case .absent:
            return .absent(file: name)
        case .failed:
            let reason = log.diagnostics.last ?? .error(.fileUnreadable(reason: .ioError), file: name)
            return .unreadable(file: name, reason: reason)
        case .value(let value):
            guard value.kind == expecting else {
                let reason = Diagnostic.error(.wrongShape(expected: expecting, found: value.kind), file: name)
                log.add(reason)
                return .unreadable(file: name, reason: reason)
            }
            if case .array(let elements) = value, elements.isEmpty {
                log.warning(.emptyRecordFile, file: name)
            } else if case .object(let object) = value, object.members.isEmpty {
                log.warning(.emptyRecordFile, file: name)
            }
            return .present(file: name, read(value, name))
        }
    }

    // MARK: Files named by the contract or by records

    /// A school-sent PDF named after the applicant (`_修課紀錄.pdf`, `_第6學期成績單.pdf`); a FIFO,
    /// folder or outside link in its place is an error on it, never silently passed over.
    func extraPDF(_ suffix: String) -> AttachmentFile? {
        let name = fileName(suffix)
        referenced.insert(name)
        guard case .file(let found) = attachmentFile(relative: name, file: name, field: nil) else { return nil }
        return checked(found, statedMD5: nil, file: name, field: nil)
    }

    /// What became of reading one attached file.
    enum AttachmentRead {
        case absent
        /// Refused or failed; the error is already reported.
        case failed(FileProblem?)
        case file(AttachmentFile)
    }

    /// Reads an attached file once, however many records name it: a refusal is reported as an error
    /// by the caller that knows the field (see `attachment`), other failures here.
    func attachmentFile(relative: String, file: String, field: String?, refusalsReported: Bool = true)
        -> AttachmentRead
    {
        if let cached = attachmentCache[relative] { return cached }
        let outcome: AttachmentRead
        switch readFile(
            relative, limit: limits.maxAttachmentBytes, file: file, field: field, reportingRefusals: refusalsReported)
        {
        case .absent:
            outcome = .absent
        case .refused(let problem):
            outcome = .failed(problem)
        case .failed:
            outcome = .failed(nil)
        case .bytes(let bytes, let sha256):
            let attachment = AttachmentFile(
                path: relative, mediaType: MediaType(fileName: relative), bytes: bytes, md5: Digest.md5(bytes),
                sha256: sha256)
            if attachment.mediaType == .other {
                log.warning(.attachmentTypeUnexpected(path: relative), file: file, field: field)
            }
            outcome = .file(attachment)
        }
        attachmentCache[relative] = outcome
        return outcome
    }

    /// The file with its stated MD5 compared (each record that names a file states its own).
    func checked(_ found: AttachmentFile, statedMD5: String?, file: String, field: String?) -> AttachmentFile {
        var attachment = found
        attachment.md5Check = .notStated
        if let stated = statedMD5 {
            if isMD5(stated) {
                if stated.lowercased() == attachment.md5 {
                    attachment.md5Check = .matched
                } else {
                    attachment.md5Check = .mismatch
                    log.warning(
                        .md5Mismatch(path: found.path, stated: stated, actual: attachment.md5), file: file, field: field)
                }
            } else {
                attachment.md5Check = .malformedStatement
                log.warning(.invalidValue(raw: stated, expected: .md5), file: file, field: field)
            }
        }
        return attachment
    }

    private func isMD5(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...70).contains(byte) || (97...102).contains(byte)
        }
    }

    /// Resolves a 連結 path against the folder, refusing anything that would leave it or is not a
    /// regular file: those are warnings on the record's field (the item shows the refusal).
    func attachment(
        field: LinkField, path raw: String, statedMD5: String?, file: String, fieldPath: String
    ) -> AttachmentReference {
        func refused(_ reason: PathRefusal) -> AttachmentReference {
            log.warning(.pathRefused(path: raw, reason: reason), file: file, field: fieldPath)
            return AttachmentReference(field: field, path: raw, statedMD5: statedMD5, status: .refused(reason))
        }
        let relative: String
        switch ContainedPath.resolve(raw) {
        case .failure(let reason): return refused(reason)
        case .success(let resolved): relative = resolved
        }
        switch attachmentFile(relative: relative, file: file, field: fieldPath, refusalsReported: false) {
        case .absent:
            referenced.insert(relative)
            log.warning(.attachmentMissing(path: raw), file: file, field: fieldPath)
            return AttachmentReference(field: field, path: raw, statedMD5: statedMD5, status: .missing)
        case .failed(.some(.symlinkOutside)), .failed(.some(.symlinkLoop)):
            return refused(.symlinkOutside)
        case .failed(.some):
            return refused(.notARegularFile)
        case .failed(.none):
            referenced.insert(relative)
            return AttachmentReference(field: field, path: raw, statedMD5: statedMD5, status: .unreadable)
        case .file(let found):
            referenced.insert(relative)
            let attachment = checked(found, statedMD5: statedMD5, file: file, field: fieldPath)
            return AttachmentReference(field: field, path: raw, statedMD5: statedMD5, status: .found(attachment))
        }
    }

    /// Files in the folder that nothing names are reported, so nothing a student put there
    /// vanishes without a word. Folders are listed through `ContainedFolder`: links are not followed,
    /// hidden files are skipped, and the walk stops after `maxFolderEntries` entries.
    func reportUnreferencedFiles() {
        var unreferenced: [String] = []
        var seen = 0
        var pending: [String] = [""]
        while let relativeFolder = pending.popLast(), seen < limits.maxFolderEntries {
            guard let entries = folder.list(relativeFolder, limit: limits.maxFolderEntries - seen) else { continue }
            seen += entries.count
            for (name, info) in entries where !name.hasPrefix(".") {
                let relative = relativeFolder.isEmpty ? name : relativeFolder + "/" + name
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    // A student's tick lists are theirs, not the record's (docs/input.md §6).
                    if relativeFolder.isEmpty, name == ItemKeys.tickListFolder { continue }
                    pending.append(relative)
                case S_IFREG: if !referenced.contains(relative) { unreferenced.append(relative) }
                default: continue
                }
            }
        }
        for entry in unreferenced.sorted() {
            log.warning(.unreferencedFile, file: entry)
        }
    }

}

/// Lexical containment of a 連結 path: no absolute paths, no climbing above the folder.
enum ContainedPath {
    static func resolve(_ raw: String) -> Result<String, PathRefusal> {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.utf8.contains(0) { return .failure(.malformed) }
        // Students' tools on Windows write backslashes.
        let path = trimmed.replacingOccurrences(of: "\\", with: "/")
        if path.hasPrefix("/") || path.hasPrefix("~") { return .failure(.absolute) }
        let scalars = Array(path.unicodeScalars)
        // A Windows drive letter (C:) is absolute too.
        if scalars.count >= 2, scalars[1] == ":", scalars[0].isASCII, scalars[0].properties.isAlphabetic {
            return .failure(.absolute)
        }
        if path.lowercased().hasPrefix("file:") { return .failure(.absolute) }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return .failure(.leavesFolder) }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        if parts.isEmpty { return .failure(.malformed) }
        return .success(parts.joined(separator: "/"))
    }
}

extension TextDecodingError.Reason {
    public var problem: EncodingProblem {
        switch self {
        case .invalidUTF8: .invalidUTF8
        case .invalidUTF16: .invalidUTF16
        case .utf32NotSupported: .utf32NotSupported
        case .utf16WithoutBOM: .utf16WithoutBOM
        case .empty: .empty
        }
    }
}

extension JSONSyntaxError.Reason {
    public var problem: JSONSyntaxProblem {
        switch self {
        case .unexpectedEndOfInput: .unexpectedEndOfInput
        case .unexpectedCharacter(let byte):
            .unexpectedCharacter(byte < 0x20 || byte >= 0x7f ? String(format: "0x%02X", byte) : String(UnicodeScalar(byte)))
        case .invalidEscape: .invalidEscape
        case .invalidUnicodeEscape: .invalidUnicodeEscape
        case .loneSurrogate: .loneSurrogate
        case .controlCharacterInString: .controlCharacterInString
        case .invalidNumber: .invalidNumber
        case .nestingTooDeep(let limit): .nestingTooDeep(limit: limit)
        case .trailingContent: .trailingContent
        case .emptyInput: .emptyInput
        }
    }
}
