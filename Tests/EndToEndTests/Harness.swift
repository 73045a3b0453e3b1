import Foundation
import Testing

/// Runs the built `portfolio-export` the way a user or a script would.
enum Harness {
    /// The package root (this file is Tests/EndToEndTests/Harness.swift).
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The executable: `PORTFOLIO_EXPORT_BIN`, else beside the test runner in the build folder.
    static let executable: URL = {
        if let explicit = ProcessInfo.processInfo.environment["PORTFOLIO_EXPORT_BIN"] {
            return URL(fileURLWithPath: explicit)
        }
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        // The runner may sit inside a bundle (…/debug/X.xctest/…): climb to the folder with the tool.
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("portfolio-export")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return runner.deletingLastPathComponent().appendingPathComponent("portfolio-export")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var output: String { stdout + stderr }
    }

    /// The profile `check` and `render` get in tests that build a folder by hand and do not care
    /// which one: every item of 申請入學, named as a user would (the tool has no silent default).
    static let everyItem = "builtin:申請入學"

    /// `arguments` with `--profile <fallback>` added for `check`/`render` of a folder whose
    /// department has no `profiles/<校系代碼>.json` and when none is named.
    static func withProfile(_ arguments: [String], fallback: String?) -> [String] {
        guard let fallback, let command = arguments.first, ["check", "render"].contains(command), arguments.count > 1,
            !arguments.contains("--profile")
        else { return arguments }
        let folder = URL(fileURLWithPath: arguments[1], relativeTo: root).standardizedFileURL
        let department = folder.deletingLastPathComponent()
        let profile = department.deletingLastPathComponent().appendingPathComponent("profiles/\(department.lastPathComponent).json")
        return FileManager.default.fileExists(atPath: profile.path) ? arguments : arguments + ["--profile", fallback]
    }

    /// Runs the tool with a time limit (a hang is a failure, not a stuck suite). `profile`: see
    /// `withProfile`; nil runs the arguments as given. `directory`: the working directory.
    static func run(
        _ arguments: [String], executable: URL = Harness.executable, environment: [String: String] = [:],
        timeout: TimeInterval = 120, profile: String? = Harness.everyItem, directory: URL = Harness.root
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = executable == Harness.executable ? withProfile(arguments, fallback: profile) : arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "LC_ALL")
        env.removeValue(forKey: "LC_MESSAGES")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        // A hang is a failure: a watchdog ends the process after the timeout.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        // Drain stderr on another thread while stdout is read here, so a chatty run cannot block.
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = readAll(err.fileHandleForReading)
            group.leave()
        }
        let outData = readAll(out.fileHandleForReading)
        group.wait()
        process.waitUntilExit()
        watchdog.cancel()
        if process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM {
            throw HarnessError.timedOut(arguments)
        }
        let result = Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errBox.data, as: UTF8.self))
        if executable == Harness.executable, let command = arguments.first {
            // The output folder of `render` and `batch` (`--out`/`-o`, else ./out): its new PDFs are
            // verified, and a batch's reports validated against their schema.
            let outFolder = URL(
                fileURLWithPath: arguments.firstIndex(where: { $0 == "--out" || $0 == "-o" })
                    .flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } ?? "out",
                relativeTo: directory)
            if ["render", "batch"].contains(command) { try verifyPDFs(in: outFolder, writtenSince: started) }
            if command == "batch", !arguments.contains("--dry-run") {
                try validateReports(in: outFolder, writtenSince: started)
            }
            // Every `check --json` prints a document of the contract, failures included (not usage errors).
            if command == "check", arguments.contains("--json"), result.status != 64 {
                try validateJSON(result.stdout, against: "Templates/schema/check.schema.json", what: arguments)
            }
        }
        return result
    }

    /// A packet that must claim PDF/A-3b: the identification in its XMP, every font embedded, and
    /// the faces that replace a student's unembedded fonts with a ToUnicode (`pdffonts`' `uni`
    /// column). Returns `pdffonts`' lines for further checks.
    @discardableResult
    static func expectPDFA3b(_ pdf: String, label: String) throws -> [Substring] {
        let meta = try tool("/usr/bin/pdfinfo", ["-meta", pdf]).stdout
        #expect(
            meta.contains("<pdfaid:part>3</pdfaid:part>") && meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
            "\(label): no PDF/A-3b identification")
        let fonts = Array(try tool("/usr/bin/pdffonts", [pdf]).stdout.split(separator: "\n").dropFirst(2))
        let unembedded = fonts.filter { $0.split(separator: " ", omittingEmptySubsequences: true).suffix(5).first != "yes" }
        #expect(unembedded.isEmpty, "\(label): fonts not embedded \(unembedded)")
        let substitutes = ["Nimbus", "StandardSymbols", "D050000L", "-PEX-"]
        let withoutText = fonts.filter { line in
            substitutes.contains { line.contains($0) } && line.split(separator: " ", omittingEmptySubsequences: true).suffix(3).first != "yes"
        }
        #expect(withoutText.isEmpty, "\(label): substitute fonts without ToUnicode \(withoutText)")
        return fonts
    }

    /// Every `report.json` (`report-<I>-of-<N>.json`) a batch of the tests wrote is validated against
    /// its JSON Schema with check-jsonschema; a document that does not validate is a recorded issue.
    static func validateReports(in folder: URL, writtenSince date: Date) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let reports = names.filter { $0.hasPrefix("report") && $0.hasSuffix(".json") }.map { folder.appendingPathComponent($0) }
            .filter {
                let modified = try? $0.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
                return (modified ?? .distantPast) >= date.addingTimeInterval(-1)
            }
        guard !reports.isEmpty else { return }
        try checkJSONSchema(reports.map(\.path), against: "Templates/schema/report.schema.json")
    }

    static func validateJSON(_ text: String, against schema: String, what: [String]) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portfolio-export-json-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try checkJSONSchema([file.path], against: schema, what: what.joined(separator: " "))
    }

    /// check-jsonschema from the test venv (`scripts/bootstrap --test`); its absence is a failure.
    static func checkJSONSchema(_ documents: [String], against schema: String, what: String? = nil) throws {
        let validator = root.appendingPathComponent(".build/test-venv/bin/check-jsonschema").path
        guard FileManager.default.isExecutableFile(atPath: validator) else {
            Issue.record("check-jsonschema is missing (scripts/bootstrap --test installs it)")
            return
        }
        let result = try tool(validator, ["--schemafile", root.appendingPathComponent(schema).path] + documents)
        if result.status != 0 {
            Issue.record("\(what ?? documents.joined(separator: ", ")) does not validate against \(schema): \(result.output)")
        }
    }

    /// Every PDF written into `folder` (at any depth) since `date` that claims PDF/A-3 is checked with
    /// `portfolio-export verify`: a rule it fails is a bug, recorded as an issue of the running test.
    /// Returns the files looked at. Runs after every `render` and `batch` of the tests (`run`).
    @discardableResult
    static func verifyPDFs(in folder: URL, writtenSince date: Date) throws -> [String] {
        var written: [String] = []
        let keys: [URLResourceKey] = [.contentModificationDateKey, .isRegularFileKey]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "pdf", let values = try? url.resourceValues(forKeys: Set(keys)),
                values.isRegularFile == true, (values.contentModificationDate ?? .distantPast) >= date.addingTimeInterval(-1)
            else { continue }
            written.append(url.path)
        }
        guard !written.isEmpty else { return [] }
        // In English: the findings are a developer's detail of a bug.
        let result = try run(["verify", "--json"] + written.sorted(), environment: ["LANG": "en_US.UTF-8"], profile: nil)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let files = document?["files"] as? [[String: Any]] ?? []
        if files.count != written.count { Issue.record("verify did not report every PDF: \(result.output)") }
        for file in files where file["claimsPDFA3"] as? Bool == true && file["passed"] as? Bool != true {
            let failed = (file["rules"] as? [[String: Any]] ?? []).filter { $0["passed"] as? Bool == false }.map {
                "\($0["id"] ?? "?") (\($0["clause"] as? String ?? "project rule")): \($0["findings"] ?? [])"
            }
            Issue.record("\(file["file"] ?? "?") claims PDF/A-3b but fails: \(failed.joined(separator: "; "))")
        }
        return written
    }

    /// Runs any other program (xmllint …) the same way.
    static func tool(_ path: String, _ arguments: [String]) throws -> Result {
        try run(arguments, executable: URL(fileURLWithPath: path), environment: [:], timeout: 300, profile: nil)
    }

    static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "portfolio-export-tests-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every sample applicant folder, relative to the root: `samples/<校系代碼>/<應試號碼>`.
    static var sampleApplicants: [String] {
        let samples = root.appendingPathComponent("samples")
        let departments = (try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []
        var result: [String] = []
        for department in departments.sorted() where department.count == 6 {
            let folder = samples.appendingPathComponent(department)
            for applicant in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            where applicant.count == 8 {
                result.append("samples/\(department)/\(applicant)")
            }
        }
        return result
    }

    static let schema = "Templates/schema/portfolio-packet.xsd"
}

/// Reads a pipe to its end with read(2), retrying when a signal interrupts the call: Foundation's
/// readDataToEndOfFile traps on EINTR, which the test runner's own signals can cause.
func readAll(_ handle: FileHandle) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    let fd = handle.fileDescriptor
    while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count > 0 {
            data.append(contentsOf: buffer[0..<count])
        } else if count == 0 {
            return data
        } else if errno != EINTR {
            return data
        }
    }
}

/// Written by one thread, read after `DispatchGroup.wait()` by another.
final class DataBox: @unchecked Sendable {
    var data = Data()
}

enum HarnessError: Error {
    case timedOut([String])
}

/// A student's PDF written by hand: `objects` numbered from 1 (object 1 the catalog), after `header`
/// (the `%PDF` line and any comment), with a classic cross-reference table; `trailer` adds to the
/// trailer dictionary (an `/ID`, say).
func handWrittenPDF(_ objects: [[UInt8]], header: [UInt8] = Array("%PDF-1.7\n".utf8), trailer: String = "") -> [UInt8] {
    var out = header
    var offsets: [Int] = []
    for (index, body) in objects.enumerated() {
        offsets.append(out.count)
        out += Array("\(index + 1) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
    }
    let xref = out.count
    var tail = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for offset in offsets { tail += String(format: "%010d 00000 n \n", offset) }
    tail += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R\(trailer) >>\nstartxref\n\(xref)\n%%EOF\n"
    return out + Array(tail.utf8)
}

/// The same for objects written as text.
func handWrittenPDF(_ objects: [String], header: String = "%PDF-1.7\n", trailer: String = "") -> [UInt8] {
    handWrittenPDF(objects.map { Array($0.utf8) }, header: Array(header.utf8), trailer: trailer)
}
