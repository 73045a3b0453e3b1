import Foundation

// Bookmarks, page labels and link annotations (P4).

enum Navigation {
    /// `[page /XYZ null y null]`: keep the reader's horizontal position and zoom, put `y` at the top.
    static func destination(page: ObjectRef, y: Double) -> PDFValue {
        .array([.ref(page), .name("XYZ"), .null, .number(y), .null])
    }

    /// Adds the outline tree (items in depth-first order) and returns the /Outlines reference,
    /// or nil when there are no bookmarks.
    static func addOutline(
        _ entries: [OutlineEntry], pages: [ObjectRef], to table: inout PDFObjectTable
    ) throws(PDFWriterError) -> ObjectRef? {
        guard !entries.isEmpty else { return nil }
        try validate(entries, pageCount: pages.count)
        let root = table.allocate()
        let (first, last) = addItems(entries, parent: root, pages: pages, to: &table)
        table.set(
            root,
            PDFDict([
                ("Type", .name("Outlines")), ("First", .ref(first)), ("Last", .ref(last)),
                ("Count", .int(visibleCount(entries))),
            ]))
        return root
    }

    private static func validate(_ entries: [OutlineEntry], pageCount: Int) throws(PDFWriterError) {
        for entry in entries {
            guard entry.page >= 0, entry.page < pageCount else {
                throw .invalidDestination(page: entry.page, context: "bookmark “\(entry.title)”")
            }
            try validate(entry.children, pageCount: pageCount)
        }
    }

    /// Items shown when their parents are as `isOpen` says: what /Count counts.
    private static func visibleCount(_ entries: [OutlineEntry]) -> Int {
        entries.reduce(0) { $0 + 1 + ($1.isOpen ? visibleCount($1.children) : 0) }
    }

    private static func addItems(
        _ entries: [OutlineEntry], parent: ObjectRef, pages: [ObjectRef], to table: inout PDFObjectTable
    ) -> (first: ObjectRef, last: ObjectRef) {
        let refs = entries.map { _ in table.allocate() }
        for (index, entry) in entries.enumerated() {
            var item = PDFDict()
            item["Title"] = .text(entry.title)
            item["Parent"] = .ref(parent)
            if index > 0 { item["Prev"] = .ref(refs[index - 1]) }
            if index + 1 < refs.count { item["Next"] = .ref(refs[index + 1]) }
            if !entry.children.isEmpty {
                let (first, last) = addItems(entry.children, parent: refs[index], pages: pages, to: &table)
                item["First"] = .ref(first)
                item["Last"] = .ref(last)
                let count = visibleCount(entry.children)
                item["Count"] = .int(entry.isOpen ? count : -count)
            }
            item["Dest"] = destination(page: pages[entry.page], y: entry.y)
            table.set(refs[index], item)
        }
        return (refs[0], refs[refs.count - 1])
    }

    /// The /PageLabels number tree (a flat /Nums array is a valid tree). A document whose first
    /// range does not start at page 0 gets decimal labels from 1 for the pages before it, which is
    /// what readers show without labels.
    static func pageLabels(_ ranges: [PageLabelRange], pageCount: Int) throws(PDFWriterError) -> PDFValue? {
        guard !ranges.isEmpty else { return nil }
        var sorted = ranges.sorted { $0.firstPage < $1.firstPage }
        for (index, range) in sorted.enumerated() {
            guard range.firstPage >= 0, range.firstPage < pageCount else {
                throw .invalidPageLabels("range starts at page \(range.firstPage) of \(pageCount)")
            }
            guard range.start >= 1 else {
                throw .invalidPageLabels("range at page \(range.firstPage) starts numbering at \(range.start)")
            }
            if index > 0 && sorted[index - 1].firstPage == range.firstPage {
                throw .invalidPageLabels("two ranges start at page \(range.firstPage)")
            }
        }
        if sorted[0].firstPage != 0 { sorted.insert(PageLabelRange(firstPage: 0), at: 0) }
        var nums: [PDFValue] = []
        for range in sorted {
            var label = PDFDict()
            switch range.style {
            case .decimal: label["S"] = .name("D")
            case .romanLower: label["S"] = .name("r")
            case .romanUpper: label["S"] = .name("R")
            case .lettersLower: label["S"] = .name("a")
            case .lettersUpper: label["S"] = .name("A")
            case .none: break
            }
            if !range.prefix.isEmpty { label["P"] = .text(range.prefix) }
            if range.start != 1 { label["St"] = .int(range.start) }
            nums.append(.int(range.firstPage))
            nums.append(.dict(label))
        }
        return .dict(PDFDict([("Nums", .array(nums))]))
    }

    /// `[llx lly urx ury]`, whichever way the rectangle was given.
    static func rectangle(_ rect: LinkRect) -> PDFValue {
        .array([
            .number(min(rect.x, rect.x + rect.width)), .number(min(rect.y, rect.y + rect.height)),
            .number(max(rect.x, rect.x + rect.width)), .number(max(rect.y, rect.y + rect.height)),
        ])
    }

    static func linkAnnotation(
        _ link: LinkAnnotation, onPage pageIndex: Int, pages: [ObjectRef]
    ) throws(PDFWriterError) -> PDFDict {
        var annotation = PDFDict()
        annotation["Type"] = .name("Annot")
        annotation["Subtype"] = .name("Link")
        annotation["Rect"] = rectangle(link.rect)
        // Print flag: links are part of the page as printed (PDF/A asks for it); no visible border.
        annotation["F"] = .int(4)
        annotation["Border"] = .array([.int(0), .int(0), .int(0)])
        switch link.target {
        case .page(let target, let y):
            guard target >= 0, target < pages.count else {
                throw .invalidDestination(page: target, context: "link on page \(pageIndex)")
            }
            annotation["Dest"] = destination(page: pages[target], y: y)
        case .uri(let uri):
            annotation["A"] = .dict(PDFDict([("S", .name("URI")), ("URI", .ascii(asciiURI(uri)))]))
        }
        return annotation
    }

    /// A file attachment annotation over `annotation.rect`, opening the attached file whose file
    /// specification is `fileSpec` (the same one `/EmbeddedFiles` and `/AF` list: one copy).
    static func fileAttachmentAnnotation(
        _ annotation: FileAttachmentAnnotation, fileSpec: ObjectRef, appearance: ObjectRef
    ) -> PDFDict {
        var dict = PDFDict()
        dict["Type"] = .name("Annot")
        dict["Subtype"] = .name("FileAttachment")
        dict["Rect"] = rectangle(annotation.rect)
        dict["FS"] = .ref(fileSpec)
        dict["Contents"] = .text(annotation.contents)
        dict["Name"] = .name("Paperclip")
        // Print flag, as PDF/A asks of every annotation; the appearance (PDF/A needs one) draws
        // nothing, so the page's own text under it is what shows.
        dict["F"] = .int(4)
        dict["AP"] = .dict(PDFDict([("N", .ref(appearance))]))
        return dict
    }

    /// An appearance that draws nothing, shared by every file attachment annotation.
    static func addEmptyAppearance(to table: inout PDFObjectTable) throws(PDFWriterError) -> ObjectRef {
        let ref = table.allocate()
        try table.setStream(
            ref,
            PDFDict([
                ("Type", .name("XObject")), ("Subtype", .name("Form")),
                ("BBox", .array([.int(0), .int(0), .int(1), .int(1)])), ("Resources", .dict(PDFDict())),
            ]), data: [], compress: false)
        return ref
    }

    /// URI action strings are 7-bit ASCII: UTF-8 bytes of anything else are percent-encoded.
    static func asciiURI(_ uri: String) -> String {
        var result = ""
        for byte in uri.utf8 {
            if byte > 0x20 && byte < 0x7F {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + hexByte(byte)
            }
        }
        return result
    }
}
