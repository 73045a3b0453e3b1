import Attachments
import Diagnostics
import Foundation
import PDFWriter
import PacketContent
import PortfolioRecord
import ReviewPacket
import Testing

@testable import PacketExport

/// Diagnostics flow one way: every problem with the input is known before any writer starts, and
/// the XML, the PDF's embedded XML, the preview's fix page and the exported list all carry it.
@Suite struct OneWayTests {
    /// A PNG with a sound signature, IHDR and CRCs whose IDAT is not zlib data: its header reads,
    /// only decoding the pixels finds it broken.
    static let pngWithCorruptIDAT: [UInt8] = {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(UInt32(data.count)) + body + be32(crc32(body))
        }
        let header = be32(16) + be32(16) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header)
            + chunk("IDAT", Array(repeating: 0xA5, count: 64)) + chunk("IEND", [])
    }()

    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static let brokenImage = "files/indicator-colours.png"
    /// A private-use character of plane 16: no font of the chain has it.
    static let unknownCharacter = "\u{10FFFD}"

    /// 01000101 with its D-item PNG replaced by `pngWithCorruptIDAT` and a character no font has in
    /// its 就讀動機.
    static func brokenPacket(_ exporter: PacketExporter) throws -> ReviewPacket {
        let (profile, _) = try ProfileLoader.load(
            path: ExporterTests.repositoryRoot.appendingPathComponent("samples/profiles/001012.json").path,
            rules: exporter.rules)
        let folder = try ExporterTests.copyOfSample("001012", "01000101")
        #expect(ImageSource.detectKind(pngWithCorruptIDAT) == .png)
        try Data(pngWithCorruptIDAT).write(to: folder.appendingPathComponent(brokenImage))
        let motivation = folder.appendingPathComponent("01000101_就讀動機.md")
        let text = try String(contentsOf: motivation, encoding: .utf8)
        try (text + "\n\n缺字：" + unknownCharacter + "\n").write(to: motivation, atomically: true, encoding: .utf8)
        var timings = PhaseTimings()
        return try exporter.assemble(folder: folder, profile: profile, timings: &timings)
    }

    /// The item whose section places `path` (from the content, not from any message's text).
    static func itemPlacing(_ path: String, in packet: ReviewPacket) -> String? {
        PacketContent.sections(packet).first { $0.blocks.contains(.image(path: path)) }?.itemCode
    }

    static func tool(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func anImageOnlyFullDecodingRejectsIsKnownBeforeTheWritersAndReachesEveryOutput() throws {
        let exporter = try ExporterTests.exporter()
        let packet = try Self.brokenPacket(exporter)
        let item = try #require(Self.itemPlacing(Self.brokenImage, in: packet))

        // Known before any layout or writer: prepared from the bytes and the content alone.
        let prepared = try exporter.prepare(packet)
        let broken = prepared.packet.diagnostics.filter { $0.kind.code == "attachment-unreadable" && $0.file == Self.brokenImage }
        #expect(broken.count == 1)
        #expect(broken.first?.item == item)
        #expect(prepared.attachments.image(Self.brokenImage) == nil)
        // What the writer will be given is decoded already: there is nothing left for it to reject.
        #expect(prepared.attachments.images.count == prepared.attachments.imagePaths.count)
        let missing = prepared.packet.diagnostics.filter { $0.kind == .glyphMissing(character: Self.unknownCharacter) }
        #expect(missing.count == 1)
        #expect(missing.first?.item != nil)

        var timings = PhaseTimings()
        let exported = try exporter.export(packet, timings: &timings)
        // Nothing is added after the XML is made: the exported list is the prepared one.
        #expect(exported.diagnostics == prepared.packet.diagnostics)
        let xml = String(decoding: exported.xml, as: UTF8.self)
        let line = try #require(
            xml.split(separator: "\n").first { $0.contains("code=\"attachment-unreadable\"") && $0.contains(Self.brokenImage) })
        #expect(line.contains("item=\"\(item)\""))

        // The PDF carries that XML byte for byte.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("one-way-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pdf = directory.appendingPathComponent("packet.pdf")
        try Data(exported.pdf).write(to: pdf)
        let detached = directory.appendingPathComponent("embedded.xml")
        _ = try Self.tool("/usr/bin/pdfdetach", ["-save", "1", "-o", detached.path, pdf.path])
        #expect(try Array(Data(contentsOf: detached)) == exported.xml)
    }

    @Test func thePreviewsFixPageListsEveryProblemFromOneLayout() throws {
        let exporter = try ExporterTests.exporter()
        let packet = try Self.brokenPacket(exporter)
        let item = try #require(Self.itemPlacing(Self.brokenImage, in: packet))
        var timings = PhaseTimings()
        let final = try exporter.export(packet, timings: &timings)
        let preview = try exporter.export(packet, preview: true, timings: &timings)
        // The same list, made before layout: the preview needs no layout to learn its warnings.
        #expect(preview.diagnostics == final.diagnostics)
        #expect(preview.pageCount > final.pageCount)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("one-way-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pdf = directory.appendingPathComponent("preview.pdf")
        try Data(preview.pdf).write(to: pdf)
        let fixPages = try Self.tool("/usr/bin/pdftotext", ["-f", "1", "-l", "2", "-enc", "UTF-8", pdf.path, "-"])
            .replacingOccurrences(of: "\n", with: "")
        #expect(fixPages.contains("indicator-colours.png"))
        #expect(fixPages.contains("項目 \(item)"))
        // The character no font has, learnt from the text before layout, is listed too.
        #expect(final.diagnostics.contains { $0.kind == .glyphMissing(character: Self.unknownCharacter) })
        #expect(fixPages.contains("字型鏈中沒有任何字型能顯示"))
    }

    /// Each file's problem is tagged where the content places it, and the stage reports it once.
    @Test func theAttachmentStageTagsEachProblemWithItsItem() {
        let png = AttachmentFile(
            path: "files/a.png", size: Self.pngWithCorruptIDAT.count, mediaType: .png, sha256: "a", md5: "",
            md5Check: .notStated, bytes: Self.pngWithCorruptIDAT)
        let copy = AttachmentFile(
            path: "files/b.png", size: Self.pngWithCorruptIDAT.count, mediaType: .png, sha256: "a", md5: "",
            md5Check: .notStated, bytes: Self.pngWithCorruptIDAT)
        let prepared = PreparedAttachments(
            files: [png, copy],
            uses: [
                AttachmentUse(path: "files/b.png", kind: .image, item: "C"),
                AttachmentUse(path: "files/a.png", kind: .image, item: "D"),
            ])
        #expect(prepared.images.isEmpty)
        #expect(
            prepared.diagnostics == [
                .warning(
                    prepared.diagnostics.first!.kind, file: "files/a.png", item: "C")
            ])
        #expect(prepared.diagnostics.first?.kind.code == "attachment-unreadable")
    }
}
