import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PreviewServer

/// The sample record as a zip of its folder, the way a student would zip it.
func zippedSampleRecord() throws -> Data {
    let folder = Fixture.repository.appendingPathComponent("samples/students/03000001")
    var entries: [(path: String, kind: EntryKind, data: Data)] = []
    let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey])!
    for case let url as URL in walker {
        let relative = "03000001/" + url.path.dropFirst(folder.path.count + 1)
        if (try url.resourceValues(forKeys: [.isDirectoryKey])).isDirectory == true {
            entries.append((relative + "/", .directory, Data()))
        } else {
            entries.append((String(relative), .file, try Data(contentsOf: url)))
        }
    }
    return try zipArchive(entries)
}

@Suite struct UploadRouteTests {
    func upload(_ fixture: Fixture, _ body: Data) async throws -> (HTTPResponse.Status, String) {
        try await fixture.application.test(.router) { client in
            let response = try await client.send(
                "upload", method: .post, headers: [.contentType: "application/zip"], body: ByteBuffer(data: body))
            return (response.status, String(buffer: response.body))
        }
    }

    /// Nothing of an upload may land outside the private folder.
    func expectNothingEscaped(_ fixture: Fixture) {
        let parent = fixture.scratch.url.deletingLastPathComponent()
        for name in ["evil.txt", "escaped.txt"] {
            #expect(!FileManager.default.fileExists(atPath: parent.appendingPathComponent(name).path))
            #expect(!FileManager.default.fileExists(atPath: fixture.scratch.url.appendingPathComponent(name).path))
        }
    }

    @Test func aZippedRecordIsOpenedFromThePrivateFolder() async throws {
        let fixture = try await Fixture(openRecord: false)
        defer { fixture.remove() }
        let (status, _) = try await upload(fixture, try zippedSampleRecord())
        #expect(status == .ok)
        let folder = try #require(await fixture.workspace.recordFolder)
        #expect(folder.path.hasPrefix(fixture.scratch.url.standardizedFileURL.path))
        #expect(await fixture.workspace.record?.applicantNumber == "03000001")
        var info = stat()
        #expect(stat(folder.deletingLastPathComponent().path, &info) == 0 && info.st_mode & 0o777 == 0o700)
        // Deleted with the private folder on exit.
        fixture.scratch.remove()
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func zipSlipIsRefused() async throws {
        let fixture = try await Fixture(openRecord: false)
        defer { fixture.remove() }
        for path in ["../evil.txt", "03000001/../../evil.txt", "/tmp/escaped.txt", "..\\evil.txt", "C:/evil.txt"] {
            let zip = try zipArchive([("03000001_基本資料.json", .file, Data("{}".utf8)), (path, .file, Data("x".utf8))])
            let (status, message) = try await upload(fixture, zip)
            #expect(status == .unprocessableContent, "\(path)")
            #expect(message.contains("資料夾外"), "\(path): \(message)")
        }
        expectNothingEscaped(fixture)
        #expect(await fixture.workspace.record == nil)
    }

    @Test func symlinkEntriesAreRefused() async throws {
        let fixture = try await Fixture(openRecord: false)
        defer { fixture.remove() }
        let zip = try zipArchive([
            ("03000001/03000001_基本資料.json", .symlink, Data("/etc/passwd".utf8)),
            ("03000001/files/x.pdf", .file, Data("%PDF".utf8)),
        ])
        let (status, message) = try await upload(fixture, zip)
        #expect(status == .unprocessableContent)
        #expect(message.contains("符號連結"))
        #expect(await fixture.workspace.record == nil)
    }

    @Test func zipBombsAreRefused() async throws {
        let fixture = try await Fixture(openRecord: false)
        defer { fixture.remove() }
        // 64 MiB of zeros deflate to about 64 KiB: a thousandfold.
        let bomb = try zipArchive([("03000001/files/zeros.pdf", .file, Data(count: 64 << 20))])
        #expect(bomb.count < 1 << 20)
        let (status, message) = try await upload(fixture, bomb)
        #expect(status == .unprocessableContent)
        #expect(message.contains("壓縮炸彈"))
    }

    @Test func tooMuchUnpackedOrTooManyEntriesAreRefused() async throws {
        var limits = ArchiveLimits()
        limits.unpackedBytes = 1 << 20
        limits.entries = 50
        let fixture = try await Fixture(openRecord: false, limits: limits)
        defer { fixture.remove() }
        // Stored, not deflated: no ratio to catch, only the total.
        let large = try zipArchive((0..<3).map { ("03000001/files/\($0).pdf", .file, Data(count: 600 << 10)) }, compress: false)
        let (status, message) = try await upload(fixture, large)
        #expect(status == .unprocessableContent)
        #expect(message.contains("解壓縮後超過 1 MB"))
        let many = try zipArchive((0..<51).map { ("03000001/files/\($0).txt", .file, Data("x".utf8)) })
        let (manyStatus, manyMessage) = try await upload(fixture, many)
        #expect(manyStatus == .unprocessableContent)
        #expect(manyMessage.contains("超過 50 個"))
    }

    @Test func tooLargeUploadsAreRefused() async throws {
        var limits = ArchiveLimits()
        limits.uploadBytes = 1 << 20
        let fixture = try await Fixture(openRecord: false, limits: limits)
        defer { fixture.remove() }
        let (status, message) = try await upload(fixture, Data(count: 2 << 20))
        #expect(status == .contentTooLarge)
        #expect(message.contains("檔案太大"))
    }

    @Test func whatIsNotAZipIsRefused() async throws {
        let fixture = try await Fixture(openRecord: false)
        defer { fixture.remove() }
        for body in [Data("not a zip at all".utf8), Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0xFF, count: 200)), Data()] {
            let (status, message) = try await upload(fixture, body)
            #expect(status == .unprocessableContent)
            #expect(message.contains("不是 zip") || message.contains("找不到學習歷程紀錄"), "\(message)")
        }
        let noRecord = try zipArchive([("readme.txt", .file, Data("hello".utf8))])
        let (status, message) = try await upload(fixture, noRecord)
        #expect(status == .unprocessableContent)
        #expect(message.contains("找不到學習歷程紀錄"))
    }
}
