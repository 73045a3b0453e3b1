#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Output folders: the ones the tool creates are owner-only (0700) whatever the umask, since what
/// goes in them is personal data. Folders that already exist are left as their owner set them.
public enum OutputFolder {
    public static let mode: mode_t = 0o700

    /// Creates `url` and any missing parents, each 0700. A path where a file stands in the way, or
    /// a parent that cannot be written, is an error naming the failing call.
    public static func create(_ url: URL) throws(AtomicWriteError) {
        let path = url.standardizedFileURL.path
        var missing: [String] = []
        var current = path
        while !current.isEmpty, current != "/" {
            var info = stat()
            if stat(current, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else {
                    throw AtomicWriteError(path: current, operation: "mkdir", errno: ENOTDIR)
                }
                break
            }
            missing.append(current)
            current = String(current[..<(current.lastIndex(of: "/") ?? current.startIndex)])
        }
        for folder in missing.reversed() {
            if mkdir(folder, mode) != 0 {
                // Another worker or shard may have made it in the meantime.
                guard errno == EEXIST else { throw AtomicWriteError(path: folder, operation: "mkdir", errno: errno) }
                continue
            }
            guard chmod(folder, mode) == 0 else { throw AtomicWriteError(path: folder, operation: "chmod", errno: errno) }
        }
    }
}
