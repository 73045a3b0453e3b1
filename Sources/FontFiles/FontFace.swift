import CHarfBuzz

/// A font file read once: mapped by HarfBuzz (`hb_blob_create_from_file_or_fail`), never copied,
/// and unmapped when the last face made from it goes away.
public final class FontFile: @unchecked Sendable {
    public let path: String
    /// How many faces the file has (several for a `.ttc` collection; 0 when it is not a font at all).
    public let faceCount: Int
    private let blob: OpaquePointer

    /// Maps the file at `path`.
    public init(path: String) throws(FontFileError) {
        guard let blob = hb_blob_create_from_file_or_fail(path) else { throw .unreadable(path: path) }
        self.path = path
        self.blob = blob
        faceCount = Int(hb_face_count(blob))
    }

    deinit {
        hb_blob_destroy(blob)
    }

    /// The face at `index` of the file (0 for a plain `.ttf`/`.otf`).
    public func face(at index: Int) throws(FontFileError) -> FontFace {
        guard index >= 0, index < faceCount, let hbIndex = UInt32(exactly: index), let face = hb_face_create(blob, hbIndex)
        else {
            throw .faceNotFound(path: path, faceIndex: index, faceCount: faceCount)
        }
        return FontFace(file: self, index: index, face: face)
    }
}

/// One face of a font file, loaded once and shared: the shaper (Typesetting) makes its HarfBuzz
/// font from it, the PDF writer subsets and embeds it. Immutable: HarfBuzz documents an immutable
/// `hb_face_t` as safe to read from several threads at once (tables load lazily and atomically).
/// Equal only to itself.
public final class FontFace: Hashable, @unchecked Sendable {
    /// The file, kept mapped as long as the face lives.
    public let file: FontFile
    /// Index of the face inside its file (0 for a single-face file).
    public let faceIndex: Int
    /// The `name` table's PostScript name (ID 6), as the font gives it; nil when it has none.
    public let postScriptName: String?
    public let unitsPerEm: Int
    public let glyphCount: Int
    /// The immutable HarfBuzz face: valid as long as this object lives; never modify or destroy it.
    public let harfBuzzFace: OpaquePointer

    public var path: String { file.path }

    fileprivate init(file: FontFile, index: Int, face: OpaquePointer) {
        hb_face_make_immutable(face)
        self.file = file
        faceIndex = index
        harfBuzzFace = face
        postScriptName = readPostScriptName(face)
        unitsPerEm = Int(hb_face_get_upem(face))
        glyphCount = Int(hb_face_get_glyph_count(face))
    }

    deinit {
        hb_face_destroy(harfBuzzFace)
    }

    /// Opens `path` and takes its face `faceIndex`.
    public static func open(path: String, faceIndex: Int = 0) throws(FontFileError) -> FontFace {
        try FontFile(path: path).face(at: faceIndex)
    }

    /// The bytes of the table `tag` ("head", "CFF ", …); empty when the face has none.
    public func table(_ tag: String) -> [UInt8] {
        guard let blob = hb_face_reference_table(harfBuzzFace, openTypeTag(tag)) else { return [] }
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(blob, &length), length > 0 else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            Array(UnsafeBufferPointer(start: $0, count: Int(length)))
        }
    }

    /// Whether the face has a non-empty table `tag`, without copying it.
    public func hasTable(_ tag: String) -> Bool {
        guard let blob = hb_face_reference_table(harfBuzzFace, openTypeTag(tag)) else { return false }
        defer { hb_blob_destroy(blob) }
        return hb_blob_get_length(blob) > 0
    }

    public static func == (a: FontFace, b: FontFace) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// Why a font file gives no face.
public enum FontFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadable(path: String)
    /// The file has no face with that index (`faceCount` faces; 0 when it is not a font at all).
    case faceNotFound(path: String, faceIndex: Int, faceCount: Int)

    public var description: String {
        switch self {
        case .unreadable(let path): "font file missing or unreadable: \(path)"
        case .faceNotFound(let path, let index, let count): "font file \(path) has no face \(index) (it has \(count))"
        }
    }
}

/// A four-letter OpenType tag as HarfBuzz takes it (HB_TAG is a macro Swift cannot import; shorter
/// tags are padded with spaces).
public func openTypeTag(_ text: String) -> UInt32 {
    var tag: UInt32 = 0
    for byte in text.utf8.prefix(4) { tag = tag << 8 | UInt32(byte) }
    for _ in min(text.utf8.count, 4)..<4 { tag = tag << 8 | 0x20 }
    return tag
}

private func readPostScriptName(_ face: OpaquePointer) -> String? {
    var size: UInt32 = 0
    let full = hb_ot_name_get_utf8(face, hb_ot_name_id_t(HB_OT_NAME_ID_POSTSCRIPT_NAME), nil, &size, nil)
    guard full > 0, full < 1024 else { return nil }
    var buffer = [CChar](repeating: 0, count: Int(full) + 1)
    var capacity = UInt32(buffer.count)
    _ = hb_ot_name_get_utf8(face, hb_ot_name_id_t(HB_OT_NAME_ID_POSTSCRIPT_NAME), nil, &capacity, &buffer)
    return String(decoding: buffer.prefix(Int(capacity)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
