import Foundation
import Testing

/// `report.json` and `check --json` are contracts: real outputs of the tool validate against the
/// JSON Schemas shipped in `Templates/schema/`, with a real validator (check-jsonschema, installed by
/// `scripts/bootstrap --test` into `.build/test-venv`).
@Suite struct JSONSchemaTests {
    static let validator = Harness.root.appendingPathComponent(".build/test-venv/bin/check-jsonschema").path
    static let report = "Templates/schema/report.schema.json"
    static let check = "Templates/schema/check.schema.json"
    static let verify = "Templates/schema/verify.schema.json"

    /// Validates `documents` (paths) against `schema`; the validator's output on failure.
    static func validate(_ documents: [String], against schema: String) throws -> Harness.Result {
        try Harness.tool(validator, ["--schemafile", Harness.root.appendingPathComponent(schema).path] + documents)
    }

    @Test func theSchemasAreValidSchemas() throws {
        let result = try Harness.tool(
            Self.validator,
            ["--check-metaschema", Harness.root.appendingPathComponent(Self.report).path,
             Harness.root.appendingPathComponent(Self.check).path, Harness.root.appendingPathComponent(Self.verify).path])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func batchReportsValidate() throws {
        let out = try Harness.temporaryFolder("schema-batch")
        defer { try? FileManager.default.removeItem(at: out) }
        let batch = try Harness.run(["batch", "samples", "--out", out.path, "--jobs", "2"], timeout: 300)
        #expect(batch.status == 0, "\(batch.output)")
        let sharded = try Harness.run(["batch", "samples", "--out", out.path, "--shard", "1/2", "--resume"], timeout: 300)
        #expect(sharded.status == 0, "\(sharded.output)")
        let reports = [out.appendingPathComponent("report.json").path, out.appendingPathComponent("report-1-of-2.json").path]
        let result = try Self.validate(reports, against: Self.report)
        #expect(result.status == 0, "\(result.output)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reports[0]))) as? [String: Any])
        #expect(report["schemaVersion"] as? Int == 1)
        let first = try #require((report["applicants"] as? [[String: Any]])?.first)
        #expect(first["profile"] as? String == "001012.json")
    }

    /// Every form `check --json` takes: a packet, one with errors, the record's items, a failure.
    @Test func checkOutputsValidate() throws {
        let folder = try Harness.temporaryFolder("schema-check")
        defer { try? FileManager.default.removeItem(at: folder) }
        var documents: [String] = []
        func save(_ arguments: [String], _ name: String, status: Int32) throws {
            let result = try Harness.run(arguments)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            let path = folder.appendingPathComponent(name).path
            try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: path))
            documents.append(path)
        }
        for (index, applicant) in Harness.sampleApplicants.enumerated() {
            try save(["check", applicant, "--json"], "sample-\(index).json", status: 0)
        }
        try save(["check", "samples/001012/01000101", "--json", "--items"], "items.json", status: 0)
        try save(["check", "/nonexistent/01234567", "--json"], "missing.json", status: 66)
        try save(["check", "samples/001012/01000101", "--json", "--profile", "/nonexistent/p.json"], "noprofile.json", status: 66)
        try save(
            ["check", "Tests/Fixtures/malformed/17-outcomes-object/09000017", "--json", "--profile", "Tests/Fixtures/malformed/profile-university.json"],
            "malformed.json", status: 65)
        let result = try Self.validate(documents, against: Self.check)
        #expect(result.status == 0, "\(result.output)")
        let missing = try String(contentsOfFile: folder.appendingPathComponent("missing.json").path, encoding: .utf8)
        #expect(missing.contains("\"schemaVersion\": 1") || missing.contains("\"schemaVersion\":1"))
    }
}
