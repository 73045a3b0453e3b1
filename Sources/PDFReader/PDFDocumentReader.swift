/// One page of a source PDF, self-contained so that a writer can place it as a Form XObject.
public struct ImportedPage: Sendable, Equatable {
    public var mediaBox: PDFRect
    /// The visible region, clipped to `mediaBox`; equal to it when the page has no `/CropBox`.
    public var cropBox: PDFRect
    /// Clockwise rotation in degrees: 0, 90, 180 or 270.
    public var rotate: Int
    /// The page's content streams decoded and joined with a newline between them.
    public var contents: [UInt8]
    /// Pages of one document with the same `contentID` have the same `contents` (the same streams): a
    /// writer can keep one copy.
    public var contentID: Int = 0
    /// The page's `/Resources` dictionary; its `.reference(n)` values point into `objects`. From
    /// `importPages()`, resources several pages share are `.reference(n)` themselves (see `ImportedDocument`).
    public var resources: PDFObject
    /// Every object reachable from `resources`, keyed by the source file's object number. Streams keep
    /// their encoded bytes, `/Filter` and `/DecodeParms`, with `/Length` set to the byte count. Annotations,
    /// actions, JavaScript, forms, embedded files and links back to pages or the catalog are removed.
    public var objects: [Int: PDFObject]
    /// Names of the fonts in the resource closure that need a font program and have none embedded (e.g.
    /// standard-14 Helvetica): viewers substitute them, and a file drawing this page cannot be PDF/A.
    public var fontsNotEmbedded: [String] = []
    /// The same fonts with the objects they are (a name can stand for several objects).
    public var unembeddedFonts: [UnembeddedFont] = []
}

/// Every page of a document, imported together so that what pages share is decoded and copied once.
public struct ImportedDocument: Sendable, Equatable {
    public var pages: [ImportedPage]
    /// Every object reachable from the pages' resources, each once; every page's `objects` is this same
    /// dictionary (one storage). A resource dictionary used by several pages is an object of its own
    /// here, under a negative number (numbers the file cannot have), so that it too is copied and
    /// written once.
    public var objects: [Int: PDFObject]
    /// For each font some page uses without its program: the codes the pages' strings show in it
    /// (`ShownText`), keyed by the font's object number. Fonts that show nothing are absent.
    public var shownCodes: [Int: Set<UInt8>] = [:]
    /// For each Type0 font on a page that uses fonts without programs: the strings it shows, whole
    /// (its CMap's code space splits them), keyed by the Type0 font's object number.
    public var shownStrings: [Int: Set<[UInt8]>] = [:]
}

/// Reads a PDF held in memory: the cross-reference data is loaded (or rebuilt by scanning) and the page
/// tree walked in `init`; pages are copied out one at a time by `page(_:)`.
public struct PDFDocumentReader {
    private struct PageNode {
        var dictionary: [String: PDFObject]
        var resources: PDFObject?
        var mediaBox: PDFObject?
        var cropBox: PDFObject?
        var rotate: PDFObject?
        /// Where `resources` was written: pages that inherit one dictionary, or name one object, share it.
        var resourcesOrigin: ResourcesOrigin?
    }

    private enum ResourcesOrigin: Hashable {
        case object(Int)
        /// Written directly in the page-tree node visited `node`-th.
        case inline(node: Int)
    }

    private let store: ObjectStore
    private let pages: [PageNode]
    public let limits: Limits
    /// The version in the `%PDF-x.y` header.
    public let headerVersion: String
    /// True when the cross-reference data was damaged and rebuilt by scanning the file.
    public let wasRepaired: Bool

    public var pageCount: Int { pages.count }

    /// True when the file was encrypted (an owner password only: it opened with the empty user password).
    /// Everything the reader returns is decrypted: strings, stream data, no `/Crypt` filter.
    public var wasEncrypted: Bool { store.security != nil }

    public init(bytes: [UInt8], limits: Limits = .default) throws(PDFReadError) {
        guard !bytes.isEmpty else { throw .empty }
        // The header may follow some junk, but must come early (§7.5.2; readers allow up to 1 KB).
        let head = Array(bytes.prefix(1024))
        guard let h = occurrences(of: "%PDF-", in: head).first else { throw .notPDF }
        var v = h + 5
        while v < head.count, head[v] == UInt8(ascii: ".") || isDigit(head[v]) { v += 1 }
        headerVersion = latin1String(head[(h + 5)..<v])
        self.limits = limits
        let store = ObjectStore(bytes: bytes, limits: limits)
        self.store = store

        var trailer: [String: PDFObject] = [:]
        var tableRead = false
        do throws(PDFReadError) {
            trailer = try store.readXRefChain()
            tableRead = !store.entries.isEmpty
        } catch {
            if case .limitExceeded = error { throw error }
        }
        let tableValid = tableRead && store.entriesLookValid()
        // An encrypted file is opened with the empty user password, or refused (`passwordRequired`).
        if tableValid { try store.openSecurity(trailer: trailer) }

        if tableValid, let root = trailer["Root"] {
            var found: [PageNode] = []
            do throws(PDFReadError) {
                found = try Self.collectPages(root: root, store: store)
            } catch {
                if case .limitExceeded = error { throw error }
            }
            if !found.isEmpty {
                pages = found
                wasRepaired = false
                return
            }
        }

        // The xref is missing, damaged or leads nowhere: rebuild it and try every catalog we can find.
        var scannedTrailers = try store.rebuildByScanning()
        if store.security == nil, let encrypted = ([trailer] + scannedTrailers).first(where: { $0["Encrypt"] != nil }) {
            try store.openSecurity(trailer: encrypted)
            // The object streams were scanned before they could be decrypted: scan again.
            scannedTrailers = try store.rebuildByScanning()
        }
        wasRepaired = true
        var roots: [PDFObject] = []
        if let r = trailer["Root"] { roots.append(r) }
        for t in scannedTrailers {
            if let r = t["Root"] { roots.append(r) }
        }
        for (n, e) in store.entries.sorted(by: { $0.key > $1.key }) where roots.count < 64 {
            guard case .offset = e else { continue }
            if try store.resolve(n).dictionaryValue?["Type"]?.nameValue == "Catalog" { roots.append(.reference(n)) }
        }
        var sawCatalog = false
        var found: [PageNode] = []
        for root in roots {
            guard try store.deref(root).dictionaryValue != nil else { continue }
            sawCatalog = true
            do throws(PDFReadError) {
                found = try Self.collectPages(root: root, store: store)
            } catch {
                if case .limitExceeded = error { throw error }
            }
            if !found.isEmpty { break }
        }
        guard !found.isEmpty else {
            let tail = Array(bytes.suffix(1024))
            if occurrences(of: "%%EOF", in: tail).isEmpty { throw .truncated }
            throw sawCatalog ? .noPages : .malformed("no document catalog")
        }
        pages = found
    }

    /// Walks the page tree iteratively (an explicit stack, a depth limit and a visited set, so cycles and
    /// deep trees end) carrying the inheritable attributes down (§7.7.3.4).
    private static func collectPages(root: PDFObject, store: ObjectStore) throws(PDFReadError) -> [PageNode] {
        guard let catalog = try store.deref(root).dictionaryValue, let tree = catalog["Pages"] else { return [] }
        var result: [PageNode] = []
        var visited: Set<Int> = []
        let start = PageNode(dictionary: [:])
        var stack: [(PDFObject, PageNode, Int)] = [(tree, start, 0)]
        var serial = 0
        while let (object, inherited, depth) = stack.popLast() {
            if case .reference(let n) = object {
                guard visited.insert(n).inserted else { continue }
            }
            guard let dict = try store.deref(object).dictionaryValue else { continue }
            guard depth <= store.limits.maxDepth else { throw .limitExceeded("page tree depth") }
            var node = inherited
            node.dictionary = dict
            serial += 1
            if let r = dict["Resources"] {
                node.resources = r
                node.resourcesOrigin = r.referenceValue.map(ResourcesOrigin.object) ?? .inline(node: serial)
            }
            if let m = dict["MediaBox"] { node.mediaBox = m }
            if let c = dict["CropBox"] { node.cropBox = c }
            if let r = dict["Rotate"] { node.rotate = r }
            let type = dict["Type"]?.nameValue
            if type != "Page", let kids = try store.deref(dict["Kids"]).arrayValue {
                for kid in kids.reversed() { stack.append((kid, node, depth + 1)) }
            } else if type == "Page" || (type == nil && dict["Kids"] == nil) {
                result.append(node)
                guard result.count <= store.limits.maxPages else { throw .limitExceeded("pages") }
            }
        }
        return result
    }

    /// One page with the objects of its resources. Content streams are decoded once per document and paid
    /// from one budget (`Limits.maxDecodedBytes`) shared by all pages: calling this for every page of a
    /// document whose pages decode distinct streams fails once their sum passes the limit.
    public func page(_ index: Int) throws(PDFReadError) -> ImportedPage {
        guard index >= 0, index < pages.count else { throw .pageOutOfRange(index) }
        let node = pages[index]
        let content = try contents(of: node)
        var pending: [Int] = []
        let resources = try sanitizedResources(node, refs: &pending)
        var objects: [Int: PDFObject] = [:]
        try copyClosure(&pending, into: &objects, what: "objects for one page")
        var page = try geometry(of: node)
        page.contents = content.bytes
        page.contentID = content.id ?? -1 - index
        page.resources = resources
        page.objects = objects
        page.unembeddedFonts = FontPrograms.unembedded(resources: resources, objects: objects)
        page.fontsNotEmbedded = Self.names(page.unembeddedFonts)
        return page
    }

    /// Every page, with what pages share taken once: each stream decoded once, one decode budget for the
    /// document, each object copied once (`ImportedDocument.objects`), and a resource dictionary several
    /// pages use made an object of its own. Content shared by pages that differ in resources or visible
    /// box must be written once per such form, so it is paid from the budget again for each (a writer
    /// keeps one copy per distinct content, resources and box).
    public func importPages() throws(PDFReadError) -> ImportedDocument {
        var uses: [ResourcesOrigin: Int] = [:]
        for node in pages { if let origin = node.resourcesOrigin { uses[origin, default: 0] += 1 } }
        var sharedNumber: [ResourcesOrigin: Int] = [:]
        var fontsOfShared: [Int: [UnembeddedFont]] = [:]
        var objects: [Int: PDFObject] = [:]
        struct FormKey: Hashable {
            var content: Int
            var resources: ResourcesOrigin?
            var box: PDFRect
        }
        var forms: Set<FormKey> = []
        var contentsPaid: Set<Int> = []
        var result: [ImportedPage] = []
        result.reserveCapacity(pages.count)
        for (index, node) in pages.enumerated() {
            var page = try geometry(of: node)
            let content = try contents(of: node)
            page.contents = content.bytes
            page.contentID = content.id ?? -1 - index

            var pending: [Int] = []
            if let origin = node.resourcesOrigin, (uses[origin] ?? 0) > 1 {
                let number: Int
                if let known = sharedNumber[origin] {
                    number = known
                } else {
                    number = -1 - sharedNumber.count
                    sharedNumber[origin] = number
                    objects[number] = try sanitizedResources(node, refs: &pending)
                    try copyClosure(&pending, into: &objects, what: "objects of the imported pages")
                    fontsOfShared[number] = FontPrograms.unembedded(resources: .reference(number), objects: objects)
                }
                page.resources = .reference(number)
                page.unembeddedFonts = fontsOfShared[number] ?? []
            } else {
                page.resources = try sanitizedResources(node, refs: &pending)
                try copyClosure(&pending, into: &objects, what: "objects of the imported pages")
                page.unembeddedFonts = FontPrograms.unembedded(resources: page.resources, objects: objects)
            }
            page.fontsNotEmbedded = Self.names(page.unembeddedFonts)

            // The first form drawing a content keeps the decoded copy; another (other resources or box)
            // is one more copy in the output.
            let key = FormKey(content: page.contentID, resources: node.resourcesOrigin, box: page.cropBox)
            if forms.insert(key).inserted, !contentsPaid.insert(page.contentID).inserted {
                try Filters.spend(page.contents.count, &store.contentBudget)
            }
            result.append(page)
        }
        for i in result.indices { result[i].objects = objects }
        var document = ImportedDocument(pages: result, objects: objects)
        (document.shownCodes, document.shownStrings) = try shownCodes(result, objects: objects)
        return document
    }

    private static func names(_ fonts: [UnembeddedFont]) -> [String] {
        Array(Set(fonts.map(\.name))).sorted()
    }

    /// The codes the pages show in the fonts they use without programs; pages without such fonts
    /// are not read, and pages drawing the same content with the same resources are read once.
    private func shownCodes(
        _ pages: [ImportedPage], objects: [Int: PDFObject]
    ) throws(PDFReadError) -> ([Int: Set<UInt8>], [Int: Set<[UInt8]>]) {
        struct Walked: Hashable {
            var content: Int
            var resources: Int?
        }
        var text = ShownText(objects: objects, maxDepth: limits.maxDepth)
        var walked: Set<Walked> = []
        for (index, page) in pages.enumerated() where !page.unembeddedFonts.isEmpty {
            let key = Walked(content: page.contentID, resources: page.resources.referenceValue ?? -1 - index)
            guard walked.insert(key).inserted else { continue }
            try text.walk(page.contents, resources: page.resources) { [store] (n: Int) throws(PDFReadError) -> [UInt8]? in
                try store.decodedStream(n)
            }
        }
        let wanted = Set(pages.flatMap { $0.unembeddedFonts.compactMap(\.object) })
        // A Type0 font is not itself without a program (its descendant is): its codes are kept whole.
        return (text.codes.filter { wanted.contains($0.key) }, text.strings)
    }

    /// Decodes a stream taken from an `ImportedPage` (e.g. a Form XObject's content), paid from the
    /// document's decode budget like page contents.
    public func decodedData(of stream: PDFStream) throws(PDFReadError) -> [UInt8] {
        try store.decode(stream, budget: &store.contentBudget)
    }

    /// The boxes and rotation of a page; its content and resources are left empty.
    private func geometry(of node: PageNode) throws(PDFReadError) -> ImportedPage {
        let letter = PDFRect(x0: 0, y0: 0, x1: 612, y1: 792)
        let mediaBox = try rect(node.mediaBox) ?? letter
        var cropBox = mediaBox
        if let c = try rect(node.cropBox) {
            let clipped = PDFRect(
                x0: max(c.x0, mediaBox.x0), y0: max(c.y0, mediaBox.y0),
                x1: min(c.x1, mediaBox.x1), y1: min(c.y1, mediaBox.y1))
            // A crop box outside the media box is ignored rather than producing an empty page.
            if c.x0 < mediaBox.x1, c.x1 > mediaBox.x0, c.y0 < mediaBox.y1, c.y1 > mediaBox.y0 { cropBox = clipped }
        }
        var rotate = try store.deref(node.rotate).intValue ?? 0
        rotate = ((rotate % 360) + 360) % 360
        if rotate % 90 != 0 { rotate = 0 }
        return ImportedPage(
            mediaBox: mediaBox, cropBox: cropBox, rotate: rotate, contents: [], resources: .dictionary([:]),
            objects: [:])
    }

    /// The page's content streams decoded and joined, and an identity shared by pages naming the same
    /// streams (nil when a part is not a reference, which no other page can share). Each stream is
    /// decoded once per document; a join of several is kept and paid for once.
    private func contents(of node: PageNode) throws(PDFReadError) -> (bytes: [UInt8], id: Int?) {
        // The stream's reference is kept (not dereferenced): it is what identifies shared content.
        let named = node.dictionary["Contents"] ?? .null
        var parts = [named]
        if case .array(let a) = try store.deref(named) { parts = a }
        let numbers = parts.compactMap(\.referenceValue)
        let shareable = numbers.count == parts.count
        if shareable, let known = store.pageContents[numbers] { return (known.bytes, known.id) }
        var contents: [UInt8] = []
        for (i, part) in parts.enumerated() {
            let data: [UInt8]
            if case .reference(let n) = part {
                guard let d = try store.decodedStream(n) else { continue }
                data = d
            } else {
                guard case .stream(let s) = try store.deref(part) else { continue }
                data = try store.decode(s, budget: &store.contentBudget)
            }
            // Content may be split anywhere between tokens, so the pieces need whitespace between them.
            if i > 0 { contents.append(0x0A) }
            if contents.isEmpty { contents = data } else { contents += data }
        }
        // One stream's data is the decode cache's own; a join of several is a copy of its own.
        if parts.count > 1 { try Filters.spend(contents.count, &store.contentBudget) }
        guard shareable else { return (contents, nil) }
        let id = store.pageContents.count
        store.pageContents[numbers] = (id, contents)
        return (contents, id)
    }

    /// The page's resources, sanitised; the references they hold are appended to `refs`.
    private func sanitizedResources(_ node: PageNode, refs: inout [Int]) throws(PDFReadError) -> PDFObject {
        let value = try store.deref(node.resources)
        return sanitize(.dictionary(value.dictionaryValue ?? [:]), depth: 0, refs: &refs)
    }

    /// Copies the objects `pending` names, and those they name in turn, into `objects` (each once).
    private func copyClosure(
        _ pending: inout [Int], into objects: inout [Int: PDFObject], what: String
    ) throws(PDFReadError) {
        var next = 0
        while next < pending.count {
            let n = pending[next]
            next += 1
            guard objects[n] == nil else { continue }
            guard objects.count < limits.maxObjects else { throw .limitExceeded(what) }
            var value = try store.resolve(n)
            if isDropped(value) { value = .null }
            objects[n] = sanitize(value, depth: 0, refs: &pending)
        }
        pending = []
    }

    // MARK: Copying

    /// Keys whose values are interactive or document-level and are never carried into the packet.
    private static let droppedKeys: Set<String> = [
        "Annots", "AA", "A", "OpenAction", "AcroForm", "JS", "JavaScript", "EmbeddedFiles", "EF", "Names",
        "Outlines", "Threads", "B",
    ]

    /// Objects that must not enter the closure: pages, the catalog and interactive objects reached by an
    /// unexpected path would otherwise pull in the whole document or its scripts.
    private func isDropped(_ value: PDFObject) -> Bool {
        guard let d = value.dictionaryValue else { return false }
        switch d["Type"]?.nameValue {
        case "Page"?, "Pages"?, "Catalog"?, "Annot"?, "Action"?, "EmbeddedFile"?, "Filespec"?: return true
        default: break
        }
        if let s = d["S"]?.nameValue, ["JavaScript", "Launch", "URI", "SubmitForm", "ImportData", "GoToR"].contains(s) {
            return true
        }
        return false
    }

    /// A copy with dropped keys removed, parent links cut and stream lengths made direct; the references
    /// it still holds are appended to `refs`. Depth is bounded by the parser's nesting limit.
    private func sanitize(_ object: PDFObject, depth: Int, refs: inout [Int]) -> PDFObject {
        guard depth <= limits.maxDepth + 1 else { return .null }
        switch object {
        case .reference(let n):
            refs.append(n)
            return object
        case .array(let a):
            return .array(a.map { sanitize($0, depth: depth + 1, refs: &refs) })
        case .dictionary(let d):
            return .dictionary(sanitizeDictionary(d, depth: depth, refs: &refs))
        case .stream(let s):
            var d = s.dictionary
            d["Length"] = .integer(s.rawData.count)
            return .stream(PDFStream(dictionary: sanitizeDictionary(d, depth: depth, refs: &refs), rawData: s.rawData))
        default:
            return object
        }
    }

    private func sanitizeDictionary(
        _ d: [String: PDFObject], depth: Int, refs: inout [Int]
    ) -> [String: PDFObject] {
        var out: [String: PDFObject] = [:]
        for (key, value) in d {
            if Self.droppedKeys.contains(key) { continue }
            // Links upward (to a page or a parent node) would drag the rest of the document along.
            if key == "Parent" || key == "P", case .reference = value { continue }
            out[key] = sanitize(value, depth: depth + 1, refs: &refs)
        }
        return out
    }

    private func rect(_ object: PDFObject?) throws(PDFReadError) -> PDFRect? {
        guard let a = try store.deref(object).arrayValue, a.count == 4 else { return nil }
        var v: [Double] = []
        for item in a {
            guard let d = try store.deref(item).doubleValue, abs(d) < 1e7 else { return nil }
            v.append(d)
        }
        let r = PDFRect(x0: v[0], y0: v[1], x1: v[2], y1: v[3])
        return r.width > 0 && r.height > 0 ? r : nil
    }
}
