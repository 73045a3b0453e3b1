import Attachments
import Diagnostics
import Foundation
import PacketLayout
import PDFWriter
import ReviewPacket
import Typesetting

/// The laid-out packet as a PDF: pages, bookmarks and index links become the writer's objects, the
/// prepared attachments its images and forms, the XML and the media its associated files. Knows
/// nothing of students' files: everything it is given was checked before, so the writer can fail
/// only for a bug (or a font of ours it cannot read).
public enum PacketPDF {
    /// The document the writer is given. `embedded`: the XML package first, then the media.
    /// Pass the pages with `consume` when they are not needed after: each page is then let go as
    /// soon as it is converted, so the layout's glyphs and the writer's never both exist whole.
    public static func document(
        _ laidOut: consuming PacketPages, packet: ReviewPacket, attachments: PreparedAttachments,
        embedded: [EmbeddedFile], creationDate: Date?
    ) -> PDFDocumentSpec {
        var spec = document(
            consume laidOut, images: attachments.images, forms: attachments.forms,
            info: documentInfo(packet, creationDate: creationDate),
            attachmentIndex: { path in embeddedIndex(of: path, packet: packet, embedded: embedded) })
        spec.attachments = embedded
        return spec
    }

    /// A document of the tool's own that is not a packet (a department's roster): text and tables
    /// only, PDF/A-3b like a packet, with no attachments.
    public static func document(
        _ laidOut: consuming PacketPages, title: String, subject: String, toolVersion: String, creationDate: Date?
    ) -> PDFDocumentSpec {
        document(
            consume laidOut, images: [], forms: [],
            info: DocumentInfo(
                title: title, author: "", subject: subject, keywords: "學習歷程檔案, 備審資料, 名冊",
                creator: "portfolio-export \(toolVersion)", producer: "portfolio-export \(toolVersion)",
                language: "zh-Hant-TW", creationDate: creationDate, timeZoneOffsetMinutes: 480,
                pdfA3: PDFAIdentification(
                    schemaName: "portfolio-export roster", namespaceURI: "urn:portfolio-export:pdfa:roster:1#",
                    prefix: "per",
                    properties: [.init(name: "DocumentType", value: "ROSTER", description: "kind of document")])))
    }

    /// Where the media file at `path` is among the embedded files: identical files are embedded once,
    /// under the name (masked path) of the first of them in the packet's order (`mediaEntries`).
    static func embeddedIndex(of path: String, packet: ReviewPacket, embedded: [EmbeddedFile]) -> Int? {
        guard let file = packet.attachments.first(where: { $0.path == path }),
            let first = packet.attachments.first(where: { $0.mediaType.isTimeBased && $0.sha256 == file.sha256 })
        else { return nil }
        let name = maskingNationalIDs(first.path)
        return embedded.firstIndex { $0.name == name && $0.mimeType == first.mediaType.rawValue }
    }

    /// Writes the document once, calling `fontsEmbedded` when the fonts are subset (a batch times
    /// the two halves apart).
    public static func write(
        _ document: PDFDocumentSpec, with writer: PDFWriter, fontsEmbedded: () -> Void = {}
    ) throws(PDFWriterError) -> [UInt8] {
        let fonts = try writer.embedFonts(of: document)
        fontsEmbedded()
        return try writer.write(document, fonts: fonts)
    }

    /// The laid-out pages as the PDF writer's document: fonts are the layout's, images and imported
    /// pages the prepared attachments', by index. The shaper's glyphs become the writer's here.
    static func document(
        _ laidOut: consuming PacketPages, images: [PreparedImage], forms: [FormPage], info: DocumentInfo,
        attachmentIndex: (String) -> Int? = { _ in nil }
    ) -> PDFDocumentSpec {
        func rgb(_ c: [Double]) -> RGB { RGB(c[0], c[1], c[2]) }
        // Taken page by page from the back of a reversed list: a page converted is a page released.
        var remaining = laidOut.pages
        laidOut.pages = []
        remaining.reverse()
        var pdfPages: [PDFPage] = []
        pdfPages.reserveCapacity(remaining.count)
        while let page = remaining.popLast() {
            let content = page.items.map { item -> PageItem in
                switch item {
                case .glyphs(let run, let x, let y, let color):
                    let glyphs = run.glyphs.map { PlacedGlyph(id: $0.glyphID, x: $0.x, yOffset: $0.y, text: $0.text) }
                    return .text(
                        TextRun(
                            font: FontID(laidOut.fontIndex(of: run) ?? -1), size: run.fontSize, color: rgb(color), x: x,
                            y: y, glyphs: glyphs, actualText: actualText(glyphs)))
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
            var links: [LinkAnnotation] = []
            var fileAttachments: [FileAttachmentAnnotation] = []
            for link in page.links {
                let rect = LinkRect(x: link.x, y: link.y, width: link.width, height: link.height)
                switch link.target {
                case .item(let code):
                    if let target = laidOut.firstPage[code] {
                        links.append(LinkAnnotation(rect: rect, target: .page(target, y: laidOut.pageHeight)))
                    }
                case .uri(let uri):
                    links.append(LinkAnnotation(rect: rect, target: .uri(uri)))
                case .attachment(let path):
                    // A file not embedded (none is missing from a packet made in one way) has no target.
                    if let index = attachmentIndex(path) {
                        fileAttachments.append(
                            FileAttachmentAnnotation(
                                rect: rect, attachment: index, contents: "影音檔案：" + maskingNationalIDs(path)))
                    }
                }
            }
            pdfPages.append(
                PDFPage(
                    width: laidOut.pageWidth, height: laidOut.pageHeight, content: content, links: links,
                    fileAttachments: fileAttachments))
        }
        func entry(_ node: OutlineNode) -> OutlineEntry {
            OutlineEntry(title: maskingNationalIDs(node.title), page: node.page, y: node.y, children: node.children.map(entry), isOpen: false)
        }
        var document = PDFDocumentSpec(
            pages: pdfPages, fonts: laidOut.fonts, images: images, outline: laidOut.outline.map(entry),
            pageLabels: [PageLabelRange(firstPage: 0, style: .decimal, prefix: "", start: 1)], info: info)
        document.forms = forms
        return document
    }
}

/// Where Han meets Latin letters or digits the layout puts a ¼ em gap (T5), which text extractors
/// read as a space; pinning the run's text keeps copy and search exact (第4章介紹API, not 第 4 章…).
func actualText(_ glyphs: [PlacedGlyph]) -> String? {
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
