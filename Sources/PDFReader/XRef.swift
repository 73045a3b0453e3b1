/// Reading cross-reference sections (§7.5.4, §7.5.8) and rebuilding them by scanning when they are damaged.
extension ObjectStore {
    /// Reads the chain of sections from the last `startxref`, newest first, into `entries`; returns the
    /// merged trailer. Throws when the newest section cannot be read (the caller then rebuilds).
    func readXRefChain() throws(PDFReadError) -> [String: PDFObject] {
        guard let startxref = lastOccurrence(of: "startxref") else { throw .malformed("no startxref") }
        var p = Parser(bytes: bytes, pos: startxref + 9, maxDepth: limits.maxDepth)
        guard let firstOffset = p.readUnsigned() else { throw .malformed("bad startxref") }
        var trailer: [String: PDFObject] = [:]
        var visited: Set<Int> = []
        var next: Int? = firstOffset
        var sections = 0
        while let offset = next {
            // A /Prev chain that comes back to a section already read ends here instead of looping.
            guard visited.insert(offset).inserted else { break }
            sections += 1
            guard sections <= limits.maxXRefSections else { throw .limitExceeded("xref sections") }
            let section: (entries: [Int: XRefEntry], trailer: [String: PDFObject])
            do throws(PDFReadError) {
                section = try readSection(at: offset)
            } catch {
                if case .limitExceeded = error { throw error }
                // An unreadable older section leaves the newer data usable; validation will catch gaps.
                if sections == 1 { throw error }
                break
            }
            for (n, e) in section.entries where entries[n] == nil { entries[n] = e }
            guard entries.count <= limits.maxObjects else { throw .limitExceeded("xref entries") }
            for (k, v) in section.trailer where trailer[k] == nil { trailer[k] = v }
            next = section.trailer["Prev"]?.intValue
        }
        return trailer
    }

    func lastOccurrence(of word: String) -> Int? {
        let w = Array(word.utf8)
        guard bytes.count >= w.count else { return nil }
        var i = bytes.count - w.count
        while i >= 0 {
            if bytes[i] == w[0], bytes[i..<(i + w.count)].elementsEqual(w) { return i }
            i -= 1
        }
        return nil
    }

    private func readSection(at offset: Int) throws(PDFReadError) -> (
        entries: [Int: XRefEntry], trailer: [String: PDFObject]
    ) {
        guard offset >= 0, offset < bytes.count else { throw .malformed("xref offset outside file") }
        var p = Parser(bytes: bytes, pos: offset, maxDepth: limits.maxDepth)
        if p.accept("xref") {
            var (table, trailer) = try readTable(&p)
            // Hybrid file: objects in object streams are listed in the stream named by /XRefStm.
            if let stmOffset = trailer["XRefStm"]?.intValue,
                let stm = try? readXRefStream(at: stmOffset)
            {
                for (n, e) in stm.entries {
                    if table[n] == nil || table[n] == .free { table[n] = e }
                }
                trailer["XRefStm"] = nil
            }
            return (table, trailer)
        }
        return try readXRefStream(at: offset)
    }

    private func readTable(_ p: inout Parser) throws(PDFReadError) -> ([Int: XRefEntry], [String: PDFObject]) {
        var table: [Int: XRefEntry] = [:]
        while !p.accept("trailer") {
            guard let start = p.readUnsigned(), let count = p.readUnsigned() else {
                throw .malformed("bad xref subsection at \(p.pos)")
            }
            // Each entry takes at least 6 bytes ("0 0 n "), so a larger count is a lie, not a big file.
            guard count <= (bytes.count - p.pos) / 6 else { throw .malformed("xref count too large") }
            guard table.count + count <= limits.maxObjects else { throw .limitExceeded("xref entries") }
            for i in 0..<count {
                guard let off = p.readUnsigned(), p.readUnsigned() != nil else {
                    throw .malformed("bad xref entry at \(p.pos)")
                }
                let kind = p.peekKeyword()
                p.pos = kind.endIndex
                let (number, overflow) = start.addingReportingOverflow(i)
                guard !overflow else { throw .malformed("xref object number overflow") }
                guard table[number] == nil else { continue }
                if kind.elementsEqual("n".utf8), off > 0 {
                    table[number] = .offset(off)
                } else if kind.elementsEqual("f".utf8) || kind.elementsEqual("n".utf8) {
                    table[number] = .free
                } else {
                    throw .malformed("bad xref entry type at \(p.pos)")
                }
            }
        }
        guard case .dictionary(let trailer) = try p.parseObject() else { throw .malformed("trailer is not a dictionary") }
        return (table, trailer)
    }

    /// A cross-reference stream (§7.5.8): rows of `/W` big-endian fields over the `/Index` ranges.
    private func readXRefStream(at offset: Int) throws(PDFReadError) -> (
        entries: [Int: XRefEntry], trailer: [String: PDFObject]
    ) {
        guard case .stream(let stream) = try parseObject(at: offset).value,
            stream.dictionary["Type"]?.nameValue == "XRef"
        else { throw .malformed("no xref stream at \(offset)") }
        let dict = stream.dictionary
        guard let w = dict["W"]?.arrayValue?.compactMap(\.intValue), w.count == 3,
            w.allSatisfy({ (0...8).contains($0) })
        else { throw .malformed("bad /W") }
        let rowSize = w[0] + w[1] + w[2]
        guard rowSize > 0 else { throw .malformed("bad /W") }
        var ranges: [(Int, Int)] = []
        if let index = dict["Index"]?.arrayValue {
            var i = 0
            while i + 1 < index.count {
                if let s = index[i].intValue, let c = index[i + 1].intValue, s >= 0, c >= 0 { ranges.append((s, c)) }
                i += 2
            }
        } else if let size = dict["Size"]?.intValue, size >= 0 {
            ranges = [(0, size)]
        }
        // Decoding an xref stream uses only direct /Filter values, the table being not yet known.
        let data = try Filters.decode(
            stream.rawData, filters: directFilters(dict), budget: &structureBudget)
        var entries: [Int: XRefEntry] = [:]
        var pos = 0
        func field(_ width: Int, default value: Int) -> Int {
            if width == 0 { return value }
            var v: UInt64 = 0
            for k in 0..<width { v = v << 8 | UInt64(data[pos + k]) }
            pos += width
            return v > UInt64(Int.max) ? -1 : Int(v)
        }
        outer: for (start, count) in ranges {
            var i = 0
            while i < count {
                guard data.count - pos >= rowSize else { break outer }
                let type = field(w[0], default: 1)
                let f2 = field(w[1], default: 0)
                let f3 = field(w[2], default: 0)
                let (number, overflow) = start.addingReportingOverflow(i)
                i += 1
                guard !overflow, entries[number] == nil else { continue }
                switch type {
                case 0: entries[number] = .free
                case 1: entries[number] = f2 > 0 ? .offset(f2) : .free
                case 2: if f2 >= 0, f3 >= 0 { entries[number] = .compressed(stream: f2, index: f3) }
                default: break  // unknown types are ignored (§7.5.8.3)
                }
                guard entries.count <= limits.maxObjects else { throw .limitExceeded("xref entries") }
            }
        }
        var trailer = dict
        for key in ["W", "Index", "Filter", "DecodeParms", "Length", "Type"] { trailer[key] = nil }
        return (entries, trailer)
    }

    private func directFilters(_ dict: [String: PDFObject]) -> [(name: String, parms: [String: PDFObject])] {
        var names: [String] = []
        switch dict["Filter"] {
        case .name(let n)?: names = [n]
        case .array(let a)?: names = a.compactMap(\.nameValue)
        default: break
        }
        var result: [(name: String, parms: [String: PDFObject])] = []
        for (i, n) in names.prefix(16).enumerated() {
            var parms: [String: PDFObject] = [:]
            switch dict["DecodeParms"] {
            case .dictionary(let d)? where i == 0: parms = d
            case .array(let a)? where i < a.count: parms = a[i].dictionaryValue ?? [:]
            default: break
            }
            result.append((n, parms))
        }
        return result
    }

    /// True when every in-use entry points at the header of the object it names.
    func entriesLookValid() -> Bool {
        for (number, entry) in entries {
            guard case .offset(let o) = entry else { continue }
            guard o < bytes.count else { return false }
            var p = Parser(bytes: bytes, pos: o, maxDepth: limits.maxDepth)
            guard p.readUnsigned() == number, p.readUnsigned() != nil, p.accept("obj") else { return false }
        }
        return true
    }

    /// Rebuilds the cross-reference data by scanning for `n g obj` headers (later ones win, as in an
    /// incremental update) and object streams; returns trailer candidates found on the way, newest first.
    func rebuildByScanning() throws(PDFReadError) -> [[String: PDFObject]] {
        var scanned: [Int: Int] = [:]
        for p in occurrences(of: "obj", in: bytes) {
            if let (n, start) = objectHeader(endingAt: p) { scanned[n] = start }
        }
        guard scanned.count <= limits.maxObjects else { throw .limitExceeded("objects") }
        let old = entries
        entries = [:]
        for (n, o) in scanned { entries[n] = .offset(o) }
        // Compressed entries from the damaged table are still the best guess for objects not found directly.
        for (n, e) in old where entries[n] == nil {
            if case .compressed = e { entries[n] = e }
        }
        resetCaches()
        var trailers: [[String: PDFObject]] = []
        // Trailer dictionaries of classic sections, newest (last in the file) first.
        for t in occurrences(of: "trailer", in: bytes).reversed() {
            var p = Parser(bytes: bytes, pos: t + 7, maxDepth: limits.maxDepth)
            if case .dictionary(let d)? = try? p.parseObject() { trailers.append(d) }
        }
        // Object streams and xref streams among the scanned objects.
        for (n, o) in scanned.sorted(by: { $0.value > $1.value }) {
            guard let parsed = try? parseObject(at: o), case .stream(let s) = parsed.value else { continue }
            switch s.dictionary["Type"]?.nameValue {
            case "XRef"?:
                trailers.append(s.dictionary)
            case "ObjStm"?:
                let objects = try loadObjectStream(n)
                for (k, _) in objects where entries[k] == nil {
                    entries[k] = .compressed(stream: n, index: 0)
                }
            default:
                break
            }
            guard entries.count <= limits.maxObjects else { throw .limitExceeded("objects") }
        }
        resetCaches()
        return trailers
    }

    /// If the `obj` keyword at `p` ends a header `n g obj`, its object number and the header's start.
    private func objectHeader(endingAt p: Int) -> (Int, Int)? {
        let after = p + 3
        if after < bytes.count, isRegular(bytes[after]) { return nil }
        var i = p - 1
        func skipSpaces() -> Bool {
            let s = i
            while i >= 0, isWhitespace(bytes[i]) { i -= 1 }
            return i < s
        }
        func digits() -> (value: Int, start: Int)? {
            let end = i
            while i >= 0, isDigit(bytes[i]), end - i < 10 { i -= 1 }
            guard i < end else { return nil }
            var v = 0
            for k in (i + 1)...end { v = v * 10 + Int(bytes[k] - 0x30) }
            return (v, i + 1)
        }
        guard skipSpaces(), digits() != nil, skipSpaces(), let num = digits() else { return nil }
        if i >= 0, isRegular(bytes[i]) { return nil }
        return (num.value, num.start)
    }
}
