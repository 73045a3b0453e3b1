import Testing

@testable import Diagnostics

@Suite struct PersonalDataTests {
    @Test("every shape is masked whole: national ID, old and new resident certificate")
    func everyShape() {
        #expect(maskingNationalIDs("A123456789") == "**********")
        #expect(maskingNationalIDs("Z212345678") == "**********")
        #expect(maskingNationalIDs("AB12345678") == "**********")
        #expect(maskingNationalIDs("A812345678") == "**********")
        #expect(maskingNationalIDs("A912345678") == "**********")
        // Lower case and full width, as students type them.
        #expect(maskingNationalIDs("a123456789") == "**********")
        #expect(maskingNationalIDs("Ａ１２３４５６７８９") == "**********")
        #expect(maskingNationalIDs("ＡＢ１２３４５６７８") == "**********")
    }

    @Test("other second characters and other lengths are not IDs")
    func notShapes() {
        for text in ["A323456789", "A023456789", "A712345678", "1123456789", "A12345678", "AB1234567", "ABC1234567"] {
            #expect(maskingNationalIDs(text) == text, "\(text)")
            #expect(!containsNationalID(text), "\(text)")
        }
    }

    @Test("a match inside a longer run of letters and digits is left alone")
    func boundaries() {
        for text in [
            "A1234567890", "XA123456789", "A123456789B", "112523997H11101A1010101",
            "5a83133509959c5200f5e96c94e28586", "A123456789A123456789",
        ] {
            #expect(maskingNationalIDs(text) == text, "\(text)")
        }
        // Punctuation, underscores, hyphens, dots, spaces and Han characters are boundaries.
        #expect(maskingNationalIDs("ID:A123456789.") == "ID:**********.")
        #expect(maskingNationalIDs("A123456789_自傳.pdf") == "**********_自傳.pdf")
        #expect(maskingNationalIDs("files/B223456789-1.jpg") == "files/**********-1.jpg")
        #expect(maskingNationalIDs("(AB12345678)") == "(**********)")
    }

    @Test("Han text around IDs stays; every ID in a text is masked")
    func hanText() {
        #expect(maskingNationalIDs("我的身分證是A123456789，居留證AB12345678。") == "我的身分證是**********，居留證**********。")
        #expect(maskingNationalIDs("號碼Ａ８１２３４５６７８號") == "號碼**********號")
        #expect(maskingNationalIDs("應試號碼 01686463，成績 88") == "應試號碼 01686463，成績 88")
    }

    @Test("already masked text and text without IDs come back unchanged")
    func idempotent() {
        for text in ["A12****789", "**********", "", "𡘙安", "01686463", "2023/02/29", "0912345678"] {
            #expect(maskingNationalIDs(text) == text, "\(text)")
        }
        let once = maskingNationalIDs("甲A123456789乙AB12345678")
        #expect(maskingNationalIDs(once) == once)
        #expect(containsNationalID("甲A123456789乙") && !containsNationalID(once))
    }

    @Test("messages and lines mask raw values, keys and file names")
    func diagnostics() {
        let diagnostic = Diagnostic.warning(
            .unknownKey("備註A123456789"), file: "files/B223456789.pdf", field: "C123456789")
        for language in [MessageLanguage.traditionalChinese, .english] {
            let line = diagnostic.line(language)
            #expect(!line.contains("A123456789") && !line.contains("B223456789") && !line.contains("C123456789"), "\(line)")
            #expect(line.contains("備註**********"))
        }
        #expect(DiagnosticKind.invalidValue(raw: "AB12345678", expected: .date).message(.english).contains("**********"))
        let refused = DiagnosticKind.folderNameIsNationalID(masked: "**********")
        #expect(refused.code == "folder-name-is-national-id")
        #expect(refused.message(.traditionalChinese).contains("「**********」"))
        #expect(!refused.message(.traditionalChinese).contains { $0.isASCII && $0.isLetter })
    }
}
