import Foundation
import Testing

@testable import PDFWriter

/// Imported pages sharing content and resources (issue 10): one Form XObject and one copy of each
/// object, however many pages draw them.
@Suite struct SharedFormTests {
    /// A page of "a.pdf" with the file's objects: a shared resource dictionary (-1) naming a font (7)
    /// and an image (8); object 9 is reached by no page.
    func page(content: Int?, box: Double = 200, resources: ForeignObject = .reference(-1)) -> FormPage {
        let objects: [Int: ForeignObject] = [
            -1: .dictionary(["Font": .dictionary(["F1": .reference(7)]), "XObject": .dictionary(["Im": .reference(8)])]),
            7: .dictionary(["Type": .name("Font"), "Subtype": .name("Type1"), "BaseFont": .name("Helvetica")]),
            8: .stream(
                ["Type": .name("XObject"), "Subtype": .name("Image"), "Width": .int(2), "Height": .int(1),
                 "ColorSpace": .name("DeviceGray"), "BitsPerComponent": .int(8)], [0, 255]),
            9: .dictionary(["Unused": .bool(true)]),
        ]
        return FormPage(
            x0: 0, y0: 0, x1: box, y1: 100, rotate: 0,
            content: Array("BT /F1 12 Tf 10 50 Td (Hi) Tj ET q 20 0 0 10 0 0 cm /Im Do Q".utf8),
            resources: resources, objects: objects, sourceKey: "a.pdf", contentID: content)
    }

    func write(_ forms: [FormPage]) throws -> (path: String, objects: QPDFObjects) {
        var spec = PDFDocumentSpec(
            pages: forms.indices.map { PDFPage(width: 300, height: 300, content: [.form(FormID($0), x: 10, y: 10, width: 200, height: 100)]) },
            info: DocumentInfo(title: "t"))
        spec.forms = forms
        let bytes = try PDFWriter().write(spec)
        let path = try Scratch.write(bytes, name: "shared-forms-\(forms.count)-\(forms.map { $0.contentID ?? -1 }).pdf")
        try expectValidPDF(path)
        return (path, try QPDFObjects(path: path))
    }

    func forms(_ objects: QPDFObjects) -> Int { objects.streamDicts.filter { $0["/Subtype"] as? String == "/Form" }.count }

    @Test func pagesWithTheSameContentAreOneForm() throws {
        let (_, objects) = try write((0..<50).map { _ in page(content: 3) })
        #expect(forms(objects) == 1)
        #expect(objects.streamDicts.filter { $0["/Subtype"] as? String == "/Image" }.count == 1)
        // The shared resource dictionary is one object the form names; object 9 is reached by no page.
        let form = try #require(objects.streamDicts.first { $0["/Subtype"] as? String == "/Form" })
        #expect(form["/Resources"] is String)
        #expect(!objects.objects.values.contains { (($0 as? [String: Any])?["value"] as? [String: Any])?["/Unused"] != nil })
    }

    @Test func otherBoxesOrContentAreFormsOfTheirOwnSharingObjects() throws {
        let (_, objects) = try write([page(content: 3), page(content: 3, box: 150), page(content: 4), page(content: nil), page(content: nil)])
        #expect(forms(objects) == 5)
        #expect(objects.streamDicts.filter { $0["/Subtype"] as? String == "/Image" }.count == 1)
        #expect(objects.objects.values.filter { (($0 as? [String: Any])?["value"] as? [String: Any])?["/BaseFont"] != nil }.count == 1)
    }

    /// A form inherits the graphics state at its `Do`: a student's page that never sets its colour
    /// (reportlab's text) is drawn black, not in the grey the packet used just before it, and with a
    /// line width of 1, not the packet's hairline.
    @Test func anImportedPageStartsInTheInitialGraphicsState() throws {
        let form = FormPage(
            x0: 0, y0: 0, x1: 100, y1: 100, rotate: 0, content: Array("10 10 30 30 re f 50 60 m 90 60 l S".utf8),
            resources: .dictionary([:]), objects: [:])
        var spec = PDFDocumentSpec(
            pages: [
                PDFPage(
                    width: 100, height: 100,
                    content: [
                        .rect(x: 0, y: 90, width: 100, height: 10, fill: RGB(0.6, 0.6, 0.6), stroke: nil, lineWidth: 0),
                        .rect(x: 0, y: 0, width: 100, height: 100, fill: nil, stroke: RGB(0.6, 0.6, 0.6), lineWidth: 0.1),
                        .form(FormID(0), x: 0, y: 0, width: 100, height: 100),
                    ])
            ],
            info: DocumentInfo(title: "t"))
        spec.forms = [form]
        let path = try Scratch.write(try PDFWriter().write(spec), name: "form-initial-state.pdf")
        try expectValidPDF(path)
        let image = try ImageFixtures.render(path)
        // The filled square (10…40 up from the bottom) and the 1 pt line at y = 60 are black.
        #expect(image.pixel(25, 75) == [0, 0, 0], "\(image.pixel(25, 75))")
        #expect(image.pixel(70, 40).allSatisfy { $0 < 64 }, "\(image.pixel(70, 40))")
    }
}
