import FontFiles
import Foundation

// The already laid-out document the writer turns into PDF bytes. Everything is in PDF points
// (1/72 inch) with the origin at the bottom-left corner of each page, as PDF itself uses.

/// A whole document: pages, the fonts their text uses, navigation and metadata.
public struct PDFDocumentSpec: Sendable {
    public var pages: [PDFPage]
    /// `FontID(index: i)` refers to `fonts[i]`: faces loaded by their owner (the shaper's), which
    /// the writer subsets to the glyphs used and embeds.
    public var fonts: [FontFace]
    /// `ImageID(index: i)` refers to `images[i]`; the same image listed twice is written once.
    public var images: [PreparedImage]
    /// Bookmarks, nested; shown open or closed as each entry says.
    public var outline: [OutlineEntry]
    /// Page numbering shown by viewers (`/PageLabels`); empty → viewers show 1, 2, 3 …
    public var pageLabels: [PageLabelRange]
    public var info: DocumentInfo
    /// Files carried inside the PDF (the packet's XML), listed in `/EmbeddedFiles` and `/AF`.
    public var attachments: [EmbeddedFile] = []
    /// Pages of other PDFs, drawn by `PageItem.form`.
    public var forms: [FormPage] = []

    public init(
        pages: [PDFPage], fonts: [FontFace] = [], images: [PreparedImage] = [], outline: [OutlineEntry] = [],
        pageLabels: [PageLabelRange] = [], info: DocumentInfo = DocumentInfo()
    ) {
        self.pages = pages
        self.fonts = fonts
        self.images = images
        self.outline = outline
        self.pageLabels = pageLabels
        self.info = info
    }
}

/// Index into `PDFDocumentSpec.fonts`.
public struct FontID: Hashable, Sendable {
    public var index: Int
    public init(_ index: Int) { self.index = index }
    public init(index: Int) { self.index = index }
}

/// A device RGB colour, components in 0…1 (values outside are clamped).
public struct RGB: Hashable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(_ red: Double, _ green: Double, _ blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public static let black = RGB(0, 0, 0)
    public static let white = RGB(1, 1, 1)
}

public struct PDFPage: Sendable {
    /// Media box size in points (A4 is 595.276 × 841.89).
    public var width: Double
    public var height: Double
    /// Painted in order: later items over earlier ones.
    public var content: [PageItem]
    public var links: [LinkAnnotation]
    /// Places that open one of the document's attached files.
    public var fileAttachments: [FileAttachmentAnnotation]

    public init(
        width: Double, height: Double, content: [PageItem] = [], links: [LinkAnnotation] = [],
        fileAttachments: [FileAttachmentAnnotation] = []
    ) {
        self.width = width
        self.height = height
        self.content = content
        self.links = links
        self.fileAttachments = fileAttachments
    }

    public static let a4Width = 595.276
    public static let a4Height = 841.89
}

public enum PageItem: Sendable {
    case text(TextRun)
    /// A rectangle with its lower-left corner at (x, y); nothing is painted when both `fill` and `stroke` are nil.
    case rect(x: Double, y: Double, width: Double, height: Double, fill: RGB?, stroke: RGB?, lineWidth: Double)
    case line(x1: Double, y1: Double, x2: Double, y2: Double, width: Double, color: RGB)
    /// An image filling the box with its lower-left corner at (x, y), shown upright (its EXIF
    /// orientation applied). The box is drawn as given: size it with `fittedSize` to keep the
    /// aspect ratio. Nothing is drawn for a box without a positive finite size.
    case image(ImageID, x: Double, y: Double, width: Double, height: Double)
    /// An imported page, upright and scaled to fit the box (aspect kept), anchored at its lower left.
    case form(FormID, x: Double, y: Double, width: Double, height: Double)
}

/// Glyphs of one font, size and colour on one baseline, positioned by the layout.
public struct TextRun: Sendable {
    public var font: FontID
    /// Font size in points.
    public var size: Double
    public var color: RGB
    /// Baseline origin of the run.
    public var x: Double
    public var y: Double
    public var glyphs: [PlacedGlyph]
    /// When set, text extraction returns exactly this for the whole run (one `/ActualText` span),
    /// whatever the glyphs' own texts say. For runs whose spacing would otherwise make extractors
    /// guess word breaks.
    public var actualText: String?

    public init(
        font: FontID, size: Double, color: RGB = .black, x: Double, y: Double, glyphs: [PlacedGlyph],
        actualText: String? = nil
    ) {
        self.font = font
        self.size = size
        self.color = color
        self.x = x
        self.y = y
        self.glyphs = glyphs
        self.actualText = actualText
    }
}

public struct PlacedGlyph: Sendable {
    /// Glyph id in the original face (what HarfBuzz shaping returned).
    public var id: UInt32
    /// Pen position relative to the run origin, in points (already justified by the layout).
    public var x: Double
    /// Vertical offset from the baseline, in points (positive is up).
    public var yOffset: Double
    /// The Unicode text of the cluster this glyph starts; "" for the 2nd and later glyphs of a cluster.
    public var text: String

    public init(id: UInt32, x: Double, yOffset: Double = 0, text: String) {
        self.id = id
        self.x = x
        self.yOffset = yOffset
        self.text = text
    }
}

public struct LinkRect: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

public enum LinkTarget: Hashable, Sendable {
    /// A place in this document: page index (0-based) and the y coordinate to show at the top.
    case page(Int, y: Double)
    /// An external address; non-ASCII characters are percent-encoded as UTF-8.
    case uri(String)
}

public struct LinkAnnotation: Sendable {
    public var rect: LinkRect
    public var target: LinkTarget

    public init(rect: LinkRect, target: LinkTarget) {
        self.rect = rect
        self.target = target
    }
}

/// A place on a page that opens one of `PDFDocumentSpec.attachments` (`/Subtype /FileAttachment`,
/// sharing the file's one embedded copy): Acrobat and pdf.js open it on a double click. It has an
/// empty appearance, so what shows is the page's own text under it; it is printable, as PDF/A asks.
public struct FileAttachmentAnnotation: Sendable {
    public var rect: LinkRect
    /// Index into `PDFDocumentSpec.attachments`.
    public var attachment: Int
    /// The annotation's text (`/Contents`), which viewers show on hover.
    public var contents: String

    public init(rect: LinkRect, attachment: Int, contents: String) {
        self.rect = rect
        self.attachment = attachment
        self.contents = contents
    }
}

public struct OutlineEntry: Sendable {
    public var title: String
    /// 0-based page index.
    public var page: Int
    /// The y coordinate shown at the top of the window.
    public var y: Double
    public var children: [OutlineEntry]
    /// Whether the children are shown expanded when the document opens.
    public var isOpen: Bool

    public init(title: String, page: Int, y: Double, children: [OutlineEntry] = [], isOpen: Bool = true) {
        self.title = title
        self.page = page
        self.y = y
        self.children = children
        self.isOpen = isOpen
    }
}

/// Labels for the pages from `firstPage` up to the next range's first page.
public struct PageLabelRange: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case decimal, romanLower, romanUpper, lettersLower, lettersUpper
        /// Only the prefix, no number.
        case none
    }

    /// 0-based index of the first page of the range.
    public var firstPage: Int
    public var style: Style
    public var prefix: String
    /// Number of the range's first page (≥ 1).
    public var start: Int

    public init(firstPage: Int, style: Style = .decimal, prefix: String = "", start: Int = 1) {
        self.firstPage = firstPage
        self.style = style
        self.prefix = prefix
        self.start = start
    }
}

public struct DocumentInfo: Sendable {
    public var title: String
    public var author: String
    public var subject: String
    public var keywords: String
    /// The application that made the content (XMP `xmp:CreatorTool`).
    public var creator: String
    /// The application that wrote the PDF.
    public var producer: String
    /// BCP 47 language tag of the document's text, e.g. "zh-Hant-TW" (`/Lang`); empty → none.
    public var language: String
    /// Creation (and modification) time; nil → the file carries no date at all.
    /// Callers pass `SOURCE_DATE_EPOCH` or the current time: the writer never reads the clock.
    public var creationDate: Date?
    /// Offset from UTC used to write the dates, in minutes (Taiwan: +480).
    public var timeZoneOffsetMinutes: Int
    /// Claim PDF/A-3b: XMP identification and extension schema, sRGB output intent, printable links.
    /// The writer leaves out the identification and the schema when a drawn form has fonts not embedded.
    public var pdfA3: PDFAIdentification? = nil

    public init(
        title: String = "", author: String = "", subject: String = "", keywords: String = "",
        creator: String = "", producer: String = "", language: String = "", creationDate: Date? = nil,
        timeZoneOffsetMinutes: Int = 0, pdfA3: PDFAIdentification? = nil
    ) {
        self.pdfA3 = pdfA3
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.creator = creator
        self.producer = producer
        self.language = language
        self.creationDate = creationDate
        self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
    }
}
