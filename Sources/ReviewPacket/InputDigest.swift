import PortfolioRecord

/// The input digest recorded in the XML, so `--resume` can tell whether anything changed: SHA-256
/// over the tool version, the rule table, the profile, the tick list when there is one, and every
/// file read, in path order.
public enum InputDigest {
    public static func compute(
        toolVersion: String, rulesDigest: String, profileDigest: String, files: [InputFile],
        tickListDigest: String? = nil
    ) -> String {
        var text = "portfolio-export-input-digest-v1\n"
        text += "tool\t\(toolVersion)\nrules\t\(rulesDigest)\nprofile\t\(profileDigest)\n"
        // Only with a tick list, so that a department's packets keep the digest they had.
        if let tickListDigest { text += "ticks\t\(tickListDigest)\n" }
        for file in files.sorted(by: { $0.path < $1.path }) {
            text += "file\t\(file.path)\t\(file.size)\t\(file.sha256)\n"
        }
        return sha256Hex(Array(text.utf8))
    }
}
