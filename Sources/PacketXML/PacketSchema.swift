internal import CLibXML2
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import PacketTemplates

/// The packet XSD, compiled once, and validation of documents against it.
///
/// Sendable: the compiled schema is only read after parsing, and each `validate` call makes its
/// own parser and validation contexts, so one `PacketSchema` serves any number of threads.
public struct PacketSchema: Sendable {
    /// Owns the compiled schema; freed with the last copy of the `PacketSchema`.
    private final class Compiled: @unchecked Sendable {
        let schema: xmlSchemaPtr
        init(_ schema: xmlSchemaPtr) { self.schema = schema }
        deinit { xmlSchemaFree(schema) }
    }

    private let compiled: Compiled
    /// The file it was compiled from.
    public let xsdPath: String

    /// The copy of `Templates/schema/portfolio-packet.xsd` bundled with the tool.
    public static var bundledXSDPath: String {
        PacketTemplates.schemaDirectory.appendingPathComponent("portfolio-packet.xsd").path
    }

    public init(xsdPath: String = PacketSchema.bundledXSDPath) throws(PacketXMLError) {
        LibXML.ensureInitialized()
        self.xsdPath = xsdPath
        let errors = ErrorCollector()
        guard let parser = xmlSchemaNewParserCtxt(xsdPath) else {
            throw .schemaUnusable(path: xsdPath, messages: ["xmlSchemaNewParserCtxt failed"])
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        xmlSchemaSetParserStructuredErrors(parser, ErrorCollector.handler, errors.userData)
        // Reading the XSD file itself reports through the thread's handler, hence `capturing`.
        guard let schema = errors.capturing({ xmlSchemaParse(parser) }) else {
            throw .schemaUnusable(path: xsdPath, messages: errors.allMessages)
        }
        compiled = Compiled(schema)
    }

    /// Parses `bytes` (no network access) and validates them against the XSD. Throws
    /// `.notWellFormed` or `.invalid` with libxml2's messages; prints nothing.
    public func validate(_ bytes: [UInt8]) throws(PacketXMLError) {
        LibXML.ensureInitialized()
        let errors = ErrorCollector()
        guard !bytes.isEmpty else { throw .notWellFormed(messages: ["empty document"]) }
        guard let length = Int32(exactly: bytes.count) else {
            throw .notWellFormed(messages: ["document larger than libxml2 can parse from memory"])
        }
        // XML_PARSE_HUGE: the document is our own, its depth fixed by the serializer, but its text
        // nodes are as long as a student's text, and libxml2 refuses text nodes above 10 MB without it
        // (a 50 MB 簡述 would fail validation as if it were our bug).
        let options = Int32(truncatingIfNeeded: XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue)
        let parsed = errors.capturing {
            bytes.withUnsafeBufferPointer { buffer -> xmlDocPtr? in
                guard let base = buffer.baseAddress else { return nil }
                return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReadMemory($0, length, "packet.xml", nil, options)
                }
            }
        }
        guard let document = parsed else {
            let messages = errors.allMessages
            throw .notWellFormed(messages: messages.isEmpty ? ["not XML"] : messages)
        }
        defer { xmlFreeDoc(document) }

        // A context per call: contexts hold validation state and must not be shared.
        guard let context = xmlSchemaNewValidCtxt(compiled.schema) else {
            throw .validatorFailed(messages: errors.allMessages + ["xmlSchemaNewValidCtxt failed"])
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        xmlSchemaSetValidStructuredErrors(context, ErrorCollector.handler, errors.userData)
        let result = withExtendedLifetime(compiled) {
            errors.capturing { xmlSchemaValidateDoc(context, document) }
        }
        if result > 0 {
            let messages = errors.allMessages
            throw .invalid(messages: messages.isEmpty ? ["document does not match the schema"] : messages)
        }
        if result < 0 {
            throw .validatorFailed(messages: errors.allMessages + ["xmlSchemaValidateDoc returned \(result)"])
        }
    }
}
