import Foundation
import PacketXML
import Testing

@testable import PortfolioRecord
@testable import ReviewPacket

/// Item keys and the tick list in the XML: every outcome and 多元表現 entry names its key, a key
/// names one record (the XSD's `itemKeyUnique`), and a student's packet names its tick list.
@Suite("Item keys in the XML")
struct ItemKeyXMLTests {
    let schema = try! PacketSchema(xsdPath: repositoryXSD)

    /// The full sample with the outcome keyed by its 項目編號 and the tick list it came from.
    static func studentPacket() -> ReviewPacket {
        var packet = SamplePackets.full()
        packet.meta.tickList = TickListInfo(source: "001012.json", mode: .ticked)
        for i in packet.items.indices {
            for e in packet.items[i].entries.indices {
                if case .outcome(var entry) = packet.items[i].entries[e] {
                    entry.outcome.key = ItemKey("A7F3-0192")
                    packet.items[i].entries[e] = .outcome(entry)
                }
            }
        }
        return packet
    }

    @Test("every outcome and performance carries its key")
    func keysAreWritten() throws {
        let bytes = try PacketXML.document(Self.studentPacket())
        try schema.validate(bytes)
        if hasXmllint {
            let lint = try xmllint(bytes: bytes)
            #expect(lint.status == 0, "\(lint.output)")
        }
        let xml = text(bytes)
        #expect(xml.contains("<outcome index=\"0\" key=\"A7F3-0192\""))
        #expect(xml.contains("key=\"競賽參與紀錄:3\""))
        #expect(xml.contains("key=\"校方建立幹部經歷紀錄:1\""))
        let entries = xml.components(separatedBy: "<outcome ").count - 1 + xml.components(separatedBy: "<performance ").count - 1
        let keyed = xml.components(separatedBy: " key=\"").count - 1
        #expect(entries > 0 && keyed == entries)
        #expect(xml.contains("<tickList source=\"001012.json\" mode=\"勾選\"/>"))
        // A department's packet names no tick list.
        #expect(!text(try PacketXML.document(SamplePackets.full())).contains("<tickList"))
    }

    @Test("two entries with one key fail validation")
    func duplicateKeysAreInvalid() throws {
        let xml = text(try PacketXML.document(Self.studentPacket()))
        let doubled = xml.replacingOccurrences(of: "key=\"競賽參與紀錄:3\"", with: "key=\"A7F3-0192\"")
        #expect(doubled != xml)
        #expect(throws: PacketXMLError.self) { try schema.validate(Array(doubled.utf8)) }
        let unknownMode = xml.replacingOccurrences(of: "mode=\"勾選\"", with: "mode=\"挑選\"")
        #expect(throws: PacketXMLError.self) { try schema.validate(Array(unknownMode.utf8)) }
    }

    @Test("the XSD knows every 方式")
    func submissionModes() throws {
        let xsd = try String(contentsOfFile: repositoryXSD, encoding: .utf8)
        for mode in SubmissionMode.allCases {
            #expect(xsd.contains("<xs:enumeration value=\"\(mode.rawValue)\"/>"))
        }
    }
}
