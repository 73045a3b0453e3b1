/// Which fonts of an imported page come without their glyph programs. PDF/A (ISO 19005-3 §6.2.11.4)
/// requires every font to be embedded; a page that names standard-14 Helvetica or a TrueType/CID font
/// with no `/FontFile*` shows whatever the viewer substitutes, and a packet holding it cannot claim PDF/A.
enum FontPrograms {
    /// Subtypes whose glyphs live in a font program. Type0 is judged by its descendant CIDFont (reached
    /// through `/DescendantFonts`), and Type3 draws its glyphs with content procedures, so neither needs one.
    static let programSubtypes: Set<String> = ["Type1", "MMType1", "TrueType", "CIDFontType0", "CIDFontType2"]

    /// The `/BaseFont` names, sorted and each once, of the fonts reachable from `resources` (through the
    /// page's fonts, nested Form XObjects, patterns, Type3 resources, descendant fonts …) whose descriptor
    /// has no `/FontFile`, `/FontFile2` or `/FontFile3` stream in `objects`. Being reachable counts as
    /// used: a font a resource dictionary names is one a viewer may be asked to draw.
    static func notEmbedded(resources: PDFObject, objects: [Int: PDFObject]) -> [String] {
        Array(Set(unembedded(resources: resources, objects: objects).map(\.name))).sorted()
    }

    /// The same fonts, each with the object it is (nil for a font written directly inside another
    /// object), sorted by name then object number.
    static func unembedded(resources: PDFObject, objects: [Int: PDFObject]) -> [UnembeddedFont] {
        var found: Set<UnembeddedFont> = []
        var visited: Set<Int> = []
        // An explicit stack, each object once: the closure may be cyclic and as deep as a hostile file
        // makes it, so no recursion (direct values were already cut at the parser's nesting limit).
        var stack: [(PDFObject, Int?)] = [(resources, nil)]
        while let (value, number) = stack.popLast() {
            switch value {
            case .reference(let n):
                if visited.insert(n).inserted, let object = objects[n] { stack.append((object, n)) }
            case .array(let items):
                stack += items.map { ($0, nil) }
            case .dictionary, .stream:
                guard let d = value.dictionaryValue else { continue }
                if let name = fontWithoutProgram(d, objects: objects) {
                    found.insert(UnembeddedFont(name: name, object: number))
                }
                var children = d
                // A CIDFont written inside its Type0 font's /DescendantFonts array (reportlab writes
                // them so) goes by the Type0 font's number: that font is what a substitute replaces.
                if let number, d["Subtype"]?.nameValue == "Type0", case .array(let descendants)? = d["DescendantFonts"] {
                    children["DescendantFonts"] = nil
                    for descendant in descendants {
                        if case .dictionary = descendant {
                            stack.append((descendant, number))
                        } else {
                            stack.append((descendant, nil))
                        }
                    }
                }
                stack += children.values.map { ($0, nil) }
            default:
                continue
            }
        }
        return found.sorted { ($0.name, $0.object ?? Int.min) < ($1.name, $1.object ?? Int.min) }
    }

    /// The font's name when `d` is a font that needs a program and has none.
    private static func fontWithoutProgram(_ d: [String: PDFObject], objects: [Int: PDFObject]) -> String? {
        guard let subtype = d["Subtype"]?.nameValue, programSubtypes.contains(subtype) else { return nil }
        let type = resolved(d["Type"], objects)?.nameValue
        guard type == nil || type == "Font" else { return nil }
        // A font needs a descriptor with a program; a missing descriptor is the standard-14 case.
        if let descriptor = resolved(d["FontDescriptor"], objects)?.dictionaryValue {
            for key in ["FontFile", "FontFile2", "FontFile3"] {
                if case .stream? = resolved(descriptor[key], objects) { return nil }
            }
        }
        let name = resolved(d["BaseFont"], objects)?.nameValue ?? "(\(subtype))"
        return displayName(name)
    }

    private static func resolved(_ value: PDFObject?, _ objects: [Int: PDFObject]) -> PDFObject? {
        if case .reference(let n)? = value { return objects[n] }
        return value
    }

    /// A name from a hostile file, made fit for a message: printable ASCII only, at most 64 characters.
    static func displayName(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars.prefix(64) {
            out.unicodeScalars.append((0x21...0x7E).contains(scalar.value) ? scalar : "?")
        }
        return out.isEmpty ? "?" : out
    }
}

/// A font that needs a program and has none: its name (fit for a message) and the object it is.
public struct UnembeddedFont: Sendable, Hashable {
    public var name: String
    /// The font dictionary's number in the imported objects; for a CIDFont written inside its Type0
    /// font's /DescendantFonts array, the Type0 font's number (the font replaced in its place); nil when
    /// it is written directly inside any other object (it cannot then be replaced).
    public var object: Int?

    public init(name: String, object: Int?) {
        self.name = name
        self.object = object
    }
}
