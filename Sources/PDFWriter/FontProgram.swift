import CHarfBuzz
import FontFiles
import Foundation

/// Which outline technology a face has, which decides how it is embedded (P1).
enum OutlineFormat: Sendable {
    /// `CFF ` table: CIDFontType0 with /FontFile3 /Subtype /OpenType.
    case cff
    /// `glyf` table: CIDFontType2 with /FontFile2.
    case trueType
}

/// FontDescriptor values, already in PDF glyph space (1/1000 em).
struct FontDescriptorMetrics: Sendable {
    var ascent: Int
    var descent: Int
    var capHeight: Int
    var xHeight: Int?
    var bbox: (Int, Int, Int, Int)
    var italicAngle: Double
    var stemV: Int
    var flags: Int
}

/// What the writer needs to embed a face (P1), derived once from the loaded face (`FontFace`,
/// shared with the shaper: the file is never opened here): its outline format, the descriptor
/// metrics, the widths, and the faces subsets are made from — the face itself, and once prepared a
/// working face. Immutable; HarfBuzz faces are safe to read from several threads, which is why the
/// class can be shared.
///
/// The working face (issue 15) is the face cut down to the glyphs of the common characters
/// (`CommonCharacters`: Latin, punctuation, Big5's 5,401 common Han characters), glyph ids kept,
/// charstrings desubroutinized, then prepared with `hb_subset_preprocess`: about 55 MB for a Noto
/// CJK face where preparing the whole face took 300–500 MB, and a subset from it is about 2.3×
/// faster than from the plain face. A subset whose glyphs are all in it is made from it, any other
/// from the plain face. Both give the same bytes: the working face keeps the cmap entries of its
/// glyphs, so hb-subset's closure (variation sequences) finds the same glyphs, and those glyphs
/// were kept by the same closure when it was made.
final class FontProgram: @unchecked Sendable {
    let face: FontFace
    let format: OutlineFormat
    let unitsPerEm: Int
    let postScriptName: String
    let metrics: FontDescriptorMetrics

    /// The prepared working face; nil until `prepared()`.
    private let working: OpaquePointer?
    /// The glyph ids the working face holds (a bit per glyph of the face).
    private let workingGlyphs: [UInt64]
    var isPrepared: Bool { working != nil }
    private let hmtx: BigEndianBytes
    private let numberOfHMetrics: Int
    /// HarfBuzz 6.0's subset accelerator (attached to the working face) keeps caches that later
    /// releases guard with a mutex; to be safe on 6.0, subsets from the working face are made one at a time.
    private let subsetLock = NSLock()

    private init(
        face: FontFace, format: OutlineFormat, unitsPerEm: Int, postScriptName: String,
        metrics: FontDescriptorMetrics, working: OpaquePointer?, workingGlyphs: [UInt64], hmtx: BigEndianBytes,
        numberOfHMetrics: Int
    ) {
        self.face = face
        self.format = format
        self.unitsPerEm = unitsPerEm
        self.postScriptName = postScriptName
        self.metrics = metrics
        self.working = working
        self.workingGlyphs = workingGlyphs
        self.hmtx = hmtx
        self.numberOfHMetrics = numberOfHMetrics
    }

    deinit {
        if let working { hb_face_destroy(working) }
    }

    /// The face to subset `glyphs` from: the working face when it holds them all.
    func subsetSource(for glyphs: [UInt32]) -> (face: OpaquePointer, isWorkingFace: Bool) {
        guard let working else { return (face.harfBuzzFace, false) }
        for glyph in glyphs {
            let word = Int(glyph >> 6)
            guard word < workingGlyphs.count, workingGlyphs[word] & (1 << UInt64(glyph & 63)) != 0 else {
                return (face.harfBuzzFace, false)
            }
        }
        return (working, true)
    }

    var glyphCount: Int { face.glyphCount }

    func withSubsetLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        subsetLock.lock()
        defer { subsetLock.unlock() }
        return try body()
    }

    /// Horizontal advance in font units, from hmtx (glyphs past numberOfHMetrics repeat the last one).
    func advance(of glyph: UInt32) -> Int {
        guard numberOfHMetrics > 0 else { return 0 }
        let index = Int(min(glyph, UInt32(numberOfHMetrics - 1)))
        return Int(hmtx.u16(index * 4) ?? 0)
    }

    /// Advance in PDF glyph space (1/1000 em), rounded as /W stores it.
    func pdfWidth(of glyph: UInt32) -> Int {
        scaled(advance(of: glyph), unitsPerEm: unitsPerEm)
    }

    /// `preprocess`: make the working face (a few tenths of a second per CJK face, then most subsets are
    /// about twice as fast). Worth it when one process writes many documents; a single render
    /// subsets the plain face instead.
    static func make(_ face: FontFace, preprocess: Bool = true) throws(PDFWriterError) -> FontProgram {
        func fail(_ reason: String) -> PDFWriterError {
            .fontFormatUnsupported(path: face.path, faceIndex: face.faceIndex, reason: reason)
        }
        let head = BigEndianBytes(face.table("head"))
        let hhea = BigEndianBytes(face.table("hhea"))
        let hmtx = BigEndianBytes(face.table("hmtx"))
        guard face.glyphCount > 0, let upem = head.u16(18), upem >= 16, let hMetrics = hhea.u16(34), hMetrics > 0,
            hmtx.bytes.count >= Int(hMetrics) * 4
        else {
            throw fail("no glyphs or no valid head/hhea/hmtx tables")
        }
        let format: OutlineFormat
        if face.hasTable("CFF ") {
            format = .cff
        } else if face.hasTable("glyf") {
            format = .trueType
        } else if face.hasTable("CFF2") {
            throw fail("CFF2 (variable) outlines are not supported")
        } else {
            throw fail("no CFF or glyf outlines")
        }

        let unitsPerEm = Int(upem)
        let os2 = BigEndianBytes(face.table("OS/2"))
        let post = BigEndianBytes(face.table("post"))
        let name = pdfName(face.postScriptName) ?? "Font"
        let metrics = descriptorMetrics(
            name: name, unitsPerEm: unitsPerEm, head: head, hhea: hhea, os2: os2, post: post)

        let plain = FontProgram(
            face: face, format: format, unitsPerEm: unitsPerEm, postScriptName: name, metrics: metrics,
            working: nil, workingGlyphs: [], hmtx: hmtx, numberOfHMetrics: Int(hMetrics))
        return preprocess ? try plain.prepared() : plain
    }

    /// The same program with its working face. Subsets of either are byte-identical; the prepared
    /// one makes most of them faster.
    func prepared() throws(PDFWriterError) -> FontProgram {
        if isPrepared { return self }
        func fail(_ reason: String) -> PDFWriterError {
            .fontFormatUnsupported(path: face.path, faceIndex: face.faceIndex, reason: reason)
        }
        guard let font = hb_font_create(face.harfBuzzFace) else { throw fail("no HarfBuzz font") }
        defer { hb_font_destroy(font) }
        guard let input = hb_subset_input_create_or_fail() else { throw fail("out of memory") }
        defer { hb_subset_input_destroy(input) }

        let glyphSet = hb_subset_input_glyph_set(input)
        var bits = [UInt64](repeating: 0, count: (glyphCount + 63) / 64)
        func keep(_ glyph: UInt32) {
            guard Int(glyph) < glyphCount else { return }
            hb_set_add(glyphSet, glyph)
            bits[Int(glyph >> 6)] |= 1 << UInt64(glyph & 63)
        }
        func keepCharacter(_ scalar: UInt32) {
            var glyph: hb_codepoint_t = 0
            if hb_font_get_nominal_glyph(font, scalar, &glyph) != 0 { keep(glyph) }
        }
        keep(0)
        for range in CommonCharacters.ranges { for scalar in range { keepCharacter(scalar) } }
        for scalar in CommonCharacters.han.unicodeScalars where scalar.value > 0x7F { keepCharacter(scalar.value) }

        // The cmap stays (see the type's comment); what no subset keeps goes.
        let dropSet = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG)
        for tag in FontSubsetter.droppedTables where tag != "cmap" { hb_set_add(dropSet, openTypeTag(tag)) }
        hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS.rawValue | HB_SUBSET_FLAGS_DESUBROUTINIZE.rawValue)
        guard let cut = hb_subset_or_fail(face.harfBuzzFace, input) else { throw fail("the working subset failed") }
        // One blob of the whole font, so that the working face owns its bytes.
        let blob = hb_face_reference_blob(cut)
        hb_face_destroy(cut)
        let standalone = hb_face_create(blob, 0)
        hb_blob_destroy(blob)
        defer { hb_face_destroy(standalone) }
        // Glyph ids are kept, so it has as many glyphs as its highest id kept, plus one.
        guard let standalone, hb_face_get_glyph_count(standalone) <= UInt32(glyphCount),
            let made = hb_subset_preprocess(standalone)
        else { throw fail("hb_subset_preprocess of the working face failed") }
        return FontProgram(
            face: face, format: format, unitsPerEm: unitsPerEm, postScriptName: postScriptName, metrics: metrics,
            working: made, workingGlyphs: bits, hmtx: hmtx, numberOfHMetrics: numberOfHMetrics)
    }

    private static func descriptorMetrics(
        name: String, unitsPerEm: Int, head: BigEndianBytes, hhea: BigEndianBytes, os2: BigEndianBytes,
        post: BigEndianBytes
    ) -> FontDescriptorMetrics {
        func pdf(_ value: Int) -> Int { scaled(value, unitsPerEm: unitsPerEm) }
        let xMin = Int(head.i16(36) ?? 0)
        let yMin = Int(head.i16(38) ?? 0)
        let xMax = Int(head.i16(40) ?? Int16(clamping: unitsPerEm))
        let yMax = Int(head.i16(42) ?? Int16(clamping: unitsPerEm))

        // hhea is what renderers use for the line box; typo metrics, then the bbox, when it is empty.
        var ascent = Int(hhea.i16(4) ?? 0)
        var descent = Int(hhea.i16(6) ?? 0)
        if ascent == 0 && descent == 0 {
            ascent = Int(os2.i16(68) ?? 0)
            descent = Int(os2.i16(70) ?? 0)
        }
        if ascent == 0 && descent == 0 {
            ascent = yMax
            descent = yMin
        }
        let os2Version = os2.u16(0) ?? 0
        var capHeight = os2Version >= 2 ? Int(os2.i16(88) ?? 0) : 0
        if capHeight <= 0 { capHeight = ascent }
        let xHeight = os2Version >= 2 ? os2.i16(86).map(Int.init).flatMap { $0 > 0 ? $0 : nil } : nil

        let italicAngle = Double(post.i32(4) ?? 0) / 65536.0
        let fixedPitch = (post.u32(12) ?? 0) != 0
        let weight = Int(os2.u16(4) ?? 400)
        let fsSelection = os2.u16(62) ?? 0
        let familyClass = Int((os2.u16(30) ?? 0) >> 8)
        let panoseFamily = os2.u8(32) ?? 0
        let panoseSerif = os2.u8(33) ?? 0
        let lowerName = name.lowercased()

        // Flags (ISO 32000 table 123). Symbolic, not Nonsymbolic: CJK faces have glyphs far outside
        // the standard Latin set. Serif/script from OS/2 classes, else from the family's name.
        var flags = 4
        if fixedPitch { flags |= 1 }
        let serifByClass = [1, 2, 3, 4, 5, 7].contains(familyClass) || (panoseFamily == 2 && (2...10).contains(panoseSerif))
        let serifByName = ["serif", "sung", "song", "ming", "mincho"].contains { lowerName.contains($0) }
            && !lowerName.contains("sans")
        if serifByClass || serifByName { flags |= 2 }
        if familyClass == 10 || panoseFamily == 3 || lowerName.contains("kai") { flags |= 8 }
        if fsSelection & 1 != 0 || italicAngle != 0 { flags |= 64 }

        // The widely used estimate from the weight class; OpenType has no stem width field.
        let weightRatio = Double(max(1, min(weight, 1000))) / 65.0
        let stemV = Int((50.0 + weightRatio * weightRatio).rounded())

        return FontDescriptorMetrics(
            ascent: pdf(ascent), descent: pdf(descent), capHeight: pdf(capHeight), xHeight: xHeight.map(pdf),
            bbox: (pdf(xMin), pdf(yMin), pdf(xMax), pdf(yMax)), italicAngle: italicAngle, stemV: stemV,
            flags: flags)
    }

    /// The font's PostScript name as a PDF name may carry it: printable ASCII without delimiters, at
    /// most 63 characters; nil when nothing is left.
    private static func pdfName(_ name: String?) -> String? {
        let bytes = Array((name ?? "").utf8.prefix(127))
        let cleaned = String(
            decoding: bytes.filter { $0 > 0x20 && $0 < 0x7F && !Array("()<>[]{}/%#".utf8).contains($0) },
            as: UTF8.self)
        return cleaned.isEmpty ? nil : String(cleaned.prefix(63))
    }
}

func scaled(_ value: Int, unitsPerEm: Int) -> Int {
    guard unitsPerEm > 0 else { return 0 }
    return Int((Double(value) * 1000.0 / Double(unitsPerEm)).rounded())
}
