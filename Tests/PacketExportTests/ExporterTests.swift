import Foundation
import PDFWriter
import PacketLayout
import PacketXML
import PortfolioRecord
import ReviewPacket
import Testing
import Typesetting

@testable import PacketExport

/// `PacketExporter` in process, on copies of the samples.
@Suite struct ExporterTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func exporter() throws -> PacketExporter {
        let fonts = try FontSet.load(
            configurationAt: repositoryRoot.appendingPathComponent("Fonts/fallback.json").path)
        return PacketExporter(
            rules: try RuleBook.load(), typesetter: PacketTypesetter(fonts: fonts),
            writer: PDFWriter(cache: FontProgramCache(preparation: .never)), schema: try PacketSchema(),
            toolVersion: "test", creationDate: Date(timeIntervalSince1970: 1_700_000_000))
    }

    /// A copy of one sample applicant, so a test may change its files.
    static func copyOfSample(_ department: String, _ number: String) throws -> URL {
        let copy = FileManager.default.temporaryDirectory
            .appendingPathComponent("exporter-\(UUID().uuidString)/\(department)/\(number)")
        try FileManager.default.createDirectory(
            at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("samples/\(department)/\(number)"), to: copy)
        return copy
    }

    /// Each attached file is read once, when the record is read: replacing or deleting every file
    /// of the folder between reading and writing changes neither the PDF nor the XML (the images,
    /// the imported PDF pages and the video inside come from the bytes whose digests the XML gives).
    @Test func attachmentsArePlacedFromTheBytesRead() throws {
        let exporter = try Self.exporter()
        let (profile, _) = try ProfileLoader.load(
            path: Self.repositoryRoot.appendingPathComponent("samples/profiles/001012.json").path, rules: exporter.rules)
        let folder = try Self.copyOfSample("001012", "01000101")
        var timings = PhaseTimings()
        let packet = try exporter.assemble(folder: folder, profile: profile, timings: &timings)
        #expect(packet.attachments.contains { $0.mediaType == .png })
        #expect(packet.attachments.contains { $0.mediaType == .pdf })
        #expect(packet.attachments.contains { $0.mediaType == .mp4 })
        let untouched = try exporter.export(packet, timings: &timings)

        // Every file swapped for other bytes, the files/ folder removed.
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        for case let relative as String in enumerator {
            let url = folder.appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                try Data("swapped after the read".utf8).write(to: url)
            }
        }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("files"))
        let swapped = try exporter.export(packet, timings: &timings)

        #expect(swapped.pdf == untouched.pdf)
        #expect(swapped.xml == untouched.xml)
        #expect(!untouched.diagnostics.contains { $0.kind.code == "attachment-unreadable" })
        // The video travels inside the PDF byte for byte.
        let video = try #require(packet.attachments.first { $0.mediaType == .mp4 })
        #expect(untouched.pdf.count > video.bytes.count)
        #expect(sha256Hex(video.bytes) == video.sha256)
    }
}
