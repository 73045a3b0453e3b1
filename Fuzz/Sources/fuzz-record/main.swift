import CFuzzerDriver
import FuzzSupport
import Glibc
import PacketExport
import PacketXML
import ReviewPacket

/// Made once per process (static lets: not tied to the main actor, as top-level ones would be).
enum Shared {
    static let exporter = FuzzExporter.make()
    static let scratch = ScratchApplicant(name: "fuzz-record")
    static let profile = Profile.builtInDefault(rules: exporter.rules)
    /// The file each input becomes, by its first byte.
    static let fileNames: [String] = [
        "基本資料.json", "修課紀錄.json", "課程學習成果.json", "多元表現.json", "就讀動機.md", "高中學習歷程反思.txt",
    ].map { "\(ScratchApplicant.number)_\($0)" }
}

/// One input: the first byte picks a file of the applicant folder, the rest is its content; the
/// folder is read, assembled with the built-in profile, and its XML made and validated against the
/// XSD. A packet whose XML fails its own schema is a bug (the tool would exit 70 on input it should
/// report as data), so it traps here, as a crash does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecord(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let name = Shared.fileNames[Int(bytes[0]) % Shared.fileNames.count]
    var files = [Shared.fileNames[0]: ScratchApplicant.basicData]
    files[name] = Array(bytes.dropFirst())
    Shared.scratch.fill(files)
    var timings = PhaseTimings()
    guard
        let packet = try? Shared.exporter.assemble(
            folder: Shared.scratch.folder, profile: Shared.profile, timings: &timings)
    else { return 0 }
    do {
        try Shared.exporter.schema.validate(try PacketXML.document(packet))
    } catch {
        fatalError("the XML of a packet fails its own schema: \(error)")
    }
    return 0
}

// The top-level code is the program's main: it hands over to libFuzzer's driver (see fuzz-pdfreader).
var arguments = CommandLine.argc
var values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &values, fuzzRecord))
