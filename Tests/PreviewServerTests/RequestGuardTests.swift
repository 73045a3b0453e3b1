import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PreviewServer

/// Only pages of this very server may talk to it: Host, Origin and the run's token.
@Suite struct RequestGuardTests {
    @Test func ourHostAndTokenAreServed() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        try await fixture.application.test(.router) { client in
            for host in [Fixture.host, "localhost:\(Fixture.port)"] {
                let response = try await client.send("record", headers: [hostField: host])
                #expect(response.status == .ok, "\(host)")
            }
        }
    }

    /// DNS rebinding: a page of another site whose name now resolves to 127.0.0.1 sends its own
    /// name as Host; so does a request to another port.
    @Test func otherHostsAreRefused() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        try await fixture.application.test(.router) { client in
            for host in ["attacker.example:\(Fixture.port)", "127.0.0.1:1", "127.0.0.1", "localhost", "[::1]:\(Fixture.port)", "127.0.0.2:\(Fixture.port)"] {
                let response = try await client.send("record", headers: [hostField: host])
                #expect(response.status == .misdirectedRequest, "\(host)")
                #expect(!String(buffer: response.body).contains("03000001"))
            }
        }
    }

    @Test func otherOriginsAreRefused() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        try await fixture.application.test(.router) { client in
            for origin in ["http://attacker.example", "null", "http://127.0.0.1:1", "https://127.0.0.1:\(Fixture.port)"] {
                let response = try await client.send(
                    "departments", method: .post, headers: [.origin: origin], form: [("profile", "builtin:申請入學")])
                #expect(response.status == .forbidden, "\(origin)")
            }
            #expect(await fixture.workspace.departments.allSatisfy { $0.profilePath != "builtin:申請入學" })
        }
    }

    @Test func aWrongOrMissingTokenIsNotFound() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        try await fixture.application.test(.router) { client in
            for uri in ["/record", "/", "/\(Fixture.token.dropLast())/record", "/\(Fixture.token)x/record", "/static/app.js"] {
                let response = try await client.execute(uri: uri, method: .get, headers: [hostField: Fixture.host])
                #expect(response.status == .notFound, "\(uri)")
            }
        }
    }

    /// Every answer carries the strict policy; pages load nothing from elsewhere and run no inline script.
    @Test func pagesAreSelfContained() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        try await fixture.application.test(.router) { client in
            for path in ["record", "departments", "department/001012", "open", "static/app.css", "nothing-here"] {
                let response = try await client.send(path)
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("default-src 'self'"), "\(path)")
                #expect(policy.contains("frame-ancestors 'none'"), "\(path)")
                #expect(!policy.contains("unsafe-inline"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                let body = String(buffer: response.body)
                #expect(!body.contains("http://") && !body.contains("https://"), "\(path) names another site")
                // Every script is a file of ours: no inline script, no event-handler attributes.
                #expect(!body.contains("<script>") && !body.contains(" onclick=") && !body.contains(" onload="), "\(path)")
            }
        }
    }
}
