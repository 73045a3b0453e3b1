import Foundation
import CZlib

/// Why an uploaded zip was refused. Each case carries what its message needs.
public enum ArchiveRefusal: Error, Sendable, Equatable {
    /// More bytes than the upload limit.
    case tooLarge(limit: Int)
    /// Not a zip archive at all, or one this reader does not take (ZIP64, encrypted, a method other
    /// than stored or deflate, a damaged entry).
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

/// One entry of a zip's central directory, as the archive states it.
struct ZipEntry {
    var path: String
    var method: UInt16
    var flags: UInt16
    var crc: UInt32
    var compressedSize: Int
    var uncompressedSize: Int
    var localHeaderOffset: Int
    var isSymlink: Bool
    var isDirectory: Bool { path.hasSuffix("/") }
}

/// Unpacks an uploaded zip of a record into a private folder with our own reader (the central
/// directory, stored and deflated entries through zlib), refusing every entry that could reach
/// outside it (zip-slip, symlinks) and archives that inflate beyond the limits. Every entry is
/// checked before anything is written, and the bytes actually inflated are counted too, since the
/// sizes in the archive's directory are the sender's to choose.
public enum RecordArchive {
    public static func unpack(_ data: Data, into folder: URL, limits: ArchiveLimits = ArchiveLimits())
        throws(ArchiveRefusal) -> URL
    {
        guard data.count <= limits.uploadBytes else { throw .tooLarge(limit: limits.uploadBytes) }
        let bytes = [UInt8](data)
        let entries = try centralDirectory(bytes, limits: limits)
        var planned: [(entry: ZipEntry, components: [String])] = []
        var seen: Set<String> = []
        var declared = 0
        for entry in entries {
            let components = try safeComponents(entry.path)
            if entry.isSymlink { throw .symlink(entry.path) }
            let joined = components.joined(separator: "/")
            guard seen.insert(joined).inserted else { throw .duplicateEntry(entry.path) }
            declared += entry.uncompressedSize
            guard declared <= limits.unpackedBytes else { throw .unpackedTooLarge(limit: Int(limits.unpackedBytes)) }
            if UInt64(entry.uncompressedSize) > limits.ratioFloor,
                UInt64(entry.uncompressedSize) / UInt64(max(entry.compressedSize, 1)) > limits.ratio
            {
                throw .ratioTooHigh(entry.path)
            }
            guard entry.flags & 1 == 0, entry.method == 0 || entry.method == 8 else { throw .notAZip }
            if !components.isEmpty { planned.append((entry, components)) }
        }
        var written = 0
        for (entry, components) in planned {
            if entry.isDirectory {
                try makeFolders(components, in: folder)
                continue
            }
            try makeFolders(Array(components.dropLast()), in: folder)
            let content = try contents(of: entry, in: bytes, budget: Int(limits.unpackedBytes) - written)
            written += content.count
            let target = components.reduce(folder) { $0.appendingPathComponent($1) }
            // O_EXCL and O_NOFOLLOW: never through a file or link already there.
            let fd = open(target.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw .unpackFailed(entry.path) }
            defer { close(fd) }
            let complete = content.withUnsafeBytes { raw -> Bool in
                var offset = 0
                while offset < raw.count {
                    let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    guard n > 0 else { return false }
                    offset += n
                }
                return true
            }
            guard complete else { throw .unpackFailed(entry.path) }
        }
        return try recordFolder(in: folder)
    }

    static func u16(_ b: [UInt8], _ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
    static func u32(_ b: [UInt8], _ at: Int) -> Int { u16(b, at) | u16(b, at + 2) << 16 }

    /// The entries the end record's central directory lists; every offset checked against the bytes.
    static func centralDirectory(_ b: [UInt8], limits: ArchiveLimits) throws(ArchiveRefusal) -> [ZipEntry] {
        guard b.count >= 22 else { throw .notAZip }
        // The end record is in the last 22 + 65,535 bytes (its comment is at most that long).
        var end = -1
        var at = b.count - 22
        while at >= max(0, b.count - 22 - 65_535) {
            if b[at] == 0x50, b[at + 1] == 0x4B, b[at + 2] == 0x05, b[at + 3] == 0x06 {
                end = at
                break
            }
            at -= 1
        }
        guard end >= 0 else { throw .notAZip }
        let count = u16(b, end + 10)
        let size = u32(b, end + 12)
        let offset = u32(b, end + 16)
        // ZIP64 and multi-disk archives are not what a student's record needs.
        guard count != 0xFFFF, offset != 0xFFFF_FFFF, u16(b, end + 4) == 0, offset + size <= end else { throw .notAZip }
        guard count <= limits.entries else { throw .tooManyEntries(limit: limits.entries) }
        var entries: [ZipEntry] = []
        var position = offset
        for _ in 0..<count {
            guard position + 46 <= end, u32(b, position) == 0x0201_4B50 else { throw .notAZip }
            let nameLength = u16(b, position + 28)
            let next = position + 46 + nameLength + u16(b, position + 30) + u16(b, position + 32)
            guard next <= end else { throw .notAZip }
            let madeBy = u16(b, position + 4) >> 8
            let external = u32(b, position + 38)
            let mode = external >> 16
            // Unix (3) and macOS (19) archives keep the file mode in the high half.
            let isSymlink = (madeBy == 3 || madeBy == 19) && mode & 0o170000 == 0o120000
            entries.append(
                ZipEntry(
                    path: String(decoding: b[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self),
                    method: UInt16(u16(b, position + 10)), flags: UInt16(u16(b, position + 8)),
                    crc: UInt32(u32(b, position + 16)), compressedSize: u32(b, position + 20),
                    uncompressedSize: u32(b, position + 24), localHeaderOffset: u32(b, position + 42),
                    isSymlink: isSymlink))
            position = next
        }
        return entries
    }

    /// The entry's bytes, inflated at most to its stated size and to `budget`, checked by CRC-32.
    static func contents(of entry: ZipEntry, in b: [UInt8], budget: Int) throws(ArchiveRefusal) -> [UInt8] {
        let local = entry.localHeaderOffset
        guard local + 30 <= b.count, u32(b, local) == 0x0403_4B50 else { throw .notAZip }
        let start = local + 30 + u16(b, local + 26) + u16(b, local + 28)
        guard start + entry.compressedSize <= b.count else { throw .notAZip }
        guard entry.uncompressedSize <= budget else { throw .unpackedTooLarge(limit: budget) }
        let stored = Array(b[start..<(start + entry.compressedSize)])
        let content: [UInt8]
        if entry.method == 0 {
            content = stored
        } else {
            content = try inflateRaw(stored, limit: entry.uncompressedSize)
        }
        guard content.count == entry.uncompressedSize else { throw .unpackFailed(entry.path) }
        let crc = content.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
        guard UInt32(crc) == entry.crc else { throw .unpackFailed(entry.path) }
        return content
    }

    /// Raw deflate (no zlib header, as zip stores it), never more than `limit` bytes out.
    static func inflateRaw(_ input: [UInt8], limit: Int) throws(ArchiveRefusal) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard inflateInit2_(stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .notAZip
        }
        defer { inflateEnd(stream) }
        // In chunks: what is held grows with what is really inflated, not with the stated size.
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256 << 10)
        var status = Z_OK
        input.withUnsafeBufferPointer { source in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.pointee.avail_in = UInt32(source.count)
            while status == Z_OK, output.count <= limit {
                let produced = chunk.withUnsafeMutableBufferPointer { target -> Int in
                    stream.pointee.next_out = target.baseAddress
                    stream.pointee.avail_out = UInt32(target.count)
                    status = inflate(stream, Z_NO_FLUSH)
                    return target.count - Int(stream.pointee.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
                if produced == 0 && status == Z_OK { status = Z_DATA_ERROR }
            }
        }
        // More than stated is a lie of the directory: refused.
        guard output.count <= limit else { throw .unpackedTooLarge(limit: limit) }
        guard status == Z_STREAM_END else { throw .notAZip }
        return output
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

    static func makeFolders(_ components: [String], in folder: URL) throws(ArchiveRefusal) {
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
