import Foundation
import PortfolioRecord
import ReviewPacket
import Testing

@testable import PacketContent

/// The packet's content, before any font: what each section holds.
@Suite struct ContentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func packet(_ applicant: String) throws -> ReviewPacket {
        let rules = try RuleBook.load()
        let department = String(applicant.split(separator: "/")[0])
        let (profile, _) = try ProfileLoader.load(
            path: root.appendingPathComponent("samples/profiles/\(department).json").path, rules: rules)
        let record = try ApplicantFolderReader().read(folder: root.appendingPathComponent("samples/\(applicant)"))
        return PacketAssembler(rules: rules, toolVersion: "test").assemble(record, profile: profile)
    }

    @Test func coverIndexThenOneSectionPerItemInCodeOrder() throws {
        let packet = try Self.packet("001012/01000101")
        let sections = PacketContent.sections(packet)
        #expect(sections.count == packet.items.count + 2)
        #expect(sections[0].headerTitle == "封面")
        #expect(sections[1].headerTitle == "目錄")
        #expect(sections.dropFirst(2).map(\.itemCode) == packet.items.map(\.code.rawValue))
    }

    @Test func coverNamesTheApplicantAndCountsItems() throws {
        let packet = try Self.packet("001012/01000101")
        let cover = PacketContent.cover(packet)
        guard let fields = cover.blocks.compactMap({ if case .fields(let f) = $0 { f } else { nil } }).first else {
            Issue.record("the cover has fields")
            return
        }
        #expect(fields.contains { $0.label == "姓名" && $0.value == "林𡘙安" })
        #expect(fields.contains { $0.label == "應試號碼" && $0.value == "01000101" })
        #expect(fields.allSatisfy { !$0.value.contains("A123456789") })
    }

    @Test func indexMarksOverCapAndMissingItems() throws {
        let packet = try Self.packet("001012/01000103")
        let index = PacketContent.index(packet, pages: ["A": 3])
        guard case .table(let table) = index.blocks[1] else {
            Issue.record("the index is a table")
            return
        }
        #expect(table.rows.first == ["A", "修課紀錄", "3", ""])
        #expect(table.rows.contains { $0[0] == "D" && $0[3] == "未提供" })
        let full = try Self.packet("001012/01000101")
        let fullIndex = PacketContent.index(full, pages: [:])
        guard case .table(let fullTable) = fullIndex.blocks[1] else {
            Issue.record("the index is a table")
            return
        }
        #expect(fullTable.rows.contains { $0[0] == "D" && $0[3].hasPrefix("超過上限 2 件") })
    }

    @Test func courseTablesHaveSemestersStandingsAndTheMethodNote() throws {
        let packet = try Self.packet("001012/01000101")
        let section = PacketContent.item(packet.items[0], packet: packet)
        let marks = section.blocks.compactMap { if case .mark(let t, _) = $0 { t } else { nil } }
        #expect(marks.prefix(5) == ["112 學年度第 1 學期", "112 學年度第 2 學期", "113 學年度第 1 學期", "113 學年度第 2 學期", "114 學年度第 1 學期"])
        let tables = section.blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
        #expect(tables.count == 5)
        #expect(tables.allSatisfy { $0.header.last == "推估相對表現" })
        #expect(tables.flatMap(\.rows).contains { $0.last?.hasPrefix("前 ") == true })
        #expect(section.blocks.contains { if case .line(let spans, _) = $0 { spans.first?.text.contains("推估相對表現：以分數") == true } else { false } })
    }

    @Test func notProvidedItemsSayIt() throws {
        let packet = try Self.packet("001012/01000104")
        for item in packet.items where item.status == .notProvided {
            #expect(PacketContent.item(item, packet: packet).blocks.contains(.notice("未提供")))
        }
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
        guard case .table(let table) = PacketContent.index(packet, pages: [:]).blocks[1] else {
            Issue.record("the index is a table")
            return
        }
        #expect(table.rows.first { $0[0] == "B" }?[3] == "自行上傳")
        // Both ways at once: each entry says so too.
        packet.items[index].entries = [.uploaded(UploadedEntry(upload: upload, flags: [.bothSelectionModes]))]
        guard case .table(let mixed) = PacketContent.index(packet, pages: [:]).blocks[1] else { return }
        #expect(mixed.rows.first { $0[0] == "B" }?[3] == "自行上傳、勾選與自行上傳並存")
    }
}
