/// A whole PDF file opened for checking rather than importing: the trailer, every object the
/// cross-reference data lists, decoded stream data, and the byte-level syntax around each object that
/// a checker of ISO 19005 needs (header, EOL markers around `obj`, `stream`, `endstream`, `endobj`).
/// Bounded by `Limits` like the importer: a hostile file ends in a `PDFReadError`, never a trap.
public struct PDFFileStructure {
    private let store: ObjectStore
    public let limits: Limits
    /// The file's bytes as given.
    public var bytes: [UInt8] { store.bytes }
    /// The merged trailer dictionary (the newest section's keys win), references unresolved.
    public let trailer: [String: PDFObject]
    /// True when the cross-reference data could not be used as written and was rebuilt by scanning.
    public let wasRepaired: Bool
    /// True when the trailer names `/Encrypt` (and the empty password opened it: else `init` throws).
    public var isEncrypted: Bool { trailer["Encrypt"] != nil }

    public init(bytes: [UInt8], limits: Limits = .default) throws(PDFReadError) {
        guard !bytes.isEmpty else { throw .empty }
        guard !occurrences(of: "%PDF-", in: Array(bytes.prefix(1024))).isEmpty else { throw .notPDF }
        self.limits = limits
        let store = ObjectStore(bytes: bytes, limits: limits)
        self.store = store
        var trailer: [String: PDFObject] = [:]
        var valid = false
        do throws(PDFReadError) {
            trailer = try store.readXRefChain()
            valid = !store.entries.isEmpty && store.entriesLookValid()
        } catch {
            if case .limitExceeded = error { throw error }
        }
        if valid {
            try store.openSecurity(trailer: trailer)
            wasRepaired = false
        } else {
            let scanned = try store.rebuildByScanning()
            if trailer["Root"] == nil, let found = scanned.first(where: { $0["Root"] != nil }) { trailer = found }
            if trailer["Encrypt"] != nil { try store.openSecurity(trailer: trailer) }
            wasRepaired = true
        }
        self.trailer = trailer
    }

    /// The numbers of the objects in use, ascending.
    public var objectNumbers: [Int] {
        store.entries.compactMap { number, entry in entry == .free ? nil : number }.sorted()
    }

    /// The newest value of object `number` (decrypted if the file was); `.null` when free or unreadable.
    public func object(_ number: Int) throws(PDFReadError) -> PDFObject { try store.resolve(number) }

    /// `value` with references followed to a direct value (bounded: a cycle ends as `.null`).
    public func resolve(_ value: PDFObject?) throws(PDFReadError) -> PDFObject { try store.deref(value) }

    /// A stream's data with its filters undone, paid from one budget for the whole file.
    public func decodedData(of stream: PDFStream) throws(PDFReadError) -> [UInt8] {
        try store.decode(stream, budget: &store.contentBudget)
    }

    /// The byte offset of object `number` when it is written directly in the file (not in an object stream).
    public func offset(of number: Int) -> Int? {
        if case .offset(let o)? = store.entries[number] { return o }
        return nil
    }

    /// The syntax around a directly written object (ISO 19005-3 6.1.7, 6.1.9), nil when there is none.
    public func syntax(ofObject number: Int) -> ObjectSyntax? {
        guard let start = offset(of: number), start < bytes.count else { return nil }
        return ObjectSyntax(bytes: bytes, start: start, maxDepth: limits.maxDepth, lengthOf: { [store] r in
            (try? store.resolve(r))?.intValue
        })
    }
}

/// How one directly written object is laid out in the file.
public struct ObjectSyntax: Sendable, Equatable {
    /// The object number is preceded by an EOL (or starts the file body), number and generation and
    /// `obj` are separated by single white-space characters, and `obj` is followed by an EOL.
    public var headerSpacing: Bool
    /// `endobj` is preceded and followed by an EOL.
    public var endobjSpacing: Bool
    /// For a stream: `stream` is followed by CR LF or a single LF.
    public var streamKeywordEOL: Bool?
    /// For a stream: `endstream` is preceded by an EOL.
    public var endstreamEOL: Bool?
    /// For a stream: `/Length` equals the bytes between the keyword's EOL and the EOL before `endstream`.
    public var lengthMatches: Bool?

    init(bytes: [UInt8], start: Int, maxDepth: Int, lengthOf: (Int) -> Int?) {
        func isEOL(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D }
        func isSpace(_ c: UInt8) -> Bool { isWhitespace(c) }
        // The header: digits, one white-space, digits, one white-space, "obj", EOL.
        var i = start
        var ok = start == 0 || isEOL(bytes[start - 1])
        func digits() -> Bool {
            let s = i
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            return i > s
        }
        ok = ok && digits()
        ok = ok && i < bytes.count && isSpace(bytes[i]) && !isEOL(bytes[i])
        i += 1
        ok = ok && digits()
        ok = ok && i < bytes.count && isSpace(bytes[i]) && !isEOL(bytes[i])
        i += 1
        ok = ok && i + 3 <= bytes.count && bytes[i..<(i + 3)].elementsEqual("obj".utf8)
        i += 3
        ok = ok && i < bytes.count && isEOL(bytes[i])
        headerSpacing = ok

        var parser = Parser(bytes: bytes, pos: start, maxDepth: maxDepth)
        _ = parser.readUnsigned()
        _ = parser.readUnsigned()
        _ = parser.accept("obj")
        let value = try? parser.parseObject()
        var end = parser.pos
        streamKeywordEOL = nil
        endstreamEOL = nil
        lengthMatches = nil
        if case .dictionary(let dict)? = value, parser.accept("stream") {
            var p = parser.pos
            let crlf = p + 1 < bytes.count && bytes[p] == 0x0D && bytes[p + 1] == 0x0A
            let lf = p < bytes.count && bytes[p] == 0x0A
            streamKeywordEOL = crlf || lf
            p += crlf ? 2 : (lf ? 1 : 0)
            let dataStart = p
            // The data ends at the first `endstream` after it (the writer's own Length is checked, not trusted).
            var length: Int?
            switch dict["Length"] {
            case .integer(let l)?: length = l
            case .reference(let r)?: length = lengthOf(r)
            default: length = nil
            }
            var endstream: Int? = nil
            if let l = length, l >= 0, l <= bytes.count - dataStart {
                var q = Parser(bytes: bytes, pos: dataStart + l, maxDepth: maxDepth)
                if q.accept("endstream") { endstream = q.pos - 9 }
            }
            if endstream == nil {
                let tail = Array(bytes[dataStart...])
                if let found = occurrences(of: "endstream", in: tail).first { endstream = dataStart + found }
            }
            if let e = endstream {
                endstreamEOL = e > dataStart && isEOL(bytes[e - 1])
                // The EOL before endstream is CR, LF or CR LF; data ending in CR before an LF can be
                // read either way, so either length is right.
                var candidates: [Int] = []
                if e > dataStart, isEOL(bytes[e - 1]) { candidates.append(e - 1 - dataStart) }
                if e - 1 > dataStart, bytes[e - 2] == 0x0D, bytes[e - 1] == 0x0A { candidates.append(e - 2 - dataStart) }
                lengthMatches = length.map(candidates.contains) ?? false
                end = e + 9
            } else {
                endstreamEOL = false
                lengthMatches = false
                end = bytes.count
            }
        }
        // `endobj`: preceded by an EOL, followed by an EOL or the end of the file.
        var q = end
        while q < bytes.count, isSpace(bytes[q]) { q += 1 }
        if q + 6 <= bytes.count, bytes[q..<(q + 6)].elementsEqual("endobj".utf8) {
            let before = q > 0 && isEOL(bytes[q - 1])
            let after = q + 6 == bytes.count || isEOL(bytes[q + 6])
            endobjSpacing = before && after
        } else {
            endobjSpacing = false
        }
    }
}
