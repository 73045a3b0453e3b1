import Foundation
import Testing

@testable import PDFWriter

/// The PDF/A identification is a claim about the content: a drawn form whose fonts are not embedded
/// turns it off; the values describing the embedded data and the output intent stay.
@Suite struct PDFAClaimTests {
    let pdfa = PDFAIdentification(
        schemaName: "test", namespaceURI: "urn:test:1#", prefix: "tst",
        properties: [.init(name: "DocumentFileName", value: "x.xml", description: "name")])

    /// A form drawing a text run with the font /F1 of its resources (standard-14 Helvetica, not embedded).
    func form(fontsNotEmbedded: [String]) -> FormPage {
        FormPage(
            x0: 0, y0: 0, x1: 200, y1: 100, rotate: 0, content: Array("BT /F1 12 Tf 10 50 Td (Hi) Tj ET".utf8),
            resources: .dictionary(["Font": .dictionary(["F1": .reference(7)])]),
            objects: [7: .dictionary(["Type": .name("Font"), "Subtype": .name("Type1"), "BaseFont": .name("Helvetica")])],
            sourceKey: "a.pdf", fontsNotEmbedded: fontsNotEmbedded)
    }

    /// The file as text (the XMP stream is written uncompressed) and whether the catalog has an output intent.
    func written(forms: [FormPage], drawn: [Int]) throws -> (text: String, outputIntent: Bool) {
        var spec = PDFDocumentSpec(
            pages: [PDFPage(width: 300, height: 300, content: drawn.map { .form(FormID($0), x: 10, y: 10, width: 200, height: 100) })],
            info: DocumentInfo(title: "t", pdfA3: pdfa))
        spec.forms = forms
        let bytes = try PDFWriter().write(spec)
        let path = try Scratch.write(bytes, name: "pdfa-claim-\(drawn.count)-\(forms.map(\.fontsNotEmbedded.count)).pdf")
        try expectValidPDF(path)
        let objects = try QPDFObjects(path: path)
        let catalog = objects.dict(objects.trailer["/Root"])
        return (String(decoding: bytes, as: UTF8.self), catalog["/OutputIntents"] != nil)
    }

    @Test func embeddedFontsKeepTheClaim() throws {
        let (text, outputIntent) = try written(forms: [form(fontsNotEmbedded: [])], drawn: [0])
        #expect(text.contains("<pdfaid:part>3</pdfaid:part>") && text.contains("pdfaExtension:schemas"))
        #expect(text.contains("<tst:DocumentFileName>x.xml</tst:DocumentFileName>"))
        #expect(outputIntent)
    }

    @Test func aDrawnFormWithFontsNotEmbeddedDropsTheClaim() throws {
        let (text, outputIntent) = try written(
            forms: [form(fontsNotEmbedded: []), form(fontsNotEmbedded: ["Helvetica"])], drawn: [0, 1])
        #expect(!text.contains("pdfaid"))
        #expect(!text.contains("pdfaExtension"))
        // Still a valid PDF 1.7 file describing its embedded data, with its colour space named.
        #expect(text.contains("<tst:DocumentFileName>x.xml</tst:DocumentFileName>"))
        #expect(outputIntent)
    }

    @Test func aFormNoPageDrawsDoesNotCount() throws {
        let (text, _) = try written(forms: [form(fontsNotEmbedded: []), form(fontsNotEmbedded: ["Helvetica"])], drawn: [0])
        #expect(text.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
    }
}
