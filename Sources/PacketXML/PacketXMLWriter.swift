#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import OutputFiles
import ReviewPacket

/// The XML package of a review packet (README.md): written with libxml2,
/// validated against `Templates/schema/portfolio-packet.xsd`, and put in place atomically.
public enum PacketXML {
    /// The namespace of every element of the package.
    public static let namespace = "urn:portfolio-export:packet:1"

    /// The packet as UTF-8 XML bytes, indented by two spaces.
    ///
    /// Deterministic: the same packet gives the same bytes (no clock, no dictionary order).
    public static func document(_ packet: ReviewPacket) throws(PacketXMLError) -> [UInt8] {
        LibXML.ensureInitialized()
        let errors = ErrorCollector()
        return try errors.capturing { () throws(PacketXMLError) -> [UInt8] in
            let writer = try XMLTextWriter(errors: errors)
            try PacketSerializer(out: writer).packet(packet)
            return try writer.finish()
        }
    }

    /// Renders, validates, then writes atomically: on any failure nothing is left at `url` that was
    /// not there before, and no temporary file stays behind.
    public static func write(_ packet: ReviewPacket, to url: URL, schema: PacketSchema) throws(PacketXMLError) {
        let bytes = try document(packet)
        try schema.validate(bytes)
        do {
            try AtomicFile.write(bytes, to: url)
        } catch {
            throw .fileSystem(path: error.path, operation: error.operation, errno: error.errno)
        }
    }
}
