/// Why a PDF could not be read. Every hostile or broken input ends in one of these, never in a trap or a hang.
public enum PDFReadError: Error, Sendable, Equatable {
    /// The file has 0 bytes.
    case empty
    /// No `%PDF-` header near the start.
    case notPDF
    /// The file ends before the structures it needs (cross-reference, catalog, page tree).
    case truncated
    /// The file is encrypted and the empty user password does not open it: it needs a password
    /// (owner-password-only files, whose user password is empty, are decrypted).
    case passwordRequired
    /// The file is encrypted with a security handler we do not implement (public-key, a third-party
    /// handler, an unknown algorithm or crypt filter method); the string names it.
    case unsupportedEncryption(String)
    /// The document has no pages we could find.
    case noPages
    /// A page index outside `0..<pageCount`.
    case pageOutOfRange(Int)
    /// One of `Limits` was exceeded; the string names which.
    case limitExceeded(String)
    /// The syntax or structure is broken beyond repair; the string says where.
    case malformed(String)
    /// A stream we must decode (page content, object or xref stream) uses a filter we do not implement.
    case unsupportedFilter(String)
    /// An AES-256 (R6) file whose `/Perms` does not match its `/P`: damaged, or its permissions were
    /// altered after encryption. The string says which check failed.
    case permissionsMismatch(String)
}

/// Bounds on the work a single document may cause, so that a hostile file fails with `limitExceeded`
/// instead of exhausting memory or time.
public struct Limits: Sendable, Equatable {
    /// Bytes produced by decoding filters: counted once for the document structure (xref and object
    /// streams) and once more for the content of all its pages together (each stream once, however many
    /// pages share it).
    public var maxDecodedBytes: Int
    /// Cross-reference entries, objects in an object stream, objects copied for one page or for all pages.
    public var maxObjects: Int
    /// Nesting of arrays/dictionaries, page-tree depth, reference chains.
    public var maxDepth: Int
    public var maxPages: Int
    /// Cross-reference sections followed through `/Prev`.
    public var maxXRefSections: Int

    public init(
        maxDecodedBytes: Int = 256 << 20, maxObjects: Int = 1_000_000, maxDepth: Int = 64,
        maxPages: Int = 2_000, maxXRefSections: Int = 512
    ) {
        self.maxDecodedBytes = maxDecodedBytes
        self.maxObjects = maxObjects
        self.maxDepth = maxDepth
        self.maxPages = maxPages
        self.maxXRefSections = maxXRefSections
    }

    public static let `default` = Limits()
}
