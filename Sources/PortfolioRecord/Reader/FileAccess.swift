import Crypto
import Diagnostics
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading files of an applicant folder safely: only regular files (a FIFO would block the run),
/// bounded sizes, digests computed while streaming.
enum FileAccess {
    /// What `stat` says of a path, following links.
    enum Kind { case regular(size: Int), directory, other, absent }

    static func kind(atPath path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .absent }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: Int(info.st_size))
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The canonical absolute path (links resolved), or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Reads a whole regular file no larger than `limit` bytes.
    static func readAll(atPath path: String, limit: Int) throws(DiagnosticKind) -> [UInt8] {
        guard case .regular(let size) = kind(atPath: path) else {
            throw .fileUnreadable(reason: "not a regular file")
        }
        guard size <= limit else { throw .fileTooLarge(size: size, limit: limit) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .fileUnreadable(reason: "permission denied")
        }
        defer { try? handle.close() }
        do {
            // Read up to limit + 1 so a file that grew after stat is still caught.
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            guard data.count <= limit else { throw DiagnosticKind.fileTooLarge(size: data.count, limit: limit) }
            return [UInt8](data)
        } catch let kind as DiagnosticKind {
            throw kind
        } catch {
            throw .fileUnreadable(reason: "I/O error")
        }
    }

    struct Digests {
        var size: Int
        var sha256: String
        var md5: String
    }

    /// Streams a regular file through SHA-256 and MD5 in 1 MiB chunks (attachments may be large).
    static func digests(atPath path: String) throws(DiagnosticKind) -> Digests {
        guard case .regular = kind(atPath: path) else { throw .fileUnreadable(reason: "not a regular file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .fileUnreadable(reason: "permission denied")
        }
        defer { try? handle.close() }
        var sha = SHA256()
        var md5 = Insecure.MD5()
        var size = 0
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                sha.update(data: chunk)
                md5.update(data: chunk)
                size += chunk.count
            }
        } catch {
            throw .fileUnreadable(reason: "I/O error")
        }
        return Digests(size: size, sha256: hex(sha.finalize()), md5: hex(md5.finalize()))
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        sha256Hex(bytes)
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
    FileAccess.hex(SHA256.hash(data: bytes))
}
