import Foundation
import PDFReader

/// The Adobe CMap resources students' PDFs name without embedding (`B5pc-H`, `ETen-B5-H`,
/// `GBK-EUC-H` …, ISO 32000-1 §9.7.5.2) and the CID → Unicode tables of the Chinese character
/// collections (`Adobe-CNS1-UCS2`, `Adobe-GB1-UCS2`): what decoding a code to the character it
/// draws needs. Read from Debian's `poppler-data` (`/usr/share/poppler/cMap/<Registry>-<Ordering>/`),
/// or from the folder `$PORTFOLIO_EXPORT_CMAPS` names (`docs/install.md`); fontconfig knows nothing of
/// these files. Each file is read and parsed once per process, when first needed; thread-safe.
///
/// Names come from students' files: only a name of letters, digits and `-` is looked up, inside the
/// two collections' folders, so no name reaches any other file.
public final class PredefinedCMaps: @unchecked Sendable {
    public static let environmentVariable = "PORTFOLIO_EXPORT_CMAPS"
    public static let debianFolder = "/usr/share/poppler/cMap"

    /// The collections whose CMaps are read (the Chinese ones: the substitutes are Chinese faces).
    public static let orderings = ["CNS1", "GB1"]

    public let folder: URL
    private let lock = NSLock()
    // Looked up by key only; its order never reaches any output.
    private var loaded: [String: CMapProgram?] = [:]

    public init(folder: URL = PredefinedCMaps.defaultFolder()) {
        self.folder = folder
    }

    /// `$PORTFOLIO_EXPORT_CMAPS` when set, else Debian's poppler-data folder.
    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        URL(fileURLWithPath: environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 } ?? debianFolder, isDirectory: true)
    }

    /// A predefined CMap by name with what it `usecmap`s merged under it (at most four levels), and
    /// the collection (`CNS1`, `GB1`) it is filed under; nil when no such file is installed.
    func cmap(named name: String) -> (cmap: ResolvedCMap, ordering: String)? {
        var chain: [CMapProgram] = []
        var ordering: String?
        var next: String? = name
        while let current = next, chain.count < 4 {
            guard let (program, filedUnder) = file(named: current) else { break }
            chain.append(program)
            ordering = ordering ?? filedUnder
            next = program.usesCMap
        }
        guard let ordering, !chain.isEmpty else { return nil }
        return (ResolvedCMap(chain: chain), ordering)
    }

    /// The CID → Unicode table of a collection (`Adobe-CNS1-UCS2`: bfchar/bfrange keyed by the CID as
    /// two bytes).
    func cidToUnicode(ordering: String) -> CMapProgram? {
        guard Self.orderings.contains(ordering) else { return nil }
        return load(collection: "Adobe-" + ordering, name: "Adobe-\(ordering)-UCS2")
    }

    private func file(named name: String) -> (CMapProgram, String)? {
        for ordering in Self.orderings {
            if let program = load(collection: "Adobe-" + ordering, name: name) { return (program, ordering) }
        }
        return nil
    }

    private func load(collection: String, name: String) -> CMapProgram? {
        guard !name.isEmpty, name.count <= 64,
            name.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else { return nil }
        let key = collection + "/" + name
        lock.lock()
        defer { lock.unlock() }
        if let known = loaded[key] { return known }
        let url = folder.appendingPathComponent(collection, isDirectory: true).appendingPathComponent(name)
        var program: CMapProgram?
        // The largest Adobe CMap (Adobe-GB1-UCS2) is under 400 kB; anything far larger is not one.
        if let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            (attributes[.size] as? Int ?? .max) < 8 << 20, let data = FileManager.default.contents(atPath: url.path)
        {
            program = CMapProgram(bytes: [UInt8](data))
        }
        loaded[key] = program
        return program
    }
}

/// A CMap with the ones it uses: a code is looked up in the first that maps it; the code space is the
/// first that has one (a `-V` CMap inherits its `-H`'s).
struct ResolvedCMap: Sendable {
    var chain: [CMapProgram]

    var writingMode: Int { chain.first?.writingMode ?? 0 }

    var codeSpace: [CMapProgram.CodeRange] {
        chain.first { !$0.codeSpace.isEmpty }?.codeSpace ?? []
    }

    func codes(in bytes: [UInt8]) -> [[UInt8]] {
        (chain.first { !$0.codeSpace.isEmpty } ?? chain[0]).codes(in: bytes)
    }

    func cid(of code: [UInt8]) -> Int? {
        for program in chain {
            if let cid = program.cid(of: code) { return cid }
        }
        return nil
    }
}
