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
    /// At most this many folder entries are looked at when listing unreferenced files.
    public var maxFolderEntries: Int = 20_000

    public init() {}
}

/// Reads one applicant folder into an `ApplicantRecord`.
///
/// Only `_基本資料.json` is required. Every other file is optional: a missing one is `.absent`,
/// an unreadable one `.unreadable` with an error, and the read goes on.
public struct ApplicantFolderReader: Sendable {
    public var limits: ReaderLimits

    public init(limits: ReaderLimits = ReaderLimits()) {
        self.limits = limits
    }

    public func read(folder: URL) throws(ApplicantReadFailure) -> ApplicantRecord {
        let folderPath = folder.standardizedFileURL.path
        guard case .directory = FileAccess.kind(atPath: folderPath),
            let realFolder = FileAccess.realPath(folderPath)
        else { throw .folderNotFound(path: folder.path) }

        let number = URL(fileURLWithPath: realFolder).lastPathComponent
        // The folder name becomes the output file names, which cannot be masked and still name
        // the applicant: such a folder is refused, naming it masked.
        if containsNationalID(number) {
            let masked = maskingNationalIDs(number)
            throw .basicDataUnusable(
                applicantNumber: masked, diagnostics: [.error(.folderNameIsNationalID(masked: masked))])
        }
        let session = ReadSession(folder: realFolder, applicantNumber: number, limits: limits)
        return try session.readAll()
    }
}

/// The state of one folder read. Lives only for that read.
final class ReadSession {
    let folder: String
    let applicantNumber: String
    let limits: ReaderLimits
    let log = DiagnosticLog()
    var inputFiles: [String: InputFile] = [:]
    var attachmentCache: [String: AttachmentFile] = [:]
    /// Paths (relative) that the contract or a record named, for the unreferenced-file check.
    var referenced: Set<String> = []

    init(folder: String, applicantNumber: String, limits: ReaderLimits) {
        self.folder = folder
        self.applicantNumber = applicantNumber
        self.limits = limits
    }

    func fileName(_ suffix: String) -> String {
        "\(applicantNumber)_\(suffix)"
    }

    func absolute(_ relative: String) -> String {
        folder + "/" + relative
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
        record.selfWritten = readSelfWritten()
        reportUnreferencedFiles()
        record.inputFiles = inputFiles.values.sorted { $0.path < $1.path }
        record.diagnostics = log.diagnostics
        return record
    }

    // MARK: JSON files

    enum JSONLoad {
        case absent
        case failed
        case value(JSONValue)
    }

    /// Reads, decodes and parses one JSON file, reporting any failure as an error on it.
    func loadJSON(_ name: String) -> JSONLoad {
        let path = absolute(name)
        referenced.insert(name)
        switch FileAccess.kind(atPath: path) {
        case .absent:
            return .absent
        case .directory, .other:
            log.error(.fileUnreadable(reason: "not a regular file"), file: name)
            return .failed
        case .regular:
            break
        }
        guard let text = readText(name, limit: limits.maxJSONBytes) else { return .failed }
        do {
            return .value(try JSONParser.parse(text))
        } catch {
            log.error(
                .jsonSyntax(error.reason.problem, line: error.line, column: error.column), file: name)
            return .failed
        }
    }

    /// Reads and decodes a whole text file of the folder, recording it for the input digest; an
    /// unreadable or undecodable file is an error on it, and nil.
    func readText(_ name: String, limit: Int) -> String? {
        let bytes: [UInt8]
        do {
            bytes = try FileAccess.readAll(atPath: absolute(name), limit: limit)
        } catch {
            log.error(error, file: name)
            return nil
        }
        inputFiles[name] = InputFile(path: name, size: bytes.count, sha256: FileAccess.sha256(bytes))
        do {
            return try TextDecoder.decode(bytes).text
        } catch {
            log.error(.badEncoding(error.reason.problem, byteOffset: error.byteOffset), file: name)
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
            let reason = log.diagnostics.last ?? .error(.fileUnreadable(reason: "unknown"), file: name)
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

    /// A school-sent PDF named after the applicant (`_修課紀錄.pdf`, `_第6學期成績單.pdf`).
    func extraPDF(_ suffix: String) -> AttachmentFile? {
        let name = fileName(suffix)
        referenced.insert(name)
        guard case .regular = FileAccess.kind(atPath: absolute(name)) else { return nil }
        return hashedFile(relative: name, statedMD5: nil, file: name, field: nil)
    }

    /// Hashes a file inside the folder once, however many records name it.
    func hashedFile(relative: String, statedMD5: String?, file: String, field: String?) -> AttachmentFile? {
        var attachment: AttachmentFile
        if let cached = attachmentCache[relative] {
            attachment = cached
        } else {
            let digests: FileAccess.Digests
            do {
                digests = try FileAccess.digests(atPath: absolute(relative))
            } catch {
                log.error(error, file: file, field: field)
                return nil
            }
            attachment = AttachmentFile(
                path: relative, size: digests.size, mediaType: MediaType(fileName: relative),
                sha256: digests.sha256, md5: digests.md5, md5Check: .notStated)
            attachmentCache[relative] = attachment
            inputFiles[relative] = InputFile(path: relative, size: digests.size, sha256: digests.sha256)
            if attachment.mediaType == .other {
                log.warning(.attachmentTypeUnexpected(path: relative), file: file, field: field)
            }
        }
        attachment.md5Check = .notStated
        if let stated = statedMD5 {
            if isMD5(stated) {
                if stated.lowercased() == attachment.md5 {
                    attachment.md5Check = .matched
                } else {
                    attachment.md5Check = .mismatch
                    log.warning(
                        .md5Mismatch(path: relative, stated: stated, actual: attachment.md5), file: file, field: field)
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

    /// Resolves a 連結 path against the folder, refusing anything that would leave it.
    func attachment(
        field: String, path raw: String, statedMD5: String?, file: String, fieldPath: String
    ) -> AttachmentReference {
        func refused(_ reason: PathRefusal) -> AttachmentReference {
            log.warning(.pathRefused(path: raw, reason: reason), file: file, field: fieldPath)
            return AttachmentReference(field: field, path: raw, statedMD5: statedMD5, status: .refused(reason))
        }
        switch ContainedPath.resolve(raw) {
        case .failure(let reason):
            return refused(reason)
        case .success(let relative):
            let full = absolute(relative)
            // Resolve links: the real target must still lie inside the applicant folder.
            if let real = FileAccess.realPath(full), !(real.hasPrefix(folder + "/")) {
                return refused(.symlinkOutside)
            }
            switch FileAccess.kind(atPath: full) {
            case .absent:
                referenced.insert(relative)
                log.warning(.attachmentMissing(path: raw), file: file, field: fieldPath)
                return AttachmentReference(field: field, path: raw, statedMD5: statedMD5, status: .missing)
            case .directory, .other:
                return refused(.notARegularFile)
            case .regular:
                referenced.insert(relative)
                guard let found = hashedFile(relative: relative, statedMD5: statedMD5, file: file, field: fieldPath)
                else {
                    return AttachmentReference(field: field, path: raw, statedMD5: statedMD5, status: .missing)
                }
                return AttachmentReference(field: field, path: raw, statedMD5: statedMD5, status: .found(found))
            }
        }
    }

    /// Files in the folder that nothing names are reported, so nothing a student put there
    /// vanishes without a word. A plain readdir walk: links are not followed, hidden files are
    /// skipped, and the walk stops after `maxFolderEntries` entries.
    func reportUnreferencedFiles() {
        var unreferenced: [String] = []
        var seen = 0
        var pending: [String] = [""]
        while let relativeFolder = pending.popLast(), seen <= limits.maxFolderEntries {
            let full = relativeFolder.isEmpty ? folder : absolute(relativeFolder)
            guard let directory = opendir(full) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                seen += 1
                if seen > limits.maxFolderEntries { break }
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let relative = relativeFolder.isEmpty ? name : relativeFolder + "/" + name
                var info = stat()
                guard lstat(absolute(relative), &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: pending.append(relative)
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
