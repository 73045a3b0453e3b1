import Foundation
import Testing

/// The corpus of broken applicant folders (Tests/Fixtures/malformed): each gives its documented
/// exit status and a message naming the file — never a crash, a hang or exit 70.
@Suite struct MalformedInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var exit: Int32
        var names: String
        var what: String
        var description: String { name }
    }

    static let corpus = Harness.root.appendingPathComponent("Tests/Fixtures/malformed")

    static let cases: [Case] = {
        guard let text = try? String(contentsOf: corpus.appendingPathComponent("cases.tsv"), encoding: .utf8) else {
            return []
        }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 4, let exit = Int32(columns[1]) else { return nil }
            return Case(name: columns[0], exit: exit, names: columns[2], what: columns[3])
        }
    }()

    static func applicantFolder(_ c: Case) -> String {
        let folder = corpus.appendingPathComponent(c.name)
        let inside = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.first { $0.count == 8 } ?? ""
        return folder.appendingPathComponent(inside).path
    }

    static let profile = corpus.appendingPathComponent("profile-university.json").path

    @Test func theCorpusHasAtLeastThirtyCases() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: cases)
    func checkGivesTheDocumentedExitAndNamesTheFile(_ c: Case) throws {
        let result = try Harness.run(["check", Self.applicantFolder(c), "--profile", Self.profile], timeout: 60)
        #expect(result.status != 70, "internal error on \(c.name): \(result.output)")
        #expect(result.status == c.exit, "\(c.name) (\(c.what)): \(result.output)")
        #expect(result.output.contains(c.names), "\(c.name): the message must name \(c.names)")
    }

    @Test(arguments: cases)
    func renderGivesTheSameExitAndWritesAllOrNothing(_ c: Case) throws {
        let out = try Harness.temporaryFolder("malformed")
        defer { try? FileManager.default.removeItem(at: out) }
        let folder = Self.applicantFolder(c)
        let result = try Harness.run(["render", folder, "--profile", Self.profile, "--out", out.path], timeout: 60)
        #expect(result.status == c.exit, "\(c.name): \(result.output)")
        let written = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        let basicUnusable = c.exit == 65 && c.names.hasSuffix("_基本資料.json")
        if basicUnusable {
            #expect(written.isEmpty, "a failed applicant leaves no output files: \(written)")
        } else {
            #expect(written.sorted().map { String($0.suffix(4)) } == [".pdf", ".xml"], "\(written)")
            if let xml = written.first(where: { $0.hasSuffix(".xml") }) {
                let lint = try Harness.tool(
                    "/usr/bin/xmllint", ["--noout", "--schema", Harness.schema, out.appendingPathComponent(xml).path])
                #expect(lint.status == 0, "\(lint.output)")
            }
        }
    }

    @Test(arguments: cases)
    func checkJSONAlwaysParses(_ c: Case) throws {
        let result = try Harness.run(["check", Self.applicantFolder(c), "--profile", Self.profile, "--json"], timeout: 60)
        #expect(result.status == c.exit)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["exitStatus"] as? Int == Int(c.exit))
        let files = (object?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        #expect(files.contains { $0.contains(c.names) || c.names.contains($0) }, "\(c.name): \(files)")
    }

    // MARK: exit statuses of the command line itself

    @Test func aMissingApplicantFolderIs66() throws {
        let result = try Harness.run(["check", "/nonexistent/01234567"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("/nonexistent/01234567"))
    }

    @Test func aFileInsteadOfAFolderIs66() throws {
        let result = try Harness.run(["check", "Package.swift"])
        #expect(result.status == 66)
    }

    @Test func wrongUsageIs64() throws {
        #expect(try Harness.run(["check"]).status == 64)
        #expect(try Harness.run(["render", "samples/001012/01000101", "--no-such-flag"]).status == 64)
        #expect(try Harness.run(["no-such-command"]).status == 64)
    }

    @Test func aMissingProfileIs66AndABadOneIs65() throws {
        let applicant = Harness.sampleApplicants[0]
        let missing = try Harness.run(["check", applicant, "--profile", "/nonexistent/profile.json"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("/nonexistent/profile.json"))

        let folder = try Harness.temporaryFolder("profile")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad: [(String, String)] = [
            ("truncated.json", #"{"招生學年度": 115, "招生管道": "#),
            ("array.json", "[]"),
            ("channel.json", #"{"招生學年度": 115, "招生管道": "夜間部", "校系代碼": "001012", "審查項目": ["A"]}"#),
            ("item.json", #"{"招生學年度": 115, "招生管道": "大學個人申請", "校系代碼": "001012", "審查項目": ["B-1"]}"#),
            ("code.json", #"{"招生學年度": 115, "招生管道": "大學個人申請", "校系代碼": "12", "審查項目": ["A"]}"#),
            ("cap.json", #"{"招生學年度": 115, "招生管道": "大學個人申請", "校系代碼": "001012", "審查項目": ["A"], "上限": {"多元表現": -1}}"#),
        ]
        for (name, text) in bad {
            let path = folder.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let result = try Harness.run(["check", applicant, "--profile", path])
            #expect(result.status == 65, "\(name): \(result.output)")
            #expect(result.stderr.contains(name), "\(name): \(result.output)")
        }
    }

    @Test func helpOnEveryCommand() throws {
        // Each command's help names its arguments and options and, for the commands that take
        // input, the exit statuses a script must handle.
        let expected: [[String]: [String]] = [
            []: [
                "render", "check", "batch", "--version", "-V", "LANG", "SOURCE_DATE_EPOCH", "PORTFOLIO_EXPORT_FONT_PATH",
                "PORTFOLIO_EXPORT_DATA",
            ],
            ["render"]: ["<applicant-folder>", "--profile", "--out", "--preview", ".preview.pdf", "73"],
            ["check"]: ["<applicant-folder>", "--profile", "--json", "69"],
            ["batch"]: ["<root>", "--out", "--jobs", "--shard", "--resume", "report-<I>-of-<N>.json"],
        ]
        for (command, words) in expected {
            let result = try Harness.run(command + ["--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.contains("USAGE: portfolio-export \(command.joined(separator: " "))"), "\(command)")
            for word in words {
                #expect(result.stdout.contains(word), "\(command) --help lacks \(word)")
            }
        }
    }
}
