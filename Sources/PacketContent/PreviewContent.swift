import Diagnostics
import ReviewPacket

/// The student's preview: a first page listing what can still be fixed, each with where.
enum PreviewContent {
    /// The heading of each group of the fix page.
    static func title(_ group: FixGroup) -> String {
        switch group {
        case .tickList: "勾選清單與項目編號"
        case .selectionMode: "提供方式（勾選或自行上傳，擇一）與自行上傳的檔案"
        case .unreadableFiles: "無法讀取的檔案"
        case .missingItems: "未提供的項目"
        case .overCap: "超過上限"
        case .attachments: "附件問題（MD5 不符、路徑遭拒、檔案不存在、檔案過大、無法讀取、字型未內嵌）"
        case .lengths: "簡述、文章或圖片超過上限"
        case .uncertified: "未認證的課程學習成果"
        case .characters: "無法顯示的字元與疑似錯字"
        case .values: "無法辨識的日期與數值"
        }
    }

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
            blocks.append(.heading("\(title(group))（\(lines.count)）", level: 2))
            for line in lines { blocks.append(.listItem(ordinal: nil, [.plain(line)])) }
        }
        if !any {
            blocks.append(.notice("沒有發現需要修正的地方"))
        }
        return Section(itemCode: nil, headerTitle: "預覽版", outlineTitle: "預覽版：可修正的地方", blocks: blocks)
    }
}
