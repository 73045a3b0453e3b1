import Diagnostics
import Foundation
@testable import PortfolioRecord
@testable import ReviewPacket

/// Hand-built packets. The ReviewPacket model types have only internal memberwise initialisers,
/// hence `@testable import`.
enum SamplePackets {
    static let sha = String(repeating: "ab", count: 32)
    static let md5 = String(repeating: "cd", count: 16)

    static func file(_ path: String, _ mediaType: MediaType = .pdf, check: MD5Check = .notStated) -> AttachmentFile {
        AttachmentFile(path: path, size: 12_345, mediaType: mediaType, sha256: sha, md5: md5, md5Check: check)
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> DateReading {
        CalendarDate(year: year, month: month, day: day).map(DateReading.valid) ?? .missing
    }

    static func dateField(_ year: Int, _ month: Int, _ day: Int) -> FieldValue {
        CalendarDate(year: year, month: month, day: day).map(FieldValue.date) ?? .invalid(raw: "?")
    }

    static var courseCodeRules: CourseCodeRules? {
        (try? RuleBook.load())?.years[115]?.courseCode
    }

    static func bins(_ counts: [Int: Int]) -> [Int] {
        var bins = [Int](repeating: 0, count: ScoreDistribution.binCount)
        for (k, n) in counts { bins[k] = n }
        return bins
    }

    static let meta = PacketMeta(
        toolVersion: "0.1.0", ruleYear: 115, channel: .application, channelFamily: .university, classType: .general,
        departmentCode: "001012", departmentName: "國立臺灣大學 中國文學系", profileSource: "profiles/001012.json",
        profileItems: ["A", "B", "H", "J", "N", "O", "P", "Q", "R"],
        caps: [.group(.learningOutcomes): 3, .group(.performances): 10, .item("B-1"): 1, .item("A"): 2], summaryLimit: 100,
        inputDigest: String(repeating: "0123456789abcdef", count: 4))

    static func applicant(name: String = "林𡘙安") -> ApplicantInfo {
        ApplicantInfo(
            applicantNumber: "01686463",
            enrolment: Enrolment(
                name: name, schoolCode: "013301", schoolName: "臺北市立第一女子高級中學", schoolRegion: "臺北市",
                group: "普通型", program: "普通科", classType: "一般班", learningMode: "一般"))
    }

    /// Every entry kind, every flag, every attachment status and every Reading state.
    static func full(subject: String = "國語文") -> ReviewPacket {
        let rules = courseCodeRules
        let goodCode = "108013301H11101A1010101"
        let decoded = rules.map { DecodedCourseCode(goodCode, rules: $0) }
        let badDecoded = rules.map { DecodedCourseCode("12345", rules: $0) }

        let schoolDistribution = ScoreDistribution(population: .value(412), bins: bins([88: 2, 99: 1, 40: 5]))
        let semesterRow = SemesterRow(
            result: SemesterResult(
                index: 0, schoolYear: .value(111), semester: .value(1), average: .value(86.42),
                schoolDistribution: schoolDistribution,
                groupDistribution: ScoreDistribution(population: .value(0), bins: nil),
                programDistribution: ScoreDistribution(population: .invalid(raw: "abc"), bins: bins([:]))),
            schoolStanding: .top(tenths: 123), groupStanding: .unavailable, programStanding: .top(tenths: 1000))
        let course = CourseRow(
            course: CourseResult(
                index: 0, schoolYear: .value(111), semester: .value(1), subject: .value(subject), credits: .value(4),
                category: .value("部定必修"), domain: .value("語文"), courseCode: .value(goodCode), score: .value(88),
                distribution: ScoreDistribution(population: .value(412), bins: bins([88: 2]))),
            code: decoded, standing: .top(tenths: 5))
        let oddCourse = CourseRow(
            course: CourseResult(
                index: 1, schoolYear: .value(111), semester: .value(1), subject: .value("物理"), credits: .value(2.5),
                category: .missing, domain: .invalid(raw: "{…}"), courseCode: .value("12345"),
                score: .invalid(raw: "八十"), distribution: nil),
            code: badDecoded, standing: .unavailable)
        let unplaced = CourseRow(
            course: CourseResult(index: 2, schoolYear: .invalid(raw: "x"), subject: .value("化學")),
            code: nil, standing: .unavailable)
        let tables = CourseTables(
            semesters: [SemesterTable(schoolYear: 111, semester: 1, summary: semesterRow, courses: [course, oddCourse])],
            unplacedCourses: [unplaced], flags: [.invalidValue])

        let outcome = OutcomeEntry(
            outcome: LearningOutcome(
                index: 0, subject: .value("物理"), schoolYear: .value(111), semester: .value(2),
                courseCode: .value(goodCode), summary: .value("以Arduino量測單擺週期，比較理論值與實驗值的誤差來源。"),
                document: AttachmentReference(
                    field: .outcomeDocument, path: "files/phy-report.pdf",
                    statedMD5: "9E107D9D372BB6826BD81D3542A419D6", status: .found(file("files/phy-report.pdf", check: .mismatch))),
                media: AttachmentReference(
                    field: .outcomeMedia, path: "../outside.mp4", statedMD5: nil, status: .refused(.leavesFolder)),
                certification: .value("未認證"), outcomeCategory: .value("1"), reviewItemCode: .value("B")),
            code: decoded, flags: [.uncertified, .md5Mismatch, .pathRefused, .summaryTooLong])

        let competition = PerformanceEntry(
            record: PerformanceRecord(
                category: .competition, index: 2, sourceFile: "01686463_多元表現.json",
                fields: [],
                summary: .value("全國賽第二名"),
                attachments: [
                    AttachmentReference(field: .proof, path: "files/award.png", statedMD5: "xyz", status: .found(file("files/award.png", .png, check: .malformedStatement))),
                    AttachmentReference(field: .media, path: "files/gone.mp4", statedMD5: nil, status: .missing),
                ],
                links: [ExternalLink(field: .externalMedia, url: "https://example.org/v?a=1&b=2")],
                reviewItemCode: .invalid(raw: "ZZ")),
            fields: [
                DisplayField(name: "競賽名稱", value: .text("全國科展"), codeName: nil),
                DisplayField(name: "競賽等級代碼", value: .code("3"), codeName: "全國"),
                DisplayField(name: "結果公布日期", value: dateField(2022, 3, 15), codeName: nil),
                DisplayField(name: "名次", value: .integer(2), codeName: nil),
                DisplayField(name: "時數", value: .number(12.5), codeName: nil),
                DisplayField(name: "開始日期", value: .invalid(raw: "2023/02/29"), codeName: nil),
            ],
            flags: [.fileMissing, .invalidValue, .attachmentTooLarge])
        let cadre = PerformanceEntry(
            record: PerformanceRecord(category: .schoolCadre, index: 0, sourceFile: "01686463_基本資料.json"),
            fields: [DisplayField(name: "幹部等級代碼", value: .code("9"), codeName: nil)], flags: [])

        let textDocument = DocumentEntry(
            document: SelfWrittenDocument(
                kind: .reflection, file: "01686463_高中學習歷程反思.md",
                content: .text(TextDocument(blocks: [
                    .heading(level: 1, [.text("反思")]),
                    .paragraph([.text("我學到了 "), .strong("合作"), .text(" 與 <溝通> & 表達。")]),
                    .listItem(ordinal: 1, [.text("第一點")]),
                    .listItem(ordinal: nil, [.text("其他")]),
                ]))),
            pointsToItem: nil, flags: [])
        let combined = DocumentEntry(
            document: SelfWrittenDocument(
                kind: .combinedStatement, file: "01686463_學習歷程自述.pdf", content: .pdf(file("01686463_學習歷程自述.pdf"))),
            pointsToItem: nil, flags: [.combinedStatement])
        let pointer = DocumentEntry(
            document: SelfWrittenDocument(
                kind: .combinedStatement, file: "01686463_學習歷程自述.pdf", content: .pdf(file("01686463_學習歷程自述.pdf"))),
            pointsToItem: "O", flags: [.combinedStatement])
        let unreadable = DocumentEntry(
            document: SelfWrittenDocument(kind: .plan, file: "01686463_未來學習計畫與生涯規劃.txt", content: .unreadable),
            pointsToItem: nil, flags: [.unreadable])

        let uploaded = UploadedEntry(
            upload: UploadedFile(
                file: "01686463_自行上傳_B.pdf", itemCode: "B", content: .pdf(file("01686463_自行上傳_B.pdf"))),
            flags: [.bothSelectionModes])
        let unreadableUpload = UploadedEntry(
            upload: UploadedFile(file: "01686463_自行上傳_ｊ.pdf", itemCode: "ｊ", content: .unreadable), flags: [.unreadable])

        let items = [
            PacketItem(
                code: "A", name: "修課紀錄", group: .courseRecord, status: .provided,
                entries: [
                    .courseTables(tables),
                    .schoolDocument(SchoolDocument(kind: .sixthSemesterTranscript, file: file("01686463_第6學期成績單.pdf"), flags: [])),
                ]),
            PacketItem(
                code: "B", name: "書面報告", group: .learningOutcomes, status: .provided,
                entries: [.outcome(outcome), .uploaded(uploaded)],
                overCap: CapCount(scope: .group(.learningOutcomes), received: 4, cap: 3)),
            PacketItem(code: "H", name: "幹部經歷", group: .performances, status: .provided, entries: [.performance(cadre)]),
            PacketItem(code: "J", name: "競賽表現", group: .performances, status: .provided, entries: [.performance(competition), .uploaded(unreadableUpload)]),
            PacketItem(code: "N", name: "多元表現綜整心得", group: .statement, status: .notProvided, entries: []),
            PacketItem(code: "O", name: "高中學習歷程反思", group: .statement, status: .provided, entries: [.document(textDocument), .document(combined)]),
            PacketItem(code: "P", name: "就讀動機", group: .statement, status: .provided, entries: [.document(pointer)]),
            PacketItem(code: "Q", name: "未來學習計畫與生涯規劃", group: .statement, status: .unreadable(files: ["01686463_未來學習計畫與生涯規劃.txt"]), entries: [.document(unreadable)]),
            PacketItem(code: "C-8", name: "其他", group: .performances, status: .notProvided, entries: []),
        ]
        return ReviewPacket(
            meta: meta, applicant: applicant(), items: items,
            leftOut: [
                LeftOutRecord(item: "K", file: "01686463_多元表現.json", field: "作品成果紀錄[0]"),
                LeftOutRecord(item: "A", file: "01686463_修課紀錄.pdf", field: ""),
                LeftOutRecord(item: "J", file: "01686463_多元表現.json", field: "競賽參與紀錄[3]", reason: .outsideWindow(semester: 6)),
            ],
            attachments: [
                file("01686463_學習歷程自述.pdf"), file("01686463_自行上傳_B.pdf"), file("files/award.png", .png),
                file("files/phy-report.pdf"),
            ],
            diagnostics: [
                .warning(.md5Mismatch(path: "files/phy-report.pdf", stated: "9E10", actual: md5), file: "01686463_課程學習成果.json", field: "[0].文件檔案MD5", item: "B"),
                .error(.fileUnreadable(reason: .permissionDenied), file: "01686463_未來學習計畫與生涯規劃.txt", item: "Q"),
                .warning(.impossibleDate(raw: "2023/02/29"), file: "01686463_多元表現.json"),
                .warning(.itemNotProvided, item: "N"),
            ])
    }

    /// The least a packet can hold.
    static func minimal() -> ReviewPacket {
        ReviewPacket(
            meta: PacketMeta(
                toolVersion: "0.1.0", ruleYear: 115, channel: .technicalApplication, channelFamily: .technical, classType: .vocational, departmentCode: "A1B2C3",
                departmentName: "", profileSource: "built-in", profileItems: [], caps: [:], summaryLimit: 100,
                inputDigest: String(repeating: "f", count: 64)),
            applicant: ApplicantInfo(applicantNumber: "00000001"),
            items: [], leftOut: [], attachments: [], diagnostics: [])
    }
}
