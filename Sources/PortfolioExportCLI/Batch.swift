import ArgumentParser
import Diagnostics
import Dispatch
import Foundation
import OutputFiles
import PDFWriter
import PacketExport
import ReviewPacket

#if canImport(Glibc)
    import Glibc
#endif

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "產生一整批申請生的備審資料。Renders every <root>/<校系代碼>/<應試號碼>/ and writes report.json (report-<I>-of-<N>.json with --shard).",
        discussion: """
            --shard I/N 以「<校系代碼>/<應試號碼>」的 64 位元 FNV-1a 雜湊值除以 N 的餘數分組，只處理第 I 組；\
            N 台機器各跑 0/N … N-1/N 即不重不漏，各寫 report-<I>-of-<N>.json。Shard I of N takes the applicants \
            whose 64-bit FNV-1a hash of "<校系代碼>/<應試號碼>" is I modulo N and writes report-<I>-of-<N>.json.
            --shard auto/N 取 I 自 JOB_COMPLETION_INDEX（Kubernetes）；--shard auto 取 I、N 自 \
            SLURM_ARRAY_TASK_ID、SLURM_ARRAY_TASK_COUNT。--shard auto/N takes I from JOB_COMPLETION_INDEX; \
            --shard auto takes I and N from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT.
            中斷（Ctrl-C）時完成進行中的申請生後停止，寫出 report.json，結束代碼 130。
            """)

    @Argument(help: "批次根資料夾：<root>/<校系代碼>/<應試號碼>/，設定檔在 <root>/profiles/。The batch root.")
    var root: String

    @Option(name: [.short, .long], help: "輸出資料夾：<DIR>/<校系代碼>/<應試號碼>.pdf|.xml、<DIR>/report.json。The output folder.")
    var out: String = "out"

    @Option(name: [.short, .long], help: "平行處理數，預設為 CPU 核心數。Parallel workers (default: the number of cores).")
    var jobs: Int?

    @Option(name: .long, help: "只處理第 I 組（共 N 組），格式 I/N、auto/N 或 auto。Only shard I of N (I/N, auto/N, auto).")
    var shard: String?

    @Flag(name: .long, help: "略過輸出已存在且輸入未變的申請生。Skip applicants whose outputs exist and whose input digest is unchanged.")
    var resume = false

    @Flag(name: .long, help: "只檢查不輸出：讀取每個校系與申請生、檢查設定檔、字型與輸出資料夾，列出各校系摘要。Check everything a run needs (profiles, fonts, the output folder, every applicant), write nothing, print a summary per department.")
    var dryRun = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs 須為正整數 (must be at least 1)") }
        if let shard, Self.shard(shard, environment: ProcessInfo.processInfo.environment) == nil {
            throw ValidationError(
                "--shard 格式為 I/N（0 ≤ I < N）、auto/N（JOB_COMPLETION_INDEX）或 auto（SLURM_ARRAY_TASK_ID、SLURM_ARRAY_TASK_COUNT）"
                    + " (expected I/N with 0 ≤ I < N, auto/N with JOB_COMPLETION_INDEX set, or auto with"
                    + " SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT set): \(shard)")
        }
    }

    /// `I/N`; `auto/N` with I from a Kubernetes indexed Job (`JOB_COMPLETION_INDEX`); `auto` with I
    /// and N from a Slurm array (`SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT`). Slurm numbers
    /// tasks from `--array`'s first index, which must be 0 here: an index outside 0..<N is refused
    /// rather than silently mapped, so no applicant can fall between two shards.
    static func shard(_ text: String, environment: [String: String]) -> Shard? {
        if text == "auto" {
            guard let index = environment["SLURM_ARRAY_TASK_ID"], let count = environment["SLURM_ARRAY_TASK_COUNT"] else {
                return nil
            }
            return Shard(parsing: "\(index)/\(count)")
        }
        if text.hasPrefix("auto/") {
            guard let index = environment["JOB_COMPLETION_INDEX"] else { return nil }
            return Shard(parsing: "\(index)/" + text.dropFirst("auto/".count))
        }
        return Shard(parsing: text)
    }

    func run() throws {
        let console = Console.fromEnvironment()
        let options = BatchOptions(
            outDirectory: URL(fileURLWithPath: out),
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            shard: shard.flatMap { Self.shard($0, environment: ProcessInfo.processInfo.environment) }, resume: resume,
            dryRun: dryRun)
        throw ExitCode(BatchCommand(console: console).run(root: root, options: options))
    }
}

/// The terminal side of a batch: signals, progress, the report file, the exit status.
struct BatchCommand {
    let console: Console

    /// `checkOutput`: whether the output folder must be writable (`batch`, `batch --dry-run`; not
    /// `check <root>`, which writes nothing anywhere).
    func run(root: String, options: BatchOptions, checkOutput: Bool = true) -> Int32 {
        let rootURL = URL(fileURLWithPath: root)
        let plan: BatchPlan
        do {
            guard BatchPlan.isDirectory(rootURL) else { throw CocoaError(.fileNoSuchFile) }
            plan = try BatchPlan.discover(root: rootURL, excluding: options.outDirectory)
        } catch {
            console.err(console.say("找不到或無法讀取批次資料夾「\(root)」", "batch folder \"\(root)\" does not exist or cannot be read"))
            return ExitStatus.noInput
        }
        for folder in plan.skippedFolders {
            console.err(
                console.say(
                    "略過「\(folder)」：資料夾名稱不是校系代碼（6 個數字或大寫英文字母），不當作校系讀取",
                    "skipped \"\(folder)\": its name is not a 校系代碼 (6 digits or capital letters), so it is not read as a department"))
        }
        // A wrong folder must not read as a finished run of nothing.
        guard !plan.applicants.isEmpty else {
            console.err(
                console.say(
                    "批次資料夾「\(root)」裡沒有申請生資料夾（應為 <校系代碼>/<應試號碼>/，校系代碼為 6 個數字或大寫英文字母）",
                    "batch folder \"\(root)\" holds no applicant folders (expected <校系代碼>/<應試號碼>/, the 校系代碼 6 digits or capital letters)"))
            return ExitStatus.noInput
        }
        let rules: RuleBook
        do {
            rules = try ApplicantSession.loadRules()
        } catch {
            return console.stopped(error)
        }
        // Every department's profile before anything is rendered: no department falls back on a
        // default, and the office sees every missing or broken profile at once.
        let (profiles, profileFailures) = BatchRunner.loadProfiles(of: plan, rules: rules)
        if !profileFailures.isEmpty {
            for (_, failure) in profileFailures { failure.lines(console.language).forEach(console.err) }
            let all = profileFailures.map(\.department)
            let names = all.prefix(20).joined(separator: "、") + (all.count > 20 ? "…" : "")
            console.err(
                console.say(
                    "未寫出任何備審資料：\(profileFailures.count) 個校系的設定檔缺少或有誤（\(names)）",
                    "nothing was rendered: the profiles of \(profileFailures.count) departments are missing or invalid (\(names))"))
            return profileFailures.map { ExitStatus.of($0.failure) }.max() ?? ExitStatus.noInput
        }
        if options.dryRun {
            if checkOutput, let problem = Self.unwritableReason(options.outDirectory) {
                console.err(Self.outputFolderLine(options.outDirectory.path, problem, console))
                return ExitStatus.cannotCreateOutput
            }
        } else {
            do {
                try OutputFolder.create(options.outDirectory)
            } catch {
                console.err(Self.outputFolderLine(options.outDirectory.path, error.reason, console))
                return ExitStatus.cannotCreateOutput
            }
        }
        let exporter: PacketExporter
        do {
            exporter = try Pipeline(console: console).makeExporter(rules: rules, fontPreparation: Self.fontPreparation())
        } catch {
            return console.stopped(error)
        }

        let stop = StopRequest()
        let signals = installStopHandlers(stop)
        defer { signals.forEach { $0.cancel() } }

        let progress = ProgressDisplay(console: console, onTerminal: isatty(STDERR_FILENO) == 1)
        let result = BatchRunner(exporter: exporter, options: options).run(plan, profiles: profiles, stop: stop) { outcome, done, total in
            progress.show(outcome, done: done, total: total)
        }
        progress.finish()
        if options.dryRun {
            summary(result).forEach(console.out)
            return ExitStatus.of(result)
        }

        let report = BatchReport.json(
            result, options: options, toolVersion: PortfolioExport.version, language: console.language)
        let reportURL = options.outDirectory.appendingPathComponent(options.reportFileName)
        do {
            try AtomicFile.write(Array(report.utf8), to: reportURL)
        } catch {
            console.err(Self.fileLine(error, console))
            return ExitStatus.cannotCreateOutput
        }

        do {
            try Roster.write(result, options: options, exporter: exporter)
        } catch ExportFailure.internalError(let message) {
            console.err(console.say("內部錯誤：名冊未通過自身的 PDF/A 檢查（\(message)）", "internal error: the roster fails its own PDF/A check (\(message))"))
            return ExitStatus.internalError
        } catch let error as AtomicWriteError {
            console.err(Self.fileLine(error, console))
            return ExitStatus.cannotCreateOutput
        } catch {
            // Typesetting the roster's own table cannot fail on any input: a bug.
            return console.stopped(.internalError(console.say("無法排版名冊（\(error)）", "cannot typeset the roster (\(error))")))
        }

        let unwritable = result.outcomes.filter(\.outputUnwritable).count
        let failed = result.outcomes.filter { $0.status == .failed }.count
        let withErrors = result.outcomes.filter { $0.status == .errors }.count
        let skipped = result.outcomes.filter { $0.status == .skipped }.count
        let written = result.outcomes.count - failed - skipped
        let seconds = result.wallTime.milliseconds / 1000
        console.out(
            console.say(
                "完成：寫出 \(written) 份、略過 \(skipped) 份、失敗 \(failed) 份、有錯誤 \(withErrors) 份，\(JSONText.fixed(seconds, places: 1)) 秒；報告 \(reportURL.path)",
                "done: \(written) written, \(skipped) skipped, \(failed) failed, \(withErrors) with errors in \(JSONText.fixed(seconds, places: 1)) s; report \(reportURL.path)"))
        if result.interrupted {
            console.err(
                console.say(
                    "已中斷：尚有 \(result.notStarted) 位申請生未處理；以 --resume 再執行即可接續",
                    "interrupted: \(result.notStarted) applicants not started; run again with --resume to go on"))
        } else if unwritable > 0 {
            console.err(
                console.say(
                    "無法寫入 \(unwritable) 位申請生的輸出（權限、磁碟已滿或路徑被檔案占用），詳見報告",
                    "the outputs of \(unwritable) applicants could not be written (permissions, full disk, or a file in the way); see the report"))
        }
        return ExitStatus.of(result)
    }

    /// Per department: how many applicants, and how many would be written clean, with warnings, with
    /// errors, or not at all; then each applicant's errors.
    func summary(_ result: BatchResult) -> [String] {
        var lines: [String] = []
        var departments: [String] = []
        for outcome in result.outcomes where !departments.contains(outcome.applicant.department) {
            departments.append(outcome.applicant.department)
        }
        for department in departments {
            let outcomes = result.outcomes.filter { $0.applicant.department == department }
            func count(_ status: BatchOutcome.Status) -> Int { outcomes.filter { $0.status == status }.count }
            let profile = outcomes.compactMap(\.profile).first ?? "—"
            lines.append(
                console.say(
                    "\(department)（設定檔 \(profile)）：\(outcomes.count) 位申請生；無問題 \(count(.ok))、僅警告 \(count(.warnings))、有錯誤 \(count(.errors))、無法產生 \(count(.failed))",
                    "\(department) (profile \(profile)): \(outcomes.count) applicants; clean \(count(.ok)), warnings only \(count(.warnings)), with errors \(count(.errors)), no packet \(count(.failed))"))
            for outcome in outcomes where outcome.status == .errors || outcome.status == .failed {
                let errors = outcome.diagnostics.filter { $0.severity == .error }
                lines.append("  \(outcome.applicant.number)" + (outcome.failure.map { "：" + $0.message(console.language) } ?? ""))
                lines += errors.map { "    " + $0.line(console.language) }
            }
        }
        let failed = result.outcomes.filter { $0.status == .failed }.count
        let errors = result.outcomes.filter { $0.status == .errors }.count
        lines.append(
            console.say(
                "檢查完成（未寫出任何檔案）：\(result.outcomes.count) 位申請生，有錯誤 \(errors) 位、無法產生 \(failed) 位",
                "check done (nothing written): \(result.outcomes.count) applicants, \(errors) with errors, \(failed) without a packet"))
        return lines
    }

    /// Why `folder` (or, when it does not exist yet, the nearest folder above it) cannot take the
    /// outputs; nil when it can.
    static func unwritableReason(_ folder: URL) -> OutputProblem? {
        var url = folder.standardizedFileURL
        while !FileManager.default.fileExists(atPath: url.path) {
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { break }
            url = parent
        }
        guard BatchPlan.isDirectory(url) else { return .notAFolder(path: url.path) }
        guard access(url.path, W_OK | X_OK) == 0 else { return OutputProblem(errno: errno, path: url.path) }
        return nil
    }

    /// The one sentence for an output folder that cannot be made or written.
    static func outputFolderLine(_ path: String, _ problem: OutputProblem, _ console: Console) -> String {
        console.say("無法寫入輸出資料夾「\(path)」：\(problem.chinese)", "cannot write to the output folder \"\(path)\": \(problem.english)")
    }

    /// The one sentence for a file of the run (report, roster) that cannot be written.
    static func fileLine(_ error: AtomicWriteError, _ console: Console) -> String {
        console.say("無法寫入「\(error.path)」：\(error.reason.chinese)", "cannot write \"\(error.path)\": \(error.reason.english)")
    }

    /// When font faces are prepared for subsetting: `PORTFOLIO_EXPORT_FONT_PREPARATION` =
    /// `always`, `never`, or (default) `auto`: a face is prepared once 8 packets have used it
    /// unprepared. Preparing is making the face's working face (`FontProgram.prepared`, a few tenths
    /// of a second of CPU and about 55 MB for a Noto CJK face, each face once); it then saves about 2–3 ms
    /// per packet and face: on 100 packets preparing at once took 11 % less CPU than never (docs/performance.md,
    /// issue 15); after 8 packets a `render`-sized run never pays for it.
    static func fontPreparation(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> FontProgramCache.Preparation {
        switch environment["PORTFOLIO_EXPORT_FONT_PREPARATION"] {
        case "always": .always
        case "never": .never
        default: .whenWorthIt(afterSubsets: 8)
        }
    }

    /// SIGINT and SIGTERM ask the batch to stop after the packets in flight. A second SIGINT
    /// stops at once, as users expect of Ctrl-C pressed twice; outputs are atomic either way.
    func installStopHandlers(_ stop: StopRequest) -> [DispatchSourceSignal] {
        let console = self.console
        return [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if stop.isRequested && number == SIGINT { exit(ExitStatus.interrupted) }
                stop.request()
                console.err(
                    console.say(
                        "\n收到停止要求：完成進行中的申請生後停止（再按一次 Ctrl-C 立即結束）",
                        "\nstop requested: finishing the applicants in flight (Ctrl-C again to quit now)"))
            }
            source.resume()
            return source
        }
    }
}

/// One line per applicant when output is a file or pipe; on a terminal, one line rewritten in
/// place (count, rate, ETA), with failures printed above it.
final class ProgressDisplay: @unchecked Sendable {
    let console: Console
    let onTerminal: Bool
    let start = ContinuousClock.now
    private var drewLine = false

    init(console: Console, onTerminal: Bool) {
        self.console = console
        self.onTerminal = onTerminal
    }

    /// Called by the runner one outcome at a time (it holds its lock), so no lock here.
    func show(_ outcome: BatchOutcome, done: Int, total: Int) {
        let key = outcome.applicant.key
        var problems: [String] = []
        if outcome.status == .failed {
            problems.append(console.say("\(key)：無法產生備審資料", "\(key): no packet could be made"))
            if let failure = outcome.failure { problems.append("  " + failure.message(console.language)) }
            for diagnostic in outcome.diagnostics where diagnostic.severity == .error {
                problems.append("  " + diagnostic.line(console.language))
            }
        }
        if onTerminal {
            var text = drewLine ? "\r\u{1B}[K" : ""
            for line in problems { text += line + "\n" }
            text += statusLine(done: done, total: total)
            FileHandle.standardError.write(Data(maskingNationalIDs(text).utf8))
            drewLine = true
        } else {
            for line in problems { console.err(line) }
            let pages = outcome.pageCount.map { console.say("\($0) 頁", "\($0) pages") } ?? "-"
            let ms = JSONText.fixed(outcome.elapsed.milliseconds, places: 0)
            console.out("[\(done)/\(total)] \(key) \(outcome.status.rawValue) \(pages) \(ms) ms")
        }
    }

    func statusLine(done: Int, total: Int) -> String {
        let seconds = max((ContinuousClock.now - start).milliseconds / 1000, 0.001)
        let rate = Double(done) / seconds
        let eta = rate > 0 ? Double(total - done) / rate : 0
        return console.say(
            "已完成 \(done)/\(total)（每秒 \(JSONText.fixed(rate, places: 1)) 份，約剩 \(JSONText.fixed(eta, places: 0)) 秒）",
            "\(done)/\(total) done (\(JSONText.fixed(rate, places: 1)) packets/s, about \(JSONText.fixed(eta, places: 0)) s left)")
    }

    func finish() {
        if onTerminal && drewLine { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
