import FontFiles

/// A simple font of an imported page that came without its program (standard-14 Helvetica, an
/// unembedded Arial), and the face of ours drawn in its place: for every code the pages show, the
/// glyph it draws, the width the font dictionary gives it and the text it stands for. The caller
/// (who read the student's file) decided all of it; the writer only subsets and writes.
public struct SubstituteFont: Sendable, Hashable {
    public var face: FontFace
    /// Code → what it draws. Codes not here are never shown by the pages.
    public var glyphs: [UInt8: SubstituteGlyph]
    /// The font draws symbols (Symbol, ZapfDingbats), not the standard Latin set (descriptor flags).
    public var symbolic: Bool

    public init(face: FontFace, glyphs: [UInt8: SubstituteGlyph], symbolic: Bool) {
        self.face = face
        self.glyphs = glyphs
        self.symbolic = symbolic
    }
}

public struct SubstituteGlyph: Sendable, Hashable {
    /// The glyph in the face.
    public var glyph: UInt32
    /// The face's own name of the glyph (what a CFF program's charset calls it).
    public var name: String
    /// The advance in 1/1000 em as `/Widths` gives it; equal to the face's within rounding (PDF/A
    /// requires the dictionary and the program to agree).
    public var width: Double
    /// What the code stands for, for `/ToUnicode`; nil when unknown.
    public var text: String?

    public init(glyph: UInt32, name: String, width: Double, text: String?) {
        self.glyph = glyph
        self.name = name
        self.width = width
        self.text = text
    }
}

/// Writes a substitute as a simple font, so the page's one-byte codes, `Tw` word spacing and
/// widths work as before and no content stream is touched:
/// - a CFF face (the URW fonts): `/Type1` with the bare CFF table as `/FontFile3 /Type1C`, each shown
///   code named in `/Differences` (a name-keyed CFF keeps its glyph names through hb-subset);
/// - a TrueType face (Liberation): a symbolic `/TrueType` with `/FontFile2`, no `/Encoding`, and a
///   (3,0) cmap of our own mapping 0xF000 + code to the subset's glyph (ISO 32000-1 §9.6.6.4), the
///   one subtable PDF/A asks of a symbolic TrueType font.
enum SubstituteFontWriter {
    /// Writes the font at `fontRef` and the objects it needs; returns its dictionary.
    static func add(
        _ font: SubstituteFont, program: FontProgram, at fontRef: ObjectRef, hinting: Bool,
        to table: inout PDFObjectTable
    ) throws(PDFWriterError) -> PDFDict {
        let codes = font.glyphs.keys.sorted()
        let glyphIDs = Array(Set(codes.compactMap { font.glyphs[$0]?.glyph })).sorted()
        let subset = try FontSubsetter.subset(program, glyphs: glyphIDs, hinting: hinting)
        let baseFont =
            EmbeddedFont.subsetTag(name: program.postScriptName + "/simple", glyphs: glyphIDs) + "+"
            + program.postScriptName

        let descriptorRef = table.allocate()
        let programRef = table.allocate()
        let toUnicodeRef = table.allocate()

        let first = codes.first ?? 32
        let last = codes.last ?? 32
        var dict = PDFDict()
        dict["Type"] = .name("Font")
        dict["Subtype"] = .name(program.format == .cff ? "Type1" : "TrueType")
        dict["BaseFont"] = .name(baseFont)
        dict["FirstChar"] = .int(Int(first))
        dict["LastChar"] = .int(Int(last))
        dict["Widths"] = .array((first...last).map { .real(font.glyphs[$0]?.width ?? 0, decimals: 3) })
        if program.format == .cff {
            var differences: [PDFValue] = []
            var previous: UInt8?
            for code in codes {
                guard let glyph = font.glyphs[code] else { continue }
                if previous.map({ Int($0) + 1 != Int(code) }) ?? true { differences.append(.int(Int(code))) }
                differences.append(.name(glyph.name))
                previous = code
            }
            dict["Encoding"] = .dict(PDFDict([("Type", .name("Encoding")), ("Differences", .array(differences))]))
        }
        dict["FontDescriptor"] = .ref(descriptorRef)
        dict["ToUnicode"] = .ref(toUnicodeRef)
        table.set(fontRef, dict)

        let metrics = program.metrics
        // Symbolic (4) or Nonsymbolic (32), never both; fixed pitch, serif, script, italic as the face says.
        // A TrueType substitute is always symbolic: its glyphs are reached through the (3,0) cmap.
        var flags = metrics.flags & ~(4 | 32)
        flags |= font.symbolic || program.format == .trueType ? 4 : 32
        table.set(
            descriptorRef, EmbeddedFont.fontDescriptor(baseFont: baseFont, flags: flags, program: program, programRef: programRef))

        func failure(_ reason: String) -> PDFWriterError {
            .subsetFailed(path: program.face.path, faceIndex: program.face.faceIndex, reason: reason)
        }
        switch program.format {
        case .cff:
            guard let cff = SFNT.table(subset.program, tag: "CFF ") else { throw failure("the subset has no CFF table") }
            try table.setStream(
                programRef, PDFDict([("Subtype", .name("Type1C"))]),
                data: Array(subset.program[cff.offset..<(cff.offset + cff.length)]))
        case .trueType:
            var mapping: [(code: UInt16, glyph: UInt16)] = []
            for code in codes {
                guard let glyph = font.glyphs[code], let new = subset.codes[glyph.glyph] else { continue }
                mapping.append((0xF000 | UInt16(code), new))
            }
            guard let sfnt = SFNT.adding(table: "cmap", SFNT.symbolCmap(mapping), to: subset.program) else {
                throw failure("could not add a cmap to the subset")
            }
            try table.setStream(programRef, PDFDict([("Length1", .int(sfnt.count))]), data: sfnt)
        }

        var entries: [(code: UInt16, text: String)] = []
        for code in codes {
            if let text = font.glyphs[code]?.text, !text.isEmpty { entries.append((UInt16(code), text)) }
        }
        try table.setStream(toUnicodeRef, PDFDict(), data: ToUnicodeCMap.build(entries, codeBytes: 1))
        return dict
    }
}

extension SFNT {
    /// A cmap with one (3,0) format 4 subtable for `mapping` (sorted by code, codes unique).
    static func symbolCmap(_ mapping: [(code: UInt16, glyph: UInt16)]) -> [UInt8] {
        // One segment per code keeps it simple (at most 256 codes), plus the required final 0xFFFF one.
        var segments = mapping.map { (start: $0.code, end: $0.code, delta: UInt16(truncatingIfNeeded: Int($0.glyph) - Int($0.code))) }
        segments.append((0xFFFF, 0xFFFF, 1))
        let count = segments.count
        var searchRange = 1
        var entrySelector = 0
        while searchRange * 2 <= count {
            searchRange *= 2
            entrySelector += 1
        }
        searchRange *= 2
        var sub: [UInt8] = []
        func u16(_ v: Int) { sub += [UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)] }
        let length = 16 + 8 * count
        u16(4)
        u16(length)
        u16(0)
        u16(count * 2)
        u16(searchRange)
        u16(entrySelector)
        u16(count * 2 - searchRange)
        for s in segments { u16(Int(s.end)) }
        u16(0)
        for s in segments { u16(Int(s.start)) }
        for s in segments { u16(Int(s.delta)) }
        for _ in segments { u16(0) }
        var cmap: [UInt8] = [0, 0, 0, 1, 0, 3, 0, 0, 0, 0, 0, 12]
        cmap += sub
        return cmap
    }

    /// The sfnt `font` with table `tag` added (or replaced), tables in tag order and 4-byte aligned,
    /// checksums recomputed; nil when `font` is not a well-formed sfnt.
    static func adding(table tag: String, _ data: [UInt8], to font: [UInt8]) -> [UInt8]? {
        let bytes = BigEndianBytes(font)
        guard let version = bytes.u32(0), let count = bytes.u16(4) else { return nil }
        var tables: [(tag: UInt32, data: [UInt8])] = []
        for index in 0..<Int(count) {
            let record = 12 + index * 16
            guard let t = bytes.u32(record), let offset = bytes.u32(record + 8), let length = bytes.u32(record + 12),
                Int(offset) + Int(length) <= font.count
            else { return nil }
            if t == openTypeTag(tag) { continue }
            tables.append((t, Array(font[Int(offset)..<(Int(offset) + Int(length))])))
        }
        tables.append((openTypeTag(tag), data))
        tables.sort { $0.tag < $1.tag }
        var out: [UInt8] = []
        func u16(_ v: Int) { out += [UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)] }
        func u32(_ v: UInt32) { out += [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        let n = tables.count
        var power = 1
        var log = 0
        while power * 2 <= n {
            power *= 2
            log += 1
        }
        u32(version)
        u16(n)
        u16(power * 16)
        u16(log)
        u16(n * 16 - power * 16)
        var offset = 12 + 16 * n
        for table in tables {
            u32(table.tag)
            u32(0)
            u32(UInt32(offset))
            u32(UInt32(table.data.count))
            offset += (table.data.count + 3) / 4 * 4
        }
        for table in tables {
            out += table.data
            out += [UInt8](repeating: 0, count: (4 - table.data.count % 4) % 4)
        }
        fixChecksums(&out)
        return out
    }
}
