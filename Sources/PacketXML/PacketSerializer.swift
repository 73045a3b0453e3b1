import Diagnostics
import PortfolioRecord
import ReviewPacket

/// Writes a `ReviewPacket` element by element, in the shape `portfolio-packet.xsd` describes.
struct PacketSerializer {
    let out: XMLTextWriter

    func packet(_ packet: ReviewPacket) throws(PacketXMLError) {
        try out.element("packet", namespace: PacketXML.namespace) { () throws(PacketXMLError) in
            try meta(packet.meta)
            try applicant(packet.applicant)
            try out.element("items") { () throws(PacketXMLError) in
                for item in packet.items { try self.item(item) }
            }
            try out.element("leftOut") { () throws(PacketXMLError) in
                for record in packet.leftOut {
                    let reason: String
                    var semester: String?
                    switch record.reason {
                    case .itemNotTaken: reason = "itemNotTaken"
                    case .outsideWindow(let number):
                        reason = "outsideWindow"
                        semester = String(number)
                    }
                    try out.element(
                        "record",
                        [
                            ("item", record.item.rawValue), ("file", record.file),
                            ("field", record.field.isEmpty ? nil : record.field), ("reason", reason), ("semester", semester),
                        ])
                }
            }
            try out.element("attachments") { () throws(PacketXMLError) in
                for file in packet.attachments { try self.file("file", file, withCheck: false) }
            }
            try out.element("diagnostics") { () throws(PacketXMLError) in
                for diagnostic in packet.diagnostics { try self.diagnostic(diagnostic) }
            }
        }
    }

    // MARK: meta, applicant

    func meta(_ meta: PacketMeta) throws(PacketXMLError) {
        try out.element("meta") { () throws(PacketXMLError) in
            try out.leaf("toolVersion", meta.toolVersion)
            try out.leaf("ruleYear", String(meta.ruleYear))
            try out.leaf("channel", meta.channel.rawValue)
            try out.leaf("channelFamily", meta.channelFamily.rawValue)
            try out.leaf("windowClass", meta.classType.rawValue)
            try out.leaf("departmentCode", meta.departmentCode)
            try out.leaf("departmentName", meta.departmentName)
            try out.leaf("profileSource", meta.profileSource)
            if let tickList = meta.tickList {
                try out.element("tickList", [("source", tickList.source), ("mode", tickList.mode.rawValue)])
            }
            try out.leaf("profileItems", meta.profileItems.map(\.rawValue).joined(separator: " "))
            try out.element("caps") { () throws(PacketXMLError) in
                // Sorted: a dictionary's iteration order changes from run to run.
                for (scope, cap) in meta.caps.sorted(by: { $0.key < $1.key }) {
                    let unit = if case .item = scope { "item" } else { "group" }
                    try out.leaf("cap", String(cap), [("scope", scope.description), ("unit", unit)])
                }
            }
            try out.leaf("inputDigest", meta.inputDigest)
        }
    }

    func applicant(_ info: ApplicantInfo) throws(PacketXMLError) {
        try out.element("applicant") { () throws(PacketXMLError) in
            try out.leaf("applicantNumber", info.applicantNumber)
            try out.optionalLeaf("name", info.enrolment.name)
            try out.optionalLeaf("schoolCode", info.enrolment.schoolCode)
            try out.optionalLeaf("schoolName", info.enrolment.schoolName)
            try out.optionalLeaf("schoolRegion", info.enrolment.schoolRegion)
            try out.optionalLeaf("group", info.enrolment.group)
            try out.optionalLeaf("program", info.enrolment.program)
            try out.optionalLeaf("classType", info.enrolment.classType)
            try out.optionalLeaf("learningMode", info.enrolment.learningMode)
        }
    }

    // MARK: items

    func item(_ item: PacketItem) throws(PacketXMLError) {
        let status: String
        var unreadableFiles: [String] = []
        switch item.status {
        case .provided: status = "provided"
        case .notProvided: status = "notProvided"
        case .unreadable(let files):
            status = "unreadable"
            unreadableFiles = files
        }
        let attributes: XMLTextWriter.Attributes = [
            ("code", item.code.rawValue), ("name", item.name), ("group", item.group.rawValue), ("status", status),
            ("flags", flagList(item.flags)), ("capScope", item.overCap?.scope.description),
            ("received", item.overCap.map { String($0.received) }), ("cap", item.overCap.map { String($0.cap) }),
        ]
        try out.element("item", attributes) { () throws(PacketXMLError) in
            for file in unreadableFiles { try out.leaf("unreadableFile", file) }
            for entry in item.entries {
                switch entry {
                case .courseTables(let tables): try courseTables(tables)
                case .schoolDocument(let document): try schoolDocument(document)
                case .outcome(let outcome): try self.outcome(outcome)
                case .performance(let performance): try self.performance(performance)
                case .document(let document): try self.document(document)
                case .uploaded(let upload): try self.upload(upload)
                }
            }
        }
    }

    // MARK: Item A

    func courseTables(_ tables: CourseTables) throws(PacketXMLError) {
        try out.element("courseTables", [("flags", flagList(tables.flags))]) { () throws(PacketXMLError) in
            for table in tables.semesters {
                let attributes = [("year", String(table.schoolYear)), ("term", String(table.semester))]
                try out.element("semester", attributes) { () throws(PacketXMLError) in
                    if let summary = table.summary { try semesterSummary(summary) }
                    for row in table.courses { try course(row) }
                }
            }
            try out.element("unplacedCourses") { () throws(PacketXMLError) in
                for row in tables.unplacedCourses { try course(row) }
            }
            try out.leaf("methodNote", CourseTables.methodNote)
        }
    }

    func semesterSummary(_ row: SemesterRow) throws(PacketXMLError) {
        let result = row.result
        try out.element("summary", [("index", String(result.index))]) { () throws(PacketXMLError) in
            try reading("schoolYear", result.schoolYear, String.init)
            try reading("semester", result.semester, String.init)
            try number("average", result.average)
            try distribution("schoolDistribution", result.schoolDistribution)
            try distribution("groupDistribution", result.groupDistribution)
            try distribution("programDistribution", result.programDistribution)
            try standing("schoolStanding", row.schoolStanding)
            try standing("groupStanding", row.groupStanding)
            try standing("programStanding", row.programStanding)
        }
    }

    func course(_ row: CourseRow) throws(PacketXMLError) {
        let course = row.course
        try out.element("course", [("index", String(course.index))]) { () throws(PacketXMLError) in
            try reading("schoolYear", course.schoolYear, String.init)
            try reading("semester", course.semester, String.init)
            try reading("subject", course.subject) { $0 }
            try number("credits", course.credits)
            try reading("category", course.category) { $0 }
            try reading("domain", course.domain) { $0 }
            try courseCode(course.courseCode, decoded: row.code)
            try number("score", course.score)
            try distribution("distribution", course.distribution)
            try standing("standing", row.standing)
        }
    }

    /// The histogram as one list of its 100 counts, bin k the k-th (the XSD's `histogramBins`): a
    /// fifth of the bytes of an element per bin, and much less for the validator (issue 15).
    func distribution(_ name: String, _ distribution: ScoreDistribution?) throws(PacketXMLError) {
        guard let distribution else { return }
        try out.element(name) { () throws(PacketXMLError) in
            try reading("population", distribution.population, String.init)
            if let bins = distribution.bins {
                // The reader always gives binCount bins; a shorter array (made in code) counts 0 for the rest.
                var list = ""
                list.reserveCapacity(2 * ScoreDistribution.binCount)
                for k in 0..<ScoreDistribution.binCount {
                    if k > 0 { list.append(" ") }
                    list.append(String(k < bins.count ? bins[k] : 0))
                }
                try out.leaf("bins", list)
            }
        }
    }

    func standing(_ name: String, _ standing: Standing) throws(PacketXMLError) {
        if let percent = standing.percentText {
            try out.element(name, [("top", percent)])
        } else {
            try out.element(name, [("unavailable", "true")])
        }
    }

    func schoolDocument(_ document: SchoolDocument) throws(PacketXMLError) {
        let attributes = [("kind", document.kind.rawValue), ("flags", flagList(document.flags))]
        try out.element("schoolDocument", attributes) { () throws(PacketXMLError) in
            try file("file", document.file, withCheck: true)
        }
    }

    // MARK: Items B–E, F–M

    func outcome(_ entry: OutcomeEntry) throws(PacketXMLError) {
        let outcome = entry.outcome
        let attributes = [("index", String(outcome.index)), ("key", outcome.key.rawValue), ("flags", flagList(entry.flags))]
        try out.element("outcome", attributes) { () throws(PacketXMLError) in
            try reading("subject", outcome.subject) { $0 }
            try reading("schoolYear", outcome.schoolYear, String.init)
            try reading("semester", outcome.semester, String.init)
            try courseCode(outcome.courseCode, decoded: entry.code)
            try reading("summary", outcome.summary) { $0 }
            try reading("certification", outcome.certification) { $0 }
            try reading("outcomeCategory", outcome.outcomeCategory) { $0 }
            try reading("reviewItemCode", outcome.reviewItemCode) { $0 }
            for reference in outcome.attachments { try attachment(reference) }
        }
    }

    func performance(_ entry: PerformanceEntry) throws(PacketXMLError) {
        let record = entry.record
        let attributes = [
            ("category", record.category.rawValue), ("index", String(record.index)), ("key", record.key.rawValue),
            ("sourceFile", record.sourceFile), ("flags", flagList(entry.flags)),
        ]
        try out.element("performance", attributes) { () throws(PacketXMLError) in
            for field in entry.fields {
                let (kind, text) = Self.fieldText(field.value)
                try out.leaf("field", text, [("name", field.name), ("kind", kind), ("codeName", field.codeName)])
            }
            try reading("summary", record.summary) { $0 }
            try reading("reviewItemCode", record.reviewItemCode) { $0 }
            for reference in record.attachments { try attachment(reference) }
            for link in record.links { try out.leaf("link", link.url, [("field", link.field.rawValue)]) }
        }
    }

    static func fieldText(_ value: FieldValue) -> (kind: String, text: String) {
        switch value {
        case .text(let text): ("text", text)
        case .integer(let value): ("integer", String(value))
        case .number(let value): value.isFinite ? ("number", formatNumber(value)) : ("invalid", "\(value)")
        case .date(let date): ("date", date.iso)
        case .code(let code): ("code", code)
        case .invalid(let raw): ("invalid", raw)
        }
    }

    // MARK: Items N–R

    func document(_ entry: DocumentEntry) throws(PacketXMLError) {
        let document = entry.document
        let attributes = [
            ("kind", document.kind.rawValue), ("file", document.file), ("pointsToItem", entry.pointsToItem?.rawValue),
            ("flags", flagList(entry.flags)),
        ]
        try out.element("document", attributes) { () throws(PacketXMLError) in
            switch document.content {
            case .text(let text):
                try out.element("blocks") { () throws(PacketXMLError) in
                    for block in text.blocks { try self.block(block) }
                }
            case .pdf(let pdf):
                try file("pdf", pdf, withCheck: true)
            case .unreadable:
                try out.element("unreadable")
            }
        }
    }

    // MARK: 自行上傳

    /// An uploaded PDF: the file name and the item code as the name gives them, the file with its
    /// digests (no MD5 is stated for it), or `<unreadable/>`.
    func upload(_ entry: UploadedEntry) throws(PacketXMLError) {
        let upload = entry.upload
        let attributes = [("file", upload.file), ("itemCode", upload.itemCode), ("flags", flagList(entry.flags))]
        try out.element("upload", attributes) { () throws(PacketXMLError) in
            switch upload.content {
            case .pdf(let pdf): try file("file", pdf, withCheck: true)
            case .unreadable: try out.element("unreadable")
            }
        }
    }

    func block(_ block: TextDocument.Block) throws(PacketXMLError) {
        let name: String
        let attributes: XMLTextWriter.Attributes
        let inlines: [TextDocument.Inline]
        switch block {
        case .heading(let level, let content):
            (name, attributes, inlines) = ("heading", [("level", String(level))], content)
        case .paragraph(let content):
            (name, attributes, inlines) = ("paragraph", [], content)
        case .listItem(let ordinal, let content):
            (name, attributes, inlines) = ("listItem", [("ordinal", ordinal.map(String.init))], content)
        }
        try out.element(name, attributes) { () throws(PacketXMLError) in
            for inline in inlines {
                switch inline {
                case .text(let text): try out.leaf("text", text)
                case .strong(let text): try out.leaf("strong", text)
                }
            }
        }
    }

    // MARK: Files

    func attachment(_ reference: AttachmentReference) throws(PacketXMLError) {
        let status: String
        var refusal: String?
        var found: AttachmentFile?
        switch reference.status {
        case .found(let file):
            status = "found"
            found = file
        case .missing:
            status = "missing"
        case .refused(let reason):
            status = "refused"
            refusal = reason.rawValue
        case .unreadable:
            status = "unreadable"
        }
        let attributes: XMLTextWriter.Attributes = [
            ("field", reference.field.rawValue), ("path", reference.path), ("status", status),
            ("statedMD5", reference.statedMD5), ("refusal", refusal),
        ]
        try out.element("attachment", attributes) { () throws(PacketXMLError) in
            if let found { try file("file", found, withCheck: true) }
        }
    }

    /// The MD5 check belongs to a reference (what the record stated), so the packet-level list,
    /// one entry per file, leaves it out.
    func file(_ name: String, _ file: AttachmentFile, withCheck: Bool) throws(PacketXMLError) {
        try out.element(
            name,
            [
                ("path", file.path), ("name", file.name), ("size", String(file.size)),
                ("mediaType", file.mediaType.rawValue), ("sha256", file.sha256), ("md5", file.md5),
                ("md5Check", withCheck ? file.md5Check.rawValue : nil),
            ])
    }

    // MARK: Diagnostics

    func diagnostic(_ diagnostic: Diagnostic) throws(PacketXMLError) {
        let attributes: XMLTextWriter.Attributes = [
            ("severity", diagnostic.severity.rawValue), ("code", diagnostic.kind.code), ("file", diagnostic.file),
            ("field", diagnostic.field), ("item", diagnostic.item),
        ]
        try out.element("diagnostic", attributes) { () throws(PacketXMLError) in
            for language in [MessageLanguage.traditionalChinese, .english] {
                try out.leaf("message", diagnostic.kind.message(language), [("lang", language.rawValue)])
            }
        }
    }

    // MARK: Values

    /// Present → text; invalid → the raw text marked `invalid="true"`; missing → left out.
    func reading<T>(_ name: String, _ reading: Reading<T>, _ render: (T) -> String) throws(PacketXMLError) {
        switch reading {
        case .missing: return
        case .value(let value): try out.leaf(name, render(value))
        case .invalid(let raw): try out.leaf(name, raw, [("invalid", "true")])
        }
    }

    /// Numbers as people write them (formatNumber: no trailing `.0`). A non-finite value cannot be a
    /// record number; it is kept as text and marked rather than written as a number.
    func number(_ name: String, _ value: Reading<Double>) throws(PacketXMLError) {
        if case .value(let number) = value, !number.isFinite {
            try out.leaf(name, "\(number)", [("invalid", "true")])
            return
        }
        try reading(name, value, formatNumber)
    }

    /// ISO dates; an impossible one keeps its raw text, marked.
    func date(_ name: String, _ date: DateReading) throws(PacketXMLError) {
        switch date {
        case .missing: return
        case .valid(let date): try out.leaf(name, date.iso)
        case .invalid(let raw): try out.leaf(name, raw, [("invalid", "true")])
        }
    }

    /// 課程代碼 as given, with its decoding as attributes.
    func courseCode(_ code: Reading<String>, decoded: DecodedCourseCode?) throws(PacketXMLError) {
        let text: String
        var invalid: String?
        switch code {
        case .value(let value): text = value
        case .invalid(let raw):
            text = raw
            invalid = "true"
        case .missing:
            guard let decoded else { return }
            text = decoded.code
        }
        try out.leaf(
            "courseCode", text,
            [
                ("invalid", invalid), ("category", decoded?.category), ("attribute", decoded?.attribute),
                ("domain", decoded?.domain), ("problem", decoded?.problem?.rawValue),
            ])
    }

    /// Space-separated EntryFlags names; nil (attribute left out) when there are none.
    func flagList(_ flags: EntryFlags) -> String? {
        let names = flags.names
        return names.isEmpty ? nil : names.joined(separator: " ")
    }
}
