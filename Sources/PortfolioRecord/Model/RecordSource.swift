/// What can fill a review item: the three record files of the central database, or one of the
/// self-written kinds. Rule tables name these in each item's `sources`.
public enum RecordSource: Hashable, Sendable, CaseIterable, ClosedSet, CustomStringConvertible {
    case courseRecord
    case learningOutcomes
    case performances
    case selfWritten(SelfWrittenKind)

    public static var allCases: [RecordSource] {
        [.courseRecord, .learningOutcomes, .performances] + SelfWrittenKind.allCases.map(RecordSource.selfWritten)
    }

    /// The name the rule tables use (the record's own name in the central database).
    public var rawValue: String {
        switch self {
        case .courseRecord: "修課紀錄"
        case .learningOutcomes: "課程學習成果"
        case .performances: "多元表現"
        case .selfWritten(let kind): kind.rawValue
        }
    }

    public init?(rawValue: String) {
        guard let source = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = source
    }

    public var description: String { rawValue }
}
