import ArgumentParser
import Diagnostics
import Foundation
import PDFAVerify
import PacketExport

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "檢查 PDF 是否符合可檢查的 PDF/A-3b 規則。Checks PDFs against the PDF/A-3b rules that can be checked.",
        discussion: """
            逐條列出未通過的規則與其 ISO 19005-3 條號（「本專案規則」為本專案自訂）；規則一覽見 docs/pdfa.md。這不是完整的 PDF/A 驗證器。Each failing rule is printed with its ISO 19005-3 clause ("project rule" for our own); docs/pdfa.md lists them. This is not a full PDF/A validator.
            結束代碼 Exit status: 0 全部通過 every file passes; 65 有檔案未通過 a file fails a rule; 66 找不到或無法讀取檔案 a file is missing or unreadable.
            """)

    @Argument(help: "要檢查的 PDF 檔。The PDF files.")
    var files: [String]

    @Flag(name: .long, help: "以 JSON 輸出（每條規則的結果）。Every rule's result as JSON (Templates/schema/verify.schema.json).")
    var json = false

    func run() throws {
        let console = Console.fromEnvironment()
        var status = ExitStatus.ok
        var documents: [JSONText.Value] = []
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                console.err(console.say("找不到或無法讀取「\(path)」", "cannot read \"\(path)\""))
                status = ExitStatus.noInput
                documents.append(.object([("file", .string(path)), ("readable", .bool(false)), ("passed", .bool(false)), ("rules", .array([]))]))
                continue
            }
            let report = PDFAVerifier.verify(Array(data))
            if !report.passed, status == ExitStatus.ok { status = ExitStatus.dataError }
            if json {
                documents.append(Self.json(path: path, report: report, language: console.language))
                continue
            }
            if report.passed {
                console.out(
                    console.say(
                        "\(path)：通過全部 \(report.results.count) 條檢查（docs/pdfa.md 列出未檢查的部分）",
                        "\(path): passes all \(report.results.count) rules checked (docs/pdfa.md lists what is not checked)"))
                continue
            }
            for result in report.failed {
                let clause = result.rule.clause.map { "ISO 19005-3 \($0)" } ?? console.say("本專案規則", "project rule")
                let summary = console.say(result.rule.summary.zh, result.rule.summary.en)
                console.out(console.say("\(path)：未通過 \(result.rule.rawValue)（\(clause)）\(summary)", "\(path): fails \(result.rule.rawValue) (\(clause)): \(summary)"))
                for finding in result.findings { console.out("  - " + finding.text(console.language)) }
            }
        }
        if json {
            console.out(
                JSONText.render(
                    .object([("schemaVersion", .int(1)), ("exitStatus", .int(Int(status))), ("files", .array(documents))])))
        }
        throw ExitCode(status)
    }

    /// One file's report; findings in the console's language, as `check --json` gives its messages.
    static func json(path: String, report: PDFAReport, language: MessageLanguage) -> JSONText.Value {
        .object([
            ("file", .string(path)), ("readable", .bool(true)), ("passed", .bool(report.passed)),
            ("claimsPDFA3", .bool(report.claimsPDFA3)),
            (
                "rules",
                .array(
                    report.results.map { result in
                        .object([
                            ("id", .string(result.rule.rawValue)), ("clause", .optional(result.rule.clause)),
                            ("projectRule", .bool(result.rule.clause == nil)), ("passed", .bool(result.passed)),
                            ("checked", .int(result.checked)), (
                                "findings",
                                .array(result.findings.map { JSONText.Value.string($0.text(language)) })
                            ),
                        ])
                    })
            ),
        ])
    }
}
