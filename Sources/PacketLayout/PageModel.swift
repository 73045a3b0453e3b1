import Attachments
import PacketContent
import Typesetting

/// What the paginator needs from the text engine, and what it produces: lines of positioned
/// glyphs, pages of drawing items. Kept small so the paginator can be tested with any engine.

/// One typeset line as the paginator places it: the shaper's glyph runs (positioned from the
/// line's start, on its baseline) and placeholders, with the pitch to the next line.
struct TypesetLine {
    var width: Double
    var ascent: Double
    var descent: Double
    /// The distance from this line's baseline to the next one's, for the style it was set in.
    var advance: Double
    /// The shaper's runs as it set them: lines, pages and the engine's memo share one glyph array
    /// per run (a long paragraph's glyphs are never copied from one form to the next).
    var runs: [GlyphRun]
    /// 1-em boxes drawn where no font has the character.
    var placeholders: [Placeholder]
}

/// What a style names: a font role and a size.
struct TextSpec: Hashable {
    enum Alignment: Hashable { case justified, left, center, right }
    var role: String
    var boldRole: String
    var size: Double
    var lineHeight: Double
    /// In em.
    var firstLineIndent: Double
    var alignment: Alignment
}

/// The text engine as the paginator sees it.
protocol TextEngine {
    /// Sets spans in lines no wider than `measure` (points).
    mutating func lines(_ spans: [Span], measure: Double, spec: TextSpec) -> [TypesetLine]
    /// Characters no font could draw, met so far.
    var missingCharacters: [String] { get }
}

/// A page being filled: drawing items in PDF coordinates (origin bottom-left, points). Neutral as
/// to the output: glyph runs name their face as the shaper did (an index into `FontSet.faces`,
/// numbered for the document by `PacketPages.fontIndex(of:)`), images and imported pages are
/// indices into the prepared attachments' `images` and `forms`.
public struct PageCanvas: Sendable {
    public enum Item: Sendable {
        /// A run with its origin (the line's start) at (x, y) on the baseline.
        case glyphs(GlyphRun, x: Double, y: Double, color: [Double])
        case rect(x: Double, y: Double, width: Double, height: Double, fill: [Double]?, stroke: [Double]?, lineWidth: Double)
        case line(x1: Double, y1: Double, x2: Double, y2: Double, width: Double, color: [Double])
        /// An image of the document's image list, drawn upright in the box.
        case image(index: Int, x: Double, y: Double, width: Double, height: Double)
        /// An imported page of the document's form list, upright and scaled into the box.
        case form(index: Int, x: Double, y: Double, width: Double, height: Double)
    }

    public struct Link: Sendable {
        public enum Target: Sendable, Hashable {
            /// The first page of a review item (the index's rows).
            case item(String)
            /// A web address.
            case uri(String)
            /// An attached audio or video file carried inside the PDF (its path in the applicant folder).
            case attachment(path: String)
        }

        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double
        public var target: Target
    }

    public internal(set) var items: [Item] = []
    public internal(set) var links: [Link] = []
    /// The running-header title (the section's).
    public internal(set) var headerTitle: String

    init(headerTitle: String) {
        self.headerTitle = headerTitle
    }

    /// Draws a typeset line with its baseline at `y`, starting at `x`.
    mutating func draw(_ line: TypesetLine, x: Double, y: Double, color: [Double]) {
        for run in line.runs {
            items.append(.glyphs(run, x: x, y: y, color: color))
        }
        for box in line.placeholders {
            // A visible box where a character could not be drawn: never a silent blank.
            items.append(
                .rect(
                    x: x + box.x + box.width * 0.08, y: y - line.descent * 0.6, width: box.width * 0.84,
                    height: (line.ascent + line.descent * 0.6) * 0.9, fill: nil, stroke: [0.8, 0.1, 0.1], lineWidth: 0.6))
        }
    }
}

/// A bookmark: a title, where it points, and its children.
public struct OutlineNode: Sendable {
    public var title: String
    public var page: Int
    public var y: Double
    public var children: [OutlineNode]
}

/// What the paginator knows of an image or imported page: its index in the prepared attachments
/// and its size on the page at 100% (before it is scaled down to fit).
typealias PlacedImageInfo = PlaceableSize

/// Where the paginator gets images from; nil from `image(_:)` means it cannot be placed. Answers
/// only: everything was decoded and checked before layout began.
protocol ImageProvider {
    func image(_ path: String) -> PlacedImageInfo?
    /// The pages of an attached PDF (index into the document's forms, size at 100%), or nil.
    func pdfPages(_ path: String) -> [PlacedImageInfo]?
}

extension PreparedAttachments: ImageProvider {}
