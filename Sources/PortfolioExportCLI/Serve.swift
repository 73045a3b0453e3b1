import ArgumentParser
import BundledFonts
import Foundation
import PacketExport
import PreviewServer

/// `serve`: the student's preview in the browser. Parses the options, loads what every render
/// needs once, and starts the server of `PreviewServer`.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "在瀏覽器中勾選項目並預覽備審資料（只在本機）。A student's preview in the browser (this computer only).",
        discussion: """
            只接受 127.0.0.1 的連線；網址含本次執行的隨機代碼，請勿分享。Ctrl-C 結束，上傳的檔案與預覽隨之刪除。
            Listens on 127.0.0.1 only; the URL carries this run's random token. Ctrl-C stops it and deletes uploads and previews.
            結束代碼 Exit status: 0 正常結束 stopped; 64 選項錯誤 usage; 66 找不到資料夾 folder missing; 69 缺少字型 fonts missing; 70 內部錯誤 a bug; 73 無法建立暫存資料夾或埠號被占用 cannot create the private folder or bind the port.
            """)

    @Argument(help: "學生的學習歷程紀錄資料夾（可省略，之後在網頁中開啟或上傳 zip）。The student's record folder (optional: open or upload one in the page).")
    var recordFolder: String?

    @Option(name: .long, help: "校系審查設定檔資料夾（預設：紀錄資料夾上兩層的 profiles/）。The folder of department profiles (default: profiles/ two levels above the record).")
    var profiles: String?

    @Option(name: .long, help: "埠號（預設隨機）。The port (default: a random free one).")
    var port: Int = 0

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port 0–65535") }
    }

    func run() async throws {
        let console = Console.fromEnvironment()
        let pipeline = Pipeline(console: console)
        let workspace: Workspace
        let scratch: PrivateFolder
        do {
            let session = try pipeline.session()
            let exporter = try pipeline.makeExporter(rules: session.rules, fontPreparation: .never)
            let record = recordFolder.map { URL(fileURLWithPath: $0) }
            // Checked before the private folder exists, so that nothing is left behind.
            if let record, !BatchPlan.isDirectory(record) { throw SessionFailure.folderNotFound(path: record.path) }
            scratch = try PrivateFolder.create()
            let profilesFolder = profiles.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? record.flatMap(Workspace.defaultProfilesFolder)
            workspace = Workspace(session: session, exporter: exporter, profilesFolder: profilesFolder, scratch: scratch)
            if let record {
                do {
                    try await workspace.open(folder: record)
                } catch {
                    console.err(error.message(console.language))
                    scratch.remove()
                    throw ExitCode(ExitStatus.dataError)
                }
            }
        } catch let failure as SessionFailure {
            throw ExitCode(console.stopped(failure))
        } catch let error as PrivateFolderError {
            console.err(console.say("無法建立暫存資料夾：\(error)", "cannot create the private folder: \(error)"))
            throw ExitCode(ExitStatus.cannotCreateOutput)
        }
        defer { scratch.remove() }
        do {
            try await PreviewServer.run(workspace: workspace, port: port, token: PreviewServer.makeToken()) { url in
                console.out(console.say("請在瀏覽器開啟：\(url.absoluteString)", "Open in the browser: \(url.absoluteString)"))
                console.out(console.say("按 Ctrl-C 結束。", "Press Ctrl-C to stop."))
                _ = PreviewServer.openInBrowser(url)
            }
        } catch {
            console.err(console.say("無法啟動伺服器（埠號 \(port)）：\(error)", "cannot start the server (port \(port)): \(error)"))
            throw ExitCode(ExitStatus.cannotCreateOutput)
        }
    }
}
