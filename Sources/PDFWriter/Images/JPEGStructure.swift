// A JPEG's structure from start to end, without decoding it: the PDF carries the bytes as they are
// (DCTDecode), so a file cut off in its scan data would be drawn half blank by every viewer. The
// walk checks what a complete baseline or progressive file has: SOI, marker segments within the
// data, a frame header (SOF) before the first scan, every scan (SOS) followed by entropy-coded
// data, and EOI after the last. Bytes after EOI are allowed (cameras append previews and maker data).

/// What is wrong with an incomplete JPEG.
public enum JPEGDamage: Hashable, Sendable, CustomStringConvertible {
    /// The file does not begin with the start-of-image marker.
    case noStartOfImage
    /// A marker segment's length runs past the end of the file.
    case segmentPastEnd
    /// A scan comes before any frame header, or there is none.
    case noFrameHeader
    /// The file ends (or reaches EOI) before any scan.
    case noScan
    /// A scan header is followed by no coded data.
    case emptyScan
    /// The data ends without the end-of-image marker: the file was cut off.
    case noEndOfImage
    /// Something other than a marker where one must be.
    case markerExpected(offset: Int)

    public var description: String {
        switch self {
        case .noStartOfImage: "no start-of-image marker"
        case .segmentPastEnd: "a marker segment runs past the end of the file"
        case .noFrameHeader: "no frame header (SOF) before the first scan"
        case .noScan: "no image data (no scan)"
        case .emptyScan: "a scan without data"
        case .noEndOfImage: "the file ends before the end-of-image marker (cut off)"
        case .markerExpected(let offset): "no marker at byte \(offset)"
        }
    }
}

enum JPEGStructure {
    /// Throws `.jpegDamaged` for the first problem found. Linear in the file's length; every read is
    /// bounds-checked.
    static func check(_ bytes: [UInt8]) throws(PDFWriterError) {
        let count = bytes.count
        guard count >= 2, bytes[0] == 0xFF, bytes[1] == 0xD8 else { throw .jpegDamaged(.noStartOfImage) }
        var offset = 2
        var sawFrame = false
        var sawScan = false
        while true {
            guard offset < count else { throw .jpegDamaged(sawScan ? .noEndOfImage : .noScan) }
            guard bytes[offset] == 0xFF else { throw .jpegDamaged(.markerExpected(offset: offset)) }
            while offset < count, bytes[offset] == 0xFF { offset += 1 }  // fill bytes
            guard offset < count else { throw .jpegDamaged(sawScan ? .noEndOfImage : .noScan) }
            let code = bytes[offset]
            offset += 1
            switch code {
            case 0xD9:
                guard sawScan else { throw .jpegDamaged(.noScan) }
                return
            case 0x01, 0xD0...0xD7:
                continue  // no length
            default:
                break
            }
            guard offset + 2 <= count else { throw .jpegDamaged(.segmentPastEnd) }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            guard length >= 2, offset + length <= count else { throw .jpegDamaged(.segmentPastEnd) }
            offset += length
            switch code {
            case 0xC0...0xCF where code != 0xC4 && code != 0xC8 && code != 0xCC:
                sawFrame = true
            case 0xDA:
                guard sawFrame else { throw .jpegDamaged(.noFrameHeader) }
                sawScan = true
                offset = try skipScanData(bytes, from: offset)
            default:
                break
            }
        }
    }

    /// The offset of the marker that ends the entropy-coded data starting at `start`. Inside it,
    /// 0xFF is followed by 0x00 (a stuffed byte), a restart marker, or more 0xFF fill.
    private static func skipScanData(_ bytes: [UInt8], from start: Int) throws(PDFWriterError) -> Int {
        var offset = start
        let count = bytes.count
        while offset < count {
            if bytes[offset] != 0xFF {
                offset += 1
                continue
            }
            var next = offset + 1
            while next < count, bytes[next] == 0xFF { next += 1 }
            guard next < count else { break }
            let code = bytes[next]
            if code == 0x00 || (0xD0...0xD7).contains(code) {
                offset = next + 1
                continue
            }
            // A real marker: the scan is over. It must have held some data.
            guard offset > start else { throw .jpegDamaged(.emptyScan) }
            return offset
        }
        throw .jpegDamaged(.noEndOfImage)
    }
}
