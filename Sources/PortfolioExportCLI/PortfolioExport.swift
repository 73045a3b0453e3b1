import ArgumentParser
import Diagnostics
import Foundation
import PacketExport

/// `portfolio-export`: applicant folders in, review packets out.
@main
struct PortfolioExport: AsyncParsableCommand {
    static let version = "0.1.0"

    // `-V` as well as `--version` (the parser's own flag is long only), so the flag is ours.
    static let configuration = CommandConfiguration(
        commandName: "portfolio-export",
        abstract: "把學習歷程檔案轉成備審資料（PDF 與 XML）。Turns learning portfolios into review packets.",
        discussion: """
            環境變數 ENVIRONMENT
              LANG, LC_ALL, LC_MESSAGES
                  訊息語言，預設繁體中文。An English locale gives English messages.
              SOURCE_DATE_EPOCH
                  PDF 的日期：相同輸入，相同位元組。Fixes the dates: same inputs, same bytes.
              PORTFOLIO_EXPORT_FONT_PATH
                  先找的字型資料夾（冒號分隔）。Font folders searched first (by file
                  name), before fontconfig and /usr/share/fonts.
              PORTFOLIO_EXPORT_DATA
                  資料夾，預設為執行檔旁的 ../share/portfolio-export。The data folder
                  (rules/, layouts/, schema/, fonts/fallback.json).
              PORTFOLIO_EXPORT_CMAPS
                  Adobe CMap 資料夾，預設 /usr/share/poppler/cMap（poppler-data）。The Adobe
                  CMaps that decode the Chinese fonts students' PDFs do not embed.
              PORTFOLIO_EXPORT_FONT_PREPARATION
                  batch：always、never、auto。When batch prepares fonts for subsetting.
              JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT
                  batch --shard auto/N、--shard auto。
            """,
        subcommands: [Render.self, Check.self, Batch.self, Verify.self, Serve.self])

    @Flag(name: [.customShort("V"), .customLong("version")], help: "顯示版本。Show the version.")
    var showVersion = false

    func run() throws {
        guard showVersion else { throw CleanExit.helpRequest(self) }
        print(Self.version)
    }

    /// The parser's entry point, with what it does not do itself: no arguments is a usage error
    /// (usage on stderr, 64), and a misspelt command gets the nearest one suggested. Misspelt
    /// options are the parser's (it suggests the nearest option).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let console = Console.fromEnvironment()
        if arguments.isEmpty {
            let commands = configuration.subcommands.map { $0._commandName }
            console.err(console.say("用法：", "Usage: ") + usageString())
            console.err(
                console.say(
                    "命令：\(commands.joined(separator: "、"))。說明：portfolio-export --help",
                    "Commands: \(commands.joined(separator: ", ")). See: portfolio-export --help"))
            Foundation.exit(ExitStatus.usage)
        }
        if let first = arguments.first, !first.hasPrefix("-") {
            let commands = configuration.subcommands.map { $0._commandName } + ["help"]
            if !commands.contains(first) {
                let nearest = closest(to: first, among: commands)
                console.err(
                    console.say(
                        "錯誤：沒有「\(first)」這個命令" + (nearest.map { "；是要用「\($0)」嗎？" } ?? "。")
                            + "可用的命令：\(commands.dropLast().joined(separator: "、"))",
                        "error: there is no command \"\(first)\"" + (nearest.map { "; did you mean \"\($0)\"?" } ?? ".")
                            + " Commands: \(commands.dropLast().joined(separator: ", "))"))
                Foundation.exit(ExitStatus.usage)
            }
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    /// The candidate nearest to `word` by edit distance, when it is near enough (at most two
    /// edits, and fewer than the word's own length) to be what was meant.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2, best.1 < word.count else { return nil }
        return best.0
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// Options shared by the commands that take one applicant.
struct ApplicantOptions: ParsableArguments {
    @Argument(help: "申請生資料夾 (<應試號碼>/). The applicant folder.")
    var applicantFolder: String

    @Option(name: [.short, .long], help: "校系審查設定檔 (profile JSON). Default: <root>/profiles/<校系代碼>.json (no other default); builtin:申請入學 etc. names a built-in one.")
    var profile: String?

    @Option(name: .long, help: "學生的勾選清單 勾選/<校系代碼>.json：只放入勾選的項目（資料夾為學生完整的學習歷程紀錄）。A student's tick list for one department: only the ticked items (the folder is the student's whole record).")
    var selection: String?
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "產生一位申請生的備審資料。Writes <DIR>/<應試號碼>.pdf and <DIR>/<應試號碼>.xml.",
        discussion: """
            結束代碼 Exit status: 0 已寫出（僅警告）written, warnings only; 65 資料錯誤 data errors (written with 「無法讀取」 or with tick-list errors, or no packet); 66 找不到資料夾、設定檔或勾選清單 folder, profile or tick list missing; 69 缺少字型 fonts missing; 70 內部錯誤或安裝不完整 a bug or a broken installation; 73 無法寫入輸出 output cannot be written.
            """)

    @OptionGroup var applicant: ApplicantOptions

    @Option(name: [.short, .long], help: "輸出資料夾。The output folder.")
    var out: String = "out"

    @Flag(name: .long, help: "學生預覽版：<應試號碼>.preview.pdf/.xml，每頁浮水印，首頁列出可修正的問題。The student's preview (watermark, a first page of what can still be fixed), never under the final names.")
    var preview = false

    func run() throws {
        let console = Console.fromEnvironment()
        let status = Pipeline(console: console).render(
            folder: applicant.applicantFolder, profilePath: applicant.profile, tickListPath: applicant.selection,
            outDirectory: out, preview: preview)
        throw ExitCode(status)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "只讀取並檢查，列出每個錯誤與警告。Reads and validates; prints every error and warning.",
        discussion: """
            <applicant-dir> 也可以是整個批次資料夾（<root>/<校系代碼>/<應試號碼>/）：逐一檢查每個校系與申請生，同 batch --dry-run。The folder may be a whole batch root: every department and applicant is checked, as by batch --dry-run.
            結束代碼 Exit status: 0 無錯誤 no errors; 65 有資料錯誤 data errors (tick-list errors included); 66 找不到資料夾、設定檔或勾選清單 folder, profile or tick list missing; 69 缺少字型，無法檢查字元 fonts missing, glyphs not checked; 70 內部錯誤或安裝不完整 a bug or a broken installation.
            """)

    @OptionGroup var applicant: ApplicantOptions

    @Flag(name: .long, help: "列出紀錄中每個課程學習成果與多元表現的項目編號（勾選清單用的鍵）、名稱、學期、認證狀態與審查項目。Lists every item of the record with its key (for tick lists), title, semester, status and review item.")
    var items = false

    @Flag(name: .long, help: "以 JSON 輸出 (for machines).")
    var json = false

    func run() throws {
        let console = Console.fromEnvironment()
        // A batch root (departments of applicants) is checked whole, as `batch --dry-run` does.
        let folder = URL(fileURLWithPath: applicant.applicantFolder)
        if BatchPlan.looksLikeRoot(folder) {
            guard applicant.profile == nil, applicant.selection == nil, !items, !json else {
                console.err(
                    console.say(
                        "檢查整個批次資料夾時，各校系使用 profiles/ 裡自己的設定檔；--profile、--selection、--items 與 --json 只用於單一申請生資料夾",
                        "a whole batch folder is checked with each department's own profile from profiles/; --profile, --selection, --items and --json apply to one applicant folder"))
                throw ExitCode(ExitStatus.usage)
            }
            let options = BatchOptions(
                outDirectory: folder.appendingPathComponent(".check-no-output"), jobs: ProcessInfo.processInfo.activeProcessorCount,
                dryRun: true)
            throw ExitCode(BatchCommand(console: console).run(root: applicant.applicantFolder, options: options, checkOutput: false))
        }
        let status = Pipeline(console: console).check(
            folder: applicant.applicantFolder, profilePath: applicant.profile, tickListPath: applicant.selection,
            listingItems: items, json: json)
        throw ExitCode(status)
    }
}
