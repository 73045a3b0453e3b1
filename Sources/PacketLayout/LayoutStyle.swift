import Foundation
import PacketContent
import PacketTemplates
import PortfolioRecord
import ReviewPacket

/// A channel's page layout, read from `Templates/layouts/<channel>.json`.
struct LayoutStyle: Sendable {
    struct TextStyle: Sendable {
        var role: String
        var size: Double
        var lineHeight: Double
    }

    struct Heading: Sendable {
        var role: String
        var size: Double
        /// In em of the heading's size.
        var spaceBefore: Double
        var spaceAfter: Double
    }

    var pageWidth: Double
    var pageHeight: Double
    var marginTop: Double
    var marginBottom: Double
    var marginLeft: Double
    var marginRight: Double
    var headerSize: Double
    var headerBaselineFromTop: Double
    var headerRule: Double
    var footerSize: Double
    var footerBaselineFromBottom: Double
    var footerFormat: String
    var muted: [Double]
    var text: [Double]
    var flag: [Double]
    /// Clickable lines (web addresses, attached media).
    var link: [Double]
    var body: TextStyle
    var paragraphSpacing: Double
    var firstLineIndent: Double
    var small: TextStyle
    var headings: [Heading]
    var table: TextStyle
    var tableRule: Double
    var tablePadding: Double
    var tableHeaderFill: [Double]
    var tableRuleColor: [Double]
    var fieldLabelWidth: Double
    var notice: TextStyle
    var noticeFill: [Double]
    var noticeStroke: [Double]
    var coverTitle: String
    var coverTitleSize: Double
    var coverSubtitleSize: Double
    /// The 修課紀錄 tables' columns and their relative widths: per channel family, as its reviewers
    /// read them (技專: 科目屬性).
    var courseColumns: [CourseColumnSpec]

    var frameWidth: Double { pageWidth - marginLeft - marginRight }
    var frameTop: Double { pageHeight - marginTop }
    var frameBottom: Double { marginBottom }

    /// The layout of a channel family (`申請入學`, `技專`); an error names the file and the key.
    static func load(channelFamily: String, directory: URL = PacketTemplates.layoutsDirectory) throws(TemplateError) -> LayoutStyle {
        let name = "\(channelFamily).json"
        let file = "Templates/layouts/\(name)"
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
            throw TemplateError(file: file, error: DataFileError(keyPath: "", problem: .unreadable))
        }
        do {
            return try JSONValueDecoder.decode(LayoutStyle.self, fromJSON: Array(data))
        } catch {
            throw TemplateError(file: file, error: error)
        }
    }
}

extension LayoutStyle: Decodable {
    init(from decoder: any Decoder) throws {
        let root = try decoder.container(keyedBy: DataKey.self)
        func group(_ name: String) throws -> KeyedDecodingContainer<DataKey> {
            try root.nestedContainer(keyedBy: DataKey.self, forKey: DataKey(name))
        }
        func textStyle(_ object: KeyedDecodingContainer<DataKey>, lineHeight: Double? = nil) throws -> TextStyle {
            TextStyle(
                role: try object.decode(String.self, forKey: DataKey("role")),
                size: try object.decode(Double.self, forKey: DataKey("size")),
                lineHeight: try lineHeight ?? object.decode(Double.self, forKey: DataKey("lineHeight")))
        }
        let page = try group("page")
        pageWidth = try page.decode(Double.self, forKey: DataKey("width"))
        pageHeight = try page.decode(Double.self, forKey: DataKey("height"))
        marginTop = try page.decode(Double.self, forKey: DataKey("marginTop"))
        marginBottom = try page.decode(Double.self, forKey: DataKey("marginBottom"))
        marginLeft = try page.decode(Double.self, forKey: DataKey("marginLeft"))
        marginRight = try page.decode(Double.self, forKey: DataKey("marginRight"))
        let header = try group("header")
        headerSize = try header.decode(Double.self, forKey: DataKey("size"))
        headerBaselineFromTop = try header.decode(Double.self, forKey: DataKey("baselineFromTop"))
        headerRule = try header.decode(Double.self, forKey: DataKey("rule"))
        let footer = try group("footer")
        footerSize = try footer.decode(Double.self, forKey: DataKey("size"))
        footerBaselineFromBottom = try footer.decode(Double.self, forKey: DataKey("baselineFromBottom"))
        footerFormat = try footer.decode(String.self, forKey: DataKey("format"))
        let colors = try group("colors")
        muted = try colors.decode(RGB.self, forKey: DataKey("muted")).components
        text = try colors.decode(RGB.self, forKey: DataKey("text")).components
        flag = try colors.decode(RGB.self, forKey: DataKey("flag")).components
        link = try colors.decode(RGB.self, forKey: DataKey("link")).components
        let body = try group("body")
        self.body = try textStyle(body)
        paragraphSpacing = try body.decode(Double.self, forKey: DataKey("paragraphSpacing"))
        firstLineIndent = try body.decode(Double.self, forKey: DataKey("firstLineIndent"))
        small = try textStyle(try group("small"))
        var headingList = try root.nestedUnkeyedContainer(forKey: DataKey("headings"))
        var headings: [Heading] = []
        // Three levels are used; more are ignored, fewer is an error at the first one missing.
        for _ in 0..<3 {
            let heading = try headingList.nestedContainer(keyedBy: DataKey.self)
            headings.append(
                Heading(
                    role: try heading.decode(String.self, forKey: DataKey("role")),
                    size: try heading.decode(Double.self, forKey: DataKey("size")),
                    spaceBefore: try heading.decode(Double.self, forKey: DataKey("spaceBefore")),
                    spaceAfter: try heading.decode(Double.self, forKey: DataKey("spaceAfter"))))
        }
        self.headings = headings
        let table = try group("table")
        self.table = try textStyle(table)
        tableRule = try table.decode(Double.self, forKey: DataKey("rule"))
        tablePadding = try table.decode(Double.self, forKey: DataKey("padding"))
        tableHeaderFill = try table.decode(RGB.self, forKey: DataKey("headerFill")).components
        tableRuleColor = try table.decode(RGB.self, forKey: DataKey("ruleColor")).components
        fieldLabelWidth = try group("fields").decode(Double.self, forKey: DataKey("labelWidth"))
        let notice = try group("notice")
        self.notice = try textStyle(notice, lineHeight: 1.4)
        noticeFill = try notice.decode(RGB.self, forKey: DataKey("fill")).components
        noticeStroke = try notice.decode(RGB.self, forKey: DataKey("stroke")).components
        let cover = try group("cover")
        coverTitle = try cover.decode(String.self, forKey: DataKey("title"))
        coverTitleSize = try cover.decode(Double.self, forKey: DataKey("titleSize"))
        coverSubtitleSize = try cover.decode(Double.self, forKey: DataKey("subtitleSize"))
        courseColumns = try group("courseTable").decode([CourseColumnSpec].self, forKey: DataKey("columns"))
        guard !courseColumns.isEmpty else {
            throw DataFileError(at: root.codingPath + [DataKey("courseTable"), DataKey("columns")], .empty)
        }
    }

    /// A colour: three numbers from 0 to 1.
    struct RGB: Decodable {
        var components: [Double]

        init(from decoder: any Decoder) throws {
            components = try [Double](from: decoder)
            guard components.count == 3 else {
                throw DataFileError(at: decoder.codingPath, .wrongCount(found: components.count, expected: 3))
            }
        }
    }
}

/// A column of the 修課紀錄 tables in a layout file: `{"column": "科目屬性", "width": 2.2}`.
extension CourseColumnSpec: Decodable {
    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: DataKey.self)
        let column = try object.decode(CourseColumn.self, forKey: DataKey("column"))
        let width = try object.decode(Double.self, forKey: DataKey("width"))
        guard width > 0 else {
            throw DataFileError(at: object.codingPath + [DataKey("width")], .outOfRange(String(width), lower: 0, upper: 100))
        }
        self.init(column, width: width)
    }
}

/// The text spec of each kind of block: what the paginator sets with, and what the text check
/// looks up the fonts' coverage with.
extension LayoutStyle {
    var bodySpec: TextSpec {
        TextSpec(
            role: body.role, boldRole: "sansBold", size: body.size, lineHeight: body.lineHeight,
            firstLineIndent: firstLineIndent, alignment: .justified)
    }

    func lineSpec(_ lineStyle: LineStyle) -> TextSpec {
        switch lineStyle {
        case .normal, .flag:
            return TextSpec(role: body.role, boldRole: "sansBold", size: body.size, lineHeight: body.lineHeight, firstLineIndent: 0, alignment: .left)
        case .small:
            return TextSpec(role: small.role, boldRole: "sansBold", size: small.size, lineHeight: small.lineHeight, firstLineIndent: 0, alignment: .left)
        case .title:
            return TextSpec(role: "sansBold", boldRole: "sansBold", size: coverTitleSize, lineHeight: 1.4, firstLineIndent: 0, alignment: .center)
        case .subtitle:
            return TextSpec(role: "sansBold", boldRole: "sansBold", size: coverSubtitleSize, lineHeight: 1.6, firstLineIndent: 0, alignment: .center)
        }
    }

    func headingSpec(_ level: Int) -> TextSpec {
        let heading = headings[max(0, min(level - 1, headings.count - 1))]
        return TextSpec(role: heading.role, boldRole: heading.role, size: heading.size, lineHeight: 1.45, firstLineIndent: 0, alignment: .left)
    }

    var tableSpec: TextSpec {
        TextSpec(role: table.role, boldRole: "sansBold", size: table.size, lineHeight: table.lineHeight, firstLineIndent: 0, alignment: .left)
    }

    var noticeSpec: TextSpec {
        TextSpec(role: notice.role, boldRole: notice.role, size: notice.size, lineHeight: 1.5, firstLineIndent: 0, alignment: .center)
    }

    /// Running header and footer.
    var headerSpec: TextSpec {
        TextSpec(role: "sans", boldRole: "sans", size: headerSize, lineHeight: 1.2, firstLineIndent: 0, alignment: .left)
    }
}

/// What the pages say where an attachment cannot be placed, and above each imported page: one
/// wording for the paginator and the text check.
enum FallbackText {
    static func imageNotPlaced(_ path: String) -> Block { .line([.plain("（圖片無法放入：\(path)）")], style: .flag) }
    static func pdfNotPlaced(_ path: String) -> Block { .notice("無法讀取的 PDF：\(path)（詳見檢查報告）") }
    static func pageCaption(_ path: String, page: Int, of count: Int) -> [Span] {
        [.plain("\(path)　第 \(page)／\(count) 頁")]
    }
}
