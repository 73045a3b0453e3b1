import Foundation
import Testing

@testable import PDFWriter

/// P8: JPEG passed through, PNG re-encoded with an SMask for alpha, placed upright and fitted.
@Suite struct ImageTests {
    // MARK: fitting

    @Test func fittedSizeScalesDownKeepsAspectNeverUp() {
        let a4 = fittedSize(pixelWidth: 4000, pixelHeight: 3000, frameWidth: 483, frameHeight: 700)
        #expect(abs(a4.width - 483) < 1e-9 && abs(a4.height - 362.25) < 1e-9)
        let small = fittedSize(pixelWidth: 200, pixelHeight: 100, frameWidth: 483, frameHeight: 700)
        #expect(small == (200, 100))
        let turned = fittedSize(pixelWidth: 4000, pixelHeight: 3000, orientation: .right, frameWidth: 483, frameHeight: 700)
        #expect(abs(turned.width - 483) < 1e-9 && abs(turned.height - 644) < 1e-9)
        #expect(fittedSize(pixelWidth: 0, pixelHeight: 10, frameWidth: 10, frameHeight: 10) == (0, 0))
        #expect(fittedSize(pixelWidth: 10, pixelHeight: 10, frameWidth: .nan, frameHeight: 10) == (0, 0))
    }

    // MARK: PNG

    /// Writes the PNG over a black page in a box of its own size and returns the PDF path.
    private func pngPage(_ png: [UInt8], width: Int, height: Int, name: String) throws -> String {
        let path = try ImageFixtures.writePage(
            [ImageSource(bytes: png, kind: .png)],
            items: [.image(ImageID(0), x: 0, y: 0, width: Double(width), height: Double(height))],
            width: Double(width), height: Double(height), name: name, background: .black)
        try expectValidPDF(path)
        return path
    }

    @Test func paletteWithTransparency() throws {
        // Index 0 red (opaque), 1 blue (fully transparent).
        let png = TestPNG.encode(
            width: 40, height: 20, colorType: .palette, palette: [255, 0, 0, 0, 0, 255], transparency: [255, 0]
        ) { x, _ in [x < 20 ? 0 : 1] }
        let path = try pngPage(png, width: 40, height: 20, name: "png-palette.pdf")
        let rows = try listImages(path)
        #expect(rows.map { $0[0] } == ["image", "smask"])
        #expect(rows.first.map { Array($0[1...4]) } == ["40", "20", "rgb", "3"])
        let page = try ImageFixtures.render(path)
        #expect(page.pixel(10, 10) == [255, 0, 0])
        #expect(page.pixel(30, 10) == [0, 0, 0], "transparent half shows the black page behind")
    }

    @Test func grayWithoutAlphaHasNoSMask() throws {
        let png = TestPNG.encode(width: 30, height: 10, colorType: .gray) { x, _ in [x < 15 ? 0x40 : 0xC0] }
        let path = try pngPage(png, width: 30, height: 10, name: "png-gray.pdf")
        let rows = try listImages(path)
        #expect(rows.count == 1)
        #expect(rows.first.map { Array($0[0...4]) } == ["image", "30", "10", "gray", "1"])
        let page = try ImageFixtures.render(path)
        #expect(page.pixel(5, 5) == [0x40, 0x40, 0x40])
        #expect(page.pixel(25, 5) == [0xC0, 0xC0, 0xC0])
    }

    @Test func sixteenBitRGBAWithAlphaRenders() throws {
        // Left: opaque green; right: 50 % white; samples are big-endian 16-bit.
        let png = TestPNG.encode(width: 40, height: 20, colorType: .rgba, bitDepth: 16) { x, _ in
            x < 20 ? [0, 0, 0xFF, 0xFF, 0, 0, 0xFF, 0xFF] : [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x80, 0x00]
        }
        let path = try pngPage(png, width: 40, height: 20, name: "png-rgba16.pdf")
        let rows = try listImages(path)
        #expect(rows.map { $0[0] } == ["image", "smask"])
        #expect(rows.map { $0[1] + "x" + $0[2] } == ["40x20", "40x20"])
        let page = try ImageFixtures.render(path)
        #expect(page.pixel(10, 10) == [0, 255, 0])
        let half = page.pixel(30, 10)
        #expect(half.allSatisfy { (118...138).contains($0) }, "50 % white over black: \(half)")
    }

    @Test func interlacedPNG() throws {
        let png = TestPNG.encode(width: 37, height: 23, colorType: .rgb, interlaced: true) {
            Quadrant.stored(x: $0, y: $1, width: 37, height: 23).rgb
        }
        let path = try pngPage(png, width: 37, height: 23, name: "png-interlaced.pdf")
        let page = try ImageFixtures.render(path)
        #expect(page.quadrant(atX: 0.2, y: 0.2) == .red)
        #expect(page.quadrant(atX: 0.8, y: 0.2) == .green)
        #expect(page.quadrant(atX: 0.2, y: 0.8) == .blue)
        #expect(page.quadrant(atX: 0.8, y: 0.8) == .white)
    }

    @Test func largePhotoFitsTheA4Frame() throws {
        let png = TestPNG.encode(width: 4000, height: 3000, colorType: .gray) { x, _ in [x < 2000 ? 0 : 200] }
        let source = ImageSource(bytes: png, kind: .png)
        let info = try source.info()
        #expect(info.pixelWidth == 4000 && info.pixelHeight == 3000)
        let frame = (x: 56.0, y: 72.0, width: 483.0, height: 697.0)
        let size = fittedSize(
            pixelWidth: info.pixelWidth, pixelHeight: info.pixelHeight, frameWidth: frame.width, frameHeight: frame.height)
        let top = frame.y + frame.height - size.height
        let spec = PDFDocumentSpec(
            pages: [
                PDFPage(
                    width: PDFPage.a4Width, height: PDFPage.a4Height,
                    content: [.image(ImageID(0), x: frame.x, y: top, width: size.width, height: size.height)])
            ], images: [try PreparedImage(source)])
        let path = try Scratch.write(try PDFWriter().write(spec), name: "png-4000x3000.pdf")
        try expectValidPDF(path)
        #expect(try listImages(path).first.map { Array($0[0...3]) } == ["image", "4000", "3000", "gray"])
        let page = try ImageFixtures.render(path)  // 72 dpi: one pixel per point
        let pageTop = Int(PDFPage.a4Height - frame.y - frame.height)
        #expect(page.pixel(60, pageTop + 10) == [0, 0, 0])
        #expect(page.pixel(56 + 480, pageTop + 10).allSatisfy { (198...202).contains($0) })
        #expect(page.pixel(56 + 483 + 3, pageTop + 10) == [255, 255, 255], "nothing drawn right of the frame")
        #expect(page.pixel(60, pageTop + Int(size.height) + 3) == [255, 255, 255], "aspect kept: 362 pt high")
    }

    // MARK: JPEG

    @Test func jpegIsPassedThroughUnchanged() throws {
        let jpeg = try ImageFixtures.quadrantJPEG(name: "quadrant-baseline")
        let info = try JPEGInfo.parse(jpeg)
        #expect(info.width == 80 && info.height == 60 && info.components == 3 && !info.progressive)
        let path = try ImageFixtures.writePage(
            [ImageSource(bytes: jpeg, kind: .jpeg)], items: [.image(ImageID(0), x: 0, y: 0, width: 80, height: 60)],
            width: 80, height: 60, name: "jpeg-baseline.pdf")
        try expectValidPDF(path)
        let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(file.firstRange(of: jpeg) != nil, "the JPEG's bytes appear unchanged in the file")
        #expect(try listImages(path).first.map { [$0[1], $0[2], $0[3], $0[5]] } == ["80", "60", "rgb", "jpeg"])
        let page = try ImageFixtures.render(path)
        #expect(page.quadrant(atX: 0.25, y: 0.25) == .red)
        #expect(page.quadrant(atX: 0.75, y: 0.25) == .green)
        #expect(page.quadrant(atX: 0.25, y: 0.75) == .blue)
        #expect(page.quadrant(atX: 0.75, y: 0.75) == .white)
    }

    @Test func progressiveGrayAndCMYKJPEGs() throws {
        let progressive = try ImageFixtures.quadrantJPEG(options: ["-jpeg", "-jpegopt", "progressive=y"], name: "quadrant-progressive")
        #expect(try JPEGInfo.parse(progressive).progressive)
        let gray = try ImageFixtures.quadrantJPEG(options: ["-jpeg", "-gray"], name: "quadrant-gray")
        let cmyk = try ImageFixtures.quadrantJPEG(options: ["-jpegcmyk"], name: "quadrant-cmyk")
        let cmykInfo = try JPEGInfo.parse(cmyk)
        #expect(cmykInfo.components == 4 && cmykInfo.invertedCMYK, "libjpeg writes an Adobe marker for CMYK")

        for (jpeg, name) in [(progressive, "progressive"), (cmyk, "cmyk")] {
            let path = try ImageFixtures.writePage(
                [ImageSource(bytes: jpeg, kind: .jpeg)], items: [.image(ImageID(0), x: 0, y: 0, width: 80, height: 60)],
                width: 80, height: 60, name: "jpeg-\(name).pdf")
            try expectValidPDF(path)
            let page = try name == "cmyk" ? ImageFixtures.renderWithMuPDF(path) : ImageFixtures.render(path)
            #expect(page.quadrant(atX: 0.25, y: 0.25) == .red, "\(name)")
            #expect(page.quadrant(atX: 0.75, y: 0.25) == .green, "\(name)")
            #expect(page.quadrant(atX: 0.25, y: 0.75) == .blue, "\(name)")
            #expect(page.quadrant(atX: 0.75, y: 0.75) == .white, "\(name)")
        }
        let grayInfo = try JPEGInfo.parse(gray)
        #expect(grayInfo.components == 1 || grayInfo.components == 3)
        let grayPath = try ImageFixtures.writePage(
            [ImageSource(bytes: gray, kind: .jpeg)], items: [.image(ImageID(0), x: 0, y: 0, width: 80, height: 60)],
            width: 80, height: 60, name: "jpeg-gray.pdf")
        try expectValidPDF(grayPath)
        let rows = try listImages(grayPath)
        #expect(rows.first?[3] == (grayInfo.components == 1 ? "gray" : "rgb"))
    }

    /// Each EXIF orientation, in both byte orders, shows the image upright: the quadrant colours
    /// land where the EXIF definition of each value puts them.
    @Test(arguments: 1...8) func exifOrientation(_ value: Int) throws {
        let expected: [Int: [Quadrant]] = [  // top-left, top-right, bottom-left, bottom-right as shown
            1: [.red, .green, .blue, .white], 2: [.green, .red, .white, .blue], 3: [.white, .blue, .green, .red],
            4: [.blue, .white, .red, .green], 5: [.red, .blue, .green, .white], 6: [.blue, .red, .white, .green],
            7: [.white, .green, .blue, .red], 8: [.green, .white, .red, .blue],
        ]
        let base = try ImageFixtures.quadrantJPEG(name: "quadrant-exif-\(value)")
        for bigEndian in [false, true] {
            let jpeg = ImageFixtures.withOrientation(base, UInt16(value), bigEndian: bigEndian)
            let source = ImageSource(bytes: jpeg, kind: .jpeg)
            let info = try source.info()
            #expect(info.orientation.rawValue == value)
            let size = info.naturalSize
            #expect(value >= 5 ? size == (60, 80) : size == (80, 60))
            let path = try ImageFixtures.writePage(
                [source], items: [.image(ImageID(0), x: 0, y: 0, width: size.width, height: size.height)],
                width: size.width, height: size.height, name: "jpeg-exif-\(value)-\(bigEndian ? "MM" : "II").pdf")
            try expectValidPDF(path)
            let page = try ImageFixtures.render(path)
            let seen = [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)].map { page.quadrant(atX: $0.0, y: $0.1) }
            #expect(seen == expected[value], "orientation \(value) \(bigEndian ? "MM" : "II")")
        }
    }

    // MARK: document structure

    @Test func identicalImagesAreWrittenOnce() throws {
        let png = ImageFixtures.quadrantPNG(width: 16, height: 16)
        let jpeg = try ImageFixtures.quadrantJPEG(name: "quadrant-dedupe")
        let images = try [
            ImageSource(bytes: png, kind: .png), ImageSource(bytes: jpeg, kind: .jpeg), ImageSource(bytes: png, kind: .png),
        ].map(PreparedImage.init)
        let pages = (0..<3).map { index in
            PDFPage(width: 100, height: 100, content: [.image(ImageID(index), x: 10, y: 10, width: 16, height: 16)])
        }
        let bytes = try PDFWriter().write(PDFDocumentSpec(pages: pages, images: images))
        #expect(try PDFWriter().write(PDFDocumentSpec(pages: pages, images: images)) == bytes, "deterministic")
        let path = try Scratch.write(bytes, name: "images-dedupe.pdf")
        try expectValidPDF(path)
        let objects = try listImages(path).map { $0[6] }
        #expect(objects.count == 3)
        #expect(objects[0] == objects[2] && objects[0] != objects[1])
    }

    @Test func degenerateBoxDrawsNothing() throws {
        let png = ImageFixtures.quadrantPNG(width: 4, height: 4)
        let path = try ImageFixtures.writePage(
            [ImageSource(bytes: png, kind: .png)],
            items: [.image(ImageID(0), x: 0, y: 0, width: 0, height: 10), .image(ImageID(0), x: .nan, y: 0, width: 4, height: 4)],
            width: 20, height: 20, name: "image-degenerate.pdf")
        try expectValidPDF(path)
        // Nothing is drawn: every pixel of the page stays white (the image's quadrants are coloured),
        // and no image is placed on the page.
        let page = try ImageFixtures.render(path)
        let inked = (0..<page.height).flatMap { y in (0..<page.width).map { x in page.pixel(x, y) } }
            .filter { $0 != [255, 255, 255] }
        #expect(inked.isEmpty, "\(inked.count) pixels drawn")
        let expanded = path + ".qdf"
        #expect(try Tool.run("qpdf", ["--qdf", "--object-streams=disable", path, expanded]).status == 0)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: expanded)), as: UTF8.self)
        #expect(text.contains("/Contents"))
        #expect(!text.contains(" Do\n") && !text.contains(" Do "))
    }
}
