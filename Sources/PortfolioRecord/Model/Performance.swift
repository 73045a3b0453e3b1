/// The eleven 多元表現 categories, in the order of docs/input.md §3 (which is also the order
/// used to decide which records are over a cap).
public enum PerformanceCategory: String, Sendable, Equatable, CaseIterable, Comparable, ClosedSet {
    case schoolCadre = "校方建立幹部經歷紀錄"
    case cadre = "幹部經歷暨事蹟紀錄"
    case competition = "競賽參與紀錄"
    case certificate = "檢定證照紀錄"
    case service = "服務學習紀錄"
    case flexibleLearning = "彈性學習時間紀錄"
    case workplace = "職場學習紀錄"
    case work = "作品成果紀錄"
    case groupActivity = "團體活動時間紀錄"
    case other = "其他多元表現紀錄"
    case advancedPlacement = "大學及技專校院先修課程紀錄"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The category's own fields, in the order the packet shows them.
    public var fields: [FieldSpec] {
        switch self {
        case .schoolCadre, .cadre:
            [.integer("學年度"), .integer("學期"), .text("單位名稱"), .date("開始日期"), .date("結束日期"),
             .text("擔任職務名稱"), .code("幹部等級代碼")]
        case .competition:
            [.text("競賽名稱"), .code("競賽等級代碼"), .text("競賽獎項"), .date("結果公布日期"),
             .text("項目", aliases: ["競賽項目組別"]), .code("團體或個人參與代碼")]
        case .certificate:
            [.text("證照區域", in: "證照資訊"), .text("證照類別", in: "證照資訊"), .text("證照名稱", in: "證照資訊"),
             .date("取得證照日期", aliases: ["取得檢定證照日期"]), .text("分項結果"), .text("檢定證照結果分數"),
             .text("檢定證照字號")]
        case .service:
            [.text("服務名稱"), .text("服務單位名稱"), .date("開始日期"), .date("結束日期"), .number("服務學習時數")]
        case .flexibleLearning:
            [.integer("學年度"), .integer("學期"), .code("彈性學習時間類別代碼"),
             .text("內容_開設名稱", aliases: ["內容(開設名稱)"]), .text("開設單位"), .number("每週節數"),
             .number("開設週數")]
        case .workplace:
            [.code("職場學習類別代碼"), .text("職場學習單位"), .text("職場學習職稱"), .date("開始日期"),
             .date("結束日期"), .number("時數")]
        case .work:
            [.text("名稱"), .date("作品日期")]
        case .groupActivity:
            [.integer("學年度"), .integer("學期"), .code("團體活動時間類別代碼"), .text("辦理單位"),
             .text("團體活動內容名稱"), .number("節數或時數", aliases: ["節數"])]
        case .other:
            [.text("名稱"), .text("主辦單位"), .date("開始日期"), .date("結束日期"), .number("時數")]
        case .advancedPlacement:
            [.text("計畫專案"), .text("開設單位"), .text("課程名稱"), .date("開始日期"), .date("結束日期"),
             .number("學分數"), .number("總時數")]
        }
    }

    /// The field that names a record in its heading (競賽名稱, 證照名稱 …).
    public var titleField: String {
        switch self {
        case .schoolCadre, .cadre: "擔任職務名稱"
        case .competition: "競賽名稱"
        case .certificate: "證照名稱"
        case .service: "服務名稱"
        case .flexibleLearning: "內容_開設名稱"
        case .workplace: "職場學習單位"
        case .work, .other: "名稱"
        case .groupActivity: "團體活動內容名稱"
        case .advancedPlacement: "課程名稱"
        }
    }

    /// The code field whose value decides the default review item (彈性學習時間類別 1 → F, …).
    public var classField: String? {
        switch self {
        case .flexibleLearning: "彈性學習時間類別代碼"
        case .groupActivity: "團體活動時間類別代碼"
        default: nil
        }
    }

    /// The school-created cadre list carries none of the student-uploaded fields (簡述, files).
    public var takesStudentUploads: Bool { self != .schoolCadre }
}

/// One field of a 多元表現 category: its canonical name, accepted aliases, and value kind.
public struct FieldSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case text, integer, number, date, code }

    public var name: String
    public var aliases: [String]
    public var kind: Kind
    /// The object the field sits in (`證照資訊` for the certificate's name fields), or nil.
    public var container: String?

    public static func text(_ name: String, aliases: [String] = [], in container: String? = nil) -> FieldSpec {
        FieldSpec(name: name, aliases: aliases, kind: .text, container: container)
    }
    public static func integer(_ name: String, aliases: [String] = []) -> FieldSpec {
        FieldSpec(name: name, aliases: aliases, kind: .integer, container: nil)
    }
    public static func number(_ name: String, aliases: [String] = []) -> FieldSpec {
        FieldSpec(name: name, aliases: aliases, kind: .number, container: nil)
    }
    public static func date(_ name: String, aliases: [String] = []) -> FieldSpec {
        FieldSpec(name: name, aliases: aliases, kind: .date, container: nil)
    }
    public static func code(_ name: String) -> FieldSpec {
        FieldSpec(name: name, aliases: [], kind: .code, container: nil)
    }
}

/// One 多元表現 record.
public struct PerformanceRecord: Sendable, Equatable {
    public var category: PerformanceCategory
    /// Position in its category's array (0-based).
    public var index: Int
    /// What a tick list names it by: its 項目編號, else `<category>:<n>` (`ItemKey`).
    public var key: ItemKey
    /// 項目編號 as written, when the record states one.
    public var statedKey: Reading<String>
    /// The file it came from (`_多元表現.json`, or `_基本資料.json` for its cadre list).
    public var sourceFile: String
    /// The category's fields that the record gives, in `category.fields` order.
    public var fields: [RecordField]
    /// 內容簡述, whole.
    public var summary: Reading<String>
    /// 證明文件連結, 影音檔案連結, and 作品成果連結 when it names a file.
    public var attachments: [AttachmentReference]
    /// 外部影音連結, and 作品成果連結 when it is an http(s) URL: listed, never fetched.
    public var links: [ExternalLink]
    /// 審查項目代碼 the student filed it under (project convention).
    public var reviewItemCode: Reading<String>

    public init(
        category: PerformanceCategory, index: Int, sourceFile: String, fields: [RecordField] = [],
        summary: Reading<String> = .missing, attachments: [AttachmentReference] = [],
        links: [ExternalLink] = [], reviewItemCode: Reading<String> = .missing, key: ItemKey? = nil,
        statedKey: Reading<String> = .missing
    ) {
        self.category = category
        self.index = index
        self.key = key ?? .positional(category.rawValue, position: index + 1)
        self.statedKey = statedKey
        self.sourceFile = sourceFile
        self.fields = fields
        self.summary = summary
        self.attachments = attachments
        self.links = links
        self.reviewItemCode = reviewItemCode
    }

    /// The value of a field by canonical name.
    public func field(_ name: String) -> FieldValue? {
        fields.first { $0.name == name }?.value
    }
}

public struct RecordField: Sendable, Equatable {
    public var name: String
    public var value: FieldValue

    public init(name: String, value: FieldValue) {
        self.name = name
        self.value = value
    }
}

/// A field value as read: typed where it could be read, raw and marked where it could not.
public enum FieldValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case number(Double)
    case date(CalendarDate)
    /// A code (幹部等級代碼 …); its name is looked up in assembly from the year's code tables.
    case code(String)
    /// Present but unreadable as its kind: shown as given, marked.
    case invalid(raw: String)
}

/// A link that is listed in the packet and never fetched.
public struct ExternalLink: Sendable, Equatable {
    public var field: LinkField
    public var url: String

    public init(field: LinkField, url: String) {
        self.field = field
        self.url = url
    }
}
