import Diagnostics
import PortfolioRecord

/// The parts of a 課程代碼 that carry a meaning, by the names the rule tables give them.
public enum CourseCodePart: String, ClosedSet {
    case category = "課程類別"
    case attribute = "科目屬性"
    case domain = "領域"
}

/// A 課程代碼 checked and decoded: only positions 17, 19 and 20–21 carry confirmed meanings.
public struct DecodedCourseCode: Sendable, Equatable {
    public var code: String
    /// Nil when the code is well-formed; the first problem otherwise.
    public var problem: CourseCodeProblem?
    /// 課程類別 (position 17) name, if decoded.
    public var category: String?
    /// 科目屬性 (position 19).
    public var attribute: String?
    /// 領域 (positions 20–21).
    public var domain: String?
    /// The characters at those positions as written, for showing 「代碼 N」 where the table has no
    /// name (nil when the code is malformed).
    public var categoryCode: String?
    public var attributeCode: String?
    public var domainCode: String?

    public init(_ code: String, rules: CourseCodeRules) {
        self.code = code
        let scalars = Array(code.unicodeScalars)
        guard scalars.count == rules.length else {
            problem = .wrongLength
            return
        }
        guard scalars.allSatisfy({ ("0"..."9").contains($0) || ("A"..."Z").contains($0) }) else {
            problem = .invalidCharacters
            return
        }
        func raw(_ part: CourseCodePart) -> String? {
            guard let range = rules.positions[part], range.upperBound <= scalars.count else { return nil }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars[(range.lowerBound - 1)...(range.upperBound - 1)])
            return text
        }
        categoryCode = raw(.category)
        attributeCode = raw(.attribute)
        domainCode = raw(.domain)
        category = categoryCode.flatMap { rules.tables[.category]?[$0] }
        attribute = attributeCode.flatMap { rules.tables[.attribute]?[$0] }
        domain = domainCode.flatMap { rules.tables[.domain]?[$0] }
        if category == nil {
            problem = .unknownCategory
        } else if attribute == nil {
            problem = .unknownAttribute
        } else if domain == nil {
            problem = .unknownDomain
        }
    }
}
