/// Byte classes from ISO 32000-1 §7.2.2.
@inline(__always) func isWhitespace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0x00
}

@inline(__always) func isDelimiter(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
        UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"):
        return true
    default: return false
    }
}

@inline(__always) func isRegular(_ c: UInt8) -> Bool { !isWhitespace(c) && !isDelimiter(c) }

@inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

@inline(__always) func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case 0x30...0x39: return c - 0x30
    case 0x41...0x46: return c - 0x41 + 10
    case 0x61...0x66: return c - 0x61 + 10
    default: return nil
    }
}

/// Resolves an object number while a stream's `/Length` is read; returns nil when it cannot.
typealias LengthResolver = (Int) -> Int?

/// A recursive-descent parser over the whole file. Recursion is bounded by `maxDepth`.
struct Parser {
    let bytes: [UInt8]
    var pos: Int
    let maxDepth: Int

    init(bytes: [UInt8], pos: Int, maxDepth: Int) {
        self.bytes = bytes
        self.pos = max(0, min(pos, bytes.count))
        self.maxDepth = maxDepth
    }

    var atEnd: Bool { pos >= bytes.count }

    mutating func skipWhitespace() {
        while pos < bytes.count {
            let c = bytes[pos]
            if isWhitespace(c) {
                pos += 1
            } else if c == UInt8(ascii: "%") {
                while pos < bytes.count, bytes[pos] != 0x0A, bytes[pos] != 0x0D { pos += 1 }
            } else {
                return
            }
        }
    }

    /// The run of regular characters at `pos` (after whitespace), without consuming it.
    mutating func peekKeyword() -> ArraySlice<UInt8> {
        skipWhitespace()
        var end = pos
        while end < bytes.count, isRegular(bytes[end]) { end += 1 }
        return bytes[pos..<end]
    }

    /// Consumes `word` if it is the next token.
    mutating func accept(_ word: String) -> Bool {
        let k = peekKeyword()
        if k.elementsEqual(word.utf8) {
            pos = k.endIndex
            return true
        }
        return false
    }

    /// An unsigned decimal integer token, or nil (position restored).
    mutating func readUnsigned() -> Int? {
        let save = pos
        skipWhitespace()
        var value = 0
        var digits = 0
        while pos < bytes.count, isDigit(bytes[pos]) {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(bytes[pos] - 0x30))
            if o1 || o2 { pos = save; return nil }
            value = a
            digits += 1
            pos += 1
        }
        if digits == 0 || (pos < bytes.count && isRegular(bytes[pos])) {
            pos = save
            return nil
        }
        return value
    }

    // MARK: Objects

    mutating func parseObject(depth: Int = 0) throws(PDFReadError) -> PDFObject {
        guard depth <= maxDepth else { throw .limitExceeded("nesting depth") }
        skipWhitespace()
        guard pos < bytes.count else { throw .truncated }
        let c = bytes[pos]
        switch c {
        case UInt8(ascii: "/"):
            return .name(parseName())
        case UInt8(ascii: "("):
            return .string(try parseLiteralString())
        case UInt8(ascii: "<"):
            if pos + 1 < bytes.count, bytes[pos + 1] == UInt8(ascii: "<") {
                return .dictionary(try parseDictionary(depth: depth))
            }
            return .string(try parseHexString())
        case UInt8(ascii: "["):
            pos += 1
            var items: [PDFObject] = []
            while true {
                skipWhitespace()
                guard pos < bytes.count else { throw .truncated }
                if bytes[pos] == UInt8(ascii: "]") {
                    pos += 1
                    return .array(items)
                }
                items.append(try parseObject(depth: depth + 1))
            }
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), 0x30...0x39:
            return parseNumberOrReference()
        default:
            let k = peekKeyword()
            if k.isEmpty {
                // A stray delimiter such as `)` or `}`: skip it so the caller makes progress.
                pos += 1
                throw .malformed("unexpected delimiter at \(pos - 1)")
            }
            pos = k.endIndex
            if k.elementsEqual("true".utf8) { return .boolean(true) }
            if k.elementsEqual("false".utf8) { return .boolean(false) }
            if k.elementsEqual("null".utf8) { return .null }
            throw .malformed("unexpected keyword at \(k.startIndex)")
        }
    }

    mutating func parseDictionary(depth: Int) throws(PDFReadError) -> [String: PDFObject] {
        pos += 2  // <<
        var dict: [String: PDFObject] = [:]
        while true {
            skipWhitespace()
            guard pos < bytes.count else { throw .truncated }
            if bytes[pos] == UInt8(ascii: ">") {
                guard pos + 1 < bytes.count else { throw .truncated }
                if bytes[pos + 1] == UInt8(ascii: ">") {
                    pos += 2
                    return dict
                }
                throw .malformed("single > in dictionary at \(pos)")
            }
            guard bytes[pos] == UInt8(ascii: "/") else { throw .malformed("dictionary key is not a name at \(pos)") }
            let key = parseName()
            skipWhitespace()
            // A key directly followed by the end of the dictionary has no value: treat it as null.
            if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: ">"), bytes[pos + 1] == UInt8(ascii: ">") {
                continue
            }
            let value = try parseObject(depth: depth + 1)
            // A null value is the same as an absent key (§7.3.7).
            if value != .null { dict[key] = value }
        }
    }

    mutating func parseName() -> String {
        pos += 1  // '/'
        var out: [UInt8] = []
        while pos < bytes.count, isRegular(bytes[pos]) {
            let c = bytes[pos]
            if c == UInt8(ascii: "#"), pos + 2 < bytes.count, let h = hexValue(bytes[pos + 1]),
                let l = hexValue(bytes[pos + 2])
            {
                out.append(h << 4 | l)
                pos += 3
            } else {
                out.append(c)
                pos += 1
            }
        }
        return latin1String(out)
    }

    mutating func parseLiteralString() throws(PDFReadError) -> [UInt8] {
        pos += 1  // '('
        var out: [UInt8] = []
        var nesting = 1
        while pos < bytes.count {
            let c = bytes[pos]
            pos += 1
            switch c {
            case UInt8(ascii: "("):
                nesting += 1
                out.append(c)
            case UInt8(ascii: ")"):
                nesting -= 1
                if nesting == 0 { return out }
                out.append(c)
            case 0x0D:
                // An unescaped end of line is read as a single LF (§7.3.4.2).
                if pos < bytes.count, bytes[pos] == 0x0A { pos += 1 }
                out.append(0x0A)
            case UInt8(ascii: "\\"):
                guard pos < bytes.count else { throw .truncated }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case 0x30...0x37:
                    var v = Int(e - 0x30)
                    var n = 1
                    while n < 3, pos < bytes.count, bytes[pos] >= 0x30, bytes[pos] <= 0x37 {
                        v = v * 8 + Int(bytes[pos] - 0x30)
                        pos += 1
                        n += 1
                    }
                    out.append(UInt8(truncatingIfNeeded: v))
                case 0x0D:
                    // Backslash-newline continues the string on the next line.
                    if pos < bytes.count, bytes[pos] == 0x0A { pos += 1 }
                case 0x0A:
                    break
                default:
                    // `\(`, `\)`, `\\` and unknown escapes stand for the character itself.
                    out.append(e)
                }
            default:
                out.append(c)
            }
        }
        throw .truncated
    }

    mutating func parseHexString() throws(PDFReadError) -> [UInt8] {
        pos += 1  // '<'
        var out: [UInt8] = []
        var high: UInt8? = nil
        while pos < bytes.count {
            let c = bytes[pos]
            pos += 1
            if c == UInt8(ascii: ">") {
                // An odd final digit is followed by an implied 0 (§7.3.4.3).
                if let h = high { out.append(h << 4) }
                return out
            }
            guard let v = hexValue(c) else {
                if isWhitespace(c) { continue }
                throw .malformed("bad hex string at \(pos - 1)")
            }
            if let h = high {
                out.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        throw .truncated
    }

    /// A number; a non-negative integer followed by `g R` becomes a reference.
    mutating func parseNumberOrReference() -> PDFObject {
        var negative = false
        var sawSign = false
        // Some producers write doubled signs (`--5`); take the last one as pdf.js and poppler do.
        while pos < bytes.count, bytes[pos] == UInt8(ascii: "-") || bytes[pos] == UInt8(ascii: "+") {
            negative = bytes[pos] == UInt8(ascii: "-")
            sawSign = true
            pos += 1
        }
        var intPart = 0
        var intOverflow = false
        var real = 0.0
        var isReal = false
        while pos < bytes.count, isDigit(bytes[pos]) {
            let d = Int(bytes[pos] - 0x30)
            let (m, o1) = intPart.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { intOverflow = true } else { intPart = a }
            real = real * 10 + Double(d)
            pos += 1
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            isReal = true
            pos += 1
            var scale = 0.1
            while pos < bytes.count, isDigit(bytes[pos]) {
                real += Double(bytes[pos] - 0x30) * scale
                scale /= 10
                pos += 1
            }
        }
        // Skip junk glued to a number (e.g. `12-3`) so that parsing always advances.
        while pos < bytes.count, isRegular(bytes[pos]) { pos += 1 }
        if isReal || intOverflow { return .real(negative ? -real : real) }
        if !sawSign {
            let save = pos
            if readUnsigned() != nil {
                skipWhitespace()
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "R"),
                    pos + 1 >= bytes.count || !isRegular(bytes[pos + 1])
                {
                    pos += 1
                    return .reference(intPart)
                }
            }
            pos = save
        }
        return .integer(negative ? -intPart : intPart)
    }

    // MARK: Indirect objects

    /// Parses `n g obj … endobj` at `pos`; returns the object and generation numbers and its value.
    /// `lengthOf` resolves an indirect `/Length`; `endstreamAfter` finds the next `endstream` keyword.
    mutating func parseIndirectObject(
        lengthOf: LengthResolver, endstreamAfter: (Int) -> Int?
    ) throws(PDFReadError) -> (number: Int, generation: Int, value: PDFObject) {
        guard let number = readUnsigned(), let generation = readUnsigned(), accept("obj") else {
            throw .malformed("no object header at \(pos)")
        }
        let value = try parseObject()
        guard case .dictionary(let dict) = value, accept("stream") else { return (number, generation, value) }
        // The keyword is followed by CRLF or LF; a lone CR is tolerated.
        if pos < bytes.count, bytes[pos] == 0x0D { pos += 1 }
        if pos < bytes.count, bytes[pos] == 0x0A { pos += 1 }
        let start = pos
        var length: Int? = nil
        switch dict["Length"] {
        case .integer(let l)?: length = l
        case .reference(let r)?: length = lengthOf(r)
        default: break
        }
        var end: Int? = nil
        if let l = length, l >= 0, l <= bytes.count - start {
            var p = Parser(bytes: bytes, pos: start + l, maxDepth: maxDepth)
            if p.accept("endstream") { end = start + l }
        }
        if end == nil {
            // /Length is missing or wrong: take the data up to the next `endstream`, minus its EOL.
            if var e = endstreamAfter(start) {
                if e > start, bytes[e - 1] == 0x0A { e -= 1 }
                if e > start, bytes[e - 1] == 0x0D { e -= 1 }
                end = e
            } else {
                end = bytes.count
            }
        }
        let stop = end ?? bytes.count
        pos = stop
        _ = accept("endstream")
        return (number, generation, .stream(PDFStream(dictionary: dict, rawData: Array(bytes[start..<stop]))))
    }
}

/// Positions of every occurrence of `needle` in `bytes`, in order.
func occurrences(of needle: String, in bytes: [UInt8]) -> [Int] {
    let n = Array(needle.utf8)
    guard let first = n.first, bytes.count >= n.count else { return [] }
    var result: [Int] = []
    var i = 0
    let last = bytes.count - n.count
    while i <= last {
        if bytes[i] == first {
            var j = 1
            while j < n.count, bytes[i + j] == n[j] { j += 1 }
            if j == n.count { result.append(i) }
        }
        i += 1
    }
    return result
}
