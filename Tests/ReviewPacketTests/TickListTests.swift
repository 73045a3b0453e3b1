import Diagnostics
import Foundation
import PortfolioRecord
import Testing

@testable import ReviewPacket

/// A student's tick list (docs/input.md §6): reading it, its errors, and the record narrowed to it.
@Suite struct TickListTests {
    let assembly = AssemblyTests()

    static let outcomesFile = "01000001_課程學習成果.json"
    static let performancesFile = "01000001_多元表現.json"
    static let path = "勾選/001012.json"

    /// Four outcomes (the third uncertified, the fourth with its own 項目編號), three 多元表現 records and
    /// one school-created cadre record, with a reader's warning on each of two records.
    func wholeRecord() -> ApplicantRecord {
        var record = assembly.record(
            outcomes: [
                assembly.outcome(0), assembly.outcome(1, item: "C"), assembly.outcome(2, certified: false),
                LearningOutcome(
                    index: 3, subject: .value("化學"), certification: .value("已認證"), key: ItemKey("A7F3-0192"),
                    statedKey: .value("A7F3-0192")),
            ],
            performances: [
                assembly.performance(.schoolCadre, 0), assembly.performance(.competition, 0),
                assembly.performance(.competition, 1), assembly.performance(.service, 0),
            ])
        record.diagnostics = [
            .warning(.summaryTooLong(length: 120, limit: 100), file: Self.outcomesFile, field: "[1].課程學習成果簡述"),
            .warning(.attachmentMissing(path: "files/a.pdf"), file: Self.performancesFile, field: "競賽參與紀錄[1].證明文件連結"),
            .warning(.unknownKey("備註"), file: Self.outcomesFile),
        ]
        return record
    }

    func tickList(_ outcomes: [String], _ performances: [String] = [], mode: SubmissionMode = .ticked) -> TickList {
        TickList(departmentCode: "001012", mode: mode, outcomes: outcomes, performances: performances, path: Self.path)
    }

    func keys(_ record: ApplicantRecord) -> [String] {
        (record.outcomes.value ?? []).map(\.key.rawValue) + (record.performances.value ?? []).map(\.key.rawValue)
    }

    // MARK: Narrowing

    @Test func theRecordIsNarrowedToExactlyTheTickedItemsInRecordOrder() {
        let (narrowed, diagnostics) = tickList(["A7F3-0192", "課程學習成果:1"], ["服務學習紀錄:1", "競賽參與紀錄:1"])
            .apply(to: wholeRecord())
        #expect(diagnostics.isEmpty)
        // The record's order, not the ticks'; the school's cadre record stays unticked.
        #expect(keys(narrowed) == ["課程學習成果:1", "A7F3-0192", "校方建立幹部經歷紀錄:1", "競賽參與紀錄:1", "服務學習紀錄:1"])
        // Records keep their place in their file, so what is said of them still names the right element.
        #expect(narrowed.outcomes.value?.map(\.index) == [0, 3])
    }

    @Test func theReadersWordsOnRecordsNotTickedAreDropped() {
        let (narrowed, _) = tickList(["課程學習成果:1"], ["競賽參與紀錄:1"]).apply(to: wholeRecord())
        // [1] and 競賽參與紀錄[1] are not ticked; the whole-file warning stays.
        #expect(narrowed.diagnostics == [.warning(.unknownKey("備註"), file: Self.outcomesFile)])
        let (all, _) = tickList(["課程學習成果:2"], ["競賽參與紀錄:2"]).apply(to: wholeRecord())
        #expect(all.diagnostics.count == 3)
    }

    @Test func nothingTickedLeavesOnlyTheSchoolsCadreRecords() {
        let (narrowed, diagnostics) = tickList([]).apply(to: wholeRecord())
        #expect(diagnostics.isEmpty)
        #expect(keys(narrowed) == ["校方建立幹部經歷紀錄:1"])
        // Ticking the school's record is allowed and changes nothing.
        let (ticked, none) = tickList([], ["校方建立幹部經歷紀錄:1"]).apply(to: wholeRecord())
        #expect(none.isEmpty && keys(ticked) == keys(narrowed))
    }

    @Test func theAssembledPacketHoldsExactlyTheTickedItems() {
        let profile = assembly.profile(["B", "C", "D", "H", "I", "J"])
        let packet = PacketAssembler(rules: assembly.rules, toolVersion: "test")
            .assemble(wholeRecord(), profile: profile, tickList: tickList(["課程學習成果:2"], ["競賽參與紀錄:2"]))
        var shown: [String] = []
        for item in packet.items {
            for entry in item.entries {
                switch entry {
                case .outcome(let outcome): shown.append("\(item.code) \(outcome.outcome.key)")
                case .performance(let performance): shown.append("\(item.code) \(performance.record.key)")
                default: break
                }
            }
        }
        #expect(shown == ["C 課程學習成果:2", "H 校方建立幹部經歷紀錄:1", "J 競賽參與紀錄:2"])
        #expect(packet.meta.tickList == TickListInfo(source: "001012.json", mode: .ticked))
        #expect(!packet.hasErrors)
    }

    // MARK: Errors, one kind at a time

    func errors(_ list: TickList, record: ApplicantRecord? = nil) -> [Diagnostic] {
        let diagnostics = list.apply(to: record ?? wholeRecord()).diagnostics
        #expect(diagnostics.allSatisfy { $0.severity == .error && $0.file == Self.path })
        return diagnostics
    }

    @Test func aKeyNamingNoItem() {
        #expect(
            errors(tickList(["課程學習成果:9"], ["競賽參與紀錄:1"]))
                == [.error(.tickUnknownKey(key: "課程學習成果:9", hint: nil), file: Self.path, field: "課程學習成果[0]")])
        // A positional key of a record that states its own 項目編號 is not its key: the message says which is.
        #expect(
            errors(tickList(["課程學習成果:4"]))
                == [.error(.tickUnknownKey(key: "課程學習成果:4", hint: "A7F3-0192"), file: Self.path, field: "課程學習成果[0]")])
        // Nothing of the record is kept for it.
        #expect(keys(tickList(["課程學習成果:9"]).apply(to: wholeRecord()).record) == ["校方建立幹部經歷紀錄:1"])
    }

    @Test func aKeyInTheWrongListIsAnErrorAndTheItemShown() {
        let list = tickList(["競賽參與紀錄:2"], ["課程學習成果:1"])
        #expect(
            errors(list) == [
                .error(.tickWrongList(key: "競賽參與紀錄:2", list: "多元表現"), file: Self.path, field: "課程學習成果[0]"),
                .error(.tickWrongList(key: "課程學習成果:1", list: "課程學習成果"), file: Self.path, field: "多元表現[0]"),
            ])
        #expect(keys(list.apply(to: wholeRecord()).record) == ["課程學習成果:1", "校方建立幹部經歷紀錄:1", "競賽參與紀錄:2"])
    }

    @Test func aDuplicateInEitherListIsAnErrorAndTheItemShownOnce() {
        let list = tickList(["課程學習成果:1", "課程學習成果:1"], ["課程學習成果:1"])
        let found = errors(list)
        #expect(
            found.contains(
                .error(.tickDuplicate(key: "課程學習成果:1", first: "課程學習成果[0]"), file: Self.path, field: "課程學習成果[1]")))
        #expect(
            found.contains(
                .error(.tickDuplicate(key: "課程學習成果:1", first: "課程學習成果[0]"), file: Self.path, field: "多元表現[0]")))
        #expect(found.count == 2)
        #expect(list.apply(to: wholeRecord()).record.outcomes.value?.count == 1)
    }

    @Test func anUncertifiedOutcomeIsAnErrorAndTheItemShownMarked() {
        #expect(
            errors(tickList(["課程學習成果:3"]))
                == [.error(.tickUncertified(key: "課程學習成果:3", status: "未認證"), file: Self.path, field: "課程學習成果[0]")])
        var record = wholeRecord()
        if case .present(let file, var outcomes) = record.outcomes {
            outcomes[0].certification = .missing
            record.outcomes = .present(file: file, outcomes)
        }
        #expect(
            errors(tickList(["課程學習成果:1"]), record: record)
                == [.error(.tickUncertified(key: "課程學習成果:1", status: nil), file: Self.path, field: "課程學習成果[0]")])
        let packet = PacketAssembler(rules: assembly.rules, toolVersion: "test")
            .assemble(wholeRecord(), profile: assembly.profile(["B"]), tickList: tickList(["課程學習成果:3"]))
        #expect(packet.items.first?.entries.first?.flags.contains(.uncertified) == true)
        // The error names the item its record went to.
        #expect(packet.diagnostics.first?.kind == .tickUncertified(key: "課程學習成果:3", status: "未認證"))
        #expect(packet.diagnostics.first?.item == "B")
        #expect(packet.hasErrors)
    }

    @Test func keysUnder自行上傳AreErrorsAndNothingIsTicked() {
        let list = tickList(["課程學習成果:1"], ["競賽參與紀錄:1"], mode: .uploaded)
        #expect(
            errors(list) == [
                .error(.tickWithUpload(key: "課程學習成果:1"), file: Self.path, field: "課程學習成果[0]"),
                .error(.tickWithUpload(key: "競賽參與紀錄:1"), file: Self.path, field: "多元表現[0]"),
            ])
        #expect(keys(list.apply(to: wholeRecord()).record) == ["校方建立幹部經歷紀錄:1"])
        let (empty, none) = tickList([], mode: .uploaded).apply(to: wholeRecord())
        #expect(none.isEmpty && keys(empty) == ["校方建立幹部經歷紀錄:1"])
    }

    @Test func eachWayTakesOnlyItsOwnMaterialFromAWholeRecord() {
        // A student's record holds uploads for departments they upload to, and records to tick.
        let uploads = UploadAssemblyTests()
        var record = wholeRecord()
        record.uploads = [uploads.upload("B"), uploads.upload("J")]
        record.diagnostics.append(.warning(.attachmentTooLarge(path: "x", size: 9, limit: 1), file: "01000001_自行上傳_J.pdf"))
        let profile = assembly.profile(["B", "H", "J"])

        // 勾選: the ticked records, no upload, and so no both-ways error.
        let ticked = studentPacket(record, profile, tickList(["課程學習成果:1"], ["競賽參與紀錄:1"]))
        #expect(uploads.uploadedFiles(ticked, "B").isEmpty && uploads.uploadedFiles(ticked, "J").isEmpty)
        #expect(ticked.items.flatMap(\.entries).compactMap(\.recordKey).map(\.rawValue) == ["課程學習成果:1", "校方建立幹部經歷紀錄:1", "競賽參與紀錄:1"])
        #expect(!ticked.hasErrors)
        #expect(!ticked.diagnostics.contains { $0.file == "01000001_自行上傳_J.pdf" })

        // 自行上傳: the uploads, no record but the school's cadre record, no both-ways error.
        let uploaded = studentPacket(record, profile, tickList([], mode: .uploaded))
        #expect(uploads.uploadedFiles(uploaded, "B") == ["01000001_自行上傳_B.pdf"])
        #expect(uploads.uploadedFiles(uploaded, "J") == ["01000001_自行上傳_J.pdf"])
        #expect(uploaded.items.flatMap(\.entries).compactMap(\.recordKey).map(\.rawValue) == ["校方建立幹部經歷紀錄:1"])
        #expect(!uploaded.diagnostics.contains { if case .bothSelectionModes = $0.kind { true } else { false } })

        // Without a tick list the folder has both ways: the folder's error.
        let folder = PacketAssembler(rules: assembly.rules, toolVersion: "test").assemble(record, profile: profile)
        #expect(folder.diagnostics.contains { if case .bothSelectionModes = $0.kind { true } else { false } })
    }

    @Test func keysOfAnUnreadableFileAreNotCalledUnknown() {
        var record = wholeRecord()
        let reason = Diagnostic.error(.jsonSyntax(.invalidNumber, line: 1, column: 2), file: Self.outcomesFile)
        record.outcomes = .unreadable(file: Self.outcomesFile, reason: reason)
        #expect(tickList(["課程學習成果:1"]).apply(to: record).diagnostics.isEmpty)
        // An absent file has no items: its keys name nothing.
        record.outcomes = .absent(file: Self.outcomesFile)
        #expect(tickList(["課程學習成果:1"]).apply(to: record).diagnostics.map(\.kind) == [.tickUnknownKey(key: "課程學習成果:1", hint: nil)])
    }

    // MARK: What assembly finds: caps, windows, certification

    func studentPacket(_ record: ApplicantRecord, _ profile: Profile, _ list: TickList) -> ReviewPacket {
        PacketAssembler(rules: assembly.rules, toolVersion: "test").assemble(record, profile: profile, tickList: list)
    }

    @Test func moreTicksThanACapIsATickErrorNamingTheKeys() {
        // Four outcomes ticked (one twice), the 申請入學 cap of 課程學習成果 3.
        let list = tickList(["A7F3-0192", "課程學習成果:1", "課程學習成果:2", "課程學習成果:1", "課程學習成果:3"], ["校方建立幹部經歷紀錄:1"])
        var record = wholeRecord()
        if case .present(let file, var outcomes) = record.outcomes {
            outcomes[2].certification = .value("已認證")
            record.outcomes = .present(file: file, outcomes)
        }
        let packet = studentPacket(record, assembly.profile(["B", "C", "H"]), list)
        let overCap = packet.diagnostics.filter { if case .tickOverCap = $0.kind { true } else { false } }
        #expect(
            overCap == [
                .error(
                    .tickOverCap(
                        scope: "課程學習成果", count: 4, cap: 3,
                        keys: ["A7F3-0192", "課程學習成果:1", "課程學習成果:2", "課程學習成果:3"]),
                    file: Self.path, field: "課程學習成果")
            ])
        // Said once, as the tick's error: not also as the folder's `over-cap`.
        #expect(!packet.diagnostics.contains { if case .overCap = $0.kind { true } else { false } })
        // Every ticked item is shown, and the index marks the cap.
        #expect(packet.items.flatMap(\.entries).compactMap(\.recordKey).count == 5)
        #expect(packet.items.first { $0.code == "B" }?.overCap == CapCount(scope: .group(.learningOutcomes), received: 4, cap: 3))
        // The school's cadre record counts toward no cap; within the cap, no error.
        let within = studentPacket(record, assembly.profile(["B", "C", "H"]), tickList(["課程學習成果:1"], ["校方建立幹部經歷紀錄:1"]))
        #expect(!within.hasErrors)
    }

    @Test func aTechnicalCapPerItemNamesTheItem() {
        let outcomes = (0..<4).map { assembly.outcome($0, category: "1") }
        let record = assembly.record(outcomes: outcomes)
        let profile = assembly.profile(["B-1"], channel: .technicalSelection, caps: [.item("B-1"): 3])
        let packet = studentPacket(record, profile, tickList((1...4).map { "課程學習成果:\($0)" }))
        #expect(
            packet.diagnostics.first
                == .error(
                    .tickOverCap(scope: "B-1", count: 4, cap: 3, keys: (1...4).map { "課程學習成果:\($0)" }), file: Self.path,
                    field: "課程學習成果", item: "B-1"))
    }

    @Test func aTickOutsideTheSemesterWindowIsATickErrorAndLeftOut() {
        // 專業群, 招生學年度 115: semesters 1–4 only; 114-1 is semester 5.
        var late = assembly.outcome(1)
        late.schoolYear = .value(114)
        late.semester = .value(1)
        let dated = PerformanceRecord(
            category: .competition, index: 0, sourceFile: Self.performancesFile,
            fields: [RecordField(name: "結果公布日期", value: .date(CalendarDate(year: 2026, month: 3, day: 1)!))])
        let record = assembly.record(outcomes: [assembly.outcome(0), late], performances: [dated], group: "電機與電子群")
        let profile = assembly.profile(["B-1", "B-2", "C-5"], channel: .technicalSelection, caps: [:])
        let packet = studentPacket(record, profile, tickList(["課程學習成果:1", "課程學習成果:2"], ["競賽參與紀錄:1"]))
        let window = packet.diagnostics.filter { if case .tickOutsideWindow = $0.kind { true } else { false } }
        #expect(
            window == [
                .error(.tickOutsideWindow(key: "課程學習成果:2", item: "B-2", semester: 5, window: 1...4), file: Self.path, field: "課程學習成果[1]", item: "B-2"),
                .error(.tickOutsideWindow(key: "競賽參與紀錄:1", item: "C-5", semester: 6, window: 1...4), file: Self.path, field: "多元表現[0]", item: "C-5"),
            ])
        #expect(!packet.diagnostics.contains { if case .recordOutsideWindow = $0.kind { true } else { false } })
        // Left out, as in a department's folder, and named in the XML's list.
        #expect(packet.items.flatMap(\.entries).compactMap(\.recordKey) == [ItemKey("課程學習成果:1")])
        #expect(packet.leftOut.map(\.field) == ["[1]", "競賽參與紀錄[0]"])
        #expect(packet.hasErrors)
    }

    @Test func anUncertifiedTickIsSaidOnce() {
        let packet = studentPacket(wholeRecord(), assembly.profile(["B"]), tickList(["課程學習成果:3"]))
        let said = packet.diagnostics.filter {
            switch $0.kind {
            case .tickUncertified, .outcomeUncertified: true
            default: false
            }
        }
        #expect(said.map(\.kind) == [.tickUncertified(key: "課程學習成果:3", status: "未認證")])
        // Without a tick list the folder's error stands.
        let folder = PacketAssembler(rules: assembly.rules, toolVersion: "test").assemble(wholeRecord(), profile: assembly.profile(["B"]))
        #expect(folder.diagnostics.contains { if case .outcomeUncertified = $0.kind { true } else { false } })
    }

    // MARK: The input digest

    @Test func theTickListIsPartOfTheInputDigestOnlyWhenThereIsOne() {
        let assembler = PacketAssembler(rules: assembly.rules, toolVersion: "test")
        let profile = assembly.profile(["B"])
        let plain = assembler.assemble(wholeRecord(), profile: profile)
        var first = tickList(["課程學習成果:1"])
        first.digest = String(repeating: "1", count: 64)
        var second = first
        second.digest = String(repeating: "2", count: 64)
        let a = assembler.assemble(wholeRecord(), profile: profile, tickList: first).meta.inputDigest
        let b = assembler.assemble(wholeRecord(), profile: profile, tickList: second).meta.inputDigest
        #expect(a != b && a != plain.meta.inputDigest)
        #expect(plain.meta.tickList == nil)
    }

    // MARK: The profile

    @Test func aTickListForAnotherDepartmentIsRefused() throws {
        var list = tickList([])
        list.departmentCode = "001022"
        #expect(throws: TickListError.self) { try list.check(against: assembly.profile(["B"])) }
        do {
            try list.check(against: assembly.profile(["B"]))
        } catch {
            #expect(!error.isMissing)
            #expect(
                error.diagnostic
                    == .error(
                        .tickListInvalid(reason: .otherDepartment(tickList: "001022", profile: "001012")), file: Self.path,
                        field: "校系代碼"))
        }
        try tickList([]).check(against: assembly.profile(["B"]))
        // The built-in profile names no department.
        try list.check(against: try #require(Profile.builtIn(channelName: "申請入學", rules: assembly.rules)))
    }

    // MARK: What `check --items` lists

    @Test func recordItemsListEveryKeyWithItsItemAndWhetherTicked() {
        let assembler = PacketAssembler(rules: assembly.rules, toolVersion: "test")
        let profile = assembly.profile(["B", "J"])
        let items = assembler.recordItems(wholeRecord(), profile: profile, tickList: tickList(["課程學習成果:2"]))
        #expect(items.map(\.key.rawValue) == [
            "課程學習成果:1", "課程學習成果:2", "課程學習成果:3", "A7F3-0192", "校方建立幹部經歷紀錄:1", "競賽參與紀錄:1",
            "競賽參與紀錄:2", "服務學習紀錄:1",
        ])
        #expect(items.map { $0.item?.rawValue ?? "-" } == ["B", "C", "B", "B", "H", "J", "J", "I"])
        #expect(items.map(\.itemTaken) == [true, false, true, true, false, true, true, false])
        #expect(items.map(\.selected) == [false, true, false, false, true, false, false, false])
        #expect(items[2].certification == "未認證" && items[3].title == "化學" && items[5].certification == nil)
        #expect(items[3].field == "[3]" && items[6].field == "競賽參與紀錄[1]" && items[6].file == Self.performancesFile)
        #expect(assembler.recordItems(wholeRecord(), profile: profile).allSatisfy { $0.selected == nil })
        // Without a profile: the keys, no review items.
        let bare = assembler.recordItems(wholeRecord(), profile: nil)
        #expect(bare.map(\.key) == items.map(\.key))
        #expect(bare.allSatisfy { $0.item == nil && !$0.itemTaken })
    }
}

/// Reading a tick list file: its shape, its errors by key path, and never a FIFO.
@Suite struct TickListLoaderTests {
    func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ticks-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func aTickListIsRead() throws {
        let path = try write(#"{"校系代碼": "001012", "方式": "勾選", "課程學習成果": [" 課程學習成果:2 ", "A7F3-0192"], "多元表現": ["競賽參與紀錄:1"]}"#)
        let list = try TickListLoader.load(path: path)
        #expect(list.departmentCode == "001012" && list.mode == .ticked)
        #expect(list.outcomes == ["課程學習成果:2", "A7F3-0192"])
        #expect(list.performances == ["競賽參與紀錄:1"])
        #expect(list.path == path && list.source == URL(fileURLWithPath: path).lastPathComponent)
        #expect(list.digest.count == 64)
        // A list left out ticks nothing.
        let sparse = try TickListLoader.load(path: try write(#"{"校系代碼": "001012", "方式": "自行上傳"}"#))
        #expect(sparse.mode == .uploaded && sparse.outcomes.isEmpty && sparse.performances.isEmpty)
    }

    func failure(_ text: String) throws -> TickListError? {
        let path = try write(text)
        do {
            _ = try TickListLoader.load(path: path)
            return nil
        } catch {
            #expect(error.diagnostic.file == path && error.diagnostic.severity == .error)
            return error
        }
    }

    @Test func aMalformedTickListIsAnErrorNamingTheKey() throws {
        let cases: [(String, String?, DiagnosticKind)] = [
            (#"{"方式": "勾選"}"#, "校系代碼", .tickListInvalid(reason: .malformed(.missing))),
            (#"{"校系代碼": "001012", "方式": "挑選"}"#, "方式",
             .tickListInvalid(reason: .malformed(.notOneOf("挑選", allowed: ["勾選", "自行上傳"])))),
            (#"{"校系代碼": "001012", "方式": "勾選", "多元表現": ["a", 2]}"#, "多元表現[1]",
             .tickListInvalid(reason: .malformed(.wrongType(expected: .string, found: .number)))),
            (#"{"校系代碼": "001012", "方式": "勾選", "課程學習成果": "課程學習成果:1"}"#, "課程學習成果",
             .tickListInvalid(reason: .malformed(.wrongType(expected: .array, found: .string)))),
            // A misspelt list would tick nothing without a word.
            (#"{"校系代碼": "001012", "方式": "勾選", "課程成果": []}"#, "課程成果",
             .tickListInvalid(reason: .malformed(.notOneOf("課程成果", allowed: ["校系代碼", "方式", "課程學習成果", "多元表現"])))),
            (#"["課程學習成果:1"]"#, nil, .tickListInvalid(reason: .malformed(.wrongType(expected: .object, found: .array)))),
        ]
        for (text, field, kind) in cases {
            let error = try #require(try failure(text), "\(text)")
            #expect(!error.isMissing, "\(text)")
            #expect(error.diagnostic.field == field, "\(text)")
            #expect(error.diagnostic.kind == kind, "\(text)")
        }
        let syntax = try #require(try failure(#"{"校系代碼": "001012", "#))
        if case .jsonSyntax(.unexpectedEndOfInput, _, _) = syntax.diagnostic.kind {} else { Issue.record("\(syntax.diagnostic.kind)") }
    }

    @Test func aMissingOrUnopenableTickListIsMissing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ticks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, make) in [("none.json", { (_: String) in }), ("fifo.json", { #expect(mkfifo($0, 0o600) == 0) }), ("dir.json", {
            try? FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: false)
        })] as [(String, (String) -> Void)] {
            let path = folder.appendingPathComponent(name).path
            make(path)
            do {
                _ = try TickListLoader.load(path: path)
                Issue.record("\(name) was read")
            } catch {
                #expect(error.isMissing, "\(name)")
                #expect(error.diagnostic.file == path)
                if name == "none.json" { #expect(error.diagnostic.kind == .tickListMissing(path: path)) }
            }
        }
    }

    @Test func anOversizedTickListIsNotRead() throws {
        let error = try #require(
            try failure(#"{"校系代碼": "001012", "方式": "勾選", "課程學習成果": [""# + String(repeating: " ", count: TickListLoader.limit) + #""]}"#))
        #expect(!error.isMissing)
        if case .fileTooLarge = error.diagnostic.kind {} else { Issue.record("\(error.diagnostic.kind)") }
    }
}
