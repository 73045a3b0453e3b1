import Foundation
import Testing

/// The built tool on applicant folders made hostile by the test: nothing outside the folder reaches
/// the packet, and nothing that is not a regular file is opened (a FIFO cannot hang the run).
@Suite struct ContainmentEndToEndTests {
    /// Text only the file outside holds; it must be in no output.
    static let secret = "外洩測試祕密內容"

    /// A copy of sample 01000101 under `<tmp>/001012/01000101`, with the department's profile, and a
    /// file outside the applicant folder holding `secret`.
    func hostileCopy() throws -> (folder: URL, outside: URL, out: URL) {
        let root = try Harness.temporaryFolder("containment")
        let folder = root.appendingPathComponent("001012/01000101")
        try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Harness.root.appendingPathComponent("samples/001012/01000101"), to: folder)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Harness.root.appendingPathComponent("samples/profiles/001012.json"),
            to: root.appendingPathComponent("profiles/001012.json"))
        let outside = root.appendingPathComponent("secret.md")
        try Data("# \(Self.secret)\n\n\(Self.secret)，不應出現在備審資料中。\n".utf8).write(to: outside)
        return (folder, outside, root.appendingPathComponent("out"))
    }

    func replace(_ folder: URL, _ name: String, withLinkTo target: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.removeItem(at: url)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    func outputs(_ out: URL) throws -> (text: String, xml: String) {
        let pdf = out.appendingPathComponent("01000101.pdf").path
        let text = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"]).stdout
        let xml = try String(contentsOf: out.appendingPathComponent("01000101.xml"), encoding: .utf8)
        return (text, xml)
    }

    @Test func selfWrittenFilesLinkedOutsideAreRefusedAndNotTypeset() throws {
        let (folder, outside, out) = try hostileCopy()
        try replace(folder, "01000101_就讀動機.md", withLinkTo: outside.path)
        try replace(folder, "01000101_高中學習歷程反思.txt", withLinkTo: "/etc/passwd")
        try replace(folder, "01000101_第6學期成績單.pdf", withLinkTo: "../../secret.md")
        let result = try Harness.run(["render", folder.path, "--out", out.path])
        #expect(result.status == 65, "\(result.output)")
        for name in ["01000101_就讀動機.md", "01000101_高中學習歷程反思.txt", "01000101_第6學期成績單.pdf"] {
            #expect(result.stderr.contains("\(name)"), "\(name)")
        }
        #expect(result.stderr.contains("無法讀取檔案：符號連結指向申請生資料夾之外"))
        let (text, xml) = try outputs(out)
        for output in [text, xml, result.output] {
            #expect(!output.contains(Self.secret))
            #expect(!output.contains("root:x:0"))
        }
        // The refused files are named in the packet's own diagnostics.
        #expect(xml.contains("01000101_就讀動機.md"))
        #expect(text.contains("無法讀取"))
    }

    @Test func aFIFOOrAFolderInAFilesPlaceIsAnErrorNotAHang() throws {
        let (folder, _, out) = try hostileCopy()
        let transcript = folder.appendingPathComponent("01000101_第6學期成績單.pdf")
        try FileManager.default.removeItem(at: transcript)
        #expect(mkfifo(transcript.path, 0o600) == 0)
        let motivation = folder.appendingPathComponent("01000101_就讀動機.md")
        try FileManager.default.removeItem(at: motivation)
        try FileManager.default.createDirectory(at: motivation, withIntermediateDirectories: false)
        // The harness ends a run that hangs after the timeout and fails the test.
        let result = try Harness.run(["render", folder.path, "--out", out.path], timeout: 60)
        #expect(result.status == 65, "\(result.output)")
        #expect(result.stderr.contains("01000101_第6學期成績單.pdf"))
        #expect(result.stderr.contains("此處是具名管道而不是一般檔案"))
        #expect(result.stderr.contains("01000101_就讀動機.md"))
        #expect(result.stderr.contains("此處是資料夾而不是檔案"))
        let english = try Harness.run(["check", folder.path], environment: ["LANG": "en_US.UTF-8"], timeout: 60)
        #expect(english.status == 65)
        #expect(english.stdout.contains("a named pipe (FIFO), not a regular file; not opened"), "\(english.output)")
    }

    @Test func basicDataLinkedFromAnotherApplicantMakesNoPacket() throws {
        let (folder, _, out) = try hostileCopy()
        let other = folder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("basic.json")
        try FileManager.default.copyItem(at: folder.appendingPathComponent("01000101_基本資料.json"), to: other)
        try replace(folder, "01000101_基本資料.json", withLinkTo: other.path)
        let result = try Harness.run(["render", folder.path, "--out", out.path])
        #expect(result.status == 65, "\(result.output)")
        #expect(result.stderr.contains("01000101_基本資料.json"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("01000101.pdf").path))
    }

    @Test func aFIFOInAProfilesPlaceIsRefusedNotOpened() throws {
        let (folder, _, out) = try hostileCopy()
        let profile = folder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("profiles/001012.json")
        try FileManager.default.removeItem(at: profile)
        #expect(mkfifo(profile.path, 0o600) == 0)
        for arguments in [["render", folder.path, "--out", out.path], ["render", folder.path, "--profile", profile.path, "--out", out.path]] {
            let result = try Harness.run(arguments, timeout: 60)
            #expect(result.status == 66, "\(result.output)")
            #expect(result.stderr.contains("此處是具名管道而不是一般檔案"), "\(result.output)")
        }
    }
}
