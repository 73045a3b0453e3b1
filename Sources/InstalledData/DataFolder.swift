import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the tool's data is at run time: the rule tables, page layouts and XSD of `Templates/` and
/// the font configuration `Fonts/fallback.json`. Found from the executable, so that the tool runs
/// wherever it is installed (`docs/install.md`):
///
/// 1. `$PORTFOLIO_EXPORT_DATA` when set — and then only there: a wrong override is reported, not
///    passed over for another copy;
/// 2. `<folder of the executable>/../share/portfolio-export/` (the executable's real path, so a
///    symbolic link in `PATH` leads to it), as `scripts/install` and the `.deb` lay it out:
///    `rules/`, `layouts/`, `schema/`, `fonts/fallback.json`;
/// 3. SwiftPM's resource bundles beside the executable, in a build tree.
///
/// SwiftPM's own accessor (`Bundle.module`) is not used: it stops the process when its bundle is
/// missing, which is the broken installation this type exists to report.
public struct DataFolder: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        /// `$PORTFOLIO_EXPORT_DATA`.
        case environment
        /// `<prefix>/share/portfolio-export/` beside `<prefix>/bin/`.
        case installed
        /// SwiftPM's resource bundles in the build folder.
        case buildTree
    }

    public var rules: URL
    public var layouts: URL
    public var schema: URL
    /// The font configuration file (faces, roles, fallback chains).
    public var fontConfiguration: URL
    public var origin: Origin

    public static let environmentVariable = "PORTFOLIO_EXPORT_DATA"
    /// The data folder under an installation prefix.
    public static let installedPath = "share/portfolio-export"

    /// The installed layout rooted at `root` (`<prefix>/share/portfolio-export` or the override).
    public init(root: URL, origin: Origin) {
        rules = root.appendingPathComponent("rules", isDirectory: true)
        layouts = root.appendingPathComponent("layouts", isDirectory: true)
        schema = root.appendingPathComponent("schema", isDirectory: true)
        fontConfiguration = root.appendingPathComponent("fonts/fallback.json")
        self.origin = origin
    }

    /// SwiftPM's bundles in `folder` (named `<package>_<target>.resources`).
    init(buildFolder folder: URL) {
        let templates = folder.appendingPathComponent("PortfolioExport_PacketTemplates.resources", isDirectory: true)
        rules = templates.appendingPathComponent("rules", isDirectory: true)
        layouts = templates.appendingPathComponent("layouts", isDirectory: true)
        schema = templates.appendingPathComponent("schema", isDirectory: true)
        fontConfiguration = folder.appendingPathComponent("PortfolioExport_BundledFonts.resources/fallback.json")
        origin = .buildTree
    }

    /// Every part is there: the three folders and the font configuration file.
    public var isComplete: Bool {
        func isDirectory(_ url: URL) -> Bool {
            var directory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
        }
        return isDirectory(rules) && isDirectory(layouts) && isDirectory(schema)
            && FileManager.default.isReadableFile(atPath: fontConfiguration.path)
    }

    /// The data of this process, located once (the environment and the executable do not change).
    public static let current: Result<DataFolder, DataFolderMissing> = locate(
        environment: ProcessInfo.processInfo.environment, executable: executableURL())

    /// The located data, or where it was expected: the command line reports a missing folder
    /// (`current`) before anything is read, so readers need no failure path of their own.
    public static var resolved: DataFolder {
        switch current {
        case .success(let folder): folder
        case .failure(let missing): missing.expected
        }
    }

    /// The first complete candidate, in the order of the type's documentation.
    public static func locate(environment: [String: String], executable: URL?) -> Result<DataFolder, DataFolderMissing> {
        if let value = environment[environmentVariable], !value.isEmpty {
            let folder = DataFolder(root: URL(fileURLWithPath: value, isDirectory: true), origin: .environment)
            return folder.isComplete
                ? .success(folder) : .failure(DataFolderMissing(searched: [value], expected: folder, fromEnvironment: true))
        }
        guard let executable else {
            let folder = DataFolder(root: URL(fileURLWithPath: "/usr/local/" + installedPath), origin: .installed)
            return .failure(DataFolderMissing(searched: [], expected: folder, fromEnvironment: false))
        }
        let bin = executable.deletingLastPathComponent()
        let installedRoot = bin.deletingLastPathComponent().appendingPathComponent(installedPath, isDirectory: true)
            .standardizedFileURL
        let candidates = [DataFolder(root: installedRoot, origin: .installed), DataFolder(buildFolder: bin)]
        if let found = candidates.first(where: \.isComplete) { return .success(found) }
        return .failure(
            DataFolderMissing(
                searched: [installedRoot.path, bin.path + "/PortfolioExport_*.resources"], expected: candidates[0], fromEnvironment: false))
    }

    /// The running executable's real path: `/proc/self/exe` resolved on Linux (whatever link or
    /// relative path started it), else Foundation's idea of it.
    static func executableURL() -> URL? {
        if let path = realpath("/proc/self/exe", nil) {
            defer { free(path) }
            return URL(fileURLWithPath: String(cString: path))
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }
}

/// No data folder was found: a broken installation (exit 70), not a problem of the input.
public struct DataFolderMissing: Error, Sendable, Hashable {
    /// The folders looked in, in order.
    public var searched: [String]
    /// Where the installed layout was expected (the first candidate).
    public var expected: DataFolder
    /// The folder came from `$PORTFOLIO_EXPORT_DATA`, which names an incomplete folder.
    public var fromEnvironment: Bool

    public var chineseDescription: String {
        let places = searched.joined(separator: "、")
        if fromEnvironment {
            return "安裝不完整：\(DataFolder.environmentVariable) 指定的「\(places)」不是完整的資料夾"
                + "（須有 rules/、layouts/、schema/、fonts/fallback.json）"
        }
        return "安裝不完整：找不到 portfolio-export 的資料（規則表、版面、XSD、字型設定），已找過「\(places)」；"
            + "請重新安裝（scripts/install 或 .deb 套件），或以環境變數 \(DataFolder.environmentVariable) 指定資料夾"
    }

    public var englishDescription: String {
        let places = searched.joined(separator: ", ")
        if fromEnvironment {
            return "broken installation: \(DataFolder.environmentVariable) names \"\(places)\", which is not a complete"
                + " data folder (rules/, layouts/, schema/, fonts/fallback.json)"
        }
        return "broken installation: the data of portfolio-export (rule tables, layouts, XSD, font configuration)"
            + " is not in \(places); reinstall it (scripts/install or the .deb package), or name its folder in"
            + " \(DataFolder.environmentVariable)"
    }
}
