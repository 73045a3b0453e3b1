import Crypto
import Foundation
import Testing

@testable import PDFWriter

@Suite struct SyntaxTests {
    @Test func numbers() {
        #expect(formatNumber(0, decimals: 3) == "0")
        #expect(formatNumber(-0.0001, decimals: 3) == "0")
        #expect(formatNumber(12.5, decimals: 3) == "12.5")
        #expect(formatNumber(-3.14159, decimals: 2) == "-3.14")
        #expect(formatNumber(841.89, decimals: 3) == "841.89")
        #expect(formatNumber(0.05, decimals: 2) == "0.05")
        #expect(formatNumber(1_000_000, decimals: 3) == "1000000")
        #expect(formatNumber(.nan, decimals: 3) == "0")
        #expect(formatNumber(.infinity, decimals: 3) == "0")
        #expect(formatNumber(1e300, decimals: 3) == "1000000000")
    }

    @Test func namesAndStrings() {
        var writer = PDFByteWriter()
        writer.write(.name("ABCDEF+Noto Sans#1"))
        writer.write(.literal(Array("a(b)c\\".utf8) + [0x0A]))
        writer.write(.hex([0xFE, 0xFF, 0x00, 0x41]))
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "/ABCDEF+Noto#20Sans#231(a\\(b\\)c\\\\\\012)<FEFF0041>")
    }

    @Test func dictionariesKeepInsertionOrder() {
        var dict = PDFDict()
        dict["Z"] = .int(1)
        dict["A"] = .array([.int(1), .number(2.5), .name("N"), .ref(ObjectRef(number: 7))])
        dict["M"] = .bool(true)
        dict["Z"] = .int(2)
        var writer = PDFByteWriter()
        writer.write(dict)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "<</Z 2/A[1 2.5/N 7 0 R]/M true>>")
    }

    @Test func textStringsAreUTF16BEWithSurrogates() {
        #expect(utf16BEWithBOM("A𠮷") == [0xFE, 0xFF, 0x00, 0x41, 0xD8, 0x42, 0xDF, 0xB7])
    }

    @Test func uriIsPercentEncodedASCII() {
        #expect(Navigation.asciiURI("https://例.tw/a b") == "https://%E4%BE%8B.tw/a%20b")
    }
}

@Suite struct MetadataTests {
    @Test func dates() {
        let date = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14T22:13:20Z
        #expect(CalendarStamp(date, offsetMinutes: 0).pdfDate == "D:20231114221320Z")
        #expect(CalendarStamp(date, offsetMinutes: 480).pdfDate == "D:20231115061320+08'00'")
        #expect(CalendarStamp(date, offsetMinutes: 480).xmpDate == "2023-11-15T06:13:20+08:00")
        #expect(CalendarStamp(Date(timeIntervalSince1970: 0), offsetMinutes: -90).xmpDate == "1969-12-31T22:30:00-01:30")
        #expect(CalendarStamp(Date(timeIntervalSince1970: 951_782_400), offsetMinutes: 0).xmpDate == "2000-02-29T00:00:00Z")
        // Out-of-range input is clamped, not trapped.
        #expect(CalendarStamp(Date(timeIntervalSince1970: 1e300), offsetMinutes: 0).year == 9999)
        #expect(CalendarStamp(Date(timeIntervalSince1970: -.infinity), offsetMinutes: 0).year == 1970)
    }

    @Test func xmpEscapesAndIDs() {
        let info = DocumentInfo(title: "A & <B>", producer: "p", language: "zh-Hant-TW")
        let xmp = String(decoding: Metadata.xmp(info, documentDigest: Array(SHA256.hash(data: [1, 2, 3] as [UInt8]))), as: UTF8.self)
        #expect(xmp.contains("<rdf:li xml:lang=\"x-default\">A &amp; &lt;B&gt;</rdf:li>"))
        #expect(xmp.contains("<xmpMM:DocumentID>uuid:"))
        #expect(!xmp.contains("CreateDate"))
        let uuid = Metadata.uuid(Array(SHA256.hash(data: [1, 2, 3] as [UInt8])))
        #expect(uuid.count == 41)
        #expect(Array(uuid)[19] == "5")
    }
}

@Suite struct FontTablesTests {
    @Test func toUnicodeCMapRangesAndSurrogates() {
        let cmap = String(
            decoding: ToUnicodeCMap.build([
                (1, "一"), (2, "丁"), (3, "丂"), (5, "𠮷"), (6, "ffi"), (0x01FF, "a"), (0x0200, "b"),
            ]), as: UTF8.self)
        #expect(cmap.contains("<0001> <0003> <4E00>"))
        #expect(cmap.contains("<0005> <D842DFB7>"))
        #expect(cmap.contains("<0006> <006600660069>"))
        // A range may not cross a high-byte boundary of the code.
        #expect(cmap.contains("<01FF> <0061>"))
        #expect(cmap.contains("<0200> <0062>"))
    }

    @Test func widthArrayOmitsDefaultAndGroupsRuns() {
        let widths: [(code: UInt16, width: Int)] = [(1, 1000), (2, 500), (3, 520), (4, 1000), (7, 300), (8, 1000)]
        #expect(EmbeddedFont.mostCommonWidth(widths) == 1000)
        let array = EmbeddedFont.widthArray(widths, defaultWidth: 1000)
        var writer = PDFByteWriter()
        writer.write(.array(array))
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "[2[500 520]7[300]]")
    }

    @Test func subsetTagIsDeterministicAndSensitive() {
        let a = EmbeddedFont.subsetTag(name: "Noto", glyphs: [1, 2, 3])
        #expect(a == EmbeddedFont.subsetTag(name: "Noto", glyphs: [1, 2, 3]))
        #expect(a != EmbeddedFont.subsetTag(name: "Noto", glyphs: [1, 2, 4]))
        #expect(a.count == 6 && a.allSatisfy { $0.isASCII && $0.isUppercase })
    }
}
