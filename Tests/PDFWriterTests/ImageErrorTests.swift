import Foundation
import Testing

@testable import PDFWriter

/// Hostile image files give typed errors when they are prepared, never a crash, hang or huge
/// allocation; what is prepared is written.
@Suite struct ImageErrorTests {
    private func write(_ source: ImageSource) throws(PDFWriterError) {
        let page = PDFPage(width: 100, height: 100, content: [.image(ImageID(0), x: 0, y: 0, width: 50, height: 50)])
        _ = try PDFWriter().write(PDFDocumentSpec(pages: [page], images: [try PreparedImage(source)]))
    }

    @Test func emptyFiles() {
        #expect(throws: PDFWriterError.imageEmpty) { try write(ImageSource(bytes: [], kind: .jpeg)) }
        #expect(throws: PDFWriterError.imageEmpty) { try write(ImageSource(bytes: [], kind: .png)) }
        #expect(throws: PDFWriterError.imageEmpty) { try ImageSource(detecting: []) }
        #expect(throws: PDFWriterError.imageFormatUnknown) { try ImageSource(detecting: Array("GIF89a".utf8)) }
    }

    @Test func unknownImageID() {
        let page = PDFPage(width: 100, height: 100, content: [.image(ImageID(3), x: 0, y: 0, width: 5, height: 5)])
        #expect(throws: PDFWriterError.unknownImage(ImageID(3), imageCount: 0)) {
            try PDFWriter().write(PDFDocumentSpec(pages: [page]))
        }
    }

    @Test func truncatedJPEG() throws {
        let jpeg = try ImageFixtures.quadrantJPEG(name: "quadrant-truncated")
        #expect(ImageSource.detectKind(jpeg) == .jpeg)
        for length in [2, 3, 20] {
            #expect(throws: PDFWriterError.self) { try write(ImageSource(bytes: Array(jpeg.prefix(length)), kind: .jpeg)) }
        }
        do {
            try write(ImageSource(bytes: Array(jpeg.prefix(20)), kind: .jpeg))
            Issue.record("a JPEG cut before its frame header was accepted")
        } catch {
            guard case .jpegCorrupt(_) = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
        #expect(throws: PDFWriterError.jpegCorrupt(reason: "no JPEG start-of-image marker")) {
            try write(ImageSource(bytes: Array("not a jpeg".utf8), kind: .jpeg))
        }
    }

    @Test func unsupportedJPEGFrames() {
        // SOI, then a 12-bit baseline-extended SOF1, and a lossless SOF3.
        let twelveBit: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC1, 0, 11, 12, 0, 10, 0, 10, 1, 1, 0x11, 0, 0xFF, 0xD9]
        let lossless: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC3, 0, 11, 8, 0, 10, 0, 10, 1, 1, 0x11, 0, 0xFF, 0xD9]
        let zeroHeight: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0, 0, 0, 10, 1, 1, 0x11, 0, 0xFF, 0xD9]
        let twoComponents: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0, 1, 0, 10, 2, 1, 0x11, 0, 0xFF, 0xD9]
        for bytes in [twelveBit, lossless, twoComponents] {
            do {
                try write(ImageSource(bytes: bytes, kind: .jpeg))
                Issue.record("accepted an unsupported JPEG")
            } catch {
                guard case .jpegUnsupported(_) = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
            }
        }
        #expect(throws: PDFWriterError.imageZeroSize) { try write(ImageSource(bytes: zeroHeight, kind: .jpeg)) }
        // A segment length pointing past the end.
        #expect(throws: PDFWriterError.self) {
            try write(ImageSource(bytes: [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0x45], kind: .jpeg))
        }
    }

    @Test func hugeJPEGHeaderIsRefused() {
        let huge: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0xFF, 0xFF, 0xFF, 0xFF, 1, 1, 0x11, 0, 0xFF, 0xDA]
        #expect(throws: PDFWriterError.imageTooLarge(width: 65535, height: 65535)) {
            try write(ImageSource(bytes: huge, kind: .jpeg))
        }
    }

    @Test func hostilePNGs() throws {
        // Absurd sizes in IHDR: libpng refuses some itself, the writer refuses the rest before allocating.
        for (width, height) in [(UInt32(1_000_000), UInt32(1_000_000)), (0x7FFF_FFFF, 0x7FFF_FFFF), (20000, 20000)] {
            do {
                try write(ImageSource(bytes: TestPNG.headerOnly(width: width, height: height), kind: .png))
                Issue.record("accepted a \(width)×\(height) PNG")
            } catch {
                switch error {
                case .imageTooLarge(_, _), .pngRejected(_): break
                default: Issue.record("unexpected \(error)")
                }
            }
        }
        #expect(throws: PDFWriterError.imageTooLarge(width: 20000, height: 20000)) {
            try ImageSource(bytes: TestPNG.headerOnly(width: 20000, height: 20000), kind: .png).info()
        }
        let good = ImageFixtures.quadrantPNG(width: 64, height: 64)
        for length in [8, 20, 40, good.count - 20] {
            do {
                try write(ImageSource(bytes: Array(good.prefix(length)), kind: .png))
                Issue.record("accepted a PNG cut at \(length) bytes")
            } catch {
                guard case .pngRejected(_) = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
            }
        }
        #expect(throws: PDFWriterError.self) { try write(ImageSource(bytes: Array("not a png".utf8), kind: .png)) }
    }

    /// A bounded mutation loop over valid files: every outcome is success or a typed error.
    /// 600 rounds in CI; IMAGE_MUTATIONS sets a longer run (libFuzzer targets: Fuzz/, docs/fuzzing.md).
    @Test func mutatedImagesNeverCrash() throws {
        let budget = ProcessInfo.processInfo.environment["IMAGE_MUTATIONS"].flatMap { Int($0) } ?? 600
        let seeds = [
            ImageSource(bytes: ImageFixtures.quadrantPNG(width: 24, height: 16), kind: .png),
            ImageSource(
                bytes: TestPNG.encode(
                    width: 9, height: 7, colorType: .palette, palette: [1, 2, 3, 4, 5, 6], transparency: [0],
                    interlaced: true
                ) { x, y in [UInt8((x + y) % 2)] }, kind: .png),
            ImageSource(
                bytes: ImageFixtures.withOrientation(try ImageFixtures.quadrantJPEG(name: "quadrant-fuzz"), 6, bigEndian: true),
                kind: .jpeg),
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var outcomes = (written: 0, refused: 0)
        for round in 0..<budget {
            var bytes = seeds[round % seeds.count].bytes
            for _ in 0..<(1 + next() % 4) {
                switch next() % 4 {
                case 0: bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next())
                case 1: bytes = Array(bytes.prefix(next() % bytes.count + 1))
                case 2: bytes[next() % bytes.count] = 0xFF
                default: bytes.insert(UInt8(truncatingIfNeeded: next()), at: next() % bytes.count)
                }
            }
            do {
                try write(ImageSource(bytes: bytes, kind: seeds[round % seeds.count].kind))
                outcomes.written += 1
            } catch {
                outcomes.refused += 1
            }
        }
        #expect(outcomes.written + outcomes.refused == budget)
    }
}
