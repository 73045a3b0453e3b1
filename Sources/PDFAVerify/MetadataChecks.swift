import CLibXML2
import PDFReader

/// A date as an instant (seconds since 1970, UTC), read from a PDF date (`D:YYYYMMDDHHmmSSOHH'mm'`) or
/// an XMP (ISO 8601) date; either may stop after any field, as both formats allow.
struct PDFDate: Equatable {
    let seconds: Int

    /// PDF form (ISO 32000-1 7.9.4).
    init?(_ text: String) {
        var s = Substring(text)
        if s.hasPrefix("D:") { s = s.dropFirst(2) }
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        guard digits.count >= 4, digits.count <= 14, digits.count % 2 == 0 else { return nil }
        let fields = Self.split(String(digits), widths: [4, 2, 2, 2, 2, 2])
        var offset = 0
        let rest = s.dropFirst(digits.count)
        if let sign = rest.first, sign == "+" || sign == "-" {
            let zone = rest.dropFirst().filter { $0.isASCII && $0.isNumber }
            let hh = Int(zone.prefix(2)) ?? 0, mm = Int(zone.dropFirst(2).prefix(2)) ?? 0
            offset = (sign == "-" ? -1 : 1) * (hh * 60 + mm)
        }
        guard let seconds = Self.instant(fields, offsetMinutes: offset) else { return nil }
        self.seconds = seconds
    }

    /// XMP form: `YYYY-MM-DDThh:mm:ss(.s)(Z|±hh:mm)`.
    init?(xmp text: String) {
        let trimmed = text.trimmingWhitespace
        var body = Substring(trimmed)
        var offset = 0
        if body.hasSuffix("Z") {
            body = body.dropLast()
        } else if body.count > 6, let sign = body.dropLast(5).last, sign == "+" || sign == "-", body.contains("T") {
            let zone = body.suffix(5).split(separator: ":")
            guard zone.count == 2, let hh = Int(zone[0]), let mm = Int(zone[1]) else { return nil }
            offset = (sign == "-" ? -1 : 1) * (hh * 60 + mm)
            body = body.dropLast(6)
        }
        if let dot = body.firstIndex(of: ".") { body = body[..<dot] }
        let digits = body.filter { $0.isASCII && $0.isNumber }
        guard digits.count >= 4, digits.count <= 14 else { return nil }
        guard let seconds = Self.instant(Self.split(String(digits), widths: [4, 2, 2, 2, 2, 2]), offsetMinutes: offset) else {
            return nil
        }
        self.seconds = seconds
    }

    private static func split(_ digits: String, widths: [Int]) -> [Int] {
        var out: [Int] = []
        var rest = Substring(digits)
        for w in widths where rest.count >= w {
            out.append(Int(rest.prefix(w)) ?? 0)
            rest = rest.dropFirst(w)
        }
        return out
    }

    /// Days from civil (Howard Hinnant's algorithm), no calendar or time zone database.
    private static func instant(_ f: [Int], offsetMinutes: Int) -> Int? {
        let y = f[0], m = f.count > 1 ? f[1] : 1, d = f.count > 2 ? f[2] : 1
        let hh = f.count > 3 ? f[3] : 0, mm = f.count > 4 ? f[4] : 0, ss = f.count > 5 ? f[5] : 0
        guard (1...12).contains(m), (1...31).contains(d), hh < 24, mm < 60, ss < 61 else { return nil }
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86_400 + hh * 3600 + mm * 60 + ss - offsetMinutes * 60
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

/// The properties of an XMP packet: (namespace, local name) → the text of the value (for arrays, the
/// items joined by newlines; for language alternatives, the x-default item first).
struct XMPPacket {
    var properties: [XMPName: String] = [:]
    /// Properties declared by `pdfaExtension:schemas`, by namespace.
    var declared: [String: Set<String>] = [:]
    /// Problems in the extension schema declarations themselves.
    var schemaProblems: [PDFAFinding] = []
    /// The prefix each namespace URI was bound to where it was used.
    var prefixes: [String: String] = [:]

    struct XMPName: Hashable {
        var namespace: String
        var name: String
    }

    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let extensionNS = "http://www.aiim.org/pdfa/ns/extension/"
    static let schemaNS = "http://www.aiim.org/pdfa/ns/schema#"
    static let propertyNS = "http://www.aiim.org/pdfa/ns/property#"
    static let typeNS = "http://www.aiim.org/pdfa/ns/type#"
    static let fieldNS = "http://www.aiim.org/pdfa/ns/field#"
    static let pdfaid = "http://www.aiim.org/pdfa/ns/id/"

    /// The schemas of the XMP Specification (2005) and of ISO 19005, which need no declaration.
    static let predefined: Set<String> = [
        "http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/xap/1.0/", "http://ns.adobe.com/xap/1.0/rights/",
        "http://ns.adobe.com/xap/1.0/mm/", "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
        "http://ns.adobe.com/xmp/1.0/DynamicMedia/", "http://ns.adobe.com/pdf/1.3/", "http://ns.adobe.com/photoshop/1.0/",
        "http://ns.adobe.com/camera-raw-settings/1.0/", "http://ns.adobe.com/tiff/1.0/", "http://ns.adobe.com/exif/1.0/",
        "http://ns.adobe.com/exif/1.0/aux/", pdfaid, extensionNS,
    ]

    /// Parses with libxml2 (no network, no entity expansion); nil with the reason when not well-formed.
    static func parse(_ data: [UInt8]) -> (XMPPacket?, PDFAFinding?) {
        guard let size = Int32(exactly: data.count) else { return (nil, PDFAFinding(zh: "XMP 太大", en: "too large")) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let made: xmlDocPtr? = data.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: data.count) { xmlReadMemory($0, size, nil, "UTF-8", options) }
            }
        }
        guard let doc = made else {
            return (nil, PDFAFinding(zh: "XMP 不是格式正確的 XML", en: "the XMP is not well-formed XML"))
        }
        defer { xmlFreeDoc(doc) }
        var packet = XMPPacket()
        guard let root = xmlDocGetRootElement(doc) else {
            return (nil, PDFAFinding(zh: "XMP 沒有根元素", en: "the XMP has no root element"))
        }
        packet.walk(root, depth: 0)
        return (packet, nil)
    }

    static func namespace(_ node: xmlNodePtr) -> String? {
        node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
    }

    static func localName(_ node: xmlNodePtr) -> String { node.pointee.name.map { String(cString: $0) } ?? "" }

    static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { out.append(c) }
            child = c.pointee.next
        }
        return out
    }

    /// The text of a node's descendants, in order (read from the tree: nothing to free).
    static func text(_ node: xmlNodePtr, depth: Int = 0) -> String {
        guard depth < 64 else { return "" }
        var out = ""
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: out += c.pointee.content.map { String(cString: $0) } ?? ""
            case XML_ELEMENT_NODE: out += text(c, depth: depth + 1)
            default: break
            }
            child = c.pointee.next
        }
        return out
    }

    /// The `xml:lang` attribute of an element, if any.
    static func language(_ node: xmlNodePtr) -> String? {
        var attribute = node.pointee.properties
        while let a = attribute {
            if a.pointee.name.map({ String(cString: $0) }) == "lang",
                a.pointee.ns.flatMap({ $0.pointee.href }).map({ String(cString: $0) }) == "http://www.w3.org/XML/1998/namespace"
            {
                return a.pointee.children.flatMap { $0.pointee.content }.map { String(cString: $0) }
            }
            attribute = a.pointee.next
        }
        return nil
    }

    /// Finds every rdf:Description and reads its properties (elements and attributes).
    mutating func walk(_ node: xmlNodePtr, depth: Int) {
        guard depth < 64 else { return }
        if Self.namespace(node) == Self.rdf, Self.localName(node) == "Description" {
            var attribute = node.pointee.properties
            while let a = attribute {
                if let ns = a.pointee.ns, let href = ns.pointee.href.map({ String(cString: $0) }), href != Self.rdf,
                    let name = a.pointee.name.map({ String(cString: $0) })
                {
                    let value = a.pointee.children.flatMap { $0.pointee.content }.map { String(cString: $0) } ?? ""
                    properties[XMPName(namespace: href, name: name)] = value
                    prefixes[href] = ns.pointee.prefix.map { String(cString: $0) }
                }
                attribute = a.pointee.next
            }
            for property in Self.children(node) {
                guard let ns = Self.namespace(property) else { continue }
                let name = Self.localName(property)
                prefixes[ns] = property.pointee.ns.pointee.prefix.map { String(cString: $0) }
                properties[XMPName(namespace: ns, name: name)] = Self.value(property)
                if ns == Self.extensionNS, name == "schemas" { readSchemas(property) }
            }
            return
        }
        for child in Self.children(node) { walk(child, depth: depth + 1) }
    }

    /// A property's value: its text, or its array's items (x-default first), one per line.
    static func value(_ property: xmlNodePtr) -> String {
        let containers = children(property).filter {
            namespace($0) == rdf && ["Seq", "Bag", "Alt"].contains(localName($0))
        }
        // Values are compared as written: white space inside an element is part of its text.
        guard let container = containers.first else { return text(property) }
        var items = children(container).filter { localName($0) == "li" }
        if let i = items.firstIndex(where: { language($0) == "x-default" }) {
            items.insert(items.remove(at: i), at: 0)
        }
        return items.map { text($0) }.joined(separator: "\n")
    }

    /// The fields of an rdf:li of parseType Resource (or of the rdf:Description inside it), by namespace and name.
    static func fields(_ li: xmlNodePtr) -> [(ns: String, name: String, node: xmlNodePtr)] {
        var nodes = children(li)
        if nodes.count == 1, namespace(nodes[0]) == rdf, localName(nodes[0]) == "Description" { nodes = children(nodes[0]) }
        return nodes.compactMap { n in namespace(n).map { ($0, localName(n), n) } }
    }

    /// `pdfaExtension:schemas`: a Bag of schemas, each with namespace URI, prefix and a Seq of properties.
    mutating func readSchemas(_ node: xmlNodePtr) {
        guard let bag = Self.children(node).first(where: { Self.namespace($0) == Self.rdf && Self.localName($0) == "Bag" }) else {
            schemaProblems.append(
                PDFAFinding(zh: "「pdfaExtension:schemas」不是「rdf:Bag」", en: "pdfaExtension:schemas is not a Bag"))
            return
        }
        for schema in Self.children(bag) where Self.localName(schema) == "li" {
            var uri: String?
            var names: Set<String> = []
            for (ns, name, field) in Self.fields(schema) {
                guard ns == Self.schemaNS else {
                    schemaProblems.append(
                        PDFAFinding(
                            zh: "結構描述欄位「\(name)」不在「pdfaSchema」命名空間",
                            en: "a schema field \(name) outside the pdfaSchema namespace"))
                    continue
                }
                switch name {
                case "namespaceURI": uri = Self.text(field).trimmingWhitespace
                case "schema", "prefix", "valueType": break
                case "property":
                    let seq = Self.children(field).first { Self.namespace($0) == Self.rdf && Self.localName($0) == "Seq" }
                    for property in seq.map(Self.children) ?? [] where Self.localName(property) == "li" {
                        var have: [String: String] = [:]
                        for (pns, pname, pnode) in Self.fields(property) {
                            if pns != Self.propertyNS {
                                schemaProblems.append(
                                    PDFAFinding(
                                        zh: "屬性欄位「\(pname)」不在「pdfaProperty」命名空間",
                                        en: "a property field \(pname) outside pdfaProperty"))
                            }
                            have[pname] = Self.text(pnode).trimmingWhitespace
                        }
                        for required in ["name", "valueType", "category", "description"] where have[required] == nil {
                            schemaProblems.append(
                                PDFAFinding(
                                    zh: "有屬性缺少「pdfaProperty:\(required)」", en: "a property without pdfaProperty:\(required)"))
                        }
                        if let category = have["category"], category != "internal" && category != "external" {
                            schemaProblems.append(
                                PDFAFinding(
                                    zh: "屬性類別「\(category)」不是「internal」或「external」", en: "property category \(category)"))
                        }
                        if let n = have["name"] { names.insert(n) }
                    }
                default:
                    schemaProblems.append(
                        PDFAFinding(
                            zh: "不明的結構描述欄位「pdfaSchema:\(name)」", en: "unknown schema field pdfaSchema:\(name)"))
                }
            }
            guard let uri else {
                schemaProblems.append(
                    PDFAFinding(
                        zh: "有延伸結構描述缺少「pdfaSchema:namespaceURI」",
                        en: "an extension schema without pdfaSchema:namespaceURI"))
                continue
            }
            declared[uri, default: []].formUnion(names)
        }
    }
}

extension DocumentWalk {
    func checkMetadata(_ run: inout Findings) {
        run.look(.metadataStream)
        run.look(.metadataUnfiltered)
        run.look(.xmpIdentification)
        run.look(.xmpExtensionSchemas)
        run.look(.infoMatchesXMP)
        guard case .stream(let stream) = r(catalog["Metadata"]) else {
            for rule in [PDFARule.metadataStream, .xmpIdentification, .infoMatchesXMP] {
                run.fail(rule, zh: "文件目錄沒有 /Metadata 串流", en: "the catalog has no /Metadata stream")
            }
            return
        }
        if stream.dictionary["Filter"] != nil {
            run.fail(.metadataUnfiltered, zh: "中繼資料串流有 /Filter", en: "the metadata stream has /Filter")
        }
        guard let data = try? file.decodedData(of: stream) else {
            run.fail(.metadataStream, zh: "中繼資料串流無法解碼", en: "the metadata stream cannot be decoded")
            return
        }
        if String(validating: data, as: UTF8.self) == nil {
            run.fail(.metadataStream, zh: "XMP 不是 UTF-8", en: "the XMP is not UTF-8")
        }
        // The xpacket header's attributes (6.6.2.1): neither bytes nor encoding.
        if let start = firstRange(of: "<?xpacket", in: data), let end = firstRange(of: "?>", in: Array(data[start...])) {
            let header = String(decoding: data[start..<(start + end)], as: UTF8.self)
            for attribute in ["bytes=", "encoding="] where header.contains(attribute) {
                run.fail(
                    .metadataStream, zh: "「<?xpacket」標頭有「\(attribute.dropLast())」屬性",
                    en: "the xpacket header has \(attribute.dropLast())")
            }
        }
        let (parsed, problem) = XMPPacket.parse(data)
        guard let xmp = parsed else {
            let unparsed = PDFAFinding(zh: "無法解析 XMP", en: "the XMP cannot be parsed")
            run.fail(.metadataStream, problem ?? unparsed)
            run.fail(.xmpIdentification, unparsed)
            return
        }

        // 6.6.4: identification.
        let part = xmp.properties[.init(namespace: XMPPacket.pdfaid, name: "part")]?.trimmingWhitespace
        let conformance = xmp.properties[.init(namespace: XMPPacket.pdfaid, name: "conformance")]?.trimmingWhitespace
        run.claimsPDFA3 = part == "3"
        if part != "3" {
            run.fail(
                .xmpIdentification, zh: part.map { "「pdfaid:part」為「\($0)」，不是 3" } ?? "沒有「pdfaid:part」",
                en: "pdfaid:part is \(part ?? "absent"), not 3")
        }
        if conformance != "B" {
            run.fail(
                .xmpIdentification,
                zh: conformance.map { "「pdfaid:conformance」為「\($0)」，不是 B" } ?? "沒有「pdfaid:conformance」",
                en: "pdfaid:conformance is \(conformance ?? "absent"), not B")
        }
        if let prefix = xmp.prefixes[XMPPacket.pdfaid], prefix != "pdfaid" {
            run.fail(
                .xmpIdentification, zh: "識別資訊使用前綴「\(prefix)」，不是「pdfaid」",
                en: "the identification uses prefix \(prefix), not pdfaid")
        }

        // 6.6.2.3: every property predefined or declared.
        for problem in xmp.schemaProblems { run.fail(.xmpExtensionSchemas, problem) }
        for key in xmp.properties.keys.sorted(by: { ($0.namespace, $0.name) < ($1.namespace, $1.name) })
        where !XMPPacket.predefined.contains(key.namespace) {
            if !(xmp.declared[key.namespace]?.contains(key.name) ?? false) {
                run.fail(
                    .xmpExtensionSchemas, zh: "命名空間「\(key.namespace)」的屬性「\(key.name)」既非預先定義，也未宣告",
                    en: "\(key.namespace) \(key.name) is neither predefined nor declared")
            }
        }

        // Project rule: the Info dictionary says what the XMP says.
        let info = dict(file.trailer["Info"]) ?? [:]
        let dc = "http://purl.org/dc/elements/1.1/", pdf = "http://ns.adobe.com/pdf/1.3/", xap = "http://ns.adobe.com/xap/1.0/"
        let textPairs: [(String, String, String, Bool)] = [
            ("Title", dc, "title", true), ("Author", dc, "creator", false), ("Subject", dc, "description", true),
            ("Keywords", pdf, "Keywords", false), ("Creator", xap, "CreatorTool", false), ("Producer", pdf, "Producer", false),
        ]
        for (key, ns, property, firstItem) in textPairs {
            guard let value = info[key].flatMap({ textString(r($0)) }) else { continue }
            var x = xmp.properties[.init(namespace: ns, name: property)]
            if firstItem { x = x?.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) }
            if x != value {
                run.fail(.infoMatchesXMP, zh: "/Info 的 /\(key) 與 XMP 的「\(property)」不一致", en: "/\(key) is not the XMP's \(property)")
            }
        }
        for (key, property) in [("CreationDate", "CreateDate"), ("ModDate", "ModifyDate")] {
            guard case .string(let bytes) = r(info[key]) else { continue }
            let pdfDate = PDFDate(String(decoding: bytes, as: UTF8.self))
            let xmpDate = xmp.properties[.init(namespace: xap, name: property)].flatMap { PDFDate(xmp: $0) }
            if pdfDate == nil || pdfDate != xmpDate {
                run.fail(
                    .infoMatchesXMP, zh: "/Info 的 /\(key) 與 XMP 的「xmp:\(property)」不一致",
                    en: "/\(key) is not the XMP's xmp:\(property)")
            }
        }
    }

    /// A PDF text string: UTF-16BE with its BOM, UTF-8 with its BOM (PDF 2.0), else PDFDocEncoding,
    /// read as Latin-1 (the two agree on the printable range).
    func textString(_ value: PDFObject) -> String? {
        guard case .string(let s) = value else { return nil }
        if s.starts(with: [0xFE, 0xFF]) {
            var units: [UInt16] = []
            var i = 2
            while i + 1 < s.count {
                units.append(UInt16(s[i]) << 8 | UInt16(s[i + 1]))
                i += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        if s.starts(with: [0xEF, 0xBB, 0xBF]) { return String(decoding: s.dropFirst(3), as: UTF8.self) }
        return String(String.UnicodeScalarView(s.map { Unicode.Scalar($0) }))
    }

    func firstRange(of needle: String, in bytes: [UInt8]) -> Int? {
        let n = Array(needle.utf8)
        guard bytes.count >= n.count else { return nil }
        for i in 0...(bytes.count - n.count) where bytes[i] == n[0] && bytes[i..<(i + n.count)].elementsEqual(n) {
            return i
        }
        return nil
    }
}
