/// Why a packet could not be turned into a validated XML file. Each case carries libxml2's own
/// messages (collected, never printed) so the caller can report them.
public enum PacketXMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libxml2's text writer could not allocate or write.
    case writerFailed(messages: [String])
    /// The XSD could not be read or compiled.
    case schemaUnusable(path: String, messages: [String])
    /// The bytes are not well-formed XML.
    case notWellFormed(messages: [String])
    /// Well-formed, but not what the XSD describes.
    case invalid(messages: [String])
    /// The validator itself failed (not a verdict on the document).
    case validatorFailed(messages: [String])
    /// Writing the output file failed at `operation` with `errno`; no file was left behind.
    case fileSystem(path: String, operation: String, errno: Int32)

    public var messages: [String] {
        switch self {
        case .writerFailed(let messages), .schemaUnusable(_, let messages), .notWellFormed(let messages),
            .invalid(let messages), .validatorFailed(let messages):
            messages
        case .fileSystem(let path, let operation, let errno):
            ["\(operation) \(path): errno \(errno)"]
        }
    }

    public var description: String {
        let what =
            switch self {
            case .writerFailed: "XML writer failed"
            case .schemaUnusable(let path, _): "XSD \(path) is unusable"
            case .notWellFormed: "XML is not well-formed"
            case .invalid: "XML does not satisfy the packet XSD"
            case .validatorFailed: "XSD validator failed"
            case .fileSystem: "writing the XML file failed"
            }
        let details = messages
        return details.isEmpty ? what : what + ": " + details.joined(separator: "; ")
    }

    /// `description` with every quoted value in libxml2's messages replaced by `'…'`: a value that
    /// broke the schema may be a student's name or ID, and error output names applicants by 應試號碼
    /// only (docs/security.md §5). Quoted element, attribute and facet names stay, to find the bug.
    public var redactedDescription: String {
        var out = ""
        var rest = Substring(description)
        while let open = rest.firstIndex(of: "'") {
            let before = rest[..<open]
            out += before
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "'") else {
                out += rest[open...]
                return out
            }
            let keepsName = ["Element ", "element ", "attribute ", "facet "].contains { before.hasSuffix($0) }
            out += keepsName ? rest[open...close] : "'…'"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
