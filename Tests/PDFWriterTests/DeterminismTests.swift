import Crypto
import Foundation
import Testing

@testable import PDFWriter

/// P7: the same input gives the same bytes.
@Suite struct DeterminismTests {
    private func textDocument(date: Date? = Date(timeIntervalSince1970: 1_700_000_000)) throws -> PDFDocumentSpec {
        let noto = try TestFonts.notoSansTC()
        let sung = try TestFonts.require(TestFonts.twSung)
        let notoShaper = try TestShaper(noto)
        let sungShaper = try TestShaper(sung)
        var spec = navigationDocument(date: date)
        spec.fonts = [noto, sung]
        spec.pages[0].content.append(
            .text(textRun("學習歷程「審查」，第4章API。", shaper: notoShaper, font: FontID(0), size: 12, x: 50, y: 400)))
        spec.pages[2].content.append(
            .text(textRun("全字庫正宋體⽇日", shaper: sungShaper, font: FontID(1), size: 12, x: 50, y: 400)))
        return spec
    }

    @Test func sameInputSameBytes() throws {
        let spec = try textDocument()
        let first = try PDFWriter(cache: sharedCache).write(spec)
        let second = try PDFWriter(cache: sharedCache).write(spec)
        // A fresh cache loads and preprocesses the faces again: still the same bytes.
        let third = try PDFWriter(cache: FontProgramCache()).write(spec)
        #expect(first == second)
        #expect(first == third)
        #expect(Array(SHA256.hash(data: first)) == Array(SHA256.hash(data: third)))
    }

    @Test func concurrentWritesWithASharedCacheAgree() async throws {
        let spec = try textDocument()
        let cache = FontProgramCache()
        let writer = PDFWriter(cache: cache)
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<4 { group.addTask { try writer.write(spec) } }
            var all: [[UInt8]] = []
            for try await bytes in group { all.append(bytes) }
            return all
        }
        #expect(Set(results.map { Array(SHA256.hash(data: $0)) }).count == 1)
        #expect(cache.loadedFaceCount == 2)
    }

    /// A batch prepares a face for subsetting once it has been used often enough; the bytes are the
    /// same before and after, so output never depends on when that happens.
    @Test func facesArePreparedWhenWorthItWithoutChangingBytes() throws {
        let spec = try textDocument()
        let never = FontProgramCache(preparation: .never)
        let plain = try PDFWriter(cache: never).write(spec)
        #expect(never.loadedFaceCount == 2 && never.preparedFaceCount == 0)

        let cache = FontProgramCache(preparation: .whenWorthIt(afterSubsets: 2))
        let writer = PDFWriter(cache: cache)
        let first = try writer.write(spec)
        cache.waitForPreparations()
        #expect(cache.preparedFaceCount == 0)
        let second = try writer.write(spec)
        cache.waitForPreparations()
        #expect(cache.preparedFaceCount == 2)
        let third = try writer.write(spec)
        #expect(first == plain && second == plain && third == plain)
    }

    @Test func idsFollowTheContent() throws {
        let a = try PDFWriter(cache: sharedCache).write(try textDocument())
        let b = try PDFWriter(cache: sharedCache).write(try textDocument(date: Date(timeIntervalSince1970: 1_700_000_001)))
        #expect(a != b)
        func id(_ bytes: [UInt8]) throws -> String {
            let path = try Scratch.write(bytes, name: "id-\(Array(SHA256.hash(data: bytes)).hexString.prefix(8)).pdf")
            return try #require(try QPDFObjects(path: path).trailer["/ID"] as? [String]).joined()
        }
        #expect(try id(a) != id(b))
    }

    /// No source file of the writer reads a clock, a random generator or the environment.
    @Test func writerSourcesUseNoNondeterministicInputs() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/PDFWriter")
        // Every Swift file of the writer, in its subfolders too (Images/).
        let files = try FileManager.default.subpathsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 5)
        #expect(files.contains { $0.hasPrefix("Images/") })
        let forbidden = [
            "Date()", ".now", "random", "UUID()", "ProcessInfo", "clock_gettime", "gettimeofday", "time(nil)",
            "CFAbsoluteTime", "DispatchTime", "getenv",
        ]
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for word in forbidden {
                #expect(!text.contains(word), "\(file) uses \(word)")
            }
        }
    }
}
