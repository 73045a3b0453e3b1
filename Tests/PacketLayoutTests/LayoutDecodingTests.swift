import Diagnostics
import Foundation
import PortfolioRecord
import ReviewPacket
import Testing

@testable import PacketLayout

/// A layout that does not decode is named by file and key path, like the rule tables.
@Suite struct LayoutDecodingTests {
    static let layouts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Templates/layouts")

    /// The error of loading 申請入學.json after `edit`.
    static func loadError(_ edit: (inout [String: Any]) -> Void) throws -> TemplateError? {
        let data = try Data(contentsOf: layouts.appendingPathComponent("申請入學.json"))
        var layout = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        edit(&layout)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("layouts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try JSONSerialization.data(withJSONObject: layout).write(to: folder.appendingPathComponent("申請入學.json"))
        do {
            _ = try LayoutStyle.load(channelFamily: "申請入學", directory: folder)
            return nil
        } catch {
            return error
        }
    }

    @Test func theShippedLayoutsDecode() throws {
        for family in ["申請入學", "技專"] {
            _ = try LayoutStyle.load(channelFamily: family, directory: Self.layouts)
        }
        #expect(try Self.loadError { _ in } == nil)
    }

    @Test func aWrongTypeAtANestedKeyNamesTheFileAndTheKeyPath() throws {
        let error = try #require(
            try Self.loadError { layout in
                var headings = layout["headings"] as! [[String: Any]]
                headings[1]["size"] = "12.5"
                layout["headings"] = headings
            })
        #expect(error.file == "Templates/layouts/申請入學.json")
        #expect(error.error.keyPath == "headings[1].size")
        #expect(error.error.problem == .wrongType(expected: .number, found: .string))
        #expect(
            error.diagnostic.line(.traditionalChinese)
                == "錯誤 Templates/layouts/申請入學.json › headings[1].size：工具內建的資料檔有誤：應為數值，實為字串")
    }

    @Test func colorsNeedThreeNumbersAndKeysMustBeThere() throws {
        let color = try #require(
            try Self.loadError { layout in
                var colors = layout["colors"] as! [String: Any]
                colors["flag"] = [0.7, 0.1]
                layout["colors"] = colors
            })
        #expect(color.error == DataFileError(keyPath: "colors.flag", problem: .wrongCount(found: 2, expected: 3)))
        let missing = try #require(
            try Self.loadError { layout in
                var cover = layout["cover"] as! [String: Any]
                cover["titleSize"] = nil
                layout["cover"] = cover
            })
        #expect(missing.error == DataFileError(keyPath: "cover.titleSize", problem: .missing))
        let short = try #require(
            try Self.loadError { layout in
                layout["headings"] = Array((layout["headings"] as! [Any]).prefix(2))
            })
        #expect(short.error == DataFileError(keyPath: "headings[2]", problem: .missing))
    }

    /// Which columns the 修課紀錄 tables have is the channel family's data: 技專 reviewers read
    /// 科目屬性, universities 課程類別 and 領域; every table carries the labelled estimate.
    @Test func courseTableColumnsArePerChannelFamily() throws {
        let university = try LayoutStyle.load(channelFamily: "申請入學", directory: Self.layouts).courseColumns.map(\.column)
        let vocational = try LayoutStyle.load(channelFamily: "技專", directory: Self.layouts).courseColumns.map(\.column)
        #expect(university.contains(.category) && university.contains(.domain) && !university.contains(.attribute))
        #expect(vocational.contains(.attribute))
        #expect(university.last == .standing && vocational.last == .standing)
    }

    @Test func anUnknownOrMissingCourseColumnIsNamed() throws {
        let unknown = try #require(
            try Self.loadError { layout in
                var table = layout["courseTable"] as! [String: Any]
                table["columns"] = [["column": "名次", "width": 1]]
                layout["courseTable"] = table
            })
        #expect(unknown.error.keyPath == "courseTable.columns[0].column")
        guard case .notOneOf("名次", let allowed) = unknown.error.problem else {
            Issue.record("\(unknown.error.problem)")
            return
        }
        #expect(allowed.contains("科目屬性"))
        let empty = try #require(
            try Self.loadError { layout in
                layout["courseTable"] = ["columns": [Any]()]
            })
        #expect(empty.error == DataFileError(keyPath: "courseTable.columns", problem: .empty))
        let noWidth = try #require(
            try Self.loadError { layout in
                layout["courseTable"] = ["columns": [["column": "成績", "width": 0]]]
            })
        #expect(noWidth.error.keyPath == "courseTable.columns[0].width")
    }
}
