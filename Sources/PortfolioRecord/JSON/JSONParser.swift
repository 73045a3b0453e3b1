/// A JSON syntax error with the position of the offending byte.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        case unexpectedEndOfInput
        case unexpectedCharacter(UInt8)
        case invalidEscape
        case invalidUnicodeEscape
        case loneSurrogate
        case controlCharacterInString
        case invalidNumber
        case nestingTooDeep(limit: Int)
        case trailingContent
        case emptyInput
    }

    public let reason: Reason
    /// 1-based.
    public let line: Int
    /// 1-based, counted in Unicode scalars on that line.
    public let column: Int
    /// 0-based offset into the UTF-8 input.
    public let byteOffset: Int

    public init(reason: Reason, line: Int, column: Int, byteOffset: Int) {
        self.reason = reason
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }
}

/// A strict RFC 8259 parser. Iterative (an explicit container stack), so hostile nesting
/// costs heap, not call stack, and is cut off at `maxDepth`.
///
/// Error positions: the offending byte for unexpected characters, control characters and
/// trailing content; the backslash for bad escapes and lone surrogates; the first byte of the
/// literal for invalid numbers; the opening bracket that exceeds the depth limit; the end of
/// the input for truncation and for empty input.
public enum JSONParser {
    /// Ceiling on `maxDepth`: parsing is iterative, but comparing and destroying a `JSONValue`
    /// recurse once per level, so a deeper tree could still exhaust a thread's stack.
    public static let depthCeiling = 1_000

    /// `bytes` are UTF-8 without a BOM (the caller strips/decodes). Depth limit guards hostile nesting;
    /// it is capped at `depthCeiling`.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws(JSONSyntaxError) -> JSONValue {
        let result = bytes.withUnsafeBufferPointer { buffer in
            ByteParser.run(buffer, maxDepth: maxDepth)
        }
        return try result.get()
    }

    public static func parse(_ text: String, maxDepth: Int = 64) throws(JSONSyntaxError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in
            ByteParser.run(buffer, maxDepth: maxDepth)
        }
        return try result.get()
    }
}

private enum ASCII {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let upperE: UInt8 = 0x45
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let lowerE: UInt8 = 0x65
    static let lowerU: UInt8 = 0x75
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
}

private struct ByteParser {
    /// One open container. Kept as a struct mutated in place through the stack so that
    /// appending never copies the element arrays.
    private struct Frame {
        var isObject: Bool
        var elements: [JSONValue] = []
        var members: [JSONObject.Member] = []
        var pendingKey: String = ""
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []

    static func run(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONSyntaxError> {
        var parser = ByteParser(bytes: bytes, maxDepth: maxDepth)
        do {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = min(maxDepth, JSONParser.depthCeiling)
    }

    // MARK: Document

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        if index == bytes.count {
            throw failure(.emptyInput, at: index)
        }
        var stack: [Frame] = []
        var value: JSONValue

        parsingValues: while true {
            // A value starts here (whitespace already skipped).
            guard index < bytes.count else { throw failure(.unexpectedEndOfInput, at: index) }
            let byte = bytes[index]
            switch byte {
            case ASCII.openBrace, ASCII.openBracket:
                guard stack.count < maxDepth else {
                    throw failure(.nestingTooDeep(limit: maxDepth), at: index)
                }
                index += 1
                skipWhitespace()
                if byte == ASCII.openBrace {
                    if index < bytes.count, bytes[index] == ASCII.closeBrace {
                        index += 1
                        value = .object(JSONObject(members: []))
                    } else {
                        let key = try parseKeyAndColon()
                        stack.append(Frame(isObject: true, pendingKey: key))
                        skipWhitespace()
                        continue parsingValues
                    }
                } else {
                    if index < bytes.count, bytes[index] == ASCII.closeBracket {
                        index += 1
                        value = .array([])
                    } else {
                        stack.append(Frame(isObject: false))
                        continue parsingValues
                    }
                }
            case ASCII.quote:
                value = .string(try parseString())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case ASCII.minus, ASCII.zero...ASCII.nine:
                value = .number(try parseNumber())
            default:
                throw failure(.unexpectedCharacter(byte), at: index)
            }

            // Hand the finished value to its container; close every container that ends here.
            while true {
                skipWhitespace()
                guard !stack.isEmpty else {
                    if index < bytes.count {
                        throw failure(.trailingContent, at: index)
                    }
                    return value
                }
                let top = stack.count - 1
                guard index < bytes.count else { throw failure(.unexpectedEndOfInput, at: index) }
                let next = bytes[index]
                if stack[top].isObject {
                    let key = stack[top].pendingKey
                    stack[top].members.append(JSONObject.Member(key: key, value: value))
                    switch next {
                    case ASCII.comma:
                        index += 1
                        skipWhitespace()
                        stack[top].pendingKey = try parseKeyAndColon()
                        skipWhitespace()
                        continue parsingValues
                    case ASCII.closeBrace:
                        index += 1
                        value = .object(JSONObject(members: stack.removeLast().members))
                    default:
                        throw failure(.unexpectedCharacter(next), at: index)
                    }
                } else {
                    stack[top].elements.append(value)
                    switch next {
                    case ASCII.comma:
                        index += 1
                        skipWhitespace()
                        continue parsingValues
                    case ASCII.closeBracket:
                        index += 1
                        value = .array(stack.removeLast().elements)
                    default:
                        throw failure(.unexpectedCharacter(next), at: index)
                    }
                }
            }
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case ASCII.space, ASCII.newline, ASCII.carriageReturn, ASCII.tab:
                index += 1
            default:
                return
            }
        }
    }

    /// Reads `"key"` then optional whitespace and the colon.
    private mutating func parseKeyAndColon() throws(JSONSyntaxError) -> String {
        guard index < bytes.count else { throw failure(.unexpectedEndOfInput, at: index) }
        guard bytes[index] == ASCII.quote else {
            throw failure(.unexpectedCharacter(bytes[index]), at: index)
        }
        let key = try parseString()
        skipWhitespace()
        guard index < bytes.count else { throw failure(.unexpectedEndOfInput, at: index) }
        guard bytes[index] == ASCII.colon else {
            throw failure(.unexpectedCharacter(bytes[index]), at: index)
        }
        index += 1
        return key
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        for offset in 0..<count {
            guard index < bytes.count else { throw failure(.unexpectedEndOfInput, at: index) }
            guard bytes[index] == expected[offset] else {
                throw failure(.unexpectedCharacter(bytes[index]), at: index)
            }
            index += 1
        }
    }

    // MARK: Numbers

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= ASCII.zero && byte <= ASCII.nine
    }

    /// Bytes that could continue a number: seeing one right after a complete number means the
    /// literal is malformed ("01", "1.2.3"), which reads better than "unexpected character".
    private static func continuesNumber(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == ASCII.dot || byte == ASCII.plus || byte == ASCII.minus
            || byte == ASCII.lowerE || byte == ASCII.upperE
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        let end = bytes.count
        var i = index
        if bytes[i] == ASCII.minus { i += 1 }
        guard i < end, Self.isDigit(bytes[i]) else { throw failure(.invalidNumber, at: start) }
        if bytes[i] == ASCII.zero {
            i += 1
        } else {
            while i < end, Self.isDigit(bytes[i]) { i += 1 }
        }
        if i < end, bytes[i] == ASCII.dot {
            i += 1
            guard i < end, Self.isDigit(bytes[i]) else { throw failure(.invalidNumber, at: start) }
            while i < end, Self.isDigit(bytes[i]) { i += 1 }
        }
        if i < end, bytes[i] == ASCII.lowerE || bytes[i] == ASCII.upperE {
            i += 1
            if i < end, bytes[i] == ASCII.plus || bytes[i] == ASCII.minus { i += 1 }
            guard i < end, Self.isDigit(bytes[i]) else { throw failure(.invalidNumber, at: start) }
            while i < end, Self.isDigit(bytes[i]) { i += 1 }
        }
        if i < end, Self.continuesNumber(bytes[i]) {
            throw failure(.invalidNumber, at: start)
        }
        index = i
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }

    // MARK: Strings

    /// `index` is at the opening quote. Strings without escapes are sliced straight out of the input.
    private mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == ASCII.backslash {
                return try parseEscapedString(from: start)
            }
            if byte < 0x20 {
                throw failure(.controlCharacterInString, at: index)
            }
            index += 1
        }
        throw failure(.unexpectedEndOfInput, at: index)
    }

    /// Slow path: copies into `scratch`, decoding escapes. `index` is at the first backslash.
    private mutating func parseEscapedString(from start: Int) throws(JSONSyntaxError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote {
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte < 0x20 {
                throw failure(.controlCharacterInString, at: index)
            }
            if byte != ASCII.backslash {
                scratch.append(byte)
                index += 1
                continue
            }
            let escapeStart = index
            guard index + 1 < bytes.count else { throw failure(.unexpectedEndOfInput, at: bytes.count) }
            let kind = bytes[index + 1]
            index += 2
            switch kind {
            case ASCII.quote: scratch.append(ASCII.quote)
            case ASCII.backslash: scratch.append(ASCII.backslash)
            case ASCII.slash: scratch.append(ASCII.slash)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(ASCII.newline)
            case UInt8(ascii: "r"): scratch.append(ASCII.carriageReturn)
            case UInt8(ascii: "t"): scratch.append(ASCII.tab)
            case ASCII.lowerU:
                let scalar = try parseUnicodeEscape(escapeStart: escapeStart)
                appendUTF8(scalar)
            default:
                throw failure(.invalidEscape, at: escapeStart)
            }
        }
        throw failure(.unexpectedEndOfInput, at: index)
    }

    /// `index` is just past `\u`. Returns a scalar value, joining a surrogate pair.
    private mutating func parseUnicodeEscape(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        let first = try readHex4(escapeStart: escapeStart)
        switch first {
        case 0xDC00...0xDFFF:
            throw failure(.loneSurrogate, at: escapeStart)
        case 0xD800...0xDBFF:
            // Must be followed at once by `\u` and a low surrogate.
            let secondStart = index
            if secondStart < bytes.count, bytes[secondStart] != ASCII.backslash {
                throw failure(.loneSurrogate, at: escapeStart)
            }
            if secondStart + 1 < bytes.count, bytes[secondStart + 1] != ASCII.lowerU {
                throw failure(.loneSurrogate, at: escapeStart)
            }
            guard secondStart + 1 < bytes.count else { throw failure(.unexpectedEndOfInput, at: bytes.count) }
            index += 2
            let second = try readHex4(escapeStart: secondStart)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw failure(.loneSurrogate, at: escapeStart)
            }
            return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        default:
            return first
        }
    }

    private mutating func readHex4(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        var result: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw failure(.unexpectedEndOfInput, at: bytes.count) }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure(.invalidUnicodeEscape, at: escapeStart)
            }
            result = result << 4 | UInt32(digit)
            index += 1
        }
        return result
    }

    /// `scalar` is at most 0x10FFFF and never a surrogate (checked by the caller).
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | (scalar >> 6)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | (scalar >> 12)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | ((scalar >> 18) & 0x07)))
            scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    // MARK: Positions

    /// Line and column are worked out only when an error is raised, keeping the hot path lean.
    /// CR LF, LF and a lone CR each end a line; columns count Unicode scalars (non-continuation bytes).
    private func failure(_ reason: JSONSyntaxError.Reason, at offset: Int) -> JSONSyntaxError {
        let offset = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        var i = 0
        while i < offset {
            let byte = bytes[i]
            if byte == ASCII.newline {
                line += 1
                lineStart = i + 1
            } else if byte == ASCII.carriageReturn, !(i + 1 < bytes.count && bytes[i + 1] == ASCII.newline) {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        var column = 1
        var j = lineStart
        while j < offset {
            if bytes[j] & 0xC0 != 0x80 { column += 1 }
            j += 1
        }
        return JSONSyntaxError(reason: reason, line: line, column: column, byteOffset: offset)
    }
}
