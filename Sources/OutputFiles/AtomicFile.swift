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
            try restrict(fd, path: tempPath)
            try writeAll(bytes, to: fd, path: tempPath)
            // The data must be on disk before any name points at it.
            guard fsync(fd) == 0 else { throw AtomicWriteError(path: tempPath, operation: "fsync", errno: errno) }
            // Naming goes through /proc; without it, the named way below is taken instead.
            if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, tempPath, AT_SYMLINK_FOLLOW) == 0 {
                named = true
                isOpen = false
                guard close(fd) == 0 else { throw AtomicWriteError(path: tempPath, operation: "close", errno: errno) }
            }
        }
        if !named {
            let fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
            guard fd >= 0 else { throw AtomicWriteError(path: tempPath, operation: "open", errno: errno) }
            named = true
            var isOpen = true
            defer { if isOpen { close(fd) } }
            try restrict(fd, path: tempPath)
            try writeAll(bytes, to: fd, path: tempPath)
            guard fsync(fd) == 0 else { throw AtomicWriteError(path: tempPath, operation: "fsync", errno: errno) }
            isOpen = false
            guard close(fd) == 0 else { throw AtomicWriteError(path: tempPath, operation: "close", errno: errno) }
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
}

// File-scope wrappers: inside `AtomicFile` the name `write` means its own method.
private func writeSome(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}

private func openFolder(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
}
