import Foundation
import PDFReader
import Testing

/// Hostile sharing (issue 10): objects many pages share are decoded and copied once per document, and
/// the decode budget is the document's, not each page's.
@Suite struct SharedObjectTests {
    /// Valid content (a line drawn again and again) of about `bytes` bytes, starting with `marker`.
    static func bigContent(bytes: Int, marker: String = "% shared content") -> [UInt8] {
        let line = Array("0 0 m 100 100 l S\n".utf8)
        var out = Array("\(marker)\n".utf8)
        out.reserveCapacity(bytes + line.count)
        while out.count < bytes { out += line }
        return out
    }

    /// `pages` pages whose `/Contents` are all object 4, which inflates to `contentBytes`; `extra` adds
    /// objects from 10 up and `pageExtra` goes into every page dictionary.
    static func sharedContentPDF(
        pages: Int, contentBytes: Int, pageExtra: String = "", streamExtra: String = "",
        extra: (inout PDFBuilder) -> Void = { _ in }
    ) -> [UInt8] {
        var b = PDFBuilder()
        let first = 1000
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [\((0..<pages).map { "\(first + $0) 0 R" }.joined(separator: " "))] /Count \(pages) >>")
        b.addStream(4, "/Filter /FlateDecode \(streamExtra)", deflate(bigContent(bytes: contentBytes)))
        extra(&b)
        for page in 0..<pages {
            b.add(first + page, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \(pageExtra) >>")
        }
        b.finishClassic(trailer: "<< /Size \(first + pages) /Root 1 0 R >>")
        return b.bytes
    }

    /// The process's peak resident size so far, in bytes (Linux reports KiB).
    static func peakRSS() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    /// 500 pages drawing one 20 MB stream: decoded once (a 32 MB document budget is enough), one
    /// content identity, and memory grows by about one copy, not 500 (10 GB before). Other suites run
    /// in this process at the same time, so the bound on the growth of the peak is loose.
    @Test func contentStreamSharedByPagesIsDecodedOnce() throws {
        let size = 20 << 20
        let bytes = Self.sharedContentPDF(pages: 500, contentBytes: size)
        #expect(bytes.count < 1 << 20)
        let reader = try PDFDocumentReader(bytes: bytes, limits: Limits(maxDecodedBytes: 32 << 20))
        let before = Self.peakRSS()
        let document = try reader.importPages()
        let growth = Self.peakRSS() - before
        #expect(document.pages.count == 500)
        #expect(document.pages.allSatisfy { $0.contents.count >= size && $0.contents.count < size + 64 })
        #expect(Set(document.pages.map(\.contentID)).count == 1)
        #expect(growth < 1 << 30, "peak grew by \(growth >> 20) MB")
        // Page by page, the same reader serves them from the one decoded copy and the one budget.
        for index in [0, 250, 499] { #expect(try reader.page(index).contents.count == document.pages[0].contents.count) }
    }

    /// The budget is the document's: pages that each decode a stream of their own are refused once
    /// the sum passes it (each alone would fit), while the shared stream above was accepted.
    @Test func decodeBudgetIsPerDocument() throws {
        var b = PDFBuilder()
        let pages = 40
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [\((0..<pages).map { "\(100 + 2 * $0) 0 R" }.joined(separator: " "))] /Count \(pages) >>")
        for page in 0..<pages {
            b.add(100 + 2 * page, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents \(101 + 2 * page) 0 R >>")
            b.addStream(101 + 2 * page, "/Filter /FlateDecode", deflate(Self.bigContent(bytes: 1 << 20, marker: "% page \(page)")))
        }
        b.finishClassic(trailer: "<< /Size \(100 + 2 * pages) /Root 1 0 R >>")
        let limits = Limits(maxDecodedBytes: 16 << 20)
        #expect(throws: PDFReadError.limitExceeded("decoded bytes")) {
            try PDFDocumentReader(bytes: b.bytes, limits: limits).importPages()
        }
        // The same through page(_:): the first pages fit, a later one finds the budget spent.
        let reader = try PDFDocumentReader(bytes: b.bytes, limits: limits)
        #expect(try reader.page(0).contents.count > 1 << 20)
        #expect(throws: PDFReadError.limitExceeded("decoded bytes")) {
            for index in 0..<pages { _ = try reader.page(index) }
        }
        // A document sharing one stream across as many pages is accepted under the same budget.
        let shared = Self.sharedContentPDF(pages: pages, contentBytes: 1 << 20)
        #expect(try PDFDocumentReader(bytes: shared, limits: limits).importPages().pages.count == pages)
    }

    /// Pages that share content but not their box are one more copy each in the output, so each is
    /// paid for again: 20 pages × 1 MB with different boxes do not fit in 8 MB.
    @Test func sharedContentInDifferentBoxesIsPaidPerBox() throws {
        var b = PDFBuilder()
        let pages = 20
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [\((0..<pages).map { "\(100 + $0) 0 R" }.joined(separator: " "))] /Count \(pages) >>")
        b.addStream(4, "/Filter /FlateDecode", deflate(Self.bigContent(bytes: 1 << 20)))
        for page in 0..<pages {
            b.add(100 + page, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(400 + page) 842] /Contents 4 0 R >>")
        }
        b.finishClassic(trailer: "<< /Size \(100 + pages) /Root 1 0 R >>")
        #expect(throws: PDFReadError.limitExceeded("decoded bytes")) {
            try PDFDocumentReader(bytes: b.bytes, limits: Limits(maxDecodedBytes: 8 << 20)).importPages()
        }
        #expect(try PDFDocumentReader(bytes: b.bytes, limits: Limits(maxDecodedBytes: 32 << 20)).importPages().pages.count == pages)
    }

    /// 500 pages naming one resource dictionary (300 fonts and an 8 MB image): the dictionary becomes
    /// one object of the document, its closure is copied once, and every page refers to it.
    @Test func resourceDictionarySharedByPagesIsCopiedOnce() throws {
        let fonts = 300
        let image = [UInt8](repeating: 0x5A, count: 8 << 20)
        let bytes = Self.sharedContentPDF(pages: 500, contentBytes: 1 << 10, pageExtra: "/Resources 5 0 R") { b in
            let names = (0..<fonts).map { "/F\($0) \(10 + $0) 0 R" }.joined(separator: " ")
            b.add(5, "<< /Font << \(names) >> /XObject << /Big 6 0 R >> >>")
            b.addStream(6, "/Type /XObject /Subtype /Image /Width 4096 /Height 2048 /ColorSpace /DeviceGray /BitsPerComponent 8", image)
            for f in 0..<fonts { b.add(10 + f, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>") }
        }
        let before = Self.peakRSS()
        let document = try PDFDocumentReader(bytes: bytes).importPages()
        let growth = Self.peakRSS() - before
        #expect(document.pages.allSatisfy { $0.resources == .reference(-1) })
        #expect(document.objects.count == 1 + 1 + fonts)
        guard case .stream(let big)? = document.objects[6] else {
            Issue.record("the image is missing")
            return
        }
        #expect(big.rawData.count == image.count)
        #expect(document.pages[499].fontsNotEmbedded == ["Helvetica"])
        // One copy of the image lives in the file's bytes; the pages add next to nothing.
        #expect(growth < 512 << 20, "peak grew by \(growth >> 20) MB")
    }

    /// Resources written inline in the page-tree node and inherited by every page are shared the same way.
    @Test func inheritedInlineResourcesAreShared() throws {
        var b = PDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> >>")
        b.add(3, "<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>")
        b.add(4, "<< /Type /Page /Parent 2 0 R /Contents 5 0 R /Resources << /Font << /F2 8 0 R >> >> >>")
        b.addStream(5, "", Array(pageOneText.utf8))
        b.add(8, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        b.finishClassic(trailer: "<< /Size 9 /Root 1 0 R >>")
        let document = try PDFDocumentReader(bytes: b.bytes).importPages()
        // Page 1 inherits the node's dictionary (used once here: kept inline); page 2 has its own.
        #expect(document.pages[0].resources.dictionaryValue?["Font"] != nil)
        #expect(document.pages[1].resources.dictionaryValue?["Font"]?.dictionaryValue?["F2"] == .reference(8))
        #expect(document.pages[0].contentID == document.pages[1].contentID)

        var c = PDFBuilder()
        c.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        c.add(2, "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> >>")
        c.add(3, "<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>")
        c.add(4, "<< /Type /Page /Parent 2 0 R /Contents [5 0 R 5 0 R] >>")
        c.addStream(5, "", Array(pageOneText.utf8))
        c.add(8, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        c.finishClassic(trailer: "<< /Size 9 /Root 1 0 R >>")
        let shared = try PDFDocumentReader(bytes: c.bytes).importPages()
        #expect(shared.pages.map(\.resources) == [.reference(-1), .reference(-1)])
        #expect(shared.objects[-1]?.dictionaryValue?["Font"]?.dictionaryValue?["F1"] == .reference(8))
        // A different list of the same stream is other content.
        #expect(shared.pages[0].contentID != shared.pages[1].contentID)
        #expect(text(shared.pages[1].contents) == pageOneText + "\n" + pageOneText)
    }

    /// One stream is every page's content and also a Form XObject of the shared resources, nested in
    /// another form: it is decoded once for the pages (a budget of one copy and a little suffices) and
    /// copied once into the objects.
    @Test func streamSharedByPagesAndNestedForm() throws {
        let size = 4 << 20
        let bytes = Self.sharedContentPDF(
            pages: 200, contentBytes: size, pageExtra: "/Resources 5 0 R",
            streamExtra: "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources 7 0 R"
        ) { b in
            b.add(5, "<< /XObject << /Outer 6 0 R >> >>")
            b.addStream(6, "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources 7 0 R", Array("/Inner Do".utf8))
            b.add(7, "<< /XObject << /Inner 4 0 R >> >>")
        }
        let reader = try PDFDocumentReader(bytes: bytes, limits: Limits(maxDecodedBytes: size + (1 << 20)))
        let document = try reader.importPages()
        #expect(Set(document.pages.map(\.contentID)).count == 1)
        #expect(document.objects.keys.sorted() == [-1, 4, 6, 7])
        guard case .stream(let inner)? = document.objects[4] else {
            Issue.record("the nested form is missing")
            return
        }
        // Kept encoded for the writer; decoding it again is paid from the same, now spent, budget.
        #expect(inner.dictionary["Filter"] == .name("FlateDecode"))
        #expect(throws: PDFReadError.limitExceeded("decoded bytes")) { try reader.decodedData(of: inner) }
    }
}
