import Diagnostics
import Foundation
import InstalledData
import OutputFiles
import PDFWriter
import PacketLayout
import PacketXML
import PortfolioRecord
import ReviewPacket
import Typesetting

/// Why a command could not do what it was asked, for one applicant or at all. The command line
/// turns it into lines (`lines(_:)`) and an exit status (`ExitStatus.of(_:)`).
public enum SessionFailure: Error, Sendable {
    /// The tool's own data cannot be read: a broken installation, not the input.
    case toolDataUnreadable(ToolData, detail: String)
    /// A font of the configuration is not installed (the error names it and its Debian package).
    case fontsUnavailable(FontError)
    /// The applicant folder (or batch root) does not exist or is not a folder.
    case folderNotFound(path: String)
    /// The profile cannot be used. `missing`: it does not exist or cannot be read (66); otherwise
    /// it is there and invalid (65).
    case profileUnusable(Diagnostic, missing: Bool)
    /// No packet could be made of the folder (`_基本資料.json` missing or unreadable …).
    case unusableInput(applicantNumber: String, diagnostics: [Diagnostic])
    /// An output cannot be written (permissions, full disk, a file where a folder should be).
    case outputUnwritable(path: String, reason: OutputProblem)
    /// The tick list cannot be used. `missing`: it does not exist or cannot be read (66); otherwise
    /// it is there and invalid, or for another department (65).
    case tickListUnusable(Diagnostic, missing: Bool)
    /// A bug: nothing an input can cause.
    case internalError(String)
    /// A rule table or layout of `Templates/` does not decode: a broken installation. The
    /// diagnostic names the file and the key.
    case templateInvalid(Diagnostic)
    /// The tool's data folder (rule tables, layouts, XSD, font configuration) is not where the
    /// executable expects it: a broken installation.
    case dataFolderMissing(DataFolderMissing)

    /// The tool data read whole (rule tables and layouts decode by key: `templateInvalid`).
    public enum ToolData: Sendable {
        case schema
    }

    init(_ failure: PacketTypesetter.TypesetError) {
        switch failure {
        case .layoutUnreadable(let error): self = .templateInvalid(error.diagnostic)
        }
    }

    public init(_ failure: ExportFailure) {
        switch failure {
        case .folderNotFound(let path): self = .folderNotFound(path: path)
        case .unusableInput(let number, let diagnostics): self = .unusableInput(applicantNumber: number, diagnostics: diagnostics)
        case .internalError(let message): self = .internalError(message)
        }
    }

    /// The diagnostics behind the failure, for machine-readable output (`check --json`).
    public var diagnostics: [Diagnostic] {
        switch self {
        case .profileUnusable(let diagnostic, _), .tickListUnusable(let diagnostic, _): [diagnostic]
        case .unusableInput(_, let diagnostics): diagnostics
        default: []
        }
    }

    /// What to tell the user, in their language.
    public func lines(_ language: MessageLanguage) -> [String] {
        func say(_ chinese: String, _ english: String) -> String { language == .english ? english : chinese }
        switch self {
        case .toolDataUnreadable(let what, let detail):
            let (zh, en) =
                switch what {
                case .schema: ("XSD", "the XSD")
                }
            return [say("內部錯誤：無法載入\(zh)（\(detail)）", "internal error: cannot load \(en) (\(detail))")]
        case .fontsUnavailable(let error):
            return [say("缺少字型：\(error.chineseDescription)", "fonts missing: \(error)")]
        case .folderNotFound(let path):
            return [say("找不到申請生資料夾「\(path)」", "applicant folder \"\(path)\" does not exist")]
        case .profileUnusable(let diagnostic, _), .tickListUnusable(let diagnostic, _):
            return [diagnostic.line(language)]
        case .unusableInput(let number, let diagnostics):
            return [say("\(number)：無法產生備審資料", "\(number): no packet can be made")]
                + diagnostics.map { "  " + $0.line(language) }
        case .outputUnwritable(let path, let reason):
            return [say("無法寫入輸出「\(path)」：\(reason.chinese)", "cannot write the output \"\(path)\": \(reason.english)")]
        case .internalError(let message):
            return [say("內部錯誤（程式的問題，請回報；以下為給開發者的說明）：\(message)", "internal error (a bug: please report it): \(message)")]
        case .templateInvalid(let diagnostic):
            return [diagnostic.line(language)]
        case .dataFolderMissing(let missing):
            return [say(missing.chineseDescription, missing.englishDescription)]
        }
    }
}

/// The exit statuses of the command line (sysexits), and the one mapping from what happened to them.
public enum ExitStatus {
    public static let ok: Int32 = 0
    public static let usage: Int32 = 64
    /// Input data error: no packet, or a packet made with errors.
    public static let dataError: Int32 = 65
    /// The input path, a named profile, or a department's profile does not exist or cannot be read.
    public static let noInput: Int32 = 66
    /// A font the packet needs is not installed (EX_UNAVAILABLE): the machine lacks a package.
    public static let fontsUnavailable: Int32 = 69
    /// A bug.
    public static let internalError: Int32 = 70
    /// An output cannot be written (EX_CANTCREAT).
    public static let cannotCreateOutput: Int32 = 73
    /// 128 + SIGINT, as shells report a run stopped by Ctrl-C.
    public static let interrupted: Int32 = 130

    public static func of(_ failure: SessionFailure) -> Int32 {
        switch failure {
        case .toolDataUnreadable, .internalError, .templateInvalid, .dataFolderMissing: internalError
        case .fontsUnavailable: fontsUnavailable
        case .folderNotFound: noInput
        case .profileUnusable(_, let missing), .tickListUnusable(_, let missing): missing ? noInput : dataError
        case .unusableInput: dataError
        case .outputUnwritable: cannotCreateOutput
        }
    }

    /// A packet made: 65 when any diagnostic is an error.
    public static func of(_ diagnostics: [Diagnostic]) -> Int32 {
        diagnostics.contains { $0.severity == .error } ? dataError : ok
    }

    /// A batch: interrupted, then outputs that could not be written (the operator must fix the disk
    /// or folder first), then data errors.
    public static func of(_ result: BatchResult) -> Int32 {
        if result.interrupted { return interrupted }
        if result.anyOutputUnwritable { return cannotCreateOutput }
        return result.anyFailedOrErrors ? dataError : ok
    }
}

/// Which profile a packet is assembled by.
public enum Profiles {
    /// `<root>/profiles/<校系代碼>.json` for `<root>/<校系代碼>/<應試號碼>/`.
    public static func departmentPath(for folder: URL) -> String {
        let department = folder.standardizedFileURL.deletingLastPathComponent()
        return BatchPlan.profilePath(
            root: department.deletingLastPathComponent(), department: department.lastPathComponent)
    }

    /// The profile at `path`, or the built-in one it names (`builtin:申請入學`). No silent default:
    /// a missing file is a failure naming it.
    public static func resolve(path: String, rules: RuleBook) -> Result<(Profile, [Diagnostic]), SessionFailure> {
        if path.hasPrefix(Profile.builtInPrefix) {
            let name = String(path.dropFirst(Profile.builtInPrefix.count))
            guard let profile = Profile.builtIn(channelName: name, rules: rules) else {
                let known = rules.years[rules.newestYear]?.channelNames ?? []
                return .failure(
                    .profileUnusable(
                        .error(.profileInvalid(reason: .unknownChannel(name + "（內建：" + known.joined(separator: "、") + "）")), file: path),
                        missing: true))
            }
            return .success((profile, []))
        }
        do {
            return .success(try ProfileLoader.load(path: path, rules: rules))
        } catch {
            return .failure(.profileUnusable(error.diagnostic, missing: error.isMissing))
        }
    }
}

/// A packet as `check` sees it: assembled, with the typesetting warnings when fonts could be loaded.
public struct CheckedPacket: Sendable {
    public var packet: ReviewPacket
    /// False when no font could be loaded: characters no font has were not looked for.
    public var glyphsChecked: Bool
    /// Why no font could be loaded (the faces missing and their Debian packages).
    public var fontProblem: FontError? = nil
    /// `check --items`: every item of the whole record with its key (before any tick list narrows it).
    public var recordItems: [RecordItem]?
}

/// `check --items` with no profile to go by (none named, and no `<root>/profiles/<校系代碼>.json`): the
/// record's items and keys, without review items, and what reading the record (and the tick list's
/// keys) found.
public struct RecordListing: Sendable {
    public var applicantNumber: String
    public var items: [RecordItem]
    public var tickList: TickListInfo?
    public var diagnostics: [Diagnostic]
}

/// What `check` made: a packet by its profile, or with `--items` and no profile the record's listing.
public enum CheckResult: Sendable {
    case packet(CheckedPacket)
    case listing(RecordListing)
}

/// A packet `render` wrote.
public struct RenderedPacket: Sendable {
    public var applicantNumber: String
    public var pdf: URL
    public var xml: URL
    public var diagnostics: [Diagnostic]
    /// Pages of the PDF (`serve` draws each on demand).
    public var pageCount: Int = 0
}

/// One applicant as `check` and `render` run it: the profile resolved, the folder read and
/// assembled, and for `render` the packet made in memory and written (the batch runner does the
/// same per applicant, with its profiles loaded once per department).
public struct ApplicantSession: Sendable {
    public let rules: RuleBook
    public let toolVersion: String

    public init(rules: RuleBook, toolVersion: String) {
        self.rules = rules
        self.toolVersion = toolVersion
    }

    /// The rule tables of every 招生學年度 shipped with the tool. Every command starts here, so a
    /// missing data folder is reported here, before anything else is read.
    public static func loadRules() throws(SessionFailure) -> RuleBook {
        if case .failure(let missing) = DataFolder.current { throw .dataFolderMissing(missing) }
        do {
            return try RuleBook.load()
        } catch {
            throw .templateInvalid(error.diagnostic)
        }
    }

    /// Everything a render or a batch loads once: fonts, layouts, the compiled XSD. A batch also
    /// prepares the font faces it uses often for subsetting; a single render would spend more on
    /// that than it saves.
    public static func makeExporter(
        rules: RuleBook, toolVersion: String, fontConfigurationPath: String,
        fontPreparation: FontProgramCache.Preparation, creationDate: Date
    ) throws(SessionFailure) -> PacketExporter {
        let schema: PacketSchema
        do {
            schema = try PacketSchema()
        } catch {
            throw .toolDataUnreadable(.schema, detail: error.redactedDescription)
        }
        let fonts: FontSet
        do {
            fonts = try FontSet.load(configurationAt: fontConfigurationPath)
        } catch {
            throw .fontsUnavailable(error)
        }
        let typesetter: PacketTypesetter
        do {
            typesetter = try PacketTypesetter.preloadingLayouts(fonts: fonts)
        } catch {
            throw SessionFailure(error)
        }
        return PacketExporter(
            rules: rules, typesetter: typesetter, writer: PDFWriter(cache: FontProgramCache(preparation: fontPreparation)),
            schema: schema, toolVersion: toolVersion, creationDate: creationDate)
    }

    /// Reads the folder and assembles it by its profile: the one named, else the department's. With a
    /// student's tick list (`--selection`), only what it ticks.
    public func assemble(folder: URL, profilePath: String?, tickListPath: String? = nil) throws(SessionFailure)
        -> ReviewPacket
    {
        try assembled(folder: folder, profilePath: profilePath, tickListPath: tickListPath, listingItems: false).packet
    }

    /// The packet, and with `listingItems` every item of the whole record with its key.
    func assembled(folder: URL, profilePath: String?, tickListPath: String?, listingItems: Bool)
        throws(SessionFailure) -> (packet: ReviewPacket, recordItems: [RecordItem]?)
    {
        guard BatchPlan.isDirectory(folder) else { throw .folderNotFound(path: folder.path) }
        let (profile, profileDiagnostics) = try Profiles.resolve(
            path: profilePath ?? Profiles.departmentPath(for: folder), rules: rules
        ).get()
        let tickList = try Self.tickList(at: tickListPath, checkedAgainst: profile)
        var timings = PhaseTimings()
        let record = try Self.record(at: folder, timings: &timings)
        // Profile diagnostics are added here, not by the reader, so that a folder with no packet
        // reports only why none could be made.
        let packet = PacketExporter.assemble(
            record, profile: profile, tickList: tickList, profileDiagnostics: profileDiagnostics, rules: rules,
            toolVersion: toolVersion, timings: &timings)
        let items =
            listingItems
            ? PacketAssembler(rules: rules, toolVersion: toolVersion).recordItems(record, profile: profile, tickList: tickList)
            : nil
        return (packet, items)
    }

    /// The tick list named (nil when none), checked against the profile when there is one.
    static func tickList(at path: String?, checkedAgainst profile: Profile?) throws(SessionFailure) -> TickList? {
        guard let path else { return nil }
        do {
            let loaded = try TickListLoader.load(path: path)
            if let profile { try loaded.check(against: profile) }
            return loaded
        } catch {
            throw .tickListUnusable(error.diagnostic, missing: error.isMissing)
        }
    }

    static func record(at folder: URL, timings: inout PhaseTimings) throws(SessionFailure) -> ApplicantRecord {
        do {
            return try PacketExporter.read(folder: folder, timings: &timings)
        } catch {
            throw SessionFailure(error)
        }
    }

    /// `check`: the packet assembled and prepared as `render` prepares it (attachments decoded, the
    /// text checked against the fonts), neither laid out nor written, so that what a student can fix
    /// in the files and the text (characters no font has, Kangxi radicals) is known too. Without
    /// fonts the check is incomplete, and says so. `listingItems` (`--items`) lists every item of the
    /// whole record with its key, the review item it goes to, and whether the tick list takes it.
    public func check(
        folder: URL, profilePath: String?, tickListPath: String? = nil, listingItems: Bool = false,
        fontConfigurationPath: String
    ) throws(SessionFailure) -> CheckedPacket {
        var (packet, items) = try assembled(
            folder: folder, profilePath: profilePath, tickListPath: tickListPath, listingItems: listingItems)
        let fonts: FontSet
        do {
            fonts = try FontSet.load(configurationAt: fontConfigurationPath)
        } catch {
            return CheckedPacket(packet: packet, glyphsChecked: false, fontProblem: error, recordItems: items)
        }
        do {
            packet = try PacketExporter.prepare(packet, typesetter: PacketTypesetter(fonts: fonts)).packet
        } catch {
            throw SessionFailure(error)
        }
        return CheckedPacket(packet: packet, glyphsChecked: true, recordItems: items)
    }

    /// `check`, and `check --items` without a profile to go by: the whole record's items are listed
    /// with their keys and without review items, since no department says where they go (a student
    /// listing their keys before choosing departments). A tick list then marks what it ticks; its
    /// keys are checked against the record, not its 校系代碼 against a profile.
    public func checkOrList(
        folder: URL, profilePath: String?, tickListPath: String?, listingItems: Bool, fontConfigurationPath: String
    ) throws(SessionFailure) -> CheckResult {
        guard listingItems, profilePath == nil, BatchPlan.isDirectory(folder),
            !FileManager.default.fileExists(atPath: Profiles.departmentPath(for: folder))
        else {
            return .packet(
                try check(
                    folder: folder, profilePath: profilePath, tickListPath: tickListPath, listingItems: listingItems,
                    fontConfigurationPath: fontConfigurationPath))
        }
        let tickList = try Self.tickList(at: tickListPath, checkedAgainst: nil)
        var timings = PhaseTimings()
        let record = try Self.record(at: folder, timings: &timings)
        let items = PacketAssembler(rules: rules, toolVersion: toolVersion).recordItems(
            record, profile: nil, tickList: tickList)
        let tickDiagnostics = tickList.map { $0.apply(to: record).diagnostics } ?? []
        return .listing(
            RecordListing(
                applicantNumber: record.applicantNumber, items: items,
                tickList: tickList.map { TickListInfo(source: $0.source, mode: $0.mode) },
                diagnostics: tickDiagnostics + record.diagnostics))
    }

    /// `render`: the packet made in memory (nothing is written unless both files are made), then the
    /// PDF and the XML written atomically into `outDirectory`, the PDF first. A preview is written
    /// as `<應試號碼>.preview.pdf` and `.preview.xml`, never under the final names. With a tick list the
    /// packet holds exactly the ticked items, and is written even when the tick list has errors.
    public func render(
        folder: URL, profilePath: String?, tickListPath: String? = nil, exporter: PacketExporter, outDirectory: URL,
        preview: Bool
    ) throws(SessionFailure) -> RenderedPacket {
        let packet = try assemble(folder: folder, profilePath: profilePath, tickListPath: tickListPath)
        var timings = PhaseTimings()
        let exported: ExportedPacket
        do {
            exported = try exporter.export(packet, preview: preview, timings: &timings)
        } catch {
            throw SessionFailure(error)
        }
        let number = packet.applicant.applicantNumber
        let stem = preview ? number + ".preview" : number
        let pdf = outDirectory.appendingPathComponent(stem + ".pdf")
        let xml = outDirectory.appendingPathComponent(stem + ".xml")
        do {
            try exported.write(pdf: pdf, xml: xml)
        } catch {
            throw .outputUnwritable(path: error.path, reason: error.reason)
        }
        return RenderedPacket(
            applicantNumber: number, pdf: pdf, xml: xml, diagnostics: exported.diagnostics, pageCount: exported.pageCount)
    }
}
