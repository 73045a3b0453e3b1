import Attachments
import Diagnostics
import Foundation
import PacketContent
import PacketTemplates
import ReviewPacket
import Typesetting

/// The text engine backed by `Typesetting`: HarfBuzz shaping with fallback, clreq line breaking and
/// justification. It numbers the faces it uses in the order it meets them, which is the order of
/// the document's font list.
struct FontSetEngine: TextEngine {
    let fonts: FontSet
    /// The faces met (indices into `FontSet.faces`), in the order first met.
    private(set) var documentFaces: [Int] = []
    /// A face (index into `FontSet.faces`) → its index in `documentFaces`.
    private(set) var documentIndexOfFace: [Int: Int] = [:]
    private(set) var missingCharacters: [String] = []
    private var missingSeen: Set<Unicode.Scalar> = []
    /// Paragraphs already set, shared by the copies of this engine: the paginator lays a packet out
    /// twice (the second pass prints the index's page numbers) and tables repeat short cells, so
    /// most paragraphs are shaped and broken once. A class, so every pass sees the first one's work.
    private let memo = ParagraphMemo()

    init(fonts: FontSet) {
        self.fonts = fonts
    }

    mutating func lines(_ spans: [Span], measure: Double, spec: TextSpec) -> [TypesetLine] {
        let key = ParagraphMemo.Key(spans: spans, measure: measure, spec: spec)
        let set: ParagraphMemo.Entry
        if let known = memo.layouts[key] {
            set = known
        } else {
            let style = ParagraphStyle(
                fontSize: spec.size, regularRole: FontRole(spec.role), boldRole: FontRole(spec.boldRole),
                lineHeight: spec.lineHeight, firstLineIndent: spec.firstLineIndent,
                justify: spec.alignment == .justified, minimumLastLineCharacters: 2)
            // Every text drawn passes here: ID-shaped text is masked once more, whatever built it
            // (file names, quoted values), not only what the reader already masked.
            let runs = spans.map { StyledText(maskingNationalIDs($0.text), weight: $0.bold ? .bold : .regular) }
            // Each line keeps the shaper's runs as they are set (the line's own text is dropped),
            // so the paragraph never exists in two forms.
            var lines: [TypesetLine] = []
            let layout = layoutParagraph(runs, measure: measure, style: style, fonts: fonts) { line in
                lines.append(
                    TypesetLine(
                        width: line.width, ascent: line.ascent, descent: line.descent, advance: 0,
                        runs: line.runs, placeholders: line.placeholders))
            }
            for index in lines.indices { lines[index].advance = layout.lineHeight }
            set = ParagraphMemo.Entry(lines: lines, missingCharacters: layout.missingCharacters)
            memo.layouts[key] = set
        }
        // Per engine copy, hit or miss: the document's font numbering and the missing characters
        // follow the order this pass meets them. The lines are shared, not copied.
        for scalar in set.missingCharacters where missingSeen.insert(scalar).inserted {
            missingCharacters.append(String(scalar))
        }
        for line in set.lines {
            for run in line.runs where documentIndexOfFace[run.faceIndex] == nil {
                documentIndexOfFace[run.faceIndex] = documentFaces.count
                documentFaces.append(run.faceIndex)
            }
        }
        return set.lines
    }
}

/// Paragraph layouts of one packet by their input. Lives as long as one `typeset` call.
final class ParagraphMemo {
    struct Key: Hashable {
        var spans: [Span]
        var measure: Double
        var spec: TextSpec
    }

    /// A paragraph's lines, their runs' `faceIndex` an index into `FontSet.faces`.
    struct Entry {
        var lines: [TypesetLine]
        var missingCharacters: [Unicode.Scalar]
    }

    var layouts: [Key: Entry] = [:]
}

/// Typesets a review packet: the opening page with the index's real page numbers, one section per item, running
/// header and footer, bookmarks and index links. Knows the packet; knows nothing of PDF.
public struct PacketTypesetter: Sendable {
    public let fonts: FontSet
    /// Layouts read once, by channel family; a family not here is read when a packet needs it.
    private let layouts: [String: LayoutStyle]

    public init(fonts: FontSet) {
        self.fonts = fonts
        layouts = [:]
    }

    /// A typesetter with every layout of `Templates/layouts` read up front, for a batch: the files
    /// are read and checked once per process, not once per packet.
    public static func preloadingLayouts(fonts: FontSet) throws(TypesetError) -> PacketTypesetter {
        let directory = PacketTemplates.layoutsDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var layouts: [String: LayoutStyle] = [:]
        for name in names.sorted() where name.hasSuffix(".json") {
            let family = String(name.dropLast(".json".count))
            do {
                layouts[family] = try LayoutStyle.load(channelFamily: family, directory: directory)
            } catch {
                throw .layoutUnreadable(error)
            }
        }
        return PacketTypesetter(fonts: fonts, layouts: layouts)
    }

    private init(fonts: FontSet, layouts: [String: LayoutStyle]) {
        self.fonts = fonts
        self.layouts = layouts
    }

    public enum TypesetError: Error, Sendable {
        /// A layout of `Templates/layouts` does not decode (the file and the key are named).
        case layoutUnreadable(TemplateError)
    }

    /// Lays the packet out once: the opening page with the index's real page numbers, the items, 檔案核對, and in a
    /// preview a first page of what can still be fixed (drawn from `packet.diagnostics`, which must be
    /// complete: attachments prepared and the text checked first) and a watermark on every page.
    /// Images and PDF pages come from `attachments`; one missing there is named, not placed.
    public func typeset(
        _ packet: ReviewPacket, attachments: PreparedAttachments = PreparedAttachments(), preview: Bool = false
    ) throws(TypesetError) -> PacketPages {
        let style = try style(for: packet)
        var paginator = Paginator.paginate(
            packet, style: style, engine: FontSetEngine(fonts: fonts), images: attachments, preview: preview)
        paginator.decorate(
            applicantNumber: packet.applicant.applicantNumber, departmentCode: packet.meta.departmentCode,
            watermark: preview)
        return PacketPages(
            pages: paginator.pages, outline: paginator.outline, firstPage: paginator.firstPage,
            fonts: paginator.engine.documentFaces.map { fonts.faces[$0] },
            fontIndexOfFace: paginator.engine.documentIndexOfFace, pageWidth: style.pageWidth,
            pageHeight: style.pageHeight)
    }

    /// A document of the tool's own that is not a packet (a department's roster): `sections` in the
    /// layout of `family`, with `header` on every page and the page numbers.
    public func typeset(sections: [Section], header: String, family: ChannelFamily = .university) throws(TypesetError)
        -> PacketPages
    {
        let style: LayoutStyle
        if let loaded = layouts[family.rawValue] {
            style = loaded
        } else {
            do { style = try LayoutStyle.load(channelFamily: family.rawValue) } catch { throw .layoutUnreadable(error) }
        }
        var paginator = Paginator(style: style, engine: FontSetEngine(fonts: fonts))
        paginator.layout(sections)
        paginator.decorate(header: header)
        return PacketPages(
            pages: paginator.pages, outline: paginator.outline, firstPage: paginator.firstPage,
            fonts: paginator.engine.documentFaces.map { fonts.faces[$0] },
            fontIndexOfFace: paginator.engine.documentIndexOfFace, pageWidth: style.pageWidth,
            pageHeight: style.pageHeight)
    }

    func style(for packet: ReviewPacket) throws(TypesetError) -> LayoutStyle {
        if let loaded = layouts[packet.meta.channelFamily.rawValue] { return loaded }
        do {
            return try LayoutStyle.load(channelFamily: packet.meta.channelFamily.rawValue)
        } catch {
            throw .layoutUnreadable(error)
        }
    }
}
