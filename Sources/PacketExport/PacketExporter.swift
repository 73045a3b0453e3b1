import Attachments
import Diagnostics
import Foundation
import OutputFiles
import PDFWriter
import PacketContent
import PacketLayout
import PacketPDF
import PacketXML
import PortfolioRecord
import ReviewPacket
import Typesetting

/// Where one packet's time went, for `report.json` and the benchmark.
public struct PhaseTimings: Sendable, Equatable {
    public var read: Duration = .zero
    public var assemble: Duration = .zero
    /// Attachments decoded and checked, the text checked, typesetting and pagination.
    public var layout: Duration = .zero
    /// Font faces loaded and subset while writing the PDF.
    public var subset: Duration = .zero
    /// Writing the PDF, fonts excepted.
    public var pdf: Duration = .zero
    /// Writing and validating the XML.
    public var xml: Duration = .zero

    public init() {}

    public var total: Duration { read + assemble + layout + subset + pdf + xml }

    public static func + (a: PhaseTimings, b: PhaseTimings) -> PhaseTimings {
        var sum = PhaseTimings()
        sum.read = a.read + b.read
        sum.assemble = a.assemble + b.assemble
        sum.layout = a.layout + b.layout
        sum.subset = a.subset + b.subset
        sum.pdf = a.pdf + b.pdf
        sum.xml = a.xml + b.xml
        return sum
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
        let clock = ContinuousClock()
        let readStart = clock.now
        defer { timings.read += clock.now - readStart }
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
        let clock = ContinuousClock()
        let assembleStart = clock.now
        let assembler = PacketAssembler(rules: rules, toolVersion: toolVersion)
        var packet =
            if let tickList { assembler.assemble(record, profile: profile, tickList: tickList) } else {
                assembler.assemble(record, profile: profile)
            }
        packet.diagnostics = profileDiagnostics + packet.diagnostics
        timings.assemble += clock.now - assembleStart
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
        let clock = ContinuousClock()
        let layoutStart = clock.now
        let prepared = try prepare(packet)
        let packet = prepared.packet
        do {
            let pages = try typesetter.typeset(packet, attachments: prepared.attachments, preview: preview)
            let xmlStart = clock.now
            timings.layout += xmlStart - layoutStart
            let xml = try PacketXML.document(packet)
            try schema.validate(xml)
            let pdfStart = clock.now
            timings.xml += pdfStart - xmlStart

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
            var fontsDone = pdfStart
            let pdf = try PacketPDF.write(document, with: writer) { fontsDone = clock.now }
            timings.subset += fontsDone - pdfStart
            timings.pdf += clock.now - fontsDone
            return ExportedPacket(
                applicantNumber: packet.applicant.applicantNumber, pdf: pdf, xml: xml, pageCount: pageCount,
                diagnostics: packet.diagnostics, inputDigest: packet.meta.inputDigest)
        } catch let error as PacketXMLError {
            throw .internalError(error.redactedDescription)
        } catch {
            throw .internalError("\(error)")
        }
    }
}

/// A packet whose every problem is known, with its attachments ready to place.
public struct PreparedPacket: Sendable {
    /// The packet, its diagnostics complete.
    public var packet: ReviewPacket
    public var attachments: PreparedAttachments
}
