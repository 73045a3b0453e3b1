import Foundation
import Testing

import Attachments
import PacketContent

@testable import PacketLayout

/// Attachments of known sizes: `pageCounts[path]` A4 pages per PDF (form indices in call order),
/// one 400 × 300 pt image for any other path.
final class FixedAttachments: ImageProvider {
    let pageCounts: [String: Int]
    private var known: [String: [PlacedImageInfo]] = [:]
    private var nextForm = 0

    init(_ pageCounts: [String: Int]) {
        self.pageCounts = pageCounts
    }

    func image(_ path: String) -> PlacedImageInfo? {
        PlacedImageInfo(index: 0, width: 400, height: 300)
    }

    func pdfPages(_ path: String) -> [PlacedImageInfo]? {
        if let pages = known[path] { return pages }
        let pages = (0..<(pageCounts[path] ?? 0)).map { _ in
            defer { nextForm += 1 }
            return PlacedImageInfo(index: nextForm, width: 595, height: 842)
        }
        known[path] = pages
        return pages
    }
}

/// "Page counts equal the cover/index/section pages plus each attachment's pages" (issue 4), reasoned
/// from how the paginator places things: every page of an attached PDF starts a page of its own;
/// an image is placed inline in the flow (it may push what follows to the next page, but never takes
/// a page by itself), so images are in the section pages, the same with or without the PDFs.
@Suite struct PageCountTests {
    let style = try! LayoutStyle.load(channelFamily: "申請入學")
    let text = String(repeating: "內容文字", count: 60)

    func paginate(_ sections: [Section], _ attachments: FixedAttachments) -> Paginator<MonospaceEngine> {
        var paginator = Paginator(style: style, engine: MonospaceEngine(), images: attachments)
        paginator.layout(sections)
        return paginator
    }

    func forms(_ page: PageCanvas) -> [Int] {
        page.items.compactMap { if case .form(let index, _, _, _, _) = $0 { index } else { nil } }
    }

    /// Sections that each end with their PDF: a zero-page PDF leaves exactly the section pages.
    var sectionsEndingInPDFs: [Section] {
        [
            Section(itemCode: nil, headerTitle: "封面", outlineTitle: "封面", blocks: [.heading("封面", level: 1)]),
            Section(itemCode: "B", headerTitle: "B", outlineTitle: "B", blocks: [
                .heading("成果一", level: 2), .paragraph([.plain(text)]), .image(path: "photo.png"), .pdfPages(path: "a.pdf"),
            ]),
            Section(itemCode: "C", headerTitle: "C", outlineTitle: "C", blocks: [
                .paragraph([.plain(text)]), .image(path: "photo.png"), .image(path: "photo.png"), .paragraph([.plain(text)]),
                .pdfPages(path: "b.pdf"),
            ]),
            Section(itemCode: "D", headerTitle: "D", outlineTitle: "D", blocks: [.paragraph([.plain(text)])]),
        ]
    }

    @Test func pagesAreTheSectionPagesPlusEveryAttachmentPage() {
        let counts = ["a.pdf": 3, "b.pdf": 5]
        let without = paginate(sectionsEndingInPDFs, FixedAttachments(["a.pdf": 0, "b.pdf": 0]))
        let with = paginate(sectionsEndingInPDFs, FixedAttachments(counts))
        #expect(with.pages.count == without.pages.count + 8)
        // Each attachment page once, in order, alone on its page: a dropped or doubled page fails here.
        let drawn = with.pages.map(forms)
        #expect(drawn.flatMap { $0 } == Array(0..<8))
        #expect(drawn.allSatisfy { $0.count <= 1 })
        // The images stay in the flow: leaving out the attachment pages, the same pages hold them.
        func hasImage(_ page: PageCanvas) -> Bool { page.items.contains { if case .image = $0 { true } else { false } } }
        func imagePages(_ pages: [PageCanvas]) -> [Int] { pages.indices.filter { hasImage(pages[$0]) } }
        let own = with.pages.filter { forms($0).isEmpty }
        #expect(own.count == without.pages.count)
        #expect(imagePages(own) == imagePages(without.pages))
        #expect(imagePages(without.pages).allSatisfy { i in without.pages[i].items.contains { if case .glyphs = $0 { true } else { false } } })
    }

    /// A PDF in the middle of a section: what follows its last page lands the same whatever the page
    /// count, so N pages make exactly N − 1 more than one page.
    @Test func aPDFInTheMiddleOfASectionAddsExactlyItsPages() {
        let sections = [
            Section(itemCode: "B", headerTitle: "B", outlineTitle: "B", blocks: [
                .pdfPages(path: "a.pdf"), .paragraph([.plain(text)]), .image(path: "photo.png"), .pdfPages(path: "b.pdf"),
                .heading("下一筆", level: 2), .paragraph([.plain(text)]), .pdfPages(path: "c.pdf"), .paragraph([.plain(text)]),
            ])
        ]
        let one = paginate(sections, FixedAttachments(["a.pdf": 1, "b.pdf": 1, "c.pdf": 1]))
        for counts in [["a.pdf": 2, "b.pdf": 7, "c.pdf": 1], ["a.pdf": 4, "b.pdf": 1, "c.pdf": 3]] {
            let many = paginate(sections, FixedAttachments(counts))
            let extra = counts.values.reduce(0) { $0 + $1 - 1 }
            #expect(many.pages.count == one.pages.count + extra, "\(counts)")
            #expect(many.pages.flatMap(forms) == Array(0..<counts.values.reduce(0, +)))
        }
    }
}

/// A 「自行上傳」 PDF: every one of its pages carries the mark, in a band above the student's page
/// (outside the page's box, which clips the student's drawing), and no other page does.
@Suite struct MarkedPagesTests {
    let style = try! LayoutStyle.load(channelFamily: "申請入學")
    let mark = "自行上傳，未經學習歷程中央資料庫認證"

    func text(_ page: PageCanvas) -> String {
        page.items.compactMap { item -> String? in
            if case .glyphs(let run, _, _, _) = item { return run.glyphs.map(\.text).joined() }
            return nil
        }.joined()
    }

    @Test func everyPageOfAMarkedPDFCarriesTheMarkAboveThePage() {
        let sections = [
            Section(itemCode: "B", headerTitle: "B", outlineTitle: "B", blocks: [
                .heading("B", level: 1), .pdfPages(path: "record.pdf"), .markedPDFPages(path: "upload.pdf", mark: mark),
                .paragraph([.plain("其後的內容")]),
            ])
        ]
        var paginator = Paginator(style: style, engine: MonospaceEngine(), images: FixedAttachments(["record.pdf": 2, "upload.pdf": 3]))
        paginator.layout(sections)
        var markedForms: [Int] = []
        for page in paginator.pages {
            // Each imported page's form index and the top of its box.
            let forms = page.items.compactMap { item -> (Int, Double)? in
                if case .form(let index, _, let y, _, let height) = item { return (index, y + height) }
                return nil
            }
            let marked = text(page).contains(mark)
            // Forms 0–1 are record.pdf's pages, 2–4 upload.pdf's.
            #expect(marked == forms.contains { $0.0 >= 2 }, "\(forms)")
            guard marked, let form = forms.first else { continue }
            markedForms.append(form.0)
            let markTops = page.items.compactMap { item -> Double? in
                if case .glyphs(let run, _, let y, _) = item, run.glyphs.map(\.text).joined() == mark { return y }
                return nil
            }
            // The mark's baseline lies above the top of the student's page, and its band ends there.
            #expect(markTops.count == 1)
            #expect(markTops.allSatisfy { $0 > form.1 })
            #expect(page.items.contains { if case .rect(_, let y, _, _, _, let stroke, _) = $0 { abs(y - form.1) < 0.001 && stroke == style.flag } else { false } })
        }
        #expect(markedForms == [2, 3, 4])
    }
}
