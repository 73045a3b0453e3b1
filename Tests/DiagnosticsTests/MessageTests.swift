import Testing

@testable import Diagnostics

@Suite struct MessageTests {
    @Test func languageFollowsPOSIXPrecedence() {
        #expect(MessageLanguage.from(environment: [:]) == .traditionalChinese)
        #expect(MessageLanguage.from(environment: ["LANG": "C.UTF-8"]) == .traditionalChinese)
        #expect(MessageLanguage.from(environment: ["LANG": "zh_TW.UTF-8"]) == .traditionalChinese)
        #expect(MessageLanguage.from(environment: ["LANG": "en_US.UTF-8"]) == .english)
        #expect(MessageLanguage.from(environment: ["LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"]) == .traditionalChinese)
        #expect(MessageLanguage.from(environment: ["LANG": "zh_TW.UTF-8", "LC_MESSAGES": "en_GB"]) == .english)
    }

    @Test func aLineNamesFileFieldAndItem() {
        let diagnostic = Diagnostic.warning(
            .impossibleDate(raw: "2023/02/29"), file: "01686463_多元表現.json", field: "競賽參與紀錄[2].結果公布日期", item: "J")
        #expect(
            diagnostic.line(.traditionalChinese)
                == "警告 01686463_多元表現.json › 競賽參與紀錄[2].結果公布日期（項目 J）：日期不存在：「2023/02/29」，照原樣顯示並標記")
        #expect(
            diagnostic.line(.english)
                == "warning 01686463_多元表現.json › 競賽參與紀錄[2].結果公布日期 (item J): impossible date \"2023/02/29\"; shown as given and marked")
    }

    @Test func codePointsAreNamed() {
        #expect(DiagnosticKind.kangxiRadical(found: "⽇", looksLike: "日").message(.english).contains("U+2F47"))
        #expect(DiagnosticKind.glyphMissing(character: "𠮷").message(.traditionalChinese).contains("U+20BB7"))
    }

    @Test func everyKindHasACodeAndTwoMessages() {
        let kinds = DiagnosticKind.documentedExamples
        #expect(Set(kinds.map(\.code)).count == kinds.count)
        for kind in kinds {
            #expect(!kind.message(.traditionalChinese).isEmpty)
            #expect(!kind.message(.english).isEmpty)
        }
    }

    /// A refused or failed file is explained in the reader's language only: no English words inside
    /// the Chinese sentence.
    @Test func fileProblemsSpeakOneLanguage() {
        let problems: [FileProblem] = [
            .symlinkOutside, .symlinkLoop, .directory, .fifo, .device, .socket, .permissionDenied, .ioError,
            .changedWhileOpening,
        ]
        for problem in problems {
            let zh = DiagnosticKind.fileUnreadable(reason: problem).message(.traditionalChinese)
            #expect(!zh.unicodeScalars.contains { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }, "\(zh)")
            #expect(DiagnosticKind.fileUnreadable(reason: problem).message(.english).hasPrefix("cannot read the file: "))
        }
        #expect(Set(problems.map { DiagnosticKind.fileUnreadable(reason: $0).message(.traditionalChinese) }).count == problems.count)
    }

    @Test func fontsNotEmbeddedNamesFontsAndPageRanges() {
        let kind = DiagnosticKind.attachmentFontsNotEmbedded(
            path: "files/report.pdf", fonts: ["Arial", "Helvetica"], pages: [1, 2, 3, 5])
        let zh = kind.message(.traditionalChinese)
        #expect(zh.contains("「files/report.pdf」第 1–3、5 頁的字型未內嵌（Arial、Helvetica）"))
        #expect(zh.contains("內嵌所有字型"))
        let en = kind.message(.english)
        #expect(en.contains("(Arial, Helvetica) on pages 1–3, 5"))
        #expect(en.contains("embed all fonts"))
        let many = DiagnosticKind.attachmentFontsNotEmbedded(path: "a.pdf", fonts: (1...8).map { "F\($0)" }, pages: [4])
        #expect(many.message(.english).contains("F6 and 2 more) on page 4"))
        #expect(many.message(.traditionalChinese).contains("F6 等 8 種"))
    }

    /// The reasons of attachment-unreadable and profile-invalid are typed: the Chinese message says
    /// them in Chinese, the English one as the reader, the writer and the profile loader always did.
    @Test func typedReasonsSpeakOneLanguage() {
        let attachment: [AttachmentProblem] = [
            .pdfEmpty, .notPDF, .pdfTruncated, .pdfEncrypted, .pdfNoPages, .pdfUnreadable(detail: "malformed(\"xref\")"),
            .pdfEncryptionUnsupported(detail: "public-key security handler Adobe.PubSec"),
            .pdfEncryptionDamaged(detail: "/Perms gives permissions -4, /P gives -3904"),
            .pdfOverLimit(detail: "decoded bytes"),
            .tooManyPages,
        ] + [ImageProblem.empty, .notJPEGOrPNG, .damaged, .unsupported, .noPixels, .tooLarge, .unreadable].map {
            .image($0, detail: "the image is a broken JPEG: no SOF")
        }
        let profile: [ProfileProblem] = [
            .unknownChannel("大學繁星推薦"), .departmentCodeInvalid, .itemNotInChannel(item: "S", channel: "大學個人申請"),
            .malformed(.missing), .malformed(.wrongType(expected: .array, found: .string)),
            .malformed(.notOneOf("夜間部", allowed: ["大學個人申請", "技專"])),
            .capInvalid(group: "多元表現", maximum: 500), .outcomeDefaultItemInvalid("A"),
        ]
        let kinds = attachment.map { DiagnosticKind.attachmentUnreadable(path: "作品.pdf", reason: $0) }
            + profile.map { DiagnosticKind.profileInvalid(reason: $0) }
        let names: Set<String> = ["PDF", "JPEG", "PNG", "pdf", "S", "A"]
        for kind in kinds {
            let zh = kind.message(.traditionalChinese)
            let words = zh.split { !($0.isASCII && $0.isLetter) }.map(String.init)
            #expect(words.allSatisfy(names.contains), "\(zh)")
        }
        #expect(Set(kinds.map { $0.message(.traditionalChinese) }).count == kinds.count)
        #expect(
            DiagnosticKind.attachmentUnreadable(path: "a.pdf", reason: .pdfEncrypted).message(.english)
                == "attachment \"a.pdf\" cannot be placed in the packet (the PDF needs a password to open, so the student should export it again without one); a notice stands in its place")
        #expect(
            DiagnosticKind.attachmentUnreadable(path: "a.pdf", reason: .pdfEncrypted).message(.traditionalChinese)
                == "附件「a.pdf」無法放入備審資料（PDF 需要密碼才能開啟，請學生重新匯出不設密碼的 PDF），該處改為說明文字")
        #expect(
            DiagnosticKind.attachmentUnreadable(path: "a.pdf", reason: .pdfUnreadable(detail: "noPages")).message(.english)
                == "attachment \"a.pdf\" cannot be placed in the packet (unreadable PDF (noPages)); a notice stands in its place")
        #expect(
            DiagnosticKind.profileInvalid(reason: .capInvalid(group: "多元表現", maximum: 500)).message(.english)
                == "department profile is invalid: 上限 「多元表現」 must be a whole number from 0 to 500")
        #expect(
            DiagnosticKind.profileInvalid(reason: .itemNotInChannel(item: "S", channel: "大學個人申請")).message(.traditionalChinese)
                == "校系審查設定檔有誤：審查項目「S」不是大學個人申請的項目")
    }
}
