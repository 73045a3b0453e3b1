import Foundation
import Testing

@testable import PDFWriter

/// A JPEG is passed through undecoded, so its structure is walked before it is accepted: a cut-off
/// file must be refused (and shown as a notice by the layout), not drawn half blank.
@Suite struct JPEGStructureTests {
    static let sample: [UInt8] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.appendingPathComponent("samples/001012/01000103/files/calligraphy.jpg")
        return (try? [UInt8](Data(contentsOf: url))) ?? []
    }()

    func damage(_ bytes: [UInt8]) -> JPEGDamage? {
        do {
            _ = try PreparedImage(ImageSource(bytes: bytes, kind: .jpeg))
            return nil
        } catch {
            if case .jpegDamaged(let damage) = error { return damage }
            return nil
        }
    }

    @Test func aWholeJPEGPassesAndTrailingBytesAreAllowed() throws {
        #expect(!Self.sample.isEmpty)
        _ = try PreparedImage(ImageSource(bytes: Self.sample, kind: .jpeg))
        _ = try PreparedImage(ImageSource(bytes: Self.sample + [0, 1, 2, 3], kind: .jpeg))
    }

    @Test func everyCutInsideTheScanIsReported() {
        // Cut points through the file's second half (the scan data): each is damage, none passes.
        let count = Self.sample.count
        for fraction in stride(from: 0.5, to: 1.0, by: 0.05) {
            let cut = Array(Self.sample.prefix(Int(Double(count) * fraction)))
            #expect(damage(cut) == .noEndOfImage, "cut at \(fraction)")
        }
        // Without its last two bytes (EOI) the file is incomplete too.
        #expect(damage(Array(Self.sample.dropLast(2))) == .noEndOfImage)
    }

    @Test func headersWithoutAScanAreReported() {
        // SOI, then EOI: no image data.
        #expect(throws: PDFWriterError.jpegDamaged(.noScan)) { try JPEGStructure.check([0xFF, 0xD8, 0xFF, 0xD9]) }
        // The headers of the sample up to its first scan, then EOI.
        if let sos = (2..<(Self.sample.count - 1)).first(where: { Self.sample[$0] == 0xFF && Self.sample[$0 + 1] == 0xDA }) {
            #expect(damage(Array(Self.sample.prefix(sos)) + [0xFF, 0xD9]) == .noScan)
        }
    }

    @Test func aProgressiveMultiScanJPEGPasses() throws {
        // SOF2 and two scans, each with stuffed and restart bytes, then EOI.
        var jpeg: [UInt8] = [0xFF, 0xD8]
        jpeg += [0xFF, 0xC2, 0x00, 0x0B, 8, 0x00, 0x10, 0x00, 0x10, 1, 1, 0x11, 0]
        for _ in 0..<2 {
            jpeg += [0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 63, 0]
            jpeg += [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]
        }
        jpeg += [0xFF, 0xD9]
        try JPEGStructure.check(jpeg)
        #expect(throws: PDFWriterError.self) { try JPEGStructure.check(Array(jpeg.dropLast(2))) }
    }
}
