import Attachments
import Diagnostics
import Foundation
import OutputFiles
import PDFAVerify
import PDFWriter
import PacketContent
import PacketLayout
import PacketPDF
import PacketXML
import PortfolioRecord
import ReviewPacket
import Typesetting

/// The six stages of a packet, each a duration.
public struct StageDurations: Sendable, Equatable {
    public var read: Duration = .zero
    public var assemble: Duration = .zero
    /// Attachments decoded and checked, the text checked, typesetting and pagination.
    public var layout: Duration = .zero
    /// Font faces loaded and subset while writing the PDF.
    public var subset: Duration = .zero
    /// Writing the PDF, fonts excepted, and reading it back to check its PDF/A-3b claim (`PDFAVerify`).
    public var pdf: Duration = .zero
    /// Writing and validating the XML.
    public var xml: Duration = .zero

    public init() {}

    public var total: Duration { read + assemble + layout + subset + pdf + xml }

    public static func + (a: StageDurations, b: StageDurations) -> StageDurations {
        var sum = StageDurations()
        sum.read = a.read + b.read
        sum.assemble = a.assemble + b.assemble
        sum.layout = a.layout + b.layout
        sum.subset = a.subset + b.subset
        sum.pdf = a.pdf + b.pdf
        sum.xml = a.xml + b.xml
        return sum
    }
}

/// Where one packet's time went, for `report.json` and the benchmark: wall time per stage, and
/// the CPU time of the thread that ran it (a packet is made on one thread, so this is the packet's
/// own work, whatever else the machine is doing).
public struct PhaseTimings: Sendable, Equatable {
    public var wall = StageDurations()
    public var cpu = StageDurations()

    public init() {}

    public static func + (a: PhaseTimings, b: PhaseTimings) -> PhaseTimings {
        var sum = PhaseTimings()
        sum.wall = a.wall + b.wall
        sum.cpu = a.cpu + b.cpu
        return sum
    }
}

/// Marks the end of one stage and the start of the next, on both clocks.
struct StageStopwatch {
    private var wall = ContinuousClock.now
    private var cpu = Self.threadCPUTime()

    /// Adds the time since the last lap (or the start) to `stage`.
    mutating func lap(_ stage: WritableKeyPath<StageDurations, Duration>, into timings: inout PhaseTimings) {
        let wallNow = ContinuousClock.now
        let cpuNow = Self.threadCPUTime()
        timings.wall[keyPath: stage] += wallNow - wall
        timings.cpu[keyPath: stage] += cpuNow - cpu
        wall = wallNow
        cpu = cpuNow
    }

    static func threadCPUTime() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }
}

extension Duration {
    /// Milliseconds as a floating-point number.
    public var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}

/// Why no packet was made of an applicant.
public enum ExportFailure: Error, Sendable {
    /// The applicant folder does not exist or cannot be read (exit 66).
    case folderNotFound(path: String)
    /// The record could not be read at all, e.g. `_基本資料.json` missing (exit 65).
    case unusableInput(applicantNumber: String, diagnostics: [Diagnostic])
    /// A bug: something the input could not have caused (exit 70 for one applicant; in a batch the
    /// applicant fails and the rest go on).
    case internalError(String)
}

/// One finished packet, in memory: nothing is written until both files are made.
public struct ExportedPacket: Sendable {
    public var applicantNumber: String
    public var pdf: [UInt8]
    public var xml: [UInt8]
    public var pageCount: Int
    /// Every diagnostic: profile, reading, assembly, attachments, text; the XML's list.
    public var diagnostics: [Diagnostic]
    public var inputDigest: String

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }

    /// Writes both files atomically into the PDF's folder (made owner-only if missing), the PDF
    /// first: an XML beside a PDF means both are of the same run, which `batch --resume` relies on.
    func write(pdf pdfURL: URL, xml xmlURL: URL) throws(AtomicWriteError) {
        try OutputFolder.create(pdfURL.deletingLastPathComponent())
        try AtomicFile.write(pdf, to: pdfURL)
        try AtomicFile.write(xml, to: xmlURL)
    }
    public var warningCount: Int { diagnostics.count - errorCount }
}

/// Reads, assembles, typesets and writes one applicant's packet. Everything it holds is loaded once
/// (rule tables, fonts, layouts, the compiled XSD, prepared font programs) and shared read-only,
/// so one exporter serves every worker thread of a batch.
public struct PacketExporter: Sendable {
    public let rules: RuleBook
    public let typesetter: PacketTypesetter
    public let writer: PDFWriter
    public let schema: PacketSchema
    public let toolVersion: String
    /// The date every packet carries (SOURCE_DATE_EPOCH or the start of the run).
    public let creationDate: Date
    /// The faces replacing fonts students' PDFs do not embed, loaded once for every packet.
    public let substitutes: SubstituteFaces

    public init(
        rules: RuleBook, typesetter: PacketTypesetter, writer: PDFWriter, schema: PacketSchema, toolVersion: String,
        creationDate: Date, substitutes: SubstituteFaces = SubstituteFaces()
    ) {
        self.substitutes = substitutes
        self.rules = rules
        self.typesetter = typesetter
        self.writer = writer
        self.schema = schema
        self.toolVersion = toolVersion
        self.creationDate = creationDate
    }

    /// Reads the folder and assembles its packet by the profile's review items.
    public func assemble(
        folder: URL, profile: Profile, profileDiagnostics: [Diagnostic] = [], timings: inout PhaseTimings
    ) throws(ExportFailure) -> ReviewPacket {
        try Self.assemble(
            folder: folder, profile: profile, profileDiagnostics: profileDiagnostics, rules: rules,
            toolVersion: toolVersion, timings: &timings)
    }

    /// The same without an exporter, for `check`, which reads and assembles but writes nothing.
    public static func assemble(
        folder: URL, profile: Profile, profileDiagnostics: [Diagnostic] = [], rules: RuleBook, toolVersion: String,
        timings: inout PhaseTimings
    ) throws(ExportFailure) -> ReviewPacket {
        let record = try read(folder: folder, profileDiagnostics: profileDiagnostics, timings: &timings)
        return assemble(
            record, profile: profile, profileDiagnostics: profileDiagnostics, rules: rules, toolVersion: toolVersion,
            timings: &timings)
    }

    /// Reads an applicant folder (or a student's whole record) into a record.
    public static func read(folder: URL, profileDiagnostics: [Diagnostic] = [], timings: inout PhaseTimings)
        throws(ExportFailure) -> ApplicantRecord
    {
        var stopwatch = StageStopwatch()
        defer { stopwatch.lap(\.read, into: &timings) }
        do {
            return try ApplicantFolderReader().read(folder: folder)
        } catch {
            switch error {
            case .folderNotFound(let path): throw .folderNotFound(path: path)
            case .basicDataUnusable(let number, let diagnostics):
                throw .unusableInput(applicantNumber: number, diagnostics: profileDiagnostics + diagnostics)
            }
        }
    }

    /// Assembles a record by the profile's review items; with a student's tick list, only what it
    /// ticks (the tick-list errors first).
    public static func assemble(
        _ record: ApplicantRecord, profile: Profile, tickList: TickList? = nil, profileDiagnostics: [Diagnostic] = [],
        rules: RuleBook, toolVersion: String, timings: inout PhaseTimings
    ) -> ReviewPacket {
        var stopwatch = StageStopwatch()
        let assembler = PacketAssembler(rules: rules, toolVersion: toolVersion)
        var packet =
            if let tickList { assembler.assemble(record, profile: profile, tickList: tickList) } else {
                assembler.assemble(record, profile: profile)
            }
        packet.diagnostics = profileDiagnostics + packet.diagnostics
        stopwatch.lap(\.assemble, into: &timings)
        return packet
    }

    /// Every problem with the input made known before any writer starts: the attachments decoded
    /// and checked, the text checked against the fonts, each problem tagged with its item and
    /// added to the packet's diagnostics, the one list the XML, the preview's fix page, the console
    /// and report.json are made from.
    public func prepare(_ packet: ReviewPacket) throws(ExportFailure) -> PreparedPacket {
        try Self.prepare(packet, typesetter: typesetter, substitutes: substitutes)
    }

    /// The same with any typesetter, for `check`, which writes nothing.
    public static func prepare(
        _ packet: ReviewPacket, typesetter: PacketTypesetter, substitutes: SubstituteFaces = SubstituteFaces()
    ) throws(ExportFailure) -> PreparedPacket {
        var packet = packet
        let attachments = PreparedAttachments(
            files: packet.attachments, uses: attachmentUses(PacketContent.sections(packet)), substitutes: substitutes)
        packet.diagnostics += attachments.diagnostics
        do {
            packet.diagnostics += try typesetter.textDiagnostics(packet, attachments: attachments)
        } catch {
            throw .internalError("\(error)")
        }
        return PreparedPacket(packet: packet, attachments: attachments)
    }

    /// Where the packet's sections place files, in reading order, each with the item of its section:
    /// a file's problems belong to the first item that places it.
    static func attachmentUses(_ sections: [Section]) -> [AttachmentUse] {
        sections.flatMap { section in
            section.blocks.compactMap { block -> AttachmentUse? in
                switch block {
                case .image(let path): AttachmentUse(path: path, kind: .image, item: section.itemCode)
                case .pdfPages(let path), .markedPDFPages(let path, _):
                    AttachmentUse(path: path, kind: .pdfPages, item: section.itemCode)
                default: nil
                }
            }
        }
    }

    /// Makes the packet's PDF and XML in memory, one way: problems first (`prepare`), then the XML,
    /// then one layout (the preview's fix page included) and one PDF that carries the XML byte for
    /// byte (P6) and the applicant's audio and video as supplementary files. The writers can fail
    /// only for a bug.
    public func export(_ packet: ReviewPacket, preview: Bool = false, timings: inout PhaseTimings)
        throws(ExportFailure) -> ExportedPacket
    {
        var stopwatch = StageStopwatch()
        let prepared = try prepare(packet)
        let packet = prepared.packet
        do {
            let pages = try typesetter.typeset(packet, attachments: prepared.attachments, preview: preview)
            stopwatch.lap(\.layout, into: &timings)
            let xml = try PacketXML.document(packet)
            try schema.validate(xml)
            stopwatch.lap(\.xml, into: &timings)

            let embedded =
                [
                    EmbeddedFile(
                        name: packet.applicant.applicantNumber + ".xml", data: xml, mimeType: "application/xml",
                        description: "備審資料 XML（portfolio-export）", relationship: .data,
                        modificationDate: creationDate)
                ] + mediaEntries(packet.attachments, modificationDate: creationDate)
            let pageCount = pages.pageCount
            let document = PacketPDF.document(
                consume pages, packet: packet, attachments: prepared.attachments, embedded: embedded, creationDate: creationDate)
            // subset: making the writer's document and embedding its fonts; pdf: the rest, the PDF/A check included.
            let pdf = try PacketPDF.write(document, with: writer) { stopwatch.lap(\.subset, into: &timings) }
            try Self.checkPDFAClaim(pdf)
            stopwatch.lap(\.pdf, into: &timings)
            return ExportedPacket(
                applicantNumber: packet.applicant.applicantNumber, pdf: pdf, xml: xml, pageCount: pageCount,
                diagnostics: packet.diagnostics, inputDigest: packet.meta.inputDigest)
        } catch let error as ExportFailure {
            throw error
        } catch let error as PacketXMLError {
            throw .internalError(error.redactedDescription)
        } catch {
            throw .internalError("\(error)")
        }
    }
}

extension PacketExporter {
    /// A PDF that claims PDF/A-3 is read back in memory, before anything is written, and must pass
    /// every rule of ISO 19005-3 that `PDFAVerifier` checks (docs/pdfa.md): one that does not is a bug
    /// of ours, never shipped with the claim (exit 70). Project rules are not part of the claim: the
    /// tests hold every packet to them (the end-to-end harness), the product does not refuse a packet
    /// for them. The cost is in docs/performance.md. The findings are given in English: they are the
    /// developer's detail of an internal error.
    static func checkPDFAClaim(_ pdf: [UInt8]) throws(ExportFailure) {
        let report = PDFAVerifier.verify(pdf)
        let failed = report.failed.filter { $0.rule.clause != nil }
        guard report.claimsPDFA3, !failed.isEmpty else { return }
        let failures = failed.map { result in
            "\(result.rule.rawValue) (\(result.rule.clause.map { "ISO 19005-3 " + $0 } ?? "project rule")): "
                + result.findings.prefix(3).map(\.en).joined(separator: "; ")
        }
        throw .internalError("the PDF claims PDF/A-3b but fails " + failures.joined(separator: " | "))
    }
}

/// A packet whose every problem is known, with its attachments ready to place.
public struct PreparedPacket: Sendable {
    /// The packet, its diagnostics complete.
    public var packet: ReviewPacket
    public var attachments: PreparedAttachments
}
