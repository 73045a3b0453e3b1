import CHarfBuzz
import FontFiles
import Foundation

/// The faces that stand in for fonts students' PDFs name without embedding them, and where they are
/// found. Only metric-compatible pairs: the standard 14 by the URW base-35 fonts (`fonts-urw-base35`),
/// Arial, Times New Roman and Courier New by Liberation (`fonts-liberation2`) — the same advance
/// widths, so text set for the original stays where it was.
///
/// Kept apart (one small component) so that finding the files can move to fontconfig with the rest
/// of the font lookup. Today: the fixed Debian path, else `fc-match`; a face is accepted only with
/// the expected PostScript name and an embedding licence PDF/A allows. Faces are loaded once per
/// process (the writer's program cache is keyed by face) and shared; thread-safe.
public final class SubstituteFaces: @unchecked Sendable {
    /// A family the substitution knows, by the names PDFs give it.
    public enum Family: String, Sendable, Hashable, CaseIterable {
        case helvetica, times, courier, symbol, zapfDingbats, arial, timesNewRoman, courierNew
    }

    public struct Style: Sendable, Hashable {
        public var bold: Bool
        public var italic: Bool
        public init(bold: Bool, italic: Bool) {
            self.bold = bold
            self.italic = italic
        }
    }

    /// The file of one substitute face.
    struct Source: Sendable, Hashable {
        var path: String
        var postScriptName: String
        /// A fontconfig pattern naming the same face, for a system that keeps it elsewhere.
        var pattern: String
    }

    private let lock = NSLock()
    // Looked up by key only; its order never reaches any output.
    private var loaded: [String: FaceGlyphs?] = [:]
    private let locate: @Sendable (Source) -> String?

    /// `locate` finds a face's file (tests give their own); by default the Debian path, else fc-match.
    public init() {
        locate = Self.defaultLocation
    }

    init(locate: @escaping @Sendable (Source) -> String?) {
        self.locate = locate
    }

    /// The family and style a `/BaseFont` names, or nil when it is none the substitution knows. A
    /// subset tag (`ABCDEF+`) and spaces are ignored; the style may follow as `,Bold`, `-BoldMT`,
    /// `-Oblique` …; any other suffix (Narrow, Black, Light, Unicode MS) is another font and not ours
    /// to replace.
    public static func family(ofBaseFont baseFont: String) -> (Family, Style)? {
        var name = baseFont
        if name.count > 7, name.dropFirst(6).first == "+", name.prefix(6).allSatisfy({ ("A"..."Z").contains($0) }) {
            name = String(name.dropFirst(7))
        }
        name = name.replacingOccurrences(of: " ", with: "").lowercased()
        let prefixes: [(String, Family)] = [
            ("timesnewromanps", .timesNewRoman), ("timesnewroman", .timesNewRoman), ("times", .times),
            ("couriernewps", .courierNew), ("couriernew", .courierNew), ("courier", .courier),
            ("helvetica", .helvetica), ("arial", .arial), ("symbol", .symbol), ("zapfdingbats", .zapfDingbats),
        ]
        guard let (prefix, family) = prefixes.first(where: { name.hasPrefix($0.0) }) else { return nil }
        var rest = String(name.dropFirst(prefix.count)).replacingOccurrences(of: ",", with: "")
            .replacingOccurrences(of: "-", with: "")
        // Windows' SymbolMT is another font than Adobe's Symbol: only the bare names count.
        if family == .symbol || family == .zapfDingbats {
            return rest.isEmpty ? (family, Style(bold: false, italic: false)) : nil
        }
        if rest.hasSuffix("mt") { rest = String(rest.dropLast(2)) }
        if rest.hasPrefix("ps") { rest = String(rest.dropFirst(2)) }
        let styles: [String: Style] = [
            "": Style(bold: false, italic: false), "roman": Style(bold: false, italic: false),
            "regular": Style(bold: false, italic: false), "normal": Style(bold: false, italic: false),
            "bold": Style(bold: true, italic: false), "italic": Style(bold: false, italic: true),
            "oblique": Style(bold: false, italic: true), "bolditalic": Style(bold: true, italic: true),
            "boldoblique": Style(bold: true, italic: true), "italicbold": Style(bold: true, italic: true),
        ]
        return styles[rest].map { (family, $0) }
    }

    /// Where the substitute of `family` in `style` is on Debian.
    static func source(_ family: Family, _ style: Style) -> Source {
        let urw = "/usr/share/fonts/opentype/urw-base35/"
        let liberation = "/usr/share/fonts/truetype/liberation2/"
        let suffix: String
        switch (style.bold, style.italic) {
        case (false, false): suffix = "Regular"
        case (true, false): suffix = "Bold"
        case (false, true): suffix = "Italic"
        case (true, true): suffix = "BoldItalic"
        }
        let fcStyle = suffix == "BoldItalic" ? "Bold Italic" : suffix
        func urwFace(_ file: String, _ fcFamily: String) -> Source {
            Source(path: urw + file + "-\(suffix).otf", postScriptName: file + "-\(suffix)", pattern: "\(fcFamily):style=\(fcStyle)")
        }
        func liberationFace(_ file: String, _ fcFamily: String) -> Source {
            // Liberation's regular faces are named without "-Regular" inside the font.
            Source(
                path: liberation + file + "-\(suffix).ttf", postScriptName: suffix == "Regular" ? file : file + "-\(suffix)",
                pattern: "\(fcFamily):style=\(fcStyle)")
        }
        switch family {
        case .helvetica: return urwFace("NimbusSans", "Nimbus Sans")
        case .times: return urwFace("NimbusRoman", "Nimbus Roman")
        case .courier: return urwFace("NimbusMonoPS", "Nimbus Mono PS")
        case .symbol:
            return Source(path: urw + "StandardSymbolsPS.otf", postScriptName: "StandardSymbolsPS", pattern: "Standard Symbols PS")
        case .zapfDingbats: return Source(path: urw + "D050000L.otf", postScriptName: "D050000L", pattern: "D050000L")
        case .arial: return liberationFace("LiberationSans", "Liberation Sans")
        case .timesNewRoman: return liberationFace("LiberationSerif", "Liberation Serif")
        case .courierNew: return liberationFace("LiberationMono", "Liberation Mono")
        }
    }

    /// The substitute face, loaded once; nil when it is not installed (or not the face it should be).
    func face(_ family: Family, _ style: Style) -> FaceGlyphs? {
        let source = Self.source(family, style)
        lock.lock()
        defer { lock.unlock() }
        if let known = loaded[source.postScriptName] { return known }
        var result: FaceGlyphs?
        if let path = locate(source), let face = try? FontFace.open(path: path), face.postScriptName == source.postScriptName,
            Self.embeddable(face)
        {
            result = FaceGlyphs(face)
        }
        loaded[source.postScriptName] = result
        return result
    }

    /// The faces that stand in for CJK fonts named without programs (MSung-Light, STSong-Light …): Noto
    /// Serif/Sans CJK (`fonts-noto-cjk`) in the region the character collection is for, else 全字庫 TW-Sung.
    enum CJKFace: String, Sendable, Hashable, CaseIterable {
        case serifTC = "NotoSerifCJKtc-Regular", serifTCBold = "NotoSerifCJKtc-Bold"
        case sansTC = "NotoSansCJKtc-Regular", sansTCBold = "NotoSansCJKtc-Bold"
        case serifSC = "NotoSerifCJKsc-Regular", serifSCBold = "NotoSerifCJKsc-Bold"
        case sansSC = "NotoSansCJKsc-Regular", sansSCBold = "NotoSansCJKsc-Bold"
        case twSung = "TW-Sung-98_1"

        var source: Source {
            let noto = "/usr/share/fonts/opentype/noto/"
            let bold = rawValue.hasSuffix("-Bold")
            let weight = bold ? "Bold" : "Regular"
            let serif = rawValue.hasPrefix("NotoSerif")
            let family = (serif ? "Noto Serif CJK " : "Noto Sans CJK ") + (rawValue.contains("tc-") ? "TC" : "SC")
            switch self {
            case .twSung:
                return Source(path: "/usr/share/fonts/truetype/cns11643/TW-Sung-98_1.ttf", postScriptName: rawValue, pattern: "TW-Sung")
            default:
                return Source(
                    path: noto + (serif ? "NotoSerifCJK-" : "NotoSansCJK-") + weight + ".ttc", postScriptName: rawValue,
                    pattern: "\(family):style=\(weight)")
            }
        }
    }

    /// A CJK substitute face, loaded once (the face of a collection with the expected PostScript name).
    func face(_ cjk: CJKFace) -> FaceGlyphs? {
        let source = cjk.source
        lock.lock()
        defer { lock.unlock() }
        if let known = loaded[source.postScriptName] { return known }
        var result: FaceGlyphs?
        if let path = locate(source), let file = try? FontFile(path: path) {
            for index in 0..<min(file.faceCount, 64) {
                if let face = try? file.face(at: index), face.postScriptName == source.postScriptName, Self.embeddable(face) {
                    result = FaceGlyphs(face)
                    break
                }
            }
        }
        loaded[source.postScriptName] = result
        return result
    }

    /// OS/2 fsType allows embedding: not restricted-licence (2), not bitmap-only (0x200).
    static func embeddable(_ face: FontFace) -> Bool {
        let os2 = face.table("OS/2")
        guard os2.count >= 10 else { return true }
        let fsType = UInt16(os2[8]) << 8 | UInt16(os2[9])
        return fsType & 0x000F != 0x0002 && fsType & 0x0200 == 0
    }

    @Sendable static func defaultLocation(_ source: Source) -> String? {
        if FileManager.default.isReadableFile(atPath: source.path) { return source.path }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/fc-match")
        process.arguments = ["-f", "%{file}", source.pattern]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let path = String(data: data, encoding: .utf8), !path.isEmpty else { return nil }
        return path
    }
}

/// A face with what choosing its glyphs needs: glyph names (CFF charset, TrueType post), the cmap
/// and the advances, through one immutable HarfBuzz font.
final class FaceGlyphs: @unchecked Sendable {
    let face: FontFace
    private let font: OpaquePointer

    init(_ face: FontFace) {
        self.face = face
        font = hb_font_create(face.harfBuzzFace)
        hb_font_make_immutable(font)
    }

    deinit {
        hb_font_destroy(font)
    }

    func glyph(named name: String) -> UInt32? {
        var glyph: hb_codepoint_t = 0
        let found = name.withCString { hb_font_get_glyph_from_name(font, $0, -1, &glyph) }
        return found != 0 && glyph != 0 ? glyph : nil
    }

    func glyph(for scalar: Unicode.Scalar) -> UInt32? {
        var glyph: hb_codepoint_t = 0
        return hb_font_get_nominal_glyph(font, scalar.value, &glyph) != 0 && glyph != 0 ? glyph : nil
    }

    func name(of glyph: UInt32) -> String? {
        var buffer = [CChar](repeating: 0, count: 128)
        guard hb_font_get_glyph_name(font, glyph, &buffer, UInt32(buffer.count)) != 0 else { return nil }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? nil : name
    }

    /// The advance in 1/1000 em.
    func width(of glyph: UInt32) -> Double {
        let upem = max(1, face.unitsPerEm)
        return Double(hb_font_get_glyph_h_advance(font, glyph)) * 1000 / Double(upem)
    }
}
