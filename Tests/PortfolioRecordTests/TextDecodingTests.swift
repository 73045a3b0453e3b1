import Testing
@testable import PortfolioRecord

private func decodingError(_ bytes: [UInt8]) -> TextDecodingError? {
    do {
        _ = try TextDecoder.decode(bytes)
        return nil
    } catch {
        return error
    }
}

private func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
    var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    for unit in text.utf16 {
        let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
        bytes += bigEndian ? [high, low] : [low, high]
    }
    return bytes
}

@Suite struct TextDecodingTests {
    static let sample = "{\"學生中文姓名\": \"林𡘙安\", \"備註\": \"𠮷\"}"

    @Test func plainUTF8() throws {
        let result = try TextDecoder.decode(Array(Self.sample.utf8))
        #expect(result.text == Self.sample)
        #expect(result.encoding == .utf8)
        #expect(result.encoding.rawValue == "UTF-8")
    }

    @Test func utf8WithBOM() throws {
        let result = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(Self.sample.utf8))
        #expect(result.text == Self.sample)
        #expect(result.text.unicodeScalars.first == "{")
        #expect(result.encoding == .utf8WithBOM)
        #expect(result.encoding.rawValue == "UTF-8 (BOM)")
    }

    @Test func bomOnlyFilesAreEmptyText() throws {
        #expect(try TextDecoder.decode([0xEF, 0xBB, 0xBF]) == ("", .utf8WithBOM))
        #expect(try TextDecoder.decode([0xFF, 0xFE]) == ("", .utf16LE))
        #expect(try TextDecoder.decode([0xFE, 0xFF]) == ("", .utf16BE))
    }

    @Test func zeroBytesIsEmpty() {
        #expect(decodingError([]) == TextDecodingError(reason: .empty, byteOffset: 0))
    }

    @Test func whitespaceOnlyIsTheParsersBusiness() throws {
        #expect(try TextDecoder.decode(Array(" \n".utf8)) == (" \n", .utf8))
    }

    @Test func utf16LittleEndianWithBOM() throws {
        let result = try TextDecoder.decode(utf16(Self.sample, bigEndian: false))
        #expect(result.text == Self.sample)
        #expect(result.text.contains("𠮷"))
        #expect(result.encoding == .utf16LE)
    }

    @Test func utf16BigEndianWithBOM() throws {
        let result = try TextDecoder.decode(utf16(Self.sample, bigEndian: true))
        #expect(result.text == Self.sample)
        #expect(result.text.contains("𠮷"))
        #expect(result.encoding == .utf16BE)
    }

    @Test func decodedTextFeedsTheParser() throws {
        let decoded = try TextDecoder.decode(utf16(Self.sample, bigEndian: false))
        guard case .object(let object) = try JSONParser.parse(decoded.text) else {
            Issue.record("not an object")
            return
        }
        #expect(object["備註"] == .string("𠮷"))
    }

    @Test func invalidUTF16() {
        // Odd number of bytes after the BOM: the dangling last byte.
        #expect(decodingError([0xFF, 0xFE, 0x7B, 0x00, 0x7D]) == TextDecodingError(reason: .invalidUTF16, byteOffset: 4))
        // Unpaired high surrogate at the end (LE D842).
        #expect(decodingError([0xFF, 0xFE, 0x7B, 0x00, 0x42, 0xD8]) == TextDecodingError(reason: .invalidUTF16, byteOffset: 4))
        // High surrogate followed by a non-surrogate (BE D842 0041).
        #expect(decodingError([0xFE, 0xFF, 0xD8, 0x42, 0x00, 0x41]) == TextDecodingError(reason: .invalidUTF16, byteOffset: 2))
        // Lone low surrogate (BE 0041 DFB7).
        #expect(decodingError([0xFE, 0xFF, 0x00, 0x41, 0xDF, 0xB7]) == TextDecodingError(reason: .invalidUTF16, byteOffset: 4))
        // Reversed pair.
        #expect(decodingError([0xFE, 0xFF, 0xDF, 0xB7, 0xD8, 0x42]) == TextDecodingError(reason: .invalidUTF16, byteOffset: 2))
    }

    @Test func utf32IsRefused() {
        #expect(decodingError([0x00, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x00, 0x7B]) == TextDecodingError(reason: .utf32NotSupported, byteOffset: 0))
        #expect(decodingError([0xFF, 0xFE, 0x00, 0x00, 0x7B, 0x00, 0x00, 0x00]) == TextDecodingError(reason: .utf32NotSupported, byteOffset: 0))
        // Without a BOM.
        #expect(decodingError([0x7B, 0x00, 0x00, 0x00, 0x7D, 0x00, 0x00, 0x00])?.reason == .utf32NotSupported)
        #expect(decodingError([0x00, 0x00, 0x00, 0x7B, 0x00, 0x00, 0x00, 0x7D])?.reason == .utf32NotSupported)
    }

    @Test func utf16WithoutBOMIsRefused() {
        let le = Array(utf16("{}", bigEndian: false).dropFirst(2))
        let be = Array(utf16("{}", bigEndian: true).dropFirst(2))
        #expect(decodingError(le) == TextDecodingError(reason: .utf16WithoutBOM, byteOffset: 0))
        #expect(decodingError(be) == TextDecodingError(reason: .utf16WithoutBOM, byteOffset: 0))
        #expect(decodingError([0x20, 0x00])?.reason == .utf16WithoutBOM)
    }

    @Test func validMultiByteUTF8() throws {
        // 2-, 3- and 4-byte sequences at the edges of their ranges.
        let text = "\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFF}\u{10000}\u{10FFFF}𠮷"
        #expect(try TextDecoder.decode(Array(text.utf8)).text == text)
    }

    @Test(arguments: [
        // (bytes, offset of the first bad byte)
        ([0x41, 0xFF, 0x41], 1),                      // 0xFF never occurs in UTF-8
        ([0x41, 0x42, 0xC0, 0x80], 2),                // overlong NUL
        ([0xC1, 0xBF], 0),                            // overlong 2-byte
        ([0x41, 0xE0, 0x80, 0x80], 1),                // overlong 3-byte
        ([0xF0, 0x80, 0x80, 0x80], 0),                // overlong 4-byte
        ([0x7B, 0xE4, 0xB8, 0x7D], 1),                // truncated 3-byte sequence before more text
        ([0x7B, 0xE4, 0xB8], 1),                      // truncated at the end of the file
        ([0xF0, 0xA0, 0xAE], 0),                      // truncated 4-byte
        ([0x41, 0x80], 1),                            // stray continuation byte
        ([0xED, 0xA0, 0x80], 0),                      // encoded surrogate U+D800
        ([0xF4, 0x90, 0x80, 0x80], 0),                // above U+10FFFF
        ([0xF5, 0x80, 0x80, 0x80], 0),                // lead byte beyond the range
        ([0xFE, 0x41], 0),                            // 0xFE without a BOM partner
    ] as [([UInt8], Int)])
    func invalidUTF8(_ bytes: [UInt8], offset: Int) {
        #expect(decodingError(bytes) == TextDecodingError(reason: .invalidUTF8, byteOffset: offset))
    }

    @Test func invalidUTF8OffsetsCountTheBOM() {
        #expect(decodingError([0xEF, 0xBB, 0xBF, 0x41, 0xFF]) == TextDecodingError(reason: .invalidUTF8, byteOffset: 4))
    }
}
