import BundledFonts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PacketExport
import Testing

@testable import PreviewServer

/// `Host` (HTTPTypes marks its own name unavailable: HTTP/1 carries it as the authority).
let hostField = HTTPField.Name("Host")!

/// A copy of the sample student's record (and the sample profiles) in a temporary folder, so that
/// saving tick lists never touches `samples/`; a workspace and a router over it.
struct Fixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let token = "0123456789abcdef0123456789abcdef"
    static let port = 18_123
    static let host = "127.0.0.1:\(port)"

    /// Loaded once: rules, fonts, layouts and the XSD take a while.
    static let shared: Result<(ApplicantSession, PacketExporter), SessionFailure> = {
        do {
            let rules = try ApplicantSession.loadRules()
            let session = ApplicantSession(rules: rules, toolVersion: "test")
            let exporter = try ApplicantSession.makeExporter(
                rules: rules, toolVersion: "test", fontConfigurationPath: BundledFonts.configurationPath,
                fontPreparation: .never, creationDate: Date(timeIntervalSince1970: 0))
            return .success((session, exporter))
        } catch let failure as SessionFailure {
            return .failure(failure)
        } catch {
            return .failure(.internalError("\(error)"))
        }
    }()

    let root: URL
    let record: URL
    let scratch: PrivateFolder
    let workspace: Workspace

    init(openRecord: Bool = true, limits: ArchiveLimits = ArchiveLimits()) async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("preview-server-tests-\(UUID().uuidString)")
        let students = root.appendingPathComponent("students")
        try FileManager.default.createDirectory(at: students, withIntermediateDirectories: true)
        record = students.appendingPathComponent("03000001")
        try FileManager.default.copyItem(
            at: Self.repository.appendingPathComponent("samples/students/03000001"), to: record)
        try FileManager.default.copyItem(
            at: Self.repository.appendingPathComponent("samples/profiles"), to: root.appendingPathComponent("profiles"))
        let (session, exporter) = try Self.shared.get()
        scratch = try PrivateFolder.create(prefix: "preview-server-tests")
        workspace = Workspace(
            session: session, exporter: exporter, profilesFolder: Workspace.defaultProfilesFolder(for: record),
            scratch: scratch, archiveLimits: limits)
        if openRecord { try await workspace.open(folder: record) }
    }

    func remove() {
        scratch.remove()
        try? FileManager.default.removeItem(at: root)
    }

    var application: some ApplicationProtocol {
        Application(router: PreviewServer.router(workspace: workspace, token: Self.token, port: BoundPort(Self.port)))
    }

    func tickListURL(_ code: String) -> URL {
        record.appendingPathComponent("勾選/\(code).json")
    }
}

extension TestClientProtocol {
    /// A request as the page would send it: our Host, and for a POST our Origin.
    func send(
        _ path: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: ByteBuffer? = nil,
        form: [(String, String)]? = nil
    ) async throws -> TestResponse {
        var fields: HTTPFields = [hostField: Fixture.host]
        if method == .post { fields[.origin] = "http://\(Fixture.host)" }
        var body = body
        if let form {
            fields[.contentType] = "application/x-www-form-urlencoded"
            let encoded = form.map { "\(formEncoded($0.0))=\(formEncoded($0.1))" }.joined(separator: "&")
            body = ByteBuffer(string: encoded)
        }
        for field in headers { fields[field.name] = field.value }
        return try await execute(uri: "/\(Fixture.token)/" + path, method: method, headers: fields, body: body)
    }
}

func formEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}
