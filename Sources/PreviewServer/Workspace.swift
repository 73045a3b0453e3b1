import Diagnostics
import Foundation
import OutputFiles
import PacketExport
import PortfolioRecord
import ReviewPacket

/// One department added to the workspace: its profile, where it came from (a file of the profiles
/// folder or `builtin:<管道>`), and the tick list last read from or saved to `勾選/<校系代碼>.json`.
public struct Department: Sendable {
    public var profilePath: String
    public var profile: Profile
    public var code: String { profile.departmentCode }
}

/// A department's tick list as the page shows it: what is ticked, how, and what reading the file
/// said when it could not be used.
public struct TickState: Sendable {
    public var mode: SubmissionMode
    public var outcomes: [String]
    public var performances: [String]
    /// The file, when there is one.
    public var path: String?
    /// Why the file could not be read (the page starts from nothing ticked then).
    public var problem: Diagnostic?

    public var ticked: Set<ItemKey> { Set((outcomes + performances).map(ItemKey.init)) }
}

/// Why the workspace refused a request; each case carries what the page's message needs.
/// Failures of the session are kept whole, so that the page says them in its own language.
public enum WorkspaceRefusal: Error, Sendable {
    case noRecord
    case recordUnusable(SessionFailure)
    /// A profile not offered (the path), or one that cannot be used.
    case profileNotOffered(String)
    case profileUnusable(SessionFailure)
    case unknownDepartment(String)
    case departmentAlreadyAdded(String)
    /// A tick over a cap: the cap's key, its limit, and the number ticked.
    case overCap(scope: String, limit: Int, count: Int)
    case unknownKey(String)
    case wrongList(key: String, list: String)
    case uncertified(String)
    case ticksWithUpload
    case notTickable(String)
    case writeFailed(String)
    case renderFailed(SessionFailure)
    case archive(ArchiveRefusal)
}

/// A rendered preview: the files in the private folder, the one list of diagnostics, and how long
/// it took.
public struct Preview: Sendable {
    public var pdf: URL
    public var pageCount: Int
    public var diagnostics: [Diagnostic]
    public var tickList: TickState
    public var renderSeconds: Double
}

/// The state of one `serve` session: the record opened (read once through the reader, with its
/// containment), the departments added, and the previews rendered. Everything it writes is either
/// the tick list in the record's own `勾選/` folder (atomically, as `render --selection` reads it)
/// or inside the private folder.
public actor Workspace {
    public let session: ApplicantSession
    let exporter: PacketExporter
    public let profilesFolder: URL?
    let scratch: PrivateFolder
    let rasterizer: Rasterizer
    let archiveLimits: ArchiveLimits

    public private(set) var recordFolder: URL?
    public private(set) var record: ApplicantRecord?
    public private(set) var departments: [Department] = []
    private var uploads = 0
    private var firstPageThumbnails: [String: [UInt8]] = [:]
    /// The last preview of each department, whose files the PDF and page routes serve.
    public private(set) var previews: [String: Preview] = [:]

    public init(
        session: ApplicantSession, exporter: PacketExporter, profilesFolder: URL?, scratch: PrivateFolder,
        rasterizer: Rasterizer = Rasterizer(), archiveLimits: ArchiveLimits = ArchiveLimits()
    ) {
        self.session = session
        self.exporter = exporter
        self.profilesFolder = profilesFolder
        self.scratch = scratch
        self.rasterizer = rasterizer
        self.archiveLimits = archiveLimits
    }

    /// The profiles folder of a record at `<root>/<any>/<應試號碼>/`: `<root>/profiles`, as
    /// `render` looks for a department's profile; nil when there is none.
    public static func defaultProfilesFolder(for record: URL) -> URL? {
        let folder = record.standardizedFileURL.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("profiles", isDirectory: true)
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) && isFolder.boolValue ? folder : nil
    }

    // MARK: Record

    /// Opens a record folder: read through the reader (every file inside it, each opened once), and
    /// every department whose tick list is in its `勾選/` folder added when its profile is found.
    public func open(folder: URL) throws(WorkspaceRefusal) {
        var timings = PhaseTimings()
        let record: ApplicantRecord
        do {
            record = try PacketExporter.read(folder: folder, timings: &timings)
        } catch {
            throw .recordUnusable(SessionFailure(error))
        }
        recordFolder = folder.standardizedFileURL
        self.record = record
        firstPageThumbnails = [:]
        previews = [:]
        departments = []
        for code in savedTickListCodes() {
            guard let path = profileFile(code: code) else { continue }
            try? addDepartment(profilePath: path)
        }
    }

    /// Re-reads the record and every department's tick list from disk (hand edits included).
    public func reload() throws(WorkspaceRefusal) {
        guard let folder = recordFolder else { throw .noRecord }
        let kept = departments.map(\.profilePath)
        try open(folder: folder)
        for path in kept where !departments.contains(where: { $0.profilePath == path }) {
            try? addDepartment(profilePath: path)
        }
    }

    /// Unpacks an uploaded zip of a record into a new private folder and opens it.
    public func openUpload(_ bytes: Data) throws(WorkspaceRefusal) {
        uploads += 1
        let folder: URL
        do {
            folder = try scratch.subfolder("upload-\(uploads)")
        } catch {
            throw .writeFailed("\(error)")
        }
        let record: URL
        do {
            record = try RecordArchive.unpack(bytes, into: folder, limits: archiveLimits)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw .archive(error)
        }
        try open(folder: record)
    }

    /// Every item of the record that a tick list can name, in reading order.
    public func recordItems() -> [RecordItem] {
        guard let record else { return [] }
        return PacketAssembler(rules: session.rules, toolVersion: session.toolVersion).recordItems(record, profile: nil)
    }

    /// A file the reader read (an attachment of a record, or a PDF of the folder), by its path in
    /// the folder. Only these are served: nothing else of the disk can be named.
    public func attachment(path: String) -> AttachmentFile? {
        guard let record else { return nil }
        var files: [AttachmentFile] = []
        for outcome in record.outcomes.value ?? [] { files += outcome.attachments.compactMap(\.file) }
        for performance in record.performances.value ?? [] { files += performance.attachments.compactMap(\.file) }
        files += [record.courseRecordPDF, record.sixthSemesterTranscript].compactMap { $0 }
        for document in record.selfWritten { if case .pdf(let file) = document.content { files.append(file) } }
        return files.first { $0.path == path }
    }

    /// A small picture of an attachment: the image itself, or a PDF's first page.
    public func thumbnail(path: String) -> (bytes: [UInt8], mediaType: String)? {
        guard let file = attachment(path: path) else { return nil }
        switch file.mediaType {
        case .png, .jpeg: return (file.bytes, file.mediaType.rawValue)
        case .pdf:
            if let cached = firstPageThumbnails[path] { return (cached, "image/png") }
            guard let folder = try? scratch.subfolder("thumbnails"),
                let png = rasterizer.firstPage(of: file.bytes, in: folder, width: 240)
            else { return nil }
            firstPageThumbnails[path] = png
            return (png, "image/png")
        default: return nil
        }
    }

    // MARK: Departments

    /// The profiles a department can be added from: the files of the profiles folder, then the
    /// built-in ones of the newest year.
    public func availableProfiles() -> [(path: String, title: String)] {
        var found: [(String, String)] = []
        if let profilesFolder {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: profilesFolder.path)) ?? [])
                .filter { $0.hasSuffix(".json") }.sorted()
            for name in names {
                let path = profilesFolder.appendingPathComponent(name).path
                if case .success((let profile, _)) = Profiles.resolve(path: path, rules: session.rules) {
                    found.append((path, "\(profile.departmentCode) \(profile.departmentName)（\(profile.channel.rawValue)）"))
                }
            }
        }
        for name in session.rules.years[session.rules.newestYear]?.channelNames ?? [] {
            found.append((Profile.builtInPrefix + name, Profile.builtInPrefix + name))
        }
        return found
    }

    /// Adds a department by a profile of `availableProfiles()` (no other path is taken).
    public func addDepartment(profilePath: String) throws(WorkspaceRefusal) {
        guard availableProfiles().contains(where: { $0.path == profilePath }) else {
            throw .profileNotOffered(profilePath)
        }
        let profile: Profile
        switch Profiles.resolve(path: profilePath, rules: session.rules) {
        case .success((let resolved, _)): profile = resolved
        case .failure(let failure): throw .profileUnusable(failure)
        }
        // The code names the tick list's file: nothing but letters and digits.
        guard !profile.departmentCode.isEmpty,
            profile.departmentCode.unicodeScalars.allSatisfy({ $0.isASCII && CharacterSet.alphanumerics.contains($0) })
        else { throw .profileNotOffered(profilePath) }
        guard !departments.contains(where: { $0.code == profile.departmentCode }) else {
            throw .departmentAlreadyAdded(profile.departmentCode)
        }
        departments.append(Department(profilePath: profilePath, profile: profile))
    }

    public func department(_ code: String) throws(WorkspaceRefusal) -> Department {
        guard let department = departments.first(where: { $0.code == code }) else { throw .unknownDepartment(code) }
        return department
    }

    /// The caps and windows of the department's rules for each item of the record.
    public func tickLimits(_ code: String) throws(WorkspaceRefusal) -> TickLimits {
        guard let record else { throw .noRecord }
        let department = try department(code)
        return PacketAssembler(rules: session.rules, toolVersion: session.toolVersion).tickLimits(
            record, profile: department.profile)
    }

    /// `勾選/<校系代碼>.json` of the record folder.
    func tickListURL(_ code: String) throws(WorkspaceRefusal) -> URL {
        guard let recordFolder else { throw .noRecord }
        return recordFolder.appendingPathComponent("勾選", isDirectory: true).appendingPathComponent(code + ".json")
    }

    /// The department's tick list as the file says now (read as `render --selection` reads it).
    public func tickState(_ code: String) throws(WorkspaceRefusal) -> TickState {
        let url = try tickListURL(code)
        guard FileManager.default.fileExists(atPath: url.path) else {
            return TickState(mode: .ticked, outcomes: [], performances: [], path: nil)
        }
        do {
            let list = try TickListLoader.load(path: url.path)
            return TickState(mode: list.mode, outcomes: list.outcomes, performances: list.performances, path: url.path)
        } catch {
            return TickState(
                mode: .ticked, outcomes: [], performances: [], path: url.path,
                problem: error.diagnostic)
        }
    }

    /// Checks a tick list as the central database would (never trusting the page): every key names
    /// an item of its list, only certified outcomes, nothing under 自行上傳, and no cap exceeded.
    public func check(_ code: String, mode: SubmissionMode, outcomes: [String], performances: [String])
        throws(WorkspaceRefusal)
    {
        let limits = try tickLimits(code)
        let items = Dictionary(recordItems().map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        if mode == .uploaded, !(outcomes.isEmpty && performances.isEmpty) { throw .ticksWithUpload }
        for (list, keys) in [(TickListName.outcomes, outcomes), (.performances, performances)] {
            for key in keys {
                guard let item = items[ItemKey(key)] else { throw .unknownKey(key) }
                guard item.list == list else { throw .wrongList(key: key, list: item.list.rawValue) }
                if let status = item.certification, status != ApplicantRecord.certified { throw .uncertified(key) }
            }
        }
        if let (cap, count) = limits.exceeded((outcomes + performances).map(ItemKey.init)).first {
            throw .overCap(scope: cap.scope, limit: cap.limit, count: count)
        }
    }

    /// Saves the tick list as `勾選/<校系代碼>.json`, atomically and 0600, in exactly the format
    /// `render --selection` reads; refused (nothing written) when `check` refuses it. Keys keep the
    /// record's order and appear once.
    public func save(_ code: String, mode: SubmissionMode, outcomes: [String], performances: [String])
        throws(WorkspaceRefusal) -> URL
    {
        func unique(_ keys: [String]) -> [String] {
            var seen: Set<String> = []
            let ticked = keys.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { seen.insert($0).inserted }
            let order = Dictionary(recordItems().enumerated().map { ($1.key.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
            return ticked.sorted { (order[$0] ?? .max) < (order[$1] ?? .max) }
        }
        let outcomes = unique(outcomes)
        let performances = unique(performances)
        try check(code, mode: mode, outcomes: outcomes, performances: performances)
        let url = try tickListURL(code)
        let text = TickListText.render(departmentCode: code, mode: mode, outcomes: outcomes, performances: performances)
        do {
            try OutputFolder.create(url.deletingLastPathComponent())
            try AtomicFile.write(Array(text.utf8), to: url)
        } catch {
            throw .writeFailed(error.description)
        }
        return url
    }

    // MARK: Preview

    /// The department's packet as reviewers will see it, made by `render --preview --selection`'s
    /// own session code from the saved tick list (none saved: the record as it is), then a PNG per
    /// page.
    public func preview(_ code: String) throws(WorkspaceRefusal) -> Preview {
        guard let recordFolder else { throw .noRecord }
        let department = try department(code)
        let state = try tickState(code)
        let out: URL
        do {
            out = try scratch.subfolder("preview-" + code)
        } catch {
            throw .writeFailed("\(error)")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let rendered: RenderedPacket
        do {
            rendered = try session.render(
                folder: recordFolder, profilePath: department.profilePath, tickListPath: state.path, exporter: exporter,
                outDirectory: out, preview: true)
        } catch {
            throw .renderFailed(error)
        }
        let rendering = clock.now - start
        // Pages are drawn when the browser asks for them (`page(_:of:)`): the preview is there as
        // soon as the packet is made.
        try? FileManager.default.removeItem(at: out.appendingPathComponent("pages", isDirectory: true))
        let preview = Preview(
            pdf: rendered.pdf, pageCount: rendered.pageCount, diagnostics: rendered.diagnostics, tickList: state,
            renderSeconds: rendering.milliseconds / 1000)
        previews[code] = preview
        return preview
    }

    /// Page `number` (1-based) of the department's last preview as PNG, drawn once.
    public func page(_ number: Int, of code: String) -> [UInt8]? {
        guard let preview = previews[code], (1...max(preview.pageCount, 1)).contains(number), preview.pageCount > 0 else {
            return nil
        }
        let folder = preview.pdf.deletingLastPathComponent().appendingPathComponent("pages", isDirectory: true)
        let png = folder.appendingPathComponent("page-\(number).png")
        if let data = FileManager.default.contents(atPath: png.path) { return Array(data) }
        return rasterizer.page(number, of: preview.pdf, into: folder, width: 300).map(Array.init)
    }

    // MARK: Helpers

    /// The 校系代碼 of the tick lists in the record's `勾選/` folder.
    func savedTickListCodes() -> [String] {
        guard let folder = recordFolder?.appendingPathComponent("勾選", isDirectory: true) else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The profiles folder's `<校系代碼>.json`, when there is one.
    func profileFile(code: String) -> String? {
        guard let profilesFolder else { return nil }
        let path = profilesFolder.appendingPathComponent(code + ".json").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}

extension AttachmentReference {
    /// The file read, when it was found.
    var file: AttachmentFile? {
        if case .found(let file) = status { return file }
        return nil
    }
}

/// A tick list's file as `TickListLoader` reads it (docs/input.md §6), keys in a fixed order.
enum TickListText {
    static func render(departmentCode: String, mode: SubmissionMode, outcomes: [String], performances: [String]) -> String {
        func list(_ keys: [String]) -> String {
            "[" + keys.map { JSONText.render(.string($0)) }.joined(separator: ", ") + "]"
        }
        return """
            {
              "校系代碼": \(JSONText.render(.string(departmentCode))),
              "方式": \(JSONText.render(.string(mode.rawValue))),
              "課程學習成果": \(list(outcomes)),
              "多元表現": \(list(performances))
            }

            """
    }
}
