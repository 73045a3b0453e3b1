import Foundation
import PacketXML
import Testing

@testable import PortfolioRecord
@testable import ReviewPacket

/// The repository's XSD, which `xmllint` checks against independently of our validator.
let repositoryXSD = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Templates/schema/portfolio-packet.xsd").path

let xmllintPath = "/usr/bin/xmllint"

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// A fresh folder under the system temporary folder, removed by the caller.
func makeTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("packetxml-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func contents(of folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
}

/// Runs `xmllint --noout --schema <repository XSD> file`: exit status and stderr.
func xmllint(_ file: URL) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: xmllintPath)
    process.arguments = ["--noout", "--schema", repositoryXSD, file.path]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

func xmllint(bytes: [UInt8]) throws -> (status: Int32, output: String) {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("packet.xml")
    try Data(bytes).write(to: file)
    return try xmllint(file)
}

let hasXmllint = FileManager.default.isExecutableFile(atPath: xmllintPath)

@Suite("Packet XML")
struct PacketXMLTests {
    let schema: PacketSchema

    init() throws {
        schema = try PacketSchema(xsdPath: repositoryXSD)
    }

    @Test("a packet with every entry kind and every flag validates (ours and xmllint)")
    func fullPacketValidates() throws {
        let bytes = try PacketXML.document(SamplePackets.full())
        try schema.validate(bytes)
        if hasXmllint {
            let lint = try xmllint(bytes: bytes)
            #expect(lint.status == 0, "\(lint.output)")
        }
        let xml = text(bytes)
        for (_, name) in EntryFlags.named {
            #expect(xml.contains(name), "flag \(name) missing")
        }
        for element in [
            "<courseTables", "<schoolDocument", "<outcome", "<performance", "<document", "<blocks>", "<pdf ",
            "<unreadable/>", "<unplacedCourses>", "<methodNote>", "<leftOut>", "<diagnostics>", "<upload ",
        ] {
            #expect(xml.contains(element), "\(element) missing")
        }
    }

    @Test("the minimal packet validates")
    func minimalPacketValidates() throws {
        let bytes = try PacketXML.document(SamplePackets.minimal())
        try schema.validate(bytes)
        let xml = text(bytes)
        #expect(xml.contains("<caps/>"))
        #expect(xml.contains("<items/>"))
    }

    @Test("the bundled XSD is the repository's, and validates too")
    func bundledSchema() throws {
        let bundled = try Data(contentsOf: URL(fileURLWithPath: PacketSchema.bundledXSDPath))
        let repository = try Data(contentsOf: URL(fileURLWithPath: repositoryXSD))
        #expect(bundled == repository)
        try PacketSchema().validate(try PacketXML.document(SamplePackets.full()))
    }

    @Test("the XSD's enumerations keep up with the model's closed sets")
    func enumerationsCoverModel() throws {
        let xsd = try String(contentsOfFile: repositoryXSD, encoding: .utf8)
        var values = EntryFlags.named.map(\.1)
        values += MediaType.allCases.map(\.rawValue)
        values += PerformanceCategory.allCases.map(\.rawValue)
        values += SelfWrittenKind.allCases.map(\.rawValue)
        values += [SchoolDocument.Kind.courseRecordPDF.rawValue, SchoolDocument.Kind.sixthSemesterTranscript.rawValue]
        values += [MD5Check.notStated, .matched, .mismatch, .malformedStatement].map(\.rawValue)
        for value in values {
            #expect(xsd.contains("<xs:enumeration value=\"\(value)\"/>"), "XSD lacks \(value)")
        }
    }

    @Test("the shape: values, readings, standings, bins, attachments, messages")
    func shape() throws {
        let xml = text(try PacketXML.document(SamplePackets.full()))
        let expected = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet xmlns=\"urn:portfolio-export:packet:1\">\n  <meta>\n",
            "<inputDigest>\(String(repeating: "0123456789abcdef", count: 4))</inputDigest>",
            "<profileItems>A B H J N O P Q R</profileItems>",
            "<name>林𡘙安</name>",
            "<item code=\"A\" name=\"修課紀錄\" group=\"修課紀錄\" status=\"provided\" flags=\"invalidValue\">",
            "<item code=\"B\" name=\"書面報告\" group=\"課程學習成果\" status=\"provided\" flags=\"overCap uncertified md5Mismatch pathRefused summaryTooLong uploaded bothSelectionModes\" capScope=\"課程學習成果\" received=\"4\" cap=\"3\">",
            "<upload file=\"01686463_自行上傳_B.pdf\" itemCode=\"B\" flags=\"uploaded bothSelectionModes\">\n        <file path=\"01686463_自行上傳_B.pdf\" name=\"01686463_自行上傳_B.pdf\" size=\"12345\" mediaType=\"application/pdf\" sha256=\"\(SamplePackets.sha)\" md5=\"\(SamplePackets.md5)\" md5Check=\"notStated\"/>\n      </upload>",
            "<upload file=\"01686463_自行上傳_ｊ.pdf\" itemCode=\"ｊ\" flags=\"unreadable uploaded\">\n        <unreadable/>",
            "<item code=\"N\" name=\"多元表現綜整心得\" group=\"學習歷程自述\" status=\"notProvided\" flags=\"notProvided\"/>",
            "<unreadableFile>01686463_未來學習計畫與生涯規劃.txt</unreadableFile>",
            "<semester year=\"111\" term=\"1\">",
            "<average>86.42</average>",
            "<schoolStanding top=\"12.3\"/>",
            "<groupStanding unavailable=\"true\"/>",
            "<programStanding top=\"100.0\"/>",
            "<standing top=\"0.5\"/>",
            // bins: 100 counts, 5 at k = 40, 2 at k = 88, 1 at k = 99 (the school's distribution).
            "<bins>" + (0..<100).map { [40: "5", 88: "2", 99: "1"][$0] ?? "0" }.joined(separator: " ") + "</bins>",
            "<population invalid=\"true\">abc</population>",
            "<credits>4</credits>",
            "<credits>2.5</credits>",
            "<score>88</score>",
            "<score invalid=\"true\">八十</score>",
            "<domain invalid=\"true\">{…}</domain>",
            "<courseCode category=\"部定必修\" attribute=\"一般科目\" domain=\"語文\">108013301H11101A1010101</courseCode>",
            "<courseCode problem=\"wrongLength\">12345</courseCode>",
            "<schoolYear invalid=\"true\">x</schoolYear>",
            "<attachment field=\"課程學習成果文件檔案連結\" path=\"files/phy-report.pdf\" status=\"found\" statedMD5=\"9E107D9D372BB6826BD81D3542A419D6\">",
            "<file path=\"files/phy-report.pdf\" name=\"phy-report.pdf\" size=\"12345\" mediaType=\"application/pdf\" sha256=\"\(SamplePackets.sha)\" md5=\"\(SamplePackets.md5)\" md5Check=\"mismatch\"/>",
            "<attachment field=\"課程學習成果影音檔案連結\" path=\"../outside.mp4\" status=\"refused\" refusal=\"leavesFolder\"/>",
            "<attachment field=\"影音檔案連結\" path=\"files/gone.mp4\" status=\"missing\"/>",
            "md5Check=\"malformedStatement\"",
            "<performance category=\"競賽參與紀錄\" index=\"2\" key=\"競賽參與紀錄:3\" sourceFile=\"01686463_多元表現.json\" flags=\"fileMissing attachmentTooLarge invalidValue\">",
            "<field name=\"競賽等級代碼\" kind=\"code\" codeName=\"全國\">3</field>",
            "<field name=\"結果公布日期\" kind=\"date\">2022-03-15</field>",
            "<field name=\"時數\" kind=\"number\">12.5</field>",
            "<field name=\"開始日期\" kind=\"invalid\">2023/02/29</field>",
            "<reviewItemCode invalid=\"true\">ZZ</reviewItemCode>",
            "<link field=\"外部影音連結\">https://example.org/v?a=1&amp;b=2</link>",
            "<heading level=\"1\">\n            <text>反思</text>",
            "<strong>合作</strong>",
            "<text> 與 &lt;溝通&gt; &amp; 表達。</text>",
            "<listItem ordinal=\"1\">",
            "<document kind=\"學習歷程自述\" file=\"01686463_學習歷程自述.pdf\" pointsToItem=\"O\" flags=\"combinedStatement\">",
            "<record item=\"K\" file=\"01686463_多元表現.json\" field=\"作品成果紀錄[0]\" reason=\"itemNotTaken\"/>",
            "<record item=\"A\" file=\"01686463_修課紀錄.pdf\" reason=\"itemNotTaken\"/>",
            "<record item=\"J\" file=\"01686463_多元表現.json\" field=\"競賽參與紀錄[3]\" reason=\"outsideWindow\" semester=\"6\"/>",
            "<channel>申請入學</channel>", "<channelFamily>申請入學</channelFamily>", "<windowClass>普通型</windowClass>",
            "<diagnostic severity=\"warning\" code=\"md5-mismatch\" file=\"01686463_課程學習成果.json\" field=\"[0].文件檔案MD5\" item=\"B\">",
            "<diagnostic severity=\"error\" code=\"file-unreadable\"",
            "<message lang=\"zh-Hant\">",
            "<message lang=\"en\">",
        ]
        for snippet in expected {
            #expect(xml.contains(snippet), "missing: \(snippet)")
        }
        // Packet-level attachments carry no md5Check: it belongs to a reference.
        #expect(xml.contains("<file path=\"files/award.png\" name=\"award.png\" size=\"12345\" mediaType=\"image/png\" sha256=\"\(SamplePackets.sha)\" md5=\"\(SamplePackets.md5)\"/>"))
        // No trailing ".0" anywhere a number is written.
        #expect(!xml.contains(">4.0<"))
        #expect(!xml.contains(">88.0<"))
    }

    @Test("caps are sorted by scope, whatever the dictionary's order")
    func capsSorted() throws {
        let xml = text(try PacketXML.document(SamplePackets.full()))
        let caps = [
            "scope=\"A\" unit=\"item\">2<", "scope=\"B-1\" unit=\"item\">1<", "scope=\"多元表現\" unit=\"group\">10<",
            "scope=\"課程學習成果\" unit=\"group\">3<",
        ]
        let positions = caps.compactMap { xml.range(of: "<cap " + $0)?.lowerBound }
        #expect(positions.count == caps.count)
        #expect(positions == positions.sorted())
    }

    @Test("same packet, same bytes")
    func deterministic() throws {
        let first = try PacketXML.document(SamplePackets.full())
        let second = try PacketXML.document(SamplePackets.full())
        #expect(first == second)

        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.xml")
        let b = folder.appendingPathComponent("b.xml")
        try PacketXML.write(SamplePackets.full(), to: a, schema: schema)
        try PacketXML.write(SamplePackets.full(), to: b, schema: schema)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        #expect(try Data(contentsOf: a) == Data(first))
    }

    @Test("characters XML 1.0 cannot hold become U+FFFD and the document stays valid")
    func controlCharacters() throws {
        var packet = SamplePackets.full(subject: "國\u{0}語\u{1}文\u{FFFF}")
        packet.leftOut.append(LeftOutRecord(item: "K", file: "bell\u{7}.json", field: "tab\tand\u{1F}"))
        let bytes = try PacketXML.document(packet)
        #expect(!bytes.contains(0))
        let xml = text(bytes)
        #expect(xml.contains("<subject>國\u{FFFD}語\u{FFFD}文\u{FFFD}</subject>"))
        #expect(xml.contains("file=\"bell\u{FFFD}.json\" field=\"tab&#9;and\u{FFFD}\""))
        try schema.validate(bytes)
        if hasXmllint {
            let lint = try xmllint(bytes: bytes)
            #expect(lint.status == 0, "\(lint.output)")
        }
    }

    @Test("no national ID and no birth date, and the XSD has no place for either")
    func noNationalIDNorBirthDate() throws {
        let xml = text(try PacketXML.document(SamplePackets.full()))
        #expect(!xml.contains("NationalID") && !xml.contains("birthDate"))

        // Hand-edited: the tool never writes them, so put them in by hand.
        for element in ["<maskedNationalID>A12****789</maskedNationalID>", "<birthDate>2003-03-15</birthDate>"] {
            let edited = xml.replacingOccurrences(of: "<name>林𡘙安</name>", with: "<name>林𡘙安</name>" + element)
            #expect(edited != xml)
            let error = #expect(throws: PacketXMLError.self) { try schema.validate(Array(edited.utf8)) }
            guard case .invalid = error else {
                Issue.record("expected .invalid, got \(String(describing: error))")
                continue
            }
            // What error output may show: the element, never the value.
            let shown = try #require(error).redactedDescription
            #expect(!shown.contains("A12****789") && !shown.contains("2003-03-15"), "\(shown)")
        }
    }

    @Test("a hand-broken document fails validation with libxml2's messages")
    func brokenDocuments() throws {
        let xml = text(try PacketXML.document(SamplePackets.full()))

        let wrongStatus = xml.replacingOccurrences(of: "status=\"notProvided\"", with: "status=\"maybe\"")
        let invalid = #expect(throws: PacketXMLError.self) { try schema.validate(Array(wrongStatus.utf8)) }
        guard case .invalid(let messages) = invalid else {
            Issue.record("expected .invalid, got \(String(describing: invalid))")
            return
        }
        #expect(messages.contains { $0.contains("status") && $0.hasPrefix("line ") })

        let truncated = Array(xml.utf8.prefix(500))
        let notXML = #expect(throws: PacketXMLError.self) { try schema.validate(truncated) }
        guard case .notWellFormed(let parseMessages) = notXML else {
            Issue.record("expected .notWellFormed, got \(String(describing: notXML))")
            return
        }
        #expect(!parseMessages.isEmpty)

        #expect(throws: PacketXMLError.self) { try schema.validate([]) }
        // Another root element, or the right one outside the namespace.
        #expect(throws: PacketXMLError.self) { try schema.validate(Array("<packet/>".utf8)) }
    }

    @Test("an unusable XSD path is an error, not a crash")
    func missingSchema() throws {
        let error = #expect(throws: PacketXMLError.self) {
            _ = try PacketSchema(xsdPath: "/nonexistent/portfolio-packet.xsd")
        }
        guard case .schemaUnusable(let path, _) = error else {
            Issue.record("expected .schemaUnusable, got \(String(describing: error))")
            return
        }
        #expect(path == "/nonexistent/portfolio-packet.xsd")
    }

    @Test("atomic write: the file is complete and no temporary file stays")
    func atomicWrite() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("01686463.xml")
        try PacketXML.write(SamplePackets.full(), to: target, schema: schema)
        #expect(try contents(of: folder) == ["01686463.xml"])
        #expect(try Data(contentsOf: target) == Data(try PacketXML.document(SamplePackets.full())))

        // Replacing an existing file goes through the same rename.
        try PacketXML.write(SamplePackets.minimal(), to: target, schema: schema)
        #expect(try contents(of: folder) == ["01686463.xml"])
        #expect(try Data(contentsOf: target) == Data(try PacketXML.document(SamplePackets.minimal())))
    }

    @Test("a packet that fails validation writes nothing and leaves the old file alone")
    func failedValidationWritesNothing() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var broken = SamplePackets.full()
        broken.meta.inputDigest = "NOT-A-DIGEST"

        let target = folder.appendingPathComponent("01686463.xml")
        let error = #expect(throws: PacketXMLError.self) {
            try PacketXML.write(broken, to: target, schema: schema)
        }
        guard case .invalid = error else {
            Issue.record("expected .invalid, got \(String(describing: error))")
            return
        }
        #expect(try contents(of: folder).isEmpty)

        try PacketXML.write(SamplePackets.minimal(), to: target, schema: schema)
        let before = try Data(contentsOf: target)
        #expect(throws: PacketXMLError.self) { try PacketXML.write(broken, to: target, schema: schema) }
        #expect(try Data(contentsOf: target) == before)
        #expect(try contents(of: folder) == ["01686463.xml"])
    }

    @Test("a folder that does not exist is a file-system error, and nothing is created")
    func missingFolder() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("absent/01686463.xml")
        let error = #expect(throws: PacketXMLError.self) {
            try PacketXML.write(SamplePackets.minimal(), to: target, schema: schema)
        }
        guard case .fileSystem(_, let operation, let code) = error else {
            Issue.record("expected .fileSystem, got \(String(describing: error))")
            return
        }
        #expect(operation == "open")
        #expect(code == ENOENT)
        #expect(try contents(of: folder).isEmpty)
    }

    @Test("one schema, many threads: each validation has its own context")
    func concurrentValidation() throws {
        let good = try PacketXML.document(SamplePackets.full())
        let bad = Array(text(good).replacingOccurrences(of: "status=\"provided\"", with: "status=\"x\"").utf8)
        let schema = self.schema
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let bytes = index.isMultiple(of: 2) ? good : bad
            let valid: Bool
            do {
                try schema.validate(bytes)
                // Writing in parallel too: the writer shares no state between calls.
                valid = try PacketXML.document(SamplePackets.full()) == good
            } catch {
                valid = false
            }
            results.set(index, valid)
        }
        let outcomes = results.all
        #expect(outcomes.count == 16)
        for (index, valid) in outcomes {
            #expect(valid == index.isMultiple(of: 2), "iteration \(index)")
        }
    }
}

/// Results gathered from concurrent iterations, behind a lock.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: Bool] = [:]

    func set(_ index: Int, _ value: Bool) {
        lock.lock()
        defer { lock.unlock() }
        values[index] = value
    }

    var all: [Int: Bool] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
