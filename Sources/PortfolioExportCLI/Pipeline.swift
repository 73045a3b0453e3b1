import BundledFonts
import Diagnostics
import Foundation
import OutputFiles
import PacketExport
import PacketLayout
import PacketXML
import PDFWriter
import PortfolioRecord
import ReviewPacket
import Typesetting

/// Where messages go, and in which language. Personal data never passes through here: applicants
/// are named by 應試號碼 only, and every line is masked (`maskingNationalIDs`) on its way out, since
/// lines quote folder and file names the tool did not choose.
struct Console {
    var language: MessageLanguage

    static func fromEnvironment() -> Console {
        Console(language: MessageLanguage.from(environment: ProcessInfo.processInfo.environment))
    }

    func out(_ line: String) {
        FileHandle.standardOutput.write(Data((maskingNationalIDs(line) + "\n").utf8))
    }

    func err(_ line: String) {
        FileHandle.standardError.write(Data((maskingNationalIDs(line) + "\n").utf8))
    }

    /// Picks the message of the console's language.
    func say(_ chinese: String, _ english: String) -> String {
        language == .english ? english : chinese
    }
}

/// Exit status 73 (EX_CANTCREAT): the output folder cannot be written. Not an input problem, and
/// not a bug, so neither 66 nor 70 fits.
let cannotCreateOutput: Int32 = 73

/// An exit status as an error, for `Result`.
struct ExitFailure: Error {
    var status: Int32
    init(_ status: Int32) { self.status = status }
}

/// The steps every command shares: rules, profile, read, assemble.
struct Pipeline {
    let console: Console

    enum Outcome {
        case packet(ReviewPacket)
        /// No packet; the reasons were printed to stderr and, where they are diagnostics, are kept
        /// for `--json`.
        case stopped(status: Int32, diagnostics: [Diagnostic] = [])
    }

    /// The rule tables of every 招生學年度, loaded once per command; nil (after saying why) when the
    /// tool's own data cannot be read.
    func loadRules() -> RuleBook? {
        do {
            return try RuleBook.load()
        } catch {
            console.err(console.say("內部錯誤：無法載入審查項目表（\(error)）", "internal error: cannot load the rule tables (\(error))"))
            return nil
        }
    }

    func prepare(folder: String, profilePath: String?, rules: RuleBook) -> Outcome {
        let folderURL = URL(fileURLWithPath: folder)
        guard BatchPlan.isDirectory(folderURL) else {
            console.err(console.say("找不到申請生資料夾「\(folder)」", "applicant folder \"\(folder)\" does not exist"))
            return .stopped(status: ExitStatus.noInput)
        }

        var profileDiagnostics: [Diagnostic] = []
        let profile: Profile
        let path = profilePath ?? implicitProfilePath(for: folderURL)
        if let path {
            do {
                (profile, profileDiagnostics) = try ProfileLoader.load(path: path, rules: rules)
            } catch {
                console.err(error.diagnostic.line(console.language))
                return .stopped(
                    status: error.isMissing ? ExitStatus.noInput : ExitStatus.dataError, diagnostics: [error.diagnostic])
            }
        } else {
            profile = Profile.builtInDefault(rules: rules)
        }

        var timings = PhaseTimings()
        do {
            // Profile diagnostics are added here, not by `assemble`, so that a folder with no
            // packet reports only why none could be made.
            var packet = try PacketExporter.assemble(
                folder: folderURL, profile: profile, rules: rules, toolVersion: PortfolioExport.version,
                timings: &timings)
            packet.diagnostics = profileDiagnostics + packet.diagnostics
            return .packet(packet)
        } catch {
            switch error {
            case .folderNotFound(let path):
                console.err(console.say("找不到申請生資料夾「\(path)」", "applicant folder \"\(path)\" does not exist"))
                return .stopped(status: ExitStatus.noInput)
            case .unusableInput(let number, let diagnostics):
                console.err(console.say("\(number)：無法產生備審資料", "\(number): no packet can be made"))
                for diagnostic in diagnostics { console.err("  " + diagnostic.line(console.language)) }
                return .stopped(status: ExitStatus.dataError, diagnostics: diagnostics)
            case .internalError(let message):
                console.err(console.say("內部錯誤：\(message)", "internal error: \(message)"))
                return .stopped(status: ExitStatus.internalError)
            }
        }
    }

    /// `<root>/profiles/<校系代碼>.json` for `<root>/<校系代碼>/<應試號碼>/`, when it exists.
    func implicitProfilePath(for folder: URL) -> String? {
        let department = folder.standardizedFileURL.deletingLastPathComponent()
        return BatchPlan.profilePath(root: department.deletingLastPathComponent(), department: department.lastPathComponent)
    }

    // MARK: check

    func check(folder: String, profilePath: String?, json: Bool) -> Int32 {
        guard let rules = loadRules() else {
            if json { console.out(CheckReport.failedJSON(status: ExitStatus.internalError, diagnostics: [], language: console.language)) }
            return ExitStatus.internalError
        }
        var packet: ReviewPacket
        switch prepare(folder: folder, profilePath: profilePath, rules: rules) {
        case .stopped(let status, let diagnostics):
            // Machines still get a document when no packet could be made.
            if json { console.out(CheckReport.failedJSON(status: status, diagnostics: diagnostics, language: console.language)) }
            return status
        case .packet(let made):
            packet = made
        }
        // The typesetting warnings (characters no font has, Kangxi radicals) are part of what a
        // student can fix, so check sets the packet too, without writing it.
        if let fonts = try? FontSet.load(configurationAt: BundledFonts.configurationPath),
            let typeset = try? PacketTypesetter(fonts: fonts).typeset(
                packet, creationDate: nil, placingAttachments: true)
        {
            packet.diagnostics += PacketTypesetter.diagnostics(packet, typeset: typeset)
        } else {
            console.err(console.say("注意：字型無法載入，未檢查字元能否顯示", "note: fonts could not be loaded; glyph coverage was not checked"))
        }
        if json {
            console.out(CheckReport.json(packet, language: console.language))
        } else {
            for line in CheckReport.lines(packet, language: console.language) { console.out(line) }
        }
        return packet.hasErrors ? ExitStatus.dataError : ExitStatus.ok
    }

    // MARK: render

    /// Exit status 69 (EX_UNAVAILABLE): a font the configuration names is not installed. Not an
    /// input problem and not a bug: the machine lacks a package (scripts/bootstrap installs it).
    static let fontsUnavailable: Int32 = 69

    /// `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
    func creationDate() -> Date {
        if let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int(text), seconds >= 0 {
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return Date()
    }

    /// Everything loaded once per process: rule tables, fonts, layouts, the compiled XSD. A batch
    /// also prepares the font faces it uses often for subsetting (`hb_subset_preprocess`, see
    /// `FontProgramCache`); a single render would spend more on that than it saves.
    func makeExporter(rules: RuleBook, fontPreparation: FontProgramCache.Preparation) -> Result<PacketExporter, ExitFailure> {
        let schema: PacketSchema
        let typesetter: PacketTypesetter
        do {
            schema = try PacketSchema()
        } catch {
            console.err(console.say("內部錯誤：無法載入 XSD（\(error)）", "internal error: cannot load the XSD (\(error))"))
            return .failure(ExitFailure(ExitStatus.internalError))
        }
        do {
            let fonts = try FontSet.load(configurationAt: BundledFonts.configurationPath)
            do {
                typesetter = try PacketTypesetter.preloadingLayouts(fonts: fonts)
            } catch {
                console.err(console.say("內部錯誤：版面設定無法讀取（\(error)）", "internal error: a layout cannot be read (\(error))"))
                return .failure(ExitFailure(ExitStatus.internalError))
            }
        } catch {
            console.err(console.say("缺少字型：\(error)", "fonts missing: \(error)"))
            return .failure(ExitFailure(Self.fontsUnavailable))
        }
        let writer = PDFWriter(cache: FontProgramCache(preparation: fontPreparation))
        return .success(
            PacketExporter(
                rules: rules, typesetter: typesetter, writer: writer, schema: schema, toolVersion: PortfolioExport.version,
                creationDate: creationDate()))
    }

    func render(folder: String, profilePath: String?, outDirectory: String, preview: Bool) -> Int32 {
        guard let rules = loadRules() else { return ExitStatus.internalError }
        var packet: ReviewPacket
        switch prepare(folder: folder, profilePath: profilePath, rules: rules) {
        case .stopped(let status, _): return status
        case .packet(let made): packet = made
        }
        let number = packet.applicant.applicantNumber

        // Everything is made in memory first, so that a failure leaves no output of this applicant.
        let exported: ExportedPacket
        switch makeExporter(rules: rules, fontPreparation: .never) {
        case .failure(let failure): return failure.status
        case .success(let exporter):
            var timings = PhaseTimings()
            do {
                exported = try exporter.export(packet, preview: preview, timings: &timings)
            } catch {
                console.err(
                    console.say(
                        "內部錯誤：\(number) 的備審資料無法產生（\(error)）",
                        "internal error: the packet of \(number) could not be made (\(error))"))
                return ExitStatus.internalError
            }
        }
        let (xml, pdf) = (exported.xml, exported.pdf)
        packet.diagnostics = exported.diagnostics

        let outURL = URL(fileURLWithPath: outDirectory)
        let xmlURL = outURL.appendingPathComponent(number + ".xml")
        let pdfURL = outURL.appendingPathComponent(number + ".pdf")
        do {
            try OutputFolder.create(outURL)
            // The PDF first: an XML beside a PDF means both are of the same run (`batch --resume`
            // relies on it the same way).
            try AtomicFile.write(pdf, to: pdfURL)
            try AtomicFile.write(xml, to: xmlURL)
        } catch {
            console.err(console.say("無法寫入輸出資料夾「\(outDirectory)」（\(error)）", "cannot write to the output folder \"\(outDirectory)\" (\(error))"))
            return cannotCreateOutput
        }
        for diagnostic in packet.diagnostics { console.err(diagnostic.line(console.language)) }
        let errors = packet.diagnostics.filter { $0.severity == .error }.count
        let warnings = packet.diagnostics.count - errors
        console.out(
            console.say(
                "\(number)：已寫入 \(pdfURL.path) 與 \(xmlURL.lastPathComponent)（錯誤 \(errors) 項、警告 \(warnings) 項）",
                "\(number): wrote \(pdfURL.path) and \(xmlURL.lastPathComponent) (\(errors) errors, \(warnings) warnings)"))
        return errors > 0 ? ExitStatus.dataError : ExitStatus.ok
    }
}
