import Foundation
import Testing

@testable import PDFReader

/// Resolves a resource entry like /Font /F1 to its copied object in the page's closure.
func resource(_ page: ImportedPage, _ category: String, _ name: String) -> PDFObject? {
    var value = page.resources[category]
    if case .reference(let n)? = value { value = page.objects[n] }
    var entry = value?[name]
    if case .reference(let n)? = entry { entry = page.objects[n] }
    return entry
}

func checkSample(_ reader: PDFDocumentReader, pageOne: String = pageOneText) throws {
    #expect(reader.pageCount == 2)
    let p1 = try reader.page(0)
    let p2 = try reader.page(1)
    #expect(text(p1.contents).contains(pageOne))
    #expect(text(p2.contents).contains(#"Second \(flate\) page"#))
    #expect(p1.mediaBox == PDFRect(x0: 0, y0: 0, x1: 595, y1: 842))
    #expect(p1.cropBox == p1.mediaBox)
    #expect(p2.cropBox == PDFRect(x0: 10, y0: 10, x1: 500, y1: 800))
    #expect(p1.rotate == 0)
    #expect(p2.rotate == 270)
    let font = resource(p1, "Font", "F1")
    #expect(font?["BaseFont"] == .name("Helvetica"))
    #expect(resource(p2, "ExtGState", "GS1")?["CA"]?.doubleValue == 0.5)
}

@Suite struct StructureTests {
    @Test func classicXRefTwoPages() throws {
        let reader = try PDFDocumentReader(bytes: samplePDF())
        #expect(!reader.wasRepaired)
        #expect(reader.headerVersion == "1.7")
        try checkSample(reader)
    }

    @Test func objectStreamsFromQpdf() throws {
        let bytes = try transform(samplePDF(), tool: "qpdf") { ["--object-streams=generate", $0, $1] }
        #expect(text(bytes).contains("/ObjStm"))
        #expect(text(bytes).contains("/XRef"))
        let reader = try PDFDocumentReader(bytes: bytes)
        #expect(!reader.wasRepaired)
        try checkSample(reader)
    }

    @Test func qdfFromQpdf() throws {
        let bytes = try transform(samplePDF(), tool: "qpdf") { ["--qdf", $0, $1] }
        let reader = try PDFDocumentReader(bytes: bytes)
        try checkSample(reader)
    }

    @Test func qpdfCompressedStreamsWithPredictorXRef() throws {
        // qpdf writes its xref stream with a PNG predictor (/Predictor 12) and recompresses content.
        let bytes = try transform(samplePDF(), tool: "qpdf") {
            ["--object-streams=generate", "--compress-streams=y", "--recompress-flate", $0, $1]
        }
        try checkSample(try PDFDocumentReader(bytes: bytes))
    }

    @Test func incrementalUpdateNewestWins() throws {
        var bytes = samplePDF()
        guard let r = lastIndex(of: "startxref\n", in: bytes),
            let prev = Int(text(Array(bytes[(r + 10)...].prefix { $0 >= 0x30 && $0 <= 0x39 })))
        else { Issue.record("no startxref"); return }
        var b = PDFBuilder(bytes: bytes, offsets: [:])
        b.addStream(5, "", Array("BT /F1 24 Tf 72 700 Td (Updated page one) Tj ET".utf8))
        b.finishClassic(trailer: "<< /Size 10 /Root 1 0 R /Prev \(prev) >>", numbers: [5])
        bytes = b.bytes
        let reader = try PDFDocumentReader(bytes: bytes)
        #expect(!reader.wasRepaired)
        try checkSample(reader, pageOne: "Updated page one")
        #expect(!text(try reader.page(0).contents).contains("Hello page one"))
    }

    @Test func hybridFileWithXRefStm() throws {
        // Classic table for direct objects; the font lives in an object stream listed only by /XRefStm.
        var b = PDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 200] >>")
        b.add(3, "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> >>")
        b.addStream(4, "", Array(pageOneText.utf8))
        let fontBody = "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"
        let objStm = Array("6 0 \(fontBody)".utf8)
        b.addStream(5, "/Type /ObjStm /N 1 /First 4", objStm)
        // Rows: type (1 byte), field 2 (4 bytes), field 3 (2 bytes); one row for object 6.
        let row: [UInt8] = [2, 0, 0, 0, 5, 0, 0]
        let xrefStmOffset = b.bytes.count
        b.addStream(7, "/Type /XRef /Size 8 /W [1 4 2] /Index [6 1]", row)
        b.finishClassic(trailer: "<< /Size 8 /Root 1 0 R /XRefStm \(xrefStmOffset) >>", numbers: [1, 2, 3, 4, 5, 7])
        let reader = try PDFDocumentReader(bytes: b.bytes)
        #expect(!reader.wasRepaired)
        let page = try reader.page(0)
        #expect(resource(page, "Font", "F1")?["BaseFont"] == .name("Courier"))
    }

    @Test func popplerCairoOutput() throws {
        let bytes = try transform(samplePDF(), tool: "pdftocairo") { ["-pdf", $0, $1] }
        let reader = try PDFDocumentReader(bytes: bytes)
        #expect(reader.pageCount == 2)
        let p1 = try reader.page(0)
        #expect(!p1.contents.isEmpty)
        // Cairo embeds the font as a subset; it must be in the closure with its font file stream.
        let hasFontFile = p1.objects.values.contains {
            if case .stream(let s) = $0 { return s.dictionary["Length1"] != nil || s.dictionary["Subtype"] != nil }
            return false
        }
        #expect(hasFontFile)
        // Cairo rotates the page content itself, so only the box matters here.
        #expect(p1.mediaBox.width > 0)
    }
}

@Suite struct RepairTests {
    @Test func wrongStartXRefIsRebuilt() throws {
        var bytes = samplePDF()
        guard let r = lastIndex(of: "startxref\n", in: bytes) else { Issue.record("no startxref"); return }
        bytes.replaceSubrange((r + 10)..<(r + 13), with: Array("999".utf8))
        let reader = try PDFDocumentReader(bytes: bytes)
        #expect(reader.wasRepaired)
        try checkSample(reader)
    }

    @Test func shiftedObjectOffsetsAreRebuilt() throws {
        // Junk inserted after the header moves every object; the table still has the old offsets.
        var bytes = samplePDF()
        bytes.insert(contentsOf: Array("% a comment some tool added\n".utf8), at: 15)
        let reader = try PDFDocumentReader(bytes: bytes)
        #expect(reader.wasRepaired)
        try checkSample(reader)
    }

    @Test func missingXRefIsRebuilt() throws {
        let bytes = samplePDF()
        guard let cut = lastIndex(of: "xref\n0 ", in: bytes) else { Issue.record("no xref"); return }
        let reader = try PDFDocumentReader(bytes: Array(bytes[..<cut]) + Array("%%EOF\n".utf8))
        #expect(reader.wasRepaired)
        try checkSample(reader)
    }

    @Test func objectStreamFileWithBrokenXRefIsRebuilt() throws {
        var bytes = try transform(samplePDF(), tool: "qpdf") { ["--object-streams=generate", $0, $1] }
        guard let r = lastIndex(of: "startxref\n", in: bytes) else { Issue.record("no startxref"); return }
        let at = r + 10
        bytes[at] = UInt8(ascii: "1")  // point the startxref somewhere else
        bytes[at + 1] = UInt8(ascii: "1")
        let reader = try PDFDocumentReader(bytes: bytes)
        #expect(reader.wasRepaired)
        try checkSample(reader)
    }

    @Test func wrongStreamLengthFallsBackToEndstream() throws {
        var bytes = samplePDF()
        let length = "/Length \(pageOneText.utf8.count)"
        guard let r = lastIndex(of: length, in: bytes) else { Issue.record("no /Length"); return }
        bytes.replaceSubrange(r..<(r + length.utf8.count), with: Array("/Length 7 ".utf8))
        let reader = try PDFDocumentReader(bytes: bytes)
        #expect(text(try reader.page(0).contents) == pageOneText)
    }

    @Test func indirectLength() throws {
        var b = PDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        b.add(3, "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>")
        b.offsets[4] = b.bytes.count
        b.bytes += Array("4 0 obj\n<< /Length 5 0 R >>\nstream\n\(pageOneText)\nendstream\nendobj\n".utf8)
        b.add(5, "\(pageOneText.utf8.count)")
        b.finishClassic(trailer: "<< /Size 6 /Root 1 0 R >>")
        let reader = try PDFDocumentReader(bytes: b.bytes)
        #expect(text(try reader.page(0).contents) == pageOneText)
        // Default MediaBox when none is given anywhere.
        #expect(try reader.page(0).mediaBox == PDFRect(x0: 0, y0: 0, x1: 612, y1: 792))
    }
}

@Suite struct HostileTests {
    @Test func emptyAndNotPDF() {
        #expect(throws: PDFReadError.empty) { try PDFDocumentReader(bytes: []) }
        #expect(throws: PDFReadError.notPDF) { try PDFDocumentReader(bytes: Array("hello, world".utf8)) }
        #expect(throws: PDFReadError.notPDF) { try PDFDocumentReader(bytes: [0xFF, 0xD8, 0xFF, 0xE0]) }
    }

    @Test func headerOnlyIsTruncated() {
        #expect(throws: PDFReadError.truncated) { try PDFDocumentReader(bytes: Array("%PDF-1.4\n1 0 obj\n<<".utf8)) }
    }

    @Test func truncatedAtManyPointsNeverCrashes() throws {
        for source in [samplePDF(), try transform(samplePDF(), tool: "qpdf") { ["--object-streams=generate", $0, $1] }] {
            var cut = 1
            while cut < source.count {
                let bytes = Array(source.prefix(cut))
                do {
                    let reader = try PDFDocumentReader(bytes: bytes)
                    for i in 0..<reader.pageCount { _ = try? reader.page(i) }
                } catch {
                    // Any typed error is fine; a crash or hang is not.
                }
                cut += 7
            }
        }
        // Cut just before the trailer: the objects are all there, so the file is recovered.
        let sample = samplePDF()
        guard let cut = lastIndex(of: "xref\n0 ", in: sample), let early = lastIndex(of: "3 0 obj", in: sample) else {
            Issue.record("fixture layout changed")
            return
        }
        let reader = try PDFDocumentReader(bytes: Array(sample[..<cut]))
        try checkSample(reader)
        // Cut in the middle of the page tree: nothing usable, reported as truncated.
        #expect(throws: PDFReadError.truncated) { try PDFDocumentReader(bytes: Array(sample[..<early])) }
    }

    @Test func encryptedFileIsRefused() throws {
        let bytes = try transform(samplePDF(), tool: "qpdf") { ["--encrypt", "u", "o", "256", "--", $0, $1] }
        #expect(throws: PDFReadError.passwordRequired) { try PDFDocumentReader(bytes: bytes) }
    }

    @Test func encryptedRC4FileIsRefused() throws {
        let bytes = try transform(samplePDF(), tool: "qpdf") {
            ["--allow-weak-crypto", "--encrypt", "u", "o", "128", "--use-aes=n", "--", $0, $1]
        }
        #expect(throws: PDFReadError.passwordRequired) { try PDFDocumentReader(bytes: bytes) }
    }

    @Test func referenceLoops() throws {
        var b = PDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [3 0 R 12 0 R] /Count 2 >>")
        // Contents points into a chain a -> b -> a; resources form a cycle font -> descriptor -> font.
        b.add(3, "<< /Type /Page /Parent 2 0 R /Contents 10 0 R /Resources << /Font << /F1 20 0 R >> >> >>")
        b.add(10, "11 0 R")
        b.add(11, "10 0 R")
        b.add(20, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FontDescriptor 21 0 R >>")
        b.add(21, "<< /Type /FontDescriptor /FontName /Helvetica /Owner 20 0 R /Self 21 0 R >>")
        // A stream whose /Length is itself.
        b.add(12, "<< /Type /Page /Parent 2 0 R /Contents 13 0 R >>")
        b.offsets[13] = b.bytes.count
        b.bytes += Array("13 0 obj\n<< /Length 13 0 R >>\nstream\n\(pageOneText)\nendstream\nendobj\n".utf8)
        b.finishClassic(trailer: "<< /Size 22 /Root 1 0 R >>")
        let reader = try PDFDocumentReader(bytes: b.bytes)
        #expect(reader.pageCount == 2)
        let p1 = try reader.page(0)
        #expect(p1.contents.isEmpty)
        #expect(Set(p1.objects.keys) == [20, 21])
        #expect(text(try reader.page(1).contents) == pageOneText)
    }

    @Test func pageTreeCycle() throws {
        var b = PDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        // The root lists itself and an intermediate node that lists the root again.
        b.add(2, "<< /Type /Pages /Kids [3 0 R 2 0 R 5 0 R] /Count 2 >>")
        b.add(3, "<< /Type /Page /Parent 2 0 R >>")
        b.add(5, "<< /Type /Pages /Kids [2 0 R 6 0 R 5 0 R] /Parent 2 0 R /Count 1 >>")
        b.add(6, "<< /Type /Page /Parent 5 0 R >>")
        b.finishClassic(trailer: "<< /Size 7 /Root 1 0 R >>")
        let reader = try PDFDocumentReader(bytes: b.bytes)
        #expect(reader.pageCount == 2)
        #expect(try reader.page(1).contents.isEmpty)
    }

    @Test func prevCycle() throws {
        // Two sections whose /Prev point at each other, and a third pointing at itself.
        var b = PDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        b.add(3, "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>")
        b.addStream(4, "", Array(pageOneText.utf8))
        let first = b.bytes.count
        // The first section's /Prev will point at the second one, which follows it.
        var s1 = "xref\n0 5\n0000000000 65535 f \n"
        for n in 1...4 { s1 += String(format: "%010d 00000 n \n", b.offsets[n] ?? 0) }
        let second = first + s1.utf8.count + "trailer\n<< /Size 5 /Root 1 0 R /Prev 0000000000 >>\n".utf8.count
        s1 += "trailer\n<< /Size 5 /Root 1 0 R /Prev \(String(format: "%010d", second)) >>\n"
        var s2 = "xref\n0 1\n0000000000 65535 f \n"
        s2 += "trailer\n<< /Size 5 /Root 1 0 R /Prev \(String(format: "%010d", first)) >>\n"
        b.bytes += Array(s1.utf8) + Array(s2.utf8)
        b.bytes += Array("startxref\n\(first)\n%%EOF\n".utf8)
        let reader = try PDFDocumentReader(bytes: b.bytes)
        #expect(!reader.wasRepaired)
        #expect(text(try reader.page(0).contents) == pageOneText)

        var c = PDFBuilder()
        c.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        c.add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        c.add(3, "<< /Type /Page /Parent 2 0 R >>")
        let own = c.bytes.count
        c.finishClassic(trailer: "<< /Size 4 /Root 1 0 R /Prev \(own) >>")
        #expect(try PDFDocumentReader(bytes: c.bytes).pageCount == 1)
    }

    @Test func decompressionBombStopsAtLimit() throws {
        let bomb = deflateZeros(count: 64 << 20)
        #expect(bomb.count < 200_000)
        var b = PDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        b.add(3, "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>")
        b.addStream(4, "/Filter /FlateDecode", bomb)
        b.finishClassic(trailer: "<< /Size 5 /Root 1 0 R >>")
        let limits = Limits(maxDecodedBytes: 4 << 20)
        let reader = try PDFDocumentReader(bytes: b.bytes, limits: limits)
        #expect(throws: PDFReadError.limitExceeded("decoded bytes")) { try reader.page(0) }
    }

    @Test func objectStreamBombStopsAtLimit() throws {
        // The bomb is an object stream: opening the file must fail with the limit, not inflate it all.
        var b = PDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        b.addStream(5, "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", deflateZeros(count: 16 << 20))
        let row: [UInt8] = [2, 0, 0, 0, 5, 0, 0]
        let xrefStmOffset = b.bytes.count
        b.addStream(7, "/Type /XRef /Size 8 /W [1 4 2] /Index [3 1]", row)
        b.finishClassic(trailer: "<< /Size 8 /Root 1 0 R /XRefStm \(xrefStmOffset) >>", numbers: [1, 2, 5, 7])
        #expect(throws: PDFReadError.limitExceeded("decoded bytes")) {
            try PDFDocumentReader(bytes: b.bytes, limits: Limits(maxDecodedBytes: 1 << 20))
        }
    }

    @Test func interactiveContentIsDropped() throws {
        let bytes = samplePDF(
            extraCatalog: "/OpenAction 30 0 R /AcroForm << /Fields [31 0 R] >> /Names << /JavaScript 32 0 R >>",
            extraPage1: "/Annots [31 0 R 33 0 R] /AA << /O 30 0 R >> /Resources 34 0 R"
        ) { b in
            b.add(30, "<< /Type /Action /S /JavaScript /JS (app.alert\\('hi'\\)) >>")
            b.add(31, "<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /Rect [0 0 10 10] /P 3 0 R /A 30 0 R >>")
            b.add(32, "<< /Names [(x) 30 0 R] >>")
            b.add(33, "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (http://x) >> >>")
            // Resources whose XObject tries to reach actions and the page through /AA, /A and /P.
            b.add(34, "<< /Font << /F1 8 0 R >> /XObject << /X1 35 0 R >> >>")
            b.addStream(35, "/Type /XObject /Subtype /Form /BBox [0 0 1 1] /AA << /PO 30 0 R >> /P 3 0 R /Ref 36 0 R", [])
            b.add(36, "<< /Type /Filespec /F (a.txt) /EF << /F 37 0 R >> >>")
            b.addStream(37, "/Type /EmbeddedFile", Array("secret".utf8))
        }
        let reader = try PDFDocumentReader(bytes: bytes)
        let page = try reader.page(0)
        #expect(text(page.contents) == pageOneText)
        let everything = [page.resources] + Array(page.objects.values)
        for name in ["JavaScript", "JS", "Annots", "AA", "A", "OpenAction", "AcroForm", "Widget", "EF", "EmbeddedFile"] {
            #expect(!everything.contains { containsName(name, in: $0) }, "\(name) leaked")
        }
        for n in [3, 30, 31, 32, 33, 37] { #expect(page.objects[n] == nil || page.objects[n] == .null) }
        #expect(page.objects[36] == .null)
        #expect(resource(page, "XObject", "X1")?["Subtype"] == .name("Form"))
    }

    @Test func limitsOnPagesAndNesting() throws {
        let bytes = samplePDF()
        #expect(throws: PDFReadError.limitExceeded("pages")) {
            try PDFDocumentReader(bytes: bytes, limits: Limits(maxPages: 1))
        }
        #expect(throws: PDFReadError.limitExceeded("xref entries")) {
            try PDFDocumentReader(bytes: bytes, limits: Limits(maxObjects: 3))
        }
        // Deeply nested arrays in a resource: the object is dropped at the depth limit, nothing crashes.
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let withDeep = samplePDF(extraPage1: "/Resources << /Font << /F1 8 0 R >> /Deep 40 0 R >>") { b in
            b.add(40, deep)
        }
        let reader = try PDFDocumentReader(bytes: withDeep)
        #expect(throws: PDFReadError.limitExceeded("nesting depth")) { try reader.page(0) }
        #expect(try reader.page(1).objects[8] != nil)
    }

    @Test func pageOutOfRange() throws {
        let reader = try PDFDocumentReader(bytes: samplePDF())
        #expect(throws: PDFReadError.pageOutOfRange(2)) { try reader.page(2) }
        #expect(throws: PDFReadError.pageOutOfRange(-1)) { try reader.page(-1) }
    }

    @Test func noPages() throws {
        var b = PDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [] /Count 0 >>")
        b.finishClassic(trailer: "<< /Size 3 /Root 1 0 R >>")
        #expect(throws: PDFReadError.noPages) { try PDFDocumentReader(bytes: b.bytes) }
    }
}
