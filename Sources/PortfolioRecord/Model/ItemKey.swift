/// The key of one 課程學習成果 or 多元表現 record: what a student's tick list names it by, what
/// `check --items` lists, and what the XML writes on its entry (docs/input.md §6).
///
/// The key is the record's 項目編號 (the central database's own key) where it states one, else
/// `<category>:<n>` with n its 1-based position in its array: `課程學習成果:3`, `競賽參與紀錄:2`. The
/// school-created cadre records of `_基本資料.json` (`擔任學校幹部經歷紀錄`) are numbered on after
/// those of `_多元表現.json`'s own `校方建立幹部經歷紀錄` array. Keys are unique within a record: a
/// 項目編號 used twice is an error, and the later record keeps its positional key.
public struct ItemKey: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// `<list>:<position>`, the position 1-based.
    public static func positional(_ list: String, position: Int) -> ItemKey {
        ItemKey("\(list):\(position)")
    }

    /// The positional key of the outcome at `index` (0-based) of `_課程學習成果.json`.
    public static func outcome(index: Int) -> ItemKey {
        positional(outcomeList, position: index + 1)
    }

    /// The name of the outcomes' list, in positional keys and tick lists.
    public static let outcomeList = "課程學習成果"

    public var description: String { rawValue }
}
