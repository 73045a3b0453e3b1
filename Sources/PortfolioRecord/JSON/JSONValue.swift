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
    public subscript(key: String) -> JSONValue? {
        for member in members where member.key == key {
            return member.value
        }
        return nil
    }

    /// Keys in document order, each once.
    public var keys: [String] {
        var seen = Set<String>()
        var result: [String] = []
        for member in members where seen.insert(member.key).inserted {
            result.append(member.key)
        }
        return result
    }

    /// Keys occurring more than once, in order of their first occurrence.
    public var duplicateKeys: [String] {
        var counts: [String: Int] = [:]
        for member in members {
            counts[member.key, default: 0] += 1
        }
        var reported = Set<String>()
        var result: [String] = []
        for member in members where (counts[member.key] ?? 0) > 1 && reported.insert(member.key).inserted {
            result.append(member.key)
        }
        return result
    }
}
