/// Which codes each font of an imported page shows: the content stream walked operator by operator,
/// the font in effect followed through `Tf`, `gs`, `q`/`Q` and into the Form XObjects it draws, and the
/// bytes of every string `Tj`, `TJ`, `'` and `"` show noted under that font's object number. A font
/// replaced by one of ours is subset to exactly these codes.
///
/// Damaged syntax is skipped a byte at a time, as viewers do; inline image data is stepped over.
/// Nothing here allocates more than the content it reads.
struct ShownText {
    /// Font object number → the single bytes its strings contained.
    private(set) var codes: [Int: Set<UInt8>] = [:]
    /// Type0 font object number → the strings it showed, whole: which CMap splits them into codes
    /// (a predefined one, read from a data file) is for the caller to know.
    private(set) var strings: [Int: Set<[UInt8]>] = [:]
    /// Whether each font is a Type0 font, looked up once.
    private var composite: [Int: Bool] = [:]
    /// Form XObjects already walked (each once: a form drawn many times shows the same strings).
    private var formsWalked: Set<Int> = []
    let objects: [Int: PDFObject]
    let maxDepth: Int

    init(objects: [Int: PDFObject], maxDepth: Int) {
        self.objects = objects
        self.maxDepth = maxDepth
    }

    /// Walks `content` drawn with `resources`; `decode` gives the decoded data of a form's stream.
    mutating func walk(
        _ content: [UInt8], resources: PDFObject, font: Int? = nil, depth: Int = 0,
        decode: (Int) throws(PDFReadError) -> [UInt8]?
    ) throws(PDFReadError) {
        guard depth <= 16 else { return }
        let resourceDict = resolved(resources)?.dictionaryValue ?? [:]
        var parser = Parser(bytes: content, pos: 0, maxDepth: maxDepth)
        var operands: [PDFObject] = []
        var current = font
        var saved: [Int?] = []
        while true {
            parser.skipWhitespace()
            guard !parser.atEnd else { break }
            let c = content[parser.pos]
            if c == UInt8(ascii: "/") || c == UInt8(ascii: "(") || c == UInt8(ascii: "<") || c == UInt8(ascii: "[")
                || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || isDigit(c)
            {
                do throws(PDFReadError) {
                    operands.append(try parser.parseObject())
                } catch {
                    if case .limitExceeded = error { throw error }
                    operands.removeAll()
                    if parser.pos < content.count, !isRegular(content[parser.pos]) { parser.pos += 1 }
                }
                if operands.count > 64 { operands.removeFirst(operands.count - 64) }
                continue
            }
            let keyword = parser.peekKeyword()
            guard !keyword.isEmpty else {
                parser.pos += 1
                operands.removeAll()
                continue
            }
            parser.pos = keyword.endIndex
            let op = String(decoding: keyword, as: UTF8.self)
            switch op {
            case "Tf":
                if operands.count >= 2, let name = operands[operands.count - 2].nameValue {
                    current = fontObject(named: name, in: resourceDict)
                }
            case "gs":
                if let name = operands.last?.nameValue,
                    let state = resolved(resolved(resourceDict["ExtGState"])?.dictionaryValue?[name])?.dictionaryValue,
                    let setting = resolved(state["Font"])?.arrayValue, let first = setting.first
                {
                    if case .reference(let n) = first { current = n }
                }
            case "q":
                if saved.count < 256 { saved.append(current) }
            case "Q":
                if let restored = saved.popLast() { current = restored }
            case "Tj", "'":
                if case .string(let bytes)? = operands.last { note(bytes, font: current) }
            case "\"":
                if case .string(let bytes)? = operands.last { note(bytes, font: current) }
            case "TJ":
                if let items = operands.last?.arrayValue {
                    for case .string(let bytes) in items { note(bytes, font: current) }
                }
            case "Do":
                if let name = operands.last?.nameValue,
                    case .reference(let n)? = resolved(resourceDict["XObject"])?.dictionaryValue?[name],
                    formsWalked.insert(n).inserted, let form = objects[n]?.dictionaryValue,
                    form["Subtype"]?.nameValue == "Form", let data = try decode(n)
                {
                    // A form without resources of its own uses its drawer's (an old, still-seen habit).
                    try walk(
                        data, resources: form["Resources"] ?? .dictionary(resourceDict), font: current,
                        depth: depth + 1, decode: decode)
                }
            case "BI":
                skipInlineImage(&parser)
            default:
                break
            }
            operands.removeAll()
        }
    }

    private mutating func note(_ bytes: [UInt8], font: Int?) {
        guard let font else { return }
        codes[font, default: []].formUnion(bytes)
        if isComposite(font), !bytes.isEmpty { strings[font, default: []].insert(bytes) }
    }

    private mutating func isComposite(_ font: Int) -> Bool {
        if let known = composite[font] { return known }
        let type0 = resolved(objects[font]?.dictionaryValue?["Subtype"])?.nameValue == "Type0"
        composite[font] = type0
        return type0
    }

    private func fontObject(named name: String, in resources: [String: PDFObject]) -> Int? {
        guard case .reference(let n)? = resolved(resources["Font"])?.dictionaryValue?[name] else { return nil }
        return n
    }

    private func resolved(_ value: PDFObject?) -> PDFObject? {
        if case .reference(let n)? = value { return objects[n] }
        return value
    }

    /// Steps past `… ID <data> EI`: the data ends at an `EI` between whitespace (or the end).
    private func skipInlineImage(_ parser: inout Parser) {
        let bytes = parser.bytes
        var p = parser.pos
        // The dictionary part: up to the `ID` keyword.
        while p + 1 < bytes.count {
            if bytes[p] == UInt8(ascii: "I"), bytes[p + 1] == UInt8(ascii: "D"), p == 0 || !isRegular(bytes[p - 1]),
                p + 2 >= bytes.count || !isRegular(bytes[p + 2])
            {
                break
            }
            p += 1
        }
        p += 3
        while p + 1 < bytes.count {
            if bytes[p] == UInt8(ascii: "E"), bytes[p + 1] == UInt8(ascii: "I"), isWhitespace(bytes[p - 1]),
                p + 2 >= bytes.count || isWhitespace(bytes[p + 2])
            {
                parser.pos = p + 2
                return
            }
            p += 1
        }
        parser.pos = bytes.count
    }
}
