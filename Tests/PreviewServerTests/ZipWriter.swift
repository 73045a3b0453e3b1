import CZlib
import Foundation

/// Zips made by the tests themselves, entry by entry, with paths and kinds as given (hostile ones
/// included): stored or raw-deflated, a symbolic link as a Unix-made entry of mode 120777.
enum EntryKind { case file, directory, symlink }

func zipArchive(_ entries: [(path: String, kind: EntryKind, data: Data)], compress: Bool = true) throws -> Data {
    var out: [UInt8] = []
    var central: [UInt8] = []
    func le16(_ v: Int, _ into: inout [UInt8]) { into += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func le32(_ v: Int, _ into: inout [UInt8]) { le16(v & 0xFFFF, &into); le16(v >> 16 & 0xFFFF, &into) }
    for entry in entries {
        let raw = [UInt8](entry.data)
        let deflated = compress && entry.kind == .file
        let stored = deflated ? deflateRaw(raw) : raw
        let crc = raw.withUnsafeBufferPointer { Int(crc32(0, $0.baseAddress, UInt32($0.count))) }
        let name = Array(entry.path.utf8)
        let offset = out.count
        le32(0x0403_4B50, &out); le16(20, &out); le16(0x0800, &out); le16(deflated ? 8 : 0, &out)
        le16(0, &out); le16(0x21, &out); le32(crc, &out); le32(stored.count, &out); le32(raw.count, &out)
        le16(name.count, &out); le16(0, &out); out += name; out += stored
        let mode = switch entry.kind {
        case .file: 0o100644
        case .directory: 0o040755
        case .symlink: 0o120777
        }
        le32(0x0201_4B50, &central); le16(3 << 8 | 20, &central); le16(20, &central); le16(0x0800, &central)
        le16(deflated ? 8 : 0, &central); le16(0, &central); le16(0x21, &central); le32(crc, &central)
        le32(stored.count, &central); le32(raw.count, &central); le16(name.count, &central); le16(0, &central)
        le16(0, &central); le16(0, &central); le16(0, &central); le32(mode << 16, &central); le32(offset, &central)
        central += name
    }
    let centralOffset = out.count
    out += central
    le32(0x0605_4B50, &out); le16(0, &out); le16(0, &out); le16(entries.count, &out); le16(entries.count, &out)
    le32(central.count, &out); le32(centralOffset, &out); le16(0, &out)
    return Data(out)
}

func deflateRaw(_ input: [UInt8]) -> [UInt8] {
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    defer { stream.deallocate() }
    deflateInit2_(stream, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    defer { deflateEnd(stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, UInt(input.count))) + 64)
    let produced = input.withUnsafeBufferPointer { source in
        output.withUnsafeMutableBufferPointer { target -> Int in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.pointee.avail_in = UInt32(source.count)
            stream.pointee.next_out = target.baseAddress
            stream.pointee.avail_out = UInt32(target.count)
            deflate(stream, Z_FINISH)
            return target.count - Int(stream.pointee.avail_out)
        }
    }
    return Array(output[0..<produced])
}
