import CHarfBuzz
import FontFiles
import Foundation

/// The faces that stand in for fonts students' PDFs name without embedding them, and where they are
/// found. Only metric-compatible pairs: the standard 14 by the URW base-35 fonts (`fonts-urw-base35`),
/// Arial, Times New Roman and Courier New by Liberation (`fonts-liberation2`) — the same advance
/// widths, so text set for the original stays where it was — and CJK fonts by Noto CJK, 全字庫 TW-Sung
/// and TW-Kai (whose ideographs are all one em wide, as the originals').
///
/// Faces are found by PostScript name through fontconfig (`SystemFonts`, the one lookup the whole
/// tool uses); a face is accepted only when HarfBuzz opens it with that PostScript name and an
/// embedding licence PDF/A allows (fontconfig also lists the same names' Type 1 files, which are
/// passed over). Faces are loaded once per process (the writer's program cache is keyed by face) and
/// shared; thread-safe. The predefined CMaps that decode CJK codes (`PredefinedCMaps`) come along,
/// loaded the same way, once.
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

    private let lock = NSLock()
    // Looked up by key only; its order never reaches any output.
    private var loaded: [String: FaceGlyphs?] = [:]
    /// Where the system keeps every face the substitution may use, asked once: each fontconfig
    /// lookup loads the whole configuration (some 10 ms), so one question for all the names.
    private var places: [String: [SystemFonts.Place]]?
    private let systemFonts: SystemFonts
    /// The Adobe CMaps and CID → Unicode tables, read from poppler-data's folder when first needed.
    let cmaps: PredefinedCMaps

    /// Faces through fontconfig, CMaps from `PredefinedCMaps.defaultFolder()`; tests give their own.
    public init(systemFonts: SystemFonts = .fontconfig, cmaps: PredefinedCMaps = PredefinedCMaps()) {
        self.systemFonts = systemFonts
        self.cmaps = cmaps
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

    /// The PostScript name of the substitute of `family` in `style`.
    static func postScriptName(_ family: Family, _ style: Style) -> String {
        let suffix: String
        switch (style.bold, style.italic) {
        case (false, false): suffix = "Regular"
        case (true, false): suffix = "Bold"
        case (false, true): suffix = "Italic"
        case (true, true): suffix = "BoldItalic"
        }
        // Liberation's regular faces are named without "-Regular" inside the font.
        let liberation = suffix == "Regular" ? "" : "-" + suffix
        switch family {
        case .helvetica: return "NimbusSans-" + suffix
        case .times: return "NimbusRoman-" + suffix
        case .courier: return "NimbusMonoPS-" + suffix
        case .symbol: return "StandardSymbolsPS"
        case .zapfDingbats: return "D050000L"
        case .arial: return "LiberationSans" + liberation
        case .timesNewRoman: return "LiberationSerif" + liberation
        case .courierNew: return "LiberationMono" + liberation
        }
    }

    /// The substitute face, loaded once; nil when it is not installed (or not the face it should be).
    func face(_ family: Family, _ style: Style) -> FaceGlyphs? {
        face(postScriptName: Self.postScriptName(family, style))
    }

    /// The faces that stand in for CJK fonts named without programs (MSung-Light, PMingLiU, 標楷體 …):
    /// Noto Serif/Sans CJK (`fonts-noto-cjk`) in the region the character collection is for, 全字庫
    /// TW-Sung for what Noto lacks, TW-Kai (`fonts-cns11643-kai`, optional) for 楷書 names.
    enum CJKFace: String, Sendable, Hashable, CaseIterable {
        case serifTC = "NotoSerifCJKtc-Regular", serifTCBold = "NotoSerifCJKtc-Bold"
        case sansTC = "NotoSansCJKtc-Regular", sansTCBold = "NotoSansCJKtc-Bold"
        case serifSC = "NotoSerifCJKsc-Regular", serifSCBold = "NotoSerifCJKsc-Bold"
        case sansSC = "NotoSansCJKsc-Regular", sansSCBold = "NotoSansCJKsc-Bold"
        case twSung = "TW-Sung-98_1"
        case twKai = "TW-Kai-98_1"
    }

    /// Every face the substitution knows, by PostScript name.
    static let allPostScriptNames: Set<String> = {
        var names = Set(CJKFace.allCases.map(\.rawValue))
        for family in Family.allCases {
            for bold in [false, true] {
                for italic in [false, true] { names.insert(postScriptName(family, Style(bold: bold, italic: italic))) }
            }
        }
        return names
    }()

    /// A CJK substitute face, loaded once (the face of a collection with the expected PostScript name).
    func face(_ cjk: CJKFace) -> FaceGlyphs? {
        face(postScriptName: cjk.rawValue)
    }

    private func face(postScriptName name: String) -> FaceGlyphs? {
        lock.lock()
        defer { lock.unlock() }
        if let known = loaded[name] { return known }
        var result: FaceGlyphs?
        if places == nil { places = systemFonts.places(postScriptNames: Self.allPostScriptNames.union([name])) }
        for place in places?[name] ?? [] {
            guard let file = try? FontFile(path: place.path), let face = try? file.face(at: place.index),
                face.postScriptName == name, Self.embeddable(face)
            else { continue }
            result = FaceGlyphs(face)
            break
        }
        loaded[name] = result
        return result
    }

    /// OS/2 fsType allows embedding: not restricted-licence (2), not bitmap-only (0x200).
    static func embeddable(_ face: FontFace) -> Bool {
        let os2 = face.table("OS/2")
        guard os2.count >= 10 else { return true }
        let fsType = UInt16(os2[8]) << 8 | UInt16(os2[9])
        return fsType & 0x000F != 0x0002 && fsType & 0x0200 == 0
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
