import Foundation
import Testing

/// Whole-batch checks before the long run: `batch --dry-run` and `check <root>` read every
/// department and applicant and write nothing; a folder with no applicant folders is an error.
@Suite struct RootCheckTests {
    /// `<root>/profiles/`, `<root>/001012/<2 samples>` and `<root>/tools/` (not a department).
    static func root(_ name: String) throws -> URL {
        let manager = FileManager.default
        let root = try Harness.temporaryFolder(name)
        try manager.createDirectory(at: root.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try manager.copyItem(
            at: Harness.root.appendingPathComponent("samples/profiles/001012.json"),
            to: root.appendingPathComponent("profiles/001012.json"))
        try manager.createDirectory(at: root.appendingPathComponent("001012"), withIntermediateDirectories: true)
        for number in ["01000103", "01000104"] {
            try manager.copyItem(
                at: Harness.root.appendingPathComponent("samples/001012/\(number)"),
                to: root.appendingPathComponent("001012/\(number)"))
        }
        // A folder not named like a 校系代碼 is not a department (no profile is asked for it).
        try manager.createDirectory(at: root.appendingPathComponent("tools/scripts"), withIntermediateDirectories: true)
        return root
    }

    @Test func dryRunChecksEverythingAndWritesNothing() throws {
        let root = try Self.root("dryrun")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let dry = try Harness.run(["batch", root.path, "--out", out.path, "--dry-run"])
        #expect(dry.status == 0, "\(dry.output)")
        #expect(dry.stdout.contains("001012（設定檔 001012.json）：2 位申請生"), "\(dry.stdout)")
        #expect(!dry.output.contains("tools"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let check = try Harness.run(["check", root.path], profile: nil)
        #expect(check.status == 0, "\(check.output)")
        #expect(check.stdout.contains("檢查完成（未寫出任何檔案）：2 位申請生"), "\(check.stdout)")

        // A broken applicant makes both exit 65, as batch would, naming it.
        try FileManager.default.removeItem(at: root.appendingPathComponent("001012/01000104/01000104_基本資料.json"))
        for arguments in [["batch", root.path, "--out", out.path, "--dry-run"], ["check", root.path]] {
            let result = try Harness.run(arguments, profile: nil)
            #expect(result.status == 65, "\(arguments): \(result.output)")
            #expect(result.stdout.contains("01000104"), "\(result.stdout)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))

        // An output folder that cannot be written is found before the run.
        let blocked = root.appendingPathComponent("blocked")
        try Data("a file".utf8).write(to: blocked)
        let unwritable = try Harness.run(["batch", root.path, "--out", blocked.appendingPathComponent("out").path, "--dry-run"])
        #expect(unwritable.status == 73, "\(unwritable.output)")
    }

    @Test func aFolderWithoutApplicantsIsAnError() throws {
        let root = try Harness.temporaryFolder("empty-root")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("notes"), withIntermediateDirectories: true)
        let batch = try Harness.run(["batch", root.path, "--out", root.appendingPathComponent("out").path])
        #expect(batch.status == 66, "\(batch.output)")
        #expect(batch.stderr.contains("沒有申請生資料夾"), "\(batch.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out/report.json").path))
    }
}

/// A roster per department: `名冊.csv` (UTF-8 with BOM, read back as CSV) and `名冊.pdf` (checked as a
/// packet is), regenerated on `--resume`.
@Suite struct RosterTests {
    @Test func batchWritesARosterPerDepartment() throws {
        let root = try RootCheckTests.root("roster")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let batch = try Harness.run(["batch", root.path, "--out", out.path])
        #expect(batch.status == 0, "\(batch.output)")
        let csvURL = out.appendingPathComponent("001012/名冊.csv")
        let bytes = try Data(contentsOf: csvURL)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        // Read back with Python's csv module (what a spreadsheet's importer does).
        let parsed = try Harness.tool(
            "/usr/bin/python3",
            ["-c", "import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))", csvURL.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [[String]])
        #expect(rows.first?.prefix(3) == ["應試號碼", "姓名", "狀態"])
        #expect(rows.count == 3)
        #expect(rows[1][0] == "01000103" && rows[1][1] == "張語涵" && rows[1][2] == "有警告")
        #expect(rows[2][0] == "01000104" && rows[2][1] == "吳柏諺")
        #expect(rows[2][6].split(separator: " ").contains("C"))  // 未提供
        let attributes = try FileManager.default.attributesOfItem(atPath: csvURL.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let pdf = out.appendingPathComponent("001012/名冊.pdf").path
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", pdf]).status == 0)
        let fonts = try Harness.tool("/usr/bin/pdffonts", [pdf]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty && fonts.allSatisfy { $0.contains(" yes yes yes ") }, "\(fonts)")
        let text = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"]).stdout
        #expect(text.contains("吳柏諺") && text.contains("01000103"))
        #expect(try Harness.tool("/usr/bin/pdfinfo", ["-meta", pdf]).stdout.contains("pdfaid"))

        // --resume: nothing re-rendered, the roster written again with every applicant.
        try FileManager.default.removeItem(at: csvURL)
        let resumed = try Harness.run(["batch", root.path, "--out", out.path, "--resume"])
        #expect(resumed.status == 0, "\(resumed.output)")
        let again = try String(contentsOf: csvURL, encoding: .utf8)
        #expect(again.contains("01000103,張語涵,沿用"), "\(again)")
    }
}
