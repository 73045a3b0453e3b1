import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PacketExport
import Diagnostics
import ReviewPacket
import Testing

@testable import PreviewServer

@Suite struct TickRouteTests {
    /// Departments whose tick list is in the record's 勾選/ are there from the start; another is
    /// added from the profiles folder or the built-in ones, and nothing else.
    @Test func departmentsAreAddedFromProfiles() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        #expect(await fixture.workspace.departments.map(\.code) == ["001012", "2A0105"])
        try await fixture.application.test(.router) { client in
            let page = String(buffer: try await client.send("departments").body)
            #expect(page.contains("builtin:四技申請"))
            let added = try await client.send("departments", method: .post, form: [("profile", "builtin:四技申請")])
            #expect(added.status == .seeOther)
            #expect(added.headers[.location] == "/\(Fixture.token)/department/000000")
            let refused = try await client.send("departments", method: .post, form: [("profile", "/etc/passwd")])
            #expect(refused.status == .unprocessableContent)
        }
        #expect(await fixture.workspace.departments.map(\.code) == ["001012", "2A0105", "000000"])
    }

    /// The tick page shows every cap with the count of the saved list.
    @Test func theTickPageCountsAgainstTheCaps() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        try await fixture.application.test(.router) { client in
            let page = String(buffer: try await client.send("department/2A0105").body)
            // 2A0105's sample tick list: B-1 holds 3 of its cap of 3.
            #expect(page.contains("data-cap=\"B-1\" data-limit=\"3\">B-1：<span class=\"count\">3</span> / 3"))
            #expect(page.contains("value=\"課程學習成果:1\" data-scopes=\"B-1\" checked"))
            #expect(page.contains("第 1–4 學期"))
        }
    }

    /// Saved as `render --selection` reads it: the loader takes it, and the session renders by it.
    @Test func savingWritesTheTickListFormat() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        let url = fixture.tickListURL("001012")
        try await fixture.application.test(.router) { client in
            let response = try await client.send(
                "department/001012", method: .post,
                form: [
                    ("mode", "勾選"), ("outcome", "課程學習成果:4"), ("outcome", "課程學習成果:2"),
                    ("performance", "競賽參與紀錄:1"), ("performance", "競賽參與紀錄:1"),
                ])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/\(Fixture.token)/department/001012?saved=1")
        }
        let list = try TickListLoader.load(path: url.path)
        #expect(list.departmentCode == "001012")
        #expect(list.mode == .ticked)
        #expect(list.outcomes == ["課程學習成果:2", "課程學習成果:4"])
        #expect(list.performances == ["競賽參與紀錄:1"])
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let (session, _) = try Fixture.shared.get()
        let packet = try session.assemble(
            folder: fixture.record, profilePath: fixture.root.appendingPathComponent("profiles/001012.json").path,
            tickListPath: url.path)
        #expect(packet.meta.tickList?.source == "001012.json")
        #expect(!packet.diagnostics.contains { $0.kind.code.hasPrefix("tick-") })
    }

    /// The page disables one more tick over a cap; the server refuses it too, whatever the page did.
    @Test func theServerRefusesATickOverACap() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        let url = fixture.tickListURL("2A0105")
        let before = try Data(contentsOf: url)
        try await fixture.application.test(.router) { client in
            let response = try await client.send(
                "department/2A0105", method: .post,
                form: [("mode", "勾選")] + ["課程學習成果:1", "課程學習成果:2", "課程學習成果:4", "課程學習成果:6"].map { ("outcome", $0) })
            #expect(response.status == .conflict)
            let page = String(buffer: response.body)
            #expect(page.contains("「B-1」最多只能勾選 3 件，這份清單勾選了 4 件"))
        }
        #expect(try Data(contentsOf: url) == before)
    }

    @Test func theServerRefusesWhatTheDatabaseWouldNot() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        let url = fixture.tickListURL("001012")
        let before = try Data(contentsOf: url)
        try await fixture.application.test(.router) { client in
            let cases: [[(String, String)]] = [
                [("mode", "勾選"), ("outcome", "課程學習成果:99")],
                [("mode", "勾選"), ("outcome", "競賽參與紀錄:1")],
                [("mode", "自行上傳"), ("performance", "競賽參與紀錄:1")],
            ]
            for form in cases {
                let response = try await client.send("department/001012", method: .post, form: form)
                #expect(response.status == .conflict, "\(form)")
            }
            let unknown = try await client.send("department/999999", method: .post, form: [("mode", "勾選")])
            #expect(unknown.status == .notFound)
        }
        #expect(try Data(contentsOf: url) == before)
    }

    /// A tick list edited by hand is what the page shows after a reload.
    @Test func aHandEditedTickListIsReadAgain() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        let url = fixture.tickListURL("001012")
        try Data(#"{"校系代碼": "001012", "方式": "自行上傳"}"#.utf8).write(to: url)
        try await fixture.application.test(.router) { client in
            #expect(try await client.send("reload", method: .post).status == .seeOther)
            let page = String(buffer: try await client.send("department/001012").body)
            #expect(page.contains("value=\"自行上傳\" checked"))
            #expect(!page.contains(" checked aria-describedby"))
        }
    }

    /// The preview: the same session as `render --preview --selection`, the PDF, a PNG per page,
    /// and the fix list linking to the record page's items.
    @Test func thePreviewIsRenderedWithItsFixList() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        // Semester 6 outcomes are outside a 專業群 student's window: a tick error on that item.
        try Data(
            #"{"校系代碼": "2A0105", "方式": "勾選", "課程學習成果": ["課程學習成果:1", "課程學習成果:9"]}"#.utf8
        ).write(to: fixture.tickListURL("2A0105"))
        try await fixture.application.test(.router) { client in
            let response = try await client.send("department/2A0105/preview")
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            #expect(page.contains("勾選清單與項目編號"))
            let items = await fixture.workspace.recordEntries()
            let anchor = try #require(items.first { $0.key.rawValue == "課程學習成果:9" }?.anchor)
            #expect(page.contains("href=\"/\(Fixture.token)/record#\(anchor)\""))
            let record = String(buffer: try await client.send("record").body)
            #expect(record.contains("id=\"\(anchor)\""))

            // The row of that tick says what to do in the page's language, Chinese by default.
            let outsideWindow = DiagnosticKind.tickOutsideWindow(key: "課程學習成果:9", item: "B", semester: 6, window: 1...4).text
            let row = try #require(Self.fixRow(page, linkingTo: anchor))
            #expect(row.contains("<span class=\"todo\">\(outsideWindow.actionZH)</span>"), "\(row)")
            #expect(!row.contains(outsideWindow.actionEN))
            let english = String(
                buffer: try await client.send("department/2A0105/preview", headers: [.acceptLanguage: "en"]).body)
            let englishRow = try #require(Self.fixRow(english, linkingTo: anchor))
            #expect(englishRow.contains("<span class=\"todo\">\(outsideWindow.actionEN)</span>"), "\(englishRow)")
            #expect(!englishRow.contains(outsideWindow.actionZH))

            let pdf = try await client.send("department/2A0105/preview.pdf")
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(String(buffer: pdf.body).hasPrefix("%PDF-"))
            let pages = page.components(separatedBy: "/page/").count - 1
            #expect(pages > 1)
            let first = try await client.send("department/2A0105/page/1.png")
            #expect(Array(first.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            #expect(try await client.send("department/2A0105/page/\(pages + 1).png").status == .notFound)
        }
    }

    /// The fix list's row (`<li>` … `</li>`) whose link goes to the record page's item `anchor`.
    static func fixRow(_ page: String, linkingTo anchor: String) -> String? {
        page.components(separatedBy: "<li class=\"").first { $0.contains("/record#\(anchor)\"") }
            .map { $0.components(separatedBy: "</li>")[0] }
    }
}
