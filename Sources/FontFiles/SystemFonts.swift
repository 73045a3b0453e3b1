import CFontconfig
import Foundation

/// Where the system keeps a face, asked by PostScript name: fontconfig (`libfontconfig`), which
/// knows every font installed wherever the distribution or the administrator put it. Tests pass
/// `.none` to see what happens on a machine without the fonts.
public struct SystemFonts: Sendable {
    /// A place fontconfig reports for a face: the file and the index of the face in it.
    public struct Place: Hashable, Sendable {
        public var path: String
        public var index: Int

        public init(path: String, index: Int) {
            self.path = path
            self.index = index
        }
    }

    let lookUp: @Sendable (Set<String>) -> [String: [Place]]

    public init(lookUp: @escaping @Sendable (Set<String>) -> [String: [Place]]) {
        self.lookUp = lookUp
    }

    /// PostScript name → the places of the faces that carry it (sorted by path, so the choice does
    /// not depend on the order of fontconfig's caches).
    public func places(postScriptNames: Set<String>) -> [String: [Place]] {
        postScriptNames.isEmpty ? [:] : lookUp(postScriptNames)
    }

    /// The system's fontconfig configuration (`/etc/fonts`, `FONTCONFIG_FILE`, the user's fonts).
    public static let fontconfig = SystemFonts { names in Fontconfig.places(postScriptNames: names) }

    /// No system lookup: only the configured directories are searched.
    public static let none = SystemFonts { _ in [:] }
}

/// The calls into libfontconfig. A configuration is loaded per lookup and released after it: fonts
/// are loaded once per process, and nothing of fontconfig's outlives the call.
enum Fontconfig {
    static func places(postScriptNames names: Set<String>) -> [String: [SystemFonts.Place]] {
        guard let config = FcInitLoadConfigAndFonts() else { return [:] }
        defer { FcConfigDestroy(config) }
        guard let objects = FcObjectSetCreate() else { return [:] }
        defer { FcObjectSetDestroy(objects) }
        _ = FcObjectSetAdd(objects, "file")
        _ = FcObjectSetAdd(objects, "index")

        var result: [String: [SystemFonts.Place]] = [:]
        for name in names.sorted() {
            guard let pattern = FcPatternCreate() else { continue }
            defer { FcPatternDestroy(pattern) }
            let added = name.withCString { text in
                FcPatternAddString(pattern, "postscriptname", UnsafeRawPointer(text).assumingMemoryBound(to: FcChar8.self))
            }
            guard added != 0, let set = FcFontList(config, pattern, objects) else { continue }
            defer { FcFontSetDestroy(set) }
            var places: [SystemFonts.Place] = []
            for i in 0..<Int(set.pointee.nfont) {
                guard let font = set.pointee.fonts[i] else { continue }
                var file: UnsafeMutablePointer<FcChar8>?
                guard FcPatternGetString(font, "file", 0, &file) == FcResultMatch, let file else { continue }
                var index: Int32 = 0
                if FcPatternGetInteger(font, "index", 0, &index) != FcResultMatch { index = 0 }
                places.append(SystemFonts.Place(path: String(cString: file), index: Int(index)))
            }
            if !places.isEmpty {
                result[name] = places.sorted { ($0.path, $0.index) < ($1.path, $1.index) }
            }
        }
        return result
    }
}
