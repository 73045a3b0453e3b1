import Foundation

/// The font configuration file (`Fonts/fallback.json`): which faces exist, where to look for them,
/// and the ordered fallback chain of each role (T10).
public struct FontConfiguration: Codable, Sendable, Hashable {
    /// One face of the configuration, named by file name and PostScript name (the face inside a
    /// `.ttc` collection is selected by the PostScript name in its `name` table).
    public struct Face: Codable, Sendable, Hashable {
        public var id: String
        public var file: String
        public var postScriptName: String
        public var family: String
        /// The Debian package that provides the file, named in the error when it is missing.
        public var package: String
        /// A face the tool can do without (`"optional": true`): when it is not installed it leaves the
        /// chains it is in, and nothing is reported. Every role keeps at least one required face.
        public var optional: Bool?

        public var isOptional: Bool { optional ?? false }

        public init(
            id: String, file: String, postScriptName: String, family: String, package: String, optional: Bool? = nil
        ) {
            self.id = id
            self.file = file
            self.postScriptName = postScriptName
            self.family = family
            self.package = package
            self.optional = optional
        }
    }

    public var version: Int
    /// The last resort, searched by file name for a face neither the environment's directories nor
    /// fontconfig gave.
    public var searchDirectories: [String]
    /// Directories listed in this variable (colon-separated) are searched first, by file name.
    public var environmentVariable: String?
    public var defaultRole: String
    public var faces: [Face]
    /// Role name → face ids, in fallback order.
    public var roles: [String: [String]]

    public init(
        version: Int = 1, searchDirectories: [String], environmentVariable: String?, defaultRole: String,
        faces: [Face], roles: [String: [String]]
    ) {
        self.version = version
        self.searchDirectories = searchDirectories
        self.environmentVariable = environmentVariable
        self.defaultRole = defaultRole
        self.faces = faces
        self.roles = roles
    }

    /// Reads and checks a configuration file: every role names known faces, the default role exists.
    public static func read(from path: String) throws(FontError) -> FontConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .configurationUnreadable(path: path, reason: String(describing: error))
        }
        let configuration: FontConfiguration
        do {
            configuration = try JSONDecoder().decode(FontConfiguration.self, from: data)
        } catch {
            throw .configurationInvalid(path: path, reason: String(describing: error))
        }
        try configuration.validate(path: path)
        return configuration
    }

    func validate(path: String) throws(FontError) {
        var ids = Set<String>()
        for face in faces {
            guard ids.insert(face.id).inserted else {
                throw .configurationInvalid(path: path, reason: "face id \(face.id) appears twice")
            }
        }
        guard roles[defaultRole] != nil else {
            throw .configurationInvalid(path: path, reason: "default role \(defaultRole) is not defined")
        }
        let optional = Set(faces.filter(\.isOptional).map(\.id))
        for (role, chain) in roles.sorted(by: { $0.key < $1.key }) {
            guard !chain.isEmpty else {
                throw .configurationInvalid(path: path, reason: "role \(role) has an empty chain")
            }
            for id in chain where !ids.contains(id) {
                throw .unknownFaceInRole(role: role, face: id)
            }
            // An optional face may be missing: the chain must still have a face to set text in.
            guard chain.contains(where: { !optional.contains($0) }) else {
                throw .configurationInvalid(path: path, reason: "role \(role) has only optional faces")
            }
        }
    }

    /// The directories of the environment variable, searched first.
    public func overrideDirectories(environment: [String: String]) -> [String] {
        guard let name = environmentVariable, let value = environment[name] else { return [] }
        return value.split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }

    /// The directories searched by file name, in order: the environment override first, then the
    /// configured ones (fontconfig is asked between the two).
    public func directories(environment: [String: String]) -> [String] {
        overrideDirectories(environment: environment) + searchDirectories
    }
}

/// What can go wrong while loading fonts. Messages name the font and the Debian package to install.
public enum FontError: Error, Hashable, Sendable, CustomStringConvertible {
    case configurationUnreadable(path: String, reason: String)
    case configurationInvalid(path: String, reason: String)
    case unknownFaceInRole(role: String, face: String)
    /// Required faces found nowhere: not in the environment's directories, not through fontconfig,
    /// not in the configured directories (`searched`, fontconfig named as "fontconfig").
    case facesNotFound([FontConfiguration.Face], searched: [String])
    /// The file exists but none of its faces has that PostScript name.
    case faceNotFound(path: String, postScriptName: String, package: String)
    /// The file exists but HarfBuzz cannot read it as a font.
    case fontUnreadable(path: String, package: String)

    /// The Debian packages to install for `facesNotFound`, in the configuration's order.
    public var packages: [String] {
        guard case .facesNotFound(let faces, _) = self else { return [] }
        var seen = Set<String>()
        return faces.map(\.package).filter { seen.insert($0).inserted }
    }

    public var description: String {
        switch self {
        case .configurationUnreadable(let path, let reason):
            return "font configuration \(path) cannot be read: \(reason)"
        case .configurationInvalid(let path, let reason):
            return "font configuration \(path) is invalid: \(reason)"
        case .unknownFaceInRole(let role, let face):
            return "font role \(role) names face \(face), which the configuration does not define"
        case .facesNotFound(let faces, let searched):
            let names = faces.map { "\($0.family) (\($0.postScriptName), file \($0.file), package \($0.package))" }
            return "fonts not installed: \(names.joined(separator: "; ")); install the Debian "
                + (packages.count == 1 ? "package" : "packages")
                + " \(packages.joined(separator: " ")) (apt-get install \(packages.joined(separator: " "))); looked in "
                + searched.joined(separator: ", ")
        case .faceNotFound(let path, let postScriptName, let package):
            return "font file \(path) has no face named \(postScriptName); reinstall the Debian package \(package)"
        case .fontUnreadable(let path, let package):
            return "font file \(path) cannot be read as a font; reinstall the Debian package \(package)"
        }
    }

    /// The same in Traditional Chinese.
    public var chineseDescription: String {
        switch self {
        case .configurationUnreadable(let path, let reason):
            return "無法讀取字型設定 \(path)：\(reason)"
        case .configurationInvalid(let path, let reason):
            return "字型設定 \(path) 有誤：\(reason)"
        case .unknownFaceInRole(let role, let face):
            return "字型角色 \(role) 用到設定中沒有的字型 \(face)"
        case .facesNotFound(let faces, let searched):
            let names = faces.map { "\($0.family)（\($0.postScriptName)，檔案 \($0.file)，套件 \($0.package)）" }
            return "未安裝字型：\(names.joined(separator: "；"))；請安裝 Debian 套件 \(packages.joined(separator: " "))"
                + "（apt-get install \(packages.joined(separator: " "))）；已找過 \(searched.joined(separator: "、"))"
        case .faceNotFound(let path, let postScriptName, let package):
            return "字型檔 \(path) 中沒有 \(postScriptName)；請重新安裝 Debian 套件 \(package)"
        case .fontUnreadable(let path, let package):
            return "字型檔 \(path) 無法讀取；請重新安裝 Debian 套件 \(package)"
        }
    }
}

/// Finds font files by name under a list of directories (recursively, first directory wins).
struct FontFileLocator {
    let directories: [String]

    /// File name → full path of the first match, for the requested names only.
    func locate(_ names: Set<String>) -> [String: String] {
        var found: [String: String] = [:]
        let manager = FileManager.default
        for directory in directories {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
                let enumerator = manager.enumerator(atPath: directory)
            else { continue }
            // Within one directory the walk order is the file system's; sort so the choice is stable.
            var matches: [(name: String, path: String)] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if names.contains(name) && found[name] == nil {
                    matches.append((name, directory + "/" + relative))
                }
            }
            for match in matches.sorted(by: { $0.path < $1.path }) where found[match.name] == nil {
                found[match.name] = match.path
            }
            if found.count == names.count { break }
        }
        return found
    }
}
