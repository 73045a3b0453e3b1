import CHarfBuzz
import FontFiles
import Foundation

/// Metrics of a face in font units (y up), as read from hhea/OS/2/BASE/head.
public struct FaceMetrics: Hashable, Sendable {
    public var unitsPerEm: Int
    /// hhea ascender/descender/lineGap (OS/2 typo values when USE_TYPO_METRICS is set).
    public var ascender: Int
    public var descender: Int
    public var lineGap: Int
    /// The ideographic em box (BASE `idtp`/`ideo`, synthesised by HarfBuzz when the font has no BASE).
    public var emBoxTop: Int
    public var emBoxBottom: Int
    public var capHeight: Int
    /// head.xMin, yMin, xMax, yMax.
    public var boundingBox: (xMin: Int, yMin: Int, xMax: Int, yMax: Int) { (bbox[0], bbox[1], bbox[2], bbox[3]) }
    var bbox: [Int]
}

/// Ink box of one glyph in font units, y up (HarfBuzz's extents with the height made positive-down).
public struct GlyphExtents: Hashable, Sendable {
    public var xBearing: Int
    public var yBearing: Int
    public var width: Int
    public var height: Int
}

/// Where a line's baseline sits: ascent above, descent below, the two summing to the line pitch.
public struct LineMetrics: Hashable, Sendable {
    public var ascent: Double
    public var descent: Double
    public var lineHeight: Double { ascent + descent }
}

/// A font role ("sans", "sansBold", "serif", "kai", …): the name of a fallback chain in the
/// configuration. Unknown roles fall back to the configuration's default role.
public struct FontRole: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }
    public var description: String { name }

    public static let sans: FontRole = "sans"
    public static let sansBold: FontRole = "sansBold"
    public static let serif: FontRole = "serif"
    public static let serifBold: FontRole = "serifBold"
    public static let kai: FontRole = "kai"
}

/// The loaded faces and their fallback chains.
///
/// Immutable after `load`: each file is mapped once (`FontFile`), each face and font is created once
/// and made immutable. HarfBuzz documents immutable `hb_face_t`/`hb_font_t` as safe to use from
/// several threads at once (lazy table loading is atomic), and every shaping call makes its own
/// `hb_buffer_t`, so one `FontSet` can be shared by all shaping threads. The faces are the ones the
/// PDF writer embeds: nothing opens a font file again.
public final class FontSet: @unchecked Sendable {
    public let faces: [FontFace]
    public let metrics: [FaceMetrics]
    /// Role name → indices into `faces`, in fallback order.
    public let roles: [String: [Int]]
    public let defaultRole: String
    /// The configuration's face ids, parallel to `faces`.
    public let faceIDs: [String]

    /// The shaping fonts of `faces` (scale: font units), parallel to them.
    let hbFonts: [OpaquePointer]

    private init(
        faces: [FontFace], metrics: [FaceMetrics], roles: [String: [Int]], defaultRole: String, faceIDs: [String],
        hbFonts: [OpaquePointer]
    ) {
        self.faces = faces
        self.metrics = metrics
        self.roles = roles
        self.defaultRole = defaultRole
        self.faceIDs = faceIDs
        self.hbFonts = hbFonts
    }

    deinit {
        for font in hbFonts { hb_font_destroy(font) }
    }

    /// Loads the configuration at `path` and every face it names.
    /// - Parameter environment: where `PORTFOLIO_EXPORT_FONT_PATH` is read from (the process
    ///   environment by default; tests pass their own).
    /// - Parameter systemFonts: how installed faces are found by name (fontconfig by default).
    public static func load(
        configurationAt path: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        systemFonts: SystemFonts = .fontconfig
    ) throws(FontError) -> FontSet {
        let configuration = try FontConfiguration.read(from: path)
        return try load(configuration, environment: environment, systemFonts: systemFonts)
    }

    /// Loads the faces of an already-read configuration. Each face is looked for, first place wins:
    /// by file name in the directories of `PORTFOLIO_EXPORT_FONT_PATH` (an explicit choice), by
    /// PostScript name through fontconfig (wherever the system installed it), by file name in the
    /// configuration's `searchDirectories` (the Debian paths, a last resort). Required faces found
    /// nowhere are reported together, each with its Debian package; optional ones are left out.
    public static func load(
        _ configuration: FontConfiguration,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        systemFonts: SystemFonts = .fontconfig
    ) throws(FontError) -> FontSet {
        try configuration.validate(path: "(configuration)")
        let overrideDirectories = configuration.overrideDirectories(environment: environment)
        let overridden = FontFileLocator(directories: overrideDirectories).locate(Set(configuration.faces.map(\.file)))
        let notOverridden = configuration.faces.filter { overridden[$0.file] == nil }
        let system = systemFonts.places(postScriptNames: Set(notOverridden.map(\.postScriptName)))
        // The directory walk is the slow part: only for what fontconfig did not know.
        let unknown = notOverridden.filter { system[$0.postScriptName] == nil }
        let fixed = unknown.isEmpty
            ? [:] : FontFileLocator(directories: configuration.searchDirectories).locate(Set(unknown.map(\.file)))

        var files: [String: FontFile] = [:]
        var faceOfPlace: [FaceIndex: FontFace] = [:]
        var faces: [FontFace] = []
        var metrics: [FaceMetrics] = []
        var hbFonts: [OpaquePointer] = []
        var indexOfID: [String: Int] = [:]
        var missing: [FontConfiguration.Face] = []

        // On a throw, release the fonts already created; on success the FontSet owns them.
        var succeeded = false
        defer {
            if !succeeded {
                for font in hbFonts { hb_font_destroy(font) }
            }
        }

        /// The face named `postScriptName` in the file at `path` (the hinted index tried first), each
        /// file mapped and each face made once however many entries name it or search past it.
        func face(in path: String, postScriptName: String, hint: Int?, package: String) throws(FontError) -> FontFace? {
            let file: FontFile
            if let existing = files[path] {
                file = existing
            } else {
                do {
                    file = try FontFile(path: path)
                } catch {
                    throw .fontUnreadable(path: path, package: package)
                }
                files[path] = file
            }
            guard file.faceCount > 0 else { throw .fontUnreadable(path: path, package: package) }
            let order = (hint.map { [$0] } ?? []) + (0..<file.faceCount).filter { $0 != hint }
            for index in order where index >= 0 && index < file.faceCount {
                let place = FaceIndex(path: path, index: index)
                guard let face = faceOfPlace[place] ?? (try? file.face(at: index)) else { continue }
                faceOfPlace[place] = face
                if face.postScriptName == postScriptName { return face }
            }
            return nil
        }

        for spec in configuration.faces {
            var chosen: FontFace?
            if overridden[spec.file] == nil {
                for place in system[spec.postScriptName] ?? [] {
                    // fontconfig reads the same name table: a miss here is a file changed since its cache.
                    if let found = try? face(
                        in: place.path, postScriptName: spec.postScriptName, hint: place.index, package: spec.package)
                    {
                        chosen = found
                        break
                    }
                }
            }
            if chosen == nil, let path = overridden[spec.file] ?? fixed[spec.file] {
                // A file chosen by its name must hold the face: anything else is a wrong or damaged file.
                guard let found = try face(in: path, postScriptName: spec.postScriptName, hint: nil, package: spec.package)
                else { throw .faceNotFound(path: path, postScriptName: spec.postScriptName, package: spec.package) }
                chosen = found
            }
            guard let face = chosen else {
                if !spec.isOptional { missing.append(spec) }
                continue
            }
            guard let font = hb_font_create(face.harfBuzzFace) else {
                throw .fontUnreadable(path: face.path, package: spec.package)
            }
            let upem = face.unitsPerEm
            // Positions come back in font units; conversion to points happens in our code.
            hb_font_set_scale(font, Int32(upem), Int32(upem))
            hb_font_make_immutable(font)
            hbFonts.append(font)
            indexOfID[spec.id] = faces.count
            faces.append(face)
            metrics.append(readMetrics(face: face, font: font, upem: upem))
        }
        guard missing.isEmpty else {
            let environmentPart = overrideDirectories.isEmpty
                ? [] : ["\(configuration.environmentVariable ?? "")=\(overrideDirectories.joined(separator: ":"))"]
            throw .facesNotFound(missing, searched: environmentPart + ["fontconfig"] + configuration.searchDirectories)
        }

        var roles: [String: [Int]] = [:]
        for (role, chain) in configuration.roles {
            roles[role] = chain.compactMap { indexOfID[$0] }
        }
        succeeded = true
        // Parallel to `faces`: the ids of the faces found (an optional face may be missing).
        let faceIDs = configuration.faces.map(\.id).filter { indexOfID[$0] != nil }
        return FontSet(
            faces: faces, metrics: metrics, roles: roles, defaultRole: configuration.defaultRole,
            faceIDs: faceIDs, hbFonts: hbFonts)
    }

    /// The fallback chain of a role (indices into `faces`); unknown roles get the default role's chain.
    public func chain(for role: FontRole) -> [Int] {
        roles[role.name] ?? roles[defaultRole] ?? []
    }

    /// The first face of the role: the one whose metrics place baselines.
    public func primaryFace(for role: FontRole) -> Int? { chain(for: role).first }

    /// The face of `role` whose cmap has `scalar`, following the fallback chain (T10), or nil.
    public func faceIndex(covering scalar: Unicode.Scalar, role: FontRole) -> Int? {
        chain(for: role).first { hasGlyph(scalar.value, face: $0) }
    }

    /// Whether the face's cmap maps the code point.
    public func hasGlyph(_ codePoint: UInt32, face index: Int) -> Bool {
        guard hbFonts.indices.contains(index) else { return false }
        var glyph: hb_codepoint_t = 0
        return hb_font_get_nominal_glyph(hbFonts[index], codePoint, &glyph) != 0
    }

    func hasVariationGlyph(_ codePoint: UInt32, selector: UInt32, face index: Int) -> Bool {
        var glyph: hb_codepoint_t = 0
        return hb_font_get_variation_glyph(hbFonts[index], codePoint, selector, &glyph) != 0
    }

    /// Ink extents of a glyph in font units; nil for an unknown face or glyph.
    public func glyphExtents(_ glyph: UInt32, face index: Int) -> GlyphExtents? {
        guard hbFonts.indices.contains(index) else { return nil }
        var extents = hb_glyph_extents_t()
        guard hb_font_get_glyph_extents(hbFonts[index], glyph, &extents) != 0 else { return nil }
        return GlyphExtents(
            xBearing: Int(extents.x_bearing), yBearing: Int(extents.y_bearing), width: Int(extents.width),
            height: Int(extents.height))
    }

    /// The horizontal advance of a glyph in font units (for the PDF `/W` array).
    public func glyphAdvance(_ glyph: UInt32, face index: Int) -> Int {
        guard hbFonts.indices.contains(index) else { return 0 }
        return Int(hb_font_get_glyph_h_advance(hbFonts[index], glyph))
    }

    /// Baseline placement for text of `role` at `fontSize` points with `lineHeight` (a multiple of the
    /// font size): the ideographic em box of the primary face is centred in the line (half-leading
    /// split evenly above and below), so every line of a paragraph has the same pitch.
    public func lineMetrics(role: FontRole, fontSize: Double, lineHeight: Double) -> LineMetrics {
        let pitch = fontSize * lineHeight
        guard let index = primaryFace(for: role) else { return LineMetrics(ascent: pitch * 0.8, descent: pitch * 0.2) }
        let m = metrics[index]
        let upem = Double(max(m.unitsPerEm, 1))
        let top = Double(m.emBoxTop) / upem * fontSize
        let bottom = Double(-m.emBoxBottom) / upem * fontSize
        let leading = (pitch - (top + bottom)) / 2
        return LineMetrics(ascent: top + leading, descent: bottom + leading)
    }
}

/// A face by its place: the file and the index in it.
private struct FaceIndex: Hashable {
    var path: String
    var index: Int
}

// MARK: - Reading metrics

private func readMetrics(face: FontFace, font: OpaquePointer, upem: Int) -> FaceMetrics {
    func metric(_ tag: hb_ot_metrics_tag_t) -> Int {
        var value: hb_position_t = 0
        return hb_ot_metrics_get_position(font, tag, &value) != 0 ? Int(value) : 0
    }
    func baseline(_ tag: hb_ot_layout_baseline_tag_t) -> Int {
        var value: hb_position_t = 0
        hb_ot_layout_get_baseline_with_fallback(font, tag, HB_DIRECTION_LTR, openTypeTag("hani"), 0, &value)
        return Int(value)
    }
    var ascender = metric(HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER)
    var descender = metric(HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER)
    if ascender == 0 && descender == 0 {
        ascender = upem * 88 / 100
        descender = -(upem * 12 / 100)
    }
    var top = baseline(HB_OT_LAYOUT_BASELINE_TAG_IDEO_EMBOX_TOP_OR_RIGHT)
    var bottom = baseline(HB_OT_LAYOUT_BASELINE_TAG_IDEO_EMBOX_BOTTOM_OR_LEFT)
    if top <= bottom {
        top = ascender
        bottom = descender
    }
    return FaceMetrics(
        unitsPerEm: upem, ascender: ascender, descender: descender,
        lineGap: metric(HB_OT_METRICS_TAG_HORIZONTAL_LINE_GAP), emBoxTop: top, emBoxBottom: bottom,
        capHeight: metric(HB_OT_METRICS_TAG_CAP_HEIGHT), bbox: headBoundingBox(face))
}

/// head.xMin/yMin/xMax/yMax (big-endian int16 at offsets 36–43).
private func headBoundingBox(_ face: FontFace) -> [Int] {
    let head = face.table("head")
    guard head.count >= 44 else { return [0, 0, 0, 0] }
    return (0..<4).map { i in
        let offset = 36 + 2 * i
        return Int(Int16(bitPattern: UInt16(head[offset]) << 8 | UInt16(head[offset + 1])))
    }
}
