internal import CLibXML2
import Diagnostics

/// A thin, throwing wrapper around libxml2's xmlTextWriter writing to memory.
///
/// Every string passes through `xmlSafe` first, so the output is well-formed XML 1.0 whatever the
/// record held, and no NUL can cut a C string short.
final class XMLTextWriter {
    private let buffer: xmlBufferPtr
    private var writer: xmlTextWriterPtr?
    private let errors: ErrorCollector

    init(errors: ErrorCollector) throws(PacketXMLError) {
        self.errors = errors
        guard let buffer = xmlBufferCreate() else { throw .writerFailed(messages: ["xmlBufferCreate failed"]) }
        self.buffer = buffer
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw .writerFailed(messages: ["xmlNewTextWriterMemory failed"])
        }
        self.writer = writer
        try check(xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent")
        try Self.withXMLChars("  ") { indent throws(PacketXMLError) in
            try check(xmlTextWriterSetIndentString(writer, indent), "xmlTextWriterSetIndentString")
        }
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
        xmlBufferFree(buffer)
    }

    // MARK: Primitives

    func start(_ name: String, namespace: String? = nil) throws(PacketXMLError) {
        let writer = try live()
        try Self.withXMLChars(name) { name throws(PacketXMLError) in
            if let namespace {
                try Self.withXMLChars(namespace) { uri throws(PacketXMLError) in
                    try check(xmlTextWriterStartElementNS(writer, nil, name, uri), "xmlTextWriterStartElementNS")
                }
            } else {
                try check(xmlTextWriterStartElement(writer, name), "xmlTextWriterStartElement")
            }
        }
    }

    /// Nil values are left out: an absent attribute is how the XML says "not there".
    func attribute(_ name: String, _ value: String?) throws(PacketXMLError) {
        guard let value else { return }
        let writer = try live()
        try Self.withXMLChars(name) { name throws(PacketXMLError) in
            try Self.withXMLChars(Self.xmlSafe(value)) { value throws(PacketXMLError) in
                try check(xmlTextWriterWriteAttribute(writer, name, value), "xmlTextWriterWriteAttribute")
            }
        }
    }

    func text(_ content: String) throws(PacketXMLError) {
        // An empty string would turn <a/> into <a></a>; same meaning, one spelling.
        guard !content.isEmpty else { return }
        let writer = try live()
        try Self.withXMLChars(Self.xmlSafe(content)) { content throws(PacketXMLError) in
            try check(xmlTextWriterWriteString(writer, content), "xmlTextWriterWriteString")
        }
    }

    func end() throws(PacketXMLError) {
        try check(xmlTextWriterEndElement(try live()), "xmlTextWriterEndElement")
    }

    /// Ends the document and hands back the bytes; the writer cannot be used afterwards.
    func finish() throws(PacketXMLError) -> [UInt8] {
        let writer = try live()
        try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        // Freeing the writer flushes what it still holds into the buffer.
        xmlFreeTextWriter(writer)
        self.writer = nil
        let length = Int(xmlBufferLength(buffer))
        guard length > 0, let content = xmlBufferContent(buffer) else {
            throw .writerFailed(messages: errors.allMessages + ["empty output"])
        }
        return Array(UnsafeBufferPointer(start: content, count: length))
    }

    // MARK: Conveniences

    typealias Attributes = [(String, String?)]

    func element(
        _ name: String, _ attributes: Attributes = [], namespace: String? = nil,
        _ body: () throws(PacketXMLError) -> Void = {}
    ) throws(PacketXMLError) {
        try start(name, namespace: namespace)
        for (key, value) in attributes { try attribute(key, value) }
        try body()
        try end()
    }

    /// An element holding only text.
    func leaf(_ name: String, _ content: String, _ attributes: Attributes = []) throws(PacketXMLError) {
        try element(name, attributes) { () throws(PacketXMLError) in try text(content) }
    }

    /// Left out when there is nothing to say.
    func optionalLeaf(_ name: String, _ content: String?) throws(PacketXMLError) {
        guard let content else { return }
        try leaf(name, content)
    }

    // MARK: Helpers

    private func live() throws(PacketXMLError) -> xmlTextWriterPtr {
        guard let writer else { throw .writerFailed(messages: ["writer used after finish"]) }
        return writer
    }

    private func check(_ result: Int32, _ call: String) throws(PacketXMLError) {
        if result < 0 { throw .writerFailed(messages: errors.allMessages + ["\(call) failed"]) }
    }

    /// Passes `string` as a NUL-terminated `xmlChar *` (libxml2's unsigned char).
    static func withXMLChars<R>(
        _ string: String, _ body: (UnsafePointer<xmlChar>) throws(PacketXMLError) -> R
    ) throws(PacketXMLError) -> R {
        var bytes = Array(string.utf8)
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { buffer throws(PacketXMLError) -> R in
            guard let base = buffer.baseAddress else { throw .writerFailed(messages: ["empty C string buffer"]) }
            return try body(base)
        }
    }

    /// XML 1.0 cannot hold C0 controls other than tab, LF and CR, nor U+FFFE and U+FFFF (lone
    /// surrogates cannot occur in a Swift string). They become U+FFFD; the reader's diagnostics
    /// already report the raw data. ID-shaped text is masked too: every value written passes here,
    /// attachment names included, which the reader keeps as given to open the files.
    static func xmlSafe(_ raw: String) -> String {
        let string = maskingNationalIDs(raw)
        guard string.unicodeScalars.contains(where: isForbidden) else { return string }
        var safe = String.UnicodeScalarView()
        for scalar in string.unicodeScalars {
            safe.append(isForbidden(scalar) ? "\u{FFFD}" : scalar)
        }
        return String(safe)
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00..<0x20: true
        case 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}
