import BundledFonts
import Diagnostics
import Foundation
import PDFWriter
import PacketExport
import ReviewPacket

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

    /// Prints why a command stopped, and gives its exit status.
    func stopped(_ failure: SessionFailure) -> Int32 {
        failure.lines(language).forEach(err)
        return ExitStatus.of(failure)
    }
}

/// `check` and `render`: the work is `ApplicantSession`'s; here, what is printed.
struct Pipeline {
    let console: Console

    /// `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
    static func creationDate() -> Date {
        if let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int(text), seconds >= 0 {
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return Date()
    }

    func session() throws(SessionFailure) -> ApplicantSession {
        ApplicantSession(rules: try ApplicantSession.loadRules(), toolVersion: PortfolioExport.version)
    }

    func makeExporter(rules: RuleBook, fontPreparation: FontProgramCache.Preparation) throws(SessionFailure)
        -> PacketExporter
    {
        try ApplicantSession.makeExporter(
            rules: rules, toolVersion: PortfolioExport.version, fontConfigurationPath: BundledFonts.configurationPath,
            fontPreparation: fontPreparation, creationDate: Self.creationDate())
    }

    // MARK: check

    func check(folder: String, profilePath: String?, tickListPath: String?, listingItems: Bool, json: Bool) -> Int32 {
        let result: CheckResult
        do {
            result = try session().checkOrList(
                folder: URL(fileURLWithPath: folder), profilePath: profilePath, tickListPath: tickListPath,
                listingItems: listingItems, fontConfigurationPath: BundledFonts.configurationPath)
        } catch {
            // Machines still get a document when no packet could be made.
            if json {
                console.out(
                    CheckReport.failedJSON(
                        status: ExitStatus.of(error), diagnostics: error.diagnostics, language: console.language))
            }
            return console.stopped(error)
        }
        let checked: CheckedPacket
        switch result {
        case .listing(let listing):
            if json {
                console.out(CheckReport.json(listing, language: console.language))
            } else {
                for line in CheckReport.lines(listing, language: console.language) { console.out(line) }
            }
            return ExitStatus.of(listing.diagnostics)
        case .packet(let packet):
            checked = packet
        }
        if json {
            console.out(CheckReport.json(checked.packet, recordItems: checked.recordItems, language: console.language))
        } else {
            if let items = checked.recordItems {
                for line in CheckReport.itemLines(items, tickList: checked.packet.meta.tickList, language: console.language) {
                    console.out(line)
                }
            }
            for line in CheckReport.lines(checked.packet, language: console.language) { console.out(line) }
        }
        guard checked.glyphsChecked else {
            // An incomplete check is not a clean one: the machine lacks the fonts a packet needs.
            if let problem = checked.fontProblem { SessionFailure.fontsUnavailable(problem).lines(console.language).forEach(console.err) }
            console.err(console.say("缺少字型：無法檢查字元能否顯示", "fonts missing: glyph coverage was not checked"))
            return ExitStatus.fontsUnavailable
        }
        return ExitStatus.of(checked.packet.diagnostics)
    }

    // MARK: render

    func render(folder: String, profilePath: String?, tickListPath: String?, outDirectory: String, preview: Bool) -> Int32 {
        let rendered: RenderedPacket
        do {
            let session = try session()
            let exporter = try makeExporter(rules: session.rules, fontPreparation: .never)
            rendered = try session.render(
                folder: URL(fileURLWithPath: folder), profilePath: profilePath, tickListPath: tickListPath, exporter: exporter,
                outDirectory: URL(fileURLWithPath: outDirectory), preview: preview)
        } catch {
            return console.stopped(error)
        }
        for diagnostic in rendered.diagnostics { console.err(diagnostic.line(console.language)) }
        let errors = rendered.diagnostics.filter { $0.severity == .error }.count
        let warnings = rendered.diagnostics.count - errors
        let number = rendered.applicantNumber
        console.out(
            console.say(
                "\(number)：已寫入 \(rendered.pdf.path) 與 \(rendered.xml.lastPathComponent)（錯誤 \(errors) 項、警告 \(warnings) 項）",
                "\(number): wrote \(rendered.pdf.path) and \(rendered.xml.lastPathComponent) (\(errors) errors, \(warnings) warnings)"))
        return ExitStatus.of(rendered.diagnostics)
    }
}
