import Foundation
import Testing

/// `portfolio-export serve` in a real browser: Debian's chromium driven by Playwright (both installed
/// by `scripts/bootstrap --test`) through Tests/EndToEndTests/Browser/preview_e2e.py. Screenshots are
/// kept in .build/test-artifacts/serve/.
@Suite struct ServeBrowserTests {
    static let python = Harness.root.appendingPathComponent(".build/test-venv/bin/python").path
    static let driver = Harness.root.appendingPathComponent("Tests/EndToEndTests/Browser/preview_e2e.py").path
    static let artefacts = Harness.root.appendingPathComponent(".build/test-artifacts/serve")
    static let chromium = "/usr/bin/chromium"

    /// The sample student's record without its tick lists (the test adds a department itself),
    /// beside a copy of the sample profiles, as `serve` finds them.
    static func record(in root: URL) throws -> URL {
        let students = root.appendingPathComponent("students")
        try FileManager.default.createDirectory(at: students, withIntermediateDirectories: true)
        let record = students.appendingPathComponent("03000001")
        try FileManager.default.copyItem(at: Harness.root.appendingPathComponent("samples/students/03000001"), to: record)
        try FileManager.default.removeItem(at: record.appendingPathComponent("勾選"))
        try FileManager.default.copyItem(
            at: Harness.root.appendingPathComponent("samples/profiles"), to: root.appendingPathComponent("profiles"))
        return record
    }

    @Test func aStudentTicksSavesAndPreviewsInChromium() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python),
            (try? Harness.tool(Self.python, ["-c", "import playwright.sync_api"]))?.status == 0
        else {
            Issue.record("Playwright is missing: run scripts/bootstrap --test")
            return
        }
        guard FileManager.default.isExecutableFile(atPath: Self.chromium) else {
            Issue.record("chromium is missing: run scripts/bootstrap --test")
            return
        }
        let root = try Harness.temporaryFolder("serve")
        defer { try? FileManager.default.removeItem(at: root) }
        let record = try Self.record(in: root)
        // The server's private folder goes here, so that its removal on exit can be seen.
        let temporary = root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)

        let server = Process()
        server.executableURL = Harness.executable
        server.arguments = ["serve", record.path]
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["TMPDIR"] = temporary.path
        environment.removeValue(forKey: "DISPLAY")
        environment.removeValue(forKey: "WAYLAND_DISPLAY")
        server.environment = environment
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.standardError
        try server.run()
        defer { if server.isRunning { server.terminate() } }

        // The URL is the first line printed once the port is bound.
        let url = try #require(Self.firstURL(output.fileHandleForReading, timeout: 120), "serve printed no URL")
        #expect(url.hasPrefix("http://127.0.0.1:"))
        let privateFolders = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
        #expect(privateFolders.count == 1)

        let driven = try Harness.run(
            [Self.driver, url, Self.artefacts.path, record.path], executable: URL(fileURLWithPath: Self.python), timeout: 600,
            profile: nil)
        #expect(driven.status == 0, "\(driven.output)")

        // What the page saved is what `render --selection` reads.
        let saved = record.appendingPathComponent("勾選/2A0105.json")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: saved)) as? [String: Any])
        #expect(list["校系代碼"] as? String == "2A0105")
        #expect((list["課程學習成果"] as? [String])?.count == 4)
        let check = try Harness.run(
            ["check", record.path, "--selection", saved.path, "--profile", root.appendingPathComponent("profiles/2A0105.json").path],
            profile: nil)
        // The driver ticked a semester-5 outcome on purpose: `check` reports it as the preview did.
        #expect(check.status == 65, "\(check.output)")
        #expect(check.output.contains("採計學期"), "\(check.output)")

        for name in ["record.png", "ticks.png", "preview.png", "fix-link.png", "ticks-200-percent.png"] {
            #expect(FileManager.default.fileExists(atPath: Self.artefacts.appendingPathComponent(name).path), "\(name)")
        }

        // Ctrl-C: the server stops cleanly and its private folder is gone.
        server.interrupt()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
    }

    /// Before any server starts: a folder that is not there, and a port that cannot be.
    @Test func serveRefusesAMissingFolderAndABadPort() throws {
        let temporary = try Harness.temporaryFolder("serve-missing")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let missing = try Harness.run(
            ["serve", "/nonexistent/03000001"], environment: ["TMPDIR": temporary.path], timeout: 60, profile: nil)
        #expect(missing.status == 66, "\(missing.output)")
        // No private folder is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
        #expect(missing.stderr.contains("找不到申請生資料夾"))
        let port = try Harness.run(["serve", "--port", "70000"], timeout: 60, profile: nil)
        #expect(port.status == 64, "\(port.output)")
    }

    /// Reads lines until one holds the URL, or the time is up.
    static func firstURL(_ handle: FileHandle, timeout: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var text = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        let fd = handle.fileDescriptor
        while Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 500) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return nil }
            text += String(decoding: buffer[0..<count], as: UTF8.self)
            if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+/[0-9a-f]+/record"#, options: .regularExpression) {
                return String(text[range])
            }
        }
        return nil
    }
}
