import Foundation

/// Where the data of `Templates/` is found at run time: SwiftPM copies `rules/` and `schema/`
/// into this target's resource bundle, beside the built executable.
public enum PacketTemplates {
    /// The review-item tables, one `<招生學年度>.json` per year.
    public static var rulesDirectory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("rules", isDirectory: true)
    }

    /// The page layouts of the PDF packet, one per channel (`申請入學.json`, `技專.json`).
    public static var layoutsDirectory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("layouts", isDirectory: true)
    }

    /// The XSD of the XML package.
    public static var schemaDirectory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("schema", isDirectory: true)
    }
}
