extension DiagnosticKind {
    /// One instance of every kind, in the order of `DiagnosticKind`, with plausible values:
    /// docs/diagnostics.md shows their messages, and the tests reach every entry of the table
    /// through them (a test fails when a kind has no example).
    public static let documentedExamples: [DiagnosticKind] = [
        .requiredFileMissing,
        .fileUnreadable(reason: .symlinkOutside),
        .fileTooLarge(size: 150_000_000, limit: 134_217_728),
        .badEncoding(.invalidUTF8, byteOffset: 1_024),
        .jsonSyntax(.unexpectedCharacter("}"), line: 12, column: 5),
        .wrongShape(expected: .array, found: .object),
        .unknownKey("備註"),
        .duplicateKey("科目名稱"),
        .courseRecordInBothForms,
        .selfWrittenDuplicate(used: "01000101_就讀動機.md"),
        .applicantNumberMismatch(folder: "01000101", inFile: "01000110"),
        .requiredFieldMissing,
        .unreferencedFile,
        .emptyRecordFile,
        .controlCharacters(count: 2),
        .invalidValue(raw: "三", expected: .number),
        .impossibleDate(raw: "2023/02/29"),
        .unknownCode(table: "競賽等級代碼", code: "7"),
        .courseCodeInvalid(code: "1110123456789A", problem: .wrongLength),
        .scoreOutOfRange(raw: "105"),
        .populationNotPositive(raw: "0"),
        .histogramSumMismatch(sum: 38, population: 40),
        .histogramBadKey("滿分"),
        .histogramBadCount(key: "90", raw: "三"),
        .summaryTooLong(length: 132, limit: 100),
        .pathRefused(path: "../01000102/files/作品.pdf", reason: .leavesFolder),
        .attachmentMissing(path: "files/作品集.pdf"),
        .md5Mismatch(
            path: "files/作品集.pdf", stated: "0cc175b9c0f1b6a831c399e269772661",
            actual: "92eb5ffee6ae2fec3ad71c777531578f"),
        .attachmentTooLarge(path: "files/成果影片.mp4", size: 20_971_520, limit: 10_485_760),
        .attachmentTypeUnexpected(path: "files/心得.docx"),
        .attachmentUnreadable(path: "files/作品集.pdf", reason: .pdfEncrypted),
        .profileMissing(path: "profiles/001012.json"),
        .profileInvalid(reason: .unknownChannel("大學繁星推薦")),
        .ruleYearUnknown(year: 120, using: 115),
        .unknownReviewItem(code: "Z"),
        .itemNotProvided,
        .recordLeftOut(item: "E"),
        .overCap(scope: "課程學習成果", count: 4, cap: 3),
        .combinedStatementUsed,
        .glyphMissing(character: "\u{F8FF}"),
        .kangxiRadical(found: "⽇", looksLike: "日"),
        .attachmentFontsNotEmbedded(path: "files/專題報告.pdf", fonts: ["Calibri", "MingLiU"], pages: [1, 2, 3, 5]),
        .folderTooLarge(limit: 536_870_912),
        .folderNameIsNationalID(masked: "**********"),
        .valueOutOfRange(raw: "2147483648", length: 10, bounds: ValueBounds(1...9999)),
        .templateInvalid(.wrongType(expected: .string, found: .number)),
        .outcomeUncertified(status: "未認證"),
        .recordOutsideWindow(item: "E", semester: 6, window: 1...4),
        .textTooLong(length: 912, limit: 800),
        .tooManyImages(count: 5, limit: 3),
        .bothSelectionModes(
            records: ["01000105_課程學習成果.json", "01000105_多元表現.json"],
            uploads: ["01000105_自行上傳_B.pdf", "01000105_自行上傳_J.pdf"]),
        .uploadItemInvalid(
            code: "A", itemName: "修課紀錄", accepted: ["B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"]),
        .uploadDuplicate(first: "01000105_自行上傳_B.pdf"),
        .itemKeyDuplicate(key: "1120305-0192", first: "01000101_課程學習成果.json › [1]", using: "課程學習成果:4"),
        .tickListMissing(path: "勾選/001012.json"),
        .tickListInvalid(reason: .otherDepartment(tickList: "001022", profile: "001012")),
        .tickUnknownKey(key: "課程學習成果:9", hint: nil),
        .tickWrongList(key: "競賽參與紀錄:1", list: "多元表現"),
        .tickDuplicate(key: "課程學習成果:2", first: "課程學習成果[0]"),
        .tickUncertified(key: "課程學習成果:4", status: "未認證"),
        .tickWithUpload(key: "課程學習成果:2"),
        .tickOverCap(scope: "課程學習成果", count: 4, cap: 3, keys: ["課程學習成果:2", "課程學習成果:5", "1120305-0192", "課程學習成果:6"]),
        .tickOutsideWindow(key: "課程學習成果:6", item: "E", semester: 6, window: 1...4),
        .attachmentFontWidthsInconsistent(path: "files/專題報告.pdf", fonts: ["Calibri"]),
    ]
}

/// docs/diagnostics.md, generated from the table (`DiagnosticKind.text`) so that it cannot drift.
public enum DiagnosticsDocument {
    /// The command that rewrites docs/diagnostics.md; printed in the file and by the failing test.
    public static let regenerateCommand = "UPDATE_DIAGNOSTICS_DOC=1 swift test --filter DiagnosticsDocTests"

    /// The whole Markdown file.
    public static func markdown(_ examples: [DiagnosticKind] = DiagnosticKind.documentedExamples) -> String {
        var out = """
            <!-- Generated from Sources/Diagnostics/DiagnosticTable.swift; do not edit by hand.
                 Regenerate: \(regenerateCommand) -->

            # Diagnostics

            Every problem portfolio-export reports has a stable code (in `check --json`, `report.json`
            and the XML's `<diagnostic code=…>`) and a message in Traditional Chinese (the default) and
            English (`LANG=en…`). A console line names the place before the message:
            `警告 01000101_多元表現.json › 競賽參與紀錄[2].結果公布日期（項目 J）：…`. Each entry
            says what to do in both languages ("What to do", 「怎麼做」); the preview in the browser
            (`serve`, `docs/preview.md`) shows it beside each problem, in the page's language.

            The level is decided by the stage that reports a problem; the levels listed are the ones
            the code reports each kind at. An **error** means part of the input could not be read or
            the folder is not what a department can receive (over a cap, uncertified): `check` and
            `render` exit 65 (the packet is still written, the unread parts shown as 「無法讀取」),
            and in `batch` the applicant's status is `errors`. A **warning** has no exit
            effect. Where a kind does more (no packet at all, exit 66), its entry says so. The
            examples below are made-up values; ID-shaped text in any message is masked.

            | code | level | exit effect |
            |---|---|---|

            """
        let texts = examples.map(\.text)
        for text in texts {
            out += "| [`\(text.code)`](#\(text.code)) | \(levels(text)) | \(effect(text)) |\n"
        }
        for (kind, text) in zip(examples, texts) {
            out += """

                ## \(text.code)

                - level: \(levels(text))
                - exit effect: \(effect(text))

                \(text.meaning)

                What to do: \(text.actionEN)

                怎麼做：\(text.actionZH)

                - 中文：`\(kind.message(.traditionalChinese))`
                - English: `\(kind.message(.english))`

                """
        }
        return out
    }

    static func levels(_ text: DiagnosticText) -> String {
        text.levels.map(\.rawValue).joined(separator: ", ")
    }

    static func effect(_ text: DiagnosticText) -> String {
        if let effect = text.effect { return effect }
        if text.levels.contains(.error) {
            return "exit 65 (`check`, `render`), the packet is written; `errors` in `batch`"
        }
        return "none"
    }
}
