import Foundation
import InstalledData

/// Where the data of `Templates/` is found at run time: installed under
/// `<prefix>/share/portfolio-export/`, or SwiftPM's resource bundle in a build tree
/// (`DataFolder` says in which order; the command line reports a missing folder first).
public enum PacketTemplates {
    /// The review-item tables, one `<招生學年度>.json` per year.
    public static var rulesDirectory: URL { DataFolder.resolved.rules }

    /// The page layouts of the PDF packet, one per channel (`申請入學.json`, `技專.json`).
    public static var layoutsDirectory: URL { DataFolder.resolved.layouts }

    /// The XSD of the XML package.
    public static var schemaDirectory: URL { DataFolder.resolved.schema }
}
