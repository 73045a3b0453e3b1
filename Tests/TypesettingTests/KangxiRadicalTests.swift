import Testing
import Typesetting

@Suite("Kangxi radicals (T9)")
struct KangxiRadicalTests {
    @Test func flagsRadicalsThatLookLikeIdeographs() {
        // 王小明 written with ⽇ U+2F47 for 日 and ⺟ U+2E9F for 母.
        let name = "林\u{2F47}新、\u{2E9F}親\u{2F47}"
        let found = kangxiRadicalLookalikes(in: name)
        #expect(found.count == 2)
        #expect(found[0].0 == "\u{2F47}" && found[0].1 == "\u{65E5}")
        #expect(found[1].0 == "\u{2E9F}" && found[1].1 == "\u{6BCD}")
        #expect(replacingKangxiRadicals(in: name) == "林日新、母親日")
    }

    @Test func ordinaryTextIsNotFlagged() {
        #expect(kangxiRadicalLookalikes(in: "林日新、母親，API 2024").isEmpty)
    }

    @Test func wholeBlocksAreMapped() {
        for v in UInt32(0x2F00)...0x2FD5 {
            let mapped = Unicode.Scalar(v).flatMap { ideographLookalike(of: $0) }
            #expect(mapped != nil, "U+\(String(v, radix: 16))")
        }
        #expect(ideographLookalike(of: "\u{2E80}") == nil)
        #expect(ideographLookalike(of: "\u{2EF3}") == "\u{9F9F}")
        #expect(ideographLookalike(of: "\u{2E87}") == "\u{20628}")
    }
}
