import Diagnostics

// The readers of the record's JSON files, one per file (docs/input.md §2, §3).

extension ReadSession {
    // MARK: _基本資料.json

    func readBasicData(_ object: JSONObject, file: String) -> (BasicData, [PerformanceRecord]) {
        var fields = ObjectFields(object, path: "", file: file, log: log)
        var basic = BasicData()
        basic.statedApplicantNumber = fields.code("應試號碼").value
        if let stated = basic.statedApplicantNumber, stated != applicantNumber {
            log.warning(.applicantNumberMismatch(folder: applicantNumber, inFile: stated), file: file, field: "應試號碼")
        }
        basic.enrolment.name = fields.text("學生中文姓名", personal: true).value
        if basic.enrolment.name == nil {
            log.warning(.requiredFieldMissing, file: file, field: "學生中文姓名")
        }
        // The ID is read (an unreadable value is reported, without it) and dropped: no output may
        // show it, not even masked.
        _ = fields.text("國民身分證統一編號(或居留證統一證號)", aliases: ["身分證統一編號"], personal: true)
        let birthKey = "學生出生年月日"
        basic.birthDate = DateValue.read(fields.member(birthKey)?.value)
        if case .invalid = basic.birthDate {
            // Personal data: report the field, never the value.
            log.warning(.invalidValue(raw: "…", expected: .date), file: file, field: birthKey)
        }
        basic.enrolment.schoolCode = fields.code("就讀學校代碼").value
        basic.enrolment.schoolName = fields.text("學校名稱").value
        basic.enrolment.schoolRegion = fields.text("學校地區").value
        basic.enrolment.group = fields.text("群別").value
        basic.enrolment.program = fields.text("科班學程別").value
        basic.enrolment.classType = fields.text("班別").value
        basic.enrolment.learningMode = fields.text("學習型態").value
        var cadres: [PerformanceRecord] = []
        if let elements = fields.array("擔任學校幹部經歷紀錄") {
            cadres = readCategory(.schoolCadre, elements: elements, path: "擔任學校幹部經歷紀錄", file: file)
        }
        fields.finish()
        return (basic, cadres)
    }

    /// The school-created cadre list may come from `_基本資料.json` or `_多元表現.json`; both are
    /// kept, the first copy of an identical record only.
    func merge(schoolCadres: [PerformanceRecord], into performances: Loaded<[PerformanceRecord]>)
        -> Loaded<[PerformanceRecord]>
    {
        guard !schoolCadres.isEmpty else { return performances }
        switch performances {
        case .present(let file, let records):
            let fromPerformances = records.filter { $0.category == .schoolCadre }
            let extra = schoolCadres.filter { cadre in
                !fromPerformances.contains { $0.fields == cadre.fields }
            }
            return .present(file: file, extra + records)
        case .absent(let file):
            return .present(file: file, schoolCadres)
        case .unreadable:
            // The file's own records are lost to its error; the school's cadre list still counts.
            return performances
        }
    }

    // MARK: _修課紀錄.json

    func readCourseRecord(_ value: JSONValue, file: String) -> CourseRecord {
        guard case .object(let object) = value else { return CourseRecord() }
        var top = ObjectFields(object, path: "", file: file, log: log)
        var record = CourseRecord()
        let semesterKey = "學期成績與學習相對表現資訊"
        if let rows = top.array(semesterKey) {
            for (index, var row) in objectElements(rows, path: semesterKey, file: file, log: log) {
                let semester = SemesterResult(
                    index: index,
                    schoolYear: row.integer("學年度"),
                    semester: row.integer("學期"),
                    average: row.number("學生學期成績"),
                    schoolDistribution: distribution(&row, key: "校學習相對表現資訊"),
                    groupDistribution: distribution(&row, key: "群別學習相對表現資訊"),
                    programDistribution: distribution(&row, key: "科班學程別學習相對表現資訊"))
                row.finish()
                record.semesters.append(semester)
            }
        }
        let courseKey = "學習紀錄"
        if let rows = top.array(courseKey) {
            record.courses.reserveCapacity(rows.count)
            for (index, var row) in objectElements(rows, path: courseKey, file: file, log: log) {
                var course = CourseResult(index: index)
                course.schoolYear = row.integer("實際修課學年度", aliases: ["應修課學年度"])
                course.semester = row.integer("實際修課學期", aliases: ["應修課學期"])
                course.subject = row.text("科目名稱")
                course.credits = row.number("學分數")
                course.category = row.text("課程類別")
                if var domain = row.object("課程領域資訊") {
                    course.domain = domain.text("名稱")
                    domain.finish()
                }
                course.courseCode = row.code("課程代碼")
                course.score = score(&row)
                let population = row.integer("母體人數")
                let bins = histogram(&row, key: "本科目分數級距分布")
                if population != .missing || bins != nil {
                    course.distribution = ScoreDistribution(population: population, bins: bins)
                }
                row.finish()
                record.courses.append(course)
            }
        }
        top.finish()
        return record
    }

    /// 學業成績 is `{"分數": 88}`; a bare number is accepted too.
    private func score(_ row: inout ObjectFields) -> Reading<Double> {
        guard let found = row.member("學業成績") else { return .missing }
        switch found.value {
        case .object(let object):
            var fields = ObjectFields(object, path: row.fieldPath("學業成績"), file: row.file, log: log)
            let score = fields.number("分數")
            fields.finish()
            return score
        case .null:
            return .missing
        default:
            let bounds = FieldBounds.score
            return row.bounded(
                LiberalValue.numberOutcome(found.value), found, expected: .number, bounds: bounds,
                within: bounds.contains)
        }
    }

    /// `{"母體人數": 412, "分數級距分布": {...}}`, or null.
    private func distribution(_ row: inout ObjectFields, key: String) -> ScoreDistribution? {
        guard var fields = row.object(key) else { return nil }
        let population = fields.integer("母體人數")
        let bins = histogram(&fields, key: "分數級距分布")
        fields.finish()
        return ScoreDistribution(population: population, bins: bins)
    }

    /// Bins keyed `組距{k}_{k+1}的人數`, k = 0…99; missing bins count 0, bad keys and counts are reported.
    private func histogram(_ row: inout ObjectFields, key: String) -> [Int]? {
        guard let fields = row.object(key) else { return nil }
        var bins = [Int](repeating: 0, count: ScoreDistribution.binCount)
        for member in fields.object.members {
            guard let k = binIndex(member.key) else {
                log.warning(.histogramBadKey(member.key), file: fields.file, field: fields.fieldPath(member.key))
                continue
            }
            let bounds = FieldBounds.count
            switch LiberalValue.integerOutcome(member.value) {
            case .value(let count) where bounds.contains(count):
                bins[k] = count
            case .missing:
                continue
            case .value(let count) where count < 0:
                log.warning(
                    .histogramBadCount(key: member.key, raw: String(count)), file: fields.file,
                    field: fields.fieldPath(member.key))
            case .value(let count):
                fields.outOfRange(raw: String(count), length: String(count).count, bounds: bounds, key: member.key)
            case .outOfRange(let raw, let length):
                fields.outOfRange(raw: raw, length: length, bounds: bounds, key: member.key)
            case .invalid(let raw):
                log.warning(
                    .histogramBadCount(key: member.key, raw: raw), file: fields.file, field: fields.fieldPath(member.key))
            }
        }
        return bins
    }

    /// `組距12_13的人數` → 12; nil unless the two bounds are k and k+1 with 0 ≤ k ≤ 99. Read from the
    /// UTF-8 bytes: it runs for 100 keys of every course row.
    func binIndex(_ key: String) -> Int? {
        let prefix = "組距".utf8
        let suffix = "的人數".utf8
        let bytes = key.utf8
        guard bytes.count > prefix.count + suffix.count, bytes.starts(with: prefix),
            bytes.reversed().starts(with: suffix.reversed())
        else { return nil }
        let inner = bytes.dropFirst(prefix.count).dropLast(suffix.count)
        var bounds: [Int] = [0]
        var digits = 0
        for byte in inner {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                guard digits <= 3 else { return nil }
                bounds[bounds.count - 1] = bounds[bounds.count - 1] * 10 + Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "_"):
                guard digits > 0, bounds.count == 1 else { return nil }
                bounds.append(0)
                digits = 0
            default:
                return nil
            }
        }
        guard bounds.count == 2, digits > 0, bounds[1] == bounds[0] + 1, (0...99).contains(bounds[0]) else {
            return nil
        }
        return bounds[0]
    }

    // MARK: _課程學習成果.json

    func readOutcomes(_ value: JSONValue, file: String) -> [LearningOutcome] {
        guard case .array(let elements) = value else { return [] }
        var outcomes: [LearningOutcome] = []
        for (index, var row) in objectElements(elements, path: "", file: file, log: log) {
            var outcome = LearningOutcome(index: index)
            outcome.subject = row.text("科目名稱")
            outcome.schoolYear = row.integer("實際修課學年度", aliases: ["應修課學年度"])
            outcome.semester = row.integer("實際修課學期", aliases: ["應修課學期"])
            outcome.courseCode = row.code("課程代碼")
            outcome.summary = row.text("課程學習成果簡述")
            outcome.document = linkedFile(&row, .outcomeDocument, file: file)
            outcome.media = linkedFile(&row, .outcomeMedia, file: file)
            outcome.certification = row.text("認證狀態")
            outcome.outcomeCategory = row.code("成果類別")
            outcome.reviewItemCode = row.code("審查項目代碼")
            outcome.statedKey = row.text(ItemKeys.statedKeyField)
            row.finish()
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// A 連結 field and its MD5 field: nil when the record names no file.
    func linkedFile(_ row: inout ObjectFields, _ linkField: LinkField, file: String) -> AttachmentReference? {
        let link = row.text(linkField.rawValue, masking: false)
        let md5 = linkField.md5Field.map { row.text($0) } ?? .missing
        guard case .value(let path) = link else { return nil }
        return attachment(
            field: linkField, path: path, statedMD5: md5.value, file: file, fieldPath: row.fieldPath(linkField.rawValue))
    }

    // MARK: _多元表現.json

    func readPerformances(_ value: JSONValue, file: String) -> [PerformanceRecord] {
        guard case .object(let object) = value else { return [] }
        var top = ObjectFields(object, path: "", file: file, log: log)
        var records: [PerformanceRecord] = []
        for category in PerformanceCategory.allCases {
            guard let elements = top.array(category.rawValue) else { continue }
            // The school's cadre records of `_基本資料.json` are numbered on after this array.
            if category == .schoolCadre { schoolCadreArrayLength = elements.count }
            records += readCategory(category, elements: elements, path: category.rawValue, file: file)
        }
        top.finish()
        return records
    }

    func readCategory(_ category: PerformanceCategory, elements: [JSONValue], path: String, file: String)
        -> [PerformanceRecord]
    {
        var records: [PerformanceRecord] = []
        records.reserveCapacity(elements.count)
        for (index, var row) in objectElements(elements, path: path, file: file, log: log) {
            var record = PerformanceRecord(category: category, index: index, sourceFile: file)
            var containers: [String: ObjectFields] = [:]
            for spec in category.fields {
                let value: FieldValue?
                if let container = spec.container {
                    if containers[container] == nil, let nested = row.object(container) {
                        containers[container] = nested
                    }
                    if var nested = containers[container] {
                        value = fieldValue(spec, in: &nested)
                        containers[container] = nested
                    } else {
                        // Some exports flatten 證照資訊 into the record itself.
                        value = fieldValue(spec, in: &row)
                    }
                } else {
                    value = fieldValue(spec, in: &row)
                }
                if let value { record.fields.append(RecordField(name: spec.name, value: value)) }
            }
            for nested in containers.values { nested.finish() }
            if category.takesStudentUploads {
                record.summary = row.text("內容簡述")
                for link in [LinkField.proof, .media] {
                    if let reference = linkedFile(&row, link, file: file) {
                        record.attachments.append(reference)
                    }
                }
                for linkField in [LinkField.externalMedia] + (category == .work ? [.workOutcome] : []) {
                    guard case .value(let target) = row.text(linkField.rawValue, masking: false) else { continue }
                    if isWebLink(target) {
                        // A web address is only shown, never opened: masked like any text.
                        record.links.append(ExternalLink(field: linkField, url: maskingNationalIDs(target)))
                    } else {
                        record.attachments.append(
                            attachment(
                                field: linkField, path: target, statedMD5: nil, file: file,
                                fieldPath: row.fieldPath(linkField.rawValue)))
                    }
                }
                record.reviewItemCode = row.code("審查項目代碼")
            }
            record.statedKey = row.text(ItemKeys.statedKeyField)
            row.finish()
            records.append(record)
        }
        return records
    }

    private func fieldValue(_ spec: FieldSpec, in row: inout ObjectFields) -> FieldValue? {
        switch spec.kind {
        case .text:
            return fieldValue(row.text(spec.name, aliases: spec.aliases)) { .text($0) }
        case .integer:
            return fieldValue(row.integer(spec.name, aliases: spec.aliases)) { .integer($0) }
        case .number:
            return fieldValue(row.number(spec.name, aliases: spec.aliases)) { .number($0) }
        case .code:
            return fieldValue(row.code(spec.name, aliases: spec.aliases)) { .code($0) }
        case .date:
            switch row.date(spec.name, aliases: spec.aliases) {
            case .missing: return nil
            case .valid(let date): return .date(date)
            case .invalid(let raw): return .invalid(raw: raw)
            }
        }
    }

    private func fieldValue<V>(_ reading: Reading<V>, _ make: (V) -> FieldValue) -> FieldValue? {
        switch reading {
        case .missing: nil
        case .value(let value): make(value)
        case .invalid(let raw): .invalid(raw: raw)
        }
    }

    private func isWebLink(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }
}
