import Foundation

/// A folder only this user can enter (0700, made by `mkdtemp`), for uploaded records and rendered
/// previews; removed with everything in it when the server stops.
public struct PrivateFolder: Sendable {
    public let url: URL

    /// A new folder under the system's temporary folder.
    public static func create(prefix: String = "portfolio-export-serve") throws -> PrivateFolder {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array((base + "/" + prefix + "-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard made != nil else { throw PrivateFolderError(path: base, errno: errno) }
        let path = String(cString: template)
        // mkdtemp makes it 0700 whatever the umask; said again so that nothing depends on that.
        chmod(path, 0o700)
        return PrivateFolder(url: URL(fileURLWithPath: path, isDirectory: true))
    }

    /// A new private subfolder (0700) named `name`.
    func subfolder(_ name: String) throws -> URL {
        let url = self.url.appendingPathComponent(name, isDirectory: true)
        if mkdir(url.path, 0o700) != 0, errno != EEXIST { throw PrivateFolderError(path: url.path, errno: errno) }
        chmod(url.path, 0o700)
        return url
    }

    /// Removes the folder and what it holds.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

public struct PrivateFolderError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var errno: Int32
    public var description: String { "\(path): \(String(cString: strerror(errno)))" }
}
