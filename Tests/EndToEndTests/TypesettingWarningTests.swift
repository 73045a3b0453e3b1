import Foundation
import Testing

/// T9 and T10 as a user meets them: `check` and `render` report Kangxi radicals and characters no
/// font has; the PDF still renders, with a box where a character could not be drawn.
@Suite struct TypesettingWarningTests {
    @Test func kangxiRadicalIsReported() throws {
        let result = try Harness.run(["check", "samples/001012/01000102", "--json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.contains { $0["code"] as? String == "kangxi-radical" && $0["item"] as? String == "O" })
    }

    @Test func aCharacterNoFontHasIsReportedAndBoxed() throws {
        let root = try Harness.temporaryFolder("nofont")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("001012/08000001")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(#"{"應試號碼": "08000001", "學生中文姓名": "王小明"}"#.utf8)
            .write(to: folder.appendingPathComponent("08000001_基本資料.json"))
        // U+10FFFD is a private-use code point no face in the chain has.
        try Data("我的名字裡有一個字\u{10FFFD}，電腦打不出來。".utf8)
            .write(to: folder.appendingPathComponent("08000001_就讀動機.txt"))

        let check = try Harness.run(["check", folder.path, "--json"])
        #expect(check.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.contains { $0["code"] as? String == "glyph-missing" && $0["item"] as? String == "P" })

        let out = root.appendingPathComponent("out")
        let render = try Harness.run(["render", folder.path, "--out", out.path])
        #expect(render.status == 0, "\(render.output)")
        #expect(render.stderr.contains("U+10FFFD"))
        let pdf = out.appendingPathComponent("08000001.pdf")
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", pdf.path]).status == 0)
        // The text around the box is still there.
        let text = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf.path, "-"]).stdout
        #expect(text.contains("電腦打不出來"))
    }
}
