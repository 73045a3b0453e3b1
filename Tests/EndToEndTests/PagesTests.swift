import Foundation
import Testing

/// The pages a reviewer reads, on the rendered samples: one opening page (who, department, channel,
/// index), no page for a missing item, estimates labelled and never 「前 0.0%」, digests only on
/// 檔案核對, links and media clickable, codes by name, 科目屬性 in 技專 course tables.
@Suite(.serialized) struct PagesTests {
    /// A rendered sample: its pages' text (pdftotext -layout, one string per page) and its XML.
    struct Rendered {
        var pdf: URL
        var pages: [String]
        var xml: String

        /// The running header's title of a page (the end of its first line).
        func title(_ page: String) -> String {
            let first = page.split(separator: "\n").first.map(String.init) ?? ""
            return first.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) ?? ""
        }
    }

    static func render(_ applicant: String, preview: Bool = false, expecting status: Int32 = 0) throws -> Rendered {
        let out = try Harness.temporaryFolder("pages")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try Harness.run(
            ["render", applicant, "--out", out.path] + (preview ? ["--preview"] : []),
            environment: ["SOURCE_DATE_EPOCH": "1767225600"], timeout: 300)
        #expect(result.status == status, "\(result.output)")
        let number = String(applicant.split(separator: "/").last!)
        let name = preview ? "\(number).preview" : number
        let pdf = out.appendingPathComponent("\(name).pdf")
        let kept = FileManager.default.temporaryDirectory.appendingPathComponent("pages-\(UUID().uuidString).pdf")
        try FileManager.default.copyItem(at: pdf, to: kept)
        let text = try Harness.tool("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8", pdf.path, "-"]).stdout
        var pages = text.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        let xml = try String(contentsOf: out.appendingPathComponent("\(name).xml"), encoding: .utf8)
        return Rendered(pdf: kept, pages: pages, xml: xml)
    }

    /// The XML's items: code, name, status, and whether all it holds is a pointer to another item.
    static func items(_ xml: String) -> [(code: String, name: String, status: String, pointer: Bool)] {
        var result: [(code: String, name: String, status: String, pointer: Bool)] = []
        var entries = 0
        var pointers = 0
        func attribute(_ name: String, _ line: Substring) -> String {
            guard let range = line.range(of: " \(name)=\"") else { return "" }
            return String(line[range.upperBound...].prefix { $0 != "\"" })
        }
        for line in xml.split(separator: "\n") {
            if line.hasPrefix("    <item ") {
                result.append((attribute("code", line), attribute("name", line), attribute("status", line), false))
                entries = 0
                pointers = 0
            } else if line.hasPrefix("      <"), !line.hasPrefix("      </"), !result.isEmpty {
                entries += 1
                if line.contains(" pointsToItem=\"") { pointers += 1 }
                result[result.count - 1].pointer = entries == pointers
            }
        }
        return result
    }

    /// Every hexadecimal `sha256` and `md5` the XML states for a file.
    static func digests(_ xml: String) -> Set<String> {
        var found: Set<String> = []
        for key in [" sha256=\"", " md5=\""] {
            var rest = Substring(xml)
            while let range = rest.range(of: key) {
                let value = rest[range.upperBound...].prefix { $0 != "\"" }
                if value.count >= 32 { found.insert(String(value)) }
                rest = rest[range.upperBound...]
            }
        }
        return found
    }

    @Test(arguments: Harness.sampleApplicants)
    func theFirstPageSaysWhoWhichDepartmentAndHoldsTheIndex(applicant: String) throws {
        let rendered = try Self.render(applicant)
        defer { try? FileManager.default.removeItem(at: rendered.pdf) }
        let first = try #require(rendered.pages.first)
        let number = String(applicant.split(separator: "/").last!)
        let department = String(applicant.split(separator: "/")[1])
        #expect(rendered.title(first) == "目錄")
        #expect(first.contains("應試號碼") && first.contains(number))
        #expect(first.contains("校系") && first.contains(department))
        #expect(first.contains("招生管道") && first.contains("115 學年度"))
        // Who comes before the index; the index names every item of the profile (the first of them on
        // this page, the rest perhaps on the next).
        let opening = rendered.pages.prefix { rendered.title($0) == "目錄" }.joined(separator: "\n")
        let indexStart = try #require(first.range(of: "審查資料項目"))
        #expect(try #require(first.range(of: number)).lowerBound < indexStart.lowerBound)
        let items = Self.items(rendered.xml)
        #expect(!items.isEmpty)
        for item in items {
            // A long name may wrap in its cell: its beginning is on the item's line.
            let line = opening.split(separator: "\n").first { $0.contains(" \(item.code) ") || $0.hasPrefix(item.code + " ") }
            #expect(line?.contains(String(item.name.prefix(6))) == true, "\(item.code) \(item.name) is not in the index")
        }
    }

    @Test(arguments: Harness.sampleApplicants)
    func noPageForAMissingItemAndNoDemandingWording(applicant: String) throws {
        let rendered = try Self.render(applicant, preview: true)
        defer { try? FileManager.default.removeItem(at: rendered.pdf) }
        let items = Self.items(rendered.xml)
        let titles = Set(rendered.pages.map(rendered.title))
        for item in items {
            // Headers read "A 修課紀錄"; the title's last word is the item's name.
            let hasPage = titles.contains(item.name)
            #expect(hasPage == (item.status != "notProvided" && !item.pointer), "\(item.code) \(item.status)")
        }
        let text = rendered.pages.joined()
        #expect(!text.contains("校系要求此項目"))
        #expect(!text.contains("前 0.0%"))
    }

    @Test func aSampleWithMissingItemsShowsThemAsIndexLinesOnly() throws {
        // 01000104 has many items 未提供: without them the test above would check nothing for them.
        let rendered = try Self.render("samples/001012/01000104")
        defer { try? FileManager.default.removeItem(at: rendered.pdf) }
        let missing = Self.items(rendered.xml).filter { $0.status == "notProvided" }
        #expect(missing.count >= 5)
        let first = try #require(rendered.pages.first)
        for item in missing {
            let line = first.split(separator: "\n").first { $0.contains(item.name) }
            #expect(line?.contains("未提供") == true, "\(item.code): \(line ?? "no line")")
        }
        #expect(rendered.pages.count < missing.count + 5)
    }

    @Test(arguments: Harness.sampleApplicants)
    func digestsOnlyOnTheFileCheckPage(applicant: String) throws {
        let rendered = try Self.render(applicant)
        defer { try? FileManager.default.removeItem(at: rendered.pdf) }
        let digests = Self.digests(rendered.xml)
        #expect(!digests.isEmpty)
        let check = rendered.pages.filter { rendered.title($0) == "檔案核對" }
        #expect(!check.isEmpty)
        let checkText = check.joined().filter { !$0.isWhitespace }
        let reading = rendered.pages.filter { rendered.title($0) != "檔案核對" }.joined().filter { !$0.isWhitespace }
        for digest in digests {
            #expect(checkText.contains(digest), "\(digest) is not on 檔案核對")
            #expect(!reading.contains(digest), "\(digest) is in the reading text")
        }
        // The page has its own bookmark, last.
        let json = try Harness.tool("/usr/bin/qpdf", ["--json", "--json-key=outlines", rendered.pdf.path])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let outlines = object?["outlines"] as? [[String: Any]] ?? []
        #expect(outlines.last?["title"] as? String == "檔案核對")
    }

    @Test func anMD5MismatchIsAMarkOnTheItemAndStatedOnFileCheck() throws {
        let rendered = try Self.render("samples/001012/01000102")
        defer { try? FileManager.default.removeItem(at: rendered.pdf) }
        let reading = rendered.pages.filter { rendered.title($0) != "檔案核對" }.joined()
        let check = rendered.pages.filter { rendered.title($0) == "檔案核對" }.joined()
        #expect(reading.contains("MD5 不符"))
        #expect(check.contains("不符") && check.contains("0f3c9b2d"))
    }

    /// Annotations of the file, from qpdf's JSON: each object's dictionary.
    static func annotations(_ pdf: URL) throws -> (annotations: [[String: Any]], associated: [String]) {
        let result = try Harness.tool("/usr/bin/qpdf", ["--json", "--json-key=qpdf", pdf.path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let objects = try #require((json["qpdf"] as? [Any])?.last as? [String: Any])
        var annotations: [[String: Any]] = []
        var associated: [String] = []
        for (_, entry) in objects {
            guard let value = (entry as? [String: Any])?["value"] as? [String: Any] else { continue }
            if value["/Type"] as? String == "/Annot" { annotations.append(value) }
            if value["/Type"] as? String == "/Catalog" { associated = value["/AF"] as? [String] ?? [] }
        }
        return (annotations, associated)
    }

    @Test func linksAreURIAnnotationsAndTheMediaFileOpensFromItsItem() throws {
        let rendered = try Self.render("samples/001012/01000101")
        defer { try? FileManager.default.removeItem(at: rendered.pdf) }
        let (annotations, associated) = try Self.annotations(rendered.pdf)
        let uris = annotations.compactMap { ($0["/A"] as? [String: Any])?["/URI"] as? String }
        #expect(uris.contains("u:https://zine.example.org/yunsheng/12"))
        #expect(annotations.allSatisfy { ($0["/F"] as? Int).map { $0 & 4 == 4 } == true }, "every annotation prints")
        // The mp4 of item C: a file attachment annotation on C's page, opening the one embedded copy.
        let media = annotations.filter { $0["/Subtype"] as? String == "/FileAttachment" }
        #expect(!media.isEmpty)
        #expect(media.allSatisfy { associated.contains($0["/FS"] as? String ?? "") && $0["/AP"] != nil })
        let cPages = rendered.pages.filter { rendered.title($0) == "實作作品" }.joined()
        #expect(cPages.contains("podcast-episode.mp4") && cPages.contains("按兩下"))
        // 01000103's external video link is a URI annotation too.
        let other = try Self.render("samples/001012/01000103")
        defer { try? FileManager.default.removeItem(at: other.pdf) }
        let otherURIs = try Self.annotations(other.pdf).annotations.compactMap {
            ($0["/A"] as? [String: Any])?["/URI"] as? String
        }
        #expect(otherURIs.contains { $0.hasPrefix("u:https://video.example.org/") })
    }

    @Test func codesAreShownByName() throws {
        let university = try Self.render("samples/001012/01000101")
        defer { try? FileManager.default.removeItem(at: university.pdf) }
        let text = university.pages.joined()
        #expect(text.contains("個人參與（1）"))  // 團體或個人參與代碼
        #expect(text.contains("職場體驗或參訪（1）"))  // 職場學習類別代碼
        #expect(text.contains("全國（3）") || text.contains("縣市級（2）") || text.contains("校級（1）"))
        let vocational = try Self.render("samples/2A0105/02050001")
        defer { try? FileManager.default.removeItem(at: vocational.pdf) }
        let vocationalText = vocational.pages.joined()
        #expect(vocationalText.contains("專題實作及實習科目學習成果（1）"))  // 成果類別
        #expect(vocationalText.contains("其他課程學習成果（2）"))
    }

    @Test func vocationalCourseTablesShowTheSubjectAttribute() throws {
        let vocational = try Self.render("samples/2A0105/02050001")
        defer { try? FileManager.default.removeItem(at: vocational.pdf) }
        let a = vocational.pages.filter { vocational.title($0) == "修課紀錄" }.joined()
        #expect(a.contains("科目屬性"))
        #expect(a.contains("一般科目") && a.contains("專業科目") && a.contains("實習科目"))
        #expect(a.contains("推估相對表現") && a.contains("本系統推估"))
        let university = try Self.render("samples/001012/01000101")
        defer { try? FileManager.default.removeItem(at: university.pdf) }
        let ua = university.pages.filter { university.title($0) == "修課紀錄" }.joined()
        #expect(!ua.contains("科目屬性") && ua.contains("課程類別") && ua.contains("領域"))
    }

    @Test func aTopScoreReadsATopEstimateAndEveryTableStatesTheMethod() throws {
        let rendered = try Self.render("samples/001012/01000101")
        defer { try? FileManager.default.removeItem(at: rendered.pdf) }
        let a = rendered.pages.filter { rendered.title($0) == "修課紀錄" }
        // 113-2 各類文學選讀 has a score of exactly 100 (bin 組距99_100).
        let row = try #require(a.joined().split(separator: "\n").first { $0.contains("各類文學選讀") })
        #expect(row.contains(" 100 "), "\(row)")
        #expect(row.range(of: #"前 0\.[1-9]%"#, options: .regularExpression) != nil, "\(row)")
        // One table per semester, each followed by the method.
        let text = a.joined()
        let tables = text.components(separatedBy: "推估相對表現").count
        let notes = text.components(separatedBy: "推估相對表現為本系統依分數級距分布所做的推估").count - 1
        #expect(notes == 5, "\(notes) notes, \(tables)")
    }

    @Test func anUnreadableItemKeepsAShortPageSayingWhichFileAndWhy() throws {
        let root = try Harness.temporaryFolder("unreadable-item")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("001012/08100001")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(#"{"應試號碼": "08100001", "學生中文姓名": "周小安"}"#.utf8)
            .write(to: folder.appendingPathComponent("08100001_基本資料.json"))
        try Data("[{\"科目名稱\": ".utf8).write(to: folder.appendingPathComponent("08100001_課程學習成果.json"))
        let rendered = try Self.render(folder.path, expecting: 65)
        defer { try? FileManager.default.removeItem(at: rendered.pdf) }
        let b = rendered.pages.filter { rendered.title($0) == "書面報告" }.joined()
        #expect(b.contains("無法讀取") && b.contains("08100001_課程學習成果.json"), "\(b)")
        #expect(b.contains("JSON"), "the reason is said: \(b)")
        let line = rendered.pages[0].split(separator: "\n").first { $0.hasPrefix("B ") }
        #expect(line?.contains("無法讀取") == true, "\(line ?? "")")
        #expect(Self.items(rendered.xml).first { $0.code == "B" }?.status == "unreadable")
    }
}
