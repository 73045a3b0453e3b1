import Testing
@testable import PortfolioRecord

private func parse(_ text: String, maxDepth: Int = 64) throws(JSONSyntaxError) -> JSONValue {
    try JSONParser.parse(text, maxDepth: maxDepth)
}

/// The error a document raises, or nil if it parses.
private func syntaxError(_ text: String, maxDepth: Int = 64) -> JSONSyntaxError? {
    syntaxError(Array(text.utf8), maxDepth: maxDepth)
}

private func syntaxError(_ bytes: [UInt8], maxDepth: Int = 64) -> JSONSyntaxError? {
    do {
        _ = try JSONParser.parse(bytes, maxDepth: maxDepth)
        return nil
    } catch {
        return error
    }
}

private func ascii(_ c: Unicode.Scalar) -> UInt8 { UInt8(ascii: c) }

@Suite struct JSONParserTests {
    // MARK: Values

    @Test func scalars() throws {
        #expect(try parse("null") == .null)
        #expect(try parse("true") == .bool(true))
        #expect(try parse("false") == .bool(false))
        #expect(try parse("\"\"") == .string(""))
        #expect(try parse("\"林𡘙安\"") == .string("林𡘙安"))
        #expect(try parse(" \t\r\n 0 \n") == .number("0"))
        #expect(try parse("[]") == .array([]))
        #expect(try parse("{}") == .object(JSONObject(members: [])))
        #expect(try parse("[ ]") == .array([]))
        #expect(try parse("{ \n }") == .object(JSONObject(members: [])))
    }

    @Test func typeNames() throws {
        #expect(JSONValue.null.typeName == "null")
        #expect(JSONValue.bool(true).typeName == "boolean")
        #expect(JSONValue.number("1").typeName == "number")
        #expect(JSONValue.string("").typeName == "string")
        #expect(JSONValue.array([]).typeName == "array")
        #expect(JSONValue.object(JSONObject(members: [])).typeName == "object")
    }

    @Test func nestedStructure() throws {
        let value = try parse(#"{"學年度": 111, "紀錄": [1, "2", null, true, {"a": []}], "空": {}}"#)
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object.keys == ["學年度", "紀錄", "空"])
        #expect(object["學年度"] == .number("111"))
        #expect(object["紀錄"] == .array([
            .number("1"), .string("2"), .null, .bool(true),
            .object(JSONObject(members: [.init(key: "a", value: .array([]))])),
        ]))
        #expect(object["空"] == .object(JSONObject(members: [])))
        #expect(object["不存在"] == nil)
        #expect(object.duplicateKeys.isEmpty)
    }

    @Test func memberOrderAndDuplicates() throws {
        let value = try parse(#"{"z": 1, "a": 2, "z": 3, "m": 4, "a": 5, "z": 6}"#)
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object.members.map(\.key) == ["z", "a", "z", "m", "a", "z"])
        #expect(object.members.map(\.value) == (1...6).map { .number(String($0)) })
        #expect(object.keys == ["z", "a", "m"])
        #expect(object.duplicateKeys == ["z", "a"])
        #expect(object["z"] == .number("1"))  // the first occurrence wins
        #expect(object["a"] == .number("2"))
    }

    /// JSON compares keys by code points: a precomposed and a decomposed é are two keys.
    @Test func keysCompareByCodePoints() throws {
        let value = try parse("{\"caf\u{E9}\": 1, \"cafe\u{301}\": 2, \"組距1_2的人數\": 3, \"組距1_2的人數\": 4}")
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object.keys.count == 3)
        #expect(object.duplicateKeys == ["組距1_2的人數"])
        #expect(object["caf\u{E9}"] == .number("1"))
        #expect(object["cafe\u{301}"] == .number("2"))
    }

    // MARK: Numbers

    @Test(arguments: [
        "0", "-0", "1", "-1", "111", "86.42", "1.50", "0.0", "1e5", "1E+10", "2.5e-3", "-0.0e0",
        "123456789012345678901234567890123456789",
        "1e99999",
    ])
    func numbersKeepTheirLiteral(_ literal: String) throws {
        #expect(try parse(literal) == .number(literal))
        #expect(try parse("[\(literal)]") == .array([.number(literal)]))
        #expect(try parse("{\"n\":\(literal)}") == .object(JSONObject(members: [.init(key: "n", value: .number(literal))])))
    }

    @Test(arguments: ["01", "-", "-a", "1.", "1.e5", "1e", "1e+", "1.2.3", "-01", "00", "1-2", "1e5e", "2.5E"])
    func invalidNumbers(_ literal: String) {
        #expect(syntaxError(literal)?.reason == .invalidNumber)
        let inArray = syntaxError("[0, \(literal)]")
        #expect(inArray?.reason == .invalidNumber)
        #expect(inArray?.byteOffset == 4)  // the start of the literal
        #expect(inArray?.column == 5)
    }

    @Test func numberLookalikesAreUnexpectedCharacters() {
        #expect(syntaxError("+1")?.reason == .unexpectedCharacter(ascii("+")))
        #expect(syntaxError(".5")?.reason == .unexpectedCharacter(ascii(".")))
        #expect(syntaxError("NaN")?.reason == .unexpectedCharacter(ascii("N")))
        #expect(syntaxError("Infinity")?.reason == .unexpectedCharacter(ascii("I")))
        #expect(syntaxError("[0x1F]")?.reason == .unexpectedCharacter(ascii("x")))
    }

    // MARK: Strings and escapes

    @Test func simpleEscapes() throws {
        #expect(try parse(#""\" \\ \/ \b \f \n \r \t""#) == .string("\" \\ / \u{08} \u{0C} \n \r \t"))
        #expect(try parse(#""a\nb""#) == .string("a\nb"))
        #expect(try parse(#""前\t後""#) == .string("前\t後"))
    }

    @Test func unicodeEscapes() throws {
        #expect(try parse(#""\u0041\u00e9\u00E9\u6797""#) == .string("Aéé林"))
        #expect(try parse(#""\u0000""#) == .string("\u{0}"))
        #expect(try parse(#""\uFFFF""#) == .string("\u{FFFF}"))
    }

    @Test func surrogatePairs() throws {
        #expect(try parse(#""\ud842\udfb7""#) == .string("𠮷"))
        #expect(try parse(#""\uD842\uDFB7野家""#) == .string("𠮷野家"))
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parse(#""\udbff\udfff""#) == .string("\u{10FFFF}"))
        // Raw (unescaped) supplementary characters pass straight through.
        #expect(try parse("\"𠮷\"") == .string("𠮷"))
    }

    @Test func loneSurrogates() {
        // A lone high surrogate, positioned at its backslash.
        let high = syntaxError(#"["ab\ud842"]"#)
        #expect(high?.reason == .loneSurrogate)
        #expect(high?.byteOffset == 4)
        #expect(high?.column == 5)
        // A lone low surrogate.
        let low = syntaxError(#""\udfb7""#)
        #expect(low?.reason == .loneSurrogate)
        #expect(low?.byteOffset == 1)
        // High followed by a non-surrogate escape, by another high, by plain text, by a simple escape.
        #expect(syntaxError(#""\ud842\u0041""#)?.reason == .loneSurrogate)
        #expect(syntaxError(#""\ud842\ud842""#)?.reason == .loneSurrogate)
        #expect(syntaxError(#""\ud842x""#)?.reason == .loneSurrogate)
        #expect(syntaxError(#""\ud842\n""#)?.reason == .loneSurrogate)
        // Reversed pair.
        #expect(syntaxError(#""\udfb7\ud842""#)?.reason == .loneSurrogate)
    }

    @Test func invalidEscapes() {
        let bad = syntaxError(#"{"k": "a\xb"}"#)
        #expect(bad?.reason == .invalidEscape)
        #expect(bad?.byteOffset == 8)
        #expect(syntaxError(#""\a""#)?.reason == .invalidEscape)
        #expect(syntaxError(#""\U0041""#)?.reason == .invalidEscape)
        #expect(syntaxError(#""\'""#)?.reason == .invalidEscape)

        let badHex = syntaxError(#""xy\u12G4""#)
        #expect(badHex?.reason == .invalidUnicodeEscape)
        #expect(badHex?.byteOffset == 3)
        #expect(syntaxError(#""\u12""#)?.reason == .invalidUnicodeEscape)
        #expect(syntaxError(#""\ud842\uZZZZ""#)?.reason == .invalidUnicodeEscape)
    }

    @Test func controlCharactersInStrings() {
        let tab = syntaxError("[\"a\tb\"]")
        #expect(tab?.reason == .controlCharacterInString)
        #expect(tab?.byteOffset == 3)
        #expect(syntaxError("\"line\nbreak\"")?.reason == .controlCharacterInString)
        #expect(syntaxError("\"\u{0}\"")?.reason == .controlCharacterInString)
        // Also after an escape (slow path).
        #expect(syntaxError("\"\\n\u{1F}\"")?.reason == .controlCharacterInString)
        // DEL is not a control character for JSON.
        #expect(syntaxError("\"\u{7F}\"") == nil)
    }

    @Test func invalidUTF8InStringsNeverCrashes() throws {
        let bytes: [UInt8] = [ascii("\""), 0xFF, 0xC0, 0x80, 0xE4, 0xB8, ascii("\"")]
        guard case .string(let text) = try JSONParser.parse(bytes) else {
            Issue.record("not a string")
            return
        }
        #expect(text.unicodeScalars.contains("\u{FFFD}"))
        // Escaped slow path too.
        let escaped: [UInt8] = [ascii("\""), ascii("\\"), ascii("n"), 0xFF, ascii("\"")]
        #expect(throws: Never.self) { _ = try JSONParser.parse(escaped) }
    }

    @Test func byteOrderMarkIsNotJSON() {
        let error = syntaxError([0xEF, 0xBB, 0xBF] + Array("{}".utf8))
        #expect(error?.reason == .unexpectedCharacter(0xEF))
        #expect(error?.byteOffset == 0)
    }

    @Test func stringAndByteEntryPointsAgree() throws {
        let text = #"{"姓名": "林𡘙安", "n": [1, 2.5, "\ud842\udfb7"]}"#
        #expect(try JSONParser.parse(text) == JSONParser.parse(Array(text.utf8)))
    }

    // MARK: Structural errors and positions

    @Test func emptyInput() {
        let empty = syntaxError("")
        #expect(empty == JSONSyntaxError(reason: .emptyInput, line: 1, column: 1, byteOffset: 0))
        let blank = syntaxError(" \n\t")
        #expect(blank?.reason == .emptyInput)
        #expect(blank?.line == 2)
    }

    @Test func trailingContent() {
        let error = syntaxError("{\"a\": 1}\n  {}")
        #expect(error == JSONSyntaxError(reason: .trailingContent, line: 2, column: 3, byteOffset: 11))
        #expect(syntaxError("1 2")?.reason == .trailingContent)
        #expect(syntaxError("[] ]")?.reason == .trailingContent)
        #expect(syntaxError("null x")?.reason == .trailingContent)
    }

    @Test func unexpectedCharacters() {
        #expect(syntaxError("[1,]") == JSONSyntaxError(reason: .unexpectedCharacter(ascii("]")), line: 1, column: 4, byteOffset: 3))
        #expect(syntaxError("{\"a\":1,}")?.reason == .unexpectedCharacter(ascii("}")))
        #expect(syntaxError("{\"a\" 1}")?.reason == .unexpectedCharacter(ascii("1")))
        #expect(syntaxError("{a:1}")?.reason == .unexpectedCharacter(ascii("a")))
        #expect(syntaxError("{'a':1}")?.reason == .unexpectedCharacter(ascii("'")))
        #expect(syntaxError("[1 2]")?.reason == .unexpectedCharacter(ascii("2")))
        #expect(syntaxError("[1}")?.reason == .unexpectedCharacter(ascii("}")))
        #expect(syntaxError("{\"a\":1]")?.reason == .unexpectedCharacter(ascii("]")))
        #expect(syntaxError("tru")?.reason == .unexpectedEndOfInput)
        #expect(syntaxError("trux")?.reason == .unexpectedCharacter(ascii("x")))
        #expect(syntaxError("nul1")?.reason == .unexpectedCharacter(ascii("1")))
        #expect(syntaxError("True")?.reason == .unexpectedCharacter(ascii("T")))
        #expect(syntaxError("[1,\u{3000}2]")?.reason == .unexpectedCharacter(0xE3))  // U+3000 is not JSON whitespace
        #expect(syntaxError("// c\n{}")?.reason == .unexpectedCharacter(ascii("/")))
    }

    @Test func positionsAcrossLines() {
        #expect(syntaxError("[1,\n 2,\n  x]") == JSONSyntaxError(reason: .unexpectedCharacter(ascii("x")), line: 3, column: 3, byteOffset: 10))
        // CR LF counts as one line break; a lone CR also ends a line.
        #expect(syntaxError("[\r\n1,\r\nx]") == JSONSyntaxError(reason: .unexpectedCharacter(ascii("x")), line: 3, column: 1, byteOffset: 7))
        #expect(syntaxError("[\r1,\rx]") == JSONSyntaxError(reason: .unexpectedCharacter(ascii("x")), line: 3, column: 1, byteOffset: 5))
    }

    @Test func columnsCountUnicodeScalars() {
        // `{"名字": 1 2}`: 名 and 字 are 3 bytes each but one column each.
        #expect(syntaxError("{\"名字\": 1 2}") == JSONSyntaxError(reason: .unexpectedCharacter(ascii("2")), line: 1, column: 10, byteOffset: 13))
        // A supplementary-plane character (4 bytes) is one column.
        #expect(syntaxError("{\n  \"𠮷\": x}") == JSONSyntaxError(reason: .unexpectedCharacter(ascii("x")), line: 2, column: 8, byteOffset: 12))
    }

    @Test func endOfInputPositions() {
        #expect(syntaxError("{\"a\": ") == JSONSyntaxError(reason: .unexpectedEndOfInput, line: 1, column: 7, byteOffset: 6))
        #expect(syntaxError("[\n\"林") == JSONSyntaxError(reason: .unexpectedEndOfInput, line: 2, column: 3, byteOffset: 6))
        #expect(syntaxError("\"\\")?.reason == .unexpectedEndOfInput)
        #expect(syntaxError("\"\\u00")?.reason == .unexpectedEndOfInput)
        #expect(syntaxError("\"\\ud842")?.reason == .unexpectedEndOfInput)
        #expect(syntaxError("\"\\ud842\\")?.reason == .unexpectedEndOfInput)
        #expect(syntaxError("\"\\ud842\\u")?.reason == .unexpectedEndOfInput)
        #expect(syntaxError("\"\\ud842\\udf")?.reason == .unexpectedEndOfInput)
        #expect(syntaxError("{\"a\"")?.reason == .unexpectedEndOfInput)
        #expect(syntaxError("[1,")?.reason == .unexpectedEndOfInput)
        #expect(syntaxError("[1")?.reason == .unexpectedEndOfInput)
    }

    // MARK: Robustness

    static let sample = """
        {
          "應試號碼": "01686463",
          "學生中文姓名": "林𡘙安",
          "學生出生年月日": "0920315",
          "擔任學校幹部經歷紀錄": [
            {"學年度": 111, "學期": 1, "開始日期": "2022/08/30", "幹部等級代碼": 2,
             "備註": "\\"班長\\"\\t\\u6797\\ud842\\udfb7", "分數": -86.42e-1, "空": null, "真": true, "假": false},
            [], {}, [[]], ""
          ]
        }
        """

    @Test func sampleParses() throws {
        let value = try parse(Self.sample)
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object["學生中文姓名"] == .string("林𡘙安"))
        guard case .array(let cadres)? = object["擔任學校幹部經歷紀錄"], case .object(let first)? = cadres.first else {
            Issue.record("cadre list missing")
            return
        }
        #expect(first["備註"] == .string("\"班長\"\t林𠮷"))
        #expect(first["分數"] == .number("-86.42e-1"))
        #expect(cadres.count == 5)
    }

    @Test func everyTruncationThrows() {
        let bytes = Array(Self.sample.utf8)
        for length in 0..<bytes.count {
            let error = syntaxError(Array(bytes[0..<length]))
            #expect(error != nil, "prefix of \(length) bytes parsed")
            if let error {
                #expect(error.byteOffset <= length)
                #expect(error.line >= 1 && error.column >= 1)
            }
        }
    }

    @Test func mutatedInputsNeverCrash() {
        // Deterministic xorshift so failures reproduce.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let original = Array(Self.sample.utf8)
        let interesting: [UInt8] = Array("{}[]\",:\\u0e-+.tfn \n".utf8) + [0x00, 0x1F, 0x80, 0xC0, 0xED, 0xFF]
        for _ in 0..<3_000 {
            var bytes = original
            for _ in 0..<(1 + Int(next() % 4)) {
                let position = Int(next() % UInt64(bytes.count))
                let replacement = interesting[Int(next() % UInt64(interesting.count))]
                switch next() % 3 {
                case 0: bytes[position] = replacement
                case 1: bytes.insert(replacement, at: position)
                default: bytes.remove(at: position)
                }
                if bytes.isEmpty { bytes = [ascii("[")] }
            }
            if let error = syntaxError(bytes) {
                #expect(error.byteOffset >= 0 && error.byteOffset <= bytes.count)
            }
        }
    }

    @Test func nestingAtTheLimitParses() throws {
        let depth = 64
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(syntaxError(arrays) == nil)
        let objects = String(repeating: "{\"a\":", count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
        #expect(syntaxError(objects) == nil)
    }

    @Test func nestingBeyondTheLimitThrows() {
        let arrays = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(syntaxError(arrays) == JSONSyntaxError(reason: .nestingTooDeep(limit: 64), line: 1, column: 65, byteOffset: 64))
        // An empty container at the limit still counts as a level.
        let objects = String(repeating: "{\"a\":", count: 64) + "{}" + String(repeating: "}", count: 64)
        #expect(syntaxError(objects)?.reason == .nestingTooDeep(limit: 64))
        #expect(syntaxError("[[[1]]]", maxDepth: 2)?.reason == .nestingTooDeep(limit: 2))
        #expect(syntaxError("[[1]]", maxDepth: 2) == nil)
        #expect(syntaxError("[]", maxDepth: 0)?.reason == .nestingTooDeep(limit: 0))
        #expect(syntaxError("1", maxDepth: 0) == nil)
    }

    @Test func hostileNestingIsRejectedNotOverflowed() {
        let hostile = [UInt8](repeating: ascii("["), count: 1_000_000)
        #expect(syntaxError(hostile)?.reason == .nestingTooDeep(limit: 64))
        // A huge caller-supplied limit is capped, so the value tree stays shallow enough to destroy safely.
        #expect(syntaxError(hostile, maxDepth: Int.max)?.reason == .nestingTooDeep(limit: JSONParser.depthCeiling))
        let mixed = String(repeating: "{\"k\":[", count: 100_000)
        #expect(syntaxError(mixed)?.reason == .nestingTooDeep(limit: 64))
    }

    @Test func deepButAllowedNesting() throws {
        let depth = JSONParser.depthCeiling
        let text = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        let value = try parse(text, maxDepth: depth)
        var level = 0
        var current = value
        while case .array(let inner) = current, let first = inner.first {
            level += 1
            current = first
        }
        #expect(level == depth)
        #expect(current == .number("1"))
    }

    @Test func largeArrayOfObjects() throws {
        let rowCount = 20_000
        var text = "["
        text.reserveCapacity(rowCount * 420)
        for row in 0..<rowCount {
            if row > 0 { text += ",\n" }
            text += """
                {"實際修課學年度": \(110 + row % 3), "實際修課學期": "\(1 + row % 2)", "科目名稱": "國語文\(row)", \
                "學分數": 4, "課程類別": "部定必修", "課程領域資訊": {"名稱": "語文"}, \
                "課程代碼": "108013301H11101A1010101", "學業成績": {"分數": \(row % 101).5}, "母體人數": 412, \
                "備註": "以Arduino量測單擺週期\\n比較\\u7406\\u8ad6\\u503c與\\ud842\\udfb7實驗值", \
                "本科目分數級距分布": {"組距0_1的人數": 0, "組距1_2的人數": 1, "組距98_99的人數": 2, "組距99_100的人數": 3}, \
                "null": null, "ok": true}
                """
        }
        text += "]"
        let value = try JSONParser.parse(Array(text.utf8))
        guard case .array(let rows) = value else {
            Issue.record("not an array")
            return
        }
        #expect(rows.count == rowCount)
        guard case .object(let last)? = rows.last else {
            Issue.record("last row not an object")
            return
        }
        #expect(last["科目名稱"] == .string("國語文\(rowCount - 1)"))
        #expect(last["備註"] == .string("以Arduino量測單擺週期\n比較理論值與𠮷實驗值"))
        #expect(last.keys.count == 13)
    }
}
