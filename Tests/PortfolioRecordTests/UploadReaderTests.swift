import Diagnostics
import Foundation
import Testing

@testable import PortfolioRecord

/// The 「自行上傳PDF檔」 files of an applicant folder: found by name, read contained and once.
@Suite struct UploadReaderTests {
    static let number = "01000001"
    static let secret = "SECRET-OUTSIDE-THE-FOLDER"
    let basic = #"{"應試號碼": "01000001", "學生中文姓名": "林安"}"#

    /// `<tmp>/<uuid>/001012/01000001` with `files` (path → text), and `<tmp>/<uuid>/outside/secret.pdf`.
    func makeFolder(_ files: [String: String]) throws -> (folder: URL, outside: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("uploads-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("001012/\(Self.number)")
        let outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data(Self.secret.utf8).write(to: outside.appendingPathComponent("secret.pdf"))
        for (path, text) in files.merging([name("基本資料.json"): basic], uniquingKeysWith: { a, _ in a }) {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return (folder, outside)
    }

    func name(_ suffix: String) -> String { "\(Self.number)_\(suffix)" }

    func read(_ folder: URL, limits: ReaderLimits = ReaderLimits()) throws -> ApplicantRecord {
        try ApplicantFolderReader(limits: limits).read(folder: folder)
    }

    func errors(_ record: ApplicantRecord, file: String) -> [DiagnosticKind] {
        record.diagnostics.filter { $0.severity == .error && $0.file == file }.map(\.kind)
    }

    @Test func uploadsAreFoundInNameOrderWithTheirCodesAsWritten() throws {
        let (folder, _) = try makeFolder([
            name("自行上傳_J.pdf"): "%PDF-1.4 J", name("自行上傳_C-5.PDF"): "%PDF-1.4 C-5", name("自行上傳_B.pdf"): "%PDF-1.4 B",
            name("自行上傳_ｂ.pdf"): "%PDF-1.4 wide b",
            // Not uploads: another extension, another applicant's number, below the folder's top.
            name("自行上傳_K.docx"): "docx", "01000002_自行上傳_L.pdf": "%PDF other", "files/\(name("自行上傳_M.pdf"))": "%PDF below",
        ])
        let record = try read(folder)
        #expect(record.uploads.map(\.file) == ["自行上傳_B.pdf", "自行上傳_C-5.PDF", "自行上傳_J.pdf", "自行上傳_ｂ.pdf"].map(name))
        #expect(record.uploads.map(\.itemCode) == ["B", "C-5", "J", "ｂ"])
        for upload in record.uploads {
            guard case .pdf(let file) = upload.content else {
                Issue.record("\(upload.file) is read")
                continue
            }
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(upload.file)))
            #expect(file.bytes == bytes)
            #expect(file.path == upload.file)
            #expect(file.mediaType == .pdf)
            #expect(file.sha256 == sha256Hex(bytes))
            #expect(record.inputFiles.contains { $0.path == upload.file && $0.sha256 == file.sha256 })
        }
        // The uploads are named by the contract now; what is not an upload is still reported.
        let unreferenced = record.diagnostics.filter { $0.kind == .unreferencedFile }.compactMap(\.file)
        #expect(unreferenced.sorted() == [name("自行上傳_K.docx"), "01000002_自行上傳_L.pdf", "files/\(name("自行上傳_M.pdf"))"].sorted())
        #expect(record.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func anIDShapedCodeIsMasked() throws {
        let (folder, _) = try makeFolder([name("自行上傳_A123456789.pdf"): "%PDF-1.4"])
        let record = try read(folder)
        #expect(record.uploads.map(\.itemCode) == ["**********"])
    }

    @Test func linksOutFIFOsAndFoldersUnderAnUploadNameAreRefusedUnopened() throws {
        let (folder, outside) = try makeFolder([name("自行上傳_G.pdf"): "%PDF-1.4 inside"])
        func path(_ suffix: String) -> String { folder.appendingPathComponent(name(suffix)).path }
        try FileManager.default.createSymbolicLink(atPath: path("自行上傳_B.pdf"), withDestinationPath: outside.appendingPathComponent("secret.pdf").path)
        try FileManager.default.createSymbolicLink(atPath: path("自行上傳_C.pdf"), withDestinationPath: "../../outside/secret.pdf")
        #expect(mkfifo(path("自行上傳_D.pdf"), 0o600) == 0)
        try FileManager.default.createDirectory(atPath: path("自行上傳_E.pdf"), withIntermediateDirectories: false)
        // A link that stays inside the folder is followed, as for every file of the contract.
        try FileManager.default.createSymbolicLink(atPath: path("自行上傳_F.pdf"), withDestinationPath: name("自行上傳_G.pdf"))
        let record = try read(folder)
        #expect(!String(describing: record).contains(Self.secret))
        #expect(errors(record, file: name("自行上傳_B.pdf")) == [.fileUnreadable(reason: .symlinkOutside)])
        #expect(errors(record, file: name("自行上傳_C.pdf")) == [.fileUnreadable(reason: .symlinkOutside)])
        #expect(errors(record, file: name("自行上傳_D.pdf")) == [.fileUnreadable(reason: .fifo)])
        #expect(errors(record, file: name("自行上傳_E.pdf")) == [.fileUnreadable(reason: .directory)])
        let contents = Dictionary(uniqueKeysWithValues: record.uploads.map { ($0.itemCode, $0.content) })
        #expect(contents.keys.sorted() == ["B", "C", "D", "E", "F", "G"])
        for code in ["B", "C", "D", "E"] { #expect(contents[code] == .unreadable, "\(code)") }
        guard case .pdf(let linked) = contents["F"], case .pdf(let target) = contents["G"] else {
            Issue.record("a link inside the folder is read")
            return
        }
        #expect(linked.bytes == Array("%PDF-1.4 inside".utf8))
        #expect(linked.sha256 == target.sha256)
    }

    @Test func uploadsAreBoundedLikeEveryAttachment() throws {
        let (folder, _) = try makeFolder([name("自行上傳_B.pdf"): String(repeating: "x", count: 5_000)])
        var limits = ReaderLimits()
        limits.maxAttachmentBytes = 4_000
        let record = try read(folder, limits: limits)
        #expect(errors(record, file: name("自行上傳_B.pdf")) == [.fileTooLarge(size: 5_000, limit: 4_000)])
        #expect(record.uploads.map(\.content) == [.unreadable])
    }
}
