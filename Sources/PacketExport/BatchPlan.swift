import Foundation

/// One applicant of a batch: `<root>/<校系代碼>/<應試號碼>/`.
public struct BatchApplicant: Sendable, Hashable, Comparable {
    public var department: String
    public var number: String

    public init(department: String, number: String) {
        self.department = department
        self.number = number
    }

    /// `<校系代碼>/<應試號碼>`: the key the shard hash reads and the report shows.
    public var key: String { department + "/" + number }

    /// Byte order of department, then number: the same on every machine and locale.
    public static func < (a: BatchApplicant, b: BatchApplicant) -> Bool {
        if a.department != b.department { return a.department.utf8.lexicographicallyPrecedes(b.department.utf8) }
        return a.number.utf8.lexicographicallyPrecedes(b.number.utf8)
    }
}

/// `--shard I/N`: this machine takes the applicants whose stable hash falls in shard I of N.
///
/// The hash is 64-bit FNV-1a over the UTF-8 bytes of `<校系代碼>/<應試號碼>`, taken modulo N. It
/// depends on nothing but that text (not on the folder listing, the machine or the run), so N
/// machines given the same root and `--shard 0/N` … `--shard N-1/N` split it with no coordination,
/// every applicant in exactly one shard.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public static let whole = Shard(index: 0, count: 1)

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `I/N` with 0 ≤ I < N; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index >= 0,
            index < count
        else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    public func contains(_ applicant: BatchApplicant) -> Bool {
        Int(Self.hash(applicant.key) % UInt64(count)) == index
    }

    /// 64-bit FNV-1a.
    public static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

/// What a batch root holds.
public struct BatchPlan: Sendable {
    public var root: URL
    /// Every applicant folder, sorted by department then number (byte order).
    public var applicants: [BatchApplicant]
    /// Folders directly under the root that look meant as departments and are not read: named with
    /// a digit or a lower-case code, yet not a 校系代碼 (`01012`, `001012-old`, `2a0105`), sorted. An
    /// office must hear that such a department was left out, not find it missing later; folders of
    /// words (`tools/`, `students/`) are left alone quietly.
    public var skippedFolders: [String] = []

    /// A department folder is named by its 校系代碼: six digits or capital letters. Anything else
    /// (`profiles/`, hidden folders, a `tools/` or a student's record kept beside the departments)
    /// is not a department.
    static func isDepartmentName(_ name: String) -> Bool {
        name.unicodeScalars.count == 6 && name.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("A"..."Z").contains($0) }
    }

    /// Lists `<root>/<校系代碼>/<應試號碼>/`. Files at either level are ignored (a README, a
    /// spreadsheet the office keeps beside them); so are folders not named like a 校系代碼, and the
    /// output folder when it sits inside the root (`--out <root>/out` must not become a department
    /// on the next run). Throws when the root itself cannot be listed.
    public static func discover(root: URL, excluding output: URL? = nil) throws -> BatchPlan {
        let manager = FileManager.default
        let departments = try manager.contentsOfDirectory(atPath: root.path)
        let excluded = output.map { $0.standardizedFileURL.resolvingSymlinksInPath().path }
        var applicants: [BatchApplicant] = []
        var skipped: [String] = []
        for department in departments where !department.hasPrefix(".") && department != "profiles" {
            let departmentURL = root.appendingPathComponent(department)
            guard isDirectory(departmentURL),
                departmentURL.standardizedFileURL.resolvingSymlinksInPath().path != excluded
            else { continue }
            guard isDepartmentName(department) else {
                if department.unicodeScalars.contains(where: { ("0"..."9").contains($0) })
                    || isDepartmentName(department.uppercased())
                {
                    skipped.append(department)
                }
                continue
            }
            // A department folder that cannot be listed has no applicants we can see.
            let entries = (try? manager.contentsOfDirectory(atPath: departmentURL.path)) ?? []
            for number in entries where !number.hasPrefix(".") {
                if isDirectory(departmentURL.appendingPathComponent(number)) {
                    applicants.append(BatchApplicant(department: department, number: number))
                }
            }
        }
        var plan = BatchPlan(root: root, applicants: applicants.sorted())
        plan.skippedFolders = skipped.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return plan
    }

    /// A folder that holds department folders (or `profiles/`) and no `_基本資料.json` of its own: a
    /// batch root rather than one applicant's folder.
    public static func looksLikeRoot(_ url: URL) -> Bool {
        guard isDirectory(url), let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else {
            return false
        }
        if names.contains(where: { $0.hasSuffix("_基本資料.json") }) { return false }
        return names.contains { name in
            (name == "profiles" || isDepartmentName(name)) && isDirectory(url.appendingPathComponent(name))
        }
    }

    /// Whether `url` is a folder (following symbolic links).
    public static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public func folder(of applicant: BatchApplicant) -> URL {
        root.appendingPathComponent(applicant.department).appendingPathComponent(applicant.number)
    }

    public func profilePath(department: String) -> String {
        Self.profilePath(root: root, department: department)
    }

    /// `<root>/profiles/<校系代碼>.json`: the profile of a department's applicants when none is
    /// named (docs/input.md §5), for `batch` and for a single `check` or `render`. There is no
    /// default behind it: a missing file is an error naming this path.
    public static func profilePath(root: URL, department: String) -> String {
        root.appendingPathComponent("profiles").appendingPathComponent(department + ".json").path
    }

    /// The departments of the plan, each once, in order.
    public var departments: [String] {
        var seen: Set<String> = []
        return applicants.map(\.department).filter { seen.insert($0).inserted }
    }
}
