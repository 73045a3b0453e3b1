import Diagnostics
import Foundation
import PDFWriter
import ReviewPacket

/// The typeset packet, ready for the PDF writer.
public struct TypesetPacket: Sendable {
    public var document: PDFDocumentSpec
    public var pageCount: Int
    /// Characters no font in the chain could draw (each shown as a boxed placeholder).
    public var missingCharacters: [String]
    /// The applicant-folder path of each image of `document.images`.
    public var imagePaths: [String] = []
    /// Attachments that could not be placed (each replaced by a notice).
    public var attachmentProblems: [Diagnostic] = []
}

extension Paginator {
    /// Lays the packet out twice: the first pass finds each item's first page, the second prints
    /// those numbers in the index. The index has one row per item either way, so the second pass
    /// cannot move anything; a third pass guards that assumption.
    static func paginate(
        _ packet: ReviewPacket, style: LayoutStyle, engine: Engine, images: ImageProvider? = nil, preview: Bool = false
    ) -> Paginator {
        var pages: [String: Int] = [:]
        var result = Paginator(style: style, engine: engine, images: images)
        let indexPosition = preview ? 2 : 1
        for _ in 0..<3 {
            var sections = PacketContent.sections(packet, preview: preview)
            sections[indexPosition] = PacketContent.index(packet, pages: pages.mapValues { $0 + 1 })
            result = Paginator(style: style, engine: engine, images: images)
            result.layout(sections)
            if result.firstPage == pages { break }
            pages = result.firstPage
        }
        return result
    }

    /// Running header (應試號碼, 校系代碼, item) and footer (第 n 頁／共 N 頁) on every page; in a
    /// preview, a large light 「預覽版」 under the content of every page.
    mutating func decorate(applicantNumber: String, departmentCode: String, watermark: Bool = false) {
        let total = pages.count
        let spec = TextSpec(role: "sans", boldRole: "sans", size: style.headerSize, lineHeight: 1.2, firstLineIndent: 0, alignment: .left)
        let left = style.marginLeft
        let right = style.pageWidth - style.marginRight
        for index in pages.indices {
            var page = pages[index]
            let headerY = style.pageHeight - style.headerBaselineFromTop
            if let line = engine.lines([.plain("應試號碼 \(applicantNumber)　校系代碼 \(departmentCode)")], measure: measure, spec: spec).first {
                page.draw(line, x: left, y: headerY, color: style.muted)
            }
            if let line = engine.lines([.plain(page.headerTitle)], measure: measure / 2, spec: spec).first {
                page.draw(line, x: right - line.width, y: headerY, color: style.muted)
            }
            page.items.append(.line(x1: left, y1: headerY - 5, x2: right, y2: headerY - 5, width: style.headerRule, color: style.muted))
            let footer = style.footerFormat.replacingOccurrences(of: "{n}", with: String(index + 1))
                .replacingOccurrences(of: "{N}", with: String(total))
            if let line = engine.lines([.plain(footer)], measure: measure, spec: spec).first {
                page.draw(line, x: left + (measure - line.width) / 2, y: style.footerBaselineFromBottom, color: style.muted)
            }
            if watermark {
                let mark = TextSpec(role: "sansBold", boldRole: "sansBold", size: 96, lineHeight: 1.2, firstLineIndent: 0, alignment: .left)
                if let line = engine.lines([.strong("預覽版")], measure: style.pageWidth, spec: mark).first {
                    var layer = PageCanvas(headerTitle: page.headerTitle)
                    layer.draw(line, x: (style.pageWidth - line.width) / 2, y: style.pageHeight / 2 - 30, color: [0.88, 0.88, 0.9])
                    page.items = layer.items + page.items
                }
            }
            pages[index] = page
        }
    }

    /// The pages as the PDF writer's document; fonts are the engine's, by index.
    func documentSpec(fonts: [FontSource], images: [ImageSource] = [], info: DocumentInfo) -> PDFDocumentSpec {
        func rgb(_ c: [Double]) -> RGB { RGB(c[0], c[1], c[2]) }
        let pdfPages = pages.map { page -> PDFPage in
            let content = page.items.map { item -> PageItem in
                switch item {
                case .glyphs(let font, let size, let x, let y, let color, let glyphs):
                    return .text(
                        TextRun(
                            font: FontID(font), size: size, color: rgb(color), x: x, y: y,
                            glyphs: glyphs,
                            actualText: actualText(glyphs)))
                case .rect(let x, let y, let width, let height, let fill, let stroke, let lineWidth):
                    return .rect(x: x, y: y, width: width, height: height, fill: fill.map(rgb), stroke: stroke.map(rgb), lineWidth: lineWidth)
                case .line(let x1, let y1, let x2, let y2, let width, let color):
                    return .line(x1: x1, y1: y1, x2: x2, y2: y2, width: width, color: rgb(color))
                case .image(let index, let x, let y, let width, let height):
                    return .image(ImageID(index), x: x, y: y, width: width, height: height)
                case .form(let index, let x, let y, let width, let height):
                    return .form(FormID(index), x: x, y: y, width: width, height: height)
                }
            }
            let links = page.links.compactMap { link -> LinkAnnotation? in
                guard let target = firstPage[link.itemCode] else { return nil }
                return LinkAnnotation(
                    rect: LinkRect(x: link.x, y: link.y, width: link.width, height: link.height),
                    target: .page(target, y: style.pageHeight))
            }
            return PDFPage(width: style.pageWidth, height: style.pageHeight, content: content, links: links)
        }
        func entry(_ node: OutlineNode) -> OutlineEntry {
            OutlineEntry(title: maskingNationalIDs(node.title), page: node.page, y: node.y, children: node.children.map(entry), isOpen: false)
        }
        return PDFDocumentSpec(
            pages: pdfPages, fonts: fonts, images: images, outline: outline.map(entry),
            pageLabels: [PageLabelRange(firstPage: 0, style: .decimal, prefix: "", start: 1)], info: info)
    }
}

/// Where Han meets Latin letters or digits the layout puts a ¼ em gap (T5), which text extractors
/// read as a space; pinning the run's text keeps copy and search exact (第4章介紹API, not 第 4 章…).
func actualText(_ glyphs: [LineGlyph]) -> String? {
    var ascii = false
    var wide = false
    for glyph in glyphs {
        for scalar in glyph.text.unicodeScalars {
            if scalar.isASCII {
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { ascii = true }
            } else {
                wide = true
            }
        }
        if ascii && wide { return glyphs.map(\.text).joined() }
    }
    return nil
}

/// Document metadata: nothing personal beyond the 應試號碼.
func documentInfo(_ packet: ReviewPacket, creationDate: Date?) -> DocumentInfo {
    let meta = packet.meta
    return DocumentInfo(
        title: "備審資料 \(packet.applicant.applicantNumber)（\(meta.departmentCode)）",
        author: "", subject: "\(meta.ruleYear) 學年度 \(meta.channel) \(meta.departmentCode) \(meta.departmentName)",
        keywords: "學習歷程檔案, 備審資料, \(meta.departmentCode), \(packet.applicant.applicantNumber)",
        creator: "portfolio-export \(meta.toolVersion)", producer: "portfolio-export \(meta.toolVersion)",
        language: "zh-Hant-TW", creationDate: creationDate, timeZoneOffsetMinutes: 480,
        pdfA3: PDFAIdentification(
            schemaName: "portfolio-export review packet", namespaceURI: "urn:portfolio-export:pdfa:packet:1#",
            prefix: "pep",
            properties: [
                .init(
                    name: "DocumentFileName", value: "\(packet.applicant.applicantNumber).xml",
                    description: "name of the embedded XML package"),
                .init(name: "DocumentType", value: "REVIEW-PACKET", description: "kind of the embedded data"),
                .init(name: "Version", value: "1", description: "version of the XML package's schema"),
            ]))
}
