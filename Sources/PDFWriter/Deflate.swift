import CDeflate

enum Deflate {
    /// One fixed level for every stream: libdeflate's output depends only on its input, level and
    /// version, which keeps the file bytes reproducible (P7). Level 6: libdeflate at 6 compresses
    /// about as well as zlib at 6 in a fraction of the time (issue 15; docs/performance.md).
    static let level: Int32 = 6

    /// zlib-wrapped deflate, which is what `/FlateDecode` expects.
    static func compress(_ input: [UInt8]) throws(PDFWriterError) -> [UInt8] {
        // A compressor is a few hundred KB of tables: one per call keeps the writer free of shared
        // state, and costs little beside compressing a stream.
        guard let compressor = libdeflate_alloc_compressor(level) else { throw .compressionFailed(status: -4) }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_zlib_compress_bound(compressor, input.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = output.withUnsafeMutableBufferPointer { out in
            input.withUnsafeBufferPointer { source in
                libdeflate_zlib_compress(compressor, source.baseAddress, source.count, out.baseAddress, out.count)
            }
        }
        // 0 means the output did not fit in the bound, which libdeflate promises never happens.
        guard written > 0 else { throw .compressionFailed(status: -5) }
        output.removeSubrange(written...)
        return output
    }
}
