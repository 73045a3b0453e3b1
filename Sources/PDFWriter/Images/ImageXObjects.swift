// Image XObjects for a document: one per distinct prepared image that some page draws,
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

    /// Writes each distinct image a page draws once (the images were checked and decoded when they
    /// were prepared).
    init(_ spec: PDFDocumentSpec, table: inout PDFObjectTable) throws(PDFWriterError) {
        placements = [PlacedImage?](repeating: nil, count: spec.images.count)
        var placementOfImage: [PreparedImage: PlacedImage] = [:]
        for page in spec.pages {
            for case .image(let id, _, _, _, _) in page.content {
                guard id.index >= 0, id.index < spec.images.count else {
                    throw .unknownImage(id, imageCount: spec.images.count)
                }
                if placements[id.index] != nil { continue }
                let image = spec.images[id.index]
                if let existing = placementOfImage[image] {
                    placements[id.index] = existing
                    continue
                }
                let name = "Im\(resources.count)"
                let ref = try Self.addObjects(image, to: &table)
                let placed = PlacedImage(resourceName: name, orientation: image.info.orientation)
                resources.append((name, ref))
                placementOfImage[image] = placed
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

    private static func addObjects(_ image: PreparedImage, to table: inout PDFObjectTable) throws(PDFWriterError)
        -> ObjectRef
    {
        let width = image.info.pixelWidth
        let height = image.info.pixelHeight
        switch image.content {
        case .jpeg(let bytes, let components, let invertedCMYK):
            let colorSpace = ["DeviceGray", "DeviceGray", "DeviceRGB", "DeviceRGB", "DeviceCMYK"][components]
            var dict = imageDict(width: width, height: height, colorSpace: colorSpace)
            if invertedCMYK { dict["Decode"] = .array([1, 0, 1, 0, 1, 0, 1, 0].map { PDFValue.int($0) }) }
            dict["Filter"] = .name("DCTDecode")
            let ref = table.allocate()
            // The file's own bytes: no re-encoding, no quality loss.
            try table.setStream(ref, dict, data: bytes, compress: false)
            return ref
        case .png(let colorChannels, let color, let alpha):
            let ref = table.allocate()
            var dict = imageDict(width: width, height: height, colorSpace: colorChannels == 3 ? "DeviceRGB" : "DeviceGray")
            if let alpha {
                let maskRef = table.allocate()
                table.setStream(
                    maskRef, imageDict(width: width, height: height, colorSpace: "DeviceGray"), flateCompressed: alpha)
                dict["SMask"] = .ref(maskRef)
            }
            table.setStream(ref, dict, flateCompressed: color)
            return ref
        }
    }
}
