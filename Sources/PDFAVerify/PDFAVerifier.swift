import PDFReader

/// Checks a PDF, read with our own reader, against the rules of ISO 19005-3 (PDF/A-3b) that can be
/// checked from its objects and bytes (`PDFARule`), plus this project's own rules. It is not a
/// validator: content streams, font programs beyond widths, and ICC profiles beyond their header are
/// not examined (docs/pdfa.md lists what is not checked).
public enum PDFAVerifier {
    /// The report for `bytes`. A file the reader cannot open fails `crossReference` with the reader's
    /// account, and every other rule is reported as not checked (`checked == 0`) except those read
    /// from the bytes alone.
    public static func verify(_ bytes: [UInt8], limits: Limits = .default) -> PDFAReport {
        var run = Findings()
        checkHeader(bytes, &run)
        checkEndOfFile(bytes, &run)
        do throws(PDFReadError) {
            let file = try PDFFileStructure(bytes: bytes, limits: limits)
            var walk = try DocumentWalk(file: file)
            try walk.check(&run)
        } catch {
            if case .passwordRequired = error { run.fail(.noEncryption, zh: "檔案需要密碼才能開啟", en: "the file needs a password") }
            run.fail(.crossReference, zh: "無法讀取檔案：\(Self.unreadable(error))", en: "the file cannot be read: \(error)")
        }
        return run.report
    }

    /// Why the reader could not open the file, in Chinese. The reader's own account (English, with
    /// its technical detail) is the English finding.
    static func unreadable(_ error: PDFReadError) -> String {
        switch error {
        case .empty: "檔案是空的（0 位元組）"
        case .notPDF: "開頭附近找不到 %PDF- 檔頭"
        case .truncated: "檔案在交互參照表、文件目錄或頁面樹之前就結束了"
        case .passwordRequired: "檔案已加密，需要密碼"
        case .unsupportedEncryption: "檔案使用本工具不支援的加密方式"
        case .noPages: "找不到任何頁面"
        case .pageOutOfRange(let index): "頁面索引 \(index) 超出範圍"
        case .limitExceeded: "超過讀取的上限（物件、層數或解碼後的大小）"
        case .malformed: "語法或結構損壞，無法修復"
        case .unsupportedFilter(let filter): "使用本工具不支援的篩選器 /\(filter)"
        case .permissionsMismatch: "AES-256 加密的 /Perms 與 /P 不符"
        }
    }

    // MARK: Bytes alone

    static func checkHeader(_ bytes: [UInt8], _ run: inout Findings) {
        run.look(.fileHeader)
        run.look(.binaryComment)
        let prefix = Array("%PDF-1.".utf8)
        guard bytes.count >= 9, bytes.starts(with: prefix), (0x30...0x37).contains(bytes[7]) else {
            run.fail(.fileHeader, zh: "檔案開頭不是 %PDF-1.n（n 為 0–7）", en: "the file does not begin with %PDF-1.n (n 0–7)")
            run.fail(.binaryComment, zh: "沒有檔頭，因此也沒有其後的註解行", en: "no header, so no comment after it")
            return
        }
        var i = 8
        if i < bytes.count, bytes[i] == 0x0D { i += 1 }
        if i < bytes.count, bytes[i] == 0x0A { i += 1 }
        if i == 8 { run.fail(.fileHeader, zh: "檔頭之後沒有換行", en: "the header is not followed by an EOL") }
        guard i + 5 <= bytes.count, bytes[i] == UInt8(ascii: "%"), bytes[(i + 1)..<(i + 5)].allSatisfy({ $0 > 127 }) else {
            run.fail(
                .binaryComment, zh: "檔頭下一行不是 % 加四個大於 127 的位元組",
                en: "the line after the header is not % and four bytes above 127")
            return
        }
    }

    static func checkEndOfFile(_ bytes: [UInt8], _ run: inout Findings) {
        run.look(.nothingAfterEOF)
        let marker = Array("%%EOF".utf8)
        var i = bytes.count - marker.count
        while i >= 0, !bytes[i..<(i + marker.count)].elementsEqual(marker) { i -= 1 }
        guard i >= 0 else {
            run.fail(.nothingAfterEOF, zh: "沒有 %%EOF 標記", en: "no %%EOF marker")
            return
        }
        let tail = bytes[(i + marker.count)...]
        let allowed: [[UInt8]] = [[], [0x0A], [0x0D], [0x0D, 0x0A]]
        if !allowed.contains(where: { tail.elementsEqual($0) }) {
            run.fail(.nothingAfterEOF, zh: "最後的 %%EOF 之後還有 \(tail.count) 個位元組", en: "\(tail.count) bytes follow the last %%EOF")
        }
    }
}

/// Findings collected rule by rule; every rule in the report, in order.
struct Findings {
    private var checked: [PDFARule: Int] = [:]
    private var findings: [PDFARule: [PDFAFinding]] = [:]
    var claimsPDFA3 = false
    /// Findings beyond this many per rule are counted, not kept (a broken file can have thousands).
    static let keptPerRule = 20

    mutating func look(_ rule: PDFARule, count: Int = 1) { checked[rule, default: 0] += count }

    mutating func fail(_ rule: PDFARule, zh: String, en: String) { fail(rule, PDFAFinding(zh: zh, en: en)) }

    mutating func fail(_ rule: PDFARule, _ finding: PDFAFinding) {
        checked[rule, default: 0] += 0
        findings[rule, default: []].append(finding)
    }

    var report: PDFAReport {
        PDFAReport(
            results: PDFARule.allCases.map { rule in
                var list = findings[rule] ?? []
                if list.count > Self.keptPerRule {
                    let more = list.count - Self.keptPerRule
                    list = Array(list.prefix(Self.keptPerRule)) + [PDFAFinding(zh: "…另有 \(more) 項", en: "… and \(more) more")]
                }
                return PDFARuleResult(rule: rule, checked: checked[rule] ?? 0, findings: list)
            }, claimsPDFA3: claimsPDFA3)
    }
}
