import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Personal data in hostile places, and what the outputs are allowed to be: IDs typed where they do
/// not belong never reach an output, output files are owner-only, a write failure is 73.
@Suite(.serialized) struct PrivacyTests {
    static let environment = ["SOURCE_DATE_EPOCH": "1767225600"]

    /// Every ID the fixture plants (and the sample's own, in the ID field), and the birth date in
    /// each spelling an output could use.
    static let forbidden = [
        "A123456789", "B223456789", "C123456789", "D123456789", "AB12345678", "Ａ８１２３４５６７８", "G912345678",
        "F123456789", "E123456783", "0970109", "2008-01-09", "2008/01/09", "97/01/09",
    ]

    /// `<root>/001012/01000104` from the sample, with IDs in 應試號碼, a 簡述, an essay, an attached
    /// file's name and an unknown key; and `<root>/001012/F123456789`, a folder named like an ID.
    static func hostileRoot() throws -> (root: URL, applicant: URL, idFolder: URL) {
        let root = try Harness.temporaryFolder("privacy-root")
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try manager.copyItem(
            at: Harness.root.appendingPathComponent("samples/profiles/001012.json"),
            to: root.appendingPathComponent("profiles/001012.json"))
        let number = "01000104"
        let applicant = root.appendingPathComponent("001012/\(number)")
        try manager.createDirectory(at: applicant.deletingLastPathComponent(), withIntermediateDirectories: true)
        try manager.copyItem(at: Harness.root.appendingPathComponent("samples/001012/\(number)"), to: applicant)

        func rewrite(_ name: String, _ change: (String) -> String) throws {
            let url = applicant.appendingPathComponent(name)
            try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
        }
        try rewrite("\(number)_基本資料.json") { text in
            text.replacingOccurrences(of: "\"應試號碼\": \"01000104\"", with: "\"應試號碼\": \"A123456789\"")
                .replacingOccurrences(of: "\"班別\": \"\"", with: "\"班別\": \"\", \"備註B223456789\": \"G912345678\"")
        }
        try manager.moveItem(
            at: applicant.appendingPathComponent("files/reading-circle.jpg"),
            to: applicant.appendingPathComponent("files/D123456789_reading.jpg"))
        try rewrite("\(number)_課程學習成果.json") { text in
            text.replacingOccurrences(of: "files/reading-circle.jpg", with: "files/D123456789_reading.jpg")
                .replacingOccurrences(of: "的講稿與討論紀錄。", with: "的講稿與討論紀錄，學號C123456789。")
        }
        try rewrite("\(number)_就讀動機.txt") { text in
            text + "\n我的居留證號碼是AB12345678，新式Ａ８１２３４５６７８。\n"
        }

        let idFolder = root.appendingPathComponent("001012/F123456789")
        try manager.createDirectory(at: idFolder, withIntermediateDirectories: true)
        try manager.copyItem(
            at: applicant.appendingPathComponent("\(number)_基本資料.json"),
            to: idFolder.appendingPathComponent("F123456789_基本資料.json"))
        return (root, applicant, idFolder)
    }

    /// Every file under `folder`, as text: PDFs by `pdftotext` and by their raw bytes (metadata,
    /// outline), with the XML they carry (`pdfdetach`); everything else as it is.
    static func texts(under folder: URL) throws -> [(String, String)] {
        var result: [(String, String)] = []
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: folder.path) else { return [] }
        for case let relative as String in walker {
            let url = folder.appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let bytes = try Data(contentsOf: url)
            result.append((relative, String(decoding: bytes, as: UTF8.self)))
            result.append((relative + " (latin1)", String(bytes.map { Character(Unicode.Scalar($0)) })))
            if relative.hasSuffix(".pdf") {
                let text = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", url.path, "-"])
                #expect(text.status == 0)
                result.append((relative + " (pdftotext)", text.stdout))
                let detached = try Harness.temporaryFolder("privacy-detach")
                _ = try Harness.tool("/usr/bin/pdfdetach", ["-saveall", "-o", detached.path, url.path])
                for name in try manager.contentsOfDirectory(atPath: detached.path) {
                    let embedded = try Data(contentsOf: detached.appendingPathComponent(name))
                    result.append((relative + " embedded " + name, String(decoding: embedded, as: UTF8.self)))
                }
            }
        }
        return result
    }

    static func expectNothingPersonal(_ texts: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) {
        for (place, text) in texts {
            for value in forbidden where text.contains(value) {
                Issue.record("\(value) in \(place)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func idsTypedAnywhereNeverReachAnOutput() throws {
        let (root, applicant, idFolder) = try Self.hostileRoot()
        let out = try Harness.temporaryFolder("privacy-out")
        var shown: [(String, String)] = []
        func record(_ name: String, _ run: Harness.Result) {
            shown.append((name + " stdout", run.stdout))
            shown.append((name + " stderr", run.stderr))
        }

        let check = try Harness.run(["check", applicant.path], environment: Self.environment)
        record("check", check)
        let checkJSON = try Harness.run(["check", applicant.path, "--json"], environment: Self.environment)
        record("check --json", checkJSON)
        let english = try Harness.run(["check", applicant.path], environment: ["LANG": "en_US.UTF-8"])
        record("check (en)", english)
        let render = try Harness.run(
            ["render", applicant.path, "--out", out.appendingPathComponent("render").path], environment: Self.environment)
        record("render", render)
        #expect([0, 65].contains(render.status), "\(render.output)")
        let preview = try Harness.run(
            ["render", applicant.path, "--preview", "--out", out.appendingPathComponent("preview").path],
            environment: Self.environment)
        record("render --preview", preview)
        let refused = try Harness.run(
            ["render", idFolder.path, "--out", out.appendingPathComponent("refused").path], environment: Self.environment)
        record("render of the ID-named folder", refused)
        let refusedJSON = try Harness.run(["check", idFolder.path, "--json"], environment: Self.environment)
        record("check --json of the ID-named folder", refusedJSON)
        let batch = try Harness.run(
            ["batch", root.path, "--out", out.appendingPathComponent("batch").path, "--jobs", "1"],
            environment: Self.environment)
        record("batch", batch)

        // The ID-named folder is refused as a data error, named masked; nothing is written for it.
        #expect(refused.status == 65, "\(refused.output)")
        #expect(refused.stderr.contains("**********"), "\(refused.stderr)")
        #expect(refusedJSON.stdout.contains("folder-name-is-national-id"), "\(refusedJSON.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("refused").path))
        #expect(batch.status == 65, "\(batch.output)")
        let entries = reportEntries(try reportJSON(out.appendingPathComponent("batch")))
        #expect(entries.count == 2)
        #expect(entries.contains { $0["applicant"] as? String == "**********" && $0["status"] as? String == "failed" })
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("batch/001012").path).sorted()
                == ["01000104.pdf", "01000104.xml", "名冊.csv", "名冊.pdf"])

        // The attachment with an ID in its name is still found and placed; its name is shown masked.
        #expect(!checkJSON.stdout.contains("attachment-missing"), "\(checkJSON.stdout)")
        let pdfText = try Harness.tool(
            "/usr/bin/pdftotext", ["-enc", "UTF-8", out.appendingPathComponent("render/01000104.pdf").path, "-"])
        #expect(pdfText.stdout.contains("**********_reading.jpg"), "\(pdfText.stdout)")
        #expect(pdfText.stdout.contains("學號**********"))

        Self.expectNothingPersonal(shown)
        Self.expectNothingPersonal(try Self.texts(under: out))
    }

    /// Output files 0600 and the folders the tool makes 0700, whatever the umask.
    @Test(arguments: ["022", "000"])
    func outputsAreOwnerOnly(umask: String) throws {
        let base = try Harness.temporaryFolder("privacy-modes")
        let renderOut = base.appendingPathComponent("made/by/render")
        let batchOut = base.appendingPathComponent("made-by-batch")
        for arguments in [
            ["render", "samples/001012/01000104", "--out", renderOut.path],
            ["batch", "samples", "--out", batchOut.path, "--jobs", "2"],
        ] {
            let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
            let run = try Harness.tool(
                "/bin/sh", ["-c", "cd '\(Harness.root.path)' && umask \(umask) && exec '\(Harness.executable.path)' \(quoted)"])
            #expect([0, 65].contains(run.status), "\(run.output)")
        }
        var checked = 0
        for folder in [base.appendingPathComponent("made"), batchOut] {
            #expect(mode(folder) == 0o700, "\(folder.path)")
            for relative in FileManager.default.subpaths(atPath: folder.path) ?? [] {
                let url = folder.appendingPathComponent(relative)
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
                #expect(mode(url) == (isFolder.boolValue ? 0o700 : 0o600), "\(relative): \(String(mode(url), radix: 8))")
                checked += 1
            }
        }
        // render: made/by/render, two files; batch: two departments, a PDF and an XML per sample
        // applicant, the report, and each department's roster (csv and pdf).
        #expect(checked == 2 + 2 + 2 + 2 * Harness.sampleApplicants.count + 1 + 4)
    }

    func mode(_ url: URL) -> mode_t {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return 0 }
        return info.st_mode & 0o7777
    }

    /// The tests run as root, whom permissions do not stop: a file standing where the department's
    /// folder should be, and /proc (no regular files can be made there, even by root), stand in for
    /// a read-only or full output folder.
    @Test func anOutputThatCannotBeWrittenIs73() throws {
        let out = try Harness.temporaryFolder("privacy-unwritable")
        try Data("in the way".utf8).write(to: out.appendingPathComponent("001012"))
        let batch = try Harness.run(["batch", "samples", "--out", out.path, "--jobs", "2"], environment: Self.environment)
        #expect(batch.status == 73, "\(batch.output)")
        let entries = reportEntries(try reportJSON(out))
        let blocked = entries.filter { $0["department"] as? String == "001012" }
        #expect(!blocked.isEmpty && blocked.allSatisfy { $0["outputUnwritable"] as? Bool == true && $0["status"] as? String == "failed" })
        // The other department is written as usual.
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("2A0105/02050001.pdf").path))

        let render = try Harness.run(
            ["render", "samples/001012/01000104", "--out", out.appendingPathComponent("001012/sub").path])
        #expect(render.status == 73, "\(render.output)")
        let proc = try Harness.run(["render", "samples/001012/01000104", "--out", "/proc"])
        #expect(proc.status == 73, "\(proc.output)")
        let procBatch = try Harness.run(["batch", "samples", "--out", "/proc/portfolio-export-out"])
        #expect(procBatch.status == 73, "\(procBatch.output)")
    }

    @Test func shardsSharingOneOutFolderEachWriteTheirOwnReport() throws {
        let out = try Harness.temporaryFolder("privacy-shards")
        var numbers: [String] = []
        for index in 0..<2 {
            let run = try Harness.run(
                ["batch", "samples", "--out", out.path, "--shard", "\(index)/2"], environment: Self.environment)
            #expect(run.status == 0, "\(run.output)")
            numbers += reportEntries(try reportJSON(out, name: "report-\(index)-of-2.json")).compactMap {
                $0["applicant"] as? String
            }
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("report.json").path))
        let total = Harness.sampleApplicants.count
        #expect(numbers.count == total && Set(numbers).count == total)

        // auto/N from a Kubernetes indexed Job, auto from a Slurm array.
        let kubernetes = try Harness.run(
            ["batch", "samples", "--out", out.path, "--shard", "auto/2"], environment: ["JOB_COMPLETION_INDEX": "1"])
        #expect(kubernetes.status == 0, "\(kubernetes.output)")
        let slurm = try Harness.run(
            ["batch", "samples", "--out", out.path, "--shard", "auto", "--resume"],
            environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3"])
        #expect(slurm.status == 0, "\(slurm.output)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report-2-of-3.json").path))
        #expect(try Harness.run(["batch", "samples", "--shard", "auto"]).status == 64)
        #expect(
            try Harness.run(["batch", "samples", "--shard", "auto/2"], environment: ["JOB_COMPLETION_INDEX": "2"]).status
                == 64)
    }
}
