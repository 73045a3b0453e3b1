import Diagnostics
import PortfolioRecord
import Testing

@testable import ReviewPacket

/// 「自行上傳PDF檔」 in assembly: each upload in the item its name names, what cannot be placed an
/// error naming the file, and both ways in one folder an error with everything still shown.
@Suite struct UploadAssemblyTests {
    let base = AssemblyTests()

    func upload(_ code: String, readable: Bool = true, size: Int = 1_000) -> UploadedFile {
        let name = "01000001_自行上傳_\(code).pdf"
        let file = AttachmentFile(
            path: name, size: size, mediaType: .pdf, sha256: String(repeating: "a", count: 64),
            md5: String(repeating: "b", count: 32), md5Check: .notStated)
        return UploadedFile(file: name, itemCode: code, content: readable ? .pdf(file) : .unreadable)
    }

    func record(_ uploads: [UploadedFile], outcomes: [LearningOutcome]? = nil, performances: [PerformanceRecord]? = nil)
        -> ApplicantRecord
    {
        var record = base.record(outcomes: outcomes, performances: performances)
        record.uploads = uploads
        return record
    }

    func uploadedFiles(_ packet: ReviewPacket, _ code: ItemCode) -> [String] {
        base.item(packet, code)?.entries.compactMap { if case .uploaded(let entry) = $0 { entry.upload.file } else { nil } } ?? []
    }

    func errors(_ packet: ReviewPacket) -> [DiagnosticKind] {
        packet.diagnostics.filter { $0.severity == .error }.map(\.kind)
    }

    @Test func eachUploadIsAnEntryOfTheItemItsNameNames() {
        let packet = base.assemble(record([upload("B"), upload("J")]), base.profile(["A", "B", "C", "J", "N"]))
        #expect(uploadedFiles(packet, "B") == ["01000001_自行上傳_B.pdf"])
        #expect(uploadedFiles(packet, "J") == ["01000001_自行上傳_J.pdf"])
        #expect(base.item(packet, "B")?.status == .provided)
        #expect(base.item(packet, "C")?.status == .notProvided)
        for code: ItemCode in ["B", "J"] {
            #expect(base.item(packet, code)?.flags.contains(.uploaded) == true, "\(code)")
            #expect(base.item(packet, code)?.flags.contains(.bothSelectionModes) == false, "\(code)")
        }
        #expect(base.item(packet, "C")?.flags.contains(.uploaded) == false)
        #expect(packet.attachments.map(\.path) == ["01000001_自行上傳_B.pdf", "01000001_自行上傳_J.pdf"])
        #expect(errors(packet).isEmpty)
        #expect(!packet.hasErrors)
    }

    @Test func codesCompareWithoutCaseWidthOrSpaces() {
        let packet = base.assemble(record([upload("b"), upload("Ｊ"), upload("ｃ－５")]), base.profile(["B", "J"]))
        #expect(uploadedFiles(packet, "B") == ["01000001_自行上傳_b.pdf"])
        #expect(uploadedFiles(packet, "J") == ["01000001_自行上傳_Ｊ.pdf"])
        // C-5 is a 技專 code: not an item of this channel, whatever its width.
        #expect(errors(packet).contains { if case .uploadItemInvalid(code: "ｃ－５", itemName: nil, _) = $0 { true } else { false } })
        let vocational = base.assemble(
            record([upload("ｃ－５"), upload("b-1")]), base.profile(["B-1", "C-5"], channel: .technicalApplication))
        #expect(uploadedFiles(vocational, "C-5") == ["01000001_自行上傳_ｃ－５.pdf"])
        #expect(uploadedFiles(vocational, "B-1") == ["01000001_自行上傳_b-1.pdf"])
        #expect(errors(vocational).isEmpty)
    }

    @Test func anItemThatIsNotUploadedOrNotOfTheChannelIsAnErrorNamingTheFile() {
        let packet = base.assemble(
            record([upload("A"), upload("N"), upload("R"), upload("Z"), upload("B-1"), upload("")]),
            base.profile(["A", "B", "N", "R"]))
        let accepted = ["B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"]
        let invalid = packet.diagnostics.filter { if case .uploadItemInvalid = $0.kind { true } else { false } }
        #expect(invalid.allSatisfy { $0.severity == .error })
        #expect(invalid.map(\.file) == ["A", "N", "R", "Z", "B-1", ""].map { "01000001_自行上傳_\($0).pdf" })
        #expect(invalid.first?.kind == .uploadItemInvalid(code: "A", itemName: "修課紀錄", accepted: accepted))
        #expect(invalid[1].kind == .uploadItemInvalid(code: "N", itemName: "多元表現綜整心得", accepted: accepted))
        #expect(invalid[3].kind == .uploadItemInvalid(code: "Z", itemName: nil, accepted: accepted))
        // Nothing is placed, in any item.
        for item in packet.items { #expect(uploadedFiles(packet, item.code).isEmpty) }
        #expect(packet.attachments.isEmpty)
        // 技專: B-1 … C-8 are the uploadable items.
        let vocational = base.assemble(record([upload("D-1"), upload("A")]), base.profile(["A", "D-1"], channel: .technicalApplication))
        let vocationalAccepted = ["B-1", "B-2", "C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7", "C-8"]
        #expect(errors(vocational).contains(.uploadItemInvalid(code: "D-1", itemName: "多元表現綜整心得", accepted: vocationalAccepted)))
        #expect(errors(vocational).contains(.uploadItemInvalid(code: "A", itemName: "修課紀錄", accepted: vocationalAccepted)))
    }

    @Test func anItemTheProfileDoesNotTakeIsLeftOutLikeAnyRecord() {
        let packet = base.assemble(record([upload("C")]), base.profile(["B"]))
        #expect(packet.leftOut == [LeftOutRecord(item: "C", file: "01000001_自行上傳_C.pdf", field: "")])
        #expect(packet.diagnostics.contains { $0.kind == .recordLeftOut(item: "C") && $0.file == "01000001_自行上傳_C.pdf" && $0.severity == .warning })
        #expect(!packet.hasErrors)
        #expect(packet.attachments.isEmpty)
    }

    @Test func twoFilesForOneItemAreAnErrorAndBothArePlaced() {
        let packet = base.assemble(record([upload("B"), upload("b"), upload("Ｂ")]), base.profile(["B"]))
        #expect(uploadedFiles(packet, "B") == ["01000001_自行上傳_B.pdf", "01000001_自行上傳_b.pdf", "01000001_自行上傳_Ｂ.pdf"])
        let duplicates = packet.diagnostics.filter { if case .uploadDuplicate = $0.kind { true } else { false } }
        #expect(duplicates.map(\.file) == ["01000001_自行上傳_b.pdf", "01000001_自行上傳_Ｂ.pdf"])
        #expect(duplicates.allSatisfy { $0.kind == .uploadDuplicate(first: "01000001_自行上傳_B.pdf") && $0.severity == .error && $0.item == "B" })
    }

    @Test func anUnreadableUploadMakesItsItemUnreadable() {
        let packet = base.assemble(record([upload("B", readable: false)]), base.profile(["B"]))
        #expect(base.item(packet, "B")?.status == .unreadable(files: ["01000001_自行上傳_B.pdf"]))
        #expect(base.item(packet, "B")?.flags.isSuperset(of: [.uploaded, .unreadable]) == true)
        #expect(packet.attachments.isEmpty)
    }

    @Test func anUploadOverTheDatabasesSizeIsAWarningOnItsItem() {
        let packet = base.assemble(record([upload("B", size: 5 << 20)]), base.profile(["B"]))
        #expect(packet.diagnostics.contains {
            $0.kind == .attachmentTooLarge(path: "01000001_自行上傳_B.pdf", size: 5 << 20, limit: 4 << 20) && $0.item == "B"
        })
        #expect(base.item(packet, "B")?.flags.contains(.attachmentTooLarge) == true)
    }

    @Test func uploadsDoNotCountTowardACap() {
        let packet = base.assemble(
            record([upload("B"), upload("C"), upload("D")]), base.profile(["B", "C", "D"], caps: [.group(.learningOutcomes): 1]))
        #expect(packet.items.allSatisfy { $0.overCap == nil })
        #expect(!packet.diagnostics.contains { if case .overCap = $0.kind { true } else { false } })
    }

    @Test func bothWaysInOneFolderAreAnErrorWithEveryEntryShownAndMarked() {
        let packet = base.assemble(
            record(
                [upload("B"), upload("J")], outcomes: [base.outcome(0)],
                performances: [base.performance(.competition, 0), base.performance(.schoolCadre, 0)]),
            base.profile(["B", "H", "J"]))
        let mixed = packet.diagnostics.filter { if case .bothSelectionModes = $0.kind { true } else { false } }
        #expect(mixed.count == 1)
        #expect(mixed.first?.severity == .error)
        #expect(
            mixed.first?.kind == .bothSelectionModes(
                records: ["01000001_課程學習成果.json", "01000001_多元表現.json"],
                uploads: ["01000001_自行上傳_B.pdf", "01000001_自行上傳_J.pdf"]))
        #expect(mixed.first?.file == nil)
        // Everything is there: the outcome and the upload in B, the competition and the upload in J.
        let b = base.item(packet, "B")?.entries ?? []
        let j = base.item(packet, "J")?.entries ?? []
        #expect(b.count == 2 && j.count == 2)
        for entry in b + j { #expect(entry.flags.contains(.bothSelectionModes)) }
        // The school's cadre list is not a choice of the applicant's: not marked.
        #expect(base.item(packet, "H")?.entries.count == 1)
        #expect(base.item(packet, "H")?.flags.contains(.bothSelectionModes) == false)
    }

    @Test func theSchoolsCadreListAloneOrEmptyRecordFilesAreNotTheOtherWay() {
        let packet = base.assemble(
            record([upload("B")], outcomes: [], performances: [base.performance(.schoolCadre, 0)]), base.profile(["B", "H"]))
        #expect(!packet.hasErrors)
        #expect(packet.items.allSatisfy { !$0.flags.contains(.bothSelectionModes) })
        // An invalid upload is an upload all the same: with records it is both ways.
        let invalid = base.assemble(record([upload("Z")], outcomes: [base.outcome(0)]), base.profile(["B"]))
        // Reported first: which way the folder takes is what the student settles before anything else.
        #expect(
            errors(invalid) == [
                .bothSelectionModes(records: ["01000001_課程學習成果.json"], uploads: ["01000001_自行上傳_Z.pdf"]),
                .uploadItemInvalid(code: "Z", itemName: nil, accepted: ["B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"]),
            ])
    }
}
