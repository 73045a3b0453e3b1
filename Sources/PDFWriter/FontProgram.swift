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
/// metrics, the widths, and the face subsets are made from — the face itself, or its twin
/// prepared with `hb_subset_preprocess`. Immutable; HarfBuzz faces are safe to read from several
/// threads, which is why the class can be shared.
final class FontProgram: @unchecked Sendable {
    let face: FontFace
    let format: OutlineFormat
    let unitsPerEm: Int
    let postScriptName: String
    let metrics: FontDescriptorMetrics

    /// `hb_subset_preprocess` output: built once per face, makes each later subset much faster.
    /// For a face not prepared, another reference to the loaded face.
    let preprocessed: OpaquePointer
    let isPrepared: Bool
    private let hmtx: BigEndianBytes
    private let numberOfHMetrics: Int
    /// HarfBuzz 6.0's subset accelerator (attached to `preprocessed`) keeps caches that later
    /// releases guard with a mutex; to be safe on 6.0, subsets of one face are made one at a time.
    private let subsetLock = NSLock()

    private init(
        face: FontFace, format: OutlineFormat, unitsPerEm: Int, postScriptName: String,
        metrics: FontDescriptorMetrics, preprocessed: OpaquePointer, isPrepared: Bool, hmtx: BigEndianBytes,
        numberOfHMetrics: Int
    ) {
        self.face = face
        self.format = format
        self.unitsPerEm = unitsPerEm
        self.postScriptName = postScriptName
        self.metrics = metrics
        self.preprocessed = preprocessed
        self.isPrepared = isPrepared
        self.hmtx = hmtx
        self.numberOfHMetrics = numberOfHMetrics
    }

    deinit {
        hb_face_destroy(preprocessed)
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

    /// `preprocess`: run `hb_subset_preprocess` (about a second per CJK face, then each subset is
    /// several times faster). Worth it when one process writes many documents; a single render
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

        let preprocessed: OpaquePointer
        if preprocess {
            guard let made = hb_subset_preprocess(face.harfBuzzFace) else { throw fail("hb_subset_preprocess failed") }
            preprocessed = made
        } else {
            // Another reference to the loaded face: deinit releases it like a prepared one.
            preprocessed = hb_face_reference(face.harfBuzzFace)
        }
        return FontProgram(
            face: face, format: format, unitsPerEm: unitsPerEm, postScriptName: name, metrics: metrics,
            preprocessed: preprocessed, isPrepared: preprocess, hmtx: hmtx, numberOfHMetrics: Int(hMetrics))
    }

    /// The same program prepared with `hb_subset_preprocess`. Subsets of either are
    /// byte-identical; the prepared one makes them faster.
    func prepared() throws(PDFWriterError) -> FontProgram {
        if isPrepared { return self }
        guard let made = hb_subset_preprocess(face.harfBuzzFace) else {
            throw .fontFormatUnsupported(path: face.path, faceIndex: face.faceIndex, reason: "hb_subset_preprocess failed")
        }
        return FontProgram(
            face: face, format: format, unitsPerEm: unitsPerEm, postScriptName: postScriptName, metrics: metrics,
            preprocessed: made, isPrepared: true, hmtx: hmtx, numberOfHMetrics: numberOfHMetrics)
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
