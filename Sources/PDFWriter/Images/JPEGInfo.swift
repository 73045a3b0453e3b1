// What the PDF needs from a JPEG that is passed through unchanged: the frame header's size,
// components and precision, whether an Adobe APP14 marker says the CMYK is stored inverted, and the
// EXIF orientation. Only the marker segments before the first scan are read; each step checks its
// bounds and moves forward, so any byte string ends the loop.

struct JPEGInfo: Equatable {
    var width: Int
    var height: Int
    /// 1 gray, 3 RGB (YCbCr), 4 CMYK (YCCK).
    var components: Int
    var bitsPerComponent: Int
    var progressive: Bool
    /// An Adobe APP14 marker was present: Adobe writes 4-component JPEGs with inverted values.
    var adobe: Bool
    var orientation: ImageOrientation

    /// 4 components stored inverted need `/Decode [1 0 …]` to show as the file means them.
    var invertedCMYK: Bool { components == 4 && adobe }

    static func parse(_ bytes: [UInt8]) throws(PDFWriterError) -> JPEGInfo {
        guard !bytes.isEmpty else { throw .imageEmpty }
        let data = BigEndianBytes(bytes)
        guard bytes.starts(with: [0xFF, 0xD8]) else { throw .jpegCorrupt(reason: "no JPEG start-of-image marker") }
        var offset = 2
        var adobe = false
        var orientation = ImageOrientation.up
        var frame: (width: Int, height: Int, components: Int, bits: Int, progressive: Bool)?

        while true {
            // A marker is 0xFF, any number of 0xFF fill bytes, then the code.
            guard data.u8(offset) == 0xFF else {
                if frame != nil { break }
                throw .jpegCorrupt(reason: "no frame header (SOF) before the data ends")
            }
            while data.u8(offset) == 0xFF { offset += 1 }
            guard let code = data.u8(offset) else {
                throw .jpegCorrupt(reason: "no frame header (SOF) before the data ends")
            }
            offset += 1
            // Markers without a length.
            if code == 0x01 || (0xD0...0xD7).contains(code) { continue }
            if code == 0xD9 || code == 0xDA {
                // End of image, or the first scan: every header we need comes before it.
                guard frame != nil else { throw .jpegCorrupt(reason: "no frame header (SOF) before the scan") }
                break
            }
            guard let length = data.u16(offset).map(Int.init), length >= 2, offset + length <= bytes.count else {
                throw .jpegCorrupt(reason: "a marker segment runs past the end of the data")
            }
            let body = offset + 2
            let bodyLength = length - 2

            switch code {
            case 0xC0, 0xC1, 0xC2:
                guard frame == nil else { throw .jpegCorrupt(reason: "more than one frame header") }
                guard bodyLength >= 6, let bits = data.u8(body), let height = data.u16(body + 1),
                    let width = data.u16(body + 3), let components = data.u8(body + 5)
                else { throw .jpegCorrupt(reason: "frame header too short") }
                guard bits == 8 else { throw .jpegUnsupported(reason: "\(bits)-bit samples (PDF readers take 8)") }
                guard [1, 3, 4].contains(components) else {
                    throw .jpegUnsupported(reason: "\(components) colour components")
                }
                guard width > 0, height > 0 else { throw .imageZeroSize }
                frame = (Int(width), Int(height), Int(components), Int(bits), code == 0xC2)
            case 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF:
                // Lossless, hierarchical and arithmetic-coded JPEGs: PDF readers need not decode them.
                throw .jpegUnsupported(reason: "frame type 0x\(hexByte(code)) (lossless, hierarchical or arithmetic)")
            case 0xE1:
                if let value = exifOrientation(Array(bytes[body..<(body + bodyLength)])) { orientation = value }
            case 0xEE:
                if bodyLength >= 5, bytes[body..<(body + 5)].elementsEqual(Array("Adobe".utf8)) { adobe = true }
            default:
                break
            }
            offset += length
        }
        guard let frame else { throw .jpegCorrupt(reason: "no frame header (SOF)") }
        try ImageSource.checkSize(width: frame.width, height: frame.height)
        return JPEGInfo(
            width: frame.width, height: frame.height, components: frame.components, bitsPerComponent: frame.bits,
            progressive: frame.progressive, adobe: adobe, orientation: orientation)
    }

    /// The orientation tag of IFD0 in an APP1 "Exif" segment body; nil when absent or malformed
    /// (a broken EXIF block is common and must not refuse a photo that decodes fine).
    static func exifOrientation(_ segment: [UInt8]) -> ImageOrientation? {
        let header: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]  // "Exif\0\0"
        guard segment.starts(with: header) else { return nil }
        let tiff = Array(segment.dropFirst(header.count))
        let littleEndian: Bool
        switch (tiff.first, tiff.dropFirst().first) {
        case (0x49, 0x49): littleEndian = true  // "II"
        case (0x4D, 0x4D): littleEndian = false  // "MM"
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= tiff.count else { return nil }
            let (first, second) = (Int(tiff[at]), Int(tiff[at + 1]))
            return littleEndian ? first | second << 8 : first << 8 | second
        }
        func u32(_ at: Int) -> Int? {
            guard let low = u16(littleEndian ? at : at + 2), let high = u16(littleEndian ? at + 2 : at) else { return nil }
            return high << 16 | low
        }
        guard u16(2) == 42, let ifd = u32(4), let count = u16(ifd) else { return nil }
        for index in 0..<count {
            let entry = ifd + 2 + index * 12
            guard let tag = u16(entry) else { return nil }
            guard tag == 0x0112 else { continue }
            // SHORT, one value, stored in the first two bytes of the value field.
            guard u16(entry + 2) == 3, let value = u16(entry + 8) else { return nil }
            return ImageOrientation(rawValue: value)
        }
        return nil
    }
}
