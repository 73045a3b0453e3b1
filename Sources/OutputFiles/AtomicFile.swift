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

/// Writes a file so that readers see either the old state or the whole new file, never a part:
/// a temporary file in the same folder (same file system, so `rename` is atomic), fsync, rename.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to url: URL) throws(AtomicWriteError) {
        let finalPath = url.path
        let folder = url.deletingLastPathComponent().path
        // Hidden, and unique per process and attempt, so parallel writers never collide.
        let suffix = String(UInt32.random(in: .min ... .max), radix: 16)
        let tempName = ".\(url.lastPathComponent).tmp-\(getpid())-\(suffix)"
        let tempPath = folder.hasSuffix("/") ? folder + tempName : folder + "/" + tempName

        let fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicWriteError(path: tempPath, operation: "open", errno: errno) }
        var isOpen = true
        var renamed = false
        defer {
            if isOpen { close(fd) }
            if !renamed { unlink(tempPath) }
        }

        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return writeSome(fd, base + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw AtomicWriteError(path: tempPath, operation: "write", errno: errno)
            }
            guard written > 0 else { throw AtomicWriteError(path: tempPath, operation: "write", errno: EIO) }
            offset += written
        }
        // The data must be on disk before the name points at it, or a crash could show an empty file.
        guard fsync(fd) == 0 else { throw AtomicWriteError(path: tempPath, operation: "fsync", errno: errno) }
        isOpen = false
        guard close(fd) == 0 else { throw AtomicWriteError(path: tempPath, operation: "close", errno: errno) }
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
