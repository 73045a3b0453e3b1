import Diagnostics

/// A data file (rule table, layout, profile) that does not decode: what is wrong, and where, as a
/// key path such as `審查項目表[0].審查項目[3].group` (empty for the whole file).
public struct DataFileError: Error, Sendable, Equatable {
    public var keyPath: String
    public var problem: DataFileProblem

    public init(keyPath: String, problem: DataFileProblem) {
        self.keyPath = keyPath
        self.problem = problem
    }

    public init(at path: [any CodingKey], _ problem: DataFileProblem) {
        self.init(keyPath: DataKey.keyPath(path), problem: problem)
    }

    /// The key path as a diagnostic's field: nil for the whole file.
    public var field: String? { keyPath.isEmpty ? nil : keyPath }
}

/// A coding key made at run time: an object member's name or an array index.
public struct DataKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int?

    public init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    public init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }

    public init(_ name: String) { self.init(stringValue: name) }

    /// `a.b[2].c`, as messages name places in files.
    public static func keyPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }
}

/// A value of a closed set read from a data file by its name: anything else is an error that
/// lists the names accepted.
public protocol ClosedSet: RawRepresentable, CaseIterable, Decodable, Sendable where RawValue == String {}

extension ClosedSet {
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        try self.init(named: raw, at: decoder.codingPath)
    }

    /// `raw` as a member of the set, or an error at `path` naming the accepted values.
    public init(named raw: String, at path: [any CodingKey]) throws(DataFileError) {
        guard let value = Self(rawValue: raw) else {
            throw DataFileError(at: path, .notOneOf(raw, allowed: Self.allCases.map(\.rawValue)))
        }
        self = value
    }
}

/// `Decodable` over our own parsed JSON, so that data files keep the parser's strictness (syntax
/// positions, depth limit) and every decoding error names its key path. Objects keep document
/// order: `allKeys` lists members as the file has them (the first of duplicates).
public enum JSONValueDecoder {
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws(DataFileError) -> T {
        do {
            return try T(from: ValueDecoder(value: value, codingPath: []))
        } catch let error as DataFileError {
            throw error
        } catch let error as DecodingError {
            throw DataFileError(decodingError: error)
        } catch {
            throw DataFileError(keyPath: "", problem: .unreadable)
        }
    }

    /// Parses UTF-8 bytes and decodes them; a syntax error is reported at the whole file.
    public static func decode<T: Decodable>(_ type: T.Type, fromJSON bytes: [UInt8]) throws(DataFileError) -> T {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw DataFileError(
                keyPath: "", problem: .syntax(error.reason.problem, line: error.line, column: error.column))
        }
        return try decode(type, from: value)
    }
}

extension DataFileError {
    /// Errors of the standard library's own conformances (arrays, dictionaries, optionals).
    init(decodingError: DecodingError) {
        switch decodingError {
        case .keyNotFound(let key, let context):
            self.init(at: context.codingPath + [key], .missing)
        case .valueNotFound(_, let context), .typeMismatch(_, let context), .dataCorrupted(let context):
            self.init(at: context.codingPath, .notOneOf("", allowed: []))
        @unknown default:
            self.init(keyPath: "", problem: .unreadable)
        }
    }
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else {
            throw DataFileError(at: codingPath, .wrongType(expected: .object, found: value.kind))
        }
        return KeyedDecodingContainer(ObjectContainer<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw DataFileError(at: codingPath, .wrongType(expected: .array, found: value.kind))
        }
        return ArrayContainer(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(value: value, codingPath: codingPath)
    }
}

/// The scalar reads every container shares.
private func decodeScalar<T: Decodable>(_ type: T.Type, _ value: JSONValue, at path: [any CodingKey]) throws -> T {
    func mismatch(_ expected: JSONKind) -> DataFileError {
        DataFileError(at: path, .wrongType(expected: expected, found: value.kind))
    }
    switch type {
    case is String.Type:
        guard case .string(let text) = value else { throw mismatch(.string) }
        return text as! T
    case is Bool.Type:
        guard case .bool(let flag) = value else { throw mismatch(.boolean) }
        return flag as! T
    case is Double.Type:
        guard case .number(let literal) = value, let number = Double(literal) else { throw mismatch(.number) }
        return number as! T
    case is Int.Type:
        guard case .number(let literal) = value else { throw mismatch(.number) }
        // A whole number written as `3.0` or `3e2` is still whole.
        if let whole = Int(literal) { return whole as! T }
        if let number = Double(literal), number == number.rounded(), abs(number) < 1e15 { return Int(number) as! T }
        throw DataFileError(at: path, .notAWholeNumber(literal))
    case is Float.Type:
        return Float(try decodeScalar(Double.self, value, at: path)) as! T
    case is any FixedWidthInteger.Type:
        // Our files need no other integer types; these are here for completeness of the protocol.
        let whole = try decodeScalar(Int.self, value, at: path)
        guard let converted = (type as! any FixedWidthInteger.Type).init(exactly: whole) else {
            throw DataFileError(at: path, .notAWholeNumber(String(whole)))
        }
        return converted as! T
    default:
        return try T(from: ValueDecoder(value: value, codingPath: path))
    }
}

private struct ObjectContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let codingPath: [any CodingKey]

    var allKeys: [Key] { object.keys.compactMap(Key.init(stringValue:)) }

    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    func member(_ key: Key) throws -> JSONValue {
        guard let value = object[key.stringValue] else { throw DataFileError(at: codingPath + [key], .missing) }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try member(key) { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeScalar(type, try member(key), at: codingPath + [key])
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeScalar(type, try member(key), at: codingPath + [key]) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeScalar(type, try member(key), at: codingPath + [key]) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeScalar(type, try member(key), at: codingPath + [key]) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decodeScalar(type, try member(key), at: codingPath + [key]) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeScalar(type, try member(key), at: codingPath + [key]) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decodeScalar(type, try member(key), at: codingPath + [key]) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeScalar(type, try member(key), at: codingPath + [key]) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeScalar(type, try member(key), at: codingPath + [key]) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeScalar(type, try member(key), at: codingPath + [key]) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decodeScalar(type, try member(key), at: codingPath + [key]) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeScalar(type, try member(key), at: codingPath + [key]) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decodeScalar(type, try member(key), at: codingPath + [key]) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decodeScalar(type, try member(key), at: codingPath + [key]) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decodeScalar(type, try member(key), at: codingPath + [key]) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try ValueDecoder(value: try member(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: try member(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: .object(object), codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: try member(key), codingPath: codingPath + [key])
    }
}

private struct ArrayContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func next() throws -> (JSONValue, [any CodingKey]) {
        let path = codingPath + [DataKey(intValue: currentIndex)]
        guard !isAtEnd else { throw DataFileError(at: path, .missing) }
        defer { currentIndex += 1 }
        return (elements[currentIndex], path)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = elements[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next()
        return try decodeScalar(type, value, at: path)
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { let (value, path) = try next(); return try decodeScalar(type, value, at: path) }
    mutating func decode(_ type: String.Type) throws -> String { let (value, path) = try next(); return try decodeScalar(type, value, at: path) }
    mutating func decode(_ type: Double.Type) throws -> Double { let (value, path) = try next(); return try decodeScalar(type, value, at: path) }
    mutating func decode(_ type: Float.Type) throws -> Float { let (value, path) = try next(); return try decodeScalar(type, value, at: path) }
    mutating func decode(_ type: Int.Type) throws -> Int { let (value, path) = try next(); return try decodeScalar(type, value, at: path) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { let (value, path) = try next(); return try decodeScalar(type, value, at: path) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { let (value, path) = try next(); return try decodeScalar(type, value, at: path) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { let (value, path) = try next(); return try decodeScalar(type, value, at: path) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { let (value, path) = try next(); return try decodeScalar(type, value, at: path) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { let (value, path) = try next(); return try decodeScalar(type, value, at: path) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { let (value, path) = try next(); return try decodeScalar(type, value, at: path) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { let (value, path) = try next(); return try decodeScalar(type, value, at: path) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { let (value, path) = try next(); return try decodeScalar(type, value, at: path) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { let (value, path) = try next(); return try decodeScalar(type, value, at: path) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (value, path) = try next()
        return try ValueDecoder(value: value, codingPath: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next()
        return try ValueDecoder(value: value, codingPath: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next()
        return ValueDecoder(value: value, codingPath: path)
    }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decodeScalar(type, value, at: codingPath)
    }

    func decode(_ type: Bool.Type) throws -> Bool { try decodeScalar(type, value, at: codingPath) }
    func decode(_ type: String.Type) throws -> String { try decodeScalar(type, value, at: codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try decodeScalar(type, value, at: codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try decodeScalar(type, value, at: codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try decodeScalar(type, value, at: codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeScalar(type, value, at: codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeScalar(type, value, at: codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeScalar(type, value, at: codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeScalar(type, value, at: codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeScalar(type, value, at: codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeScalar(type, value, at: codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeScalar(type, value, at: codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeScalar(type, value, at: codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeScalar(type, value, at: codingPath) }
}
