import FontFiles

/// A Type0 font of an imported page whose descendant came without its program and whose codes are
/// Unicode (a `UniCNS-UCS2-H` MSung-Light …), and the face of ours drawn in its place. The page's codes
/// stay as they are: the font is written with an embedded CMap of our own that has the original CMap's
/// code space and maps each shown code to the CID of its glyph in our subset, so no content stream is
/// rewritten. The caller (who read the student's file) decided every glyph, width and text.
public struct SubstituteCIDFont: Sendable, Hashable {
    public var face: FontFace
    /// The code space ranges of the original CMap (low, high), each code's bytes.
    public var codeSpace: [CodeSpaceRange]
    /// Code (its bytes) → what it draws. Codes not here are never shown by the pages.
    public var glyphs: [[UInt8]: SubstituteGlyph]
    /// The name the original CMap had, kept in ours for a reader of the file (`UniCNS-UCS2-H`).
    public var cmapName: String

    public struct CodeSpaceRange: Sendable, Hashable {
        public var low: [UInt8]
        public var high: [UInt8]
        public init(low: [UInt8], high: [UInt8]) {
            self.low = low
            self.high = high
        }
    }

    public init(face: FontFace, codeSpace: [CodeSpaceRange], glyphs: [[UInt8]: SubstituteGlyph], cmapName: String) {
        self.face = face
        self.codeSpace = codeSpace
        self.glyphs = glyphs
        self.cmapName = cmapName
    }
}

/// Writes a `SubstituteCIDFont` as a Type0 font: `/Encoding` an embedded CMap (CIDSystemInfo
/// Adobe-Identity-0, like the CIDFont's, as PDF/A requires of a CMap that is not Identity-H/V), the
/// descendant a CIDFontType0 (CFF, `/FontFile3 /OpenType`, identity charset) or CIDFontType2
/// (TrueType, `/CIDToGIDMap /Identity`) whose CIDs are the subset's glyph ids, `/W` with the widths the
/// caller gave, and a `/ToUnicode` for the same codes.
enum SubstituteCIDFontWriter {
    static func add(
        _ font: SubstituteCIDFont, program: FontProgram, at fontRef: ObjectRef, hinting: Bool,
        to table: inout PDFObjectTable
    ) throws(PDFWriterError) -> PDFDict {
        let codes = font.glyphs.keys.sorted { $0.lexicographicallyPrecedes($1) }
        let glyphIDs = Array(Set(font.glyphs.values.map(\.glyph))).sorted()
        let subset = try FontSubsetter.subset(program, glyphs: glyphIDs, hinting: hinting)
        let tag = EmbeddedFont.subsetTag(name: program.postScriptName + "/cid", glyphs: glyphIDs)
        let baseFont = tag + "+" + program.postScriptName
        let cmapName = "PEX-\(tag)-" + font.cmapName

        let cidFontRef = table.allocate()
        let descriptorRef = table.allocate()
        let programRef = table.allocate()
        let cmapRef = table.allocate()
        let toUnicodeRef = table.allocate()

        var type0 = PDFDict()
        type0["Type"] = .name("Font")
        type0["Subtype"] = .name("Type0")
        type0["BaseFont"] = .name(program.format == .cff ? baseFont + "-" + cmapName : baseFont)
        type0["Encoding"] = .ref(cmapRef)
        type0["DescendantFonts"] = .array([.ref(cidFontRef)])
        type0["ToUnicode"] = .ref(toUnicodeRef)
        table.set(fontRef, type0)

        // One width per CID (= glyph): the caller gives every code of one glyph the same width.
        var widthOf: [UInt16: Int] = [:]
        var cidOf: [[UInt8]: UInt16] = [:]
        for code in codes {
            guard let glyph = font.glyphs[code], let cid = subset.codes[glyph.glyph] else { continue }
            cidOf[code] = cid
            widthOf[cid] = Int(glyph.width.rounded())
        }
        let widths = widthOf.keys.sorted().map { (code: $0, width: widthOf[$0] ?? 1000) }
        let defaultWidth = EmbeddedFont.mostCommonWidth(widths)
        var cidFont = PDFDict()
        cidFont["Type"] = .name("Font")
        cidFont["Subtype"] = .name(program.format == .cff ? "CIDFontType0" : "CIDFontType2")
        cidFont["BaseFont"] = .name(baseFont)
        cidFont["CIDSystemInfo"] = .dict(Self.identitySystemInfo)
        cidFont["FontDescriptor"] = .ref(descriptorRef)
        cidFont["DW"] = .int(defaultWidth)
        let widthArray = EmbeddedFont.widthArray(widths, defaultWidth: defaultWidth)
        if !widthArray.isEmpty { cidFont["W"] = .array(widthArray) }
        if program.format == .trueType { cidFont["CIDToGIDMap"] = .name("Identity") }
        table.set(cidFontRef, cidFont)

        table.set(
            descriptorRef,
            EmbeddedFont.fontDescriptor(baseFont: baseFont, flags: program.metrics.flags, program: program, programRef: programRef))

        var fontFile = PDFDict()
        switch program.format {
        case .cff: fontFile["Subtype"] = .name("OpenType")
        case .trueType: fontFile["Length1"] = .int(subset.program.count)
        }
        try table.setStream(programRef, fontFile, data: subset.program)

        var cmapDict = PDFDict()
        cmapDict["Type"] = .name("CMap")
        cmapDict["CMapName"] = .name(cmapName)
        cmapDict["CIDSystemInfo"] = .dict(Self.identitySystemInfo)
        cmapDict["WMode"] = .int(0)
        let mapped = codes.compactMap { code in cidOf[code].map { (code, $0) } }
        try table.setStream(cmapRef, cmapDict, data: encodingCMap(name: cmapName, codeSpace: font.codeSpace, mapped))

        let texts = codes.compactMap { code in font.glyphs[code]?.text.map { (code, $0) } }
        try table.setStream(toUnicodeRef, PDFDict(), data: toUnicode(codeSpace: font.codeSpace, texts))
        return type0
    }

    private static let identitySystemInfo = PDFDict([
        ("Registry", .ascii("Adobe")), ("Ordering", .ascii("Identity")), ("Supplement", .int(0)),
    ])

    private static func hex(_ bytes: [UInt8]) -> String {
        "<" + bytes.map { String($0, radix: 16, uppercase: true).leftPadded(2) }.joined() + ">"
    }

    private static func codeSpaceLines(_ ranges: [SubstituteCIDFont.CodeSpaceRange]) -> [String] {
        ["\(ranges.count) begincodespacerange"] + ranges.map { hex($0.low) + " " + hex($0.high) } + ["endcodespacerange"]
    }

    /// The CMap program (ISO 32000-1 §9.7.5.4): the code space, then `cidchar` blocks of at most 100.
    static func encodingCMap(
        name: String, codeSpace: [SubstituteCIDFont.CodeSpaceRange], _ entries: [([UInt8], UInt16)]
    ) -> [UInt8] {
        var lines = [
            "%!PS-Adobe-3.0 Resource-CMap", "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def",
            "/CMapName /\(name) def", "/CMapType 1 def", "/WMode 0 def",
        ]
        lines += codeSpaceLines(codeSpace)
        for start in stride(from: 0, to: entries.count, by: 100) {
            let block = entries[start..<min(start + 100, entries.count)]
            lines.append("\(block.count) begincidchar")
            lines += block.map { hex($0.0) + " \($0.1)" }
            lines.append("endcidchar")
        }
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The `/ToUnicode` CMap for codes of the original code space (one to four bytes each).
    static func toUnicode(codeSpace: [SubstituteCIDFont.CodeSpaceRange], _ entries: [([UInt8], String)]) -> [UInt8] {
        var lines = [
            "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
        ]
        lines += codeSpaceLines(codeSpace)
        for start in stride(from: 0, to: entries.count, by: 100) {
            let block = entries[start..<min(start + 100, entries.count)]
            lines.append("\(block.count) beginbfchar")
            lines += block.map { code, text in
                hex(code) + " " + hex(text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
            }
            lines.append("endbfchar")
        }
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
