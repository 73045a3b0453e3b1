import Foundation
import Testing

/// The command line as an office's staff meet it: usage, suggestions, short options, and one clear
/// sentence when the output cannot be written.
@Suite struct CommandLineTests {
    static let english = ["LANG": "en_US.UTF-8"]

    @Test func noArgumentsPrintsTheUsageOnStderrAnd64() throws {
        let result = try Harness.run([], profile: nil)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("portfolio-export") && result.stderr.contains("render"), "\(result.stderr)")
        #expect(result.stderr.contains("portfolio-export --help"))
    }

    @Test func aMisspeltCommandGetsTheNearestOne() throws {
        let chinese = try Harness.run(["rendr", "samples/001012/01000101"], profile: nil)
        #expect(chinese.status == 64)
        #expect(chinese.stderr.contains("沒有「rendr」這個命令") && chinese.stderr.contains("是要用「render」嗎？"), "\(chinese.stderr)")
        #expect(chinese.stdout.isEmpty)

        let english = try Harness.run(["bacth", "samples"], environment: Self.english, profile: nil)
        #expect(english.status == 64)
        #expect(english.stderr.contains(#"did you mean "batch"?"#), "\(english.stderr)")

        // Nothing near: no guess, the list of commands.
        let far = try Harness.run(["xyzzyq"], profile: nil)
        #expect(far.status == 64)
        #expect(!far.stderr.contains("是要用") && far.stderr.contains("render、check、batch"), "\(far.stderr)")
    }

    @Test func aMisspeltOptionGetsTheNearestOne() throws {
        let result = try Harness.run(["render", "samples/001012/01000101", "--ou", "x"], profile: nil)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--out"), "\(result.stderr)")
    }

    @Test func shortOptionsAreTheLongOnes() throws {
        let out = try Harness.temporaryFolder("short-options")
        defer { try? FileManager.default.removeItem(at: out) }
        let rendered = try Harness.run(
            ["render", "samples/001012/01000104", "-p", "samples/profiles/001012.json", "-o", out.path], profile: nil)
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("01000104.pdf").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("01000104.xml").path))

        let batchOut = out.appendingPathComponent("batch")
        let batch = try Harness.run(["batch", "samples", "-o", batchOut.path, "-j", "1"], profile: nil)
        #expect(batch.status == 0 || batch.status == 65, "\(batch.stderr)")
        let report = try reportJSON(batchOut)
        #expect(reportEntries(report).count == Harness.sampleApplicants.count)
        #expect(FileManager.default.fileExists(atPath: batchOut.appendingPathComponent("001012/01000104.pdf").path))
    }

    /// A file where the output folder should be: exit 73 and one sentence naming the file, in the
    /// reader's language, with none of the C library's or Foundation's English.
    @Test func anUnwritableOutputIsOneSentence() throws {
        let folder = try Harness.temporaryFolder("unwritable-out")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let out = file.appendingPathComponent("out").path

        let render = try Harness.run(["render", "samples/001012/01000104", "-p", "samples/profiles/001012.json", "-o", out], profile: nil)
        #expect(render.status == 73, "\(render.stderr)")
        #expect(render.stderr.contains("「\(file.path)」是檔案，不是資料夾"), "\(render.stderr)")

        let batch = try Harness.run(["batch", "samples", "-o", out, "-j", "1"], profile: nil)
        #expect(batch.status == 73, "\(batch.stderr)")
        #expect(batch.stderr.contains("是檔案，不是資料夾"), "\(batch.stderr)")

        let english = try Harness.run(
            ["batch", "samples", "-o", out, "-j", "1"], environment: Self.english, profile: nil)
        #expect(english.status == 73)
        #expect(english.stderr.contains("is a file, not a folder"), "\(english.stderr)")

        for result in [render, batch, english] {
            for fragment in ["Error Domain", "NSCocoa", "errno", "Not a directory", "File exists", "Optional("] {
                #expect(!result.stderr.contains(fragment), "\(fragment) in: \(result.stderr)")
            }
            #expect(result.stderr.split(separator: "\n").count <= 2, "\(result.stderr)")
        }
    }

    /// A folder under the root that looks meant as a department but is not named by a 校系代碼 is
    /// named on stderr; folders of words are left alone quietly.
    @Test func aMisnamedDepartmentFolderIsReported() throws {
        let root = try Harness.temporaryFolder("misnamed-department")
        defer { try? FileManager.default.removeItem(at: root) }
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try manager.copyItem(
            at: Harness.root.appendingPathComponent("samples/profiles/001012.json"),
            to: root.appendingPathComponent("profiles/001012.json"))
        try BatchFixture.clone("samples/001012/01000104", into: root, department: "001012", number: "01000198")
        try BatchFixture.clone("samples/001012/01000104", into: root, department: "001012-old", number: "01000199")
        try manager.createDirectory(at: root.appendingPathComponent("tools"), withIntermediateDirectories: true)

        let result = try Harness.run(["batch", root.path, "--dry-run"], profile: nil)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("略過「001012-old」"), "\(result.stderr)")
        #expect(!result.stderr.contains("「tools」"), "\(result.stderr)")
    }
}
