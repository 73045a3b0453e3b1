import Diagnostics
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PortfolioRecord
import ReviewPacket

/// `portfolio-export serve`: a student's preview in the browser. A local web app over one
/// `Workspace`: the record page, the departments with their tick lists, and the preview made by the
/// same session code as `render --preview --selection`. Bound to 127.0.0.1 only, every request
/// checked by `RequestGuard` (Host, Origin, the run's token).
public enum PreviewServer {
    /// A new random token for one run: 128 bits from the system's secure generator, as hex.
    public static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let value = generator.next() as UInt64
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// The routes, every one under `/<token>/`, behind the guard.
    public static func router(workspace: Workspace, token: String, port: BoundPort) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestGuard(token: token, port: port))
        Routes(workspace: workspace, base: "/" + token).register(on: router)
        // Anything else is answered here, behind the guard, so that a 404 carries the policy too.
        router.get("**") { _, _ in text(.notFound, "not found") }
        router.post("**") { _, _ in text(.notFound, "not found") }
        return router
    }

    /// Serves until SIGINT or SIGTERM. `onReady` is given the URL to open once the port is bound.
    public static func run(
        workspace: Workspace, port requested: Int, token: String, onReady: @escaping @Sendable (URL) -> Void
    ) async throws {
        let port = BoundPort()
        var logger = Logger(label: "portfolio-export.serve")
        logger.logLevel = .error
        let app = Application(
            router: router(workspace: workspace, token: token, port: port),
            configuration: .init(address: .hostname("127.0.0.1", port: requested), serverName: nil),
            onServerRunning: { channel in
                guard let bound = channel.localAddress?.port else { return }
                port.set(bound)
                if let url = URL(string: "http://127.0.0.1:\(bound)/\(token)/record") { onReady(url) }
            },
            logger: logger)
        try await app.runService()
    }

    /// Opens the URL in the desktop's browser when there is a desktop (a display).
    public static func openInBrowser(_ url: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xdg-open")
        process.arguments = [url.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return (try? process.run()) != nil
    }
}

/// The pages and what their forms send.
struct Routes: Sendable {
    let workspace: Workspace
    let base: String

    /// The largest form accepted (a tick list of thousands of keys fits).
    static let formLimit = 1 << 20

    func register(on router: Router<BasicRequestContext>) {
        let group = router.group(RouterPath(base))
        group.get("") { _, _ in redirect("record") }
        group.get("static/app.css") { _, _ in asset(Assets.css, type: "text/css; charset=utf-8") }
        group.get("static/icon.svg") { _, _ in asset(Assets.icon, type: "image/svg+xml") }
        group.get("static/app.js") { _, _ in asset(Assets.javaScript, type: "text/javascript; charset=utf-8") }
        group.get("open") { request, _ in
            html(.ok, pages(request).openPage(problem: nil, folder: nil))
        }
        group.post("open") { request, _ in
            let form = try await Self.form(request)
            let folder = form.first { $0.0 == "folder" }?.1 ?? ""
            do {
                try await workspace.open(folder: URL(fileURLWithPath: folder))
                return redirect("record")
            } catch {
                let page = pages(request)
                return html(.unprocessableContent, page.openPage(problem: page.message(error), folder: folder))
            }
        }
        group.post("upload") { request, _ in
            let page = pages(request)
            let limit = workspace.archiveLimits.uploadBytes
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: limit)
            } catch {
                return text(.contentTooLarge, page.message(ArchiveRefusal.tooLarge(limit: limit)))
            }
            do {
                try await workspace.openUpload(Data(buffer: body))
                return text(.ok, "ok")
            } catch {
                return text(.unprocessableContent, page.message(error))
            }
        }
        group.post("reload") { request, _ in
            do {
                try await workspace.reload()
                return redirect("record")
            } catch {
                let page = pages(request)
                return html(.unprocessableContent, page.openPage(problem: page.message(error), folder: nil))
            }
        }
        group.get("record") { request, _ in
            let page = pages(request)
            guard let record = await workspace.record, let folder = await workspace.recordFolder else {
                return html(.ok, page.openPage(problem: nil, folder: nil))
            }
            let category = request.uri.queryParameters["category"].map(String.init)
            return html(
                .ok,
                page.recordPage(
                    applicantNumber: record.applicantNumber, folder: folder.path, entries: await workspace.recordEntries(),
                    documents: await workspace.recordDocuments(), category: category))
        }
        group.get("attachment") { request, _ in
            guard let path = request.uri.queryParameters["path"].map(String.init),
                let (bytes, type) = await workspace.thumbnail(path: path)
            else { return text(.notFound, "not found") }
            return Response(
                status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        group.get("departments") { request, _ in
            html(.ok, await departmentsPage(pages(request), problem: nil))
        }
        group.post("departments") { request, _ in
            let form = try await Self.form(request)
            let path = form.first { $0.0 == "profile" }?.1 ?? ""
            do {
                try await workspace.addDepartment(profilePath: path)
                let code = await workspace.departments.last?.code ?? ""
                return redirect("department/" + urlComponent(code))
            } catch {
                let page = pages(request)
                return html(.unprocessableContent, await departmentsPage(page, problem: page.message(error)))
            }
        }
        group.get("department/{code}") { request, context in
            let code = context.parameters.get("code") ?? ""
            let saved = request.uri.queryParameters["saved"] != nil
            return await departmentResponse(request, code: code, notice: nil, saved: saved)
        }
        group.post("department/{code}") { request, context in
            let code = context.parameters.get("code") ?? ""
            let form = try await Self.form(request)
            let mode = form.first { $0.0 == "mode" }.flatMap { SubmissionMode(rawValue: $0.1) } ?? .ticked
            let outcomes = form.filter { $0.0 == "outcome" }.map(\.1)
            let performances = form.filter { $0.0 == "performance" }.map(\.1)
            do {
                _ = try await workspace.save(code, mode: mode, outcomes: outcomes, performances: performances)
                return redirect("department/\(urlComponent(code))?saved=1")
            } catch {
                var response = await departmentResponse(request, code: code, notice: pages(request).message(error), saved: false)
                if response.status == .ok { response.status = .conflict }
                return response
            }
        }
        group.get("department/{code}/preview") { request, context in
            let code = context.parameters.get("code") ?? ""
            let page = pages(request)
            do {
                let preview = try await workspace.preview(code)
                let department = try await workspace.department(code)
                let target = FixTarget(
                    entries: await workspace.recordEntries(), documents: await workspace.recordDocuments(),
                    tickList: preview.tickList)
                return html(.ok, page.previewPage(department: department, preview: preview, target: target))
            } catch {
                return await departmentResponse(request, code: code, notice: page.message(error), saved: false)
            }
        }
        group.get("department/{code}/preview.pdf") { _, context in
            let code = context.parameters.get("code") ?? ""
            guard let preview = await workspace.previews[code], let data = FileManager.default.contents(atPath: preview.pdf.path)
            else { return text(.notFound, "not found") }
            return Response(
                status: .ok,
                headers: [.contentType: "application/pdf", .contentDisposition: "inline; filename=\"preview-\(code).pdf\""],
                body: ResponseBody(byteBuffer: ByteBuffer(data: data)))
        }
        group.get("department/{code}/page/{page}") { _, context in
            let code = context.parameters.get("code") ?? ""
            let name = context.parameters.get("page") ?? ""
            guard name.hasSuffix(".png"), let number = Int(name.dropLast(4)), let png = await workspace.page(number, of: code)
            else { return text(.notFound, "not found") }
            return Response(status: .ok, headers: [.contentType: "image/png"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: png)))
        }
        group.get("**") { _, _ in text(.notFound, "not found") }
        group.post("**") { _, _ in text(.notFound, "not found") }
    }

    func pages(_ request: Request) -> PageBuilder {
        PageBuilder(language: pageLanguage(acceptLanguage: request.headers[.acceptLanguage]), base: base)
    }

    func departmentsPage(_ page: PageBuilder, problem: String?) async -> String {
        page.departmentsPage(
            departments: await workspace.departments, available: await workspace.availableProfiles(), problem: problem)
    }

    func departmentResponse(_ request: Request, code: String, notice: String?, saved: Bool) async -> Response {
        let page = pages(request)
        do {
            let department = try await workspace.department(code)
            let limits = try await workspace.tickLimits(code)
            let state = try await workspace.tickState(code)
            return html(
                .ok,
                page.departmentPage(
                    department: department, entries: await workspace.recordEntries(), limits: limits, state: state,
                    notice: notice, saved: saved))
        } catch {
            return html(.notFound, await departmentsPage(page, problem: notice ?? page.message(error)))
        }
    }

    func redirect(_ path: String) -> Response {
        Response(status: .seeOther, headers: [.location: base + "/" + path])
    }

    /// `application/x-www-form-urlencoded` as name–value pairs in order (a name may repeat).
    static func form(_ request: Request) async throws -> [(String, String)] {
        let buffer = try await request.body.collect(upTo: formLimit)
        let body = String(buffer: buffer)
        func decoded(_ part: Substring) -> String {
            String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
        }
        return body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
        }
    }
}

func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
    Response(
        status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
}

func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
    Response(
        status: status, headers: [.contentType: "text/plain; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
}

func asset(_ content: String, type: String) -> Response {
    Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: content)))
}
