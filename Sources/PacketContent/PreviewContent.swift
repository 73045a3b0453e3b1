import Diagnostics
import ReviewPacket

/// The student's preview: a first page listing what can still be fixed, each with where.
enum PreviewContent {
    static func section(_ packet: ReviewPacket) -> Section {
        var blocks: [Block] = [
            .heading("預覽版：送出前還可以修正的地方", level: 1),
            .line([.plain("這份預覽與正式備審資料內容相同，只多了本頁與每頁的「預覽版」浮水印。下列每一項都標出檔案、欄位與審查項目，修正後重新產生即可。")], style: .normal),
            .space(0.5),
        ]
        var any = false
        for group in FixGroup.allCases {
            let lines = packet.diagnostics.filter { $0.kind.fixGroup == group }.map { $0.line(.traditionalChinese) }
            guard !lines.isEmpty else { continue }
            any = true
            blocks.append(.heading("\(group.title(.traditionalChinese))（\(lines.count)）", level: 2))
            for line in lines { blocks.append(.listItem(ordinal: nil, [.plain(line)])) }
        }
        if !any {
            blocks.append(.notice("沒有發現需要修正的地方"))
        }
        return Section(itemCode: nil, headerTitle: "預覽版", outlineTitle: "預覽版：可修正的地方", blocks: blocks)
    }
}
