import Diagnostics
import Testing

@testable import PortfolioRecord

@Suite struct SelfWrittenTextTests {
    @Test func plainTextLinesAreParagraphsWithoutLeadingSpaces() {
        let document = SelfWrittenText.plain("　　我從小喜歡閱讀。\r\n\r\n  第二段，用Python分析2023年的資料。  \n\n")
        #expect(document.blocks == [.paragraph([.text("我從小喜歡閱讀。")]), .paragraph([.text("第二段，用Python分析2023年的資料。")])])
    }

    @Test func markdownJoinsLinesByScript() {
        let document = SelfWrittenText.markdown("第一行的中文\n接著第二行。\nThe quick brown\nfox jumps.\n")
        #expect(document.blocks == [.paragraph([.text("第一行的中文接著第二行。The quick brown fox jumps.")])])
    }

    @Test func markdownHeadingsListsAndBold() {
        let text = """
            # 就讀動機

            ## 一、緣起

            我對**文學**的興趣始於國中。
            - 第一點
            - 第二點，
            延續的文字
            1. 甲
            12. 乙
            #不是標題
            **未閉合
            """
        let document = SelfWrittenText.markdown(text)
        #expect(
            document.blocks == [
                .heading(level: 1, [.text("就讀動機")]),
                .heading(level: 2, [.text("一、緣起")]),
                .paragraph([.text("我對"), .strong("文學"), .text("的興趣始於國中。")]),
                .listItem(ordinal: nil, [.text("第一點")]),
                .listItem(ordinal: nil, [.text("第二點，延續的文字")]),
                .listItem(ordinal: 1, [.text("甲")]),
                .listItem(ordinal: 12, [.text("乙#不是標題**未閉合")]),
            ])
    }

    @Test func plainTextKeepsEveryCharacter() {
        let source = "𠮷野家與𪚥字，克里斯多福·諾蘭——「好」……"
        #expect(SelfWrittenText.plain(source).plainText == source)
        #expect(SelfWrittenText.markdown(source).plainText == source)
    }
}

@Suite struct ContainedPathTests {
    @Test func pathsThatStayInside() throws {
        #expect(try ContainedPath.resolve("files/a.pdf").get() == "files/a.pdf")
        #expect(try ContainedPath.resolve("./files//a.pdf").get() == "files/a.pdf")
        #expect(try ContainedPath.resolve("files/../b.pdf").get() == "b.pdf")
        #expect(try ContainedPath.resolve("files\\a.pdf").get() == "files/a.pdf")
        #expect(try ContainedPath.resolve(" 成果/報告.pdf ").get() == "成果/報告.pdf")
    }

    @Test func pathsThatLeaveAreRefused() {
        func reason(_ path: String) -> PathRefusal? {
            if case .failure(let r) = ContainedPath.resolve(path) { return r }
            return nil
        }
        #expect(reason("../x.pdf") == .leavesFolder)
        #expect(reason("files/../../x.pdf") == .leavesFolder)
        #expect(reason("..\\..\\x.pdf") == .leavesFolder)
        #expect(reason("/etc/passwd") == .absolute)
        #expect(reason("C:\\Users\\a.pdf") == .absolute)
        #expect(reason("file:///etc/passwd") == .absolute)
        #expect(reason("~/a.pdf") == .absolute)
        #expect(reason("") == .malformed)
        #expect(reason("a\u{0}b") == .malformed)
        #expect(reason(".") == .malformed)
    }
}
