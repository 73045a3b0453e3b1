import Diagnostics

extension ReadSession {
    /// Finds each self-written item by name (`<應試號碼>_就讀動機.md` …) and reads it.
    func readSelfWritten() -> [SelfWrittenDocument] {
        var documents: [SelfWrittenDocument] = []
        for kind in SelfWrittenKind.allCases {
            let candidates = kind.acceptedExtensions.map { fileName("\(kind.rawValue).\($0)") }
            candidates.forEach { referenced.insert($0) }
            // Anything in a candidate's place counts as present: a FIFO or a link out of the folder is
            // then refused with an error, not passed over.
            let present = candidates.filter(folder.exists)
            guard let chosen = present.first else { continue }
            if present.count > 1 {
                for other in present.dropFirst() {
                    log.warning(.selfWrittenDuplicate(used: chosen), file: other)
                }
            }
            documents.append(SelfWrittenDocument(kind: kind, file: chosen, content: readDocument(chosen)))
        }
        return documents
    }

    private func readDocument(_ name: String) -> SelfWrittenDocument.Content {
        let lower = name.lowercased()
        if lower.hasSuffix(".pdf") {
            guard case .file(let file) = attachmentFile(relative: name, file: name, field: nil) else {
                return .unreadable
            }
            return .pdf(file)
        }
        guard let text = readText(name, limit: limits.maxTextBytes) else { return .unreadable }
        let (clean, replaced) = replacingControlCharacters(text)
        if replaced > 0 { log.warning(.controlCharacters(count: replaced), file: name) }
        // Masked before parsing, so every block of either form is covered.
        let masked = maskingNationalIDs(clean)
        return .text(lower.hasSuffix(".md") ? SelfWrittenText.markdown(masked) : SelfWrittenText.plain(masked))
    }
}

/// The two text forms of self-written items (docs/input.md §4).
public enum SelfWrittenText {
    /// `.txt`: each non-empty line is a paragraph; leading ASCII and full-width spaces are dropped,
    /// since the layout indents.
    public static func plain(_ text: String) -> TextDocument {
        var blocks: [TextDocument.Block] = []
        for line in lines(text) {
            let content = trimmed(line)
            if !content.isEmpty { blocks.append(.paragraph([.text(content)])) }
        }
        return TextDocument(blocks: blocks)
    }

    /// `.md`: blank lines separate paragraphs; `#`/`##` headings, `-` and `1.` lists and `**bold**`
    /// are honoured; anything else is plain text. A single newline inside a paragraph joins with
    /// nothing between Han characters and with a space between Latin words.
    public static func markdown(_ text: String) -> TextDocument {
        enum Open {
            case none
            case paragraph(String)
            case item(Int?, String)
        }
        var blocks: [TextDocument.Block] = []
        var open = Open.none

        func close() {
            switch open {
            case .none: break
            case .paragraph(let text): blocks.append(.paragraph(inlines(text)))
            case .item(let ordinal, let text): blocks.append(.listItem(ordinal: ordinal, inlines(text)))
            }
            open = .none
        }

        for line in lines(text) {
            let content = trimmed(line)
            if content.isEmpty {
                close()
                continue
            }
            if let (level, title) = heading(content) {
                close()
                blocks.append(.heading(level: level, inlines(title)))
                continue
            }
            if let (ordinal, body) = listMarker(content) {
                close()
                open = .item(ordinal, body)
                continue
            }
            switch open {
            case .none: open = .paragraph(content)
            case .paragraph(let text): open = .paragraph(join(text, content))
            case .item(let ordinal, let text): open = .item(ordinal, join(text, content))
            }
        }
        close()
        return TextDocument(blocks: blocks)
    }

    /// Joins two lines of one paragraph: nothing where either side is CJK, a space between Latin.
    static func join(_ first: String, _ second: String) -> String {
        guard let last = first.unicodeScalars.last, let next = second.unicodeScalars.first else {
            return first + second
        }
        return isWide(last) || isWide(next) ? first + second : first + " " + second
    }

    /// CJK ideographs, punctuation and full-width forms: text where line ends carry no space.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2014, 0x2026, 0x00B7, 0x2027: true  // ——, ……, interpuncts in Chinese text
        case 0x2E80...0x2FDF, 0x3000...0x303F, 0x3100...0x312F, 0x31A0...0x31BF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFE10...0xFE1F, 0xFE30...0xFE4F, 0xFF00...0xFFEF,
            0x20000...0x3FFFF, 0xF0000...0x10FFFF:
            true
        default: false
        }
    }

    private static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }

    /// The line without leading and trailing spaces, tabs and ideographic spaces. By index, not by
    /// mutating a view: a mutated Substring copies the whole file it points into, once per line.
    private static func trimmed(_ line: Substring) -> String {
        func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\u{3000}" }
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
            let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    private static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.first == " " else { return nil }
        let title = rest.trimmingPrefix(" ")
        return title.isEmpty ? nil : (hashes, String(title))
    }

    private static func listMarker(_ line: String) -> (Int?, String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") {
            let body = String(line.dropFirst(2).trimmingPrefix(" "))
            return body.isEmpty ? nil : (nil, body)
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") else { return nil }
        let body = String(rest.dropFirst(2).trimmingPrefix(" "))
        return body.isEmpty ? nil : (Int(digits), body)
    }

    /// `**bold**` spans; an unmatched `**` stays as text.
    static func inlines(_ text: String) -> [TextDocument.Inline] {
        var result: [TextDocument.Inline] = []
        var rest = Substring(text)
        while let open = rest.range(of: "**") {
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "**"), close.lowerBound > after.startIndex else { break }
            let before = rest[..<open.lowerBound]
            if !before.isEmpty { result.append(.text(String(before))) }
            result.append(.strong(String(after[..<close.lowerBound])))
            rest = after[close.upperBound...]
        }
        if !rest.isEmpty { result.append(.text(String(rest))) }
        return result
    }
}
