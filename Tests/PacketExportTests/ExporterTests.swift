import Diagnostics
import Foundation
import InstalledData
import PDFWriter
import PacketLayout
import PacketXML
import PortfolioRecord
import ReviewPacket
import Testing
import Typesetting

@testable import PacketExport

/// `PacketExporter` in process, on copies of the samples.
@Suite struct ExporterTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func exporter() throws -> PacketExporter {
        let fonts = try FontSet.load(
            configurationAt: repositoryRoot.appendingPathComponent("Fonts/fallback.json").path)
        return PacketExporter(
            rules: try RuleBook.load(), typesetter: PacketTypesetter(fonts: fonts),
            writer: PDFWriter(cache: FontProgramCache(preparation: .never)), schema: try PacketSchema(),
            toolVersion: "test", creationDate: Date(timeIntervalSince1970: 1_700_000_000))
    }

    /// A copy of one sample applicant, so a test may change its files.
    static func copyOfSample(_ department: String, _ number: String) throws -> URL {
        let copy = FileManager.default.temporaryDirectory
            .appendingPathComponent("exporter-\(UUID().uuidString)/\(department)/\(number)")
        try FileManager.default.createDirectory(
            at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("samples/\(department)/\(number)"), to: copy)
        return copy
    }

    /// Each attached file is read once, when the record is read: replacing or deleting every file
    /// of the folder between reading and writing changes neither the PDF nor the XML (the images,
    /// the imported PDF pages and the video inside come from the bytes whose digests the XML gives).
    @Test func attachmentsArePlacedFromTheBytesRead() throws {
        let exporter = try Self.exporter()
        let (profile, _) = try ProfileLoader.load(
            path: Self.repositoryRoot.appendingPathComponent("samples/profiles/001012.json").path, rules: exporter.rules)
        let folder = try Self.copyOfSample("001012", "01000101")
        var timings = PhaseTimings()
        let packet = try exporter.assemble(folder: folder, profile: profile, timings: &timings)
        #expect(packet.attachments.contains { $0.mediaType == .png })
        #expect(packet.attachments.contains { $0.mediaType == .pdf })
        #expect(packet.attachments.contains { $0.mediaType == .mp4 })
        let untouched = try exporter.export(packet, timings: &timings)

        // Every file swapped for other bytes, the files/ folder removed.
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        for case let relative as String in enumerator {
            let url = folder.appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                try Data("swapped after the read".utf8).write(to: url)
            }
        }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("files"))
        let swapped = try exporter.export(packet, timings: &timings)

        #expect(swapped.pdf == untouched.pdf)
        #expect(swapped.xml == untouched.xml)
        #expect(!untouched.diagnostics.contains { $0.kind.code == "attachment-unreadable" })
        // The video travels inside the PDF byte for byte.
        let video = try #require(packet.attachments.first { $0.mediaType == .mp4 })
        #expect(untouched.pdf.count > video.bytes.count)
        #expect(sha256Hex(video.bytes) == video.sha256)
    }
}

/// `ApplicantSession` (what `check` and `render` run), the one exit-status mapping, and the batch
/// runner, in process.
extension ExporterTests {
    /// A PDF that claims PDF/A-3b and fails a rule of ISO 19005-3 is a bug of ours: the internal error
    /// quotes the findings in English, the developer's detail, whatever the console's language.
    @Test func aFailedPDFAClaimIsAnInternalErrorWithEnglishFindings() {
        let xmp = """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">\
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" \
            xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>3</pdfaid:part><pdfaid:conformance>B\
            </pdfaid:conformance></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>
            """
        // No output intent: fails output-intent (6.2.3).
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            "<< /Type /Metadata /Subtype /XML /Length \(xmp.utf8.count) >>\nstream\n\(xmp)\nendstream",
        ]
        var pdf = Array("%PDF-1.7\n".utf8) + [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(pdf.count)
            pdf += Array("\(i + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = pdf.count
        pdf += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { pdf += Array((String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n").utf8) }
        pdf += Array(
            "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /ID [<00112233> <00112233>] >>\nstartxref\n\(xref)\n%%EOF\n".utf8)

        do {
            try PacketExporter.checkPDFAClaim(pdf)
            Issue.record("a PDF claiming PDF/A-3b without an output intent passed")
        } catch {
            guard case .internalError(let detail) = error else {
                Issue.record("not an internal error: \(error)")
                return
            }
            #expect(detail.contains("output-intent (ISO 19005-3 6.2.3): no output intent with /S /GTS_PDFA1"), "\(detail)")
            #expect(!detail.unicodeScalars.contains { (0x3400...0x9FFF).contains($0.value) }, "\(detail)")
        }
    }
}

@Suite struct SessionTests {
    static let session = ApplicantSession(rules: try! RuleBook.load(), toolVersion: "test")
    static var fonts: String { ExporterTests.repositoryRoot.appendingPathComponent("Fonts/fallback.json").path }

    /// `<tmp>/root/001012/01000101` and `…/01000104` with `profiles/001012.json`.
    static func sampleRoot() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("session-\(UUID().uuidString)")
        let samples = ExporterTests.repositoryRoot.appendingPathComponent("samples")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("001012"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        for number in ["01000101", "01000104"] {
            try FileManager.default.copyItem(
                at: samples.appendingPathComponent("001012/\(number)"), to: root.appendingPathComponent("001012/\(number)"))
        }
        try FileManager.default.copyItem(
            at: samples.appendingPathComponent("profiles/001012.json"), to: root.appendingPathComponent("profiles/001012.json"))
        return root
    }

    static let missingFace = FontConfiguration.Face(
        id: "x", file: "X.ttf", postScriptName: "X-Regular", family: "X", package: "fonts-x")
    static var missingData: DataFolderMissing {
        guard case .failure(let missing) = DataFolder.locate(environment: [DataFolder.environmentVariable: "/nonexistent"], executable: nil)
        else { fatalError("a folder that does not exist was taken for the data") }
        return missing
    }

    @Test func everyFailureHasItsExitStatus() {
        let diagnostic = Diagnostic.error(.profileMissing(path: "p"), file: "p")
        let cases: [(SessionFailure, Int32)] = [
            (.templateInvalid(.error(.templateInvalid(.missing), file: "Templates/rules/115.json", field: "招生管道")), 70),
            (.toolDataUnreadable(.schema, detail: ""), 70),
            (.fontsUnavailable(.facesNotFound([Self.missingFace], searched: ["fontconfig"])), 69),
            (.folderNotFound(path: "x"), 66),
            (.profileUnusable(diagnostic, missing: true), 66), (.profileUnusable(diagnostic, missing: false), 65),
            (.unusableInput(applicantNumber: "1", diagnostics: []), 65), (.outputUnwritable(path: "o", reason: .permissionDenied), 73),
            (.internalError("bug"), 70), (.dataFolderMissing(Self.missingData), 70),
        ]
        for (failure, status) in cases {
            #expect(ExitStatus.of(failure) == status, "\(failure)")
            #expect(!failure.lines(.traditionalChinese).isEmpty && !failure.lines(.english).isEmpty)
        }
        #expect(ExitStatus.of([Diagnostic.warning(.unreferencedFile, file: "f")]) == 0)
        #expect(ExitStatus.of([Diagnostic.error(.requiredFileMissing, file: "f")]) == 65)
    }

    @Test func theDepartmentsProfileIsFoundAndANamedOneThatIsMissingIs66() throws {
        let root = try Self.sampleRoot()
        let folder = root.appendingPathComponent("001012/01000104")
        let packet = try Self.session.assemble(folder: folder, profilePath: nil)
        #expect(packet.meta.departmentCode == "001012")
        #expect(Profiles.departmentPath(for: folder) == root.appendingPathComponent("profiles/001012.json").path)
        do {
            _ = try Self.session.assemble(folder: folder, profilePath: root.appendingPathComponent("none.json").path)
            Issue.record("a named profile that does not exist stops the applicant")
        } catch {
            #expect(ExitStatus.of(error) == 66)
            #expect(error.diagnostics.map(\.kind) == [.profileMissing(path: root.appendingPathComponent("none.json").path)])
        }
        do {
            _ = try Self.session.assemble(folder: root.appendingPathComponent("001012/09999999"), profilePath: nil)
            Issue.record("a folder that does not exist stops the applicant")
        } catch {
            #expect(ExitStatus.of(error) == 66)
        }
    }

    @Test func renderWritesBothFilesAndAPreviewNeverTakesTheFinalNames() throws {
        let root = try Self.sampleRoot()
        let exporter = try ExporterTests.exporter()
        let out = root.appendingPathComponent("out/nested")
        let folder = root.appendingPathComponent("001012/01000104")
        let rendered = try Self.session.render(folder: folder, profilePath: nil, exporter: exporter, outDirectory: out, preview: false)
        #expect(rendered.pdf.lastPathComponent == "01000104.pdf")
        #expect(rendered.xml.lastPathComponent == "01000104.xml")
        let preview = try Self.session.render(folder: folder, profilePath: nil, exporter: exporter, outDirectory: out, preview: true)
        #expect(preview.pdf.lastPathComponent == "01000104.preview.pdf")
        #expect(preview.xml.lastPathComponent == "01000104.preview.xml")
        for url in [rendered.pdf, rendered.xml, preview.pdf, preview.xml] {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(url.lastPathComponent)")
        }
        #expect(try Data(contentsOf: rendered.pdf).starts(with: Array("%PDF-".utf8)))
        // Something in the way of the output folder is an output error, not a data error.
        let blocked = root.appendingPathComponent("blocked")
        try Data("a file".utf8).write(to: blocked)
        do {
            _ = try Self.session.render(
                folder: folder, profilePath: nil, exporter: exporter, outDirectory: blocked.appendingPathComponent("x"),
                preview: false)
            Issue.record("an output folder that cannot be made stops the render")
        } catch {
            #expect(ExitStatus.of(error) == 73)
        }
    }

    @Test func checkAddsTheTypesettingWarningsAndSaysWhenFontsAreMissing() throws {
        let root = try Self.sampleRoot()
        let folder = root.appendingPathComponent("001012/01000101")
        let checked = try Self.session.check(folder: folder, profilePath: nil, fontConfigurationPath: Self.fonts)
        #expect(checked.glyphsChecked)
        let unchecked = try Self.session.check(
            folder: folder, profilePath: nil, fontConfigurationPath: root.appendingPathComponent("no-fonts.json").path)
        #expect(!unchecked.glyphsChecked)
        #expect(unchecked.packet.applicant.applicantNumber == "01000101")
    }

    @Test func theBatchRunnerRendersEveryApplicantOnItsWorkers() throws {
        let root = try Self.sampleRoot()
        let out = root.appendingPathComponent("out")
        let plan = try BatchPlan.discover(root: root, excluding: out)
        #expect(plan.applicants.map(\.number) == ["01000101", "01000104"])
        let result = BatchRunner(exporter: try ExporterTests.exporter(), options: BatchOptions(outDirectory: out, jobs: 2))
            .run(plan)
        #expect(result.outcomes.count == 2)
        #expect(result.outcomes.allSatisfy { $0.status != .failed && $0.pageCount ?? 0 > 0 })
        #expect(ExitStatus.of(result) == (result.anyFailedOrErrors ? 65 : 0))
        for number in ["01000101", "01000104"] {
            for ext in ["pdf", "xml"] {
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("001012/\(number).\(ext)").path))
            }
        }
        // A second run with --resume skips both: nothing changed.
        let again = BatchRunner(
            exporter: try ExporterTests.exporter(), options: BatchOptions(outDirectory: out, jobs: 2, resume: true)
        ).run(plan)
        #expect(again.outcomes.map(\.status) == [.skipped, .skipped])
    }
}
