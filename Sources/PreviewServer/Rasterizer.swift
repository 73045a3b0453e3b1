import Foundation

/// PDF pages as PNG pictures, by poppler's `pdftoppm` (poppler-utils, already needed by the tool's
/// tests and the samples). Run without a shell, arguments as given.
public struct Rasterizer: Sendable {
    public var executable: String

    public init(executable: String = "/usr/bin/pdftoppm") {
        self.executable = executable
    }

    /// Page `number` of the PDF at `pdf` as `<folder>/page-<n>.png`, `width` pixels wide.
    public func page(_ number: Int, of pdf: URL, into folder: URL, width: Int) -> Data? {
        guard mkdir(folder.path, 0o700) == 0 || errno == EEXIST else { return nil }
        let stem = folder.appendingPathComponent("page-\(number)")
        guard run(["-png", "-singlefile", "-f", String(number), "-l", String(number), "-scale-to-x", String(width),
                   "-scale-to-y", "-1", pdf.path, stem.path])
        else { return nil }
        return FileManager.default.contents(atPath: stem.path + ".png")
    }

    /// The first page of a PDF held in memory, as PNG bytes.
    public func firstPage(of bytes: [UInt8], in folder: URL, width: Int) -> [UInt8]? {
        let name = UUID().uuidString
        let input = folder.appendingPathComponent(name + ".pdf")
        let output = folder.appendingPathComponent(name)
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: output.appendingPathExtension("png"))
        }
        guard FileManager.default.createFile(atPath: input.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]),
            run(["-png", "-singlefile", "-f", "1", "-l", "1", "-scale-to-x", String(width), "-scale-to-y", "-1", input.path, output.path]),
            let data = FileManager.default.contents(atPath: output.path + ".png")
        else { return nil }
        return Array(data)
    }

    /// A student's PDF must not hang the server: a rasterization still running after this is stopped.
    public var timeoutSeconds: Double = 30

    func run(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return false
        }
        if finished.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            process.terminate()
            finished.wait()
            return false
        }
        return process.terminationStatus == 0
    }
}
