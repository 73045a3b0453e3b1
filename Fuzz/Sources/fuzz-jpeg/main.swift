import CFuzzerDriver
import Glibc
import PDFWriter

/// One input: treat it as a JPEG attachment the way the packet does (size and orientation, the image
/// prepared — checked and decoded in full —, then a page that draws it written as PDF). Typed errors
/// are fine; traps and sanitizer reports are what we look for.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let source = ImageSource(bytes: Array(UnsafeBufferPointer(start: data, count: size)), kind: .jpeg)
    guard let info = try? source.info() else { return 0 }
    guard let image = try? PreparedImage(source) else { return 0 }
    // Only small images are written: libFuzzer's inputs are small, and a huge declared size that
    // is prepared is the limits' business (tested elsewhere), not worth seconds per input here.
    guard info.pixelWidth * info.pixelHeight <= 1 << 20 else { return 0 }
    let page = PDFPage(width: 200, height: 200, content: [.image(ImageID(0), x: 0, y: 0, width: 200, height: 200)])
    _ = try? PDFWriter().write(PDFDocumentSpec(pages: [page], images: [image]))
    return 0
}

// The top-level code is the program's main (SwiftPM links it as `main`, so libFuzzer's own main() is
// left out of the link): it hands over to libFuzzer's driver, which parses the flags and runs the loop.
var arguments = CommandLine.argc
var values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &values, fuzzJPEG))
