import CZlib

/// Decoding of stream filters (§7.4). Every decoder writes at most `budget` bytes and subtracts what it
/// wrote, so a decompression bomb stops at the limit instead of exhausting memory.
enum Filters {
    /// Filters whose data is kept encoded: the writer copies such image streams unchanged.
    static let passThrough: Set<String> = ["DCTDecode", "DCT", "JPXDecode", "CCITTFaxDecode", "CCF", "JBIG2Decode"]

    static func decode(
        _ data: [UInt8], filters: [(name: String, parms: [String: PDFObject])], budget: inout Int
    ) throws(PDFReadError) -> [UInt8] {
        var current = data
        for (name, parms) in filters {
            switch name {
            case "FlateDecode", "Fl":
                current = try inflate(current, budget: &budget)
                current = try applyPredictor(current, parms: parms)
            case "LZWDecode", "LZW":
                let early = parms["EarlyChange"]?.intValue ?? 1
                current = try lzw(current, earlyChange: early != 0, budget: &budget)
                current = try applyPredictor(current, parms: parms)
            case "ASCIIHexDecode", "AHx":
                current = try asciiHex(current, budget: &budget)
            case "ASCII85Decode", "A85":
                current = try ascii85(current, budget: &budget)
            case "RunLengthDecode", "RL":
                current = try runLength(current, budget: &budget)
            case "Crypt" where (parms["Name"]?.nameValue ?? "Identity") == "Identity":
                // A stream's own crypt filter; any other than Identity was applied (and removed) when the
                // object was read from an encrypted file.
                break
            default:
                throw .unsupportedFilter(name)
            }
        }
        return current
    }

    @inline(__always) static func spend(_ n: Int, _ budget: inout Int) throws(PDFReadError) {
        guard n <= budget else { throw .limitExceeded("decoded bytes") }
        budget -= n
    }

    // MARK: Flate

    static func inflate(_ input: [UInt8], budget: inout Int) throws(PDFReadError) -> [UInt8] {
        // zlib keeps a back-pointer to its z_stream, so it must live at a fixed address for the whole run.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard inflateInit_(stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .malformed("zlib init failed")
        }
        defer { inflateEnd(stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var failure: PDFReadError? = nil
        input.withUnsafeBufferPointer { inBuf in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
            stream.pointee.avail_in = UInt32(clamping: inBuf.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(out.count)
                    let s = CZlib.inflate(stream, Z_NO_FLUSH)
                    return (s, out.count - Int(stream.pointee.avail_out))
                }
                if produced > budget {
                    failure = .limitExceeded("decoded bytes")
                    return
                }
                budget -= produced
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END { return }
                // Damaged or truncated data: keep what was decoded, as other readers do.
                if status != Z_OK { return }
                if produced == 0 && stream.pointee.avail_in == 0 { return }
            }
        }
        if let failure { throw failure }
        return output
    }

    // MARK: Predictors (§7.4.4.4)

    static func applyPredictor(_ data: [UInt8], parms: [String: PDFObject]) throws(PDFReadError) -> [UInt8] {
        let predictor = parms["Predictor"]?.intValue ?? 1
        if predictor <= 1 { return data }
        let colors = parms["Colors"]?.intValue ?? 1
        let bpc = parms["BitsPerComponent"]?.intValue ?? 8
        let columns = parms["Columns"]?.intValue ?? 1
        guard (1...32).contains(colors), [1, 2, 4, 8, 16].contains(bpc), (1...1_000_000).contains(columns) else {
            throw .malformed("bad predictor parameters")
        }
        let bitsPerPixel = colors * bpc
        // A row longer than the data is never filled, so cap it to keep allocations proportional to input.
        let rowLength = min((bitsPerPixel * columns + 7) / 8, max(1, data.count))
        let bpp = max(1, bitsPerPixel / 8)
        if predictor == 2 {
            return tiffPredictor(data, rowLength: rowLength, colors: colors, bpc: bpc)
        }
        // PNG predictors: each row carries its own filter type byte.
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var prev = [UInt8](repeating: 0, count: rowLength)
        var row = [UInt8](repeating: 0, count: rowLength)
        var i = 0
        while i < data.count {
            let type = data[i]
            i += 1
            let n = min(rowLength, data.count - i)
            for k in 0..<rowLength { row[k] = k < n ? data[i + k] : 0 }
            i += n
            for k in 0..<rowLength {
                let left: UInt8 = k >= bpp ? row[k - bpp] : 0
                let up = prev[k]
                let upLeft: UInt8 = k >= bpp ? prev[k - bpp] : 0
                switch type {
                case 1: row[k] = row[k] &+ left
                case 2: row[k] = row[k] &+ up
                case 3: row[k] = row[k] &+ UInt8((Int(left) + Int(up)) / 2)
                case 4:
                    let p = Int(left) + Int(up) - Int(upLeft)
                    let pa = abs(p - Int(left)), pb = abs(p - Int(up)), pc = abs(p - Int(upLeft))
                    let pred = (pa <= pb && pa <= pc) ? left : (pb <= pc ? up : upLeft)
                    row[k] = row[k] &+ pred
                default: break  // 0 = None; unknown types are left as they are
                }
            }
            out.append(contentsOf: row[0..<n])
            swap(&prev, &row)
        }
        return out
    }

    static func tiffPredictor(_ data: [UInt8], rowLength: Int, colors: Int, bpc: Int) -> [UInt8] {
        // Only 8- and 16-bit components are used in practice; other depths are returned undecoded.
        guard bpc == 8 || bpc == 16 else { return data }
        var out = data
        let step = colors * (bpc / 8)
        var rowStart = 0
        while rowStart < out.count {
            let rowEnd = min(rowStart + rowLength, out.count)
            if bpc == 8 {
                var k = rowStart + step
                while k < rowEnd {
                    out[k] = out[k] &+ out[k - step]
                    k += 1
                }
            } else {
                var k = rowStart + step
                while k + 1 < rowEnd {
                    let cur = UInt16(out[k]) << 8 | UInt16(out[k + 1])
                    let left = UInt16(out[k - step]) << 8 | UInt16(out[k - step + 1])
                    let v = cur &+ left
                    out[k] = UInt8(v >> 8)
                    out[k + 1] = UInt8(v & 0xFF)
                    k += 2
                }
            }
            rowStart += rowLength
        }
        return out
    }

    // MARK: ASCII filters

    static func asciiHex(_ input: [UInt8], budget: inout Int) throws(PDFReadError) -> [UInt8] {
        var out: [UInt8] = []
        var high: UInt8? = nil
        for c in input {
            if c == UInt8(ascii: ">") { break }
            guard let v = hexValue(c) else {
                if isWhitespace(c) { continue }
                throw .malformed("bad ASCIIHex data")
            }
            if let h = high {
                try spend(1, &budget)
                out.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        if let h = high {
            try spend(1, &budget)
            out.append(h << 4)
        }
        return out
    }

    static func ascii85(_ input: [UInt8], budget: inout Int) throws(PDFReadError) -> [UInt8] {
        var out: [UInt8] = []
        var group: [UInt32] = []
        var i = 0
        // Skip an optional `<~` prefix, which some producers leave in.
        if input.count >= 2, input[0] == UInt8(ascii: "<"), input[1] == UInt8(ascii: "~") { i = 2 }
        func flush(_ g: [UInt32], count: Int, into out: inout [UInt8]) {
            var v: UInt32 = 0
            for k in 0..<5 { v = v &* 85 &+ (k < g.count ? g[k] : 84) }
            let b = [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
            out.append(contentsOf: b[0..<count])
        }
        while i < input.count {
            let c = input[i]
            i += 1
            if isWhitespace(c) { continue }
            if c == UInt8(ascii: "~") { break }
            if c == UInt8(ascii: "z"), group.isEmpty {
                try spend(4, &budget)
                out.append(contentsOf: [0, 0, 0, 0])
                continue
            }
            guard c >= 33, c <= 117 else { throw .malformed("bad ASCII85 data") }
            group.append(UInt32(c - 33))
            if group.count == 5 {
                try spend(4, &budget)
                flush(group, count: 4, into: &out)
                group.removeAll(keepingCapacity: true)
            }
        }
        if group.count >= 2 {
            try spend(group.count - 1, &budget)
            flush(group, count: group.count - 1, into: &out)
        }
        return out
    }

    // MARK: LZW (§7.4.4.2)

    static func lzw(_ input: [UInt8], earlyChange: Bool, budget: inout Int) throws(PDFReadError) -> [UInt8] {
        var out: [UInt8] = []
        // The table holds (prefix code, last byte, length) so entries are built without copying strings.
        var prefix = [Int](repeating: -1, count: 4096)
        var suffix = [UInt8](repeating: 0, count: 4096)
        var length = [Int](repeating: 1, count: 4096)
        for k in 0..<256 { suffix[k] = UInt8(k) }
        var next = 258
        var codeBits = 9
        var previous = -1
        var bitBuffer: UInt32 = 0
        var bitCount = 0
        var i = 0
        var scratch = [UInt8](repeating: 0, count: 4096)

        func emit(_ code: Int, into out: inout [UInt8]) -> UInt8 {
            // Walk the prefix chain backwards; chains are at most 4096 long by construction.
            let n = length[code]
            var c = code
            var k = n - 1
            while k >= 0, c >= 0 {
                scratch[k] = suffix[c]
                c = prefix[c]
                k -= 1
            }
            out.append(contentsOf: scratch[0..<n])
            return scratch[0]
        }

        while true {
            while bitCount < codeBits, i < input.count {
                bitBuffer = (bitBuffer << 8) | UInt32(input[i])
                bitCount += 8
                i += 1
            }
            if bitCount < codeBits { break }
            let code = Int((bitBuffer >> UInt32(bitCount - codeBits)) & ((1 << UInt32(codeBits)) - 1))
            bitCount -= codeBits
            bitBuffer &= (1 << UInt32(bitCount)) &- 1
            if code == 257 { break }
            if code == 256 {
                next = 258
                codeBits = 9
                previous = -1
                continue
            }
            if previous < 0 {
                guard code < 256 else { throw .malformed("bad LZW code") }
                try spend(1, &budget)
                out.append(UInt8(code))
                previous = code
                continue
            }
            var first: UInt8
            if code < next {
                try spend(length[code], &budget)
                first = emit(code, into: &out)
            } else if code == next {
                // The KwKwK case: the new string is the previous one plus its own first byte.
                try spend(length[previous] + 1, &budget)
                first = emit(previous, into: &out)
                out.append(first)
            } else {
                throw .malformed("bad LZW code")
            }
            if next < 4096 {
                prefix[next] = previous
                suffix[next] = first
                length[next] = length[previous] + 1
                next += 1
            }
            let threshold = earlyChange ? next + 1 : next
            if threshold >= (1 << codeBits), codeBits < 12 { codeBits += 1 }
            previous = code
            _ = first
        }
        return out
    }

    // MARK: RunLength (§7.4.5)

    static func runLength(_ input: [UInt8], budget: inout Int) throws(PDFReadError) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < input.count {
            let n = Int(input[i])
            i += 1
            if n == 128 { break }
            if n < 128 {
                let count = min(n + 1, input.count - i)
                try spend(count, &budget)
                out.append(contentsOf: input[i..<(i + count)])
                i += count
            } else {
                guard i < input.count else { break }
                try spend(257 - n, &budget)
                out.append(contentsOf: repeatElement(input[i], count: 257 - n))
                i += 1
            }
        }
        return out
    }
}
