import Foundation
import Testing

@testable import PDFReader

/// Page 1's content (Flate): text, a hex string with bytes of every range, the image and the form.
let cryptoPageOne = "BT /F1 18 Tf 72 700 Td (Owner password only \\(restricted\\)) Tj <00FF7F80E4B8AD> Tj ET q 40 0 0 40 72 600 cm /Im1 Do Q /Fm1 Do /GS1 gs"
/// Page 2's two content streams, stored uncompressed: a marked-content section naming an optional content group.
let cryptoPageTwoA = "/OC /MC0 BDC BT /F1 12 Tf 72 720 Td (Second page, first stream) Tj ET EMC"
let cryptoPageTwoB = "BT /F1 12 Tf 72 700 Td [(Kerned) -250 (text)] TJ ET"
let cryptoMetadata = """
    <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF \
    xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""/></rdf:RDF>\
    </x:xmpmeta><?xpacket end="w"?>
    """

/// A fixture with what encryption touches: text in a Flate and in plain content streams, an image
/// stream, a form XObject with a metadata stream (also the catalog's), strings in a resource (an
/// optional content group's /Name with escapes and Latin-1 bytes) and in a form's dictionary.
func cryptoFixture() -> [UInt8] {
    var b = PDFBuilder()
    b.add(1, "<< /Type /Catalog /Pages 2 0 R /Metadata 12 0 R >>")
    b.add(2, "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 595 842] >>")
    b.add(3, "<< /Type /Page /Parent 2 0 R /Contents 5 0 R /Resources 7 0 R >>")
    b.add(
        4, "<< /Type /Page /Parent 2 0 R /Contents [6 0 R 13 0 R] /Resources << /Font << /F1 8 0 R >> /Properties << /MC0 11 0 R >> >> >>")
    b.addStream(5, "/Filter /FlateDecode", deflate(Array(cryptoPageOne.utf8)))
    b.addStream(6, "", Array(cryptoPageTwoA.utf8))
    b.add(7, "<< /Font << /F1 8 0 R >> /XObject << /Im1 9 0 R /Fm1 10 0 R >> /ExtGState << /GS1 << /CA 0.5 >> >> >>")
    b.add(8, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    let pixels = (0..<48).map { UInt8(($0 * 37) & 0xFF) }
    b.addStream(
        9, "/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode",
        deflate(pixels))
    b.addStream(
        10, "/Type /XObject /Subtype /Form /BBox [0 0 200 100] /Resources << /Font << /F1 8 0 R >> >> /Metadata 12 0 R /PieceInfo << /App << /Private (form string) /LastModified (D:20261201120000+08'00') >> >>",
        Array("BT /F1 10 Tf 10 50 Td (Inside the form) Tj ET".utf8))
    b.add(11, "<< /Type /OCG /Name (Layer \\(one\\) \\351t\\351 \\\\ end) >>")
    b.addStream(12, "/Type /Metadata /Subtype /XML", Array(cryptoMetadata.utf8))
    b.addStream(13, "", Array(cryptoPageTwoB.utf8))
    b.finishClassic(trailer: "<< /Size 14 /Root 1 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>")
    return b.bytes
}

/// Every page's boxes, decoded contents and resources with references followed and streams replaced
/// by their dictionary (less the keys of their encoding) and their decoded data: what the packet places,
/// independent of object numbers and of how the file stored it.
func canonicalPages(_ reader: PDFDocumentReader) throws -> [PDFObject] {
    let document = try reader.importPages()
    func expand(_ object: PDFObject, depth: Int) throws -> PDFObject {
        guard depth < 40 else { return .name("…") }
        switch object {
        case .reference(let n): return try expand(document.objects[n] ?? .null, depth: depth + 1)
        case .array(let a): return .array(try a.map { try expand($0, depth: depth + 1) })
        case .dictionary(let d): return .dictionary(try d.mapValues { try expand($0, depth: depth + 1) })
        case .stream(let s):
            var d = s.dictionary
            for key in ["Length", "Filter", "DecodeParms"] { d[key] = nil }
            var out = try d.mapValues { try expand($0, depth: depth + 1) }
            out["(data)"] = .string(try reader.decodedData(of: s))
            return .dictionary(out)
        default: return object
        }
    }
    return try document.pages.map { page in
        .dictionary([
            "(contents)": .string(page.contents),
            "(box)": .array([page.mediaBox, page.cropBox].flatMap { [.real($0.x0), .real($0.y0), .real($0.x1), .real($0.y1)] }),
            "(resources)": try expand(page.resources, depth: 0),
        ])
    }
}

/// A string somewhere in `object` (for checking that decrypted strings are what was written).
func strings(in object: PDFObject) -> [[UInt8]] {
    switch object {
    case .string(let s): return [s]
    case .array(let a): return a.flatMap(strings(in:))
    case .dictionary(let d): return d.keys.sorted().flatMap { strings(in: d[$0]!) }
    default: return []
    }
}

func qpdf(_ input: [UInt8], _ options: [String]) throws -> [UInt8] {
    try transform(input, tool: "qpdf", arguments: { options + [$0, $1] }, allowedStatus: [0, 3])
}

func encryptionSummary(_ bytes: [UInt8]) throws -> String {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("e.pdf").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return try run("qpdf", ["--show-encryption", path], allowedStatus: [0, 2, 3])
}

@Suite struct EncryptionTests {
    /// qpdf's encryptions with the empty user password: (options, the revision qpdf reports, the
    /// methods). Each also with object streams (then the object stream is encrypted as a whole, the xref
    /// stream not at all) and with a classic xref table.
    static let ownerOnly: [(options: [String], revision: Int, method: String)] = [
        (["--allow-weak-crypto", "--encrypt", "", "owner", "40", "--"], 2, "RC4"),
        (["--allow-weak-crypto", "--encrypt", "", "owner", "40", "--print=n", "--modify=n", "--extract=n", "--annotate=n", "--"], 2, "RC4"),
        (["--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--"], 3, "RC4"),
        (["--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--force-V4", "--"], 4, "RC4"),
        (["--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--force-V4", "--cleartext-metadata", "--"], 4, "RC4"),
        (["--encrypt", "", "owner", "128", "--use-aes=y", "--"], 4, "AESv2"),
        (["--encrypt", "", "owner", "128", "--use-aes=y", "--cleartext-metadata", "--print=none", "--modify=none", "--"], 4, "AESv2"),
        (["--encrypt", "", "owner", "256", "--"], 6, "AESv3"),
        (["--encrypt", "", "owner", "256", "--cleartext-metadata", "--"], 6, "AESv3"),
        (["--encrypt", "", "owner", "256", "--print=none", "--modify=none", "--extract=n", "--"], 6, "AESv3"),
        (["--allow-weak-crypto", "--encrypt", "", "owner", "256", "--force-R5", "--"], 5, "AESv3"),
        (["--encrypt", "", "", "256", "--allow-insecure", "--"], 6, "AESv3"),
    ]

    @Test(arguments: 0..<ownerOnly.count)
    func ownerPasswordOnlyFilesAreDecrypted(_ index: Int) throws {
        let variant = Self.ownerOnly[index]
        let original = cryptoFixture()
        let expected = try canonicalPages(try PDFDocumentReader(bytes: original))
        // The fixture's own strings, so that a decryption that does nothing to them cannot pass.
        #expect(strings(in: .array(expected)).contains(Array("Layer (one) \u{E9}t\u{E9} \\ end".unicodeScalars.map { UInt8($0.value) })))
        for layout in [["--object-streams=generate"], ["--object-streams=disable"]] {
            let encrypted = try qpdf(original, layout + variant.options)
            let summary = try encryptionSummary(encrypted)
            #expect(summary.contains("R = \(variant.revision)"), "\(summary)")
            // qpdf names the methods of crypt filters (V 4 and 5) only.
            if variant.revision >= 4 {
                #expect(summary.contains("stream encryption method: \(variant.method)"), "\(summary)")
            }
            // Encrypted for real: the text is not in the file.
            #expect(occurrences(of: "Second page, first stream", in: encrypted).isEmpty)
            let reader = try PDFDocumentReader(bytes: encrypted)
            #expect(reader.wasEncrypted)
            #expect(!reader.wasRepaired)
            let pages = try canonicalPages(reader)
            #expect(pages == expected, "\(variant.options) \(layout)")
            // Nothing imported names a crypt filter.
            let document = try reader.importPages()
            for (_, object) in document.objects { #expect(!containsName("Crypt", in: object)) }
            // Page by page gives the same as the import of every page.
            #expect(try reader.page(0).contents == Array(cryptoPageOne.utf8))
            #expect(try reader.page(1).contents == Array((cryptoPageTwoA + "\n" + cryptoPageTwoB).utf8))
        }
    }

    /// The metadata stream (reached through the form XObject) is returned as written, whether qpdf
    /// encrypted it or left it in clear under `/EncryptMetadata false`.
    @Test func metadataInClearAndEncrypted() throws {
        for clear in [false, true] {
            let options = ["--encrypt", "", "owner", "256"] + (clear ? ["--cleartext-metadata"] : []) + ["--"]
            let encrypted = try qpdf(cryptoFixture(), options)
            #expect(occurrences(of: "adobe:ns:meta", in: encrypted).isEmpty == !clear)
            let reader = try PDFDocumentReader(bytes: encrypted)
            let document = try reader.importPages()
            let metadata = document.objects.values.compactMap { object -> PDFStream? in
                if case .stream(let s) = object, s.dictionary["Type"] == .name("Metadata") { return s }
                return nil
            }
            #expect(metadata.count == 1)
            #expect(try metadata.map { try reader.decodedData(of: $0) } == [Array(cryptoMetadata.utf8)])
        }
    }

    /// A file that needs a user password is refused with the typed error, whatever the algorithm.
    @Test(arguments: [
        ["--allow-weak-crypto", "--encrypt", "user", "owner", "40", "--"],
        ["--allow-weak-crypto", "--encrypt", "user", "owner", "128", "--use-aes=n", "--"],
        ["--encrypt", "user", "owner", "128", "--use-aes=y", "--"],
        ["--encrypt", "user", "owner", "256", "--"],
        ["--allow-weak-crypto", "--encrypt", "user", "owner", "256", "--force-R5", "--"],
    ])
    func userPasswordIsRequired(_ options: [String]) throws {
        for layout in [["--object-streams=generate"], ["--object-streams=disable"]] {
            let encrypted = try qpdf(cryptoFixture(), layout + options)
            #expect(throws: PDFReadError.passwordRequired) { try PDFDocumentReader(bytes: encrypted) }
        }
    }

    /// The /Encrypt dictionary damaged in place (same length, so the xref stays right) or so that the
    /// file must be repaired: a typed error, never a crash; a /U changed means the empty password no
    /// longer opens it.
    @Test func damagedEncryptionDictionaries() throws {
        let aes = try qpdf(cryptoFixture(), ["--object-streams=generate", "--encrypt", "", "owner", "128", "--use-aes=y", "--"])
        let rc4 = try qpdf(
            cryptoFixture(), ["--object-streams=disable", "--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--"])
        func replacing(_ bytes: [UInt8], _ old: String, _ new: String) throws -> [UInt8] {
            guard let at = lastIndex(of: old, in: bytes) else { throw ToolError(description: "no \(old) in the fixture") }
            return Array(bytes[..<at]) + Array(new.utf8) + Array(bytes[(at + old.utf8.count)...])
        }
        let cases: [([UInt8], String, String, PDFReadError)] = [
            (aes, "/Filter /Standard", "/Filter /Unknown1", .unsupportedEncryption("security handler Unknown1")),
            (aes, "/Filter /Standard", "/Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5",
                .unsupportedEncryption("public-key security handler Adobe.PubSec")),
            (aes, "/R 4", "/R 9", .unsupportedEncryption("security handler revision /R 9")),
            (aes, "/V 4", "/V 3", .unsupportedEncryption("encryption algorithm /V 3")),
            (aes, "/CFM /AESV2", "/CFM /AESV9", .unsupportedEncryption("crypt filter method AESV9")),
            (aes, "/CFM /AESV2", "/CFM /AESV3", .unsupportedEncryption("crypt filter method for /V 4")),
            (aes, "/StmF /StdCF", "/StmF /StdCX", .malformed("StmF names no crypt filter (StdCX)")),
            (aes, "/O <", "/X <", .malformed("encryption dictionary has no /O or /U string")),
            (aes, "/P -", "/X -", .malformed("encryption dictionary has no /P")),
            (aes, "/U <", "/U <00", .passwordRequired),
            (rc4, "/Length 128", "/Length 129", .malformed("key /Length 129")),
            (rc4, "/R 3", "/R 2", .passwordRequired),
            (rc4, "/P -", "/P 1", .passwordRequired),
        ]
        for (base, old, new, error) in cases {
            let damaged = try replacing(base, old, new)
            #expect(throws: error, "\(old) → \(new)") { try PDFDocumentReader(bytes: damaged) }
        }
        // /Encrypt naming something that is not a dictionary, or nothing at all.
        guard let encryptAt = lastIndex(of: "/Encrypt ", in: rc4) else { throw ToolError(description: "no /Encrypt") }
        var p = encryptAt + 9
        while rc4[p] != UInt8(ascii: " ") { p += 1 }
        let number = Int(text(Array(rc4[(encryptAt + 9)..<p])))!
        let width = String(number).count
        let notADictionary = Array(rc4[..<(encryptAt + 9)]) + Array(String(repeating: "9", count: width).utf8) + Array(rc4[p...])
        #expect(throws: PDFReadError.malformed("/Encrypt is not a dictionary")) { try PDFDocumentReader(bytes: notADictionary) }
    }

    /// Byte flips and cut-outs inside the encryption dictionary and the strings it holds: any outcome
    /// but a crash or a hang; a file that still opens imports every page.
    @Test func mutatedEncryptionDictionariesNeverCrash() throws {
        var rng = SplitMix64(state: 0xC0FFEE)
        for options in [
            ["--object-streams=generate", "--encrypt", "", "owner", "256", "--"],
            ["--object-streams=generate", "--encrypt", "", "owner", "128", "--use-aes=y", "--"],
            ["--allow-weak-crypto", "--encrypt", "", "owner", "40", "--"],
        ] {
            let encrypted = try qpdf(cryptoFixture(), options)
            guard let start = lastIndex(of: "/Filter /Standard", in: encrypted) else { throw ToolError(description: "no dictionary") }
            var end = start
            while end < encrypted.count - 2, !(encrypted[end] == UInt8(ascii: ">") && encrypted[end + 1] == UInt8(ascii: ">")) { end += 1 }
            let begin = max(0, start - 200)
            for _ in 0..<150 {
                var bytes = encrypted
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    let at = Int.random(in: begin..<end, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: bytes[at] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
                    case 1: bytes[at] = [UInt8(ascii: "0"), UInt8(ascii: "/"), UInt8(ascii: "<"), UInt8(ascii: ")")][Int.random(in: 0..<4, using: &rng)]
                    default: bytes.removeSubrange(at..<min(at + Int.random(in: 1...8, using: &rng), bytes.count))
                    }
                }
                if let reader = try? PDFDocumentReader(bytes: bytes) { _ = try? reader.importPages() }
            }
        }
    }

    /// A stream's own crypt filter: `/Identity` leaves it as stored, and the filter is removed.
    @Test func streamsOwnIdentityCryptFilter() throws {
        let handler = SecurityHandler(
            fileKey: [UInt8](repeating: 3, count: 16), strings: .rc4, streams: .rc4,
            namedFilters: ["Identity": .identity, "StdCF": .rc4], encryptMetadata: true, dictionaryObject: nil)
        let data = Array("BT (clear) Tj ET".utf8)
        let stream = PDFStream(
            dictionary: [
                "Filter": .array([.name("Crypt"), .name("FlateDecode")]),
                "DecodeParms": .array([.dictionary(["Type": .name("CryptFilterDecodeParms"), "Name": .name("Identity")]), .null]),
            ], rawData: data)
        guard case .stream(let out) = try handler.decrypt(.stream(stream), number: 5, generation: 0) else {
            Issue.record("not a stream")
            return
        }
        #expect(out.rawData == data)
        #expect(out.dictionary["Filter"] == .array([.name("FlateDecode")]))
        #expect(out.dictionary["DecodeParms"] == .array([.null]))
        // The same stream without its own filter is RC4-decrypted with the object's key.
        guard case .stream(let other) = try handler.decrypt(.stream(PDFStream(dictionary: [:], rawData: data)), number: 5, generation: 0) else {
            return
        }
        #expect(other.rawData == RC4.apply(key: handler.objectKey(.rc4, number: 5, generation: 0), to: data))
        #expect(other.rawData != data)
    }

    /// RC4 against the well-known test vectors.
    @Test func rc4Vectors() {
        func hex(_ s: String) -> [UInt8] {
            stride(from: 0, to: s.count, by: 2).map { UInt8(s.dropFirst($0).prefix(2), radix: 16)! }
        }
        #expect(RC4.apply(key: Array("Key".utf8), to: Array("Plaintext".utf8)) == hex("BBF316E8D940AF0AD3"))
        #expect(RC4.apply(key: Array("Wiki".utf8), to: Array("pedia".utf8)) == hex("1021BF0420"))
        #expect(RC4.apply(key: Array("Secret".utf8), to: Array("Attack at dawn".utf8)) == hex("45A01F645FC35B383552544B9BF5"))
    }

    /// PKCS#7 padding is checked: a wrong last block makes the object unreadable (null), not garbage.
    @Test func aesPaddingIsChecked() throws {
        let key = [UInt8](repeating: 7, count: 16)
        let iv = [UInt8](repeating: 9, count: 16)
        let handler = SecurityHandler(
            fileKey: key, strings: .aesV2, streams: .aesV2, namedFilters: ["Identity": .identity, "StdCF": .aesV2],
            encryptMetadata: true, dictionaryObject: nil)
        let plain = Array("fifteen bytes!!".utf8)
        let good = iv + (try SecurityHandler.aesCBC(encrypting: plain + [1], key: key, iv: iv))
        #expect(try handler.apply(.aesV2, key: key, to: good) == plain)
        let full = iv + (try SecurityHandler.aesCBC(encrypting: plain + [1] + [UInt8](repeating: 16, count: 16), key: key, iv: iv))
        #expect(try handler.apply(.aesV2, key: key, to: full) == plain + [1])
        for badPad: [UInt8] in [[0], [17], [2]] {
            let bad = iv + (try SecurityHandler.aesCBC(encrypting: plain + badPad, key: key, iv: iv))
            #expect(throws: PDFReadError.malformed("bad AES padding")) { try handler.apply(.aesV2, key: key, to: bad) }
        }
        #expect(throws: PDFReadError.malformed("AES data of 20 bytes")) { try handler.apply(.aesV2, key: key, to: good.prefix(20).map { $0 }) }
        #expect(try handler.apply(.aesV2, key: key, to: []) == [])
    }
}
