import Diagnostics
import Foundation
import OutputFiles
import ReviewPacket

/// How a batch runs.
public struct BatchOptions: Sendable {
    public var outDirectory: URL
    /// Worker threads (each renders one applicant at a time).
    public var jobs: Int
    public var shard: Shard
    /// A shard was asked for (even `0/1`): the report is then `report-<I>-of-<N>.json`, the name a
    /// script running `--shard $I/$N` expects whatever N is.
    public var isSharded: Bool
    /// Skip applicants whose outputs exist and whose recorded input digest is unchanged.
    public var resume: Bool
    /// `batch --dry-run` and `check <root>`: every applicant read, assembled and prepared as a render
    /// would (attachments decoded, text checked against the fonts), nothing written.
    public var dryRun: Bool

    /// `shard` nil: the whole batch, reported in `report.json`.
    public init(outDirectory: URL, jobs: Int, shard: Shard? = nil, resume: Bool = false, dryRun: Bool = false) {
        self.outDirectory = outDirectory
        self.jobs = max(1, jobs)
        self.shard = shard ?? .whole
        self.isSharded = shard != nil
        self.resume = resume
        self.dryRun = dryRun
    }

    /// `report.json`, or `report-<I>-of-<N>.json` for a shard: shards sharing one `--out` must not
    /// overwrite each other's report.
    public var reportFileName: String {
        isSharded ? "report-\(shard.index)-of-\(shard.count).json" : "report.json"
    }
}

/// One applicant's line of the report.
public struct BatchOutcome: Sendable {
    public enum Status: String, Sendable {
        /// Written, nothing to report.
        case ok
        /// Written, with warnings.
        case warnings
        /// Written, but a file of the record could not be read (its item shows 「無法讀取」).
        case errors
        /// No packet.
        case failed
        /// `--resume`: the outputs exist and the input digest is unchanged.
        case skipped
    }

    public var applicant: BatchApplicant
    public var status: Status
    public var pageCount: Int?
    public var pdfBytes: Int?
    public var xmlBytes: Int?
    public var elapsed: Duration
    public var timings: PhaseTimings
    public var diagnostics: [Diagnostic]
    /// The profile the packet was assembled by (its file name, or `builtin:…`), once it was loaded.
    public var profile: String?
    /// The roster's view of the packet, once it was assembled.
    public var rosterLine: RosterLine?
    /// Why the applicant failed, when no diagnostic says it (a write error, a bug).
    public var failure: BatchFailure?
    /// The packet was made but could not be written (permissions, full disk, a file where a
    /// folder should be): not the applicant's data, so the run exits 73, not 65.
    public var outputUnwritable: Bool {
        if case .outputUnwritable = failure { return true }
        return false
    }
}

/// Why one applicant of a batch has no packet when no diagnostic of the data says it.
public enum BatchFailure: Sendable, Equatable {
    case folderNotFound(path: String)
    /// The packet was made and could not be written.
    case outputUnwritable(path: String, reason: OutputProblem)
    /// A bug.
    case internalError(String)

    /// One sentence in the reader's language (the report and the console).
    public func message(_ language: MessageLanguage) -> String {
        let english = language == .english
        switch self {
        case .folderNotFound(let path):
            return english ? "folder \"\(path)\" not found" : "找不到資料夾「\(path)」"
        case .outputUnwritable(let path, let reason):
            return english
                ? "cannot write \"\(path)\": \(reason.english)" : "無法寫入「\(path)」：\(reason.chinese)"
        case .internalError(let message):
            return english ? "internal error: \(message)" : "內部錯誤（程式的問題，請回報；以下為給開發者的說明）：\(message)"
        }
    }
}

/// Set from a signal handler; workers look at it before taking the next applicant, so a stop
/// finishes the packets in flight and starts no more.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false

    public init() {}

    public func request() {
        lock.lock()
        requested = true
        lock.unlock()
    }

    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }
}

/// What a batch did, in order of department and number.
public struct BatchResult: Sendable {
    public var outcomes: [BatchOutcome]
    /// Applicants of the shard that were never started because a stop was requested.
    public var notStarted: Int
    public var wallTime: Duration
    /// Font faces prepared for subsetting by the end (each costs memory once; see FontProgramCache).
    public var preparedFontFaces: Int = 0

    public var interrupted: Bool { notStarted > 0 }
    public var anyOutputUnwritable: Bool { outcomes.contains(where: \.outputUnwritable) }
    public var anyFailedOrErrors: Bool { outcomes.contains { $0.status == .failed || $0.status == .errors } }
}

/// Renders the applicants of a plan on `jobs` threads. One applicant's bad data, unreadable
/// attachment or thrown error fails that applicant only; every file is written atomically (the PDF
/// first, the XML last, so an XML whose digest matches always has its PDF beside it).
public struct BatchRunner: Sendable {
    public let exporter: PacketExporter
    public let options: BatchOptions

    public init(exporter: PacketExporter, options: BatchOptions) {
        self.exporter = exporter
        self.options = options
    }

    /// Runs the plan. `progress` is called once per finished applicant, from the worker thread,
    /// one call at a time, with the count done so far and the count to do.
    /// `profiles`: those `loadProfiles` gave, by department; a department without one has its
    /// profile loaded when first needed.
    public func run(
        _ plan: BatchPlan, profiles preloaded: [String: (Profile, [Diagnostic])] = [:], stop: StopRequest = StopRequest(),
        progress: @escaping @Sendable (BatchOutcome, _ done: Int, _ total: Int) -> Void = { _, _, _ in }
    ) -> BatchResult {
        let start = ContinuousClock.now
        let selected = plan.applicants.filter { options.shard.contains($0) }
        if !options.dryRun { removeStaleTemporaries(of: selected) }
        let state = SharedState(applicants: selected)
        let profiles = ProfileCache(rules: exporter.rules, preloaded: preloaded)
        let group = DispatchGroup()
        for _ in 0..<min(options.jobs, max(1, selected.count)) {
            group.enter()
            // Our own threads, with stacks as large as the main thread's: the parsers recurse up to
            // their depth limits, and a pool thread's default stack is smaller on some systems.
            let thread = Thread {
                while let applicant = state.next(unless: stop) {
                    let outcome = render(applicant, plan: plan, profiles: profiles)
                    state.finish(outcome, progress: progress)
                }
                group.leave()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        return BatchResult(
            outcomes: state.outcomes.sorted { $0.applicant < $1.applicant }, notStarted: state.remaining,
            wallTime: ContinuousClock.now - start, preparedFontFaces: exporter.writer.cache.preparedFaceCount)
    }

    func outputURL(_ applicant: BatchApplicant, extension ext: String) -> URL {
        options.outDirectory.appendingPathComponent(applicant.department)
            .appendingPathComponent(applicant.number + "." + ext)
    }

    /// One applicant, start to finish. Never throws: every failure becomes its outcome.
    func render(_ applicant: BatchApplicant, plan: BatchPlan, profiles: ProfileCache) -> BatchOutcome {
        let start = ContinuousClock.now
        var timings = PhaseTimings()
        var outcome = BatchOutcome(
            applicant: applicant, status: .failed, elapsed: .zero, timings: timings, diagnostics: [], profile: nil, rosterLine: nil)
        func finished(_ result: BatchOutcome) -> BatchOutcome {
            var result = result
            result.elapsed = ContinuousClock.now - start
            result.timings = timings
            return result
        }

        let pdfURL = outputURL(applicant, extension: "pdf")
        let xmlURL = outputURL(applicant, extension: "xml")

        let profile: Profile
        let profileDiagnostics: [Diagnostic]
        switch profiles.profile(for: applicant.department, plan: plan) {
        case .success(let loaded): (profile, profileDiagnostics) = loaded
        case .failure(let error):
            outcome.diagnostics = error.diagnostics
            return finished(outcome)
        }
        outcome.profile = profile.source

        let folder = plan.folder(of: applicant)
        let packet: ReviewPacket
        do {
            packet = try exporter.assemble(
                folder: folder, profile: profile, profileDiagnostics: profileDiagnostics, timings: &timings)
        } catch {
            outcome.record(error)
            return finished(outcome)
        }

        outcome.rosterLine = RosterLine(packet: packet)
        if options.dryRun {
            do {
                outcome.diagnostics = try exporter.prepare(packet).packet.diagnostics
            } catch {
                outcome.diagnostics = packet.diagnostics
                outcome.record(error)
                return finished(outcome)
            }
            let errors = outcome.diagnostics.contains { $0.severity == .error }
            outcome.status = errors ? .errors : (outcome.diagnostics.isEmpty ? .ok : .warnings)
            return finished(outcome)
        }

        if options.resume, let sizes = unchangedOutputs(pdf: pdfURL, xml: xmlURL, digest: packet.meta.inputDigest) {
            outcome.status = .skipped
            outcome.pdfBytes = sizes.pdf
            outcome.xmlBytes = sizes.xml
            outcome.diagnostics = packet.diagnostics
            return finished(outcome)
        }

        let exported: ExportedPacket
        do {
            exported = try exporter.export(packet, timings: &timings)
        } catch {
            outcome.diagnostics = packet.diagnostics
            outcome.record(error)
            return finished(outcome)
        }

        outcome.diagnostics = exported.diagnostics
        do {
            try exported.write(pdf: pdfURL, xml: xmlURL)
        } catch {
            outcome.failure = .outputUnwritable(path: error.path, reason: error.reason)
            return finished(outcome)
        }
        outcome.pageCount = exported.pageCount
        outcome.pdfBytes = exported.pdf.count
        outcome.xmlBytes = exported.xml.count
        outcome.status = exported.errorCount > 0 ? .errors : (exported.diagnostics.isEmpty ? .ok : .warnings)
        return finished(outcome)
    }

    /// The sizes of both outputs when they exist and the XML records `digest`; nil otherwise.
    func unchangedOutputs(pdf: URL, xml: URL, digest: String) -> (pdf: Int, xml: Int)? {
        let manager = FileManager.default
        guard let pdfSize = (try? manager.attributesOfItem(atPath: pdf.path))?[.size] as? Int, pdfSize > 0,
            let handle = FileHandle(forReadingAtPath: xml.path)
        else { return nil }
        defer { try? handle.close() }
        // The digest sits in the meta block at the top; the first 64 KiB always hold it.
        guard let head = try? handle.read(upToCount: 64 << 10),
            recordedDigest(inXMLHead: [UInt8](head)) == digest,
            let xmlSize = (try? manager.attributesOfItem(atPath: xml.path))?[.size] as? Int
        else { return nil }
        return (pdfSize, xmlSize)
    }

    /// A run killed while writing may leave a hidden temporary file beside an output. Each output
    /// folder is listed once, before any worker starts, and only this run's applicants' temporaries
    /// are removed: another shard may be writing its own into the same folder.
    func removeStaleTemporaries(of applicants: [BatchApplicant]) {
        let manager = FileManager.default
        for (department, members) in Dictionary(grouping: applicants, by: \.department) {
            let folder = options.outDirectory.appendingPathComponent(department)
            guard let entries = try? manager.contentsOfDirectory(atPath: folder.path) else { continue }
            let prefixes = Set(
                members.flatMap { applicant in
                    ["pdf", "xml"].map { AtomicFile.temporaryNamePrefix(for: outputURL(applicant, extension: $0)) }
                })
            for entry in entries where entry.hasPrefix(".") {
                // `.<name>.tmp-<pid>-<suffix>`: the prefix ends at "tmp-".
                guard let end = entry.range(of: ".tmp-")?.upperBound, prefixes.contains(String(entry[..<end])) else {
                    continue
                }
                try? manager.removeItem(at: folder.appendingPathComponent(entry))
            }
        }
    }
}

extension BatchOutcome {
    /// Why no packet was made, as the report shows it.
    mutating func record(_ failure: ExportFailure) {
        switch failure {
        case .folderNotFound(let path): self.failure = .folderNotFound(path: path)
        case .unusableInput(_, let diagnostics): self.diagnostics = diagnostics
        case .internalError(let message): self.failure = .internalError(message)
        }
    }
}

/// The text of `<inputDigest>` in the first bytes of a packet XML, or nil.
func recordedDigest(inXMLHead bytes: [UInt8]) -> String? {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let open = text.range(of: "<inputDigest>"),
        let close = text.range(of: "</inputDigest>", range: open.upperBound..<text.endIndex)
    else { return nil }
    return String(text[open.upperBound..<close.lowerBound])
}

/// The queue of applicants and the outcomes, shared by the workers under one lock.
private final class SharedState: @unchecked Sendable {
    private let lock = NSLock()
    private let applicants: [BatchApplicant]
    private var nextIndex = 0
    private var done = 0
    private(set) var outcomes: [BatchOutcome] = []

    init(applicants: [BatchApplicant]) {
        self.applicants = applicants
        outcomes.reserveCapacity(applicants.count)
    }

    func next(unless stop: StopRequest) -> BatchApplicant? {
        guard !stop.isRequested else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < applicants.count else { return nil }
        nextIndex += 1
        return applicants[nextIndex - 1]
    }

    func finish(_ outcome: BatchOutcome, progress: (BatchOutcome, Int, Int) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        // Only the summary is kept: the packet's bytes are gone once written.
        outcomes.append(outcome)
        done += 1
        progress(outcome, done, applicants.count)
    }

    var remaining: Int {
        lock.lock()
        defer { lock.unlock() }
        return applicants.count - nextIndex
    }
}

extension BatchRunner {
    /// Every department's profile, loaded before anything is rendered: a batch with a department
    /// whose profile is missing or invalid renders nothing (there is no default to fall back on),
    /// and the failures list every such department at once.
    public static func loadProfiles(
        of plan: BatchPlan, rules: RuleBook
    ) -> (profiles: [String: (Profile, [Diagnostic])], failures: [(department: String, failure: SessionFailure)]) {
        var profiles: [String: (Profile, [Diagnostic])] = [:]
        var failures: [(String, SessionFailure)] = []
        for department in plan.departments {
            switch Profiles.resolve(path: plan.profilePath(department: department), rules: rules) {
            case .success(let loaded): profiles[department] = loaded
            case .failure(let failure): failures.append((department, failure))
            }
        }
        return (profiles, failures)
    }
}

/// Each department's profile, loaded the first time one of its applicants needs it.
final class ProfileCache: @unchecked Sendable {
    private let lock = NSLock()
    private let rules: RuleBook
    private var loaded: [String: Result<(Profile, [Diagnostic]), SessionFailure>] = [:]

    init(rules: RuleBook, preloaded: [String: (Profile, [Diagnostic])] = [:]) {
        self.rules = rules
        loaded = preloaded.mapValues { .success($0) }
    }

    func profile(for department: String, plan: BatchPlan) -> Result<(Profile, [Diagnostic]), SessionFailure> {
        lock.lock()
        defer { lock.unlock() }
        if let known = loaded[department] { return known }
        let result = Profiles.resolve(path: plan.profilePath(department: department), rules: rules)
        loaded[department] = result
        return result
    }
}
