import Foundation
import Testing

/// The built executable on every sample applicant: exit codes, XML validity, determinism, privacy.
@Suite(.serialized) struct SampleTests {
    @Test func thereAreSixSampleApplicantsInTwoDepartments() {
        let applicants = Harness.sampleApplicants
        #expect(applicants.count >= 6)
        #expect(Set(applicants.map { $0.split(separator: "/")[1] }).count >= 2)
    }

    @Test(arguments: Harness.sampleApplicants)
    func checkSucceeds(applicant: String) throws {
        let result = try Harness.run(["check", applicant])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("審查項目"))
    }

    @Test(arguments: Harness.sampleApplicants)
    func renderWritesAValidDeterministicXML(applicant: String) throws {
        let out1 = try Harness.temporaryFolder("render1")
        let out2 = try Harness.temporaryFolder("render2")
        defer {
            try? FileManager.default.removeItem(at: out1)
            try? FileManager.default.removeItem(at: out2)
        }
        let number = String(applicant.split(separator: "/").last!)
        let first = try Harness.run(["render", applicant, "--out", out1.path])
        #expect(first.status == 0, "\(first.output)")
        let second = try Harness.run(["render", applicant, "--out", out2.path])
        #expect(second.status == 0)

        let xml1 = out1.appendingPathComponent("\(number).xml")
        let xml2 = out2.appendingPathComponent("\(number).xml")
        let bytes1 = try Data(contentsOf: xml1)
        let bytes2 = try Data(contentsOf: xml2)
        #expect(bytes1 == bytes2, "two renders must give identical bytes")

        let lint = try Harness.tool("/usr/bin/xmllint", ["--noout", "--schema", Harness.schema, xml1.path])
        #expect(lint.status == 0, "\(lint.output)")

        // Only the XML (no temporary files) is left in the output folder.
        let names = try FileManager.default.contentsOfDirectory(atPath: out1.path)
        #expect(names.allSatisfy { !$0.hasPrefix(".") }, "\(names)")

        // The national ID appears nowhere, not even masked: not in the XML, not in anything printed.
        let id = try nationalID(of: applicant)
        let text = String(decoding: bytes1, as: UTF8.self)
        #expect(!text.contains(id))
        #expect(!first.output.contains(id))
        let masked = String(id.prefix(3)) + String(repeating: "*", count: id.count - 6) + String(id.suffix(3))
        #expect(!text.contains(masked) && !text.contains("NationalID") && !text.contains("birthDate"))
        // The applicant's name is in the packet, never in what is printed.
        if let name = try studentName(of: applicant) {
            #expect(text.contains(name))
            #expect(!first.output.contains(name))
        }
    }

    @Test func everyFileOfEveryCategoryReachesTheXML() throws {
        // All eleven 多元表現 categories appear across the samples (each in the packet or left out).
        let out = try Harness.temporaryFolder("categories")
        defer { try? FileManager.default.removeItem(at: out) }
        var seen = ""
        for applicant in Harness.sampleApplicants {
            _ = try Harness.run(["render", applicant, "--out", out.path])
            let number = String(applicant.split(separator: "/").last!)
            seen += try String(contentsOf: out.appendingPathComponent("\(number).xml"), encoding: .utf8)
        }
        for category in [
            "校方建立幹部經歷紀錄", "幹部經歷暨事蹟紀錄", "競賽參與紀錄", "檢定證照紀錄", "服務學習紀錄", "彈性學習時間紀錄",
            "職場學習紀錄", "作品成果紀錄", "團體活動時間紀錄", "其他多元表現紀錄", "大學及技專校院先修課程紀錄",
        ] {
            #expect(seen.contains(category), "\(category) is in no sample packet")
        }
    }

    @Test func englishUnderLangEn() throws {
        let applicant = Harness.sampleApplicants[0]
        let zh = try Harness.run(["check", applicant])
        let en = try Harness.run(["check", applicant], environment: ["LANG": "en_US.UTF-8"])
        #expect(zh.stdout.contains("審查項目："))
        #expect(en.stdout.contains("Review items:"))
        #expect(en.stdout.contains("warning"))
        #expect(zh.stdout.contains("警告"))
    }

    @Test func checkJSONIsADocumentForMachines() throws {
        let result = try Harness.run(["check", Harness.sampleApplicants[0], "--json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["applicantNumber"] as? String == "01000101")
        let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0["code"] is String && $0["severity"] is String && $0["message"] is String })
        let items = object?["items"] as? [[String: Any]] ?? []
        #expect(items.first?["code"] as? String == "A")
    }

    // MARK: sample data

    func basicData(of applicant: String) throws -> [String: Any] {
        let number = applicant.split(separator: "/").last!
        let url = Harness.root.appendingPathComponent(applicant).appendingPathComponent("\(number)_基本資料.json")
        var data = try Data(contentsOf: url)
        // The samples include UTF-8 with BOM and UTF-16 with BOM.
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            let text = String(data: data, encoding: .utf16) ?? ""
            data = Data(text.utf8)
        } else if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            data = data.dropFirst(3)
        }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    func nationalID(of applicant: String) throws -> String {
        try basicData(of: applicant)["國民身分證統一編號(或居留證統一證號)"] as? String ?? "A123456789"
    }

    func studentName(of applicant: String) throws -> String? {
        try basicData(of: applicant)["學生中文姓名"] as? String
    }
}
