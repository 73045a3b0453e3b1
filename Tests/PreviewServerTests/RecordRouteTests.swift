import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PreviewServer

@Suite struct RecordRouteTests {
    @Test func theRecordPageListsEveryItemWithItsFacts() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        try await fixture.application.test(.router) { client in
            let page = String(buffer: try await client.send("record").body)
            #expect(page.contains("<html lang=\"zh-Hant\">"))
            #expect(page.contains("03000001"))
            // 9 outcomes and 17 多元表現 records (the school's cadre records among them).
            let items = page.components(separatedBy: "<li class=\"item\"").count - 1
            #expect(items == (await fixture.workspace.recordItems().count))
            #expect(items >= 26)
            #expect(page.contains("基本電學實習"))
            #expect(page.contains("已認證"))
            #expect(page.contains("課程學習成果:1"))
            // Thumbnails of attachments, served from the bytes the reader read.
            #expect(page.contains("attachment?path=files%2Foutcome-1.pdf"))
            let thumbnail = try await client.send("attachment?path=files%2Foutcome-1.pdf")
            #expect(thumbnail.status == .ok)
            #expect(thumbnail.headers[.contentType] == "image/png")
            #expect(Array(thumbnail.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        }
    }

    @Test func onlyFilesTheReaderReadAreServed() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        try await fixture.application.test(.router) { client in
            for path in ["03000001_基本資料.json", "../../profiles/001012.json", "/etc/passwd", "files/../../../profiles/001012.json"] {
                let response = try await client.send("attachment?path=\(formEncoded(path))")
                #expect(response.status == .notFound, "\(path)")
            }
        }
    }

    @Test func theRecordIsFilteredByCategory() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        try await fixture.application.test(.router) { client in
            let page = String(buffer: try await client.send("record?category=\(formEncoded("競賽參與紀錄"))").body)
            #expect(page.components(separatedBy: "<li class=\"item\"").count - 1 == 3)
            #expect(!page.contains("基本電學實習"))
        }
    }

    @Test func englishWhenTheBrowserPrefersIt() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        try await fixture.application.test(.router) { client in
            let english = String(buffer: try await client.send("record", headers: [.acceptLanguage: "en-GB,en;q=0.9,zh-TW;q=0.5"]).body)
            #expect(english.contains("<html lang=\"en\">"))
            #expect(english.contains("Certification"))
            let chinese = String(buffer: try await client.send("record", headers: [.acceptLanguage: "zh-TW,zh;q=0.9,en;q=0.8"]).body)
            #expect(chinese.contains("<html lang=\"zh-Hant\">"))
        }
        #expect(pageLanguage(acceptLanguage: "fr,en;q=0.5") == .english)
        #expect(pageLanguage(acceptLanguage: "fr") == .traditionalChinese)
        #expect(pageLanguage(acceptLanguage: nil) == .traditionalChinese)
    }

    @Test func aFolderOpenedFromThePageIsReadThroughTheReader() async throws {
        let fixture = try await Fixture(openRecord: false)
        defer { fixture.remove() }
        try await fixture.application.test(.router) { client in
            let empty = String(buffer: try await client.send("record").body)
            #expect(empty.contains("name=\"folder\""))
            let missing = try await client.send("open", method: .post, form: [("folder", fixture.root.appendingPathComponent("nothing").path)])
            #expect(missing.status == .unprocessableContent)
            let opened = try await client.send("open", method: .post, form: [("folder", fixture.record.path)])
            #expect(opened.status == .seeOther)
            #expect(String(buffer: try await client.send("record").body).contains("基本電學實習"))
        }
    }
}
