#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file so that readers see either the old state or the whole new file, never a part.
///
/// On Linux the bytes go to an unnamed file (`O_TMPFILE`) in the target's folder, are synced, and
/// only then get a name: a process killed while writing leaves nothing behind. The name is a hidden
/// temporary one, renamed over the target at once (`rename` is atomic within a file system); a
/// kill between the two leaves a complete file under the hidden name, which the next run removes.
/// Where `O_TMPFILE` is refused (some file systems, other systems) the file is written under the
/// hidden name directly. Files are owner-only (0600) whatever the umask: they hold personal data.
public enum AtomicFile {
    /// Owner read and write: outputs hold students' personal data.
    public static let fileMode: mode_t = 0o600

    public static func write(_ bytes: [UInt8], to url: URL) throws(AtomicWriteError) {
        let finalPath = url.path
        let folder = url.deletingLastPathComponent().path
        // Unique per process and attempt, so parallel writers never collide.
        let suffix = String(UInt32.random(in: .min ... .max), radix: 16)
        let tempName = temporaryNamePrefix(for: url) + "\(getpid())-\(suffix)"
        let tempPath = folder.hasSuffix("/") ? folder + tempName : folder + "/" + tempName

        var named = false
        var renamed = false
        defer { if named && !renamed { unlink(tempPath) } }

        if let fd = openUnnamed(inFolder: folder) {
            var isOpen = true
            defer { if isOpen { close(fd) } }
            try restrict(fd, path: finalPath)
            try writeAll(bytes, to: fd, path: finalPath)
            // The data must be on disk before any name points at it.
            guard fsync(fd) == 0 else { throw AtomicWriteError(path: finalPath, operation: "fsync", errno: errno) }
            // Naming goes through /proc; without it, the named way below is taken instead.
            if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, tempPath, AT_SYMLINK_FOLLOW) == 0 {
                named = true
                isOpen = false
                guard close(fd) == 0 else { throw AtomicWriteError(path: finalPath, operation: "close", errno: errno) }
            }
        }
        if !named {
            let fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
            guard fd >= 0 else { throw AtomicWriteError(path: finalPath, operation: "open", errno: errno) }
            named = true
            var isOpen = true
            defer { if isOpen { close(fd) } }
            try restrict(fd, path: finalPath)
            try writeAll(bytes, to: fd, path: finalPath)
            guard fsync(fd) == 0 else { throw AtomicWriteError(path: finalPath, operation: "fsync", errno: errno) }
            isOpen = false
            guard close(fd) == 0 else { throw AtomicWriteError(path: finalPath, operation: "close", errno: errno) }
        }
        guard rename(tempPath, finalPath) == 0 else {
            throw AtomicWriteError(path: finalPath, operation: "rename", errno: errno)
        }
        renamed = true

        // Make the rename itself durable. Best effort: some file systems refuse fsync on folders,
        // and the file is already complete and in place.
        let folderFD = openFolder(folder)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
    }

    /// The start of every temporary name `write` uses for `url` (`.<name>.tmp-`), so a later run
    /// can find and remove what a killed one left.
    public static func temporaryNamePrefix(for url: URL) -> String {
        ".\(url.lastPathComponent).tmp-"
    }

    /// The mode given to `open` passes through the umask, which could only remove bits; set it
    /// exactly, so a umask of 000 gives 0600 too and the file is never readable by others.
    private static func restrict(_ fd: Int32, path: String) throws(AtomicWriteError) {
        guard fchmod(fd, fileMode) == 0 else { throw AtomicWriteError(path: path, operation: "fchmod", errno: errno) }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(AtomicWriteError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return writeSome(fd, base + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw AtomicWriteError(path: path, operation: "write", errno: errno)
            }
            guard written > 0 else { throw AtomicWriteError(path: path, operation: "write", errno: EIO) }
            offset += written
        }
    }

    /// An unnamed file in `folder`, or nil where the system or file system has no `O_TMPFILE`.
    private static func openUnnamed(inFolder folder: String) -> Int32? {
        #if os(Linux)
            // O_TMPFILE is `__O_TMPFILE | O_DIRECTORY`, a macro Swift does not import; __O_TMPFILE is
            // 020000000 on every Linux architecture Swift runs on.
            let fd = open(folder, 0o2000_0000 | O_DIRECTORY | O_WRONLY | O_CLOEXEC, fileMode)
            return fd >= 0 ? fd : nil
        #else
            return nil
        #endif
    }
}

/// A file-system call that failed while writing an output.
public struct AtomicWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var errno: Int32

    public init(path: String, operation: String, errno: Int32) {
        self.path = path
        self.operation = operation
        self.errno = errno
    }

    public var description: String {
        "\(operation) \(path): \(String(cString: strerror(errno)))"
    }

    /// What went wrong, in words an office's staff can act on (never the C library's English).
    public var reason: OutputProblem { OutputProblem(errno: errno, path: path) }
}

/// Why an output could not be written: the few causes a user can fix, each with its message in both
/// languages, and the rest as the error number (rare, and then worth reporting as it is).
public enum OutputProblem: Sendable, Equatable {
    case folderMissing
    case permissionDenied
    case readOnlyFileSystem
    case diskFull
    /// A file stands where a folder is needed.
    case notAFolder(path: String)
    case other(errno: Int32)

    public init(errno code: Int32, path: String) {
        switch code {
        case ENOENT: self = .folderMissing
        case EACCES, EPERM: self = .permissionDenied
        case EROFS: self = .readOnlyFileSystem
        case ENOSPC, EDQUOT: self = .diskFull
        case ENOTDIR, EEXIST: self = .notAFolder(path: Self.fileInTheWay(of: path) ?? path)
        default: self = .other(errno: code)
        }
    }

    /// The first part of `path` that exists and is not a folder: what stands where a folder is needed.
    static func fileInTheWay(of path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            var info = stat()
            guard stat(prefix, &info) == 0 else { return nil }
            if info.st_mode & S_IFMT != S_IFDIR { return path.hasPrefix("/") ? prefix : String(prefix.dropFirst(2)) }
        }
        return nil
    }

    public var chinese: String {
        switch self {
        case .folderMissing: "資料夾不存在，也無法建立"
        case .permissionDenied: "沒有寫入權限"
        case .readOnlyFileSystem: "所在的檔案系統是唯讀的"
        case .diskFull: "磁碟空間（或配額）已滿"
        case .notAFolder(let path): "「\(path)」是檔案，不是資料夾"
        case .other(let code): "系統錯誤（錯誤碼 \(code)）"
        }
    }

    public var english: String {
        switch self {
        case .folderMissing: "the folder does not exist and cannot be created"
        case .permissionDenied: "permission denied"
        case .readOnlyFileSystem: "the file system is read-only"
        case .diskFull: "the disk (or quota) is full"
        case .notAFolder(let path): "“\(path)” is a file, not a folder"
        case .other(let code): "system error (errno \(code))"
        }
    }
}

// File-scope wrappers: inside `AtomicFile` the name `write` means its own method.
private func writeSome(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}

private func openFolder(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
}
