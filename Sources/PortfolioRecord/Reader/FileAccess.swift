import Crypto
import Diagnostics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An applicant folder opened once as a directory: every file of the record is looked up and opened
/// beneath it, never by an absolute path.
///
/// A path is walked one component at a time with `fstatat`/`openat` and `O_NOFOLLOW`. A symbolic link
/// on the way is read (`readlinkat`) and its target resolved here, against the components walked so
/// far, so a link may lead anywhere inside the folder but never above it, and a folder swapped for a
/// link in the middle of the walk is caught by `O_NOFOLLOW` rather than followed. Only a regular file
/// is ever opened for reading, with `O_NONBLOCK` besides, so a FIFO swapped in after the look cannot
/// block the run; the opened descriptor is checked to be the file that was looked at.
final class ContainedFolder {
    /// The folder's descriptor, open for the lifetime of one read.
    private let descriptor: Int32
    /// The folder's canonical path: an absolute link target is inside only below it.
    let realPath: String

    /// More links on one path than this is a loop (the kernel's own limit is 40).
    static let maxLinkHops = 40

    /// Opens the folder at `path` (following links: the folder itself is the caller's choice), or nil
    /// when it is not a folder.
    init?(path: String) {
        guard let resolved = realpath(path, nil) else { return nil }
        realPath = String(cString: resolved)
        free(resolved)
        let fd = open(realPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }

    /// Whether anything is at `relative` (a file, a folder, a FIFO, a link), looked at without
    /// opening it.
    func exists(_ relative: String) -> Bool {
        if case .absent = walk(relative, { _, _, _ in () }) { return false }
        return true
    }

    /// Reads the regular file at `relative` whole, at most `limit` bytes, through one descriptor.
    func read(_ relative: String, limit: Int) -> FileRead {
        let outcome = walk(relative) { parent, name, info -> FileRead in
            guard Self.isRegular(info) else { return .refused(Self.problem(of: info)) }
            guard Int(info.st_size) <= limit else { return .tooLarge(size: Int(info.st_size)) }
            let fd = openat(parent, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else {
                switch errno {
                case ELOOP, ENOENT, ENOTDIR: return .refused(.changedWhileOpening)
                case EACCES, EPERM: return .refused(.permissionDenied)
                default: return .refused(.ioError)
                }
            }
            defer { close(fd) }
            var opened = stat()
            guard fstat(fd, &opened) == 0 else { return .refused(.ioError) }
            guard Self.isRegular(opened), opened.st_dev == info.st_dev, opened.st_ino == info.st_ino else {
                return .refused(.changedWhileOpening)
            }
            return Self.readAll(fd, expected: Int(opened.st_size), limit: limit)
        }
        switch outcome {
        case .absent: return .absent
        case .refused(let problem): return .refused(problem)
        case .found(let read): return read
        }
    }

    /// The names in a folder of the record (hidden ones included), each with what it is, without
    /// following links; nil when `relative` is not a folder inside. `""` is the applicant folder.
    func list(_ relative: String, limit: Int) -> [(name: String, info: stat)]? {
        let listed: Walk<[(name: String, info: stat)]?>
        if relative.isEmpty {
            listed = .found(Self.list(openat(descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC), limit: limit))
        } else {
            listed = walk(relative) { parent, name, info in
                guard info.st_mode & S_IFMT == S_IFDIR else { return nil }
                return Self.list(openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), limit: limit)
            }
        }
        guard case .found(let entries) = listed else { return nil }
        return entries
    }

    // MARK: The walk

    private enum Walk<Value> {
        case absent
        case refused(FileProblem)
        case found(Value)
    }

    /// Resolves `relative` beneath the folder and calls `body` with the descriptor of the folder that
    /// holds the last component, its name and what `fstatat` says of it (links not followed: the last
    /// component is never a link when `body` runs).
    private func walk<Value>(_ relative: String, _ body: (Int32, String, stat) -> Value) -> Walk<Value> {
        // Components still to walk, the next one last.
        var pending: [String] = Self.components(relative).reversed()
        // Folders opened on the way down, each inside the one before; the applicant folder is below them.
        var opened: [Int32] = []
        defer { opened.forEach { close($0) } }
        var hops = 0
        while let name = pending.popLast() {
            if name == "." { continue }
            let current = opened.last ?? descriptor
            if name == ".." {
                // Lexically, against what was walked: above the applicant folder is outside.
                guard let top = opened.popLast() else { return .refused(.symlinkOutside) }
                close(top)
                continue
            }
            var info = stat()
            guard fstatat(current, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                switch errno {
                case ENOENT, ENOTDIR, ENAMETOOLONG: return .absent
                case EACCES, EPERM: return .refused(.permissionDenied)
                default: return .refused(.ioError)
                }
            }
            if info.st_mode & S_IFMT == S_IFLNK {
                hops += 1
                guard hops <= Self.maxLinkHops, let target = Self.linkTarget(current, name) else {
                    return .refused(.symlinkLoop)
                }
                if target.hasPrefix("/") {
                    // An absolute link is inside only when it names a place below the folder's real path.
                    guard target == realPath || target.hasPrefix(realPath + "/") else {
                        return .refused(.symlinkOutside)
                    }
                    opened.forEach { close($0) }
                    opened.removeAll()
                    pending += Self.components(String(target.dropFirst(realPath.count))).reversed()
                } else {
                    pending += Self.components(target).reversed()
                }
                continue
            }
            if pending.allSatisfy({ $0 == "." }) {
                return .found(body(current, name, info))
            }
            // Something on the way that is not a folder: the path names nothing.
            guard info.st_mode & S_IFMT == S_IFDIR else { return .absent }
            let next = openat(current, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard next >= 0 else {
                switch errno {
                // The folder was swapped for a link or a file after the look.
                case ELOOP, ENOTDIR, ENOENT: return .refused(.changedWhileOpening)
                case EACCES, EPERM: return .refused(.permissionDenied)
                default: return .refused(.ioError)
                }
            }
            opened.append(next)
        }
        // Nothing but `.` and `..` back to the folder: the folder itself, not a file.
        return .refused(.directory)
    }

    private static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    private static func linkTarget(_ folder: Int32, _ name: String) -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { readlinkat(folder, name, $0.baseAddress!, $0.count) }
        }
        guard count > 0, count < buffer.count else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    static func isRegular(_ info: stat) -> Bool {
        info.st_mode & S_IFMT == S_IFREG
    }

    static func problem(of info: stat) -> FileProblem {
        switch info.st_mode & S_IFMT {
        case S_IFDIR: .directory
        case S_IFIFO: .fifo
        case S_IFCHR, S_IFBLK: .device
        case S_IFSOCK: .socket
        default: .changedWhileOpening
        }
    }

    /// Reads up to `limit + 1` bytes, so a file that grew after `fstat` is still caught.
    static func readAll(_ fd: Int32, expected: Int, limit: Int) -> FileRead {
        var bytes = [UInt8]()
        bytes.reserveCapacity(min(expected, limit) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return .refused(.ioError)
            }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { return .tooLarge(size: bytes.count) }
        }
        return .bytes(bytes)
    }

    private static func list(_ fd: Int32, limit: Int) -> [(name: String, info: stat)]? {
        guard fd >= 0 else { return nil }
        guard let directory = fdopendir(fd) else {
            close(fd)
            return nil
        }
        defer { closedir(directory) }
        let folder = dirfd(directory)
        var entries: [(name: String, info: stat)] = []
        while entries.count < limit, let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            entries.append((name, info))
        }
        return entries
    }
}

/// The outcome of reading one file whole.
public enum FileRead: Sendable {
    case absent
    case refused(FileProblem)
    /// Larger than the limit: not read (`size` as the file system says, or the bytes read so far).
    case tooLarge(size: Int)
    case bytes([UInt8])
}

/// Reads a file the user names outside any applicant folder (a profile, a tick list): links are
/// followed, since the path is the user's own choice, but only a regular file is opened, and never
/// in a way that could block on a FIFO.
public func readNamedFile(atPath path: String, limit: Int) -> FileRead {
    var info = stat()
    guard stat(path, &info) == 0 else {
        switch errno {
        case ENOENT, ENOTDIR: return .absent
        case EACCES, EPERM: return .refused(.permissionDenied)
        case ELOOP: return .refused(.symlinkLoop)
        default: return .refused(.ioError)
        }
    }
    guard ContainedFolder.isRegular(info) else { return .refused(ContainedFolder.problem(of: info)) }
    guard Int(info.st_size) <= limit else { return .tooLarge(size: Int(info.st_size)) }
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
    guard fd >= 0 else { return .refused(errno == EACCES || errno == EPERM ? .permissionDenied : .changedWhileOpening) }
    defer { close(fd) }
    var opened = stat()
    guard fstat(fd, &opened) == 0, ContainedFolder.isRegular(opened) else { return .refused(.changedWhileOpening) }
    return ContainedFolder.readAll(fd, expected: Int(opened.st_size), limit: limit)
}

/// Digests of bytes already in memory: the bytes hashed are the bytes placed.
enum Digest {
    static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func md5(_ bytes: [UInt8]) -> String {
        hex(Insecure.MD5.hash(data: bytes))
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Lower-case hexadecimal SHA-256 of bytes: the digest every input and the input digest use.
public func sha256Hex(_ bytes: [UInt8]) -> String {
    Digest.sha256(bytes)
}
