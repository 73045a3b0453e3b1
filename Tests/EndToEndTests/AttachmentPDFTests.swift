import Foundation
import Testing

/// Attached PDFs in the packet: every page once (page counts), fonts the student did not embed
/// replaced by embedded metric-compatible ones, and the PDF/A claim only when every font of every
/// imported page is embedded.
@Suite struct AttachmentPDFTests {
    /// A student's PDF written by hand: `pages` A4 pages of Helvetica text (standard 14, not embedded),
    /// each saying which page it is, padded with a comment to exactly `size` bytes so that the size the
    /// packet prints (and so its line breaks) does not depend on the page count.
    static func helveticaPDF(pages: Int, label: String, size: Int = 4096, baseFont: String = "Helvetica") -> [UInt8] {
        func build(padding: Int) -> [UInt8] {
            var objects = [
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [\((0..<pages).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " "))] /Count \(pages) >>",
                "<< /Type /Font /Subtype /Type1 /BaseFont /\(baseFont) /Encoding /WinAnsiEncoding >>",
            ]
            for page in 0..<pages {
                objects.append(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents \(5 + 2 * page) 0 R >>")
                let content = "BT /F1 24 Tf 72 760 Td (\(label) page \(page + 1) of \(pages)) Tj ET"
                objects.append("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream")
            }
            return handWrittenPDF(objects, header: "%PDF-1.7\n%" + String(repeating: "x", count: padding) + "\n")
        }
        let unpadded = build(padding: 0).count
        return build(padding: max(0, size - unpadded))
    }

    /// An applicant folder `<root>/001012/<number>` whose outcomes attach `files` (path → bytes) in order,
    /// and the department's profile: every item of 申請入學, its cap raised so that any number of
    /// outcomes is within it.
    static func applicant(_ root: URL, number: String, files: [(String, [UInt8])], image: Bool = false) throws -> URL {
        let folder = root.appendingPathComponent("001012/\(number)")
        let profiles = root.appendingPathComponent("profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        let items = "ABCDEFGHIJKLMNOPQR".map { "\"\($0)\"" }.joined(separator: ", ")
        try Data(
            #"{"招生學年度": 115, "招生管道": "申請入學", "校系代碼": "001012", "審查項目": [\#(items)], "上限": {"課程學習成果": 100}}"#.utf8
        ).write(to: profiles.appendingPathComponent("001012.json"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("files"), withIntermediateDirectories: true)
        try Data(#"{"應試號碼": "\#(number)", "學生中文姓名": "周小安"}"#.utf8)
            .write(to: folder.appendingPathComponent("\(number)_基本資料.json"))
        var records: [String] = []
        for (path, bytes) in files {
            try Data(bytes).write(to: folder.appendingPathComponent(path))
            records.append(#"{"科目名稱": "國文", "認證狀態": "已認證", "課程學習成果文件檔案連結": "\#(path)"}"#)
        }
        if image {
            let photo = Harness.root.appendingPathComponent("samples/001012/01000101/files/indicator-colours.png")
            try FileManager.default.copyItem(at: photo, to: folder.appendingPathComponent("files/photo.png"))
            records.append(#"{"科目名稱": "美術", "認證狀態": "已認證", "課程學習成果文件檔案連結": "files/photo.png"}"#)
        }
        try Data("[\(records.joined(separator: ",\n"))]".utf8).write(to: folder.appendingPathComponent("\(number)_課程學習成果.json"))
        return folder
    }

    static func pageCount(_ pdf: String) throws -> Int {
        let info = try Harness.tool("/usr/bin/pdfinfo", [pdf]).stdout
        return Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? -1
    }

    static func render(_ folder: URL, into out: URL, preview: Bool = false) throws -> (Harness.Result, String) {
        let result = try Harness.run(["render", folder.path, "--out", out.path] + (preview ? ["--preview"] : []))
        let stem = folder.lastPathComponent + (preview ? ".preview" : "")
        return (result, out.appendingPathComponent(stem + ".pdf").path)
    }

    /// "Page counts equal the cover/index/section pages plus each attachment's pages" (issue 4). Every
    /// page of an attached PDF starts a page of its own and an image stays in the flow, so the same
    /// packet with one-page PDFs has exactly Σ(N − 1) pages fewer; each attachment page appears once,
    /// in order (PacketLayoutTests.PageCountTests checks the zero-page baseline against the layout).
    @Test func pageCountsAreTheSectionPagesPlusEveryAttachmentPage() throws {
        let root = try Harness.temporaryFolder("pagecount")
        defer { try? FileManager.default.removeItem(at: root) }
        let counts = [("files/a.pdf", 3), ("files/b.pdf", 1), ("files/c.pdf", 4)]
        let many = try Self.applicant(
            root, number: "08000010", files: counts.map { ($0.0, Self.helveticaPDF(pages: $0.1, label: $0.0)) }, image: true)
        let single = try Self.applicant(
            root.appendingPathComponent("single"), number: "08000010",
            files: counts.map { ($0.0, Self.helveticaPDF(pages: 1, label: $0.0)) }, image: true)
        let (manyResult, manyPDF) = try Self.render(many, into: root.appendingPathComponent("out-many"))
        let (singleResult, singlePDF) = try Self.render(single, into: root.appendingPathComponent("out-single"))
        #expect(manyResult.status == 0, "\(manyResult.output)")
        #expect(singleResult.status == 0, "\(singleResult.output)")
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", manyPDF]).status == 0)

        let extra = counts.reduce(0) { $0 + $1.1 - 1 }
        #expect(try Self.pageCount(manyPDF) == Self.pageCount(singlePDF) + extra)

        // Each page of each attachment exactly once, on consecutive pages, in order.
        let pages = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", manyPDF, "-"]).stdout
            .components(separatedBy: "\u{0C}").map { $0.filter { !$0.isWhitespace } }
        var attachmentPages = 0
        for (path, total) in counts {
            var found: [Int] = []
            for k in 1...total {
                let own = "\(path)page\(k)of\(total)"
                let hits = pages.indices.filter { pages[$0].contains(own) && pages[$0].contains("第\(k)／\(total)頁") }
                #expect(hits.count == 1, "\(path) page \(k): on pages \(hits.map { $0 + 1 })")
                found += hits
            }
            #expect(found == Array((found.first ?? 0)..<((found.first ?? 0) + total)), "\(path): \(found)")
            attachmentPages += found.count
        }
        #expect(attachmentPages == counts.reduce(0) { $0 + $1.1 })
        // The image is placed in the flow, on a page of the packet's own (not one of the attachment pages).
        let images = try Harness.tool("/usr/bin/pdfimages", ["-list", manyPDF]).stdout
        #expect(images.split(separator: "\n").dropFirst(2).count == 1)
    }

    /// Standard-14 Helvetica is not embedded: the page is placed with Nimbus Sans (metric-compatible)
    /// embedded in its place, the text reads the same, no one is warned, and the packet claims PDF/A.
    @Test func standardFontsAreReplacedAndThePDFAClaimKept() throws {
        let root = try Harness.temporaryFolder("fonts")
        defer { try? FileManager.default.removeItem(at: root) }
        let attachment = Self.helveticaPDF(pages: 2, label: "report")
        let folder = try Self.applicant(root, number: "08000011", files: [("files/report.pdf", attachment)])
        let (result, pdf) = try Self.render(folder, into: root.appendingPathComponent("out"))
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.stderr.contains("attachment-fonts-not-embedded") && !result.stderr.contains("未內嵌"), "\(result.stderr)")
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", pdf]).status == 0)
        let fonts = try Harness.expectPDFA3b(pdf, label: "report.pdf")
        #expect(fonts.contains { $0.contains("+NimbusSans-Regular") }, "\(fonts)")
        // The attachment's text comes back as the original's.
        let original = root.appendingPathComponent("report.pdf")
        try Data(attachment).write(to: original)
        let own = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", original.path, "-"]).stdout
        let packet = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"]).stdout
        let flattened = packet.filter { !$0.isWhitespace }
        let lines = own.split(separator: "\n").map { $0.filter { !$0.isWhitespace } }.filter { !$0.isEmpty }
        #expect(lines == ["reportpage1of2", "reportpage2of2"])
        for line in lines { #expect(flattened.contains(line), "\(line)") }

        let check = try Harness.run(["check", folder.path, "--json"])
        #expect(check.status == 0, "\(check.output)")
        #expect(!check.stdout.contains("attachment-fonts-not-embedded"))
    }

    /// A font with no metric-compatible substitute (Calibri, not embedded): the page is placed, the
    /// student is told which file, font and pages, and the packet does not claim PDF/A.
    @Test func fontsWithoutASubstituteGiveAWarningAndNoPDFAClaim() throws {
        let root = try Harness.temporaryFolder("fonts-left")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try Self.applicant(
            root, number: "08000011",
            files: [("files/report.pdf", Self.helveticaPDF(pages: 2, label: "report", baseFont: "Calibri"))])
        let out = root.appendingPathComponent("out")
        let (result, pdf) = try Self.render(folder, into: out)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stderr.contains("files/report.pdf") && result.stderr.contains("Calibri"), "\(result.stderr)")
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", pdf]).status == 0)
        let meta = try Harness.tool("/usr/bin/pdfinfo", ["-meta", pdf]).stdout
        #expect(!meta.contains("pdfaid") && !meta.contains("pdfaExtension"))
        #expect(meta.contains("<pep:DocumentFileName>08000011.xml</pep:DocumentFileName>"))
        // The XML still travels inside, byte for byte.
        #expect(try Harness.tool("/usr/bin/qpdf", ["--list-attachments", pdf]).stdout.hasPrefix("08000011.xml ->"))

        let check = try Harness.run(["check", folder.path, "--json"])
        #expect(check.status == 0, "\(check.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let diagnostics = (json["diagnostics"] as? [[String: Any]]) ?? []
        let warning = try #require(diagnostics.first { $0["code"] as? String == "attachment-fonts-not-embedded" })
        #expect(warning["severity"] as? String == "warning")
        #expect(warning["file"] as? String == "files/report.pdf")
        #expect(warning["item"] as? String != nil)
        #expect((warning["message"] as? String)?.contains("第 1–2 頁的字型未內嵌（Calibri）") == true)

        // The preview's first page tells the student what to do.
        let (preview, previewPDF) = try Self.render(folder, into: root.appendingPathComponent("preview"), preview: true)
        #expect(preview.status == 0, "\(preview.output)")
        let first = try Harness.tool("/usr/bin/pdftotext", ["-f", "1", "-l", "1", "-enc", "UTF-8", previewPDF, "-"]).stdout
            .filter { !$0.isWhitespace }
        #expect(first.contains("files/report.pdf") && first.contains("內嵌所有字型"), "\(first)")
    }

    /// A one-page student's PDF (300 × 200) showing `content` in F1, a Type0 font `baseFont` (as written
    /// in the file) with `cmap`, whose CIDFont of Adobe-`ordering` has no program; `toUnicode` adds one.
    static func cjkPDF(baseFont: String, cmap: String, ordering: String, subtype: String = "CIDFontType0", toUnicode: String? = nil, content: String) -> [UInt8] {
        var objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type0 /BaseFont /\(baseFont) /Encoding /\(cmap) /DescendantFonts [6 0 R]\(toUnicode == nil ? "" : " /ToUnicode 8 0 R") >>",
            "<< /Type /Font /Subtype /\(subtype) /BaseFont /\(baseFont) /CIDSystemInfo << /Registry (Adobe) /Ordering (\(ordering)) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>",
            "<< /Type /FontDescriptor /FontName /\(baseFont) /Flags 6 /FontBBox [-160 -259 1015 888] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
        ]
        if let toUnicode { objects.append("<< /Length \(toUnicode.utf8.count) >>\nstream\n\(toUnicode)\nendstream") }
        return handWrittenPDF(objects)
    }

    /// The issue's CJK cases through the exporter: MSung-Light with the Big5 CMap B5pc-H and a word
    /// processor's unembedded 新細明體 (Identity-H, its name in Big5 bytes, a /ToUnicode) are replaced by
    /// embedded Noto CJK subsets: every font embedded, subset, with ToUnicode, the text back as the
    /// student wrote it, and the claim kept. A vertical Big5 font cannot be kept honest: the warning
    /// names it and its page, and the claim goes.
    @Test func cjkFontsNamedWithBig5AndIdentityCMapsAreReplaced() throws {
        let root = try Harness.temporaryFolder("fonts-cjk")
        defer { try? FileManager.default.removeItem(at: root) }
        let toUnicode = """
            /CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0102> <5B78> <0103> <7FD2> endbfchar
            endcmap CMapName currentdict /CMap defineresource pop end end
            """
        let folder = try Self.applicant(
            root, number: "08000012",
            files: [
                ("files/big5.pdf", Self.cjkPDF(baseFont: "MSung-Light", cmap: "B5pc-H", ordering: "CNS1", content: "BT /F1 36 Tf 20 120 Td <A4A4A4E5> Tj ET")),
                ("files/word.pdf", Self.cjkPDF(
                    baseFont: "#B7#73#B2#D3#A9#FA#C5#E9", cmap: "Identity-H", ordering: "Identity", subtype: "CIDFontType2",
                    toUnicode: toUnicode, content: "BT /F1 36 Tf 20 120 Td <01020103> Tj ET")),
            ])
        let (result, pdf) = try Self.render(folder, into: root.appendingPathComponent("out"))
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.stderr.contains("attachment-fonts-not-embedded") && !result.stderr.contains("未內嵌"), "\(result.stderr)")
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", pdf]).status == 0)
        let fonts = try Harness.expectPDFA3b(pdf, label: "big5.pdf and word.pdf")
        #expect(fonts.contains { $0.contains("+NotoSerifCJKtc-Regular") }, "\(fonts)")
        #expect(
            fonts.allSatisfy { $0.split(separator: " ", omittingEmptySubsequences: true).suffix(5).prefix(3) == ["yes", "yes", "yes"] },
            "\(fonts)")
        let packet = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"]).stdout.filter { !$0.isWhitespace }
        #expect(packet.contains("中文") && packet.contains("學習"), "\(packet)")

        let vertical = try Self.applicant(
            root.appendingPathComponent("vertical"), number: "08000013",
            files: [("files/vertical.pdf", Self.cjkPDF(baseFont: "#B7#73#B2#D3#A9#FA#C5#E9", cmap: "B5pc-V", ordering: "CNS1", content: "BT /F1 20 Tf 20 180 Td <A4A4> Tj ET"))])
        let (verticalResult, verticalPDF) = try Self.render(vertical, into: root.appendingPathComponent("out-vertical"))
        #expect(verticalResult.status == 0, "\(verticalResult.output)")
        #expect(verticalResult.stderr.contains("files/vertical.pdf") && verticalResult.stderr.contains("新細明體"), "\(verticalResult.stderr)")
        #expect(try !Harness.tool("/usr/bin/pdfinfo", ["-meta", verticalPDF]).stdout.contains("pdfaid"))
    }

    /// A page of one of our own packets (every font an embedded CID subset) keeps the claim.
    @Test func embeddedFontsKeepThePDFAClaim() throws {
        let root = try Harness.temporaryFolder("embedded")
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try Self.applicant(root.appendingPathComponent("first"), number: "08000012", files: [])
        let (made, packet) = try Self.render(first, into: root.appendingPathComponent("out-first"))
        #expect(made.status == 0, "\(made.output)")
        let page = root.appendingPathComponent("page.pdf").path
        // Every page of it (a packet with no items is its opening page alone).
        #expect(try Harness.tool("/usr/bin/qpdf", ["--empty", "--pages", packet, "1-z", "--", page]).status == 0)

        let folder = try Self.applicant(
            root, number: "08000013", files: [("files/own.pdf", Array(try Data(contentsOf: URL(fileURLWithPath: page))))])
        let (result, pdf) = try Self.render(folder, into: root.appendingPathComponent("out"))
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.stderr.contains("attachment-fonts-not-embedded") && !result.stderr.contains("未內嵌"), "\(result.stderr)")
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", pdf]).status == 0)
        let fonts = try Harness.expectPDFA3b(pdf, label: "own.pdf")
        // The imported pages really are there (forms, their fonts embedded).
        #expect(try Self.pageCount(pdf) >= 2)
        #expect(!fonts.isEmpty)
    }
}
