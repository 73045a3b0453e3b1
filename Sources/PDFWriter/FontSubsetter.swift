import CHarfBuzz
import FontFiles

/// A subset font program and how content-stream codes reach its glyphs.
///
/// Codes are the subset's own glyph ids (hb-subset renumbers the kept glyphs 0…n-1 in the order
/// of their original ids; the plan's old→new map says which is which). No RETAIN_GIDS: that would
/// keep 65k empty slots in hmtx, CharStrings and charset of a Noto CJK face.
/// - TrueType: CIDToGIDMap /Identity, so CID = code = subset glyph id.
/// - CFF: hb-subset keeps each glyph's *original CID* in the CID-keyed charset, and readers differ
///   (poppler maps CID→GID through the charset, MuPDF uses the code as a glyph index). Rewriting
///   the charset to identity (glyph i has CID i) makes both readings the same glyph.
struct FontSubset {
    /// The sfnt to embed.
    let program: [UInt8]
    /// Original glyph id → code in the content stream (= subset glyph id = CID).
    let codes: [UInt32: UInt16]
}

enum FontSubsetter {
    /// Tables a PDF renderer never reads: layout (and with it hb-subset's GSUB closure, which
    /// would pull in every variant of every glyph), vertical metrics, and cmap (CID fonts reach
    /// glyphs through codes, and hb-subset would keep every code point of the kept glyphs).
    static let droppedTables: [String] = [
        "cmap", "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea", "vmtx", "VORG", "DSIG", "kern", "morx", "mort",
        "kerx", "feat", "meta", "STAT", "LTSH", "hdmx", "VDMX", "PCLT", "EBDT", "EBLC", "EBSC", "SVG ", "COLR",
        "CPAL", "sbix", "CBDT", "CBLC",
    ]

    /// CFF charstrings are desubroutinized: after Flate that is smaller than the subset's
    /// subroutines (≈6% on 3,000 Noto glyphs) and simpler for readers. `hinting: false` drops hints
    /// (≈17% smaller; renderers at print resolution ignore them anyway). `identityCharset: false`
    /// returns hb-subset's CFF untouched (tests use it to show why the rewrite is needed).
    static func subset(
        _ program: FontProgram, glyphs: [UInt32], hinting: Bool = true, identityCharset: Bool = true
    ) throws(PDFWriterError) -> FontSubset {
        let source = program.subsetSource(for: glyphs)
        // Only the working face carries HarfBuzz's subset accelerator (see FontProgram.subsetLock);
        // the plain face is read by several workers at once. The charset rewrite needs no lock.
        var made =
            if source.isWorkingFace {
                try program.withSubsetLock { () throws(PDFWriterError) -> FontSubset in
                    try subset(program, from: source.face, glyphs: glyphs, hinting: hinting)
                }
            } else {
                try subset(program, from: source.face, glyphs: glyphs, hinting: hinting)
            }
        if program.format == .cff && identityCharset {
            var bytes = made.program
            guard CFFCharset.makeIdentity(&bytes) else {
                throw .subsetFailed(
                    path: program.face.path, faceIndex: program.face.faceIndex,
                    reason: "could not rewrite the CFF charset of the subset")
            }
            made = FontSubset(program: bytes, codes: made.codes)
        }
        return made
    }

    private static func subset(
        _ program: FontProgram, from face: OpaquePointer, glyphs: [UInt32], hinting: Bool
    ) throws(PDFWriterError) -> FontSubset {
        func failure(_ reason: String) -> PDFWriterError {
            .subsetFailed(path: program.face.path, faceIndex: program.face.faceIndex, reason: reason)
        }
        guard let input = hb_subset_input_create_or_fail() else { throw failure("out of memory") }
        defer { hb_subset_input_destroy(input) }

        let glyphSet = hb_subset_input_glyph_set(input)
        hb_set_add(glyphSet, 0)
        for glyph in glyphs { hb_set_add(glyphSet, glyph) }
        let dropSet = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG)
        for tag in droppedTables { hb_set_add(dropSet, openTypeTag(tag)) }
        var flags = HB_SUBSET_FLAGS_DESUBROUTINIZE.rawValue
        if !hinting { flags |= HB_SUBSET_FLAGS_NO_HINTING.rawValue }
        hb_subset_input_set_flags(input, flags)

        guard let plan = hb_subset_plan_create_or_fail(face, input) else {
            throw failure("hb_subset_plan_create_or_fail returned nothing")
        }
        defer { hb_subset_plan_destroy(plan) }
        let mapping = hb_subset_plan_old_to_new_glyph_mapping(plan)
        var codes: [UInt32: UInt16] = [:]
        codes.reserveCapacity(glyphs.count)
        for glyph in glyphs {
            let new = hb_map_get(mapping, glyph)
            guard new != UInt32.max, let code = UInt16(exactly: new) else {
                throw failure("glyph \(glyph) missing from the subset plan")
            }
            codes[glyph] = code
        }

        guard let result = hb_subset_plan_execute_or_fail(plan) else {
            throw failure("hb_subset_plan_execute_or_fail returned nothing")
        }
        defer { hb_face_destroy(result) }
        guard let blob = hb_face_reference_blob(result) else { throw failure("no output blob") }
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(blob, &length), length > 0 else { throw failure("empty output") }
        let subset = data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            Array(UnsafeBufferPointer(start: $0, count: Int(length)))
        }
        return FontSubset(program: subset, codes: codes)
    }
}

/// The one edit the writer makes inside a CFF subset: give glyph i the CID i.
enum CFFCharset {
    /// Rewrites the charset of a CID-keyed CFF table in place (an identity charset never needs more
    /// bytes than the one it replaces) and fixes the sfnt checksums. Name-keyed CFF fonts are left
    /// alone: PDF readers use their codes as glyph ids already. Returns false if the table is malformed.
    static func makeIdentity(_ font: inout [UInt8]) -> Bool {
        guard let table = SFNT.table(font, tag: "CFF ") else { return false }
        let cff = BigEndianBytes(Array(font[table.offset..<(table.offset + table.length)]))
        guard let headerSize = cff.u8(2),
            let nameIndex = CFFIndex(cff, at: Int(headerSize)),
            let topIndex = CFFIndex(cff, at: nameIndex.end),
            let topDict = topIndex.item(0),
            let dict = CFFDict.parse(cff, range: topDict)
        else { return false }
        guard dict.isCIDKeyed else { return true }
        guard let charsetOffset = dict.charset, charsetOffset > 2,
            let charStringsOffset = dict.charStrings,
            let charStrings = CFFIndex(cff, at: charStringsOffset)
        else { return false }
        let glyphCount = charStrings.count
        guard glyphCount > 1 else { return true }
        guard let format = cff.u8(charsetOffset) else { return false }

        // Glyph 0 (.notdef) has no charset entry; glyphs 1…n-1 get CIDs 1…n-1.
        var identity: [UInt8] = [format]
        switch format {
        case 0:
            for cid in 1..<glyphCount { identity += [UInt8(truncatingIfNeeded: cid >> 8), UInt8(truncatingIfNeeded: cid)] }
        case 1:
            var first = 1
            while first < glyphCount {
                let count = min(256, glyphCount - first)
                identity += [UInt8(truncatingIfNeeded: first >> 8), UInt8(truncatingIfNeeded: first), UInt8(count - 1)]
                first += count
            }
        case 2:
            let left = glyphCount - 2
            identity += [0, 1, UInt8(truncatingIfNeeded: left >> 8), UInt8(truncatingIfNeeded: left)]
        default:
            return false
        }
        guard let oldLength = charsetLength(cff, at: charsetOffset, glyphCount: glyphCount),
            identity.count <= oldLength, charsetOffset + identity.count <= table.length
        else { return false }
        let start = table.offset + charsetOffset
        font.replaceSubrange(start..<(start + identity.count), with: identity)
        SFNT.fixChecksums(&font)
        return true
    }

    static func charsetLength(_ cff: BigEndianBytes, at offset: Int, glyphCount: Int) -> Int? {
        guard let format = cff.u8(offset) else { return nil }
        switch format {
        case 0:
            return 1 + 2 * (glyphCount - 1)
        case 1, 2:
            var covered = 0
            var position = offset + 1
            while covered < glyphCount - 1 {
                let left: Int
                if format == 1 {
                    guard let value = cff.u8(position + 2) else { return nil }
                    left = Int(value)
                    position += 3
                } else {
                    guard let value = cff.u16(position + 2) else { return nil }
                    left = Int(value)
                    position += 4
                }
                covered += left + 1
            }
            return position - offset
        default:
            return nil
        }
    }

    /// Reads the CIDs of glyphs 0…n-1 (for tests and diagnostics).
    static func cids(_ font: [UInt8]) -> [Int]? {
        guard let table = SFNT.table(font, tag: "CFF ") else { return nil }
        let cff = BigEndianBytes(Array(font[table.offset..<(table.offset + table.length)]))
        guard let headerSize = cff.u8(2),
            let nameIndex = CFFIndex(cff, at: Int(headerSize)),
            let topIndex = CFFIndex(cff, at: nameIndex.end),
            let topDict = topIndex.item(0),
            let dict = CFFDict.parse(cff, range: topDict),
            let charsetOffset = dict.charset, charsetOffset > 2,
            let charStringsOffset = dict.charStrings,
            let charStrings = CFFIndex(cff, at: charStringsOffset),
            let format = cff.u8(charsetOffset)
        else { return nil }
        var result = [0]
        var position = charsetOffset + 1
        while result.count < charStrings.count {
            switch format {
            case 0:
                guard let cid = cff.u16(position) else { return nil }
                result.append(Int(cid))
                position += 2
            case 1, 2:
                guard let first = cff.u16(position),
                    let left = format == 1 ? cff.u8(position + 2).map(Int.init) : cff.u16(position + 2).map(Int.init)
                else { return nil }
                for cid in Int(first)...(Int(first) + left) { result.append(cid) }
                position += format == 1 ? 3 : 4
            default:
                return nil
            }
        }
        return Array(result.prefix(charStrings.count))
    }
}

/// A CFF INDEX: count, offset size, offsets, data.
struct CFFIndex {
    let count: Int
    let end: Int
    private let offsets: [Int]
    private let dataStart: Int

    init?(_ cff: BigEndianBytes, at start: Int) {
        guard let count = cff.u16(start) else { return nil }
        self.count = Int(count)
        if count == 0 {
            offsets = []
            dataStart = start + 2
            end = start + 2
            return
        }
        guard let offSize = cff.u8(start + 2), (1...4).contains(offSize) else { return nil }
        var offsets: [Int] = []
        offsets.reserveCapacity(Int(count) + 1)
        for index in 0...Int(count) {
            var value = 0
            for byte in 0..<Int(offSize) {
                guard let b = cff.u8(start + 3 + index * Int(offSize) + byte) else { return nil }
                value = value << 8 | Int(b)
            }
            offsets.append(value)
        }
        self.offsets = offsets
        dataStart = start + 3 + (Int(count) + 1) * Int(offSize) - 1
        guard let last = offsets.last, last >= 1, dataStart + last <= cff.bytes.count else { return nil }
        end = dataStart + last
    }

    func item(_ index: Int) -> Range<Int>? {
        guard index >= 0, index + 1 < offsets.count, offsets[index] <= offsets[index + 1] else { return nil }
        return (dataStart + offsets[index])..<(dataStart + offsets[index + 1])
    }
}

/// The Top DICT operators the charset rewrite needs.
struct CFFDict {
    var charset: Int?
    var charStrings: Int?
    var isCIDKeyed = false

    static func parse(_ cff: BigEndianBytes, range: Range<Int>) -> CFFDict? {
        var dict = CFFDict()
        var operands: [Int] = []
        var position = range.lowerBound
        while position < range.upperBound {
            guard let b0 = cff.u8(position) else { return nil }
            switch b0 {
            case 0...21:
                var op = Int(b0)
                position += 1
                if b0 == 12 {
                    guard let b1 = cff.u8(position) else { return nil }
                    op = 1200 + Int(b1)
                    position += 1
                }
                switch op {
                case 15: dict.charset = operands.last
                case 17: dict.charStrings = operands.last
                case 1230: dict.isCIDKeyed = true
                default: break
                }
                operands.removeAll()
            case 28:
                guard let value = cff.i16(position + 1) else { return nil }
                operands.append(Int(value))
                position += 3
            case 29:
                guard let value = cff.i32(position + 1) else { return nil }
                operands.append(Int(value))
                position += 5
            case 30:
                // A real number: nibbles up to an 0xf nibble. Its value is never an offset.
                position += 1
                while true {
                    guard let byte = cff.u8(position) else { return nil }
                    position += 1
                    if byte & 0x0f == 0x0f || byte >> 4 == 0x0f { break }
                }
                operands.append(0)
            case 32...246:
                operands.append(Int(b0) - 139)
                position += 1
            case 247...250:
                guard let b1 = cff.u8(position + 1) else { return nil }
                operands.append((Int(b0) - 247) * 256 + Int(b1) + 108)
                position += 2
            case 251...254:
                guard let b1 = cff.u8(position + 1) else { return nil }
                operands.append(-(Int(b0) - 251) * 256 - Int(b1) - 108)
                position += 2
            default:
                return nil
            }
        }
        return dict
    }
}

enum SFNT {
    struct TableRecord {
        let recordOffset: Int
        let offset: Int
        let length: Int
    }

    static func table(_ font: [UInt8], tag: String) -> TableRecord? {
        let bytes = BigEndianBytes(font)
        let wanted = openTypeTag(tag)
        guard let count = bytes.u16(4) else { return nil }
        for index in 0..<Int(count) {
            let record = 12 + index * 16
            guard let recordTag = bytes.u32(record), let offset = bytes.u32(record + 8),
                let length = bytes.u32(record + 12)
            else { return nil }
            if recordTag == wanted {
                let start = Int(offset)
                let size = Int(length)
                guard start + size <= font.count else { return nil }
                return TableRecord(recordOffset: record, offset: start, length: size)
            }
        }
        return nil
    }

    /// Recomputes every table checksum and head.checkSumAdjustment after an in-place edit.
    static func fixChecksums(_ font: inout [UInt8]) {
        let bytes = BigEndianBytes(font)
        guard let count = bytes.u16(4) else { return }
        var headOffset: Int?
        for index in 0..<Int(count) {
            let record = 12 + index * 16
            guard let tag = bytes.u32(record), let offset = bytes.u32(record + 8), let length = bytes.u32(record + 12),
                Int(offset) + Int(length) <= font.count
            else { return }
            if tag == openTypeTag("head") {
                headOffset = Int(offset)
                if Int(offset) + 12 <= font.count { put32(&font, Int(offset) + 8, 0) }
            }
            put32(&font, record + 4, checksum(font, from: Int(offset), length: Int(length)))
        }
        if let headOffset, headOffset + 12 <= font.count {
            let total = checksum(font, from: 0, length: font.count)
            put32(&font, headOffset + 8, 0xB1B0_AFBA &- total)
        }
    }

    static func checksum(_ font: [UInt8], from start: Int, length: Int) -> UInt32 {
        var sum: UInt32 = 0
        var position = start
        let end = min(font.count, start + length)
        while position < end {
            var word: UInt32 = 0
            for byte in 0..<4 {
                word = word << 8 | UInt32(position + byte < end ? font[position + byte] : 0)
            }
            sum = sum &+ word
            position += 4
        }
        return sum
    }

    private static func put32(_ font: inout [UInt8], _ offset: Int, _ value: UInt32) {
        font[offset] = UInt8(truncatingIfNeeded: value >> 24)
        font[offset + 1] = UInt8(truncatingIfNeeded: value >> 16)
        font[offset + 2] = UInt8(truncatingIfNeeded: value >> 8)
        font[offset + 3] = UInt8(truncatingIfNeeded: value)
    }
}
