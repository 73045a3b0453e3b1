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
            if case .passwordRequired = error { run.fail(.noEncryption, "the file needs a password") }
            run.fail(.crossReference, "the file cannot be read: \(error)")
        }
        return run.report
    }

    // MARK: Bytes alone

    static func checkHeader(_ bytes: [UInt8], _ run: inout Findings) {
        run.look(.fileHeader)
        run.look(.binaryComment)
        let prefix = Array("%PDF-1.".utf8)
        guard bytes.count >= 9, bytes.starts(with: prefix), (0x30...0x37).contains(bytes[7]) else {
            run.fail(.fileHeader, "the file does not begin with %PDF-1.n (n 0–7)")
            run.fail(.binaryComment, "no header, so no comment after it")
            return
        }
        var i = 8
        if i < bytes.count, bytes[i] == 0x0D { i += 1 }
        if i < bytes.count, bytes[i] == 0x0A { i += 1 }
        if i == 8 { run.fail(.fileHeader, "the header is not followed by an EOL") }
        guard i + 5 <= bytes.count, bytes[i] == UInt8(ascii: "%"), bytes[(i + 1)..<(i + 5)].allSatisfy({ $0 > 127 }) else {
            run.fail(.binaryComment, "the line after the header is not % and four bytes above 127")
            return
        }
    }

    static func checkEndOfFile(_ bytes: [UInt8], _ run: inout Findings) {
        run.look(.nothingAfterEOF)
        let marker = Array("%%EOF".utf8)
        var i = bytes.count - marker.count
        while i >= 0, !bytes[i..<(i + marker.count)].elementsEqual(marker) { i -= 1 }
        guard i >= 0 else {
            run.fail(.nothingAfterEOF, "no %%EOF marker")
            return
        }
        let tail = bytes[(i + marker.count)...]
        let allowed: [[UInt8]] = [[], [0x0A], [0x0D], [0x0D, 0x0A]]
        if !allowed.contains(where: { tail.elementsEqual($0) }) {
            run.fail(.nothingAfterEOF, "\(tail.count) bytes follow the last %%EOF")
        }
    }
}

/// Findings collected rule by rule; every rule in the report, in order.
struct Findings {
    private var checked: [PDFARule: Int] = [:]
    private var findings: [PDFARule: [String]] = [:]
    var claimsPDFA3 = false
    /// Findings beyond this many per rule are counted, not kept (a broken file can have thousands).
    static let keptPerRule = 20

    mutating func look(_ rule: PDFARule, count: Int = 1) { checked[rule, default: 0] += count }

    mutating func fail(_ rule: PDFARule, _ what: String) {
        checked[rule, default: 0] += 0
        findings[rule, default: []].append(what)
    }

    var report: PDFAReport {
        PDFAReport(
            results: PDFARule.allCases.map { rule in
                var list = findings[rule] ?? []
                if list.count > Self.keptPerRule {
                    let more = list.count - Self.keptPerRule
                    list = Array(list.prefix(Self.keptPerRule)) + ["… and \(more) more"]
                }
                return PDFARuleResult(rule: rule, checked: checked[rule] ?? 0, findings: list)
            }, claimsPDFA3: claimsPDFA3)
    }
}
