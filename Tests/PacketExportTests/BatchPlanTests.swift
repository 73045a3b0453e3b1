import Foundation
import OutputFiles
import Testing

@testable import PacketExport

@Suite struct ShardTests {
    @Test func parsesOnlyWellFormedShards() {
        #expect(Shard(parsing: "0/1") == Shard(index: 0, count: 1))
        #expect(Shard(parsing: "3/4") == Shard(index: 3, count: 4))
        for bad in ["", "1", "4/4", "-1/2", "1/0", "a/b", "1/2/3", "/2", "1/"] {
            #expect(Shard(parsing: bad) == nil, "\(bad)")
        }
    }

    /// The hash is part of the contract (machines split a season with it): FNV-1a 64 test vectors.
    @Test func hashIsFNV1a64() {
        #expect(Shard.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(Shard.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(Shard.hash("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func everyApplicantIsInExactlyOneShard() {
        let applicants = (0..<500).map { BatchApplicant(department: "00\(1000 + $0 % 7)", number: String(10_000_000 + $0 * 37)) }
        for count in [1, 2, 3, 8] {
            let shards = (0..<count).map { Shard(index: $0, count: count) }
            var sizes = [Int](repeating: 0, count: count)
            for applicant in applicants {
                let holding = shards.indices.filter { shards[$0].contains(applicant) }
                #expect(holding.count == 1)
                sizes[holding[0]] += 1
            }
            // Roughly even: no shard empty or holding more than twice its share.
            #expect(sizes.allSatisfy { $0 > 0 && $0 <= 2 * applicants.count / count + 1 }, "\(sizes)")
        }
    }
}

@Suite struct BatchPlanTests {
    @Test func discoversApplicantFoldersInByteOrderAndSkipsTheRest() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for path in ["2A0105/02050002", "2A0105/02050001", "001012/01000101", "profiles/sub", ".hidden/01", "001012/.git"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(path), withIntermediateDirectories: true)
        }
        try Data("x".utf8).write(to: root.appendingPathComponent("README.txt"))
        try Data("x".utf8).write(to: root.appendingPathComponent("001012/notes.txt"))
        let plan = try BatchPlan.discover(root: root)
        #expect(plan.applicants.map(\.key) == ["001012/01000101", "2A0105/02050001", "2A0105/02050002"])
    }

    @Test func foldersNotNamedLikeADepartmentCodeAreNoDepartments() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for path in [
            "001012/01000101", "students/03000001", "tools/__pycache__", "2a0105/02050001", "0010123/01000102",
            "00101/01000103", "00１012/01000104",
        ] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(path), withIntermediateDirectories: true)
        }
        let plan = try BatchPlan.discover(root: root)
        #expect(plan.applicants.map(\.key) == ["001012/01000101"])
        #expect(BatchPlan.isDepartmentName("2A0105") && BatchPlan.isDepartmentName("001012"))
        #expect(!BatchPlan.isDepartmentName("students") && !BatchPlan.isDepartmentName("profiles"))
    }

    @Test func theOutputFolderInsideTheRootIsNoDepartment() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for path in ["001012/01000101", "out/001012"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(path), withIntermediateDirectories: true)
        }
        let plan = try BatchPlan.discover(root: root, excluding: root.appendingPathComponent("out/"))
        #expect(plan.applicants.map(\.key) == ["001012/01000101"])
    }

    @Test func missingRootThrows() {
        #expect(throws: (any Error).self) {
            try BatchPlan.discover(root: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"))
        }
    }
}

@Suite struct ReportTextTests {
    @Test func fixedDecimals() {
        #expect(JSONText.fixed(12.345, places: 1) == "12.3")
        #expect(JSONText.fixed(0.05, places: 1) == "0.1")
        #expect(JSONText.fixed(7, places: 2) == "7.00")
        #expect(JSONText.fixed(-1.5, places: 0) == "-2")
        #expect(JSONText.fixed(.nan, places: 1) == "0")
    }

    @Test func digestIsFoundInTheXMLHead() {
        let xml = "<?xml version=\"1.0\"?><packet><meta><inputDigest>ab12</inputDigest></meta></packet>"
        #expect(recordedDigest(inXMLHead: Array(xml.utf8)) == "ab12")
        #expect(recordedDigest(inXMLHead: Array("<packet><inputDigest>ab".utf8)) == nil)
        #expect(recordedDigest(inXMLHead: []) == nil)
    }
}

@Suite struct AtomicFileTests {
    @Test func writesWholeFilesAndLeavesNoTemporaries() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("a.pdf")
        try AtomicFile.write(Array(repeating: 1, count: 100_000), to: target)
        try AtomicFile.write([2, 3], to: target)
        #expect(try Data(contentsOf: target) == Data([2, 3]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.pdf"])
        #expect(AtomicFile.temporaryNamePrefix(for: target) == ".a.pdf.tmp-")
    }

    @Test func anUnwritableFolderIsATypedError() {
        #expect(throws: AtomicWriteError.self) {
            try AtomicFile.write([1], to: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/a.pdf"))
        }
    }
}
