import Foundation
import Testing

@testable import PDFAVerify

/// One bad case per rule: the base document with the one defect the rule is about. Each must fail
/// its rule (other rules may fail too: a missing output intent, say, also leaves transparency without
/// a colour space), and the base passes every rule.
struct BadCase: Sendable, CustomTestStringConvertible {
    let rule: PDFARule
    let note: String
    let make: @Sendable () -> TestPDF

    var testDescription: String { "\(rule.rawValue): \(note)" }

    static func with(_ rule: PDFARule, _ note: String, _ change: @escaping @Sendable (inout TestPDF) -> Void) -> BadCase {
        BadCase(rule: rule, note: note) {
            var pdf = TestPDF.base
            change(&pdf)
            return pdf
        }
    }

    static let liberation = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"

    static let all: [BadCase] = [
        with(.fileHeader, "a PDF 2.0 header") { $0.header = Array("%PDF-2.0\n".utf8) + [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A] },
        with(.binaryComment, "no binary comment") { $0.header = Array("%PDF-1.7\n".utf8) },
        with(.trailerID, "no /ID") { $0.trailerExtra = "" },
        with(.nothingAfterEOF, "bytes after %%EOF") { $0.afterEOF = Array("\n% more\n".utf8) },
        with(.crossReference, "an offset that misses its object") { $0.offsetError[3] = 7 },
        with(.streamLength, "a /Length five bytes long") { $0.lengthError[7] = 5 },
        with(.streamKeywords, "no EOL before endstream") { $0.noEOLBeforeEndstream = [7] },
        with(.noExternalStreams, "a stream with /F") { $0.objects[7] = .stream("/F (outside.bin)", Array("q Q".utf8)) },
        with(.standardFilters, "LZWDecode") { $0.objects[9] = .stream("/Filter /LZWDecode", [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01]) },
        with(.objectKeywords, "endobj on the value's line") { $0.endobjOnSameLine = [2] },
        with(.implementationLimits, "an integer above 2³¹") { $0.objects[9] = .value("[3000000000]") },
        with(.outputIntent, "no output intent") { $0.catalog(removing: ["OutputIntents"]) },
        with(.outputIntent, "an ICC profile whose /N is not 3") { $0.objects[6] = .stream("/N 4", TestPDF.iccProfile) },
        with(.extGState, "a transfer function") {
            $0.objects[3] = .value(TestPDF.page(resources: "/ExtGState << /G1 << /Type /ExtGState /TR /Identity >> >>"))
        },
        with(.renderingIntents, "an unknown rendering intent") {
            $0.objects[3] = .value(TestPDF.page(resources: "/ExtGState << /G1 << /RI /Vivid >> >>"))
        },
        with(.images, "an interpolated image") {
            $0.objects[9] = .stream(
                "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Interpolate true",
                [0, 0, 0])
            $0.objects[3] = .value(TestPDF.page(resources: "/XObject << /Im1 9 0 R >>"))
        },
        with(.xObjects, "a PostScript XObject") { $0.objects[9] = .stream("/Type /XObject /Subtype /PS", Array("0 0 moveto".utf8)) },
        with(.blendModes, "a blend mode ISO 32000-1 does not define") {
            $0.objects[3] = .value(TestPDF.page(resources: "/ExtGState << /G1 << /BM /Glow >> >>"))
        },
        with(.transparencyColourSpace, "transparency, no output intent, no group colour space") {
            $0.catalog(removing: ["OutputIntents"])
            $0.objects[3] = .value(TestPDF.page(resources: "/ExtGState << /G1 << /ca 0.5 >> >>"))
        },
        with(.fontDictionaries, "a TrueType font without /FirstChar, /LastChar, /Widths") {
            $0.objects[3] = .value(TestPDF.page(resources: "/Font << /F1 9 0 R >>"))
            $0.objects[9] = .value("<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Face /FontDescriptor 13 0 R >>")
            $0.objects[13] = .value("<< /Type /FontDescriptor /FontName /ABCDEF+Face /Flags 32 >>")
        },
        with(.cidFonts, "a CIDFontType2 without /CIDToGIDMap") {
            $0.objects[3] = .value(TestPDF.page(resources: "/Font << /F1 9 0 R >>"))
            $0.objects[9] = .value(
                "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Face /Encoding /Identity-H /DescendantFonts [13 0 R] >>")
            $0.objects[13] = .value(
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Face /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>")
        },
        with(.cmapsEmbedded, "a CMap neither predefined nor embedded") {
            $0.objects[3] = .value(TestPDF.page(resources: "/Font << /F1 9 0 R >>"))
            $0.objects[9] = .value("<< /Type /Font /Subtype /Type0 /BaseFont /Face /Encoding /Private-H /DescendantFonts [] >>")
        },
        with(.fontsEmbedded, "standard-14 Helvetica, not embedded") {
            $0.objects[3] = .value(TestPDF.page(resources: "/Font << /F1 9 0 R >>"))
            $0.objects[9] = .value("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        },
        BadCase(rule: .fontWidths, note: "/Widths that the program does not have") {
            var pdf = TestPDF.base
            let program = Array(FileManager.default.contents(atPath: liberation) ?? Data())
            pdf.objects[3] = .value(TestPDF.page(resources: "/Font << /F1 9 0 R >>"))
            pdf.objects[9] = .value(
                "<< /Type /Font /Subtype /TrueType /BaseFont /LiberationSans /FirstChar 65 /LastChar 65 /Widths [1] /Encoding /WinAnsiEncoding /FontDescriptor 13 0 R >>"
            )
            pdf.objects[13] = .value("<< /Type /FontDescriptor /FontName /LiberationSans /Flags 32 /FontFile2 14 0 R >>")
            pdf.objects[14] = .stream("", program)
            return pdf
        },
        with(.trueTypeEncodings, "a symbolic TrueType font with /Encoding") {
            $0.objects[3] = .value(TestPDF.page(resources: "/Font << /F1 9 0 R >>"))
            $0.objects[9] = .value(
                "<< /Type /Font /Subtype /TrueType /BaseFont /Face /FirstChar 32 /LastChar 32 /Widths [250] /Encoding /WinAnsiEncoding /FontDescriptor 13 0 R >>")
            $0.objects[13] = .value("<< /Type /FontDescriptor /FontName /Face /Flags 4 >>")
        },
        with(.subsetNames, "a subset tag of lower-case letters") {
            $0.objects[3] = .value(TestPDF.page(resources: "/Font << /F1 9 0 R >>"))
            $0.objects[9] = .value("<< /Type /Font /Subtype /Type3 /BaseFont /abcdef+Face >>")
        },
        with(.toUnicode, "an Identity-H font without /ToUnicode") {
            $0.objects[3] = .value(TestPDF.page(resources: "/Font << /F1 9 0 R >>"))
            $0.objects[9] = .value(
                "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Face /Encoding /Identity-H /DescendantFonts [13 0 R] >>")
            $0.objects[13] = .value(
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Face /CIDToGIDMap /Identity /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>")
        },
        with(.annotationTypes, "a Movie annotation") {
            $0.objects[12] = .value("<< /Type /Annot /Subtype /Movie /Rect [0 0 10 10] /F 4 >>")
        },
        with(.annotationFlags, "a link without /F") {
            $0.objects[12] = .value("<< /Type /Annot /Subtype /Link /Rect [10 10 60 30] /A << /S /URI /URI (https://example.org/) >> >>")
        },
        with(.annotationFlags, "a hidden link") {
            $0.objects[12] = .value("<< /Type /Annot /Subtype /Link /Rect [10 10 60 30] /F 6 >>")
        },
        with(.annotationAppearances, "a Square annotation without /AP") {
            $0.objects[12] = .value("<< /Type /Annot /Subtype /Square /Rect [10 10 60 30] /F 4 >>")
        },
        with(.interactiveForms, "NeedAppearances true") { $0.catalog(adding: "/AcroForm << /Fields [] /NeedAppearances true >>") },
        with(.actions, "a JavaScript open action") { $0.catalog(adding: "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>") },
        with(.actions, "a Launch action on the link") {
            $0.objects[12] = .value("<< /Type /Annot /Subtype /Link /Rect [10 10 60 30] /F 4 /A << /S /Launch /F (calc.exe) >> >>")
        },
        with(.actions, "a named action beyond the four") {
            $0.objects[12] = .value("<< /Type /Annot /Subtype /Link /Rect [10 10 60 30] /F 4 /A << /S /Named /N /Print >> >>")
        },
        with(.additionalActions, "/AA on the page") {
            $0.objects[3] = .value(TestPDF.page(extra: "/AA << /O << /S /GoTo /D [3 0 R /Fit] >> >>"))
        },
        with(.metadataStream, "no /Metadata") { $0.catalog(removing: ["Metadata"]) },
        with(.metadataStream, "an xpacket header with encoding") {
            var xmp = TestPDF.xmp()
            let header = Array("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"".utf8)
            xmp.replaceSubrange(0..<header.count, with: header + Array(" encoding=\"UTF-8\"".utf8))
            $0.objects[4] = .stream("/Type /Metadata /Subtype /XML", xmp)
        },
        with(.metadataUnfiltered, "the XMP hex-encoded") {
            let hex = TestPDF.xmp().map { String(format: "%02X", $0) }.joined() + ">"
            $0.objects[4] = .stream("/Type /Metadata /Subtype /XML /Filter /ASCIIHexDecode", Array(hex.utf8))
        },
        with(.xmpIdentification, "part 2") { $0.objects[4] = .stream("/Type /Metadata /Subtype /XML", TestPDF.xmp(part: "2")) },
        with(.xmpIdentification, "conformance U") {
            $0.objects[4] = .stream("/Type /Metadata /Subtype /XML", TestPDF.xmp(conformance: "U"))
        },
        with(.xmpExtensionSchemas, "a property of a schema never declared") {
            let extra = "  <rdf:Description rdf:about=\"\" xmlns:ours=\"urn:example:ours#\"><ours:Number>1</ours:Number></rdf:Description>"
            $0.objects[4] = .stream("/Type /Metadata /Subtype /XML", TestPDF.xmp(extra: extra))
        },
        with(.infoMatchesXMP, "another title in /Info") {
            $0.objects[8] = .value("<< /Title (Another) /Producer (verify tests) /CreationDate (D:20261206080000+08'00') >>")
        },
        with(.infoMatchesXMP, "another creation date in /Info") {
            $0.objects[8] = .value("<< /Title (\(TestPDF.xmpTitle)) /Producer (verify tests) /CreationDate (D:20261206080000Z) >>")
        },
        with(.embeddedFileTypes, "an embedded file without /Subtype") {
            $0.objects[11] = .stream("/Type /EmbeddedFile /Params << /ModDate (D:20261206080000+08'00') >>", Array("<a/>".utf8))
        },
        with(.fileSpecifications, "a file specification without /UF and /AFRelationship") {
            $0.objects[10] = .value("<< /Type /Filespec /F (data.xml) /EF << /F 11 0 R >> >>")
        },
        with(.associatedFiles, "an embedded file no /AF names") { $0.catalog(removing: ["AF"]) },
        with(.embeddedFileDates, "an embedded file without /Params") {
            $0.objects[11] = .stream("/Type /EmbeddedFile /Subtype /application#2Fxml", Array("<a/>".utf8))
        },
        with(.optionalContent, "a configuration with /AS and no /Name") {
            $0.catalog(adding: "/OCProperties << /OCGs [] /D << /AS [] >> >>")
        },
        with(.alternatePresentations, "/PresSteps on the page") { $0.objects[3] = .value(TestPDF.page(extra: "/PresSteps << >>")) },
        with(.requirements, "/Requirements in the catalog") { $0.catalog(adding: "/Requirements []") },
    ]
}

@Suite struct RuleTests {
    @Test func theBaseDocumentPassesEveryRule() {
        let report = PDFAVerifier.verify(TestPDF.base.bytes)
        #expect(report.passed, "\(report.failed.map { "\($0.rule.rawValue): \($0.findings)" })")
        #expect(report.claimsPDFA3)
        #expect(report.results.map(\.rule) == PDFARule.allCases)
    }

    @Test(arguments: BadCase.all)
    func eachBadCaseFailsItsRule(_ bad: BadCase) {
        let report = PDFAVerifier.verify(bad.make().bytes)
        let result = report.result(bad.rule)
        #expect(!result.passed, "\(bad.testDescription) passed; failed: \(report.failed.map(\.rule.rawValue))")
        #expect(!report.passed)
        expectBothLanguages(report)
    }

    /// Every rule has at least one bad case here, except `noEncryption`, whose bad case is a file qpdf
    /// encrypts (`EncryptionRuleTests`).
    @Test func everyRuleHasABadCase() {
        let covered = Set(BadCase.all.map(\.rule)).union([.noEncryption])
        #expect(covered == Set(PDFARule.allCases), "\(Set(PDFARule.allCases).subtracting(covered))")
    }

    /// Each rule has a clause of ISO 19005-3 or is a project rule with its basis, and texts in both languages.
    @Test func everyRuleSaysWhatItFollows() {
        for rule in PDFARule.allCases {
            #expect((rule.clause == nil) == (rule.basis != nil), "\(rule)")
            #expect(!rule.summary.zh.isEmpty && !rule.summary.en.isEmpty)
        }
    }

    /// Stream data that ends in CR before the LF that precedes endstream: the EOL may be read as
    /// LF (the CR is data) or CR LF; the /Length that counts the CR is right.
    @Test func dataEndingInCarriageReturnHasTheRightLength() {
        var pdf = TestPDF.base
        pdf.objects[7] = .stream("", Array("q Q\r".utf8))
        let report = PDFAVerifier.verify(pdf.bytes)
        #expect(report.result(.streamLength).passed, "\(report.result(.streamLength).findings)")
        #expect(report.passed)
    }

    /// XMP text is compared as written: a trailing space in both agrees, in one only does not.
    @Test func xmpTextKeepsItsWhiteSpace() {
        var both = TestPDF.base
        both.objects[4] = .stream("/Type /Metadata /Subtype /XML", TestPDF.xmp(title: TestPDF.xmpTitle + " "))
        both.objects[8] = .value("<< /Title (\(TestPDF.xmpTitle) ) /Producer (verify tests) /CreationDate (D:20261206080000+08'00') >>")
        #expect(PDFAVerifier.verify(both.bytes).passed)
        var one = both
        one.objects[8] = .value("<< /Title (\(TestPDF.xmpTitle)) /Producer (verify tests) /CreationDate (D:20261206080000+08'00') >>")
        #expect(!PDFAVerifier.verify(one.bytes).result(.infoMatchesXMP).passed)
    }

    @Test func garbageIsAReportNotACrash() {
        for bytes in [[UInt8](), Array("not a pdf".utf8), Array("%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type".utf8)] {
            let report = PDFAVerifier.verify(bytes)
            #expect(!report.passed)
            #expect(!report.result(.crossReference).passed)
            expectBothLanguages(report)
        }
    }

    /// Findings beyond 20 per rule are counted in one last finding, in both languages.
    @Test func findingsBeyondTwentyAreCounted() {
        var pdf = TestPDF.base
        pdf.objects[9] = .value("[" + (0..<25).map { String(3_000_000_000 + $0) }.joined(separator: " ") + "]")
        let report = PDFAVerifier.verify(pdf.bytes)
        let findings = report.result(.implementationLimits).findings
        #expect(findings.count == 21)
        #expect(findings.last == PDFAFinding(zh: "…另有 5 項", en: "… and 5 more"))
        expectBothLanguages(report)
    }

    /// The language check itself catches an English finding, and lets the file's own names through.
    @Test func theLanguageCheckCatchesEnglish() {
        #expect(
            englishWords(inChinese: "the trailer's /ID is not an array of two non-empty strings")
                == ["array", "non-empty", "strings"])
        #expect(englishWords(inChinese: "物件 12：code 71 does not match") == ["code", "does", "match"])
        #expect(
            englishWords(inChinese: "物件 9（字型「CAAAAA+LiberationSerif」）：/Widths 與 /MacRomanEncoding、CMap /Private-H、UTF-8")
                .isEmpty)
    }
}

/// Checks that every finding has a Chinese text with Chinese in it and no English words, and an
/// English text without Chinese.
func expectBothLanguages(_ report: PDFAReport, sourceLocation: SourceLocation = #_sourceLocation) {
    for result in report.failed {
        for finding in result.findings {
            #expect(
                finding.zh.unicodeScalars.contains(where: isCJK), "\(result.rule.rawValue): \(finding.zh)",
                sourceLocation: sourceLocation)
            #expect(
                englishWords(inChinese: finding.zh).isEmpty, "\(result.rule.rawValue): \(finding.zh)",
                sourceLocation: sourceLocation)
            #expect(
                !finding.en.isEmpty && !finding.en.unicodeScalars.contains(where: isCJK),
                "\(result.rule.rawValue): \(finding.en)", sourceLocation: sourceLocation)
        }
    }
}

func isCJK(_ scalar: Unicode.Scalar) -> Bool { (0x3400...0x9FFF).contains(scalar.value) }

/// Words of four or more ASCII letters in a Chinese finding that are not the file's own: PDF names
/// (`/Name`), font names (`ABCDEF+Name`), anything with a digit (`UTF-8`, `CIDFontType2`), quoted
/// parts (「…」), and the PDF terms Chinese texts keep as they are. Tokens are runs of ASCII other
/// than white space, so a Chinese character ends one.
func englishWords(inChinese text: String) -> [String] {
    let kept: Set<String> = [
        "CMap", "CIDFont", "TrueType", "MIME", "PostScript", "XObject", "CRLF", "true", "trailer", "stream",
        "endstream", "endobj",
    ]
    var unquoted = ""
    var depth = 0
    for character in text {
        if character == "「" { depth += 1 } else if character == "」" { depth = max(0, depth - 1) } else if depth == 0 {
            unquoted.append(character)
        }
    }
    let tokens = unquoted.split { !$0.isASCII || $0.isWhitespace }
    var words: [String] = []
    for token in tokens {
        if token.hasPrefix("/") || token.contains("+") || token.contains(where: \.isNumber) { continue }
        let letters = token.split { !($0.isASCII && $0.isLetter) }
        if letters.contains(where: { $0.count >= 4 && !kept.contains(String($0)) }) { words.append(String(token)) }
    }
    return words
}

/// The encryption rule on files qpdf encrypts: owner password only (opens, fails the rule) and a user
/// password (cannot open, fails the rule).
@Suite struct EncryptionRuleTests {
    @Test(arguments: [["", "owner"], ["user", "owner"]])
    func encryptedFilesFail(_ passwords: [String]) throws {
        let folder = try Scratch.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent("plain.pdf")
        let encrypted = folder.appendingPathComponent("encrypted.pdf")
        try Data(TestPDF.base.bytes).write(to: plain)
        let qpdf = try Scratch.run("/usr/bin/qpdf", ["--encrypt", passwords[0], passwords[1], "256", "--", plain.path, encrypted.path])
        #expect(qpdf.status == 0, "\(qpdf.output)")
        let report = PDFAVerifier.verify(Array(try Data(contentsOf: encrypted)))
        #expect(!report.result(.noEncryption).passed)
        #expect(report.result(.noEncryption).findings.first?.en.contains(passwords[0].isEmpty ? "/Encrypt" : "password") == true)
        expectBothLanguages(report)
    }
}
