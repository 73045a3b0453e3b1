import CFuzzerDriver
import FuzzSupport
import Glibc
import PacketExport
import ReviewPacket

/// Made once per process (static lets: not tied to the main actor, as top-level ones would be).
enum Shared {
    static let exporter = FuzzExporter.make()
    static let scratch = ScratchApplicant(name: "fuzz-attachment")
    /// Item B only: the outcome below is filed there.
    static let profile = scratch.profile(items: ["B"], rules: exporter.rules)
}

/// `.png` or `.jpg` by the magic bytes, `.pdf` otherwise.
func fileName(for bytes: [UInt8]) -> String {
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "files/a.png" }
    if bytes.starts(with: [0xFF, 0xD8]) { return "files/a.jpg" }
    return "files/a.pdf"
}

/// One input: an attached file of a learning outcome, run through the whole packet: read, assembled,
/// its pages or image placed, the PDF and XML written. A student's file may only ever cost its own
/// notice and warning: an export that fails is a bug and traps here.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAttachment(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let name = fileName(for: bytes)
    let outcomes = #"[{"科目名稱": "物理", "課程學習成果簡述": "實驗報告", "認證狀態": "已認證", "審查項目代碼": "B", "課程學習成果文件檔案連結": "\#(name)"}]"#
    Shared.scratch.fill([
        "\(ScratchApplicant.number)_基本資料.json": ScratchApplicant.basicData,
        "\(ScratchApplicant.number)_課程學習成果.json": Array(outcomes.utf8),
        name: bytes,
    ])
    var timings = PhaseTimings()
    do {
        let packet = try Shared.exporter.assemble(folder: Shared.scratch.folder, profile: Shared.profile, timings: &timings)
        _ = try Shared.exporter.export(packet, timings: &timings)
    } catch {
        fatalError("an attachment cost the packet: \(error)")
    }
    return 0
}

// The top-level code is the program's main: it hands over to libFuzzer's driver (see fuzz-pdfreader).
var arguments = CommandLine.argc
var values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &values, fuzzAttachment))
