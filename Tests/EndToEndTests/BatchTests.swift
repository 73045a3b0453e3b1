import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A batch root of 50 applicants made from the samples: two departments, three applicants whose
/// packet cannot be made (no 基本資料, malformed 基本資料, 基本資料 not an object).
enum BatchFixture {
    static let brokenNumbers = ["01009003", "01009017", "02059041"]

    /// Made once per test process; the tests only read it.
    static let root: URL = {
        do {
            return try make()
        } catch {
            fatalError("cannot make the batch fixture: \(error)")
        }
    }()

    static func make() throws -> URL {
        let root = try Harness.temporaryFolder("batch-root")
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        for department in ["001012", "2A0105"] {
            try manager.copyItem(
                at: Harness.root.appendingPathComponent("samples/profiles/\(department).json"),
                to: root.appendingPathComponent("profiles/\(department).json"))
        }
        // 35 of a small 大學 sample, 15 of a 技專 one.
        for index in 0..<35 {
            try clone("samples/001012/01000104", into: root, department: "001012", number: String(format: "0100%04d", 9000 + index))
        }
        for index in 0..<15 {
            try clone("samples/2A0105/02050001", into: root, department: "2A0105", number: String(format: "0205%04d", 9030 + index))
        }
        let basic = { (number: String, department: String) in
            root.appendingPathComponent("\(department)/\(number)/\(number)_基本資料.json")
        }
        try manager.removeItem(at: basic("01009003", "001012"))
        try Data("{\"應試號碼\": \"01009017\", ".utf8).write(to: basic("01009017", "001012"))
        try Data("[1, 2, 3]".utf8).write(to: basic("02059041", "2A0105"))
        return root
    }

    /// Copies a sample applicant under a new number: files renamed, the number inside the JSON
    /// files replaced (same length, so nothing else moves).
    static func clone(_ sample: String, into root: URL, department: String, number: String) throws {
        let manager = FileManager.default
        let source = Harness.root.appendingPathComponent(sample)
        let old = source.lastPathComponent
        let target = root.appendingPathComponent(department).appendingPathComponent(number)
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try manager.copyItem(at: source, to: target)
        for name in try manager.contentsOfDirectory(atPath: target.path) where name.hasPrefix(old) {
            let renamed = target.appendingPathComponent(number + name.dropFirst(old.count))
            try manager.moveItem(at: target.appendingPathComponent(name), to: renamed)
            if renamed.pathExtension == "json" {
                let text = try String(contentsOf: renamed, encoding: .utf8)
                try Data(text.replacingOccurrences(of: old, with: number).utf8).write(to: renamed)
            }
        }
    }

    static var applicantCount: Int { 50 }
}

/// SHA-256 of every file under `folder` but the reports (hidden ones too), by relative path.
func outputDigests(_ folder: URL) throws -> [String: String] {
    let manager = FileManager.default
    var paths: [String] = []
    for department in try manager.contentsOfDirectory(atPath: folder.path)
    where !(department.hasPrefix("report") && department.hasSuffix(".json")) {
        // The packets only: a department's roster (名冊) says how the run went, which differs between runs.
        for name in try manager.contentsOfDirectory(atPath: folder.appendingPathComponent(department).path)
        where !name.hasPrefix("名冊") {
            paths.append("\(department)/\(name)")
        }
    }
    guard !paths.isEmpty else { return [:] }
    // sha256sum (coreutils) once for all files; it prints "<hex>  <path>" per file.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = paths.sorted()
    process.currentDirectoryURL = folder
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: readAll(pipe.fileHandleForReading), as: UTF8.self)
    process.waitUntilExit()
    var result: [String: String] = [:]
    for line in output.split(separator: "\n") where line.count > 66 {
        result[String(line.dropFirst(66))] = String(line.prefix(64))
    }
    return result
}

/// The outputs written so far, cheaply (no hashing), while a batch runs.
func outputFileCount(_ folder: URL) -> Int {
    let manager = FileManager.default
    let departments = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
    return departments.reduce(0) { count, department in
        count + ((try? manager.contentsOfDirectory(atPath: folder.appendingPathComponent(department).path)) ?? [])
            .filter { !$0.hasPrefix(".") }.count
    }
}

func reportJSON(_ folder: URL, name: String = "report.json") throws -> [String: Any] {
    let data = try Data(contentsOf: folder.appendingPathComponent(name))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

func reportEntries(_ report: [String: Any]) -> [[String: Any]] {
    report["applicants"] as? [[String: Any]] ?? []
}

@Suite(.serialized) struct BatchTests {
    static let environment = ["SOURCE_DATE_EPOCH": "1767225600"]

    /// The uninterrupted run every other test compares with.
    static let reference: URL = {
        let out = try! Harness.temporaryFolder("batch-reference")
        _ = try! Harness.run(
            ["batch", BatchFixture.root.path, "--out", out.path, "--jobs", "2"], environment: environment, timeout: 600)
        return out
    }()

    @Test func fiftyApplicantsThreeBrokenGiveFortySevenPacketsAndExit65() throws {
        let out = try Harness.temporaryFolder("batch-full")
        let run = try Harness.run(
            ["batch", BatchFixture.root.path, "--out", out.path, "--jobs", "2"], environment: Self.environment,
            timeout: 600)
        #expect(run.status == 65, "\(run.output)")

        let report = try reportJSON(out)
        let entries = reportEntries(report)
        #expect(entries.count == BatchFixture.applicantCount)
        let failed = entries.filter { $0["status"] as? String == "failed" }
        #expect(Set(failed.compactMap { $0["applicant"] as? String }) == Set(BatchFixture.brokenNumbers))
        for entry in failed {
            // Each failure says why, naming the file.
            let errors = entry["errors"] as? [[String: Any]] ?? []
            #expect(!errors.isEmpty)
            #expect(errors.contains { ($0["file"] as? String)?.contains("基本資料") == true }, "\(entry)")
            #expect(entry["pages"] is NSNull)
        }
        let written = entries.filter { ["ok", "warnings", "errors"].contains($0["status"] as? String) }
        #expect(written.count == 47)
        for entry in written {
            // The opening page and the pages of the items the fixture fills (missing items have none).
            #expect((entry["pages"] as? Int ?? 0) > 1)
            #expect((entry["pdfBytes"] as? Int ?? 0) > 10_000)
            #expect(entry["timings"] is [String: Any])
        }
        let totals = try #require(report["totals"] as? [String: Any])
        #expect(totals["failed"] as? Int == 3)
        #expect(totals["applicants"] as? Int == 50)
        #expect(totals["pages"] as? Int == written.reduce(0) { $0 + ($1["pages"] as? Int ?? 0) })

        // 47 PDFs and 47 XMLs, nothing else (no temporaries), and every PDF is whole.
        let digests = try outputDigests(out)
        #expect(digests.keys.filter { $0.hasSuffix(".pdf") }.count == 47)
        #expect(digests.keys.filter { $0.hasSuffix(".xml") }.count == 47)
        #expect(digests.count == 94, "\(digests.keys.sorted())")
        for broken in BatchFixture.brokenNumbers {
            #expect(!digests.keys.contains { $0.contains(broken) })
        }
        let sample = out.appendingPathComponent("001012/01009000.pdf").path
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", sample]).status == 0)

        // The same bytes as another run with the same inputs (and the same as a single render).
        #expect(digests == (try outputDigests(Self.reference)))
        let single = try Harness.temporaryFolder("batch-single")
        let render = try Harness.run(
            ["render", BatchFixture.root.appendingPathComponent("001012/01009000").path, "--out", single.path],
            environment: Self.environment)
        #expect(render.status == 0, "\(render.output)")
        #expect(
            try Data(contentsOf: single.appendingPathComponent("01009000.pdf"))
                == Data(contentsOf: out.appendingPathComponent("001012/01009000.pdf")))
    }

    @Test func twoShardsCoverExactlyTheWholeSet() throws {
        var seen: [String] = []
        var files: [String: String] = [:]
        for index in 0..<2 {
            let out = try Harness.temporaryFolder("batch-shard\(index)")
            let run = try Harness.run(
                ["batch", BatchFixture.root.path, "--out", out.path, "--shard", "\(index)/2"],
                environment: Self.environment, timeout: 600)
            #expect([0, 65].contains(run.status), "\(run.output)")
            let entries = reportEntries(try reportJSON(out, name: "report-\(index)-of-2.json"))
            #expect(!entries.isEmpty && entries.count < BatchFixture.applicantCount)
            seen += entries.compactMap { entry in
                guard let department = entry["department"] as? String, let number = entry["applicant"] as? String
                else { return nil }
                return department + "/" + number
            }
            files.merge(try outputDigests(out)) { first, _ in first }
        }
        #expect(seen.count == BatchFixture.applicantCount)
        #expect(Set(seen).count == BatchFixture.applicantCount)
        #expect(files == (try outputDigests(Self.reference)))
    }

    @Test func aRunKilledAnywhereResumesToTheSameBytes() throws {
        let reference = try outputDigests(Self.reference)
        // Kill at a different moment each time: while fonts load, after a few packets, late.
        for written in [0, 4, 30] {
            let out = try Harness.temporaryFolder("batch-killed")
            let process = Process()
            process.executableURL = Harness.executable
            process.arguments = ["batch", BatchFixture.root.path, "--out", out.path, "--jobs", "2"]
            var environment = ProcessInfo.processInfo.environment
            for (key, value) in Self.environment { environment[key] = value }
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(300)
            while process.isRunning, Date() < deadline,
                outputFileCount(out) < written
            {
                Thread.sleep(forTimeInterval: 0.01)
            }
            Thread.sleep(forTimeInterval: 0.05 * Double(written % 7))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let delay = written
            #expect(process.terminationReason == .uncaughtSignal, "the batch ended before the kill")

            // Whatever exists under its final name is whole: identical to the reference.
            let partial = try outputDigests(out)
            for (path, digest) in partial where !path.contains("/.") {
                #expect(reference[path] == digest, "\(path) after a kill at \(delay) files")
            }

            let resumed = try Harness.run(
                ["batch", BatchFixture.root.path, "--out", out.path, "--jobs", "2", "--resume"],
                environment: Self.environment, timeout: 600)
            #expect(resumed.status == 65, "\(resumed.output)")
            #expect(try outputDigests(out) == reference, "after a kill at \(delay) files")
            let totals = try #require(try reportJSON(out)["totals"] as? [String: Any])
            let finished = partial.keys.filter { $0.hasSuffix(".xml") && !$0.contains("/.") }.count
            #expect(totals["skipped"] as? Int == finished)
        }
    }

    @Test func resumeRendersAgainWhatChanged() throws {
        let root = try BatchFixture.make()
        let out = try Harness.temporaryFolder("batch-changed")
        _ = try Harness.run(["batch", root.path, "--out", out.path], environment: Self.environment, timeout: 600)
        let essay = root.appendingPathComponent("001012/01009005/01009005_就讀動機.txt")
        try Data("我想讀中文系，因為我喜歡閱讀。".utf8).write(to: essay)
        let pdf = out.appendingPathComponent("001012/01009005.pdf")
        let before = try Data(contentsOf: pdf)
        let resumed = try Harness.run(
            ["batch", root.path, "--out", out.path, "--resume"], environment: Self.environment, timeout: 600)
        #expect(resumed.status == 65)
        let entries = reportEntries(try reportJSON(out))
        let changed = entries.first { $0["applicant"] as? String == "01009005" }
        #expect(changed?["status"] as? String != "skipped")
        #expect(entries.filter { $0["status"] as? String == "skipped" }.count == 46)
        #expect(try Data(contentsOf: pdf) != before)
    }

    @Test func interruptFinishesThePacketsInFlight() throws {
        let out = try Harness.temporaryFolder("batch-sigint")
        let process = Process()
        process.executableURL = Harness.executable
        process.arguments = ["batch", BatchFixture.root.path, "--out", out.path, "--jobs", "2"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the first packet, then interrupt.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline,
            ((try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("001012").path)) ?? [])
                .filter({ $0.hasSuffix(".xml") }).isEmpty
        {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let report = try reportJSON(out)
        if process.terminationStatus == 130 {
            #expect(report["interrupted"] as? Bool == true)
            let totals = try #require(report["totals"] as? [String: Any])
            #expect((totals["notStarted"] as? Int ?? 0) > 0)
        } else {
            // The batch was faster than the signal.
            #expect(process.terminationStatus == 65)
        }
        // Every packet written is whole: each PDF has its XML and nothing is left half-named.
        let files = try outputDigests(out)
        #expect(!files.keys.contains { $0.contains("/.") })
        for path in files.keys where path.hasSuffix(".pdf") {
            #expect(files[String(path.dropLast(3)) + "xml"] != nil, "\(path)")
        }
    }

    /// On a terminal one progress line is rewritten in place (count, rate, time left); `script`
    /// (util-linux) gives the batch a pseudo-terminal.
    @Test func progressLineOnATerminal() throws {
        let out = try Harness.temporaryFolder("batch-tty")
        let command = "'\(Harness.executable.path)' batch '\(Harness.root.path)/samples' --out '\(out.path)'"
        let run = try Harness.tool("/usr/bin/script", ["-qec", command, "/dev/null"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("\r\u{1B}[K"))
        let total = Harness.sampleApplicants.count
        #expect(run.stdout.contains("已完成 \(total)/\(total)（每秒"))
        #expect(run.stdout.contains("約剩 0 秒"))
        // Not a terminal: one plain line per applicant.
        let plain = try Harness.run(["batch", "samples", "--out", out.path])
        #expect(plain.stdout.split(separator: "\n").filter { $0.hasPrefix("[") }.count == total)
        #expect(!plain.output.contains("\u{1B}"))
    }

    @Test func usageAndMissingRoot() throws {
        #expect(try Harness.run(["batch", "/nonexistent-root"]).status == 66)
        #expect(try Harness.run(["batch", BatchFixture.root.path, "--shard", "2/2"]).status == 64)
        #expect(try Harness.run(["batch", BatchFixture.root.path, "--jobs", "0"]).status == 64)
    }
}
