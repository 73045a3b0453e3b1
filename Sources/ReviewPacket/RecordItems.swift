import Diagnostics
import PortfolioRecord

/// One tickable item of a student's record, as `check --items` lists it.
public struct RecordItem: Sendable, Equatable {
    public var key: ItemKey
    /// The tick list's list it belongs in.
    public var list: TickListName
    /// `課程學習成果`, or the 多元表現 category.
    public var category: String
    /// 科目名稱, or the category's title field (競賽名稱, 證照名稱 …).
    public var title: String?
    /// 學年度 and 學期 where the record gives them (outcomes, and the 多元表現 categories with those fields).
    public var schoolYear: Int?
    public var semester: Int?
    /// 認證狀態 of an outcome as written; nil for 多元表現.
    public var certification: String?
    /// The review item it goes to under the profile (its own 審查項目代碼 or the default mapping).
    public var item: ItemCode?
    /// Whether the profile takes that item (else the record would be left out).
    public var itemTaken: Bool
    /// With a tick list: whether it is ticked (a school-created cadre record always is: every
    /// department receives them). A ticked record outside the semester window is still left out of
    /// the packet, with a tick error. Nil without a tick list.
    public var selected: Bool?
    /// Where the record is: its file and its place in it (`[0]`, `競賽參與紀錄[1]`).
    public var file: String
    public var field: String
}

extension PacketAssembler {
    /// Every outcome and 多元表現 record of the record with its key, in reading order (outcomes, then
    /// 多元表現 by category, `_多元表現.json` before `_基本資料.json`), and where each would go under the
    /// profile, when one is given.
    public func recordItems(_ record: ApplicantRecord, profile: Profile?, tickList: TickList? = nil) -> [RecordItem] {
        var outcomeItems: [ItemCode?] = Array(repeating: nil, count: record.outcomes.value?.count ?? 0)
        var performanceItems: [ItemCode?] = Array(repeating: nil, count: record.performances.value?.count ?? 0)
        if let profile {
            var run = AssemblyRun(record: record, profile: profile, rules: rules)
            outcomeItems = run.assignOutcomes()
            performanceItems = run.assignPerformances()
        }
        let taken = Set(profile?.items ?? [])
        var selected: Set<ItemKey>?
        if let tickList {
            let narrowed = tickList.apply(to: record).record
            selected = Set((narrowed.outcomes.value ?? []).map(\.key) + (narrowed.performances.value ?? []).map(\.key))
        }
        var items: [RecordItem] = []
        if case .present(let file, let outcomes) = record.outcomes {
            for (outcome, item) in zip(outcomes, outcomeItems) {
                items.append(
                    RecordItem(
                        key: outcome.key, list: .outcomes, category: TickListName.outcomes.rawValue,
                        title: outcome.subject.value, schoolYear: outcome.schoolYear.value, semester: outcome.semester.value,
                        certification: outcome.certification.value, item: item,
                        itemTaken: item.map(taken.contains) ?? false, selected: selected.map { $0.contains(outcome.key) },
                        file: file, field: "[\(outcome.index)]"))
            }
        }
        if let performances = record.performances.value {
            var listed: [(PerformanceRecord, ItemCode?)] = Array(zip(performances, performanceItems))
            let order = { (record: PerformanceRecord) in
                (record.category, record.sourceFile.hasSuffix("_基本資料.json") ? 1 : 0, record.index)
            }
            listed.sort { order($0.0) < order($1.0) }
            for (performance, item) in listed {
                items.append(
                    RecordItem(
                        key: performance.key, list: .performances, category: performance.category.rawValue,
                        title: performance.field(performance.category.titleField).map(Self.text),
                        schoolYear: performance.field("學年度").flatMap(Self.integer),
                        semester: performance.field("學期").flatMap(Self.integer), certification: nil, item: item,
                        itemTaken: item.map(taken.contains) ?? false, selected: selected.map { $0.contains(performance.key) },
                        file: performance.sourceFile, field: performance.placeInFile))
            }
        }
        return items
    }

    static func text(_ value: FieldValue) -> String {
        switch value {
        case .text(let text), .code(let text), .invalid(let text): text
        case .integer(let number): String(number)
        case .number(let number): formatNumber(number)
        case .date(let date): date.iso
        }
    }

    static func integer(_ value: FieldValue) -> Int? {
        if case .integer(let number) = value { return number }
        return nil
    }
}
