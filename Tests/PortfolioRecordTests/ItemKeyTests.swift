import Diagnostics
import Foundation
import Testing

@testable import PortfolioRecord

/// Item keys (docs/input.md §6): 項目編號, else `<category>:<n>`; unique within a record.
@Suite struct ItemKeyTests {
    let reader = FolderReaderTests()

    func read(_ files: [String: String]) throws -> ApplicantRecord {
        try reader.read(reader.folder(files.mapValues { Array($0.utf8) }))
    }

    let basic = #"{"應試號碼": "01000001", "學生中文姓名": "甲"}"#

    @Test func positionalKeysWithoutAStatedOne() throws {
        let outcomes = #"[{"科目名稱": "國語文"}, 7, {"科目名稱": "物理"}]"#
        let performances = #"{"競賽參與紀錄": [{"競賽名稱": "科展"}, {"競賽名稱": "作文"}], "服務學習紀錄": [{"服務名稱": "志工"}]}"#
        let record = try read([
            "01000001_基本資料.json": basic, "01000001_課程學習成果.json": outcomes, "01000001_多元表現.json": performances,
        ])
        // n is the position in the array, counting an element that is no record (7) too.
        #expect(record.outcomes.value?.map(\.key.rawValue) == ["課程學習成果:1", "課程學習成果:3"])
        #expect(record.performances.value?.map(\.key.rawValue) == ["競賽參與紀錄:1", "競賽參與紀錄:2", "服務學習紀錄:1"])
        #expect(!record.diagnostics.contains { $0.severity == .error })
    }

    @Test func aStatedKeyIsTheKeyAndNoUnknownField() throws {
        let outcomes = #"[{"科目名稱": "國語文", "項目編號": " A7F3-0192 "}, {"科目名稱": "物理"}]"#
        let performances = #"{"競賽參與紀錄": [{"競賽名稱": "科展", "項目編號": 12345}], "校方建立幹部經歷紀錄": [{"擔任職務名稱": "班長", "項目編號": "S-1"}]}"#
        let record = try read([
            "01000001_基本資料.json": basic, "01000001_課程學習成果.json": outcomes, "01000001_多元表現.json": performances,
        ])
        #expect(record.outcomes.value?.map(\.key.rawValue) == ["A7F3-0192", "課程學習成果:2"])
        #expect(record.outcomes.value?.first?.statedKey == .value("A7F3-0192"))
        let keys = Dictionary(uniqueKeysWithValues: (record.performances.value ?? []).map { ($0.category, $0.key.rawValue) })
        #expect(keys[.competition] == "12345")
        #expect(keys[.schoolCadre] == "S-1")
        #expect(!record.diagnostics.contains { if case .unknownKey = $0.kind { true } else { false } })
    }

    @Test func aStatedKeyUsedTwiceIsAnErrorNamingBothAndTheLaterIsKeyedByPosition() throws {
        let outcomes = #"[{"科目名稱": "國語文", "項目編號": "K-1"}, {"科目名稱": "物理"}, {"科目名稱": "化學", "項目編號": "K-1"}]"#
        let performances = #"{"競賽參與紀錄": [{"競賽名稱": "科展", "項目編號": "K-1"}]}"#
        let record = try read([
            "01000001_基本資料.json": basic, "01000001_課程學習成果.json": outcomes, "01000001_多元表現.json": performances,
        ])
        #expect(record.outcomes.value?.map(\.key.rawValue) == ["K-1", "課程學習成果:2", "課程學習成果:3"])
        #expect(record.performances.value?.map(\.key.rawValue) == ["競賽參與紀錄:1"])
        let duplicates = record.diagnostics.filter { if case .itemKeyDuplicate = $0.kind { true } else { false } }
        #expect(duplicates.count == 2)
        #expect(duplicates.allSatisfy { $0.severity == .error })
        #expect(
            duplicates.first
                == .error(
                    .itemKeyDuplicate(key: "K-1", first: "01000001_課程學習成果.json › [0]", using: "課程學習成果:3"),
                    file: "01000001_課程學習成果.json", field: "[2].項目編號"))
        #expect(
            duplicates.last
                == .error(
                    .itemKeyDuplicate(key: "K-1", first: "01000001_課程學習成果.json › [0]", using: "競賽參與紀錄:1"),
                    file: "01000001_多元表現.json", field: "競賽參與紀錄[0].項目編號"))
        // Both records are named in the message, wherever it is shown.
        let line = try #require(duplicates.first).line(.traditionalChinese)
        #expect(line.contains("[2].項目編號") && line.contains("› [0]"))
    }

    @Test func aStatedKeyShapedLikeAnotherRecordsPositionalKeyDoesNotTakeIt() throws {
        // The second outcome states no key: 課程學習成果:2 is its key, and the first cannot have it.
        let outcomes = #"[{"科目名稱": "國語文", "項目編號": "課程學習成果:2"}, {"科目名稱": "物理"}]"#
        let record = try read(["01000001_基本資料.json": basic, "01000001_課程學習成果.json": outcomes])
        #expect(record.outcomes.value?.map(\.key.rawValue) == ["課程學習成果:1", "課程學習成果:2"])
        #expect(record.diagnostics.contains { $0.kind == .itemKeyDuplicate(key: "課程學習成果:2", first: "01000001_課程學習成果.json › [1]", using: "課程學習成果:1") })
    }

    @Test func keysStayUniqueWhenAFallbackIsTakenToo() throws {
        // The first takes 課程學習成果:2 as its 項目編號; the second repeats the first's key and falls back
        // to its position, which the first holds: it is numbered on.
        let outcomes = #"[{"項目編號": "課程學習成果:2"}, {"項目編號": "課程學習成果:2"}]"#
        let record = try read(["01000001_基本資料.json": basic, "01000001_課程學習成果.json": outcomes])
        let keys = record.outcomes.value?.map(\.key.rawValue) ?? []
        #expect(keys == ["課程學習成果:2", "課程學習成果:2#2"])
    }

    @Test func schoolCadresOfBasicDataAreNumberedAfterThoseOfThePerformancesFile() throws {
        let withCadres = #"{"應試號碼": "01000001", "學生中文姓名": "甲", "擔任學校幹部經歷紀錄": [{"學年度": 112, "學期": 1, "擔任職務名稱": "班長"}, {"學年度": 113, "學期": 1, "擔任職務名稱": "學藝股長"}]}"#
        let performances = #"{"校方建立幹部經歷紀錄": [{"學年度": 111, "學期": 2, "擔任職務名稱": "風紀股長"}, "x", {"學年度": 112, "學期": 1, "擔任職務名稱": "班長"}]}"#
        let record = try read(["01000001_基本資料.json": withCadres, "01000001_多元表現.json": performances])
        let cadres = (record.performances.value ?? []).filter { $0.category == .schoolCadre }
        func key(_ title: String) -> String? { cadres.first { $0.field("擔任職務名稱") == .text(title) }?.key.rawValue }
        // 班長 is in both files: the copy of _多元表現.json is kept. 學藝股長 of _基本資料.json is the
        // second of its array and comes after the three elements of _多元表現.json's: 3 + 2.
        #expect(cadres.count == 3)
        #expect(key("風紀股長") == "校方建立幹部經歷紀錄:1")
        #expect(key("班長") == "校方建立幹部經歷紀錄:3")
        #expect(key("學藝股長") == "校方建立幹部經歷紀錄:5")
        #expect(Set(cadres.map(\.key)).count == 3)
    }

    @Test func aTickListFolderInTheRecordIsNotReported() throws {
        let record = try read([
            "01000001_基本資料.json": basic, "勾選/001012.json": #"{"校系代碼": "001012", "方式": "勾選"}"#,
            "files/勾選/x.json": "{}",
        ])
        let unreferenced = record.diagnostics.filter { $0.kind == .unreferencedFile }.compactMap(\.file)
        // Only a top-level 勾選/ is the student's; one deeper is a file like any other.
        #expect(unreferenced == ["files/勾選/x.json"])
        #expect(!record.inputFiles.contains { $0.path.hasPrefix("勾選/") })
    }

    @Test func recordsMadeInCodeHaveTheirPositionalKey() {
        #expect(LearningOutcome(index: 4).key == ItemKey("課程學習成果:5"))
        #expect(PerformanceRecord(category: .work, index: 0, sourceFile: "x").key == ItemKey("作品成果紀錄:1"))
    }
}
