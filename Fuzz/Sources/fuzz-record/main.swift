import CFuzzerDriver
import FuzzSupport
import Glibc
import PacketExport
import PacketXML
import ReviewPacket

/// One input: the first byte picks a file of the applicant folder, the rest is its content; the
/// folder is read, assembled with the built-in profile, and its XML made and validated against the
/// XSD. A packet whose XML fails its own schema is a bug (the tool would exit 70 on input it should
/// report as data), so it traps here, as a crash does.
let exporter = FuzzExporter.make()
let scratch = ScratchApplicant(name: "fuzz-record")
let fileNames = [
    "基本資料.json", "修課紀錄.json", "課程學習成果.json", "多元表現.json", "就讀動機.md", "高中學習歷程反思.txt",
].map { "\(ScratchApplicant.number)_\($0)" }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecord(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let name = fileNames[Int(bytes[0]) % fileNames.count]
    var files = [fileNames[0]: ScratchApplicant.basicData]
    files[name] = Array(bytes.dropFirst())
    scratch.fill(files)
    var timings = PhaseTimings()
    let profile = Profile.builtInDefault(rules: exporter.rules)
    guard let packet = try? exporter.assemble(folder: scratch.folder, profile: profile, timings: &timings) else {
        return 0
    }
    do {
        try exporter.schema.validate(try PacketXML.document(packet))
    } catch {
        fatalError("the XML of a packet fails its own schema: \(error)")
    }
    return 0
}

var arguments = CommandLine.argc
var values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &values, fuzzRecord))
