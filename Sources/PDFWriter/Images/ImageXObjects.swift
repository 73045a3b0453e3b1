// Image XObjects for a document: one per distinct image (same kind and bytes) that some page draws,
// named /Im0, /Im1 … in order of first use so the same spec always gives the same file (P7).

struct PlacedImage {
    let resourceName: String
    let orientation: ImageOrientation
}

struct ImageXObjects {
    /// `placements[i]` for `PDFDocumentSpec.images[i]`; nil for images no page draws.
    private(set) var placements: [PlacedImage?]
    /// Resource name → image object, in resource-name order.
    private(set) var resources: [(name: String, ref: ObjectRef)] = []

    /// Checks every image a page draws, then decodes and writes each distinct one once.
    init(_ spec: PDFDocumentSpec, table: inout PDFObjectTable) throws(PDFWriterError) {
        placements = [PlacedImage?](repeating: nil, count: spec.images.count)
        var placementOfSource: [ImageSource: PlacedImage] = [:]
        for page in spec.pages {
            for case .image(let id, _, _, _, _) in page.content {
                guard id.index >= 0, id.index < spec.images.count else {
                    throw .unknownImage(id, imageCount: spec.images.count)
                }
                if placements[id.index] != nil { continue }
                let source = spec.images[id.index]
                if let existing = placementOfSource[source] {
                    placements[id.index] = existing
                    continue
                }
                let name = "Im\(resources.count)"
                let ref: ObjectRef
                let orientation: ImageOrientation
                do {
                    (ref, orientation) = try Self.addObjects(source, to: &table)
                } catch {
                    throw error.attributed(to: id)
                }
                let placed = PlacedImage(resourceName: name, orientation: orientation)
                resources.append((name, ref))
                placementOfSource[source] = placed
                placements[id.index] = placed
            }
        }
    }

    var resourceDictionary: PDFDict {
        PDFDict(resources.map { ($0.name, PDFValue.ref($0.ref)) })
    }

    private static func imageDict(width: Int, height: Int, colorSpace: String) -> PDFDict {
        PDFDict([
            ("Type", .name("XObject")), ("Subtype", .name("Image")), ("Width", .int(width)), ("Height", .int(height)),
            ("ColorSpace", .name(colorSpace)), ("BitsPerComponent", .int(8)),
        ])
    }

    private static func addObjects(_ source: ImageSource, to table: inout PDFObjectTable) throws(PDFWriterError)
        -> (ObjectRef, ImageOrientation)
    {
        switch source.kind {
        case .jpeg:
            let info = try JPEGInfo.parse(source.bytes)
            let colorSpace = ["DeviceGray", "DeviceGray", "DeviceRGB", "DeviceRGB", "DeviceCMYK"][info.components]
            var dict = imageDict(width: info.width, height: info.height, colorSpace: colorSpace)
            if info.invertedCMYK { dict["Decode"] = .array([1, 0, 1, 0, 1, 0, 1, 0].map { PDFValue.int($0) }) }
            dict["Filter"] = .name("DCTDecode")
            let ref = table.allocate()
            // The file's own bytes: no re-encoding, no quality loss.
            try table.setStream(ref, dict, data: source.bytes, compress: false)
            return (ref, info.orientation)
        case .png:
            let decoded = try PNGDecoder.decode(source.bytes)
            let ref = table.allocate()
            var dict = imageDict(
                width: decoded.width, height: decoded.height,
                colorSpace: decoded.colorChannels == 3 ? "DeviceRGB" : "DeviceGray")
            if let alpha = decoded.alpha {
                let maskRef = table.allocate()
                try table.setStream(
                    maskRef, imageDict(width: decoded.width, height: decoded.height, colorSpace: "DeviceGray"), data: alpha)
                dict["SMask"] = .ref(maskRef)
            }
            try table.setStream(ref, dict, data: decoded.color)
            return (ref, .up)
        }
    }
}
