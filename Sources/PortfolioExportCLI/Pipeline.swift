import Diagnostics
import Foundation
import PacketXML
import PortfolioRecord
import ReviewPacket

/// Where messages go, and in which language. Personal data never passes through here: applicants
/// are named by 應試號碼 only.
struct Console {
    var language: MessageLanguage

    static func fromEnvironment() -> Console {
        Console(language: MessageLanguage.from(environment: ProcessInfo.processInfo.environment))
    }

    func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Picks the message of the console's language.
    func say(_ chinese: String, _ english: String) -> String {
        language == .english ? english : chinese
    }
}

/// Exit status 73 (EX_CANTCREAT): the output folder cannot be written. Not an input problem, and
/// not a bug, so neither 66 nor 70 fits.
let cannotCreateOutput: Int32 = 73

/// The steps every command shares: rules, profile, read, assemble.
struct Pipeline {
    let console: Console

    enum Outcome {
        case packet(ReviewPacket)
        /// No packet; the reasons were printed to stderr and, where they are diagnostics, are kept
        /// for `--json`.
        case stopped(status: Int32, diagnostics: [Diagnostic] = [])
    }

    func prepare(folder: String, profilePath: String?) -> Outcome {
        let rules: RuleBook
        do {
            rules = try RuleBook.load()
        } catch {
            console.err(console.say("內部錯誤：無法載入審查項目表（\(error)）", "internal error: cannot load the rule tables (\(error))"))
            return .stopped(status: ExitStatus.internalError)
        }
        let folderURL = URL(fileURLWithPath: folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folderURL.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
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

        let record: ApplicantRecord
        do {
            record = try ApplicantFolderReader().read(folder: folderURL)
        } catch {
            switch error {
            case .folderNotFound(let path):
                console.err(console.say("找不到申請生資料夾「\(path)」", "applicant folder \"\(path)\" does not exist"))
                return .stopped(status: ExitStatus.noInput)
            case .basicDataUnusable(let number, let diagnostics):
                console.err(console.say("\(number)：無法產生備審資料", "\(number): no packet can be made"))
                for diagnostic in diagnostics { console.err("  " + diagnostic.line(console.language)) }
                return .stopped(status: ExitStatus.dataError, diagnostics: diagnostics)
            }
        }
        var packet = PacketAssembler(rules: rules, toolVersion: PortfolioExport.version).assemble(record, profile: profile)
        packet.diagnostics = profileDiagnostics + packet.diagnostics
        return .packet(packet)
    }

    /// `<root>/profiles/<校系代碼>.json` for `<root>/<校系代碼>/<應試號碼>/`, when it exists.
    func implicitProfilePath(for folder: URL) -> String? {
        let department = folder.standardizedFileURL.deletingLastPathComponent()
        let root = department.deletingLastPathComponent()
        let candidate = root.appendingPathComponent("profiles").appendingPathComponent(
            department.lastPathComponent + ".json")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate.path : nil
    }

    // MARK: check

    func check(folder: String, profilePath: String?, json: Bool) -> Int32 {
        let packet: ReviewPacket
        switch prepare(folder: folder, profilePath: profilePath) {
        case .stopped(let status, let diagnostics):
            // Machines still get a document when no packet could be made.
            if json { console.out(CheckReport.failedJSON(status: status, diagnostics: diagnostics, language: console.language)) }
            return status
        case .packet(let made):
            packet = made
        }
        if json {
            console.out(CheckReport.json(packet, language: console.language))
        } else {
            for line in CheckReport.lines(packet, language: console.language) { console.out(line) }
        }
        return packet.hasErrors ? ExitStatus.dataError : ExitStatus.ok
    }

    // MARK: render

    func render(folder: String, profilePath: String?, outDirectory: String, preview: Bool) -> Int32 {
        let packet: ReviewPacket
        switch prepare(folder: folder, profilePath: profilePath) {
        case .stopped(let status, _): return status
        case .packet(let made): packet = made
        }
        let outURL = URL(fileURLWithPath: outDirectory)
        do {
            try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
        } catch {
            console.err(console.say("無法建立輸出資料夾「\(outDirectory)」", "cannot create the output folder \"\(outDirectory)\""))
            return cannotCreateOutput
        }
        let number = packet.applicant.applicantNumber
        let xmlURL = outURL.appendingPathComponent(number + ".xml")
        do {
            let schema = try PacketSchema()
            try PacketXML.write(packet, to: xmlURL, schema: schema)
        } catch {
            console.err(console.say("內部錯誤：\(number) 的 XML 無法寫入（\(error)）", "internal error: the XML of \(number) could not be written (\(error))"))
            return ExitStatus.internalError
        }
        for diagnostic in packet.diagnostics { console.err(diagnostic.line(console.language)) }
        let errors = packet.diagnostics.filter { $0.severity == .error }.count
        let warnings = packet.diagnostics.count - errors
        console.out(
            console.say(
                "\(number)：已寫入 \(xmlURL.path)（錯誤 \(errors) 項、警告 \(warnings) 項）",
                "\(number): wrote \(xmlURL.path) (\(errors) errors, \(warnings) warnings)"))
        return errors > 0 ? ExitStatus.dataError : ExitStatus.ok
    }
}
