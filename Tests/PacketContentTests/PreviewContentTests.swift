import Diagnostics
import ReviewPacket
import Testing

@testable import PacketContent

/// The preview's fix page groups problems by the kind's own `fixGroup`, not by matching codes.
@Suite struct PreviewContentTests {
    @Test func everyKindTheStudentCanFixIsListedUnderItsGroup() throws {
        var packet = try ContentTests.packet("001012/01000104")
        for kind in DiagnosticKind.documentedExamples {
            packet.diagnostics = [.error(kind, file: "01000104_x.json", item: "B")]
            let blocks = PreviewContent.section(packet).blocks
            let headings = blocks.compactMap { if case .heading(let text, 2) = $0 { text } else { nil } }
            let lines = blocks.compactMap { block -> String? in
                if case .listItem(_, let spans) = block { return spans.map(\.text).joined() }
                return nil
            }
            let line = Diagnostic.error(kind, file: "01000104_x.json", item: "B").line(.traditionalChinese)
            if let group = kind.fixGroup {
                #expect(headings.contains(group.title(.traditionalChinese) + "（1）"), "\(kind.code)")
                #expect(lines.contains(line), "\(kind.code)")
            } else {
                #expect(!lines.contains(line), "\(kind.code) is not the student's to fix")
            }
        }
    }

    @Test func groupsComeInTheOrderAStudentWorksThroughThem() throws {
        var packet = try ContentTests.packet("001012/01000104")
        packet.diagnostics = [
            .warning(.glyphMissing(character: "\u{F0000}")), .error(.folderTooLarge(limit: 1), file: "a.pdf"),
            .warning(.itemNotProvided, item: "D"),
        ]
        let headings = PreviewContent.section(packet).blocks.compactMap { if case .heading(let text, 2) = $0 { text } else { nil } }
        #expect(headings == ["無法讀取的檔案（1）", "未提供的項目（1）", "無法顯示的字元與疑似錯字（1）"])
    }

    @Test func tickListErrorsComeFirst() throws {
        var packet = try ContentTests.packet("001012/01000104")
        let tick = Diagnostic.error(.tickUnknownKey(key: "課程學習成果:9", hint: nil), file: "勾選/001012.json", field: "課程學習成果[0]")
        packet.diagnostics = [
            .error(.folderTooLarge(limit: 1), file: "a.pdf"), .warning(.itemNotProvided, item: "D"), tick,
        ]
        let blocks = PreviewContent.section(packet).blocks
        let headings = blocks.compactMap { if case .heading(let text, 2) = $0 { text } else { nil } }
        #expect(headings == ["勾選清單與項目編號（1）", "無法讀取的檔案（1）", "未提供的項目（1）"])
        let first = blocks.first { if case .listItem = $0 { true } else { false } }
        guard case .listItem(_, let spans) = first else {
            Issue.record("no list")
            return
        }
        #expect(spans.map(\.text).joined() == tick.line(.traditionalChinese))
        #expect(tick.line(.traditionalChinese).contains("勾選/001012.json › 課程學習成果[0]"))
    }
}
