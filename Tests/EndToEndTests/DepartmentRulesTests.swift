import Foundation
import Testing

/// What a department receives, run on folders built here from the samples: over a cap and
/// uncertified outcomes are data errors with every record still shown; profiles are never
/// defaulted; the 技專 caps count per item.
@Suite struct DepartmentRulesTests {
    /// `<root>/profiles/<profile's department>.json` and `<root>/<department>/<number>` copied from a
    /// sample; `change` edits the applicant's JSON files as text.
    static func department(
        _ name: String, sample: String, profile: String?, change: (URL) throws -> Void = { _ in }
    ) throws -> (root: URL, applicant: URL) {
        let manager = FileManager.default
        let root = try Harness.temporaryFolder(name)
        let parts = sample.split(separator: "/").map(String.init)
        if let profile {
            try manager.createDirectory(at: root.appendingPathComponent("profiles"), withIntermediateDirectories: true)
            try manager.copyItem(
                at: Harness.root.appendingPathComponent("samples/profiles/\(profile).json"),
                to: root.appendingPathComponent("profiles/\(parts[0]).json"))
        }
        let applicant = root.appendingPathComponent(sample)
        try manager.createDirectory(at: applicant.deletingLastPathComponent(), withIntermediateDirectories: true)
        try manager.copyItem(at: Harness.root.appendingPathComponent("samples/\(sample)"), to: applicant)
        try change(applicant)
        return (root, applicant)
    }

    static func rewrite(_ file: URL, _ change: (String) -> String) throws {
        try Data(change(try String(contentsOf: file, encoding: .utf8)).utf8).write(to: file)
    }

    static func diagnostics(_ json: String) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return object["diagnostics"] as? [[String: Any]] ?? []
    }

    /// 01000101 with its two outcomes of item E filed under B and D instead: five 課程學習成果
    /// against the cap of 3, one of them uncertified.
    @Test func overACapAndUncertifiedAreDataErrorsAndEverythingIsShown() throws {
        let (root, applicant) = try Self.department("overcap", sample: "001012/01000101", profile: "001012") { folder in
            try Self.rewrite(folder.appendingPathComponent("01000101_課程學習成果.json")) { text in
                var json = try! JSONSerialization.jsonObject(with: Data(text.utf8)) as! [[String: Any]]
                json[1]["審查項目代碼"] = "B"
                json[3]["審查項目代碼"] = "D"
                json[3]["認證狀態"] = "未認證"
                return String(decoding: try! JSONSerialization.data(withJSONObject: json), as: UTF8.self)
            }
        }
        defer { try? FileManager.default.removeItem(at: root) }
        let check = try Harness.run(["check", applicant.path, "--json"])
        #expect(check.status == 65, "\(check.stderr)")
        let diagnostics = try Self.diagnostics(check.stdout)
        let overCap = try #require(diagnostics.first { $0["code"] as? String == "over-cap" })
        #expect(overCap["severity"] as? String == "error")
        #expect((overCap["message"] as? String)?.contains("課程學習成果：收到 5 件，上限 3 件") == true, "\(overCap)")
        let uncertified = try #require(diagnostics.first { $0["code"] as? String == "outcome-uncertified" })
        #expect(uncertified["item"] as? String == "D" && uncertified["field"] as? String == "[3].認證狀態")

        let out = root.appendingPathComponent("out")
        let render = try Harness.run(["render", applicant.path, "--out", out.path, "--preview"])
        #expect(render.status == 65, "\(render.stderr)")
        let pdf = out.appendingPathComponent("01000101.preview.pdf").path
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", pdf]).status == 0)
        let text = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"]).stdout.filter { !$0.isWhitespace }
        // Every outcome is rendered: the exporter does not choose which are "excess".
        for subject in ["比較〈桃花源記〉", "用Python分析2024年校園噪音", "以紫高麗菜汁製作酸鹼指示劑"] {
            #expect(text.contains(subject.filter { !$0.isWhitespace }), "\(subject)")
        }
        #expect(text.contains("課程學習成果收到5件，上限3件"))
        #expect(text.contains("未認證的課程學習成果"))
        #expect(!text.contains("超過上限2件"))
        let xml = out.appendingPathComponent("01000101.preview.xml").path
        #expect(try Harness.tool("/usr/bin/xmllint", ["--noout", "--schema", Harness.schema, xml]).status == 0)
        let xmlText = try String(contentsOfFile: xml, encoding: .utf8)
        #expect(xmlText.contains(#"capScope="課程學習成果" received="5" cap="3""#))
        #expect(xmlText.contains(#"code="outcome-uncertified""#))
    }

    /// No profile for the department and none named: an error naming the file, exit 66, no packet.
    /// Named `builtin:`, the built-in one is used; `batch` checks every department first.
    @Test func aMissingProfileIsAnErrorNeverADefault() throws {
        let (root, applicant) = try Self.department("noprofile", sample: "001012/01000104", profile: nil)
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let expected = root.appendingPathComponent("profiles/001012.json").path
        for arguments in [["check", applicant.path], ["render", applicant.path, "--out", out.path]] {
            let result = try Harness.run(arguments, profile: nil)
            #expect(result.status == 66, "\(result.output)")
            #expect(result.stderr.contains("找不到校系審查設定檔「\(expected)」"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("01000104.pdf").path))
        let named = try Harness.run(["render", applicant.path, "--out", out.path, "--profile", "builtin:申請入學"], profile: nil)
        #expect(named.status == 0, "\(named.output)")
        let xml = try String(contentsOf: out.appendingPathComponent("01000104.xml"), encoding: .utf8)
        #expect(xml.contains("<profileSource>builtin:申請入學</profileSource>"))
        let unknown = try Harness.run(["check", applicant.path, "--profile", "builtin:夜間部"], profile: nil)
        #expect(unknown.status == 66 && unknown.stderr.contains("夜間部"), "\(unknown.output)")

        // A second department with its profile: batch still renders nothing and names 001012.
        let other = root.appendingPathComponent("2A0105/02050002")
        try FileManager.default.createDirectory(at: other.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Harness.root.appendingPathComponent("samples/2A0105/02050002"), to: other)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Harness.root.appendingPathComponent("samples/profiles/2A0105.json"),
            to: root.appendingPathComponent("profiles/2A0105.json"))
        let batchOut = root.appendingPathComponent("batch-out")
        let batch = try Harness.run(["batch", root.path, "--out", batchOut.path])
        #expect(batch.status == 66, "\(batch.output)")
        #expect(batch.stderr.contains(expected) && batch.stderr.contains("未寫出任何備審資料"), "\(batch.stderr)")
        #expect(!FileManager.default.fileExists(atPath: batchOut.appendingPathComponent("2A0105/02050002.pdf").path))
    }

    /// 技專: B-1 is capped at 3 on its own; six outcomes of B-2 beside them are no error.
    @Test func vocationalCapsCountPerItem() throws {
        let (root, applicant) = try Self.department("vocational", sample: "2A0105/02050001", profile: "2A0105") { folder in
            try Self.rewrite(folder.appendingPathComponent("02050001_課程學習成果.json")) { text in
                var json = try! JSONSerialization.jsonObject(with: Data(text.utf8)) as! [[String: Any]]
                var copy = json[0]
                copy.removeValue(forKey: "審查項目代碼")
                copy.removeValue(forKey: "課程學習成果文件檔案連結")
                copy.removeValue(forKey: "文件檔案MD5")
                copy.removeValue(forKey: "課程學習成果影音檔案連結")
                copy.removeValue(forKey: "影音檔案MD5")
                copy["實際修課學年度"] = 112
                copy["實際修課學期"] = 2
                for category in [1, 1, 1, 1, 2, 2, 2, 2, 2, 2] {
                    copy["成果類別"] = category
                    json.append(copy)
                }
                return String(decoding: try! JSONSerialization.data(withJSONObject: json), as: UTF8.self)
            }
        }
        defer { try? FileManager.default.removeItem(at: root) }
        let check = try Harness.run(["check", applicant.path, "--json"])
        #expect(check.status == 65, "\(check.stderr)")
        let overCaps = try Self.diagnostics(check.stdout).filter { $0["code"] as? String == "over-cap" }
        #expect(overCaps.count == 1, "\(overCaps)")
        #expect(overCaps.first?["item"] as? String == "B-1")
        #expect((overCaps.first?["message"] as? String)?.hasPrefix("B-1：收到") == true, "\(overCaps)")
    }
}
