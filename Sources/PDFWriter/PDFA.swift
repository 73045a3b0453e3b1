import Foundation

/// What makes the file claim PDF/A-3b (P6): the identification in XMP, an XMP extension schema
/// describing the properties of the associated data, and an sRGB output intent.
public struct PDFAIdentification: Sendable, Hashable {
    /// One property of the extension schema, with its value.
    public struct Property: Sendable, Hashable {
        public var name: String
        public var value: String
        public var description: String

        public init(name: String, value: String, description: String) {
            self.name = name
            self.value = value
            self.description = description
        }
    }

    public var schemaName: String
    public var namespaceURI: String
    public var prefix: String
    public var properties: [Property]

    public init(schemaName: String, namespaceURI: String, prefix: String, properties: [Property]) {
        self.schemaName = schemaName
        self.namespaceURI = namespaceURI
        self.prefix = prefix
        self.properties = properties
    }
}

enum PDFA {
    /// The XMP descriptions added for PDF/A-3b: identification, the extension schema, its values.
    /// Without `claim` only the values are written: they still describe the embedded data, while the
    /// identification and the schema (which exists for PDF/A validators) would claim a conformance
    /// the file does not have.
    static func xmpDescriptions(_ pdfa: PDFAIdentification, claim: Bool = true) -> [String] {
        let e = Metadata.escape
        var lines: [String] = []
        if claim { lines += claimDescriptions(pdfa) }
        lines.append("  <rdf:Description rdf:about=\"\" xmlns:\(e(pdfa.prefix))=\"\(e(pdfa.namespaceURI))\">")
        for property in pdfa.properties {
            lines.append("   <\(pdfa.prefix):\(property.name)>\(e(property.value))</\(pdfa.prefix):\(property.name)>")
        }
        lines.append("  </rdf:Description>")
        return lines
    }

    /// The identification (part 3, conformance B) and the extension schema declaring our properties.
    private static func claimDescriptions(_ pdfa: PDFAIdentification) -> [String] {
        let e = Metadata.escape
        var lines: [String] = []
        lines.append("  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">")
        lines.append("   <pdfaid:part>3</pdfaid:part>")
        lines.append("   <pdfaid:conformance>B</pdfaid:conformance>")
        lines.append("  </rdf:Description>")
        lines.append("  <rdf:Description rdf:about=\"\"")
        lines.append("    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"")
        lines.append("    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"")
        lines.append("    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">")
        lines.append("   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">")
        lines.append("    <pdfaSchema:schema>\(e(pdfa.schemaName))</pdfaSchema:schema>")
        lines.append("    <pdfaSchema:namespaceURI>\(e(pdfa.namespaceURI))</pdfaSchema:namespaceURI>")
        lines.append("    <pdfaSchema:prefix>\(e(pdfa.prefix))</pdfaSchema:prefix>")
        lines.append("    <pdfaSchema:property><rdf:Seq>")
        for property in pdfa.properties {
            lines.append(
                "     <rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>\(e(property.name))</pdfaProperty:name>"
                    + "<pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>"
                    + "<pdfaProperty:description>\(e(property.description))</pdfaProperty:description></rdf:li>")
        }
        lines.append("    </rdf:Seq></pdfaSchema:property>")
        lines.append("   </rdf:li></rdf:Bag></pdfaExtension:schemas>")
        lines.append("  </rdf:Description>")
        return lines
    }

    /// The `/OutputIntents` entry: sRGB, with a small ICC profile of our own making.
    static func outputIntent(to table: inout PDFObjectTable) throws(PDFWriterError) -> PDFValue {
        let profileRef = table.allocate()
        try table.setStream(profileRef, PDFDict([("N", .int(3))]), data: ICCProfile.sRGB())
        let intentRef = table.allocate()
        table.set(
            intentRef,
            PDFDict([
                ("Type", .name("OutputIntent")), ("S", .name("GTS_PDFA1")),
                ("OutputConditionIdentifier", .ascii("sRGB IEC61966-2.1")), ("Info", .ascii("sRGB IEC61966-2.1")),
                ("DestOutputProfile", .ref(profileRef)),
            ]))
        return .array([.ref(intentRef)])
    }
}

/// A minimal ICC v2 display profile for sRGB: D50-adapted primaries (Bradford), the D50 white
/// point, and a 2.2 gamma curve — what an output intent needs to name the colour space the pages use.
enum ICCProfile {
    static func sRGB() -> [UInt8] {
        func u32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func u16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
        func sig(_ s: String) -> [UInt8] { Array(s.utf8.prefix(4)) }
        func s15(_ v: Double) -> [UInt8] { u32(UInt32(bitPattern: Int32((v * 65536).rounded()))) }
        func xyz(_ x: Double, _ y: Double, _ z: Double) -> [UInt8] { sig("XYZ ") + u32(0) + s15(x) + s15(y) + s15(z) }
        func padded(_ bytes: [UInt8]) -> [UInt8] { bytes + [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4) }

        let name = Array("sRGB IEC61966-2.1 (portfolio-export)".utf8)
        let desc = sig("desc") + u32(0) + u32(UInt32(name.count + 1)) + name + [0] + u32(0) + u32(0) + u16(0) + [0]
            + [UInt8](repeating: 0, count: 67)
        let cprt = sig("text") + u32(0) + Array("No copyright, use freely".utf8) + [0]
        let curve = sig("curv") + u32(0) + u32(1) + u16(0x0233)  // gamma 563/256 ≈ 2.2
        let tags: [(String, [UInt8])] = [
            ("desc", desc), ("cprt", cprt), ("wtpt", xyz(0.9642, 1.0, 0.8249)),
            ("rXYZ", xyz(0.4361, 0.2225, 0.0139)), ("gXYZ", xyz(0.3851, 0.7169, 0.0971)),
            ("bXYZ", xyz(0.1431, 0.0606, 0.7141)), ("rTRC", curve), ("gTRC", curve), ("bTRC", curve),
        ]
        var table: [UInt8] = u32(UInt32(tags.count))
        var data: [UInt8] = []
        let dataStart = 128 + 4 + 12 * tags.count
        var curveOffset: UInt32?
        for (signature, body) in tags {
            // The three TRC tags share one curve, as profiles commonly do.
            if signature.hasSuffix("TRC"), let shared = curveOffset {
                table += sig(signature) + u32(shared) + u32(UInt32(body.count))
                continue
            }
            let offset = UInt32(dataStart + data.count)
            if signature.hasSuffix("TRC") { curveOffset = offset }
            table += sig(signature) + u32(offset) + u32(UInt32(body.count))
            data += padded(body)
        }
        let size = UInt32(dataStart + data.count)
        var header: [UInt8] = u32(size) + u32(0) + u32(0x0210_0000) + sig("mntr") + sig("RGB ") + sig("XYZ ")
        header += u16(2026) + u16(1) + u16(1) + u16(0) + u16(0) + u16(0)
        header += sig("acsp") + u32(0) + u32(0) + u32(0) + u32(0) + u32(0) + u32(0) + u32(0)
        header += s15(0.9642) + s15(1.0) + s15(0.8249) + u32(0)
        header += [UInt8](repeating: 0, count: 128 - header.count)
        return header + table + data
    }
}
