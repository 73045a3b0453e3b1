import Testing

@testable import ReviewPacket

@Suite struct CourseCodeTests {
    let rules = try! RuleBook.load().years[115]!.courseCode

    @Test func decodesTheDomainExample() {
        // the 課程代碼 positions of Templates/rules/115.json: 108041305H11101A1010101 = 國語文, 部定必修, 一般科目, 語文
        let code = DecodedCourseCode("108041305H11101A1010101", rules: rules)
        #expect(code.problem == nil)
        #expect(code.category == "部定必修")
        #expect(code.attribute == "一般科目")
        #expect(code.domain == "語文")
    }

    @Test func lettersInCodedPositions() {
        // position 17 = A (大學預修課程), 19 = B (選手培訓), 20–21 = 0H (第二外國語文)
        let code = DecodedCourseCode("112013301H11101AA1B0H01", rules: rules)
        #expect(code.category == "大學預修課程")
        #expect(code.attribute == "選手培訓")
        #expect(code.domain == "第二外國語文")
    }

    @Test func problems() {
        #expect(DecodedCourseCode("10804130", rules: rules).problem == .wrongLength)
        #expect(DecodedCourseCode("108041305H11101A10101011", rules: rules).problem == .wrongLength)
        #expect(DecodedCourseCode("108041305h11101A1010101", rules: rules).problem == .invalidCharacters)
        #expect(DecodedCourseCode("108041305H11101AZ010101", rules: rules).problem == .unknownCategory)
        let unknownAttribute = DecodedCourseCode("108041305H11101A10Z0101", rules: rules)
        #expect(unknownAttribute.problem == .unknownAttribute)
        // The characters are kept, so the pages can say 「代碼 Z」 instead of nothing.
        #expect(unknownAttribute.attribute == nil && unknownAttribute.attributeCode == "Z")
        #expect(unknownAttribute.categoryCode == "1" && unknownAttribute.domainCode == "01")
        #expect(DecodedCourseCode("10804130", rules: rules).attributeCode == nil)
        #expect(DecodedCourseCode("108041305H11101A101ZZ01", rules: rules).problem == .unknownDomain)
        // 23 scalars, but one of them outside the BMP
        #expect(DecodedCourseCode("108041305H11101A101010𠮷", rules: rules).problem == .invalidCharacters)
    }
}
