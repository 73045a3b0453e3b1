import Foundation
import Testing
import Typesetting

/// The repository's font configuration, loaded once for all tests (immutable, shared across the
/// test threads as a real caller would share it).
enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let configurationPath = repositoryRoot.appendingPathComponent("Fonts/fallback.json").path
    static let loaded: Result<FontSet, FontError> = Result { () throws(FontError) -> FontSet in
        try FontSet.load(configurationAt: configurationPath, environment: [:])
    }
}

func fonts() throws -> FontSet {
    try Fixtures.loaded.get()
}

/// Deterministic generator for the property tests (SplitMix64), so failures replay.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// clreq §6.1.1 basic level, as T2/T8 state it.
let noStartMarks: Set<Unicode.Scalar> = Set("、，。．：；！？」』）》〉】〕｝”’·‧・".unicodeScalars)
let noEndMarks: Set<Unicode.Scalar> = Set("「『（《〈【〔｛“‘".unicodeScalars)

/// A torture corpus: dense punctuation, brackets, dashes, ellipses, interpuncts, Latin, digits, 𠮷.
func tortureText<G: RandomNumberGenerator>(tokens count: Int, using generator: inout G) -> String {
    let han = Array("學習歷程檔案我們在高中參加了社團活動並且擔任幹部負責規劃與執行志工服務的課程內容")
    let pieces: [String] = [
        "、", "，", "。", "．", "：", "；", "！", "？", "」", "』", "）", "》", "〉", "】", "〕", "｝",
        "「", "『", "（", "《", "〈", "【", "〔", "｛", "——", "……", "·", "‧", "・", "API", "Swift",
        "2024", "3.14", "𠮷", " ", "第4章", "克里斯多福·諾蘭", "「『", "』」。", "！？", "。」", "⸺", "𪚥",
        "“", "”", "100%", "e-mail", "https://example.com/a/b",
    ]
    var text = ""
    for _ in 0..<count {
        if Int.random(in: 0..<10, using: &generator) < 5 {
            text.append(han[Int.random(in: 0..<han.count, using: &generator)])
        } else {
            text += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
        }
    }
    return text
}

/// Realistic portfolio prose for the justification and last-line properties.
func proseText<G: RandomNumberGenerator>(sentences count: Int, using generator: inout G) -> String {
    let sentences = [
        "我在高一下學期參加了資訊研究社，學習使用Swift撰寫第一個應用程式。",
        "這份學習歷程檔案記錄了我在第4章介紹API設計時遇到的困難，以及我如何解決它們。",
        "老師說：「做研究要有耐心——先問對問題，再找答案。」",
        "我們訪問了克里斯多福·諾蘭的影迷，整理出三個主題……然後寫成報告。",
        "實驗結果顯示，溫度每上升10度，反應速率約增加2倍。",
        "閱讀《科學人》雜誌後，我對量子電腦（quantum computer）產生興趣！",
        "社團成果展共有120位同學參觀；我們準備的海報獲得好評？",
        "在自主學習計畫中，我以Python分析空氣品質資料，並使用GitHub管理程式碼。",
    ]
    var text = ""
    for _ in 0..<count { text += sentences[Int.random(in: 0..<sentences.count, using: &generator)] }
    return text
}

extension TextLine {
    /// Every glyph of the line with its face, in drawing order.
    var allGlyphs: [(run: GlyphRun, glyph: PositionedGlyph)] {
        runs.flatMap { run in run.glyphs.map { (run, $0) } }
    }
    var firstScalar: Unicode.Scalar? { text.unicodeScalars.first }
    var lastScalar: Unicode.Scalar? { text.unicodeScalars.last }
}
