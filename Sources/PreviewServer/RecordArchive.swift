import Foundation
import ZIPFoundation

/// Why an uploaded zip was refused. Each case carries what its message needs.
public enum ArchiveRefusal: Error, Sendable, Equatable {
    /// More bytes than the upload limit.
    case tooLarge(limit: Int)
    /// Not a zip archive at all (or one ZIPFoundation cannot read).
    case notAZip
    /// An entry whose path leaves the folder: `../`, an absolute path, a drive letter, a backslash.
    case pathEscapes(String)
    /// A symbolic link entry: it could point anywhere on the machine.
    case symlink(String)
    /// More entries than the limit.
    case tooManyEntries(limit: Int)
    /// Unpacked, it would be larger than the limit (declared sizes or bytes actually inflated).
    case unpackedTooLarge(limit: Int)
    /// An entry that inflates far more than documents do (a zip bomb).
    case ratioTooHigh(String)
    /// Two entries with the same path.
    case duplicateEntry(String)
    /// Unpacked, no folder holds a `<應試號碼>_基本資料.json`.
    case noRecord
    /// Writing the unpacked files failed.
    case unpackFailed(String)
}

/// Limits for unpacking an uploaded record. A student's record is a few dozen files of at most a
/// few tens of MB; the limits leave room for that and refuse what only an attack needs.
public struct ArchiveLimits: Sendable {
    public var uploadBytes: Int = 128 << 20
    public var entries: Int = 2_000
    public var unpackedBytes: UInt64 = 512 << 20
    /// Inflation ratio allowed for an entry larger than `ratioFloor` unpacked (documents and
    /// images compress little; a bomb inflates a thousandfold).
    public var ratio: UInt64 = 100
    public var ratioFloor: UInt64 = 1 << 20

    public init() {}
}

/// Unpacks an uploaded zip of a record into a private folder, refusing every entry that could
/// reach outside it (zip-slip, symlinks) and archives that inflate beyond the limits. Every entry
/// is checked before anything is written, and the bytes actually inflated are counted too, since
/// the sizes in the archive's directory are the attacker's to choose.
public enum RecordArchive {
    public static func unpack(_ bytes: Data, into folder: URL, limits: ArchiveLimits = ArchiveLimits())
        throws(ArchiveRefusal) -> URL
    {
        guard bytes.count <= limits.uploadBytes else { throw .tooLarge(limit: limits.uploadBytes) }
        // A zip starts with a local file header (or is an empty archive's end record).
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
            throw .notAZip
        }
        let archive: Archive
        do {
            archive = try Archive(data: bytes, accessMode: .read)
        } catch {
            throw .notAZip
        }
        var planned: [(entry: Entry, components: [String])] = []
        var seen: Set<String> = []
        var declared: UInt64 = 0
        for entry in archive {
            guard planned.count < limits.entries else { throw .tooManyEntries(limit: limits.entries) }
            let components = try safeComponents(entry.path)
            switch entry.type {
            case .symlink: throw .symlink(entry.path)
            case .directory, .file: break
            }
            let joined = components.joined(separator: "/")
            guard seen.insert(joined).inserted else { throw .duplicateEntry(entry.path) }
            let size = entry.uncompressedSize
            declared = declared.addingReportingOverflow(size).overflow ? .max : declared + size
            guard declared <= limits.unpackedBytes else { throw .unpackedTooLarge(limit: Int(limits.unpackedBytes)) }
            if size > limits.ratioFloor, size / max(entry.compressedSize, 1) > limits.ratio {
                throw .ratioTooHigh(entry.path)
            }
            if !components.isEmpty { planned.append((entry, components)) }
        }
        var written: UInt64 = 0
        for (entry, components) in planned {
            let target = components.reduce(folder) { $0.appendingPathComponent($1) }
            do {
                if entry.type == .directory {
                    try makeFolders(components, in: folder)
                    continue
                }
                try makeFolders(Array(components.dropLast()), in: folder)
                // O_EXCL: never through a file or link already there.
                let fd = open(target.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
                guard fd >= 0 else { throw ArchiveRefusal.unpackFailed(entry.path) }
                defer { close(fd) }
                var entryBytes: UInt64 = 0
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    entryBytes += UInt64(chunk.count)
                    written += UInt64(chunk.count)
                    guard entryBytes <= entry.uncompressedSize, written <= limits.unpackedBytes else {
                        throw ArchiveRefusal.unpackedTooLarge(limit: Int(limits.unpackedBytes))
                    }
                    try chunk.withUnsafeBytes { raw in
                        var offset = 0
                        while offset < raw.count {
                            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                            guard n > 0 else { throw ArchiveRefusal.unpackFailed(entry.path) }
                            offset += n
                        }
                    }
                }
            } catch let refusal as ArchiveRefusal {
                throw refusal
            } catch {
                throw .unpackFailed(entry.path)
            }
        }
        return try recordFolder(in: folder)
    }

    /// The entry's path as folder names below the upload folder; refused when it could leave it.
    static func safeComponents(_ path: String) throws(ArchiveRefusal) -> [String] {
        guard !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0"), !path.contains(":") else {
            throw .pathEscapes(path)
        }
        var components: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": throw .pathEscapes(path)
            default: components.append(String(part))
            }
        }
        return components
    }

    static func makeFolders(_ components: [String], in folder: URL) throws {
        var url = folder
        for component in components {
            url.appendPathComponent(component, isDirectory: true)
            if mkdir(url.path, 0o700) != 0 {
                var info = stat()
                // Only a real folder already made by this unpacking, never a link.
                guard errno == EEXIST, lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                    throw ArchiveRefusal.unpackFailed(components.joined(separator: "/"))
                }
            }
        }
    }

    /// The unpacked record: the folder itself or the one folder under it (a zip of the folder),
    /// whichever holds a `<應試號碼>_基本資料.json`.
    static func recordFolder(in folder: URL) throws(ArchiveRefusal) -> URL {
        func holdsRecord(_ url: URL) -> Bool {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.contains { $0.hasSuffix("_基本資料.json") }
        }
        if holdsRecord(folder) { return folder }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0 != "__MACOSX" }
        if names.count == 1 {
            let inner = folder.appendingPathComponent(names[0], isDirectory: true)
            if holdsRecord(inner) { return inner }
        }
        throw .noRecord
    }
}
