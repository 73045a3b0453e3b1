import CFuzzerDriver
import Glibc
import PDFWriter

/// One input: treat it as a PNG attachment the way the packet does (size and orientation, the image
/// prepared — checked and decoded in full —, then a page that draws it written as PDF). Typed errors
/// are fine; traps and sanitizer reports are what we look for.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let source = ImageSource(bytes: withChunkCRCsFixed(Array(UnsafeBufferPointer(start: data, count: size))), kind: .png)
    guard let info = try? source.info() else { return 0 }
    guard let image = try? PreparedImage(source) else { return 0 }
    // Only small images are written: libFuzzer's inputs are small, and a huge declared size that
    // is prepared is the limits' business (tested elsewhere), not worth seconds per input here.
    guard info.pixelWidth * info.pixelHeight <= 1 << 20 else { return 0 }
    let page = PDFPage(width: 200, height: 200, content: [.image(ImageID(0), x: 0, y: 0, width: 200, height: 200)])
    _ = try? PDFWriter().write(PDFDocumentSpec(pages: [page], images: [image]))
    return 0
}

/// The input with every complete chunk's CRC recomputed. libpng rejects a chunk whose CRC is wrong, so
/// nearly every mutation would stop at the CRC and never reach the decoder or our code after it; the
/// fuzzers of libpng itself switch the check off the same way (png_set_crc_action).
func withChunkCRCsFixed(_ input: [UInt8]) -> [UInt8] {
    var bytes = input
    var at = 8
    while at + 12 <= bytes.count {
        let length = bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) }
        guard length <= bytes.count - at - 12 else { break }
        let crc = crc32(bytes[(at + 4)..<(at + 8 + length)])
        for i in 0..<4 { bytes[at + 8 + length + i] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * i)) }
        at += 12 + length
    }
    return bytes
}

enum CRC {
    static let table: [UInt32] = (0..<256).map { n in
        (0..<8).reduce(UInt32(n)) { c, _ in c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }
}

/// CRC-32 as PNG defines it (ISO 3309, reflected, init and final xor all ones).
func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    ~bytes.reduce(~UInt32(0)) { c, b in CRC.table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
}

// The top-level code is the program's main (SwiftPM links it as `main`, so libFuzzer's own main() is
// left out of the link): it hands over to libFuzzer's driver, which parses the flags and runs the loop.
var arguments = CommandLine.argc
var values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &values, fuzzPNG))
