import CZlib

enum Deflate {
    /// One fixed level for every stream: zlib's output depends only on its input, level and
    /// version, which keeps the file bytes reproducible (P7). Level 6, zlib's default: on 30-page
    /// packets level 9 made files 0.5 % smaller and spent a fifth of the whole render in zlib.
    static let level: Int32 = 6

    /// zlib-wrapped deflate, which is what `/FlateDecode` expects.
    static func compress(_ input: [UInt8]) throws(PDFWriterError) -> [UInt8] {
        var destinationLength = compressBound(uLong(input.count))
        var output = [UInt8](repeating: 0, count: Int(destinationLength))
        let status = output.withUnsafeMutableBufferPointer { out in
            input.withUnsafeBufferPointer { source in
                compress2(out.baseAddress, &destinationLength, source.baseAddress, uLong(source.count), level)
            }
        }
        guard status == Z_OK else { throw .compressionFailed(status: status) }
        output.removeSubrange(Int(destinationLength)...)
        return output
    }
}
