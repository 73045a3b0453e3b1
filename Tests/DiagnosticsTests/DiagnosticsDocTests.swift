import Foundation
import Testing

@testable import Diagnostics

/// The table of diagnostics against the sources and docs/diagnostics.md: every kind has an
/// example and documentation, the levels it documents are those the stages report, and the
/// committed document is what the table generates.
@Suite struct DiagnosticsDocTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func source(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The case names declared in `enum DiagnosticKind`, in order: the enum has associated values,
    /// so it cannot be `CaseIterable`, and its source is the one list of kinds.
    static func declaredKinds() throws -> [String] {
        let text = try source("Sources/Diagnostics/DiagnosticKind.swift")
        guard let start = text.range(of: "public enum DiagnosticKind"),
            let end = text.range(of: "\n}", range: start.upperBound..<text.endIndex)
        else { return [] }
        let body = text[start.upperBound..<end.lowerBound]
        return body.split(separator: "\n").compactMap { line in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("case ") else { return nil }
            return String(trimmed.dropFirst(5).prefix { $0.isLetter || $0.isNumber })
        }
    }

    /// `fileTooLarge` for `.fileTooLarge(size: 1, limit: 2)`.
    static func caseName(_ kind: DiagnosticKind) -> String {
        Mirror(reflecting: kind).children.first?.label ?? String(describing: kind)
    }

    @Test func everyKindHasOneExampleInDeclarationOrder() throws {
        let declared = try Self.declaredKinds()
        #expect(declared.count > 40)
        let documented = DiagnosticKind.documentedExamples.map(Self.caseName)
        #expect(
            documented == declared,
            "add an example of each new kind to DiagnosticKind.documentedExamples (DiagnosticsDocument.swift), in declaration order")
    }

    @Test func everyKindIsDocumented() {
        let texts = DiagnosticKind.documentedExamples.map(\.text)
        #expect(Set(texts.map(\.code)).count == texts.count, "codes are unique")
        for text in texts {
            #expect(!text.code.isEmpty && text.code.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(text.code)")
            #expect(!text.levels.isEmpty && Set(text.levels).count == text.levels.count, "\(text.code)")
            #expect(!text.zh.isEmpty && !text.en.isEmpty, "\(text.code)")
            #expect(!text.meaning.isEmpty && !text.actionEN.isEmpty && !text.actionZH.isEmpty, "\(text.code)")
        }
    }

    /// Kinds the stages report through a variable (`log.warning(kind, …)`), which the scan below
    /// cannot see, with the level they are reported at.
    static let reportedIndirectly: [String: Severity] = ["impossibleDate": .warning]

    /// The documented levels are exactly those the sources report each kind at: every
    /// `.error(.kind` and `.warning(.kind` (also `log.error(`, `Diagnostic.warning(`, split over lines).
    @Test func documentedLevelsAreTheReportedOnes() throws {
        let kinds = Set(try Self.declaredKinds())
        var reported: [String: Set<Severity>] = [:]
        for (name, level) in Self.reportedIndirectly { reported[name, default: []].insert(level) }
        let pattern = try NSRegularExpression(pattern: #"\b(error|warning)\(\s*\.([a-zA-Z0-9]+)\b"#)
        let sources = Self.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" && !$0.path.contains("/Sources/Diagnostics/") } ?? []
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let levelRange = Range(match.range(at: 1), in: text), let nameRange = Range(match.range(at: 2), in: text),
                    kinds.contains(String(text[nameRange])), let level = Severity(rawValue: String(text[levelRange]))
                else { continue }
                reported[String(text[nameRange]), default: []].insert(level)
            }
        }
        for kind in DiagnosticKind.documentedExamples {
            let name = Self.caseName(kind)
            #expect(
                Set(kind.text.levels) == reported[name] ?? [],
                "\(kind.code): documented \(kind.text.levels), reported \(reported[name] ?? []) (fix `levels` in DiagnosticTable.swift)")
        }
    }

    /// A Chinese message is Chinese: the only Latin words in it are names (formats, file types,
    /// fonts) and the values quoted from the examples, never a phrase of ours in English.
    @Test func chineseMessagesHaveNoEnglishPhrases() {
        let allowed: Set<String> = [
            "JSON", "UTF", "BOM", "MD5", "PDF", "A", "U", "FFFD", "F8FF", "2F47", "65E5", "null", "pdf", "jpg", "png", "mp3",
            "mp4", "files", "md", "docx", "profiles", "json", "Arial", "Helvetica", "Calibri", "MingLiU", "yyyy", "MM", "dd", "YYYMMDD", "YYY", "DD",
            "E", "Z", "B", "C", "D", "F", "G", "H", "I", "J", "K", "L", "M", "1110123456789A", "profile", "builtin",
            "0cc175b9c0f1b6a831c399e269772661", "92eb5ffee6ae2fec3ad71c777531578f",
        ]
        for kind in DiagnosticKind.documentedExamples {
            let zh = kind.message(.traditionalChinese)
            let words = zh.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
                .filter { $0.contains { $0.isLetter } }
            let foreign = words.filter { !allowed.contains($0) }
            #expect(foreign.isEmpty, "\(kind.code): \(foreign) in 「\(zh)」")
        }
    }

    /// What to do, in Chinese, is Chinese: it has CJK text, and no run of four or more ASCII
    /// letters outside `…`, 「…」 or "…" (where file names, options and codes are quoted as
    /// they are), so that no English sentence slips in; 3-letter names (PDF, UTF, jpg) may stand.
    @Test func chineseActionsAreChinese() {
        for kind in DiagnosticKind.documentedExamples {
            let action = kind.text.action(.traditionalChinese)
            #expect(!action.isEmpty, "\(kind.code)")
            #expect(action.unicodeScalars.contains(where: Self.isCJKIdeograph), "\(kind.code): 「\(action)」 has no Chinese")
            #expect(Self.asciiWordOutsideQuotes(action) == nil, "\(kind.code): 「\(action)」")
            #expect(kind.text.action(.english) == kind.text.actionEN && action == kind.text.actionZH)
        }
    }

    /// The rule itself: an English word outside quotes is found, one inside is not.
    @Test func anEnglishWordInAChineseActionIsFound() {
        #expect(Self.asciiWordOutsideQuotes("請 Export 這個檔案") == "Export")
        #expect(Self.asciiWordOutsideQuotes("請將檔案存為 UTF-8 的 PDF。") == nil)
        #expect(Self.asciiWordOutsideQuotes("以 `check --items`、「Notepad」或 \"embed all fonts\" 處理") == nil)
        #expect(Self.asciiWordOutsideQuotes("「未閉合 abc」之後 again") == "again")
    }

    static func isCJKIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
            || (0x20000...0x2FA1F).contains(scalar.value)
    }

    /// The first run of 4+ ASCII letters not inside backticks, 「」 or straight double quotes.
    static func asciiWordOutsideQuotes(_ text: String) -> String? {
        var closing: Character? = nil
        var run = ""
        for character in text + " " {
            if let close = closing {
                if character == close { closing = nil }
                continue
            }
            if character.isASCII && character.isLetter {
                run.append(character)
                continue
            }
            if run.count >= 4 { return run }
            run = ""
            switch character {
            case "`": closing = "`"
            case "「": closing = "」"
            case "\"": closing = "\""
            default: break
            }
        }
        return nil
    }

    @Test func committedDocumentIsTheGeneratedOne() throws {
        let path = Self.root.appendingPathComponent("docs/diagnostics.md")
        let generated = DiagnosticsDocument.markdown()
        if ProcessInfo.processInfo.environment["UPDATE_DIAGNOSTICS_DOC"] == "1" {
            try generated.write(to: path, atomically: true, encoding: .utf8)
        }
        let committed = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
        #expect(
            committed == generated,
            "docs/diagnostics.md differs from the table; regenerate it: \(DiagnosticsDocument.regenerateCommand)")
    }
}
