/// Where the newest version of an object lives.
enum XRefEntry: Equatable {
    case free
    case offset(Int)
    case compressed(stream: Int, index: Int)
}

/// Resolves object numbers against the cross-reference data, with caches and cycle guards. A class so that
/// the non-mutating `PDFDocumentReader.page(_:)` can memoise; it is owned by exactly one reader.
final class ObjectStore {
    let bytes: [UInt8]
    let limits: Limits
    var entries: [Int: XRefEntry] = [:]
    private var cache: [Int: PDFObject] = [:]
    private var inProgress: Set<Int> = []
    private var objectStreams: [Int: [Int: PDFObject]] = [:]
    /// Decoding budget shared by xref streams and object streams (the document's structure).
    var structureBudget: Int
    /// Decoding budget shared by every page's content: one per document, so that pages sharing a stream
    /// pay for it once and pages with distinct streams cannot each spend the whole limit.
    var contentBudget: Int
    /// Decoded streams by object number: a stream many pages (or forms) share is decoded once.
    private var decodedStreams: [Int: [UInt8]] = [:]
    /// Page contents by the numbers of their streams, each with an identity pages naming the same streams share.
    var pageContents: [[Int]: (id: Int, bytes: [UInt8])] = [:]
    private var endstreams: [Int]? = nil
    /// Set when the file is encrypted (and opened with the empty user password): every object read from
    /// the file is decrypted as it is resolved, so nothing after `resolve` sees encryption.
    var security: SecurityHandler? = nil

    init(bytes: [UInt8], limits: Limits) {
        self.bytes = bytes
        self.limits = limits
        self.structureBudget = limits.maxDecodedBytes
        self.contentBudget = limits.maxDecodedBytes
    }

    func resetCaches() {
        cache = [:]
        objectStreams = [:]
        decodedStreams = [:]
        pageContents = [:]
    }

    /// The first `endstream` keyword at or after `position` (all positions found once, then binary search,
    /// so a file full of wrong `/Length`s costs one scan, not one per stream).
    func nextEndstream(after position: Int) -> Int? {
        if endstreams == nil { endstreams = occurrences(of: "endstream", in: bytes) }
        guard let list = endstreams else { return nil }
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < position { lo = mid + 1 } else { hi = mid }
        }
        return lo < list.count ? list[lo] : nil
    }

    /// Parses the indirect object at a byte offset. Used by resolution and by the xref reader.
    func parseObject(at offset: Int) throws(PDFReadError) -> (number: Int, generation: Int, value: PDFObject) {
        guard offset >= 0, offset < bytes.count else { throw .malformed("offset \(offset) outside file") }
        var p = Parser(bytes: bytes, pos: offset, maxDepth: limits.maxDepth)
        return try p.parseIndirectObject(
            lengthOf: { [self] r in
                // A /Length that cannot be resolved (or refers back to the stream) falls back to scanning.
                (try? self.resolve(r))?.intValue
            },
            endstreamAfter: { [self] in self.nextEndstream(after: $0) })
    }

    /// The newest value of object `number`; `.null` for free, missing or unreadable objects (§7.3.10).
    /// Only `limitExceeded` propagates, so a damaged object degrades to null instead of failing the file.
    func resolve(_ number: Int) throws(PDFReadError) -> PDFObject {
        if let hit = cache[number] { return hit }
        // Re-entering an object being resolved means a cycle (e.g. a stream whose /Length is itself).
        guard !inProgress.contains(number) else { return .null }
        guard inProgress.count < limits.maxDepth else { throw .limitExceeded("reference depth") }
        inProgress.insert(number)
        defer { inProgress.remove(number) }
        var value = PDFObject.null
        do throws(PDFReadError) {
            switch entries[number] {
            case .offset(let o)?:
                let parsed = try parseObject(at: o)
                if parsed.number == number {
                    value = parsed.value
                    // Objects inside object streams (below) are not encrypted one by one: their stream was.
                    if let security { value = try security.decrypt(value, number: number, generation: parsed.generation) }
                }
            case .compressed(let s, _)?:
                value = try objectFromStream(s, number: number)
            case .free?, nil:
                break
            }
        } catch {
            if case .limitExceeded = error { throw error }
        }
        cache[number] = value
        return value
    }

    /// Follows references until a direct value (bounded, so `a → b → a` ends as null).
    func deref(_ object: PDFObject?) throws(PDFReadError) -> PDFObject {
        var current = object ?? .null
        var hops = 0
        while case .reference(let n) = current {
            hops += 1
            if hops > limits.maxDepth { return .null }
            current = try resolve(n)
        }
        return current
    }

    private func objectFromStream(_ streamNumber: Int, number: Int) throws(PDFReadError) -> PDFObject {
        if let objects = objectStreams[streamNumber] { return objects[number] ?? .null }
        let objects = try loadObjectStream(streamNumber)
        objectStreams[streamNumber] = objects
        return objects[number] ?? .null
    }

    /// All objects of an object stream (§7.5.7), parsed at once since they are usually all needed.
    func loadObjectStream(_ streamNumber: Int) throws(PDFReadError) -> [Int: PDFObject] {
        guard case .stream(let stream) = try resolve(streamNumber) else { return [:] }
        let count = try deref(stream.dictionary["N"]).intValue ?? 0
        let first = try deref(stream.dictionary["First"]).intValue ?? 0
        guard count >= 0, first >= 0 else { return [:] }
        guard count <= limits.maxObjects else { throw .limitExceeded("objects in an object stream") }
        let data = try decode(stream, budget: &structureBudget)
        var header = Parser(bytes: data, pos: 0, maxDepth: limits.maxDepth)
        var pairs: [(Int, Int)] = []
        for _ in 0..<count {
            guard let n = header.readUnsigned(), let off = header.readUnsigned() else { break }
            pairs.append((n, off))
        }
        var objects: [Int: PDFObject] = [:]
        for (n, off) in pairs {
            let (start, overflow) = first.addingReportingOverflow(off)
            guard !overflow, start < data.count, objects[n] == nil else { continue }
            var p = Parser(bytes: data, pos: start, maxDepth: limits.maxDepth)
            do throws(PDFReadError) {
                objects[n] = try p.parseObject()
            } catch {
                if case .limitExceeded = error { throw error }
                objects[n] = .null
            }
        }
        return objects
    }

    /// The filter chain of a stream with its parameters, references resolved.
    func filters(of stream: PDFStream) throws(PDFReadError) -> [(name: String, parms: [String: PDFObject])] {
        let filter = try deref(stream.dictionary["Filter"])
        var names: [String] = []
        switch filter {
        case .name(let n): names = [n]
        case .array(let a):
            for item in a {
                guard let n = try deref(item).nameValue else { throw .malformed("filter is not a name") }
                names.append(n)
            }
        default: break
        }
        guard names.count <= 16 else { throw .limitExceeded("filter chain length") }
        let parmsObject = try deref(stream.dictionary["DecodeParms"] ?? stream.dictionary["DP"])
        var parms: [[String: PDFObject]] = []
        for i in 0..<names.count {
            var entry: PDFObject = .null
            if case .array(let a) = parmsObject {
                if i < a.count { entry = try deref(a[i]) }
            } else if i == 0 {
                entry = parmsObject
            }
            var dict: [String: PDFObject] = [:]
            for (k, v) in entry.dictionaryValue ?? [:] { dict[k] = try deref(v) }
            parms.append(dict)
        }
        return Array(zip(names, parms)).map { (name: $0.0, parms: $0.1) }
    }

    func decode(_ stream: PDFStream, budget: inout Int) throws(PDFReadError) -> [UInt8] {
        try Filters.decode(stream.rawData, filters: try filters(of: stream), budget: &budget)
    }

    /// The decoded data of stream object `number`, decoded at most once and paid from `contentBudget`;
    /// nil when the object is not a stream.
    func decodedStream(_ number: Int) throws(PDFReadError) -> [UInt8]? {
        if let hit = decodedStreams[number] { return hit }
        guard case .stream(let stream) = try deref(.reference(number)) else { return nil }
        let data = try decode(stream, budget: &contentBudget)
        decodedStreams[number] = data
        return data
    }
}
