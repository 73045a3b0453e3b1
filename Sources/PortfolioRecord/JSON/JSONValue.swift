/// A parsed JSON document. Numbers keep their literal text so that codes, huge
/// values and precision are never altered before the record layer decides how to read them.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The literal exactly as written; the parser has checked it against the JSON number grammar.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON type name, for messages ("expected a string, found an array").
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

/// A JSON object that keeps its members in document order, duplicates included,
/// so the reader can report duplicate and unknown keys exactly as the file has them.
public struct JSONObject: Equatable, Sendable {
    public struct Member: Equatable, Sendable {
        public let key: String
        public let value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// In document order, duplicates included.
    public let members: [Member]

    public init(members: [Member]) {
        self.members = members
    }

    /// The value of the FIRST member with this key (later duplicates are reported, not used).
    /// Keys match by their code points, as JSON compares them (not by canonical equivalence, which
    /// is also much slower for the Han keys of the central database's files).
    public subscript(key: String) -> JSONValue? {
        for member in members where sameKey(member.key, key) {
            return member.value
        }
        return nil
    }

    /// Keys in document order, each once.
    public var keys: [String] {
        distinctKeyIndices().map { members[$0].key }
    }

    /// Keys occurring more than once, in order of their first occurrence.
    public var duplicateKeys: [String] {
        guard members.count > 1 else { return [] }
        var repeated: [Int] = []
        var seenRepeated = Set<Int>()
        var firstOfHash: [Int: [Int]] = [:]
        for (index, member) in members.enumerated() {
            let hash = keyHash(member.key)
            if let first = firstOfHash[hash]?.first(where: { sameKey(members[$0].key, member.key) }) {
                if seenRepeated.insert(first).inserted { repeated.append(first) }
            } else {
                firstOfHash[hash, default: []].append(index)
            }
        }
        return repeated.sorted().map { members[$0].key }
    }

    /// Indices of the first member of each key, in document order.
    func distinctKeyIndices() -> [Int] {
        var result: [Int] = []
        var firstOfHash: [Int: [Int]] = [:]
        for (index, member) in members.enumerated() {
            let hash = keyHash(member.key)
            if firstOfHash[hash]?.contains(where: { sameKey(members[$0].key, member.key) }) == true { continue }
            firstOfHash[hash, default: []].append(index)
            result.append(index)
        }
        return result
    }
}

/// Code-point equality of two keys (their UTF-8 bytes), as JSON defines it.
@inline(__always)
func sameKey(_ a: String, _ b: String) -> Bool {
    a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
}

/// A hash of a key's UTF-8 bytes: String's own hash normalizes non-ASCII text first, which made
/// checking the 100 keys of each score histogram a noticeable part of reading a record.
func keyHash(_ key: String) -> Int {
    var hasher = Hasher()
    var copy = key
    copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    return hasher.finalize()
}
