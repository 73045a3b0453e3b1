import Diagnostics
import Foundation
import PortfolioRecord
@testable import ReviewPacket
import Testing

@testable import PacketContent

/// The packet's content, before any font: what each section holds.
@Suite struct ContentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func packet(_ applicant: String, caps: [CapScope: Int] = [:]) throws -> ReviewPacket {
        let rules = try RuleBook.load()
        let department = String(applicant.split(separator: "/")[0])
        var (profile, _) = try ProfileLoader.load(
            path: root.appendingPathComponent("samples/profiles/\(department).json").path, rules: rules)
        profile.caps.merge(caps) { $1 }
        let record = try ApplicantFolderReader().read(folder: root.appendingPathComponent("samples/\(applicant)"))
        return PacketAssembler(rules: rules, toolVersion: "test").assemble(record, profile: profile)
    }

    @Test func openingPageThenOneSectionPerItemWithAPageThenFileCheck() throws {
        let packet = try Self.packet("001012/01000104")
        let sections = PacketContent.sections(packet)
        #expect(sections.first?.headerTitle == "目錄")
        #expect(sections.last?.headerTitle == "檔案核對")
        let withPages = packet.items.filter { $0.status != .notProvided }
        // The sample has items 未提供: without them the test would not show they get no page.
        #expect(withPages.count < packet.items.count)
        #expect(sections.dropFirst().dropLast().map(\.itemCode) == withPages.map(\.code.rawValue))
        let preview = PacketContent.sections(packet, preview: true)
        #expect(preview.map(\.headerTitle).prefix(2) == ["預覽版", "目錄"])
    }

    @Test func theOpeningPageSaysWhoWhichDepartmentAndChannel() throws {
        let packet = try Self.packet("001012/01000101")
        let opening = PacketContent.opening(packet, pages: [:])
        guard let fields = opening.blocks.compactMap({ if case .fields(let f) = $0 { f } else { nil } }).first else {
            Issue.record("the opening page has fields")
            return
        }
        let values = Dictionary(uniqueKeysWithValues: fields.map { ($0.label, $0.value) })
        #expect(values["應試號碼"] == "01000101")
        #expect(values["姓名"] == "林𡘙安")
        #expect(values["就讀學校"] != nil && values["群別／科班"] != nil)
        #expect(values["校系"] == "001012 國立臺灣大學 中國文學系")
        #expect(values["招生管道"] == "115 學年度　申請入學")
        #expect(fields.allSatisfy { !$0.value.contains("A123456789") })
        // who and where come before the index
        let firstTable = opening.blocks.firstIndex { if case .table = $0 { true } else { false } }
        let firstFields = opening.blocks.firstIndex { if case .fields = $0 { true } else { false } }
        #expect(try #require(firstFields) < #require(firstTable))
    }

    func index(_ packet: ReviewPacket, pages: [String: Int] = [:]) throws -> Table {
        let opening = PacketContent.opening(packet, pages: pages)
        return try #require(opening.blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }.first)
    }

    @Test func theIndexMarksMissingAndOverCapItemsAndLinksOnlyItemsWithAPage() throws {
        let packet = try Self.packet("001012/01000103")
        let table = try index(packet, pages: ["A": 3])
        #expect(table.header == ["項目", "審查資料項目", "頁次", "件數", "註記"])
        #expect(table.rows.first?.prefix(3) == ["A", "修課紀錄", "3"])
        let d = try #require(table.rows.firstIndex { $0[0] == "D" })
        #expect(table.rows[d][3] == "—" && table.rows[d][4] == "未提供")
        #expect(table.rowTargets[d] == nil)
        #expect(table.rowTargets.first == "A")
        // P and Q point to the combined statement under O: no page of their own, their lines lead to O's.
        let table2 = try index(packet, pages: ["A": 3, "O": 20])
        let p = try #require(table2.rows.firstIndex { $0[0] == "P" })
        #expect(table2.rows[p][2] == "20" && table2.rows[p][3] == "見項目 O" && table2.rowTargets[p] == "O")
        #expect(!PacketContent.sections(packet).contains { $0.itemCode == "P" || $0.itemCode == "Q" })
        let full = try index(Self.packet("001012/01000101", caps: [.group(.learningOutcomes): 2]))
        #expect(full.rows.contains { $0[0] == "D" && $0[4].hasPrefix("課程學習成果收到 3 件，上限 2 件") })
    }

    @Test func countsTellSemestersAndDocumentsApart() throws {
        let packet = try Self.packet("001012/01000101")
        let a = try #require(packet.items.first { $0.code == "A" })
        // 5 semesters and the school-sent 第6學期成績單, not 6 semesters.
        #expect(PacketContent.countText(a) == "5 學期、第 6 學期成績單 1 件")
        let b = try #require(packet.items.first { $0.code == "B" })
        #expect(PacketContent.countText(b) == "\(b.entries.count) 件")
        let sparse = try Self.packet("001012/01000104")
        let onlyPDF = try #require(sparse.items.first { $0.code == "A" })
        #expect(PacketContent.countText(onlyPDF) == "修課紀錄 PDF 1 件")
    }

    @Test func courseTablesCarryTheEstimateLabelAndTheMethodUnderEachTable() throws {
        let packet = try Self.packet("001012/01000101")
        let section = PacketContent.item(packet.items[0], packet: packet)
        let marks = section.blocks.compactMap { if case .mark(let t, _) = $0 { t } else { nil } }
        #expect(marks.prefix(5) == ["112 學年度第 1 學期", "112 學年度第 2 學期", "113 學年度第 1 學期", "113 學年度第 2 學期", "114 學年度第 1 學期"])
        let tables = section.blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
        #expect(tables.count == 5)
        #expect(tables.allSatisfy { $0.header.last == "推估相對表現（本系統推估）" })
        #expect(tables.allSatisfy { $0.footnote == CourseTables.methodNote })
        #expect(tables.flatMap(\.rows).contains { $0.last?.hasPrefix("前 ") == true })
        #expect(!tables.flatMap(\.rows).contains { $0.last == "前 0.0%" })
        // One sentence: it ends once, with 「。」.
        #expect(CourseTables.methodNote.filter { $0 == "。" }.count == 1 && CourseTables.methodNote.hasSuffix("。"))
        #expect(CourseTables.methodNote.contains("本系統") && CourseTables.methodNote.contains("至少計為 1 人"))
    }

    @Test func vocationalColumnsShowTheSubjectAttribute() throws {
        let packet = try Self.packet("2A0105/02050001")
        let columns = [
            CourseColumnSpec(.subject, width: 4), CourseColumnSpec(.attribute, width: 2), CourseColumnSpec(.standing, width: 2),
        ]
        let section = PacketContent.item(packet.items[0], packet: packet, courseColumns: columns)
        let tables = section.blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
        #expect(!tables.isEmpty)
        #expect(tables.allSatisfy { $0.header == ["科目名稱", "科目屬性", "推估相對表現（本系統推估）"] })
        let attributes = Set(tables.flatMap(\.rows).map { $0[1] })
        #expect(attributes.isSuperset(of: ["一般科目", "專業科目", "實習科目"]))
    }

    @Test func aCodeWithoutANameReadsCodeN() throws {
        let rules = try RuleBook.load().years[115]!.courseCode
        let row = CourseRow(
            course: CourseResult(index: 0, subject: .value("專題實作")),
            code: DecodedCourseCode("108041305H11101A10Z0101", rules: rules), standing: .unavailable)
        #expect(PacketContent.cell(.attribute, row) == "代碼 Z")
        #expect(PacketContent.cell(.category, row) == "部定必修")
        let field = DisplayField(name: "團體或個人參與代碼", value: .code("7"), codeName: nil)
        #expect(PacketContent.fieldText(field) == "代碼 7")
        let named = DisplayField(name: "團體或個人參與代碼", value: .code("1"), codeName: "個人參與")
        #expect(PacketContent.fieldText(named) == "個人參與（1）")
    }

    @Test func missingItemsHaveNoPageAndNoDemandingWording() throws {
        let packet = try Self.packet("001012/01000104")
        let missing = packet.items.filter { $0.status == .notProvided }.map(\.code.rawValue)
        #expect(!missing.isEmpty)
        let sections = PacketContent.sections(packet, preview: true)
        #expect(sections.allSatisfy { !missing.contains($0.itemCode ?? "") })
        let text = sections.flatMap(\.blocks).map(\.plainText).joined(separator: "\n")
        #expect(!text.contains("校系要求此項目"))
        #expect(!sections.flatMap(\.blocks).contains(.notice("未提供")))
    }

    @Test func anUnreadableItemSaysWhichFileAndWhy() throws {
        var packet = try Self.packet("001012/01000104")
        let index = try #require(packet.items.firstIndex { $0.code == "B" })
        packet.items[index].status = .unreadable(files: ["01000104_課程學習成果.json"])
        packet.diagnostics.append(
            .error(.jsonSyntax(.unexpectedEndOfInput, line: 3, column: 1), file: "01000104_課程學習成果.json", item: "B"))
        let section = PacketContent.item(packet.items[index], packet: packet)
        #expect(section.blocks.contains(.notice("無法讀取")))
        let text = section.blocks.map(\.plainText).joined(separator: "\n")
        #expect(text.contains("01000104_課程學習成果.json"))
        #expect(text.contains(DiagnosticKind.jsonSyntax(.unexpectedEndOfInput, line: 3, column: 1).message(.traditionalChinese)))
        #expect(PacketContent.sections(packet).contains { $0.itemCode == "B" })
    }

    @Test func linksAreClickableLines() throws {
        let packet = try Self.packet("001012/01000101")
        let blocks = PacketContent.sections(packet).flatMap(\.blocks)
        let targets = blocks.compactMap { if case .link(_, _, let target) = $0 { target } else { nil } }
        #expect(targets.contains(.uri("https://zine.example.org/yunsheng/12")))
        #expect(targets.contains(.attachment(path: "files/podcast-episode.mp4")))
        // The URL is the text the link sits on.
        #expect(blocks.contains { if case .link(let spans, _, .uri(let url)) = $0 { spans.map(\.text).joined().hasSuffix(url) } else { false } })
    }

    @Test func digestsAreOnlyOnTheFileCheckPage() throws {
        for applicant in ["001012/01000101", "001012/01000102", "2A0105/02050001"] {
            let packet = try Self.packet(applicant)
            let sections = PacketContent.sections(packet, preview: false)
            let check = try #require(sections.last)
            #expect(check.headerTitle == "檔案核對")
            let checkText = check.blocks.map(\.plainText).joined(separator: "\n")
            let otherText = sections.dropLast().flatMap(\.blocks).map(\.plainText).joined(separator: "\n")
            #expect(!packet.attachments.isEmpty)
            for file in packet.attachments {
                #expect(checkText.contains(file.sha256) && checkText.contains(file.md5), "\(file.path)")
                #expect(!otherText.contains(file.sha256) && !otherText.contains(file.md5), "\(file.path)")
            }
        }
        // The mismatch is a short mark on the item, and stated against the file on 檔案核對.
        let packet = try Self.packet("001012/01000102")
        let text = PacketContent.sections(packet).flatMap(\.blocks).map(\.plainText).joined(separator: "\n")
        #expect(text.contains("【MD5 不符】"))
        #expect(text.contains("0f3c9b2d"))
    }

    @Test func selfWrittenTextKeepsEveryCharacter() throws {
        let packet = try Self.packet("001012/01000101")
        guard let item = packet.items.first(where: { $0.code == "O" }), case .document(let entry) = item.entries.first,
            case .text(let text) = entry.document.content
        else {
            Issue.record("O is a text document")
            return
        }
        let section = PacketContent.item(item, packet: packet)
        let typeset = section.blocks.compactMap { block -> String? in
            switch block {
            case .paragraph(let spans), .listItem(_, let spans): spans.map(\.text).joined()
            case .heading(let t, level: let l) where l > 1: t
            default: nil
            }
        }.joined(separator: "\n")
        #expect(typeset == text.plainText)
    }

    @Test func recordsShowDecodedCodesAndROCDates() throws {
        let packet = try Self.packet("001012/01000101")
        // The sample has competition records (item J): without them the test would check nothing.
        let item = try #require(packet.items.first(where: { $0.code == "J" }))
        let section = PacketContent.item(item, packet: packet)
        let values = section.blocks.flatMap { block -> [String] in
            if case .fields(let f) = block { return f.map(\.value) }
            return []
        }
        #expect(values.contains { $0.contains("（") && ($0.hasPrefix("全國") || $0.hasPrefix("縣市級") || $0.hasPrefix("校級") || $0.hasPrefix("國際")) })
        #expect(values.contains { $0.range(of: #"^1\d\d/\d\d/\d\d$"#, options: .regularExpression) != nil })
        // 團體或個人參與 by its name, never the bare code.
        #expect(values.contains { $0 == "個人參與（1）" })
    }
}

/// An uploaded PDF in its item: the statement first, the file, its pages marked; 「自行上傳」 in the index.
@Suite struct UploadContentTests {
    @Test func anUploadedPDFIsMarkedInItsSectionAndTheIndex() throws {
        var packet = try ContentTests.packet("001012/01000104")
        let file = AttachmentFile(
            path: "01000104_自行上傳_B.pdf", size: 2_048, mediaType: .pdf, sha256: String(repeating: "a", count: 64),
            md5: String(repeating: "b", count: 32), md5Check: .notStated)
        let upload = UploadedFile(file: file.path, itemCode: "B", content: .pdf(file))
        let index = try #require(packet.items.firstIndex { $0.code == "B" })
        packet.items[index].entries = [.uploaded(UploadedEntry(upload: upload, flags: []))]
        packet.items[index].status = .provided
        let section = PacketContent.item(packet.items[index], packet: packet)
        #expect(section.blocks.contains(.line([.strong(PacketContent.uploadMark)], style: .flag)))
        #expect(section.blocks.contains(.markedPDFPages(path: file.path, mark: "自行上傳，未經學習歷程中央資料庫認證")))
        #expect(!section.blocks.contains(.pdfPages(path: file.path)))
        func indexTable() throws -> Table {
            try #require(PacketContent.opening(packet, pages: [:]).blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }.first)
        }
        #expect(try indexTable().rows.first { $0[0] == "B" }?[4] == "自行上傳")
        // Both ways at once: each entry says so too.
        packet.items[index].entries = [.uploaded(UploadedEntry(upload: upload, flags: [.bothSelectionModes]))]
        #expect(try indexTable().rows.first { $0[0] == "B" }?[4] == "自行上傳、勾選與自行上傳並存")
    }
}
