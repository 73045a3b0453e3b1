import Crypto
import Foundation
import Testing

@testable import PDFReader

/// The empty password tried as the owner password too (Algorithm 7 for R2–R4, Algorithm 2.A for
/// R5/R6), and R6's `/Perms` checked against `/P` (Algorithm 13).
@Suite struct OwnerPasswordTests {
    /// qpdf's AES-256 encryptions with a user password and an empty owner password. (For R2–R4 qpdf,
    /// as Algorithm 3 says, uses the user password as the owner password when none is given: those
    /// files are made by the test itself below.)
    static let emptyOwner: [(options: [String], revision: Int)] = [
        (["--allow-weak-crypto", "--encrypt", "user", "", "256", "--force-R5", "--allow-insecure", "--"], 5),
        (["--encrypt", "user", "", "256", "--allow-insecure", "--"], 6),
        (["--encrypt", "user", "", "256", "--allow-insecure", "--print=none", "--modify=none", "--"], 6),
    ]

    @Test(arguments: 0..<emptyOwner.count)
    func anEmptyOwnerPasswordOpensTheFile(_ index: Int) throws {
        let variant = Self.emptyOwner[index]
        let original = cryptoFixture()
        let expected = try canonicalPages(try PDFDocumentReader(bytes: original))
        for layout in [["--object-streams=generate"], ["--object-streams=disable"]] {
            let encrypted = try qpdf(original, layout + variant.options)
            let summary = try encryptionSummary(encrypted)
            #expect(summary.contains("R = \(variant.revision)"), "\(summary)")
            #expect(occurrences(of: "Second page, first stream", in: encrypted).isEmpty)
            let reader = try PDFDocumentReader(bytes: encrypted)
            #expect(reader.wasEncrypted)
            #expect(try canonicalPages(reader) == expected, "\(variant.options) \(layout)")
        }
    }

    /// R2 (RC4 40-bit) and R3 (RC4 128-bit) files whose owner password is empty and whose user
    /// password is "user", encrypted here by ISO 32000-1 Algorithms 1–5 (a writer that does not put the
    /// user password in place of an empty owner password makes such files). qpdf is the judge that
    /// they are what they claim: it opens them with "user" and calls the empty password the owner's.
    @Test(arguments: [2, 3])
    func rc4FilesWithAnEmptyOwnerPasswordOpen(_ revision: Int) throws {
        let padding = SecurityHandler.passwordPadding
        let length = revision == 2 ? 5 : 16
        let user = Array("user".utf8) + padding.prefix(28)
        let fileID: [UInt8] = Array(0..<16)
        let p: Int32 = -3904
        // Algorithm 3: /O from the empty owner password and the user password.
        var ownerHash = Array(Insecure.MD5.hash(data: padding))
        if revision == 3 { for _ in 0..<50 { ownerHash = Array(Insecure.MD5.hash(data: ownerHash)) } }
        let ownerKey = Array(ownerHash.prefix(length))
        var o = RC4.apply(key: ownerKey, to: user)
        if revision == 3 { for i in 1...19 { o = RC4.apply(key: ownerKey.map { $0 ^ UInt8(i) }, to: o) } }
        // Algorithm 2: the file key from the user password.
        let pBytes = withUnsafeBytes(of: UInt32(bitPattern: p).littleEndian, Array.init)
        var keyHash = Array(Insecure.MD5.hash(data: user + o + pBytes + fileID))
        if revision == 3 { for _ in 0..<50 { keyHash = Array(Insecure.MD5.hash(data: keyHash.prefix(length))) } }
        let key = Array(keyHash.prefix(length))
        // Algorithm 4 (R2) or 5 (R3): /U.
        var u: [UInt8]
        if revision == 2 {
            u = RC4.apply(key: key, to: padding)
        } else {
            u = RC4.apply(key: key, to: Array(Insecure.MD5.hash(data: padding + fileID)))
            for i in 1...19 { u = RC4.apply(key: key.map { $0 ^ UInt8(i) }, to: u) }
            u += [UInt8](repeating: 0, count: 16)
        }
        // Algorithm 1: the page content encrypted with object 4's key.
        let content = Array("BT /F1 24 Tf 72 700 Td (Owner password empty) Tj ET".utf8)
        let objectKey = Array(Insecure.MD5.hash(data: key + [4, 0, 0, 0, 0]).prefix(min(length + 5, 16)))
        func hex(_ bytes: [UInt8]) -> String { "<" + bytes.map { String(format: "%02X", $0) }.joined() + ">" }
        var b = PDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        b.add(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>")
        b.addStream(4, "", RC4.apply(key: objectKey, to: content))
        let v = revision == 2 ? "/V 1" : "/V 2 /Length 128"
        b.add(5, "<< /Filter /Standard \(v) /R \(revision) /O \(hex(o)) /U \(hex(u)) /P \(p) >>")
        b.finishClassic(trailer: "<< /Size 6 /Root 1 0 R /Encrypt 5 0 R /ID [\(hex(fileID)) \(hex(fileID))] >>")

        let reader = try PDFDocumentReader(bytes: b.bytes)
        #expect(reader.wasEncrypted)
        #expect(try reader.page(0).contents == content)

        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("empty-owner.pdf").path
        try Data(b.bytes).write(to: URL(fileURLWithPath: path))
        let asOwner = try run("qpdf", ["--password=", "--show-encryption", path], allowedStatus: [0, 3])
        #expect(asOwner.contains("Supplied password is owner password"), "\(asOwner)")
        #expect(asOwner.contains("R = \(revision)"))
        let asUser = try run("qpdf", ["--password=user", "--show-encryption", path], allowedStatus: [0, 3])
        #expect(asUser.contains("Supplied password is user password"), "\(asUser)")
    }

    /// An R6 file whose `/Perms` was altered, or whose `/P` no longer matches it: refused as damaged,
    /// whichever password (user or owner) the empty one is.
    @Test(arguments: [["", "owner"], ["user", ""]])
    func tamperedPermissionsAreRefused(_ passwords: [String]) throws {
        let encrypted = try qpdf(
            cryptoFixture(),
            ["--object-streams=disable", "--encrypt", passwords[0], passwords[1], "256", "--allow-insecure", "--print=none", "--"])
        #expect(try PDFDocumentReader(bytes: encrypted).wasEncrypted)
        let textForm = text(encrypted)
        // /Perms <32 hex digits>: one digit changed.
        let perms = try #require(textForm.range(of: "/Perms <"))
        let digit = textForm.index(perms.upperBound, offsetBy: 5)
        var altered = textForm
        altered.replaceSubrange(digit...digit, with: textForm[digit] == "0" ? "1" : "0")
        #expect(throws: PDFReadError.permissionsMismatch("/Perms does not decrypt to a permissions block")) {
            try PDFDocumentReader(bytes: Array(altered.utf8))
        }
        // /P with its last digit changed (same length, so the xref stays right).
        let p = try #require(textForm.range(of: #"/P -[0-9]+"#, options: .regularExpression))
        let value = Int(textForm[p].dropFirst(3))!
        let last = textForm.index(before: p.upperBound)
        let newLast: Character = textForm[last] == "2" ? "6" : "2"
        var changed = textForm
        changed.replaceSubrange(last...last, with: String(newLast))
        let newValue = Int(changed[p].dropFirst(3))!
        #expect(throws: PDFReadError.permissionsMismatch("/Perms gives permissions \(value), /P gives \(newValue)")) {
            try PDFDocumentReader(bytes: Array(changed.utf8))
        }
    }
}
