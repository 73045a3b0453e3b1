import Foundation
import PacketExport
import PacketLayout
import PacketXML
import PDFWriter
import ReviewPacket
import Typesetting

/// A scratch applicant folder for one fuzzing process, rewritten for each input.
public final class ScratchApplicant: Sendable {
    public static let number = "01000001"
    public let folder: URL

    public init(name: String) {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(getpid())/001012/\(Self.number)")
        try? FileManager.default.removeItem(at: folder)
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Replaces the folder's content with exactly `files` (relative path → bytes).
    public func fill(_ files: [String: [UInt8]]) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] {
            try? manager.removeItem(at: folder.appendingPathComponent(name))
        }
        for (path, bytes) in files {
            let url = folder.appendingPathComponent(path)
            try? manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(bytes).write(to: url)
        }
    }

    /// A profile of the department that asks for `items` only: a fuzzer that is about one item
    /// need not typeset the other seventeen.
    public func profile(items: [String], rules: RuleBook) -> Profile {
        let path = folder.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("profiles-\(getpid())/001012.json")
        let quoted = items.map { "\"\($0)\"" }.joined(separator: ", ")
        let json = #"{"招生學年度": 115, "招生管道": "大學個人申請", "校系代碼": "001012", "審查項目": [\#(quoted)]}"#
        try! FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(json.utf8).write(to: path)
        do {
            return try ProfileLoader.load(path: path.path, rules: rules).0
        } catch {
            fatalError("the fuzzer's profile is invalid: \(error)")
        }
    }

    public static let basicData = Array(
        #"{"應試號碼": "01000001", "學生中文姓名": "林安", "就讀學校代碼": "013301", "學校名稱": "測試高中", "群別": "普通科"}"#.utf8)
}

/// The exporter as the tool makes it, once per process: rule tables, fonts from the repository's
/// configuration, the compiled XSD.
public enum FuzzExporter {
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func make() -> PacketExporter {
        do {
            let fonts = try FontSet.load(
                configurationAt: repositoryRoot.appendingPathComponent("Fonts/fallback.json").path)
            return PacketExporter(
                rules: try RuleBook.load(), typesetter: PacketTypesetter(fonts: fonts),
                writer: PDFWriter(cache: FontProgramCache(preparation: .never)), schema: try PacketSchema(),
                toolVersion: "fuzz", creationDate: Date(timeIntervalSince1970: 1_700_000_000))
        } catch {
            fatalError("the exporter cannot be made here: \(error)")
        }
    }
}
