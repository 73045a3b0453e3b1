import Crypto
import Diagnostics
import Foundation
import Testing

@testable import PortfolioRecord

/// Every file the reader opens resolves inside the applicant folder, is a regular file, and is
/// opened once: the hostile folders are built here (links out, link loops, FIFOs, devices, folders
/// in a file's place, files and folders swapped by a racing thread).
@Suite struct ContainmentTests {
    static let number = "01000001"
    let basic = #"{"應試號碼": "01000001", "學生中文姓名": "林安"}"#
    /// What the files outside the folder hold: it must never reach a record.
    static let secret = "SECRET-OUTSIDE-THE-FOLDER"

    /// `<tmp>/<uuid>/001012/01000001` with the given files, and `<tmp>/<uuid>/outside/` beside the
    /// department holding `secret.txt`, `secret.json`, `secret.pdf` and a folder `files/` with `a.pdf`.
    func makeFolder(_ files: [String: String]) throws -> (folder: URL, outside: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("containment-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("001012/\(Self.number)")
        let outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: outside.appendingPathComponent("files"), withIntermediateDirectories: true)
        for name in ["secret.txt", "secret.pdf", "files/a.pdf"] {
            try Data(Self.secret.utf8).write(to: outside.appendingPathComponent(name))
        }
        try Data(#"{"應試號碼": "01000001", "學生中文姓名": "SECRET-OUTSIDE-THE-FOLDER"}"#.utf8)
            .write(to: outside.appendingPathComponent("secret.json"))
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return (folder, outside)
    }

    func link(_ folder: URL, _ name: String, to target: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    func read(_ folder: URL) throws -> ApplicantRecord {
        try ApplicantFolderReader().read(folder: folder)
    }

    func name(_ suffix: String) -> String { "\(Self.number)_\(suffix)" }

    /// Nothing of the record, its diagnostics included, holds what lies outside.
    func expectNothingFromOutside(_ record: ApplicantRecord, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!String(describing: record).contains(Self.secret), sourceLocation: sourceLocation)
        #expect(!record.inputFiles.contains { $0.sha256 == sha256Hex(Array(Self.secret.utf8)) }, sourceLocation: sourceLocation)
    }

    func errors(_ record: ApplicantRecord, file: String) -> [DiagnosticKind] {
        record.diagnostics.filter { $0.severity == .error && $0.file == file }.map(\.kind)
    }

    // MARK: Links out of the folder

    @Test func contractNamedFilesLinkedOutsideAreRefused() throws {
        let (folder, outside) = try makeFolder([name("基本資料.json"): basic])
        let secretText = outside.appendingPathComponent("secret.txt").path
        let secretPDF = outside.appendingPathComponent("secret.pdf").path
        try link(folder, name("就讀動機.txt"), to: secretText)
        try link(folder, name("高中學習歷程反思.md"), to: "../../outside/secret.txt")
        try link(folder, name("修課紀錄.pdf"), to: secretPDF)
        try link(folder, name("第6學期成績單.pdf"), to: "../../outside/secret.pdf")
        try link(folder, name("其他有利審查資料.pdf"), to: secretPDF)
        try link(folder, name("課程學習成果.json"), to: outside.appendingPathComponent("secret.json").path)
        let record = try read(folder)
        expectNothingFromOutside(record)
        for file in [
            "就讀動機.txt", "高中學習歷程反思.md", "修課紀錄.pdf", "第6學期成績單.pdf", "其他有利審查資料.pdf",
            "課程學習成果.json",
        ].map(name) {
            #expect(errors(record, file: file) == [.fileUnreadable(reason: .symlinkOutside)], "\(file)")
        }
        #expect(record.courseRecordPDF == nil)
        #expect(record.sixthSemesterTranscript == nil)
        let motivation = record.selfWritten.first { $0.kind == .motivation }
        #expect(motivation?.content == .unreadable)
        guard case .unreadable = record.outcomes else {
            Issue.record("a record file linked outside is unreadable")
            return
        }
    }

    @Test func basicDataLinkedFromElsewhereMakesNoPacket() throws {
        let (folder, outside) = try makeFolder([:])
        try link(folder, name("基本資料.json"), to: outside.appendingPathComponent("secret.json").path)
        do {
            _ = try read(folder)
            Issue.record("a _基本資料.json from outside the folder must not make a record")
        } catch let failure as ApplicantReadFailure {
            guard case .basicDataUnusable(_, let diagnostics) = failure else {
                Issue.record("wrong failure: \(failure)")
                return
            }
            #expect(diagnostics.map(\.kind) == [.fileUnreadable(reason: .symlinkOutside)])
            #expect(!String(describing: diagnostics).contains(Self.secret))
        }
    }

    @Test func aLinkedFilesFolderIsFollowedOnlyInside() throws {
        let outcomes = #"[{"科目名稱": "物理", "課程學習成果文件檔案連結": "files/a.pdf"}, {"科目名稱": "化學", "課程學習成果文件檔案連結": "docs/b.pdf"}, {"科目名稱": "生物", "課程學習成果文件檔案連結": "abs/b.pdf"}]"#
        let (folder, outside) = try makeFolder([
            name("基本資料.json"): basic, name("課程學習成果.json"): outcomes, "real/b.pdf": "%PDF inside",
        ])
        // `files/` is itself a link to a folder outside; `docs/` a relative link to a folder inside;
        // `abs/` an absolute link to the same folder inside.
        try link(folder, "files", to: outside.appendingPathComponent("files").path)
        try link(folder, "docs", to: "real")
        try link(folder, "abs", to: folder.appendingPathComponent("real").resolvingSymlinksInPath().path)
        let record = try read(folder)
        expectNothingFromOutside(record)
        let statuses = try #require(record.outcomes.value).map { $0.document?.status }
        #expect(statuses[0] == .refused(.symlinkOutside))
        for index in [1, 2] {
            guard case .found(let file) = statuses[index] else {
                Issue.record("a link that stays inside is followed: \(String(describing: statuses[index]))")
                continue
            }
            #expect(file.bytes == Array("%PDF inside".utf8))
        }
    }

    @Test func linksThatClimbOutAfterStayingInsideAreRefused() throws {
        let outcomes = #"[{"課程學習成果文件檔案連結": "a/b/escape.pdf"}, {"課程學習成果文件檔案連結": "a/up.pdf"}]"#
        let (folder, _) = try makeFolder([name("基本資料.json"): basic, name("課程學習成果.json"): outcomes])
        // Inside, inside, then three levels up: above the applicant folder.
        try link(folder, "a/b/escape.pdf", to: "../hop/../../../outside/secret.pdf")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("a/hop"), withIntermediateDirectories: true)
        // A link to a link that leaves.
        try link(folder, "a/up.pdf", to: "b/escape.pdf")
        let record = try read(folder)
        expectNothingFromOutside(record)
        let statuses = try #require(record.outcomes.value).map { $0.document?.status }
        #expect(statuses == [.refused(.symlinkOutside), .refused(.symlinkOutside)])
    }

    @Test func linkLoopsEndInARefusal() throws {
        let outcomes = #"[{"課程學習成果文件檔案連結": "loop.pdf"}]"#
        let (folder, _) = try makeFolder([name("基本資料.json"): basic, name("課程學習成果.json"): outcomes])
        try link(folder, "loop.pdf", to: "other.pdf")
        try link(folder, "other.pdf", to: "loop.pdf")
        try link(folder, name("就讀動機.txt"), to: name("就讀動機.txt"))
        let record = try read(folder)
        #expect(try #require(record.outcomes.value).first?.document?.status == .refused(.symlinkOutside))
        #expect(errors(record, file: name("就讀動機.txt")) == [.fileUnreadable(reason: .symlinkLoop)])
    }

    // MARK: What is not a regular file

    @Test func fifosDevicesAndFoldersInAFilesPlaceAreRefusedNotOpened() throws {
        let outcomes = #"[{"課程學習成果文件檔案連結": "files/pipe.pdf"}, {"課程學習成果文件檔案連結": "files/dev.pdf"}]"#
        let (folder, _) = try makeFolder([name("基本資料.json"): basic, name("課程學習成果.json"): outcomes])
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        try FileManager.default.createDirectory(atPath: path("files"), withIntermediateDirectories: true)
        // A FIFO with no writer: opening it for reading without O_NONBLOCK would block the test forever.
        #expect(mkfifo(path(name("第6學期成績單.pdf")), 0o600) == 0)
        #expect(mkfifo(path(name("就讀動機.txt")), 0o600) == 0)
        #expect(mkfifo(path(name("多元表現.json")), 0o600) == 0)
        #expect(mkfifo(path("files/pipe.pdf"), 0o600) == 0)
        // /dev/null's numbers (major 1, minor 3, as glibc's makedev packs small ones): reading it
        // would give nothing, a tape device would rewind.
        let nullDevice = dev_t(1 << 8 | 3)
        #expect(mknod(path(name("修課紀錄.pdf")), S_IFCHR | 0o600, nullDevice) == 0)
        #expect(mknod(path("files/dev.pdf"), S_IFCHR | 0o600, nullDevice) == 0)
        try FileManager.default.createDirectory(atPath: path(name("其他有利審查資料.pdf")), withIntermediateDirectories: true)
        let record = try read(folder)
        #expect(errors(record, file: name("第6學期成績單.pdf")) == [.fileUnreadable(reason: .fifo)])
        #expect(errors(record, file: name("就讀動機.txt")) == [.fileUnreadable(reason: .fifo)])
        #expect(errors(record, file: name("多元表現.json")) == [.fileUnreadable(reason: .fifo)])
        #expect(errors(record, file: name("修課紀錄.pdf")) == [.fileUnreadable(reason: .device)])
        #expect(errors(record, file: name("其他有利審查資料.pdf")) == [.fileUnreadable(reason: .directory)])
        let statuses = try #require(record.outcomes.value).map { $0.document?.status }
        #expect(statuses == [.refused(.notARegularFile), .refused(.notARegularFile)])
        #expect(record.sixthSemesterTranscript == nil)
        guard case .unreadable = record.performances else {
            Issue.record("a FIFO in a record file's place is unreadable")
            return
        }
    }

    @Test func aFIFOInBasicDataMakesNoPacketAndDoesNotHang() throws {
        let (folder, _) = try makeFolder([:])
        #expect(mkfifo(folder.appendingPathComponent(name("基本資料.json")).path, 0o600) == 0)
        #expect(throws: ApplicantReadFailure.self) { try read(folder) }
    }

    // MARK: Read once

    @Test func theBytesHashedAreTheBytesKept() throws {
        let outcomes = #"[{"課程學習成果文件檔案連結": "files/a.pdf", "文件檔案MD5": "00000000000000000000000000000000"}, {"課程學習成果文件檔案連結": "./files/a.pdf"}]"#
        let (folder, _) = try makeFolder([
            name("基本資料.json"): basic, name("課程學習成果.json"): outcomes, "files/a.pdf": "%PDF-1.4 original",
            name("修課紀錄.pdf"): "%PDF-1.4 school",
        ])
        let record = try read(folder)
        // Gone from disk: what the record holds is what was read.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("files"))
        let files = try #require(record.outcomes.value).compactMap { outcome -> AttachmentFile? in
            if case .found(let file) = outcome.document?.status { return file }
            return nil
        }
        #expect(files.count == 2)
        for file in files + [try #require(record.courseRecordPDF)] {
            #expect(file.size == file.bytes.count)
            #expect(file.sha256 == sha256Hex(file.bytes))
            #expect(file.md5 == Digest.hex(Insecure.MD5.hash(data: file.bytes)))
        }
        #expect(files[0].bytes == Array("%PDF-1.4 original".utf8))
        #expect(record.inputFiles.first { $0.path == "files/a.pdf" }?.sha256 == files[0].sha256)
    }

    /// Memory is bounded per file and per folder: what is over either bound is not read, and the
    /// error says which bound.
    @Test func filesBeyondTheFileOrFolderBoundAreNotRead() throws {
        let outcomes = #"[{"課程學習成果文件檔案連結": "files/big.pdf"}, {"課程學習成果文件檔案連結": "files/a.pdf"}, {"課程學習成果文件檔案連結": "files/b.pdf"}, {"課程學習成果文件檔案連結": "files/c.pdf"}]"#
        let (folder, _) = try makeFolder([
            name("基本資料.json"): basic, name("課程學習成果.json"): outcomes,
            "files/big.pdf": String(repeating: "x", count: 5_000), "files/a.pdf": String(repeating: "a", count: 1_500),
            "files/b.pdf": String(repeating: "b", count: 1_500), "files/c.pdf": String(repeating: "c", count: 1_500),
        ])
        var limits = ReaderLimits()
        limits.maxAttachmentBytes = 4_000
        limits.maxFolderBytes = 4_000
        let record = try ApplicantFolderReader(limits: limits).read(folder: folder)
        let statuses = try #require(record.outcomes.value).map { $0.document?.status }
        let kinds = record.diagnostics.filter { $0.severity == .error }.map(\.kind)
        #expect(kinds.contains(.fileTooLarge(size: 5_000, limit: 4_000)))
        #expect(kinds.contains(.folderTooLarge(limit: 4_000)))
        #expect(statuses[0] == .unreadable)
        // The JSON files and a.pdf fit; by b.pdf or c.pdf the folder's bound is reached.
        guard case .found = statuses[1] else {
            Issue.record("a file within both bounds is read")
            return
        }
        #expect(statuses[3] == .unreadable)
        let held = record.inputFiles.reduce(0) { $0 + $1.size }
        #expect(held <= 4_000)
    }

    /// A thread swaps `files/a.pdf` between two regular files and a link out of the folder, and
    /// swaps `files/` between a folder and a link out, as fast as it can while the folder is read
    /// again and again: every read either refuses the file or holds exactly one of the two inside
    /// contents, with digests of those very bytes; the outside never leaks in.
    @Test func racingSwapsNeverLetOutsideBytesIn() throws {
        let outcomes = #"[{"課程學習成果文件檔案連結": "files/a.pdf"}, {"課程學習成果文件檔案連結": "deep/a.pdf"}]"#
        let (folder, outside) = try makeFolder([name("基本資料.json"): basic, name("課程學習成果.json"): outcomes])
        let contentA = Array("%PDF-1.4 version A".utf8)
        let contentB = Array("%PDF-1.4 version B, longer".utf8)
        let files = folder.appendingPathComponent("files").path
        let deep = folder.appendingPathComponent("deep").path
        try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        try Data(contentA).write(to: URL(fileURLWithPath: files + "/a.pdf"))
        try Data(contentA).write(to: URL(fileURLWithPath: deep + "/a.pdf"))
        let outsideFiles = outside.appendingPathComponent("files").path

        let stop = StopFlag()
        let swapper = Thread {
            var round = 0
            while !stop.isSet {
                round += 1
                // rename(2) replaces atomically: the reader sees one or the other, never a gap.
                let staged = files + "/.staged"
                switch round % 3 {
                case 0: _ = symlink(outside.appendingPathComponent("secret.pdf").path, staged)
                case 1: try? Data(contentB).write(to: URL(fileURLWithPath: staged))
                default: try? Data(contentA).write(to: URL(fileURLWithPath: staged))
                }
                _ = rename(staged, files + "/a.pdf")
                // The folder `deep/` becomes a link out and back.
                let parked = folder.appendingPathComponent(".parked").path
                _ = rename(deep, parked)
                _ = symlink(outsideFiles, deep)
                _ = unlink(deep)
                _ = rename(parked, deep)
            }
            stop.markDone()
        }
        swapper.start()
        defer {
            stop.set()
            stop.waitDone()
        }
        var seen: Set<String> = []
        for _ in 0..<300 {
            let record = try read(folder)
            expectNothingFromOutside(record)
            for outcome in try #require(record.outcomes.value) {
                switch outcome.document?.status {
                case .found(let file):
                    #expect(file.bytes == contentA || file.bytes == contentB)
                    #expect(file.sha256 == sha256Hex(file.bytes))
                    #expect(file.size == file.bytes.count)
                    seen.insert("found")
                case .refused, .missing, .unreadable:
                    seen.insert("refused, missing or unreadable")
                case nil:
                    Issue.record("the outcome names its file")
                }
            }
        }
        #expect(seen.contains("found"))
    }
}

/// A flag one thread sets and another polls, and a second one for "the thread has finished".
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    private let done = DispatchSemaphore(value: 0)

    var isSet: Bool { lock.withLock { flag } }
    func set() { lock.withLock { flag = true } }
    func markDone() { done.signal() }
    func waitDone() { done.wait() }
}
