import CPNG

// PNG through libpng's simplified API: it runs its setjmp/longjmp error handling inside libpng and
// reports failure as a return value, so no longjmp ever crosses a Swift frame. It also does every
// conversion we need (palette, tRNS, 1–16-bit, interlacing) into 8-bit gray or RGB, with or
// without alpha. Sizes are checked from the header before any pixel memory is allocated.

struct DecodedPNG {
    var width: Int
    var height: Int
    /// 1 (gray) or 3 (RGB), 8 bits each.
    var colorChannels: Int
    var color: [UInt8]
    /// One 8-bit alpha sample per pixel; nil when the image is opaque.
    var alpha: [UInt8]?
}

enum PNGDecoder {
    /// libpng's message from a failed call ("" when it gave none).
    private static func message(_ image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// Reads the header only; `image` must be released with `png_image_free` by the caller.
    private static func begin(_ bytes: [UInt8], _ image: inout png_image) throws(PDFWriterError) {
        guard !bytes.isEmpty else { throw .imageEmpty }
        image.version = UInt32(PNG_IMAGE_VERSION)
        let ok = bytes.withUnsafeBytes { raw in
            png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count)
        }
        guard ok != 0 else {
            let reason = message(&image)
            png_image_free(&image)
            throw .pngRejected(reason: reason.isEmpty ? "not a PNG libpng can read" : reason)
        }
    }

    static func header(_ bytes: [UInt8]) throws(PDFWriterError) -> (width: Int, height: Int) {
        var image = png_image()
        try begin(bytes, &image)
        png_image_free(&image)
        let size = (width: Int(image.width), height: Int(image.height))
        try ImageSource.checkSize(width: size.width, height: size.height)
        return size
    }

    static func decode(_ bytes: [UInt8]) throws(PDFWriterError) -> DecodedPNG {
        var image = png_image()
        try begin(bytes, &image)
        let width = Int(image.width)
        let height = Int(image.height)
        let hasColor = image.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0
        // tRNS counts as alpha here: libpng reports it as an alpha channel and expands it.
        let hasAlpha = image.format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0
        let colorChannels = hasColor ? 3 : 1
        let channels = colorChannels + (hasAlpha ? 1 : 0)
        do {
            try ImageSource.checkSize(width: width, height: height, channels: channels)
        } catch {
            png_image_free(&image)
            throw error
        }
        // 8-bit output, no colour map: palettes expand, 16-bit samples are reduced.
        image.format = (hasColor ? UInt32(PNG_FORMAT_FLAG_COLOR) : 0) | (hasAlpha ? UInt32(PNG_FORMAT_FLAG_ALPHA) : 0)
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        let ok = pixels.withUnsafeMutableBytes { raw in
            png_image_finish_read(&image, nil, raw.baseAddress, 0, nil)
        }
        // finish_read frees libpng's state whether it succeeds or not.
        guard ok != 0 else {
            let reason = message(&image)
            throw .pngRejected(reason: reason.isEmpty ? "libpng could not decode the image" : reason)
        }
        guard hasAlpha else {
            return DecodedPNG(width: width, height: height, colorChannels: colorChannels, color: pixels, alpha: nil)
        }
        // Split interleaved samples into the colour image and its soft mask.
        let pixelCount = width * height
        var color = [UInt8](repeating: 0, count: pixelCount * colorChannels)
        var alpha = [UInt8](repeating: 0, count: pixelCount)
        var opaque = true
        pixels.withUnsafeBufferPointer { source in
            color.withUnsafeMutableBufferPointer { colorOut in
                alpha.withUnsafeMutableBufferPointer { alphaOut in
                    for pixel in 0..<pixelCount {
                        let base = pixel * channels
                        for channel in 0..<colorChannels {
                            colorOut[pixel * colorChannels + channel] = source[base + channel]
                        }
                        let value = source[base + colorChannels]
                        alphaOut[pixel] = value
                        if value != 255 { opaque = false }
                    }
                }
            }
        }
        // An alpha channel that is 255 everywhere needs no mask.
        return DecodedPNG(width: width, height: height, colorChannels: colorChannels, color: color, alpha: opaque ? nil : alpha)
    }
}
