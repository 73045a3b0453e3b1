import Diagnostics

/// `report.json`: one entry per applicant (status, diagnostics, pages, sizes, time), then totals.
/// Entries are in department/number order whatever order the workers finished in. Its shape is
/// `Templates/schema/report.schema.json`, versioned by `schemaVersion`.
public enum BatchReport {
    /// Raised when a member is removed or changes meaning; new optional members keep it.
    public static let schemaVersion = 1

    public static func json(
        _ result: BatchResult, options: BatchOptions, toolVersion: String, language: MessageLanguage
    ) -> String {
        var entries: [JSONText.Value] = []
        entries.reserveCapacity(result.outcomes.count)
        var total = PhaseTimings()
        var counts: [BatchOutcome.Status: Int] = [:]
        var pages = 0
        var pdfBytes = 0
        var xmlBytes = 0
        var elapsed = Duration.zero
        for outcome in result.outcomes {
            entries.append(entry(outcome, language: language))
            total = total + outcome.timings
            counts[outcome.status, default: 0] += 1
            pages += outcome.pageCount ?? 0
            pdfBytes += outcome.pdfBytes ?? 0
            xmlBytes += outcome.xmlBytes ?? 0
            elapsed += outcome.elapsed
        }
        let totals: JSONText.Value = .object([
            ("applicants", .int(result.outcomes.count)),
            ("ok", .int(counts[.ok] ?? 0)), ("warnings", .int(counts[.warnings] ?? 0)),
            ("errors", .int(counts[.errors] ?? 0)), ("failed", .int(counts[.failed] ?? 0)),
            ("skipped", .int(counts[.skipped] ?? 0)), ("notStarted", .int(result.notStarted)),
            ("pages", .int(pages)), ("pdfBytes", .int(pdfBytes)), ("xmlBytes", .int(xmlBytes)),
            ("milliseconds", milliseconds(elapsed)), ("wallMilliseconds", milliseconds(result.wallTime)),
            ("timings", timings(total.wall)),
            ("cpuTimings", timings(total.cpu)),
            ("preparedFontFaces", .int(result.preparedFontFaces)),
        ])
        return JSONText.render(
            .object([
                ("schemaVersion", .int(schemaVersion)),
                ("tool", .string("portfolio-export \(toolVersion)")),
                ("jobs", .int(options.jobs)),
                ("shard", .object([("index", .int(options.shard.index)), ("count", .int(options.shard.count))])),
                ("resume", .bool(options.resume)),
                ("interrupted", .bool(result.interrupted)),
                ("applicants", .array(entries)),
                ("totals", totals),
            ])) + "\n"
    }

    static func entry(_ outcome: BatchOutcome, language: MessageLanguage) -> JSONText.Value {
        let errors = outcome.diagnostics.filter { $0.severity == .error }
        let warnings = outcome.diagnostics.filter { $0.severity != .error }
        var members: [(String, JSONText.Value)] = [
            ("department", .string(outcome.applicant.department)),
            ("applicant", .string(outcome.applicant.number)),
            ("status", .string(outcome.status.rawValue)),
            ("profile", .optional(outcome.profile)),
            ("pages", outcome.pageCount.map(JSONText.Value.int) ?? .null),
            ("pdfBytes", outcome.pdfBytes.map(JSONText.Value.int) ?? .null),
            ("xmlBytes", outcome.xmlBytes.map(JSONText.Value.int) ?? .null),
            ("milliseconds", milliseconds(outcome.elapsed)),
            ("timings", timings(outcome.timings.wall)),
            ("errors", .array(errors.map { JSONText.diagnostic($0, language: language) })),
            ("warnings", .array(warnings.map { JSONText.diagnostic($0, language: language) })),
        ]
        if let failure = outcome.failure { members.append(("failure", .string(failure.message(language)))) }
        if outcome.outputUnwritable { members.append(("outputUnwritable", .bool(true))) }
        return .object(members)
    }

    static func timings(_ t: StageDurations) -> JSONText.Value {
        .object([
            ("read", milliseconds(t.read)), ("assemble", milliseconds(t.assemble)), ("layout", milliseconds(t.layout)),
            ("subset", milliseconds(t.subset)), ("pdf", milliseconds(t.pdf)), ("xml", milliseconds(t.xml)),
        ])
    }

    static func milliseconds(_ d: Duration) -> JSONText.Value {
        .decimal(d.milliseconds, places: 1)
    }
}
