import PDFReader
import PDFWriter

/// Replacing a Type0 font a student's PDF uses without its program: the MSung-Light, MHei-Medium or
/// STSong-Light PDF libraries name relying on the reader's Asian font pack, and the PMingLiU, 標楷體 or
/// SimSun a word processor did not embed. Each shown code is decoded to the character it draws, and a
/// face of ours draws that character: Noto Serif CJK (明/宋 and most names), Noto Sans CJK (黑, Gothic,
/// Sans, 圓), 全字庫 TW-Kai for 楷 names when installed, in the collection's region (TC for CNS1, SC for
/// GB1; by name for Identity), else TW-Sung when the Noto face lacks a character. The codes are kept (an
/// embedded CMap maps them to our glyphs), so no content stream is rewritten.
///
/// Decoding, by the font's `/Encoding`:
/// - a Unicode CMap (`UniCNS-UCS2-H`, `UniGB-UTF16-H` …): the code is the character; its CID (for the
///   width) comes from the CMap file when installed;
/// - another predefined horizontal CMap of Adobe-CNS1 or Adobe-GB1 (`B5pc-H`, `ETen-B5-H`, `HKscs-B5-H`,
///   `GBK-EUC-H` …, read by `PredefinedCMaps`): code → CID by the CMap, CID → character by the
///   collection's `Adobe-…-UCS2` table;
/// - `Identity-H`: the code is the CID; the character comes from the collection's table when the
///   CIDFont is Adobe-CNS1/GB1, else from the font's `/ToUnicode` (a word processor's PMingLiU with
///   Adobe-Identity CIDs). Without either nothing says what the glyphs are: not replaced.
/// Vertical CMaps (`-V`, `WMode 1`) are not replaced: their glyphs are set top to bottom with the
/// vertical metrics and rotated forms of the original font, which a horizontal substitute cannot keep.
///
/// Widths: each code's original advance is read from `/W` by CID (`/DW`, default 1000, for the rest).
/// When the CID cannot be known (a Unicode CMap whose file is not installed) only `/DW` and the ASCII
/// CIDs 1–95 can be placed, and a `/W` setting any other CID is not replaced. A glyph keeps the original
/// width when it is within one unit of our face's advance (ideographs: 1000 in both), else gets our
/// advance: PDF/A requires the dictionary and the program to agree.
enum CJKFontSubstitution {
    static func substitute(
        font dictionary: [String: PDFObject], objects: [Int: PDFObject], shownStrings: Set<[UInt8]>?,
        toUnicode: CMapProgram?, faces: SubstituteFaces
    ) -> SubstituteCIDFont? {
        func resolved(_ value: PDFObject?) -> PDFObject? {
            if case .reference(let n)? = value { return objects[n] }
            return value
        }
        guard resolved(dictionary["Subtype"])?.nameValue == "Type0",
            let cmapName = resolved(dictionary["Encoding"])?.nameValue,
            let descendants = resolved(dictionary["DescendantFonts"])?.arrayValue, descendants.count == 1,
            let cidFont = resolved(descendants[0])?.dictionaryValue,
            ["CIDFontType0", "CIDFontType2"].contains(resolved(cidFont["Subtype"])?.nameValue ?? ""),
            // Codes no walk found (text only a pattern draws, or none): nothing tells which glyphs to embed.
            let shownStrings, !shownStrings.isEmpty
        else { return nil }
        let systemInfo = resolved(cidFont["CIDSystemInfo"])?.dictionaryValue
        let registry = resolved(systemInfo?["Registry"])?.stringValue
        var ordering = resolved(systemInfo?["Ordering"])?.stringValue
        if registry != "Adobe" || !PredefinedCMaps.orderings.contains(ordering ?? "") { ordering = nil }

        // The decoder: splits strings into codes, gives each code its CID (when known) and character.
        let split: ([UInt8]) -> [[UInt8]]
        let cidOf: ([UInt8]) -> Int?
        var scalarOf: ([UInt8]) -> Unicode.Scalar?
        let codeSpace: [SubstituteCIDFont.CodeSpaceRange]
        if let unicode = UnicodeCMap(rawValue: cmapName) {
            let file = faces.cmaps.cmap(named: cmapName)?.cmap
            split = unicode.codes(in:)
            cidOf = { file?.cid(of: $0) }
            scalarOf = unicode.scalar(of:)
            codeSpace = unicode.codeSpace.map { .init(low: $0.low, high: $0.high) }
            ordering = ordering ?? unicode.ordering
        } else if cmapName == "Identity-H" {
            split = { bytes in stride(from: 0, to: bytes.count - 1, by: 2).map { Array(bytes[$0..<($0 + 2)]) } }
            cidOf = { Int($0[0]) << 8 | Int($0[1]) }
            scalarOf = { _ in nil }
            codeSpace = [.init(low: [0, 0], high: [0xFF, 0xFF])]
        } else if let (cmap, filedUnder) = faces.cmaps.cmap(named: cmapName), cmap.writingMode == 0, !cmap.codeSpace.isEmpty {
            split = cmap.codes(in:)
            cidOf = cmap.cid(of:)
            scalarOf = { _ in nil }
            codeSpace = cmap.codeSpace.map { .init(low: $0.low, high: $0.high) }
            ordering = ordering ?? filedUnder
        } else {
            return nil
        }
        if cmapName == "Identity-H" || UnicodeCMap(rawValue: cmapName) == nil {
            // The character a CID stands for: the collection's table, else the font's /ToUnicode.
            let table = ordering.flatMap { faces.cmaps.cidToUnicode(ordering: $0) }
            scalarOf = { code in
                if let table, let cid = cidOf(code), let text = table.text(of: [UInt8(cid >> 8 & 0xFF), UInt8(cid & 0xFF)]),
                    let scalar = single(text)
                {
                    return scalar
                }
                return toUnicode?.text(of: code).flatMap(single)
            }
        }

        let name = baseFontName(resolved(dictionary["BaseFont"]) ?? resolved(cidFont["BaseFont"]), cmaps: faces.cmaps)
        guard let width = widths(of: cidFont, resolved: resolved) else { return nil }
        var codes: Set<[UInt8]> = []
        for string in shownStrings { codes.formUnion(split(string)) }
        let sorted = codes.sorted { $0.lexicographicallyPrecedes($1) }
        var decoded: [[UInt8]: (scalar: Unicode.Scalar, width: Double, text: String)] = [:]
        for code in sorted {
            guard let scalar = scalarOf(code) else { return nil }
            let cid = cidOf(code)
            if cid == nil, !width.byScalarKnown { return nil }
            let text = toUnicode?.text(of: code).flatMap { $0.isEmpty ? nil : $0 } ?? String(scalar)
            decoded[code] = (scalar, cid.map(width.ofCID) ?? width.ofScalar(scalar), text)
        }
        return build(
            codes: sorted, decoded: decoded, candidates: Self.faces(for: name, ordering: ordering), faces: faces,
            codeSpace: codeSpace, cmapName: cmapName)
    }

    /// A simple TrueType font a word processor named without embedding it, for a Chinese font
    /// (PMingLiU, 新細明體, 標楷體, SimSun …: Word writes the Latin runs of a CJK font this way): each
    /// one-byte code decoded by the font's `/ToUnicode`, else its encoding (WinAnsi unless it says
    /// otherwise) and the Adobe Glyph List, widths from `/Widths`. The substitute is a Type0 font whose
    /// embedded CMap has the one-byte code space `<00>`–`<FF>`: the codes, `Tw` (which applies to a
    /// one-byte code 32 in a composite font too) and `TJ` act as before, and Noto CJK, whose CFF has no
    /// glyph names a simple font could use, can stand in.
    static func substituteSimple(
        font dictionary: [String: PDFObject], objects: [Int: PDFObject], shownCodes: Set<UInt8>?,
        toUnicode: CMapProgram?, faces: SubstituteFaces
    ) -> SubstituteCIDFont? {
        func resolved(_ value: PDFObject?) -> PDFObject? {
            if case .reference(let n)? = value { return objects[n] }
            return value
        }
        guard resolved(dictionary["Subtype"])?.nameValue == "TrueType", let shownCodes, !shownCodes.isEmpty else { return nil }
        let name = baseFontName(resolved(dictionary["BaseFont"]), cmaps: faces.cmaps)
        guard isChineseFontName(name),
            // Any Latin family: an unembedded TrueType font's own encoding is WinAnsi.
            let encoding = SimpleFontSubstitution.encoding(
                resolved(dictionary["Encoding"]), objects: objects, family: .arial, trueType: true)
        else { return nil }
        let widths = SimpleFontSubstitution.simpleWidths(dictionary, objects: objects)
        let codes = shownCodes.sorted().map { [$0] }
        var decoded: [[UInt8]: (scalar: Unicode.Scalar, width: Double, text: String)] = [:]
        for code in codes {
            let text = toUnicode?.text(of: code).flatMap { $0.isEmpty ? nil : $0 }
                ?? encoding[Int(code[0])].flatMap(SimpleFontSubstitution.text(of:))
            guard let text, let scalar = single(text) else { return nil }
            // A code /Widths does not give: marked with -1, our advance is taken.
            decoded[code] = (scalar, widths[Int(code[0])] ?? -1, text)
        }
        return build(
            codes: codes, decoded: decoded, candidates: Self.faces(for: name, ordering: nil), faces: faces,
            codeSpace: [.init(low: [0], high: [0xFF])], cmapName: "OneByte")
    }

    /// A name that is a Chinese font's: written in Chinese characters, or a known Latin name.
    static func isChineseFontName(_ name: String) -> Bool {
        let lower = name.lowercased().filter { $0.isLetter || $0.isNumber }
        let known = [
            "pmingliu", "mingliu", "msung", "mhei", "stsong", "stheiti", "stkaiti", "stfangsong", "simsun", "nsimsun",
            "simhei", "simkai", "kaiti", "dfkaisb", "biaukai", "microsoftjhenghei", "microsoftyahei", "fangsong",
        ]
        return known.contains { lower.hasPrefix($0) }
            || name.unicodeScalars.contains { $0.properties.isUnifiedIdeograph }
    }

    /// The substitute from the first candidate face that has every decoded character; one width per
    /// glyph (it is one CID of ours): the original's where every code drawing the glyph has it within
    /// one unit of our advance, else our advance (PDF/A asks the dictionary and the program to agree;
    /// such text may move a little).
    private static func build(
        codes: [[UInt8]], decoded: [[UInt8]: (scalar: Unicode.Scalar, width: Double, text: String)],
        candidates: [SubstituteFaces.CJKFace], faces: SubstituteFaces, codeSpace: [SubstituteCIDFont.CodeSpaceRange],
        cmapName: String
    ) -> SubstituteCIDFont? {
        candidates: for candidate in candidates {
            guard let glyphs = faces.face(candidate) else { continue }
            var result: [[UInt8]: SubstituteGlyph] = [:]
            var agrees: [UInt32: Bool] = [:]
            for code in codes {
                guard let entry = decoded[code], let glyph = glyphs.glyph(for: entry.scalar) else { continue candidates }
                result[code] = SubstituteGlyph(glyph: glyph, name: "", width: entry.width, text: entry.text)
                agrees[glyph] = (agrees[glyph] ?? true) && abs(entry.width - glyphs.width(of: glyph)) <= 1
            }
            for (code, glyph) in result where agrees[glyph.glyph] != true {
                result[code]?.width = glyphs.width(of: glyph.glyph).rounded()
            }
            return SubstituteCIDFont(face: glyphs.face, codeSpace: codeSpace, glyphs: result, cmapName: cmapName)
        }
        return nil
    }

    private static func single(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.count == 1 ? text.unicodeScalars.first : nil
    }

    /// A `/BaseFont` as text: UTF-8 when its bytes are, else Big5 or GBK (as Windows writes 新細明體 or
    /// 宋体), decoded with the predefined CMaps; else as it is. A subset tag is dropped.
    static func baseFontName(_ value: PDFObject?, cmaps: PredefinedCMaps) -> String {
        decodedBaseFontName(value, cmaps: cmaps) ?? value?.nameValue ?? ""
    }

    /// The same, nil when the bytes are none of the three.
    static func decodedBaseFontName(_ value: PDFObject?, cmaps: PredefinedCMaps) -> String? {
        guard let raw = value?.nameValue else { return nil }
        var bytes = PDFObject.nameBytes(raw)
        if bytes.count > 7, bytes[6] == UInt8(ascii: "+"), bytes.prefix(6).allSatisfy({ (0x41...0x5A).contains($0) }) {
            bytes.removeFirst(7)
        }
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        for (cmapName, ordering) in [("ETen-B5-H", "CNS1"), ("GBK-EUC-H", "GB1")] {
            guard let cmap = cmaps.cmap(named: cmapName)?.cmap, let table = cmaps.cidToUnicode(ordering: ordering) else { continue }
            var text = ""
            for code in cmap.codes(in: bytes) {
                guard let cid = cmap.cid(of: code), let part = table.text(of: [UInt8(cid >> 8 & 0xFF), UInt8(cid & 0xFF)]) else {
                    text = ""
                    break
                }
                text += part
            }
            if !text.isEmpty { return text }
        }
        return nil
    }

    /// Our faces for a font name, best first: 楷 names TW-Kai (when installed); Noto in the region
    /// (sans for 黑/Hei/Gothic/Sans/圓/Yuan names, serif for the rest; bold for Bold/Heavy/Black names),
    /// then TW-Sung for Traditional. The region is the collection's; for Identity fonts, Simplified for
    /// the names Simplified Windows and macOS fonts have (SimSun, 宋体, 黑体, YaHei …), else Traditional.
    static func faces(for name: String, ordering: String?) -> [SubstituteFaces.CJKFace] {
        let lower = name.lowercased()
        let sans = ["hei", "gothic", "sans", "yuan", "kaku", "黑", "圓", "圆"].contains { lower.contains($0) }
        let bold = ["bold", "heavy", "black"].contains { lower.contains($0) }
        let kai = ["kai", "楷"].contains { lower.contains($0) }
        let simplified = ["simsun", "simhei", "simkai", "nsimsun", "yahei", "fangsong", "stsong", "stheiti", "stkaiti", "宋体", "黑体", "楷体", "雅黑", "仿宋"]
        let traditional = ordering.map { $0 != "GB1" } ?? !simplified.contains { lower.contains($0) }
        let noto: SubstituteFaces.CJKFace
        switch (sans, bold, traditional) {
        case (false, false, true): noto = .serifTC
        case (false, true, true): noto = .serifTCBold
        case (true, false, true): noto = .sansTC
        case (true, true, true): noto = .sansTCBold
        case (false, false, false): noto = .serifSC
        case (false, true, false): noto = .serifSCBold
        case (true, false, false): noto = .sansSC
        case (true, true, false): noto = .sansSCBold
        }
        return (kai && !sans && traditional ? [.twKai] : []) + [noto, .twSung]
    }

    /// The original's widths (1/1000 em): by CID from `/W` and `/DW` (1000 when absent); by character
    /// only as far as that can be known without the CID (see the type's comment).
    struct Widths {
        var defaultWidth: Double
        var byCID: [Int: Double]
        /// `/W` sets no CID beyond the ASCII ones 1–95 to a width other than `/DW`.
        var byScalarKnown: Bool

        func ofCID(_ cid: Int) -> Double { byCID[cid] ?? defaultWidth }

        /// CIDs 1–95 are U+0020–U+007E in both Adobe-CNS1 and Adobe-GB1.
        func ofScalar(_ scalar: Unicode.Scalar) -> Double {
            (0x20...0x7E).contains(scalar.value) ? ofCID(Int(scalar.value) - 0x1F) : defaultWidth
        }
    }

    /// `/W` read, at most 70,000 CIDs (the collections have fewer); nil when it is not a width array.
    static func widths(of cidFont: [String: PDFObject], resolved: (PDFObject?) -> PDFObject?) -> Widths? {
        let defaultWidth = resolved(cidFont["DW"])?.doubleValue ?? 1000
        var result = Widths(defaultWidth: defaultWidth, byCID: [:], byScalarKnown: true)
        var items = (resolved(cidFont["W"])?.arrayValue ?? []).map { resolved($0) }[...]
        func note(_ cid: Int, _ width: Double) -> Bool {
            guard result.byCID.count < 70_000, cid >= 0 else { return false }
            result.byCID[cid] = width
            if !(1...95).contains(cid), abs(width - defaultWidth) >= 0.5 { result.byScalarKnown = false }
            return true
        }
        while let first = items.popFirst() {
            guard let start = first?.intValue, start >= 0, start <= 0xFFFF, let second = items.popFirst() else { return nil }
            if let list = second?.arrayValue {
                for (offset, value) in list.prefix(70_000).enumerated() {
                    guard let width = resolved(value)?.doubleValue, note(start + offset, width) else { return nil }
                }
            } else if let end = second?.intValue, let width = items.popFirst()??.doubleValue {
                guard end >= start, end - start < 70_000 else { return nil }
                for cid in start...end where !note(cid, width) { return nil }
            } else {
                return nil
            }
        }
        return result
    }
}

extension PDFObject {
    /// A string's bytes as Latin-1 text (the CIDSystemInfo strings are ASCII).
    fileprivate var stringValue: String? {
        if case .string(let bytes) = self { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }
}
