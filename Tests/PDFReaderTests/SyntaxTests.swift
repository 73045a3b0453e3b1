import Foundation
import Testing

@testable import PDFReader

func parse(_ s: String) throws(PDFReadError) -> PDFObject {
    var p = Parser(bytes: Array(s.utf8), pos: 0, maxDepth: 64)
    return try p.parseObject()
}

@Suite struct SyntaxTests {
    @Test func scalars() throws {
        #expect(try parse("null") == .null)
        #expect(try parse(" true") == .boolean(true))
        #expect(try parse("false ") == .boolean(false))
        #expect(try parse("-42") == .integer(-42))
        #expect(try parse("+17") == .integer(17))
        #expect(try parse("3.25") == .real(3.25))
        #expect(try parse("-.5") == .real(-0.5))
        #expect(try parse("4.") == .real(4))
        // Too large for Int: read as a real rather than trapping.
        #expect(try parse("99999999999999999999999").doubleValue ?? 0 > 1e22)
        #expect(try parse("12 0 R") == .reference(12))
        #expect(try parse("[1 2 3 R 4]") == .array([.integer(1), .reference(2), .integer(4)]))
        #expect(try parse("[1 2 3 4]") == .array([.integer(1), .integer(2), .integer(3), .integer(4)]))
        #expect(try parse("[1 0 R 2 0 R]") == .array([.reference(1), .reference(2)]))
    }

    @Test func strings() throws {
        #expect(try parse("(a (nested) string)") == .string(Array("a (nested) string".utf8)))
        #expect(try parse(#"(esc \( \) \\ \n\t \101\60x \q)"#) == .string(Array("esc ( ) \\ \n\t A0x q".utf8)))
        #expect(try parse("(line\\\ncontinued)") == .string(Array("linecontinued".utf8)))
        #expect(try parse("(cr\r\nlf)") == .string(Array("cr\nlf".utf8)))
        #expect(try parse("<48 65 6C6c6F>") == .string(Array("Hello".utf8)))
        #expect(try parse("<414>") == .string([0x41, 0x40]))
        #expect(throws: PDFReadError.truncated) { try parse("(unterminated") }
    }

    @Test func namesAndDictionaries() throws {
        #expect(try parse("/A#20B") == .name("A B"))
        #expect(try parse("/Lime#2") == .name("Lime#2"))
        #expect(try parse("/#E4#B8#AD") == .name("\u{E4}\u{B8}\u{AD}"))
        #expect(PDFObject.nameBytes("\u{E4}\u{B8}\u{AD}") == [0xE4, 0xB8, 0xAD])
        let d = try parse("<< /Type /Page /Kids [1 0 R] /Null null /Sub << /K (v) >> /Empty >>")
        #expect(d == .dictionary([
            "Type": .name("Page"), "Kids": .array([.reference(1)]),
            "Sub": .dictionary(["K": .string([0x76])]),
        ]))
        #expect(try parse("<</A 1%comment\n/B 2>>")["B"] == .integer(2))
        #expect(throws: PDFReadError.limitExceeded("nesting depth")) {
            try parse(String(repeating: "[", count: 1000))
        }
    }

    @Test func filters() throws {
        var budget = 1 << 20
        #expect(try Filters.asciiHex(Array("48 65 6c 6C 6 >".utf8), budget: &budget) == [0x48, 0x65, 0x6C, 0x6C, 0x60])
        #expect(try Filters.ascii85(Array("87cURD]i,\"Ebo80~>".utf8), budget: &budget) == Array("Hello World!".utf8))
        #expect(try Filters.ascii85(Array("z~>".utf8), budget: &budget) == [0, 0, 0, 0])
        // The LZW example of ISO 32000-1 §7.4.4.2.
        let lzw: [UInt8] = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01]
        #expect(try Filters.lzw(lzw, earlyChange: true, budget: &budget) == [45, 45, 45, 45, 45, 65, 45, 45, 45, 66])
        #expect(try Filters.runLength([2, 1, 2, 3, 254, 9, 128], budget: &budget) == [1, 2, 3, 9, 9, 9])
        // PNG "Up" predictor over two rows of 3 bytes.
        let png: [UInt8] = [2, 1, 2, 3, 2, 1, 1, 1]
        let parms: [String: PDFObject] = ["Predictor": .integer(12), "Columns": .integer(3)]
        #expect(try Filters.applyPredictor(png, parms: parms) == [1, 2, 3, 2, 3, 4])
        let tiff: [UInt8] = [1, 1, 1, 5, 1, 1]
        let tparms: [String: PDFObject] = ["Predictor": .integer(2), "Columns": .integer(3)]
        #expect(try Filters.applyPredictor(tiff, parms: tparms) == [1, 2, 3, 5, 6, 7])
        var small = 3
        #expect(throws: PDFReadError.limitExceeded("decoded bytes")) {
            try Filters.asciiHex(Array("0102030405".utf8), budget: &small)
        }
        #expect(throws: PDFReadError.unsupportedFilter("DCTDecode")) {
            try Filters.decode([1], filters: [("DCTDecode", [:])], budget: &budget)
        }
    }

    @Test func imageStreamsStayEncoded() throws {
        let jpegLike: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0xFF, 0xD9]
        let bytes = samplePDF(extraPage1: "/Resources << /XObject << /Im1 41 0 R >> >>") { b in
            b.addStream(41, "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB "
                + "/BitsPerComponent 8 /Filter /DCTDecode", jpegLike)
        }
        let page = try PDFDocumentReader(bytes: bytes).page(0)
        guard case .stream(let s)? = page.objects[41] else { Issue.record("image not copied"); return }
        #expect(s.rawData == jpegLike)
        #expect(s.dictionary["Length"] == .integer(jpegLike.count))
        #expect(s.dictionary["Filter"] == .name("DCTDecode"))
    }
}

/// A small deterministic generator so the mutation loop is reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct MutationTests {
    /// 2,000 seeded mutations (byte flips, truncations, insertions of PDF tokens) of the classic, the
    /// object-stream and an encrypted (owner password only) fixture: every one must end in pages or a typed error, quickly.
    /// The budget is 2,000 in CI; set PDFREADER_MUTATIONS (and PDFREADER_SEED) for longer runs.
    @Test func mutationLoop() throws {
        let env = ProcessInfo.processInfo.environment
        let budget = env["PDFREADER_MUTATIONS"].flatMap { Int($0) } ?? 2_000
        let seed = env["PDFREADER_SEED"].flatMap { UInt64($0) } ?? 0x5EED
        let samples = [
            samplePDF(),
            try transform(samplePDF(), tool: "qpdf") { ["--object-streams=generate", $0, $1] },
            // Owner password only, AES-128 (R4): the encrypted object stream and strings, the /Encrypt dictionary.
            try transform(samplePDF(), tool: "qpdf") {
                ["--object-streams=generate", "--encrypt", "", "owner", "128", "--use-aes=y", "--", $0, $1]
            },
        ]
        let tokens = ["obj", "endobj", "R", "<<", ">>", "[", "]", "(", ")", "stream", "endstream", "xref", "trailer",
            "/Prev 0", "/Length 999999", "9999999999", "-1", "1 0 R", "%%EOF", "startxref\n0", "/Kids [2 0 R]"
        ].map { Array($0.utf8) }
        var rng = SplitMix64(state: seed)
        let limits = Limits(maxDecodedBytes: 8 << 20)
        let start = Date()
        var opened = 0
        for i in 0..<budget {
            var bytes = samples[i % samples.count]
            let edits = Int.random(in: 1...4, using: &rng)
            for _ in 0..<edits {
                guard !bytes.isEmpty else { break }
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: bytes[at] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
                case 1: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                case 2: bytes.removeSubrange(at...)
                case 3: bytes.insert(contentsOf: tokens[Int.random(in: 0..<tokens.count, using: &rng)], at: at)
                default: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &rng)))
                }
            }
            if let reader = try? PDFDocumentReader(bytes: bytes, limits: limits) {
                opened += 1
                for p in 0..<reader.pageCount { _ = try? reader.page(p) }
            }
        }
        #expect(opened > budget / 4)
        #expect(Date().timeIntervalSince(start) < Double(budget) / 2_000 * 30)
    }
}
