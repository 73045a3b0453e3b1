import Foundation
import PacketContent
import PacketTemplates
import PortfolioRecord

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

    var frameWidth: Double { pageWidth - marginLeft - marginRight }
    var frameTop: Double { pageHeight - marginTop }
    var frameBottom: Double { marginBottom }

    enum LoadError: Error, Equatable {
        case unreadable(String)
        case missing(key: String)
    }

    /// The layout of a channel family (`大學個人申請`, `技專`).
    static func load(channelFamily: String, directory: URL = PacketTemplates.layoutsDirectory) throws(LoadError) -> LayoutStyle {
        let url = directory.appendingPathComponent("\(channelFamily).json")
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .unreadable(url.lastPathComponent) }
        let json: JSONValue
        do {
            json = try JSONParser.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw .unreadable(url.lastPathComponent)
        }
        return try LayoutStyle(json: Reader(json))
    }

    private init(json r: Reader) throws(LoadError) {
        pageWidth = try r.number("page", "width")
        pageHeight = try r.number("page", "height")
        marginTop = try r.number("page", "marginTop")
        marginBottom = try r.number("page", "marginBottom")
        marginLeft = try r.number("page", "marginLeft")
        marginRight = try r.number("page", "marginRight")
        headerSize = try r.number("header", "size")
        headerBaselineFromTop = try r.number("header", "baselineFromTop")
        headerRule = try r.number("header", "rule")
        footerSize = try r.number("footer", "size")
        footerBaselineFromBottom = try r.number("footer", "baselineFromBottom")
        footerFormat = try r.string("footer", "format")
        muted = try r.color("colors", "muted")
        text = try r.color("colors", "text")
        flag = try r.color("colors", "flag")
        body = TextStyle(role: try r.string("body", "role"), size: try r.number("body", "size"), lineHeight: try r.number("body", "lineHeight"))
        paragraphSpacing = try r.number("body", "paragraphSpacing")
        firstLineIndent = try r.number("body", "firstLineIndent")
        small = TextStyle(role: try r.string("small", "role"), size: try r.number("small", "size"), lineHeight: try r.number("small", "lineHeight"))
        var headings: [Heading] = []
        for index in 0..<3 {
            headings.append(
                Heading(
                    role: try r.string("headings", "\(index)", "role"), size: try r.number("headings", "\(index)", "size"),
                    spaceBefore: try r.number("headings", "\(index)", "spaceBefore"),
                    spaceAfter: try r.number("headings", "\(index)", "spaceAfter")))
        }
        self.headings = headings
        table = TextStyle(role: try r.string("table", "role"), size: try r.number("table", "size"), lineHeight: try r.number("table", "lineHeight"))
        tableRule = try r.number("table", "rule")
        tablePadding = try r.number("table", "padding")
        tableHeaderFill = try r.color("table", "headerFill")
        tableRuleColor = try r.color("table", "ruleColor")
        fieldLabelWidth = try r.number("fields", "labelWidth")
        notice = TextStyle(role: try r.string("notice", "role"), size: try r.number("notice", "size"), lineHeight: 1.4)
        noticeFill = try r.color("notice", "fill")
        noticeStroke = try r.color("notice", "stroke")
        coverTitle = try r.string("cover", "title")
        coverTitleSize = try r.number("cover", "titleSize")
        coverSubtitleSize = try r.number("cover", "subtitleSize")
    }

    /// Path lookups into the layout JSON, with the path named when a key is missing.
    private struct Reader {
        let root: JSONValue
        init(_ root: JSONValue) { self.root = root }

        func value(_ path: [String]) throws(LoadError) -> JSONValue {
            var current = root
            for key in path {
                switch current {
                case .object(let object):
                    guard let next = object[key] else { throw .missing(key: path.joined(separator: ".")) }
                    current = next
                case .array(let array):
                    guard let index = Int(key), array.indices.contains(index) else {
                        throw .missing(key: path.joined(separator: "."))
                    }
                    current = array[index]
                default:
                    throw .missing(key: path.joined(separator: "."))
                }
            }
            return current
        }

        func number(_ path: String...) throws(LoadError) -> Double {
            guard case .number(let literal) = try value(path), let number = Double(literal) else {
                throw .missing(key: path.joined(separator: "."))
            }
            return number
        }

        func string(_ path: String...) throws(LoadError) -> String {
            guard case .string(let text) = try value(path) else { throw .missing(key: path.joined(separator: ".")) }
            return text
        }

        func color(_ path: String...) throws(LoadError) -> [Double] {
            guard case .array(let parts) = try value(path), parts.count == 3 else {
                throw .missing(key: path.joined(separator: "."))
            }
            var rgb: [Double] = []
            for part in parts {
                guard case .number(let literal) = part, let v = Double(literal) else {
                    throw .missing(key: path.joined(separator: "."))
                }
                rgb.append(v)
            }
            return rgb
        }
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
