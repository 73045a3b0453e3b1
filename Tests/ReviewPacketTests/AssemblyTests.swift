import Diagnostics
import PortfolioRecord
import Testing

@testable import ReviewPacket

/// Assembly by review item on records built in code, one rule at a time.
@Suite struct AssemblyTests {
    let rules = try! RuleBook.load()

    func profile(
        _ items: [ItemCode], channel: Channel = .university, caps: [ItemGroup: Int] = [.learningOutcomes: 3, .performances: 10]
    ) -> Profile {
        Profile(
            year: 115, channel: channel, departmentCode: "001012", departmentName: "測試學系", items: items, caps: caps,
            outcomeDefaultItem: channel == .university ? "B" : nil, source: "test", digest: String(repeating: "0", count: 64))
    }

    func record(
        outcomes: [LearningOutcome]? = nil, performances: [PerformanceRecord]? = nil,
        selfWritten: [SelfWrittenDocument] = []
    ) -> ApplicantRecord {
        ApplicantRecord(
            applicantNumber: "01000001", basic: BasicData(enrolment: Enrolment(name: "王小明")),
            outcomes: outcomes.map { .present(file: "01000001_課程學習成果.json", $0) } ?? .absent(file: "01000001_課程學習成果.json"),
            performances: performances.map { .present(file: "01000001_多元表現.json", $0) } ?? .absent(file: "01000001_多元表現.json"),
            selfWritten: selfWritten)
    }

    func outcome(_ index: Int, item: String? = nil, category: String? = nil, certified: Bool = true) -> LearningOutcome {
        LearningOutcome(
            index: index, subject: .value("物理"), summary: .value("簡述"),
            certification: .value(certified ? "已認證" : "未認證"),
            outcomeCategory: category.map(Reading.value) ?? .missing,
            reviewItemCode: item.map(Reading.value) ?? .missing)
    }

    func performance(_ category: PerformanceCategory, _ index: Int, classCode: String? = nil, item: String? = nil)
        -> PerformanceRecord
    {
        var fields: [RecordField] = []
        if let field = category.classField, let classCode { fields.append(RecordField(name: field, value: .code(classCode))) }
        return PerformanceRecord(
            category: category, index: index, sourceFile: "01000001_多元表現.json", fields: fields,
            reviewItemCode: item.map(Reading.value) ?? .missing)
    }

    func assemble(_ record: ApplicantRecord, _ profile: Profile) -> ReviewPacket {
        PacketAssembler(rules: rules, toolVersion: "test").assemble(record, profile: profile)
    }

    func item(_ packet: ReviewPacket, _ code: ItemCode) -> PacketItem? {
        packet.items.first { $0.code == code }
    }

    @Test func itemsFollowTheProfileInCodeOrder() {
        let packet = assemble(record(), profile(["R", "A", "N", "B"]))
        #expect(packet.items.map(\.code) == ["A", "B", "N", "R"])
        #expect(packet.items.allSatisfy { $0.status == .notProvided })
        let notProvided = packet.diagnostics.filter { $0.kind == .itemNotProvided }.compactMap(\.item)
        #expect(notProvided == ["A", "B", "N", "R"])
    }

    @Test func outcomesGoToTheirOwnCodeElseTheDefault() {
        let packet = assemble(
            record(outcomes: [outcome(0), outcome(1, item: "D"), outcome(2, item: "Z"), outcome(3, item: "J")]),
            profile(["B", "D"]))
        #expect(item(packet, "B")?.entries.count == 3)  // 0, and 2 and 3 whose codes are not outcome items
        #expect(item(packet, "D")?.entries.count == 1)
        let unknown = packet.diagnostics.filter {
            if case .unknownReviewItem = $0.kind { return true }
            return false
        }
        #expect(unknown.map(\.field) == ["[2].審查項目代碼", "[3].審查項目代碼"])
    }

    @Test func vocationalOutcomesFollowTheirCategory() {
        let packet = assemble(
            record(outcomes: [outcome(0, category: "1"), outcome(1, category: "2"), outcome(2), outcome(3, item: "B-1", category: "2")]),
            profile(["B-1", "B-2"], channel: .technicalApplication))
        #expect(item(packet, "B-1")?.entries.count == 2)
        #expect(item(packet, "B-2")?.entries.count == 2)
    }

    @Test func performancesMapByCategoryAndClass() {
        let records = [
            performance(.flexibleLearning, 0, classCode: "1"), performance(.flexibleLearning, 1, classCode: "2"),
            performance(.groupActivity, 0, classCode: "2"), performance(.groupActivity, 1, classCode: "02"),
            performance(.groupActivity, 2, classCode: "5"), performance(.cadre, 0), performance(.schoolCadre, 0),
            performance(.service, 0), performance(.competition, 0), performance(.work, 0), performance(.workplace, 0),
            performance(.certificate, 0), performance(.other, 0), performance(.advancedPlacement, 0),
            performance(.competition, 1, item: "L"),
        ]
        let all: [ItemCode] = ["F", "G", "H", "I", "J", "K", "L", "M"]
        let packet = assemble(record(performances: records), profile(all, caps: [.performances: 99]))
        func categories(_ code: ItemCode) -> [String] {
            item(packet, code)?.entries.compactMap {
                if case .performance(let entry) = $0 { return "\(entry.record.category.rawValue)[\(entry.record.index)]" }
                return nil
            } ?? []
        }
        #expect(categories("F") == ["彈性學習時間紀錄[0]"])
        #expect(categories("G") == ["團體活動時間紀錄[0]", "團體活動時間紀錄[1]"])
        #expect(categories("H") == ["校方建立幹部經歷紀錄[0]", "幹部經歷暨事蹟紀錄[0]"])
        #expect(categories("I") == ["服務學習紀錄[0]"])
        #expect(categories("J") == ["競賽參與紀錄[0]"])
        #expect(categories("K") == ["職場學習紀錄[0]", "作品成果紀錄[0]"])
        #expect(categories("L") == ["競賽參與紀錄[1]", "檢定證照紀錄[0]"])
        #expect(categories("M") == ["彈性學習時間紀錄[1]", "團體活動時間紀錄[2]", "其他多元表現紀錄[0]", "大學及技專校院先修課程紀錄[0]"])
    }

    @Test func vocationalPerformanceMapping() {
        let records = [
            performance(.flexibleLearning, 0, classCode: "3"), performance(.groupActivity, 0, classCode: "2"),
            performance(.groupActivity, 1, classCode: "1"), performance(.workplace, 0), performance(.certificate, 0),
        ]
        let packet = assemble(
            record(performances: records), profile(["C-1", "C-2", "C-6", "C-7", "C-8"], channel: .technicalSelection))
        #expect(item(packet, "C-1")?.entries.count == 1)
        #expect(item(packet, "C-2")?.entries.count == 1)
        #expect(item(packet, "C-6")?.entries.count == 1)
        #expect(item(packet, "C-7")?.entries.count == 1)
        #expect(item(packet, "C-8")?.entries.count == 1)
    }

    @Test func recordsOfItemsNotTakenAreLeftOutAndSaid() {
        let packet = assemble(
            record(outcomes: [outcome(0, item: "E")], performances: [performance(.service, 0)]), profile(["B", "J"]))
        #expect(packet.leftOut.map(\.item) == ["E", "I"])
        #expect(packet.leftOut.map(\.field) == ["[0]", "服務學習紀錄[0]"])
        #expect(packet.diagnostics.contains { $0.kind == .recordLeftOut(item: "E") && $0.file == "01000001_課程學習成果.json" })
    }

    @Test func overCapRecordsAreKeptAndMarkedInOrder() {
        // Order: item code, then category order, then array order. Cap 3 for 課程學習成果.
        let outcomes = [outcome(0, item: "C"), outcome(1, item: "B"), outcome(2, item: "C"), outcome(3, item: "B"), outcome(4, item: "D")]
        let packet = assemble(record(outcomes: outcomes), profile(["B", "C", "D"]))
        func overCap(_ code: ItemCode) -> [Int] {
            item(packet, code)?.entries.compactMap {
                if case .outcome(let entry) = $0, entry.flags.contains(.overCap) { return entry.outcome.index }
                return nil
            } ?? []
        }
        #expect(item(packet, "B")?.entries.count == 2)
        #expect(overCap("B") == [])
        #expect(overCap("C") == [2])  // B1, B3, C0 are the first three
        #expect(overCap("D") == [4])
        #expect(packet.diagnostics.contains { $0.kind == .overCap(group: "課程學習成果", count: 5, cap: 3) })
    }

    @Test func schoolCadreRecordsDoNotCountTowardTheCap() {
        let records = (0..<3).map { performance(.schoolCadre, $0) } + (0..<2).map { performance(.cadre, $0) }
        let packet = assemble(record(performances: records), profile(["H"], caps: [.performances: 2]))
        #expect(item(packet, "H")?.entries.count == 5)
        #expect(item(packet, "H")?.overCapCount == 0)
        let tight = assemble(record(performances: records), profile(["H"], caps: [.performances: 1]))
        #expect(tight.items[0].overCapCount == 1)
    }

    @Test func uncertifiedOutcomesAreFlagged() {
        let packet = assemble(record(outcomes: [outcome(0, certified: false), outcome(1)]), profile(["B"]))
        let flags = packet.items[0].entries.map { $0.flags.contains(.uncertified) }
        #expect(flags == [true, false])
    }

    @Test func longSummaryIsAWarningAndKeptWhole() {
        var long = outcome(0)
        long.summary = .value(String(repeating: "字", count: 101))
        let packet = assemble(record(outcomes: [long]), profile(["B"]))
        #expect(packet.diagnostics.contains { $0.kind == .summaryTooLong(length: 101, limit: 100) && $0.item == "B" })
        if case .outcome(let entry) = packet.items[0].entries[0] {
            #expect(entry.outcome.summary.value?.count == 101)
            #expect(entry.flags.contains(.summaryTooLong))
        } else {
            Issue.record("expected an outcome")
        }
    }

    @Test func unreadableGroupFileMarksEveryListedItemOfTheGroup() {
        var rec = record()
        let reason = Diagnostic.error(.jsonSyntax(.unexpectedEndOfInput, line: 1, column: 3), file: "01000001_課程學習成果.json")
        rec.outcomes = .unreadable(file: "01000001_課程學習成果.json", reason: reason)
        let packet = assemble(rec, profile(["B", "C", "J"]))
        #expect(item(packet, "B")?.status == .unreadable(files: ["01000001_課程學習成果.json"]))
        #expect(item(packet, "C")?.status == .unreadable(files: ["01000001_課程學習成果.json"]))
        #expect(item(packet, "J")?.status == .notProvided)
    }

    @Test func combinedStatementStandsInForTheFirstListedItemWithoutAFile() {
        let pdf = AttachmentFile(
            path: "01000001_學習歷程自述.pdf", size: 10, mediaType: .pdf, sha256: String(repeating: "a", count: 64),
            md5: String(repeating: "b", count: 32), md5Check: .notStated)
        let documents = [
            SelfWrittenDocument(kind: .reflection, file: "01000001_高中學習歷程反思.txt", content: .text(TextDocument(blocks: []))),
            SelfWrittenDocument(kind: .combinedStatement, file: pdf.path, content: .pdf(pdf)),
        ]
        let packet = assemble(record(selfWritten: documents), profile(["O", "P", "Q"]))
        func pointer(_ code: ItemCode) -> ItemCode?? {
            guard case .document(let entry) = item(packet, code)?.entries.last else { return .none }
            return .some(entry.pointsToItem)
        }
        #expect(item(packet, "O")?.entries.count == 1)
        #expect(pointer("P") == .some(nil))  // the combined PDF is placed under P
        #expect(pointer("Q") == .some("P"))  // Q points to it
        #expect(packet.attachments.map(\.path) == [pdf.path])
    }

    @Test func vocationalStatementItemTakesTheCombinedPDF() {
        let pdf = AttachmentFile(
            path: "01000001_學習歷程自述.pdf", size: 10, mediaType: .pdf, sha256: String(repeating: "a", count: 64),
            md5: String(repeating: "b", count: 32), md5Check: .notStated)
        let packet = assemble(
            record(selfWritten: [SelfWrittenDocument(kind: .combinedStatement, file: pdf.path, content: .pdf(pdf))]),
            profile(["D-2"], channel: .technicalApplication))
        #expect(packet.items[0].entries.count == 1)
        #expect(packet.items[0].status == .provided)
    }

    @Test func diagnosticsAreTaggedWithTheirItem() {
        var rec = record(performances: [performance(.competition, 0), performance(.competition, 1)])
        rec.diagnostics = [.warning(.impossibleDate(raw: "2023/02/29"), file: "01000001_多元表現.json", field: "競賽參與紀錄[1].結果公布日期")]
        let packet = assemble(rec, profile(["J"]))
        #expect(packet.diagnostics.first { $0.kind == .impossibleDate(raw: "2023/02/29") }?.item == "J")
    }

    @Test func theInputDigestChangesWithAnyInputFile() {
        var a = record()
        a.inputFiles = [InputFile(path: "x.json", size: 3, sha256: String(repeating: "1", count: 64))]
        var b = a
        b.inputFiles[0].sha256 = String(repeating: "2", count: 64)
        let p = profile(["A"])
        #expect(assemble(a, p).meta.inputDigest != assemble(b, p).meta.inputDigest)
        #expect(assemble(a, p).meta.inputDigest == assemble(a, p).meta.inputDigest)
        #expect(assemble(a, p).meta.inputDigest.count == 64)
    }


    /// The code tables of Templates/rules/115.json name the codes the pages show (團體或個人參與,
    /// 職場學習類別, 成果類別); a code a table lacks is a warning naming the table, the file and the field.
    @Test func codesAreNamedFromTheYearsTablesAndUnknownOnesAreSaid() {
        var competition = performance(.competition, 0)
        competition.fields = [
            RecordField(name: "競賽等級代碼", value: .code("3")), RecordField(name: "團體或個人參與代碼", value: .code("02")),
        ]
        var workplace = performance(.workplace, 0)
        workplace.fields = [RecordField(name: "職場學習類別代碼", value: .code("9"))]
        let packet = assemble(
            record(
                outcomes: [outcome(0, category: "1"), outcome(1, category: "2"), outcome(2, category: "7")],
                performances: [competition, workplace]),
            profile(["B-1", "B-2", "C-5", "C-6"], channel: .technicalApplication))
        let fields = packet.items.flatMap(\.entries).compactMap { entry -> [DisplayField]? in
            if case .performance(let p) = entry { return p.fields }
            return nil
        }.flatMap { $0 }
        #expect(fields.first { $0.name == "競賽等級代碼" }?.codeName == "全國")
        #expect(fields.first { $0.name == "團體或個人參與代碼" }?.codeName == "團體參與")
        #expect(fields.first { $0.name == "職場學習類別代碼" }?.codeName == nil)
        let categories = packet.items.flatMap(\.entries).compactMap { entry -> String?? in
            if case .outcome(let o) = entry { return .some(o.categoryName) }
            return nil
        }
        #expect(categories == ["專題實作及實習科目學習成果", "其他課程學習成果", nil])
        let unknown = packet.diagnostics.compactMap { diagnostic -> String? in
            guard case .unknownCode(let table, let code) = diagnostic.kind else { return nil }
            return "\(table)=\(code) \(diagnostic.file ?? "") \(diagnostic.field ?? "")"
        }
        #expect(unknown.sorted() == [
            "成果類別=7 01000001_課程學習成果.json [2].成果類別", "職場學習類別代碼=9 01000001_多元表現.json 職場學習紀錄[0].職場學習類別代碼",
        ])
    }

    @Test func theYearsCodeTablesHoldWhatThePagesName() throws {
        let tables = try #require(rules.years[115]).codeTables
        #expect(tables["團體或個人參與代碼"] == ["1": "個人參與", "2": "團體參與"])
        #expect(tables["職場學習類別代碼"]?["2"] == "職場實習")
        #expect(tables["成果類別"]?["1"] == "專題實作及實習科目學習成果")
        // Every code field a 多元表現 category has is named by a table.
        for category in PerformanceCategory.allCases {
            for field in category.fields where field.kind == .code {
                #expect(tables[field.name] != nil, "\(field.name) has no code table")
            }
        }
    }
}
