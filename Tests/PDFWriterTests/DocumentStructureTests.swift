import Foundation
import Testing

@testable import PDFWriter

/// The objects of a written file as `qpdf --json` reports them.
struct QPDFObjects {
    let objects: [String: Any]

    init(path: String) throws {
        let result = try Tool.run("qpdf", ["--json", "--json-key=qpdf", path])
        try #require(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: result.data) as? [String: Any])
        let qpdf = try #require(json["qpdf"] as? [Any])
        objects = try #require(qpdf.last as? [String: Any])
    }

    var trailer: [String: Any] { ((objects["trailer"] as? [String: Any])?["value"] as? [String: Any]) ?? [:] }

    /// The value of a non-stream object, or the dictionary of a stream, by "N 0 R".
    func dict(_ ref: Any?) -> [String: Any] {
        guard let ref = ref as? String, let entry = objects["obj:" + ref] as? [String: Any] else { return [:] }
        if let value = entry["value"] as? [String: Any] { return value }
        return ((entry["stream"] as? [String: Any])?["dict"] as? [String: Any]) ?? [:]
    }

    func isStream(_ ref: String) -> Bool {
        (objects["obj:" + ref] as? [String: Any])?["stream"] != nil
    }

    var streamDicts: [[String: Any]] {
        objects.compactMap { ($0.value as? [String: Any])?["stream"] as? [String: Any] }.compactMap {
            $0["dict"] as? [String: Any]
        }
    }
}

func navigationDocument(date: Date? = Date(timeIntervalSince1970: 1_700_000_000)) -> PDFDocumentSpec {
    var pages = (0..<6).map { _ in PDFPage(width: PDFPage.a4Width, height: PDFPage.a4Height) }
    pages[1] = PDFPage(width: PDFPage.a4Height, height: PDFPage.a4Width)  // a landscape page
    pages[0].content = [
        .rect(x: 50, y: 50, width: 100, height: 40, fill: RGB(1, 0, 0), stroke: RGB(0, 0, 1), lineWidth: 2),
        .rect(x: 50, y: 150, width: 100, height: 40, fill: nil, stroke: RGB(0, 0, 1), lineWidth: 0.5),
        .line(x1: 0, y1: 0, x2: 100, y2: 100, width: 0.5, color: RGB(0, 0.5, 0)),
    ]
    pages[0].links = [
        LinkAnnotation(rect: LinkRect(x: 50, y: 700, width: 200, height: 20), target: .page(3, y: 500)),
        LinkAnnotation(rect: LinkRect(x: 50, y: 600, width: 200, height: 20), target: .uri("https://www.cac.edu.tw/學習歷程")),
    ]
    let outline = [
        OutlineEntry(
            title: "A 修課紀錄", page: 2, y: 800,
            children: [
                OutlineEntry(title: "A-1 𠮷", page: 3, y: 400),
                OutlineEntry(
                    title: "A-2", page: 3, y: 200, children: [OutlineEntry(title: "A-2-1", page: 4, y: 100)], isOpen: false),
            ]),
        OutlineEntry(title: "B 課程學習成果", page: 5, y: 800),
    ]
    return PDFDocumentSpec(
        pages: pages, outline: outline,
        pageLabels: [
            PageLabelRange(firstPage: 2, style: .decimal, prefix: "第", start: 1),
            PageLabelRange(firstPage: 0, style: .romanLower),
        ],
        info: DocumentInfo(
            title: "學習歷程審查資料 123", author: "國立臺灣大學", subject: "審查資料", keywords: "個人申請",
            creator: "portfolio-export", producer: "portfolio-export 0.1", language: "zh-Hant-TW", creationDate: date,
            timeZoneOffsetMinutes: 480))
}

@Suite struct DocumentStructureTests {
    @Test func qpdfCheckIsCleanAndTheFileUsesObjectAndXrefStreams() throws {
        let bytes = try PDFWriter().write(navigationDocument())
        #expect(Array(bytes.prefix(9)) == Array("%PDF-1.7\n".utf8))
        let path = try Scratch.write(bytes, name: "structure.pdf")
        try expectValidPDF(path)

        let objects = try QPDFObjects(path: path)
        #expect(objects.trailer["/Type"] as? String == "/XRef")
        // Only streams are written directly; every other object sits in an object stream.
        let xref = try Tool.run("qpdf", ["--show-xref", path])
        for line in xref.stdout.split(separator: "\n") where line.contains("uncompressed") {
            let number = String(line.split(separator: "/").first ?? "")
            let isStream = objects.isStream("\(number) 0 R")
            #expect(isStream, "\(line) is not in an object stream")
        }
        #expect(xref.stdout.contains("compressed; stream = "))
        for dict in objects.streamDicts where dict["/Type"] as? String != "/Metadata" {
            #expect(dict["/Filter"] as? String == "/FlateDecode", "\(dict)")
        }
    }

    @Test func pdfinfoShowsPagesTitleSizesAndDates() throws {
        let path = try Scratch.write(try PDFWriter().write(navigationDocument()), name: "info.pdf")
        let info = try Tool.run("pdfinfo", ["-isodates", "-f", "1", "-l", "2", path]).stdout
        #expect(info.contains("Title:           學習歷程審查資料 123"))
        #expect(info.contains("Author:          國立臺灣大學"))
        #expect(info.contains("Producer:        portfolio-export 0.1"))
        #expect(info.contains("Pages:           6"))
        #expect(info.contains("Page    1 size:  595.276 x 841.89 pts (A4)"))
        #expect(info.contains("Page    2 size:  841.89 x 595.276 pts (A4)"))
        #expect(info.contains("CreationDate:    2023-11-15T06:13:20+08"))
        #expect(info.contains("Metadata Stream: yes"))
    }

    @Test func catalogHasLanguageViewerPreferencesPageModeAndMetadata() throws {
        let path = try Scratch.write(try PDFWriter().write(navigationDocument()), name: "catalog.pdf")
        let objects = try QPDFObjects(path: path)
        let catalog = objects.dict(objects.trailer["/Root"])
        #expect(catalog["/Lang"] as? String == "u:zh-Hant-TW")
        #expect(catalog["/PageMode"] as? String == "/UseOutlines")
        #expect((catalog["/ViewerPreferences"] as? [String: Any])?["/DisplayDocTitle"] as? Bool == true)
        let metadata = objects.dict(catalog["/Metadata"])
        #expect(metadata["/Type"] as? String == "/Metadata" && metadata["/Subtype"] as? String == "/XML")

        let xmp = try Tool.run("pdfinfo", ["-meta", path]).stdout
        #expect(xmp.contains("<rdf:li xml:lang=\"x-default\">學習歷程審查資料 123</rdf:li>"))
        #expect(xmp.contains("<pdf:Producer>portfolio-export 0.1</pdf:Producer>"))
        #expect(xmp.contains("<xmp:CreateDate>2023-11-15T06:13:20+08:00</xmp:CreateDate>"))
        #expect(xmp.contains("<xmp:ModifyDate>2023-11-15T06:13:20+08:00</xmp:ModifyDate>"))
        // The XMP DocumentID and the trailer /ID come from the same content digest.
        let ids = try #require(objects.trailer["/ID"] as? [String])
        let idHex = String(ids[0].dropFirst(2))
        let documentID = try #require(xmp.firstMatch(of: /xmpMM:DocumentID>uuid:([0-9a-f-]+)</)?.1)
        #expect(documentID.replacingOccurrences(of: "-", with: "").prefix(12) == idHex.prefix(12))
        #expect(ids[0] == ids[1] && idHex.count == 32)
    }

    @Test func outlineIsNestedWithCountsAndDestinations() throws {
        let path = try Scratch.write(try PDFWriter().write(navigationDocument()), name: "outline.pdf")
        let result = try Tool.run("qpdf", ["--json", "--json-key=outlines", path])
        let json = try #require(try JSONSerialization.jsonObject(with: result.data) as? [String: Any])
        let outlines = try #require(json["outlines"] as? [[String: Any]])
        #expect(outlines.map { $0["title"] as? String } == ["A 修課紀錄", "B 課程學習成果"])
        #expect(outlines.map { $0["destpageposfrom1"] as? Int } == [3, 6])
        let kids = try #require(outlines[0]["kids"] as? [[String: Any]])
        #expect(kids.map { $0["title"] as? String } == ["A-1 𠮷", "A-2"])
        #expect(kids.map { $0["open"] as? Bool } == [true, false])
        #expect(((kids[1]["kids"] as? [[String: Any]])?.first?["title"] as? String) == "A-2-1")
        #expect((kids[0]["dest"] as? [Any])?.count == 5)

        let objects = try QPDFObjects(path: path)
        let root = objects.dict(objects.dict(objects.trailer["/Root"])["/Outlines"])
        #expect(root["/Count"] as? Int == 4)  // A, A-1, A-2, B (A-2-1 is inside the closed A-2)
        let first = objects.dict(root["/First"])
        #expect(first["/Count"] as? Int == 2)
        #expect(objects.dict(first["/Last"])["/Count"] as? Int == -1)
        // Titles are UTF-16BE text strings with a byte-order mark.
        let raw = try Tool.run("qpdf", ["--show-object=\(root["/First"] as? String ?? "")", path]).stdout
        #expect(raw.contains("/Title <feff"), "\(raw)")
    }

    @Test func linksPointInsideAndOutside() throws {
        let path = try Scratch.write(try PDFWriter().write(navigationDocument()), name: "links.pdf")
        let objects = try QPDFObjects(path: path)
        let pages = try #require(objects.dict(objects.dict(objects.trailer["/Root"])["/Pages"])["/Kids"] as? [String])
        let annotations = try #require(objects.dict(pages[0])["/Annots"] as? [String])
        #expect(annotations.count == 2)
        let inside = objects.dict(annotations[0])
        #expect(inside["/Subtype"] as? String == "/Link")
        let dest = try #require(inside["/Dest"] as? [Any])
        #expect(dest[0] as? String == pages[3])
        #expect(dest[1] as? String == "/XYZ" && dest[3] as? Int == 500)
        #expect(inside["/Rect"] as? [Int] == [50, 700, 250, 720])
        let external = objects.dict(annotations[1])
        let action = try #require(external["/A"] as? [String: Any])
        #expect(action["/S"] as? String == "/URI")
        #expect(action["/URI"] as? String == "u:https://www.cac.edu.tw/%E5%AD%B8%E7%BF%92%E6%AD%B7%E7%A8%8B")
    }

    /// A media file embedded once is reachable from a page: the annotation opens the file
    /// specification that `/EmbeddedFiles` and `/AF` list, with the Print flag and an appearance, as
    /// PDF/A asks of every annotation. An index the document does not have is an error, not a
    /// dangling reference.
    @Test func fileAttachmentAnnotationsOpenTheEmbeddedFile() throws {
        var spec = navigationDocument()
        spec.attachments = [
            EmbeddedFile(name: "packet.xml", data: Array("<p/>".utf8), mimeType: "application/xml"),
            EmbeddedFile(name: "files/talk.mp4", data: [0, 1, 2, 3], mimeType: "video/mp4", relationship: .supplement),
        ]
        spec.pages[2].fileAttachments = [
            FileAttachmentAnnotation(rect: LinkRect(x: 62, y: 500, width: 300, height: 18), attachment: 1, contents: "影音檔案")
        ]
        let path = try Scratch.write(try PDFWriter().write(spec), name: "file-attachment.pdf")
        #expect(try Tool.run("qpdf", ["--check", path]).status == 0)
        let objects = try QPDFObjects(path: path)
        let root = objects.dict(objects.trailer["/Root"])
        let pages = try #require(objects.dict(root["/Pages"])["/Kids"] as? [String])
        let annotations = try #require(objects.dict(pages[2])["/Annots"] as? [String])
        #expect(annotations.count == 1)
        let annotation = objects.dict(annotations[0])
        #expect(annotation["/Subtype"] as? String == "/FileAttachment")
        #expect(annotation["/F"] as? Int == 4)
        #expect(annotation["/Rect"] as? [Int] == [62, 500, 362, 518])
        let associated = try #require(root["/AF"] as? [String])
        #expect(annotation["/FS"] as? String == associated[1])
        #expect(objects.dict(associated[1])["/UF"] as? String == "u:files/talk.mp4")
        let appearance = try #require((annotation["/AP"] as? [String: Any])?["/N"] as? String)
        #expect(objects.isStream(appearance) && objects.dict(appearance)["/Subtype"] as? String == "/Form")
        // One embedded copy: the annotation adds no stream of the file's own.
        #expect(objects.streamDicts.filter { $0["/Type"] as? String == "/EmbeddedFile" }.count == 2)

        spec.pages[2].fileAttachments[0].attachment = 2
        #expect(throws: PDFWriterError.unknownAttachment(index: 2, attachmentCount: 2)) { try PDFWriter().write(spec) }
    }

    @Test func pageLabelsAreSortedIntoANumberTree() throws {
        let path = try Scratch.write(try PDFWriter().write(navigationDocument()), name: "labels.pdf")
        let result = try Tool.run("qpdf", ["--json", "--json-key=pagelabels", path])
        let json = try #require(try JSONSerialization.jsonObject(with: result.data) as? [String: Any])
        let labels = try #require(json["pagelabels"] as? [[String: Any]])
        #expect(labels.map { $0["index"] as? Int } == [0, 2])
        #expect((labels[0]["label"] as? [String: Any])?["/S"] as? String == "/r")
        #expect((labels[1]["label"] as? [String: Any])?["/P"] as? String == "u:第")
        // A first range after page 0 gets plain decimal labels in front.
        var spec = navigationDocument()
        spec.pageLabels = [PageLabelRange(firstPage: 3, style: .none, prefix: "附錄")]
        let path2 = try Scratch.write(try PDFWriter().write(spec), name: "labels2.pdf")
        let json2 = try #require(
            try JSONSerialization.jsonObject(with: try Tool.run("qpdf", ["--json", "--json-key=pagelabels", path2]).data)
                as? [String: Any])
        let labels2 = try #require(json2["pagelabels"] as? [[String: Any]])
        #expect(labels2.map { $0["index"] as? Int } == [0, 3])
        #expect((labels2[1]["label"] as? [String: Any])?["/S"] == nil)
    }

    @Test func noOutlineNoDateNoInfo() throws {
        let spec = PDFDocumentSpec(pages: [PDFPage(width: 200, height: 200)])
        let path = try Scratch.write(try PDFWriter().write(spec), name: "bare.pdf")
        try expectValidPDF(path)
        let objects = try QPDFObjects(path: path)
        let catalog = objects.dict(objects.trailer["/Root"])
        #expect(catalog["/Outlines"] == nil && catalog["/PageMode"] == nil && catalog["/Lang"] == nil)
        #expect(objects.trailer["/Info"] == nil)
        let xmp = try Tool.run("pdfinfo", ["-meta", path]).stdout
        #expect(!xmp.contains("CreateDate") && xmp.contains("DocumentID"))

        var dated = navigationDocument(date: nil)
        dated.outline = []
        let info = try Tool.run("pdfinfo", [try Scratch.write(try PDFWriter().write(dated), name: "undated.pdf")]).stdout
        #expect(!info.contains("CreationDate") && info.contains("Title:"))
    }

    @Test func graphicsOperatorsAreWrittenOncePerStateChange() throws {
        let bytes = try PDFWriter().write(navigationDocument())
        let path = try Scratch.write(bytes, name: "graphics.pdf")
        let objects = try QPDFObjects(path: path)
        let pages = try #require(objects.dict(objects.dict(objects.trailer["/Root"])["/Pages"])["/Kids"] as? [String])
        let contents = try #require(objects.dict(pages[0])["/Contents"] as? String)
        let stream = try Tool.run("qpdf", ["--show-object=\(contents)", "--filtered-stream-data", path]).stdout
        #expect(
            stream
                == "1 0 0 rg\n0 0 1 RG\n2 w\n50 50 100 40 re B\n0.5 w\n50 150 100 40 re S\n0 0.5 0 RG\n0 0 m 100 100 l S\n")
    }
}
