import Foundation
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers

/// The port the server listens on, known once it is bound (a random one by default).
public final class BoundPort: Sendable {
    private let port: NIOLockedValueBox<Int?>

    public init(_ port: Int? = nil) {
        self.port = NIOLockedValueBox(port)
    }

    public var value: Int? { port.withLockedValue { $0 } }

    public func set(_ value: Int) { port.withLockedValue { $0 = value } }
}

/// Every request passes here first. Only a page of this very server may talk to it:
/// - the Host must be `127.0.0.1:<port>` or `localhost:<port>`, so that a web site whose name an
///   attacker re-points to 127.0.0.1 (DNS rebinding) is refused;
/// - an Origin, when the browser sends one, must be this server's;
/// - the path must start with the run's random token, which only the printed URL carries.
/// Every answer carries a strict Content-Security-Policy (nothing from elsewhere, no inline script,
/// no framing) and is never cached.
struct RequestGuard<Context: RequestContext>: RouterMiddleware {
    let token: String
    let port: BoundPort

    static var securityHeaders: HTTPFields {
        [
            .contentSecurityPolicy:
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            .xContentTypeOptions: "nosniff",
            .xFrameOptions: "DENY",
            // Not no-referrer: under it a browser sends `Origin: null` with a form, which the guard refuses.
            .referrerPolicy: "same-origin",
            .cacheControl: "no-store",
            .crossOriginOpenerPolicy: "same-origin",
            .crossOriginResourcePolicy: "same-origin",
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await checked(request, context: context, next: next)
        for field in Self.securityHeaders where response.headers[field.name] == nil { response.headers.append(field) }
        return response
    }

    func checked(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let port = port.value else { return Self.refusal(.serviceUnavailable, "not ready") }
        let allowed = ["127.0.0.1:\(port)", "localhost:\(port)"]
        // HTTP/1's Host arrives as the request's authority; a Host field is looked at first so
        // that a second Host line cannot pass unseen.
        let host = request.headers[HTTPField.Name("Host")!] ?? request.head.authority
        guard let host, allowed.contains(host.lowercased()) else {
            return Self.refusal(.misdirectedRequest, "host refused")
        }
        if let origin = request.headers[.origin], !allowed.map({ "http://" + $0 }).contains(origin.lowercased()) {
            return Self.refusal(.forbidden, "origin refused")
        }
        let prefix = "/" + token
        guard request.uri.path == prefix || request.uri.path.hasPrefix(prefix + "/") else {
            return Self.refusal(.notFound, "not found")
        }
        return try await next(request, context)
    }

    static func refusal(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let crossOriginOpenerPolicy = Self("Cross-Origin-Opener-Policy")!
    static let crossOriginResourcePolicy = Self("Cross-Origin-Resource-Policy")!
}
