import Crypto
// The object table and the file layout (P5): a PDF 1.7 header, the stream objects in number order,
// every other object packed into Flate-compressed object streams, and a cross-reference stream.

struct PDFObjectTable {
    enum Entry {
        case value(PDFValue)
        /// `data` is already encoded as the dictionary's /Filter says; /Length is added on output.
        case stream(PDFDict, [UInt8])
    }

    private(set) var entries: [Entry?] = []

    /// Numbers are handed out in call order, so a fixed call order gives a fixed file (P7).
    mutating func allocate() -> ObjectRef {
        entries.append(nil)
        return ObjectRef(number: entries.count)
    }

    mutating func set(_ ref: ObjectRef, _ value: PDFValue) {
        entries[ref.number - 1] = .value(value)
    }

    mutating func set(_ ref: ObjectRef, _ dict: PDFDict) {
        entries[ref.number - 1] = .value(.dict(dict))
    }

    /// A stream, Flate-compressed unless `compress` is false (XMP metadata stays readable, as PDF/A asks).
    mutating func setStream(_ ref: ObjectRef, _ dict: PDFDict, data: [UInt8], compress: Bool = true)
        throws(PDFWriterError)
    {
        if compress {
            setStream(ref, dict, flateCompressed: try Deflate.compress(data))
        } else {
            entries[ref.number - 1] = .stream(dict, data)
        }
    }

    /// A stream whose data is already Flate-compressed (`Deflate.compress`).
    mutating func setStream(_ ref: ObjectRef, _ dict: PDFDict, flateCompressed data: [UInt8]) {
        var dict = dict
        dict["Filter"] = .name("FlateDecode")
        entries[ref.number - 1] = .stream(dict, data)
    }

    /// SHA-256 over every object except `excluded`, in number order: the document's content identity.
    func contentDigest(excluding excluded: Set<Int>) -> [UInt8] {
        var hasher = SHA256()
        for (index, entry) in entries.enumerated() where !excluded.contains(index + 1) {
            var writer = PDFByteWriter()
            writer.raw("\(index + 1) ")
            switch entry {
            case .value(let value)?:
                writer.write(value)
                hasher.update(writer.bytes)
            case .stream(let dict, let data)?:
                writer.write(dict)
                hasher.update(writer.bytes)
                hasher.update(data)
            case nil:
                hasher.update(writer.bytes)
            }
        }
        return hasher.digestBytes()
    }

    /// The complete file. Every allocated object must have been set.
    func serialize(root: ObjectRef, info: ObjectRef?, fileID: [UInt8]) throws(PDFWriterError) -> [UInt8] {
        var out = PDFByteWriter(capacity: 1 << 16)
        out.raw("%PDF-1.7\n")
        // A comment with high bytes tells transfer tools the file is binary.
        out.raw([0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A])

        enum Location {
            case free
            case direct(offset: Int)
            case compressed(stream: Int, index: Int)
        }
        var locations = [Location](repeating: .free, count: entries.count + 1)

        var inlineObjects: [(number: Int, value: PDFValue)] = []
        for (index, entry) in entries.enumerated() {
            let number = index + 1
            switch entry {
            case .stream(let dict, let data)?:
                locations[number] = .direct(offset: out.bytes.count)
                writeStreamObject(&out, number: number, dict: dict, data: data)
            case .value(let value)?:
                inlineObjects.append((number, value))
            case nil:
                // An allocated but unset object would be a dangling reference: write null instead.
                inlineObjects.append((number, .null))
            }
        }

        // Object streams get numbers after all content objects; up to 100 objects each, as qpdf does.
        var nextNumber = entries.count + 1
        let chunkSize = 100
        var chunkStart = 0
        while chunkStart < inlineObjects.count {
            let chunk = inlineObjects[chunkStart..<min(chunkStart + chunkSize, inlineObjects.count)]
            let streamNumber = nextNumber
            nextNumber += 1
            var header = PDFByteWriter()
            var body = PDFByteWriter()
            for (position, object) in chunk.enumerated() {
                if position > 0 { header.raw(" ") }
                header.raw("\(object.number) \(body.bytes.count)")
                body.write(object.value)
                body.raw("\n")
                locations[object.number] = .compressed(stream: streamNumber, index: position)
            }
            header.raw("\n")
            let data = header.bytes + body.bytes
            var dict = PDFDict()
            dict["Type"] = .name("ObjStm")
            dict["N"] = .int(chunk.count)
            dict["First"] = .int(header.bytes.count)
            dict["Filter"] = .name("FlateDecode")
            let encoded = try Deflate.compress(data)
            locations.append(.direct(offset: out.bytes.count))
            writeStreamObject(&out, number: streamNumber, dict: dict, data: encoded)
            chunkStart += chunkSize
        }

        // The cross-reference stream describes itself too.
        let xrefNumber = nextNumber
        let xrefOffset = out.bytes.count
        locations.append(.direct(offset: xrefOffset))
        let size = xrefNumber + 1

        var offsetWidth = 1
        while offsetWidth < 8 && (xrefOffset >> (8 * offsetWidth)) > 0 { offsetWidth += 1 }
        var table: [UInt8] = []
        table.reserveCapacity(size * (offsetWidth + 3))
        func field(_ value: Int, width: Int) {
            for shift in stride(from: (width - 1) * 8, through: 0, by: -8) {
                table.append(UInt8(truncatingIfNeeded: value >> shift))
            }
        }
        for number in 0..<size {
            switch locations[number] {
            case .free:
                table.append(0)
                field(0, width: offsetWidth)
                field(number == 0 ? 65535 : 0, width: 2)
            case .direct(let offset):
                table.append(1)
                field(offset, width: offsetWidth)
                field(0, width: 2)
            case .compressed(let stream, let index):
                table.append(2)
                field(stream, width: offsetWidth)
                field(index, width: 2)
            }
        }

        var trailer = PDFDict()
        trailer["Type"] = .name("XRef")
        trailer["Size"] = .int(size)
        trailer["W"] = .array([.int(1), .int(offsetWidth), .int(2)])
        trailer["Root"] = .ref(root)
        if let info { trailer["Info"] = .ref(info) }
        trailer["ID"] = .array([.hex(fileID), .hex(fileID)])
        trailer["Filter"] = .name("FlateDecode")
        writeStreamObject(&out, number: xrefNumber, dict: trailer, data: try Deflate.compress(table))

        out.raw("startxref\n\(xrefOffset)\n%%EOF\n")
        return out.bytes
    }

    private func writeStreamObject(_ out: inout PDFByteWriter, number: Int, dict: PDFDict, data: [UInt8]) {
        var dict = dict
        dict["Length"] = .int(data.count)
        out.raw("\(number) 0 obj\n")
        out.write(dict)
        out.raw("\nstream\n")
        out.raw(data)
        out.raw("\nendstream\nendobj\n")
    }
}
