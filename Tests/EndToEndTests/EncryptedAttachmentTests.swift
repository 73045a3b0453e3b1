import Foundation
import Testing

/// Students' PDFs restricted by an owner password only (an empty user password: what school systems and
/// "protect PDF" apps make) are placed, decrypted, in a packet that is not encrypted; one that needs a
/// password to open is named in the student's language and the rest of the packet is written.
@Suite struct EncryptedAttachmentTests {
    /// `bytes` encrypted by qpdf with `options` (`--encrypt … --`).
    static func encrypted(_ bytes: [UInt8], _ options: [String], scratch: URL) throws -> [UInt8] {
        let plain = scratch.appendingPathComponent("plain.pdf")
        let locked = scratch.appendingPathComponent("locked.pdf")
        try Data(bytes).write(to: plain)
        let result = try Harness.tool("/usr/bin/qpdf", options + [plain.path, locked.path])
        #expect(result.status == 0, "\(result.output)")
        return Array(try Data(contentsOf: locked))
    }

    static let ownerOnly: [(String, [String])] = [
        ("files/r2.pdf", ["--allow-weak-crypto", "--encrypt", "", "owner", "40", "--print=n", "--modify=n", "--"]),
        ("files/r3.pdf", ["--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--"]),
        ("files/r4.pdf", ["--object-streams=generate", "--encrypt", "", "owner", "128", "--use-aes=y", "--print=none", "--"]),
        ("files/r6.pdf", ["--object-streams=generate", "--encrypt", "", "owner", "256", "--print=none", "--modify=none", "--"]),
    ]

    @Test func ownerPasswordOnlyPDFsArePlacedAndThePacketIsNotEncrypted() throws {
        let root = try Harness.temporaryFolder("owner-only")
        defer { try? FileManager.default.removeItem(at: root) }
        var files: [(String, [UInt8])] = []
        for (path, options) in Self.ownerOnly {
            let bytes = try Self.encrypted(AttachmentPDFTests.helveticaPDF(pages: 2, label: path), options, scratch: root)
            #expect(!String(decoding: bytes, as: UTF8.self).contains("page 1 of 2"), "\(path) is encrypted")
            files.append((path, bytes))
        }
        let folder = try AttachmentPDFTests.applicant(root, number: "08000020", files: files)
        let (result, pdf) = try AttachmentPDFTests.render(folder, into: root.appendingPathComponent("out"))
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.stderr.contains("無法放入"), "\(result.stderr)")

        // Every page of every attachment is in the packet, as text.
        let text = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"]).stdout.filter { !$0.isWhitespace }
        for (path, _) in Self.ownerOnly {
            for page in 1...2 { #expect(text.contains("\(path)page\(page)of2"), "\(path) page \(page)") }
        }
        #expect(!text.contains("無法讀取的PDF"))
        // The packet itself is not encrypted, and is a sound PDF.
        let encryption = try Harness.tool("/usr/bin/qpdf", ["--show-encryption", pdf])
        #expect(encryption.stdout.contains("File is not encrypted"), "\(encryption.output)")
        let check = try Harness.tool("/usr/bin/qpdf", ["--check", pdf])
        #expect(check.status == 0, "\(check.output)")
        let raw = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(raw.range(of: Data("/Encrypt".utf8)) == nil)
    }

    @Test func aPDFNeedingAPasswordIsNamedAndTheRestIsWritten() throws {
        let root = try Harness.temporaryFolder("user-password")
        defer { try? FileManager.default.removeItem(at: root) }
        let locked = try Self.encrypted(
            AttachmentPDFTests.helveticaPDF(pages: 1, label: "locked"), ["--encrypt", "user", "owner", "256", "--"], scratch: root)
        let folder = try AttachmentPDFTests.applicant(
            root, number: "08000021",
            files: [("files/locked.pdf", locked), ("files/open.pdf", AttachmentPDFTests.helveticaPDF(pages: 1, label: "open"))])
        let (result, pdf) = try AttachmentPDFTests.render(folder, into: root.appendingPathComponent("out"))
        // As for any attachment that cannot be placed: a warning, the packet written.
        #expect(result.status == 0, "\(result.output)")
        let expected = "附件「files/locked.pdf」無法放入備審資料（PDF 需要密碼才能開啟，請學生重新匯出不設密碼的 PDF），該處改為說明文字"
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        let text = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"]).stdout.filter { !$0.isWhitespace }
        #expect(text.contains("無法讀取的PDF：files/locked.pdf"), "\(text)")
        #expect(text.contains("openpage1of1") && !text.contains("lockedpage1of1"))
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", pdf]).status == 0)

        let english = try Harness.run(
            ["render", folder.path, "--out", root.appendingPathComponent("out-en").path],
            environment: ["LANG": "en_US.UTF-8"])
        #expect(english.status == 0, "\(english.output)")
        #expect(
            english.stderr.contains(
                "attachment \"files/locked.pdf\" cannot be placed in the packet (the PDF needs a password to open, so the student should export it again without one)"),
            "\(english.stderr)")
    }

    /// An AES-256 PDF whose owner password is empty (its user password not) is placed; one whose
    /// `/Perms` was altered is named as damaged, in the reader's language, and the rest is written.
    @Test func emptyOwnerPasswordPlacedAndAlteredPermissionsNamed() throws {
        let root = try Harness.temporaryFolder("perms")
        defer { try? FileManager.default.removeItem(at: root) }
        let emptyOwner = try Self.encrypted(
            AttachmentPDFTests.helveticaPDF(pages: 1, label: "emptyowner"),
            ["--object-streams=disable", "--encrypt", "user", "", "256", "--allow-insecure", "--"], scratch: root)
        var tampered = try Self.encrypted(
            AttachmentPDFTests.helveticaPDF(pages: 1, label: "tampered"),
            ["--object-streams=disable", "--encrypt", "", "owner", "256", "--print=none", "--"], scratch: root)
        // One hex digit of /Perms changed in place (the xref stays right).
        let marker = Array("/Perms <".utf8)
        let at = try #require((0..<(tampered.count - marker.count)).first { tampered[$0..<($0 + marker.count)].elementsEqual(marker) })
        tampered[at + marker.count + 3] = tampered[at + marker.count + 3] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        let folder = try AttachmentPDFTests.applicant(
            root, number: "08000022", files: [("files/emptyowner.pdf", emptyOwner), ("files/tampered.pdf", tampered)])
        let (result, pdf) = try AttachmentPDFTests.render(folder, into: root.appendingPathComponent("out"))
        #expect(result.status == 0, "\(result.output)")
        #expect(
            result.stderr.contains(
                "附件「files/tampered.pdf」無法放入備審資料（PDF 的加密資料互相矛盾（檔案損壞或權限遭竄改），請學生重新匯出不加密的 PDF），該處改為說明文字"),
            "\(result.stderr)")
        let text = try Harness.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"]).stdout.filter { !$0.isWhitespace }
        #expect(text.contains("emptyownerpage1of1") && !text.contains("tamperedpage1of1"), "\(text)")
        let english = try Harness.run(
            ["render", folder.path, "--out", root.appendingPathComponent("out-en").path], environment: ["LANG": "en_US.UTF-8"])
        #expect(english.stderr.contains("the PDF's encryption data contradict each other (/Perms does not decrypt to a permissions block)"), "\(english.stderr)")
    }
}
