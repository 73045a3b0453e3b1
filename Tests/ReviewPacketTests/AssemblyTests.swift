import Diagnostics
import PortfolioRecord
import Testing

@testable import ReviewPacket

/// Assembly by review item on records built in code, one rule at a time.
@Suite struct AssemblyTests {
    let rules = try! RuleBook.load()

    func profile(
        _ items: [ItemCode], channel: Channel = .application,
        caps: [CapScope: Int] = [.group(.learningOutcomes): 3, .group(.performances): 10],
        textLimits: [ItemCode: Int] = [:]
    ) -> Profile {
        Profile(
            year: 115, channel: channel, departmentCode: "001012", departmentName: "測試學系", items: items, caps: caps,
            outcomeDefaultItem: channel == .application ? "B" : nil, textLimits: textLimits, source: "test",
            digest: String(repeating: "0", count: 64))
    }

    func record(
        outcomes: [LearningOutcome]? = nil, performances: [PerformanceRecord]? = nil,
        selfWritten: [SelfWrittenDocument] = [], group: String = "普通型"
    ) -> ApplicantRecord {
        ApplicantRecord(
            applicantNumber: "01000001", basic: BasicData(enrolment: Enrolment(name: "王小明", group: group)),
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
        let packet = assemble(record(performances: records), profile(all, caps: [.group(.performances): 99]))
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

    @Test func overACapIsAnErrorAndEveryRecordIsRendered() {
        // 申請入學 caps count per group: five 課程學習成果 against 3, whatever items they fall in.
        let outcomes = [outcome(0, item: "C"), outcome(1, item: "B"), outcome(2, item: "C"), outcome(3, item: "B"), outcome(4, item: "D")]
        let packet = assemble(record(outcomes: outcomes), profile(["B", "C", "D"]))
        #expect(packet.items.map(\.entries.count) == [2, 2, 1])
        // No entry is singled out as "excess": the exporter never chooses.
        #expect(packet.items.flatMap(\.entries).allSatisfy { !$0.flags.contains(.overCap) })
        let count = CapCount(scope: .group(.learningOutcomes), received: 5, cap: 3)
        #expect(packet.items.map(\.overCap) == [count, count, count])
        #expect(packet.items.allSatisfy { $0.flags.contains(.overCap) })
        let errors = packet.diagnostics.filter { $0.kind == .overCap(scope: "課程學習成果", count: 5, cap: 3) }
        #expect(errors.count == 1)
        #expect(errors.first?.severity == .error)
        #expect(errors.first?.kind.message(.traditionalChinese) == "課程學習成果：收到 5 件，上限 3 件")
        #expect(packet.hasErrors)
        // At the cap: nothing said.
        let within = assemble(record(outcomes: Array(outcomes.prefix(3))), profile(["B", "C", "D"]))
        #expect(within.items.allSatisfy { $0.overCap == nil })
        #expect(!within.hasErrors)
    }

    @Test func vocationalCapsArePerItemAndNeverPooled() throws {
        // 技專: B-1 ≤ 3 (the table's default); B-2 has no known cap, so none.
        let b1 = (0..<4).map { outcome($0, category: "1") }
        let b2 = (4..<10).map { outcome($0, category: "2") }
        let table = try #require(rules.years[115]?.table(for: .technicalSelection))
        #expect(table.caps == [.item("B-1"): 3])
        let packet = assemble(record(outcomes: b1 + b2), profile(["B-1", "B-2"], channel: .technicalSelection, caps: table.caps))
        #expect(item(packet, "B-1")?.overCap == CapCount(scope: .item("B-1"), received: 4, cap: 3))
        #expect(item(packet, "B-2")?.overCap == nil)
        let errors = packet.diagnostics.filter { if case .overCap = $0.kind { true } else { false } }
        #expect(errors.map(\.kind) == [.overCap(scope: "B-1", count: 4, cap: 3)])
        #expect(errors.first?.item == "B-1")
        // Three B-1 and six B-2: within the caps, although nine in all.
        let within = assemble(
            record(outcomes: Array(b1.prefix(3)) + b2), profile(["B-1", "B-2"], channel: .technicalSelection, caps: table.caps))
        #expect(!within.hasErrors)
    }

    @Test func schoolCadreRecordsDoNotCountTowardTheCap() {
        let records = (0..<3).map { performance(.schoolCadre, $0) } + (0..<2).map { performance(.cadre, $0) }
        let packet = assemble(record(performances: records), profile(["H"], caps: [.group(.performances): 2]))
        #expect(item(packet, "H")?.entries.count == 5)
        #expect(item(packet, "H")?.overCap == nil)
        let tight = assemble(record(performances: records), profile(["H"], caps: [.group(.performances): 1]))
        #expect(tight.items[0].overCap == CapCount(scope: .group(.performances), received: 2, cap: 1))
    }

    @Test func uncertifiedOutcomesAreAnErrorAndStillShown() {
        let packet = assemble(record(outcomes: [outcome(0, certified: false), outcome(1)]), profile(["B"]))
        let flags = packet.items[0].entries.map { $0.flags.contains(.uncertified) }
        #expect(flags == [true, false])
        let errors = packet.diagnostics.filter { $0.kind == .outcomeUncertified(status: "未認證") }
        #expect(errors.count == 1)
        #expect(errors.first?.severity == .error)
        #expect(errors.first?.field == "[0].認證狀態")
        #expect(errors.first?.item == "B")
    }

    @Test func semesterWindowsFollowTheClassType() {
        // 招生學年度 115: 112-1 is semester 1, 114-1 semester 5, 114-2 semester 6.
        func dated(_ index: Int, _ year: Int, _ term: Int) -> LearningOutcome {
            var o = outcome(index)
            o.schoolYear = .value(year)
            o.semester = .value(term)
            return o
        }
        let outcomes = [dated(0, 112, 1), dated(1, 113, 2), dated(2, 114, 1), dated(3, 114, 2), outcome(4)]
        // 普通型: 課程學習成果 of semesters 1–6 are seen.
        let general = assemble(record(outcomes: outcomes), profile(["B"], caps: [:]))
        #expect(general.items[0].entries.count == 5)
        #expect(general.leftOut.isEmpty)
        #expect(general.meta.classType == .general)
        // 專業群 (a 群別 ending in 群): semesters 1–4 only; the undated one is kept.
        let vocational = assemble(record(outcomes: outcomes, group: "電機與電子群"), profile(["B"], caps: [:]))
        #expect(vocational.meta.classType == .vocational)
        #expect(vocational.items[0].entries.count == 3)
        #expect(vocational.leftOut.map(\.field) == ["[2]", "[3]"])
        #expect(vocational.leftOut.map(\.reason) == [.outsideWindow(semester: 5), .outsideWindow(semester: 6)])
        let said = vocational.diagnostics.filter { if case .recordOutsideWindow = $0.kind { true } else { false } }
        #expect(said.map(\.kind) == [
            .recordOutsideWindow(item: "B", semester: 5, window: 1...4), .recordOutsideWindow(item: "B", semester: 6, window: 1...4),
        ])
        #expect(said.allSatisfy { $0.severity == .warning && $0.file == "01000001_課程學習成果.json" })
    }

    @Test func performancesAreDatedByTheirSemesterOrTheirFirstDate() {
        let window = SemesterWindow(admissionYear: 115, range: 1...4)
        func dated(_ fields: [RecordField]) -> PerformanceRecord {
            PerformanceRecord(category: .competition, index: 0, sourceFile: "f", fields: fields)
        }
        #expect(dated([RecordField(name: "學年度", value: .integer(113)), RecordField(name: "學期", value: .integer(2))]).semester(in: window) == 4)
        // 學年度 starts on 1 August: 2025-08-01 is 114-1 (semester 5), 2026-01-31 still 114-1, 2026-02-01 114-2.
        #expect(dated([RecordField(name: "結果公布日期", value: .date(CalendarDate(year: 2025, month: 8, day: 1)!))]).semester(in: window) == 5)
        #expect(dated([RecordField(name: "開始日期", value: .date(CalendarDate(year: 2026, month: 1, day: 31)!))]).semester(in: window) == 5)
        #expect(dated([RecordField(name: "開始日期", value: .date(CalendarDate(year: 2026, month: 2, day: 1)!))]).semester(in: window) == 6)
        #expect(dated([RecordField(name: "開始日期", value: .date(CalendarDate(year: 2023, month: 7, day: 31)!))]).semester(in: window) == 0)
        #expect(dated([]).semester(in: window) == nil)
        #expect(window.outside(5) == 5 && window.outside(0) == 0 && window.outside(4) == nil && window.outside(nil) == nil)

        let records = [
            dated([RecordField(name: "結果公布日期", value: .date(CalendarDate(year: 2024, month: 3, day: 1)!))]),
            PerformanceRecord(
                category: .competition, index: 1, sourceFile: "01000001_多元表現.json",
                fields: [RecordField(name: "結果公布日期", value: .date(CalendarDate(year: 2025, month: 9, day: 1)!))]),
        ]
        let packet = assemble(record(performances: records, group: "商業與管理群"), profile(["J"], caps: [:]))
        #expect(item(packet, "J")?.entries.count == 1)
        #expect(packet.leftOut.map(\.field) == ["競賽參與紀錄[1]"])
        #expect(packet.leftOut.map(\.reason) == [.outsideWindow(semester: 5)])
    }

    @Test func courseRecordSemestersOutsideTheWindowAreLeftOut() {
        func course(_ index: Int, _ year: Int, _ term: Int) -> CourseResult {
            CourseResult(index: index, schoolYear: .value(year), semester: .value(term), subject: .value("國語文"))
        }
        let courses = CourseRecord(
            semesters: [SemesterResult(index: 0, schoolYear: .value(114), semester: .value(2), average: .value(80))],
            courses: [course(0, 112, 1), course(1, 114, 1), course(2, 114, 2), course(3, 114, 2)])
        var rec = record()
        rec.courseRecord = .present(file: "01000001_修課紀錄.json", courses)
        let packet = assemble(rec, profile(["A"]))
        guard case .courseTables(let tables) = packet.items[0].entries.first else {
            Issue.record("no course tables")
            return
        }
        // 修課紀錄 counts semesters 1–5: the sixth's rows are left out, said once for the semester.
        #expect(tables.semesters.map(\.semester) == [1, 1])
        #expect(tables.semesters.map(\.schoolYear) == [112, 114])
        #expect(packet.leftOut.map(\.field) == ["學期成績與學習相對表現資訊[0]", "學習紀錄[2]", "學習紀錄[3]"])
        let said = packet.diagnostics.filter { if case .recordOutsideWindow = $0.kind { true } else { false } }
        #expect(said.map(\.kind) == [.recordOutsideWindow(item: "A", semester: 6, window: 1...5)])
    }

    @Test func selfWrittenTextOverTheDepartmentsLimitIsAWarning() {
        let text = TextDocument(blocks: [.paragraph([.text(String(repeating: "字", count: 801) + "  \u{3000}")])])
        let document = SelfWrittenDocument(kind: .performanceSummary, file: "01000001_多元表現綜整心得.txt", content: .text(text))
        let packet = assemble(record(selfWritten: [document]), profile(["N"], textLimits: ["N": 800]))
        let said = packet.diagnostics.filter { $0.kind == .textTooLong(length: 801, limit: 800) }
        #expect(said.count == 1)
        #expect(said.first?.item == "N")
        let within = assemble(record(selfWritten: [document]), profile(["N"], textLimits: ["N": 801]))
        #expect(!within.diagnostics.contains { if case .textTooLong = $0.kind { true } else { false } })
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
