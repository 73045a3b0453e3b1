import Foundation
import PacketContent
import PortfolioRecord
import ReviewPacket
import TypstExport

/// typst-export <root> --out DIR --layouts DIR [--limit N]
///
/// For every `<root>/<校系代碼>/<應試號碼>/`: read and assemble as `portfolio-export render` does (the
/// department's profile from `<root>/profiles/`), take `PacketContent.sections`, and write
/// `<DIR>/<校系代碼>/<應試號碼>.typ`. Its own time is not part of the comparison: only Typst's compile is.
struct Options {
    var root = ""
    var out = ""
    var layouts = ""
    var limit = Int.max

    static func parse(_ arguments: [String]) -> Options? {
        var options = Options()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--out": options.out = rest.popFirst() ?? ""
            case "--layouts": options.layouts = rest.popFirst() ?? ""
            case "--limit": options.limit = rest.popFirst().flatMap(Int.init) ?? Int.max
            default: options.root = argument
            }
        }
        return options.root.isEmpty || options.out.isEmpty || options.layouts.isEmpty ? nil : options
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("typst-export: " + message + "\n").utf8))
    exit(1)
}

guard let options = Options.parse(Array(CommandLine.arguments.dropFirst())) else {
    fail("usage: typst-export <root> --out DIR --layouts DIR [--limit N]")
}

let files = FileManager.default
let rootURL = URL(fileURLWithPath: options.root)
let rules: RuleBook
do { rules = try RuleBook.load() } catch { fail("rule tables: \(error)") }

var applicants: [(department: String, folder: URL)] = []
for department in ((try? files.contentsOfDirectory(atPath: rootURL.path)) ?? []).sorted() where department != "profiles" {
    let departmentURL = rootURL.appendingPathComponent(department)
    for number in ((try? files.contentsOfDirectory(atPath: departmentURL.path)) ?? []).sorted() {
        applicants.append((department, departmentURL.appendingPathComponent(number)))
    }
}
applicants = Array(applicants.prefix(options.limit))

var profiles: [String: Profile] = [:]
var styles: [String: TypstEmitter] = [:]
var written = 0
for (department, folder) in applicants {
    let profile: Profile
    if let cached = profiles[department] {
        profile = cached
    } else {
        let path = rootURL.appendingPathComponent("profiles/\(department).json").path
        do {
            // As `batch` does: every department has its profile (no default).
            profile = try ProfileLoader.load(path: path, rules: rules).0
        } catch { fail("profile \(department): \(error)") }
        profiles[department] = profile
    }
    let record: ApplicantRecord
    do { record = try ApplicantFolderReader().read(folder: folder) } catch {
        FileHandle.standardError.write(Data("typst-export: \(folder.lastPathComponent) skipped (\(error))\n".utf8))
        continue
    }
    let packet = PacketAssembler(rules: rules, toolVersion: "0.1.0").assemble(record, profile: profile)
    let family = packet.meta.channelFamily.rawValue
    let emitter: TypstEmitter
    if let cached = styles[family] {
        emitter = cached
    } else {
        do {
            emitter = TypstEmitter(style: try TypstStyle(layoutFile: URL(fileURLWithPath: options.layouts).appendingPathComponent("\(family).json")))
        } catch { fail("layout \(family): \(error)") }
        styles[family] = emitter
    }
    let number = packet.applicant.applicantNumber
    let source = emitter.document(
        PacketContent.sections(packet), applicantNumber: number, departmentCode: packet.meta.departmentCode,
        title: "備審資料 \(number)")
    let outFolder = URL(fileURLWithPath: options.out).appendingPathComponent(department)
    do {
        try files.createDirectory(at: outFolder, withIntermediateDirectories: true)
        try Data(source.utf8).write(to: outFolder.appendingPathComponent(folder.lastPathComponent + ".typ"))
    } catch { fail("cannot write \(outFolder.path): \(error)") }
    written += 1
}
print("typst-export: \(written) documents written under \(options.out)")
