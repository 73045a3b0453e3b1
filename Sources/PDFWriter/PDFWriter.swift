/// Turns a laid-out `PDFDocumentSpec` into the bytes of a PDF 1.7 file.
///
/// The same spec, fonts and zlib always give the same bytes: objects are numbered in a fixed order,
/// nothing reads the clock (dates come from `DocumentInfo.creationDate`), and `/ID`, XMP ids and
/// subset tags are digests of the content.
public struct PDFWriter: Sendable {
    public let cache: FontProgramCache
    /// Keep the fonts' hinting instructions (CFF hints, TrueType bytecode) in the subsets.
    /// Off saves about a sixth of a CJK subset; screen renderers that hint then have less to go on.
    public var fontHinting: Bool

    /// A writer with its own font cache (fine for one document; share a cache for batches).
    public init(fontHinting: Bool = true) {
        cache = FontProgramCache()
        self.fontHinting = fontHinting
    }

    public init(cache: FontProgramCache, fontHinting: Bool = true) {
        self.cache = cache
        self.fontHinting = fontHinting
    }

    public func write(_ spec: PDFDocumentSpec) throws(PDFWriterError) -> [UInt8] {
        try write(spec, fonts: try embedFonts(of: spec))
    }

    /// The first half of `write`: checks and subsets every font the spec's text uses. Apart
    /// so that a caller can time subsetting on its own (the writer reads no clock) and reuse the
    /// subsets when it writes the same text again.
    public func embedFonts(of spec: PDFDocumentSpec) throws(PDFWriterError) -> EmbeddedFonts {
        EmbeddedFonts(fonts: try embedFonts(spec), fontCount: spec.fonts.count)
    }

    /// The second half: everything else, with fonts embedded from this spec's text (or from a spec
    /// with the same fonts and text; they are embedded again if the font lists differ).
    public func write(_ spec: PDFDocumentSpec, fonts embedded: EmbeddedFonts) throws(PDFWriterError) -> [UInt8] {
        guard !spec.pages.isEmpty else { throw .noPages }
        for (index, page) in spec.pages.enumerated() {
            guard page.width.isFinite, page.height.isFinite, (1...14_400).contains(page.width),
                (1...14_400).contains(page.height)
            else { throw .invalidPageSize(page: index, width: page.width, height: page.height) }
        }

        let fonts = embedded.fontCount == spec.fonts.count ? embedded.fonts : try embedFonts(spec)

        var table = PDFObjectTable()
        let catalogRef = table.allocate()
        let pagesRef = table.allocate()
        let infoDict = Metadata.infoDictionary(spec.info)
        let infoRef = infoDict.entries.isEmpty ? nil : table.allocate()
        let metadataRef = table.allocate()
        let resourcesRef = table.allocate()

        var fontResources = PDFDict()
        for case let font? in fonts {
            fontResources[font.resourceName] = .ref(try font.addObjects(to: &table))
        }
        let images = try ImageXObjects(spec, table: &table)
        let forms = try FormXObjects(spec, table: &table, cache: cache, hinting: fontHinting)
        var resources = PDFDict()
        if !fontResources.entries.isEmpty { resources["Font"] = .dict(fontResources) }
        var xObjects = images.resourceDictionary
        for (name, ref) in forms.resources { xObjects[name] = .ref(ref) }
        if !xObjects.entries.isEmpty { resources["XObject"] = .dict(xObjects) }
        table.set(resourcesRef, resources)

        let pageRefs = spec.pages.map { _ in table.allocate() }
        // Numbered before the pages, whose file attachment annotations point at them.
        let fileSpecRefs = spec.attachments.map { _ in table.allocate() }
        var emptyAppearance: ObjectRef?
        for (index, page) in spec.pages.enumerated() {
            let contentRef = table.allocate()
            try table.setStream(contentRef, PDFDict(), data: pageContent(page, fonts: fonts, images: images, forms: forms))
            var annotationRefs: [PDFValue] = []
            for link in page.links {
                let annotationRef = table.allocate()
                table.set(annotationRef, try Navigation.linkAnnotation(link, onPage: index, pages: pageRefs))
                annotationRefs.append(.ref(annotationRef))
            }
            for annotation in page.fileAttachments {
                guard fileSpecRefs.indices.contains(annotation.attachment) else {
                    throw .unknownAttachment(index: annotation.attachment, attachmentCount: fileSpecRefs.count)
                }
                if emptyAppearance == nil { emptyAppearance = try Navigation.addEmptyAppearance(to: &table) }
                guard let appearance = emptyAppearance else { continue }
                let annotationRef = table.allocate()
                table.set(
                    annotationRef,
                    Navigation.fileAttachmentAnnotation(
                        annotation, fileSpec: fileSpecRefs[annotation.attachment], appearance: appearance))
                annotationRefs.append(.ref(annotationRef))
            }
            var pageDict = PDFDict()
            pageDict["Type"] = .name("Page")
            pageDict["Parent"] = .ref(pagesRef)
            pageDict["MediaBox"] = .array([.int(0), .int(0), .number(page.width), .number(page.height)])
            pageDict["Resources"] = .ref(resourcesRef)
            pageDict["Contents"] = .ref(contentRef)
            if !annotationRefs.isEmpty { pageDict["Annots"] = .array(annotationRefs) }
            table.set(pageRefs[index], pageDict)
        }
        table.set(
            pagesRef,
            PDFDict([("Type", .name("Pages")), ("Kids", .array(pageRefs.map { .ref($0) })), ("Count", .int(pageRefs.count))]))

        let outlineRef = try Navigation.addOutline(spec.outline, pages: pageRefs, to: &table)
        let fileSpecs = try AssociatedFiles.add(
            spec.attachments, specs: fileSpecRefs, timeZoneOffsetMinutes: spec.info.timeZoneOffsetMinutes, to: &table)

        var catalog = PDFDict()
        catalog["Type"] = .name("Catalog")
        catalog["Pages"] = .ref(pagesRef)
        if let labels = try Navigation.pageLabels(spec.pageLabels, pageCount: spec.pages.count) {
            catalog["PageLabels"] = labels
        }
        if let outlineRef {
            catalog["Outlines"] = .ref(outlineRef)
            catalog["PageMode"] = .name("UseOutlines")
        }
        if !spec.info.language.isEmpty { catalog["Lang"] = .ascii(spec.info.language) }
        if !fileSpecs.isEmpty {
            catalog["Names"] = .dict(PDFDict([("EmbeddedFiles", .dict(AssociatedFiles.nameTree(fileSpecs)))]))
            catalog["AF"] = .array(fileSpecs.map { .ref($0.spec) })
        }
        // The output intent and /AF are valid PDF features either way; only the conformance claim
        // depends on the content (an imported page with fonts not embedded cannot be PDF/A).
        if spec.info.pdfA3 != nil { catalog["OutputIntents"] = try PDFA.outputIntent(to: &table) }
        let claimsPDFA = spec.info.pdfA3 != nil && forms.allFontsEmbedded
        catalog["Metadata"] = .ref(metadataRef)
        catalog["ViewerPreferences"] = .dict(PDFDict([("DisplayDocTitle", .bool(true))]))
        table.set(catalogRef, catalog)
        if let infoRef { table.set(infoRef, infoDict) }

        // The ids are a digest of everything but the XMP packet, which carries them.
        let digest = table.contentDigest(excluding: [metadataRef.number])
        try table.setStream(
            metadataRef, PDFDict([("Type", .name("Metadata")), ("Subtype", .name("XML"))]),
            data: Metadata.xmp(spec.info, documentDigest: digest, claimsPDFA: claimsPDFA), compress: false)
        return try table.serialize(root: catalogRef, info: infoRef, fileID: Array(digest.prefix(16)))
    }

    /// Checks and subsets every font the text uses; `result[i]` is nil for fonts no run uses
    /// (their programs are never made, so a declared but unused font cannot fail the document).
    private func embedFonts(_ spec: PDFDocumentSpec) throws(PDFWriterError) -> [EmbeddedFont?] {
        var slotOfFont = [Int?](repeating: nil, count: spec.fonts.count)
        var usages: [FontUsage] = []
        for page in spec.pages {
            for case .text(let run) in page.content {
                let index = run.font.index
                guard index >= 0, index < spec.fonts.count else {
                    throw .unknownFont(run.font, fontCount: spec.fonts.count)
                }
                let slot: Int
                if let existing = slotOfFont[index] {
                    slot = existing
                } else {
                    slot = usages.count
                    usages.append(FontUsage(id: run.font, program: try cache.program(for: spec.fonts[index])))
                    slotOfFont[index] = slot
                }
                let glyphCount = usages[slot].program.glyphCount
                for (position, glyph) in run.glyphs.enumerated() {
                    guard glyph.id < UInt32(glyphCount) else {
                        throw .glyphOutOfRange(run.font, glyph: glyph.id, glyphCount: glyphCount)
                    }
                    let next = position + 1
                    let endsCluster = next == run.glyphs.count || !run.glyphs[next].text.isEmpty
                    // In place: a copy of the usage would copy its tables on every run.
                    usages[slot].note(glyph: glyph.id, text: glyph.text, wholeCluster: endsCluster)
                }
            }
        }
        var result: [EmbeddedFont?] = []
        for slot in slotOfFont {
            if let slot, !usages[slot].glyphs.isEmpty {
                result.append(try EmbeddedFont(usage: usages[slot], hinting: fontHinting))
                cache.noteUnpreparedSubset(of: usages[slot].program)
            } else {
                result.append(nil)
            }
        }
        return result
    }

    private func pageContent(_ page: PDFPage, fonts: [EmbeddedFont?], images: ImageXObjects, forms: FormXObjects)
        -> [UInt8]
    {
        var builder = PageContentBuilder()
        for item in page.content {
            switch item {
            case .text(let run):
                if run.font.index >= 0, run.font.index < fonts.count, let font = fonts[run.font.index] {
                    builder.text(run, font: font)
                }
            case .rect(let x, let y, let width, let height, let fill, let stroke, let lineWidth):
                builder.rect(x: x, y: y, width: width, height: height, fill: fill, stroke: stroke, lineWidth: lineWidth)
            case .line(let x1, let y1, let x2, let y2, let width, let color):
                builder.line(x1: x1, y1: y1, x2: x2, y2: y2, width: width, color: color)
            case .image(let id, let x, let y, let width, let height):
                if id.index >= 0, id.index < images.placements.count, let placed = images.placements[id.index] {
                    builder.image(placed, x: x, y: y, width: width, height: height)
                }
            case .form(let id, let x, let y, let width, let height):
                if id.index >= 0, id.index < forms.names.count, let name = forms.names[id.index] {
                    builder.form(name, matrix: forms.forms[id.index].placementMatrix(x: x, y: y, width: width, height: height))
                }
            }
        }
        return builder.bytes
    }
}

/// The subset fonts of one document, made by `PDFWriter.embedFonts(of:)`.
public struct EmbeddedFonts: @unchecked Sendable {
    // @unchecked: EmbeddedFont holds a FontProgram (Sendable) and plain byte arrays; nothing mutates.
    let fonts: [EmbeddedFont?]
    let fontCount: Int
}
