import Diagnostics
import PortfolioRecord

/// What a department's rules say about ticking each item of a student's record: the caps a tick
/// counts toward and whether its semester is one the department sees. The tick screen of
/// `portfolio-export serve` counts with it; it is derived from the same assignment and windows as
/// assembly, so the screen and the packet never disagree.
public struct TickLimits: Sendable, Equatable {
    /// One cap of the profile: its key (`課程學習成果`, `B-1`) and how many ticks it allows.
    public struct Cap: Sendable, Equatable {
        public var scope: String
        public var limit: Int
    }

    /// One tickable record under the profile.
    public struct Rule: Sendable, Equatable {
        /// The review item it goes to, nil when none does.
        public var item: ItemCode?
        /// Whether the profile takes that item.
        public var taken: Bool
        /// The caps (their keys) a tick of it counts toward.
        public var scopes: [String]
        /// Its semester when the department does not see it (left out of the packet).
        public var outsideSemester: Int?
        /// The semesters seen, when a window applies.
        public var window: ClosedRange<Int>?
    }

    /// The profile's caps, by key.
    public var caps: [Cap]
    public var rules: [ItemKey: Rule]

    /// How many of `ticked` each cap counts (a record outside the window is left out, so it counts
    /// toward nothing, as in assembly).
    public func counts(_ ticked: some Sequence<ItemKey>) -> [String: Int] {
        var counts: [String: Int] = [:]
        for key in Set(ticked) {
            guard let rule = rules[key], rule.outsideSemester == nil else { continue }
            for scope in rule.scopes { counts[scope, default: 0] += 1 }
        }
        return counts
    }

    /// The caps `ticked` exceeds, with their counts.
    public func exceeded(_ ticked: some Sequence<ItemKey>) -> [(cap: Cap, count: Int)] {
        let counts = counts(ticked)
        return caps.compactMap { cap in
            let count = counts[cap.scope, default: 0]
            return count > cap.limit ? (cap, count) : nil
        }
    }
}

extension PacketAssembler {
    /// The tick limits of `record` under `profile` (see `TickLimits`).
    public func tickLimits(_ record: ApplicantRecord, profile: Profile) -> TickLimits {
        var run = AssemblyRun(record: record, profile: profile, rules: rules)
        let outcomeItems = run.assignOutcomes()
        let performanceItems = run.assignPerformances()
        let taken = Set(profile.items)
        func scopes(_ item: ItemCode?, capped: Bool) -> [String] {
            guard capped, let item, taken.contains(item) else { return [] }
            return run.channel.scopes(of: item).filter { profile.caps[$0] != nil }.map(\.description)
        }
        var rules: [ItemKey: TickLimits.Rule] = [:]
        if let outcomes = record.outcomes.value {
            let window = run.window(.learningOutcomes)
            for (outcome, item) in zip(outcomes, outcomeItems) {
                let number = outcome.schoolYear.value.flatMap { year in
                    outcome.semester.value.flatMap { window.number(schoolYear: year, semester: $0) }
                }
                rules[outcome.key] = TickLimits.Rule(
                    item: item, taken: item.map(taken.contains) ?? false, scopes: scopes(item, capped: true),
                    outsideSemester: window.range == nil ? nil : window.outside(number), window: window.range)
            }
        }
        if let performances = record.performances.value {
            let window = run.window(.performances)
            for (performance, item) in zip(performances, performanceItems) {
                let capped = !run.channel.uncappedCategories.contains(performance.category)
                rules[performance.key] = TickLimits.Rule(
                    item: item, taken: item.map(taken.contains) ?? false, scopes: scopes(item, capped: capped),
                    outsideSemester: window.range == nil ? nil : window.outside(performance.semester(in: window)),
                    window: window.range)
            }
        }
        let caps = profile.caps.sorted { $0.key < $1.key }.map { TickLimits.Cap(scope: $0.key.description, limit: $0.value) }
        return TickLimits(caps: caps, rules: rules)
    }
}
