import CFuzzerDriver
import Glibc
import PDFReader

/// One input: open it as a PDF and copy out every page, as the packet does with an attachment, and page by page.
/// Any outcome but a trap, a hang or a sanitizer report is fine: typed errors are the point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPDFReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Smaller decode budget than the tool's, so that one input cannot take the whole run.
    guard let reader = try? PDFDocumentReader(bytes: bytes, limits: Limits(maxDecodedBytes: 8 << 20)) else { return 0 }
    // Every page at once, as the packet imports an attachment (what pages share is taken once).
    if let document = try? reader.importPages() {
        // The form contents a writer would decode again (nested Form XObjects), from the same budget.
        for key in document.objects.keys.sorted().prefix(64) {
            if case .stream(let stream)? = document.objects[key] { _ = try? reader.decodedData(of: stream) }
        }
    }
    // And page by page, on a reader of its own (the first one's budget may be spent).
    if let again = try? PDFDocumentReader(bytes: bytes, limits: Limits(maxDecodedBytes: 8 << 20)) {
        for index in 0..<min(again.pageCount, 64) { _ = try? again.page(index) }
    }
    return 0
}

// The top-level code is the program's main (SwiftPM links it as `main`, so libFuzzer's own main() is
// left out of the link): it hands over to libFuzzer's driver, which parses the flags and runs the loop.
var arguments = CommandLine.argc
var values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &values, fuzzPDFReader))
