import Foundation
import Testing

/// Huge arrays are generated at run time (they would bloat the repository) and must be read,
/// assembled and written without trouble. Speed is measured by the benchmark, not here.
@Suite struct LargeInputTests {
    static func makeApplicant(courses: Int, performances: Int) throws -> URL {
        let root = try Harness.temporaryFolder("large")
        let folder = root.appendingPathComponent("001012/07000001")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let basic = #"{"應試號碼": "07000001", "學生中文姓名": "測試生", "國民身分證統一編號(或居留證統一證號)": "A100000001"}"#
        try Data(basic.utf8).write(to: folder.appendingPathComponent("07000001_基本資料.json"))

        var rows: [String] = []
        rows.reserveCapacity(courses)
        for i in 0..<courses {
            let year = 112 + (i / 2000) % 3
            let term = 1 + (i / 1000) % 2
            let score = Double(i % 1001) / 10
            let bin = min(Int(score), 99)
            rows.append(
                #"{"實際修課學年度": \#(year), "實際修課學期": \#(term), "科目名稱": "科目\#(i)", "學分數": 2, "課程類別": "部定必修", "#
                    + #""課程領域資訊": {"名稱": "語文"}, "課程代碼": "112013301H11101A1010101", "學業成績": {"分數": \#(score)}, "#
                    + #""母體人數": 300, "本科目分數級距分布": {"組距\#(bin)_\#(bin + 1)的人數": 100, "組距99_100的人數": 200}}"#)
        }
        let courseJSON = #"{"學期成績與學習相對表現資訊": [], "學習紀錄": ["# + rows.joined(separator: ",\n") + "]}"
        try Data(courseJSON.utf8).write(to: folder.appendingPathComponent("07000001_修課紀錄.json"))

        var records: [String] = []
        for i in 0..<performances {
            records.append(#"{"競賽名稱": "競賽\#(i)", "競賽等級代碼": \#(1 + i % 4), "競賽獎項": "佳作", "結果公布日期": "2024/05/01"}"#)
        }
        let performanceJSON = #"{"競賽參與紀錄": ["# + records.joined(separator: ",") + "]}"
        try Data(performanceJSON.utf8).write(to: folder.appendingPathComponent("07000001_多元表現.json"))
        return folder
    }

    @Test func twentyThousandCourseRowsAndFiftyThousandRecords() throws {
        let folder = try Self.makeApplicant(courses: 20_000, performances: 50_000)
        let root = folder.deletingLastPathComponent().deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")

        let check = try Harness.run(["check", folder.path], timeout: 300)
        // 50,000 countable records against the built-in cap of 10: a data error, all kept.
        #expect(check.status == 65, "\(check.stderr)")
        #expect(check.stdout.contains("收到 50000 件，上限 10 件"), "\(check.stdout.prefix(2000))")

        let render = try Harness.run(["render", folder.path, "--out", out.path], timeout: 300)
        #expect(render.status == 65, "\(render.stderr)")
        let xml = out.appendingPathComponent("07000001.xml")
        let text = try String(contentsOf: xml, encoding: .utf8)
        #expect(text.contains("科目19999"))
        #expect(text.contains("競賽49999"))
    }
}
