/// A CMap program read (ISO 32000-1 §9.7.5.4 and Adobe technical note #5014): a predefined CMap file
/// such as `B5pc-H` (codes → CIDs), a CID → Unicode table such as `Adobe-CNS1-UCS2`, or a font's
/// `/ToUnicode` stream (codes → text). One small reader for all three: the operators that carry data
/// (`begincodespacerange`, `cidrange`/`cidchar`, `bfrange`/`bfchar`, `usecmap`, `/WMode`, `/CMapName`,
/// the `CIDSystemInfo` strings) are read with the PDF tokenizer, anything else is passed over.
///
/// Bounded: at most `maxEntries` mappings are kept (a hostile `/ToUnicode` cannot make it grow past
/// its own size, and ranges are kept as ranges, never expanded); nothing is recursive.
public struct CMapProgram: Sendable, Hashable {
    public struct CodeRange: Sendable, Hashable {
        public var low: [UInt8]
        public var high: [UInt8]
    }

    public var name: String?
    /// The CMap this one extends (`/B5pc-H usecmap` in `B5pc-V`); its mappings are not included.
    public var usesCMap: String?
    /// 0 horizontal, 1 vertical.
    public var writingMode = 0
    public var registry: String?
    public var ordering: String?
    public var codeSpace: [CodeRange] = []

    /// A code as one number with its length: codes of different lengths are different codes.
    struct Key: Hashable, Comparable, Sendable {
        var length: Int
        var value: UInt32
        static func < (a: Key, b: Key) -> Bool { (a.length, a.value) < (b.length, b.value) }
    }

    struct Range: Hashable, Sendable {
        var low: Key
        var high: UInt32
        /// The first CID, or the first destination's UTF-16 bytes (its last unit incremented along
        /// the range), or one destination per code.
        var start: Destination
    }

    enum Destination: Hashable, Sendable {
        case cid(Int)
        case text([UInt8])
        case texts([[UInt8]])
    }

    private var singles: [Key: Destination] = [:]
    /// Sorted by low code; looked up by binary search (overlaps: the one starting last wins).
    private var ranges: [Range] = []
    public private(set) var entryCount = 0
    public static let maxEntries = 500_000

    public init(bytes: [UInt8]) {
        var parser = Parser(bytes: bytes, pos: 0, maxDepth: 8)
        var operands: [PDFObject] = []
        var unsortedRanges: [Range] = []
        while true {
            parser.skipWhitespace()
            guard !parser.atEnd else { break }
            let c = bytes[parser.pos]
            if c == UInt8(ascii: "/") || c == UInt8(ascii: "(") || c == UInt8(ascii: "<") || c == UInt8(ascii: "[")
                || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || isDigit(c)
            {
                do throws(PDFReadError) {
                    operands.append(try parser.parseObject())
                } catch {
                    operands.removeAll()
                    if parser.pos < bytes.count, !isRegular(bytes[parser.pos]) { parser.pos += 1 }
                }
                // A block holds at most 100 entries of three operands; more is not a CMap's syntax.
                if operands.count > 400 { operands.removeFirst(operands.count - 400) }
                continue
            }
            let keyword = parser.peekKeyword()
            guard !keyword.isEmpty else {
                parser.pos += 1
                operands.removeAll()
                continue
            }
            parser.pos = keyword.endIndex
            switch String(decoding: keyword, as: UTF8.self) {
            case "endcodespacerange":
                for pair in stride(from: 0, to: operands.count - 1, by: 2) {
                    if case .string(let low) = operands[pair], case .string(let high) = operands[pair + 1],
                        low.count == high.count, (1...4).contains(low.count)
                    {
                        codeSpace.append(CodeRange(low: low, high: high))
                    }
                }
            case "endcidrange", "endbfrange", "endnotdefrange":
                let isCID = keyword.elementsEqual("endcidrange".utf8)
                let isBF = keyword.elementsEqual("endbfrange".utf8)
                guard isCID || isBF else { break }  // notdef ranges map to CID 0: nothing to draw
                for triple in stride(from: 0, to: operands.count - 2, by: 3) {
                    guard entryCount < Self.maxEntries, case .string(let low) = operands[triple],
                        case .string(let high) = operands[triple + 1], let lowKey = Self.key(low), let highKey = Self.key(high),
                        lowKey.length == highKey.length, lowKey.value <= highKey.value
                    else { continue }
                    let destination: Destination
                    switch (isCID, operands[triple + 2]) {
                    case (true, .integer(let cid)) where (0...0xFFFF).contains(cid): destination = .cid(cid)
                    case (false, .string(let text)): destination = .text(text)
                    case (false, .array(let items)):
                        destination = .texts(items.prefix(Int(highKey.value - lowKey.value) + 1).map { $0.stringBytes ?? [] })
                    default: continue
                    }
                    unsortedRanges.append(Range(low: lowKey, high: highKey.value, start: destination))
                    entryCount += 1
                }
            case "endcidchar", "endbfchar":
                let isCID = keyword.elementsEqual("endcidchar".utf8)
                for pair in stride(from: 0, to: operands.count - 1, by: 2) {
                    guard entryCount < Self.maxEntries, case .string(let code) = operands[pair], let key = Self.key(code)
                    else { continue }
                    switch (isCID, operands[pair + 1]) {
                    case (true, .integer(let cid)) where (0...0xFFFF).contains(cid): singles[key] = .cid(cid)
                    case (false, .string(let text)): singles[key] = .text(text)
                    case (false, .name(let glyphName)): singles[key] = .text(Self.utf16(ofGlyphName: glyphName))
                    default: continue
                    }
                    entryCount += 1
                }
            case "usecmap":
                if case .name(let used)? = operands.last { usesCMap = used }
            case "def":
                if operands.count >= 2, case .name(let key) = operands[operands.count - 2] {
                    switch (key, operands[operands.count - 1]) {
                    case ("WMode", .integer(let mode)): writingMode = mode
                    case ("CMapName", .name(let value)): name = value
                    case ("Registry", .string(let value)): registry = latin1String(value)
                    case ("Ordering", .string(let value)): ordering = latin1String(value)
                    default: break
                    }
                }
            default:
                break
            }
            operands.removeAll()
        }
        ranges = unsortedRanges.enumerated().sorted { ($0.element.low, $0.offset) < ($1.element.low, $1.offset) }.map(\.element)
    }

    private static func key(_ bytes: [UInt8]) -> Key? {
        guard (1...4).contains(bytes.count) else { return nil }
        return Key(length: bytes.count, value: bytes.reduce(0) { $0 << 8 | UInt32($1) })
    }

    /// A `bfchar` destination written as a glyph name (`/space`): only `uniXXXX` names say a character.
    private static func utf16(ofGlyphName name: String) -> [UInt8] {
        guard name.hasPrefix("uni"), name.count == 7, let value = UInt16(name.dropFirst(3), radix: 16) else { return [] }
        return [UInt8(value >> 8), UInt8(value & 0xFF)]
    }

    private func destination(of code: [UInt8]) -> (Destination, offset: UInt32)? {
        guard let key = Self.key(code) else { return nil }
        if let single = singles[key] { return (single, 0) }
        // The last range starting at or before the code.
        var lo = 0
        var hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].low <= key { lo = mid + 1 } else { hi = mid }
        }
        var index = lo - 1
        while index >= 0, ranges[index].low.length == key.length {
            let range = ranges[index]
            if key.value <= range.high { return (range.start, key.value - range.low.value) }
            index -= 1
            // Ranges of one length do not nest in CMap files; a few steps back covers a hostile overlap.
            if lo - 1 - index > 8 { break }
        }
        return nil
    }

    /// The CID a code selects (a `cidrange`/`cidchar` CMap); nil when the CMap does not map it.
    public func cid(of code: [UInt8]) -> Int? {
        guard let (destination, offset) = destination(of: code), case .cid(let first) = destination else { return nil }
        return first + Int(offset)
    }

    /// The text a code stands for (a `bfrange`/`bfchar` CMap: `/ToUnicode`, `Adobe-CNS1-UCS2`); nil
    /// when the CMap does not map it or maps it to nothing that is text.
    public func text(of code: [UInt8]) -> String? {
        guard let (destination, offset) = destination(of: code) else { return nil }
        var units: [UInt8]
        switch destination {
        case .cid: return nil
        case .texts(let list):
            guard Int(offset) < list.count else { return nil }
            units = list[Int(offset)]
        case .text(let first):
            units = first
            // The last byte is incremented along the range (§9.10.3), carrying as viewers do.
            var carry = UInt64(offset)
            var index = units.count - 1
            while carry > 0, index >= 0 {
                let sum = UInt64(units[index]) + carry
                units[index] = UInt8(sum & 0xFF)
                carry = sum >> 8
                index -= 1
            }
        }
        guard !units.isEmpty, units.count % 2 == 0 else { return nil }
        let utf16 = stride(from: 0, to: units.count, by: 2).map { UInt16(units[$0]) << 8 | UInt16(units[$0 + 1]) }
        var text = ""
        var iterator = utf16.makeIterator()
        var decoder = Unicode.UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): text.unicodeScalars.append(scalar)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        return text
    }

    /// The codes of a shown string, split by the code space (ISO 32000-1 §9.7.6.2: the shortest code
    /// whose bytes each lie within a range of that length); bytes matching no range are taken as a
    /// code of the shortest length, as viewers do. A trailing partial code is dropped.
    public func codes(in bytes: [UInt8]) -> [[UInt8]] {
        let lengths = Set(codeSpace.map(\.low.count)).sorted()
        guard let shortest = lengths.first else { return [] }
        var result: [[UInt8]] = []
        var i = 0
        while i < bytes.count {
            var length: Int?
            for n in lengths where i + n <= bytes.count {
                let candidate = bytes[i..<(i + n)]
                if codeSpace.contains(where: { range in
                    range.low.count == n
                        && zip(candidate, zip(range.low, range.high)).allSatisfy { byte, bounds in bounds.0 <= byte && byte <= bounds.1 }
                }) {
                    length = n
                    break
                }
            }
            let n = length ?? shortest
            guard i + n <= bytes.count else { break }
            result.append(Array(bytes[i..<(i + n)]))
            i += n
        }
        return result
    }
}

extension PDFObject {
    fileprivate var stringBytes: [UInt8]? {
        if case .string(let bytes) = self { return bytes }
        return nil
    }
}
