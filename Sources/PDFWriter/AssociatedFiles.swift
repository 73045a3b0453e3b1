import Foundation

/// A file carried inside the PDF (P6): in the `/EmbeddedFiles` name tree, so viewers and
/// `qpdf --list-attachments` find it, and in the catalog's `/AF` array with its relationship to the
/// document, the PDF/A-3 pattern of "a PDF with its data inside".
public struct EmbeddedFile: Sendable, Hashable {
    /// How the file relates to the document (PDF 2.0 / PDF/A-3 `/AFRelationship`).
    public enum Relationship: String, Sendable, Hashable {
        case data = "Data", source = "Source", alternative = "Alternative", supplement = "Supplement"
        case unspecified = "Unspecified"
    }

    public var name: String
    public var data: [UInt8]
    /// A MIME type such as `application/xml`; written as the stream's `/Subtype`.
    public var mimeType: String
    public var description: String
    public var relationship: Relationship
    /// Nil: no date is written (the writer never reads the clock).
    public var modificationDate: Date?

    public init(
        name: String, data: [UInt8], mimeType: String, description: String = "", relationship: Relationship = .data,
        modificationDate: Date? = nil
    ) {
        self.name = name
        self.data = data
        self.mimeType = mimeType
        self.description = description
        self.relationship = relationship
        self.modificationDate = modificationDate
    }
}

enum AssociatedFiles {
    /// Writes each file's stream and its file specification under `specs[i]` (numbered earlier, so
    /// that annotations can point at them); returns the file specifications, in order.
    static func add(
        _ files: [EmbeddedFile], specs: [ObjectRef], timeZoneOffsetMinutes: Int, to table: inout PDFObjectTable
    ) throws(PDFWriterError) -> [(name: String, spec: ObjectRef)] {
        var result: [(String, ObjectRef)] = []
        for (file, specRef) in zip(files, specs) {
            var params = PDFDict([("Size", .int(file.data.count))])
            if let date = file.modificationDate {
                params["ModDate"] = .ascii(CalendarStamp(date, offsetMinutes: timeZoneOffsetMinutes).pdfDate)
            }
            let streamRef = table.allocate()
            try table.setStream(
                streamRef,
                PDFDict([("Type", .name("EmbeddedFile")), ("Subtype", .name(file.mimeType)), ("Params", .dict(params))]),
                data: file.data)
            var spec = PDFDict()
            spec["Type"] = .name("Filespec")
            spec["F"] = .literal(Array(file.name.utf8))
            spec["UF"] = .text(file.name)
            spec["EF"] = .dict(PDFDict([("F", .ref(streamRef)), ("UF", .ref(streamRef))]))
            if !file.description.isEmpty { spec["Desc"] = .text(file.description) }
            spec["AFRelationship"] = .name(file.relationship.rawValue)
            table.set(specRef, spec)
            result.append((file.name, specRef))
        }
        return result
    }

    /// The `/EmbeddedFiles` name tree: one leaf with the names sorted by their bytes, as the
    /// name-tree rules require.
    static func nameTree(_ specs: [(name: String, spec: ObjectRef)]) -> PDFDict {
        let sorted = specs.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        var names: [PDFValue] = []
        for entry in sorted {
            names.append(.literal(Array(entry.name.utf8)))
            names.append(.ref(entry.spec))
        }
        return PDFDict([("Names", .array(names))])
    }
}
