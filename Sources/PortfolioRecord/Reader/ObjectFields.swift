import Diagnostics

/// Collects the diagnostics of one applicant read, each tagged with its file.
final class DiagnosticLog {
    private(set) var diagnostics: [Diagnostic] = []

    func add(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    func warning(_ kind: DiagnosticKind, file: String, field: String? = nil) {
        diagnostics.append(.warning(kind, file: file, field: field))
    }

    func error(_ kind: DiagnosticKind, file: String, field: String? = nil) {
        diagnostics.append(.error(kind, file: file, field: field))
    }
}

extension JSONValue {
    var kind: JSONKind {
        switch self {
        case .null: .null
        case .bool: .boolean
        case .number: .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }
}

/// Reads the members of one JSON object the liberal way (aliases, numbers as strings, missing
/// markers), reporting every value it cannot read and, at `finish()`, every key it did not know.
struct ObjectFields {
    let object: JSONObject
    /// Where the object sits in its file, e.g. `學習紀錄[3]`; empty for the top level.
    let path: String
    let file: String
    let log: DiagnosticLog
    private var known: Set<String> = []

    init(_ object: JSONObject, path: String, file: String, log: DiagnosticLog) {
        self.object = object
        self.path = path
        self.file = file
        self.log = log
        for key in object.duplicateKeys {
            log.warning(.duplicateKey(key), file: file, field: fieldPath(key))
        }
    }

    func fieldPath(_ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    /// The first present member among `key` and its aliases, marking all of them known.
    mutating func member(_ key: String, aliases: [String] = []) -> (key: String, value: JSONValue)? {
        known.insert(key)
        known.formUnion(aliases)
        for name in [key] + aliases {
            if let value = object[name] { return (name, value) }
        }
        return nil
    }

    /// Marks keys as known without reading them (fields read elsewhere).
    mutating func accept(_ keys: [String]) {
        known.formUnion(keys)
    }

    /// A whole number within the field's bounds (`FieldBounds`, by key unless given). A number
    /// outside them is an error on the field and reads as invalid; a value that is no number a warning.
    mutating func integer(_ key: String, aliases: [String] = [], bounds: ValueBounds? = nil) -> Reading<Int> {
        let found = member(key, aliases: aliases)
        let outcome = LiberalValue.integerOutcome(found?.value)
        let bounds = bounds ?? FieldBounds.integer(key)
        return bounded(outcome, found, expected: .integer, bounds: bounds, within: bounds.contains)
    }

    mutating func number(_ key: String, aliases: [String] = [], bounds: ValueBounds? = nil) -> Reading<Double> {
        let found = member(key, aliases: aliases)
        let outcome = LiberalValue.numberOutcome(found?.value)
        let bounds = bounds ?? FieldBounds.number(key)
        return bounded(outcome, found, expected: .number, bounds: bounds, within: bounds.contains)
    }

    /// Applies `bounds` to a numeric outcome and reports what is out of them (error) or unreadable
    /// (warning), each on the field.
    func bounded<V>(
        _ outcome: LiberalValue.NumericOutcome<V>, _ found: (key: String, value: JSONValue)?, expected: ValueKind,
        bounds: ValueBounds, within: (V) -> Bool
    ) -> Reading<V> {
        guard let found else { return outcome.reading }
        switch outcome {
        case .missing: return .missing
        case .value(let value) where within(value):
            return .value(value)
        case .value:
            // A value that parsed is at most `maxLiteralLength` characters: its rendering is whole.
            let raw = LiberalValue.rawRendering(found.value)
            outOfRange(raw: raw, length: raw.unicodeScalars.count, bounds: bounds, key: found.key)
            return .invalid(raw: raw)
        case .outOfRange(let raw, let length):
            outOfRange(raw: raw, length: length, bounds: bounds, key: found.key)
            return .invalid(raw: raw)
        case .invalid(let raw):
            log.warning(.invalidValue(raw: raw, expected: expected), file: file, field: fieldPath(found.key))
            return .invalid(raw: raw)
        }
    }

    func outOfRange(raw: String, length: Int, bounds: ValueBounds, key: String) {
        log.error(.valueOutOfRange(raw: raw, length: length, bounds: bounds), file: file, field: fieldPath(key))
    }

    /// Text; `personal` keeps the raw value out of the message (names, IDs). Control characters
    /// are replaced (XML cannot hold them, and no reader can see them) and reported.
    /// ID-shaped text inside the value is masked (`maskingNationalIDs`): a student may type an ID
    /// into any field, and the packet shows what the fields hold. `masking: false` is for 連結 paths
    /// only, which must open the file as named; they are masked where they are shown.
    mutating func text(
        _ key: String, aliases: [String] = [], personal: Bool = false, masking: Bool = true
    ) -> Reading<String> {
        let found = member(key, aliases: aliases)
        var reading = LiberalValue.text(found?.value)
        if case .value(let text) = reading, let found {
            let (clean, replaced) = replacingControlCharacters(text)
            if replaced > 0 {
                log.warning(.controlCharacters(count: replaced), file: file, field: fieldPath(found.key))
            }
            reading = .value(masking ? maskingNationalIDs(clean) : clean)
        }
        if personal, case .invalid = reading, let found {
            log.warning(.invalidValue(raw: "…", expected: .text), file: file, field: fieldPath(found.key))
            return reading
        }
        return reported(reading, found, expected: .text)
    }

    /// A code; an ID-shaped one (an ID typed into 應試號碼) is masked like text.
    mutating func code(_ key: String, aliases: [String] = []) -> Reading<String> {
        let found = member(key, aliases: aliases)
        var reading = LiberalValue.code(found?.value)
        if case .value(let code) = reading { reading = .value(maskingNationalIDs(code)) }
        return reported(reading, found, expected: .code)
    }

    mutating func date(_ key: String, aliases: [String] = []) -> DateReading {
        let found = member(key, aliases: aliases)
        var reading = DateValue.read(found?.value)
        if case .invalid(let given) = reading, let found {
            let raw = maskingNationalIDs(given)
            reading = .invalid(raw: raw)
            // Date-shaped text that names no real day is "impossible"; anything else is unreadable.
            let dateShaped = !raw.isEmpty && raw.unicodeScalars.allSatisfy { "0123456789/-".unicodeScalars.contains($0) }
            let kind: DiagnosticKind =
                dateShaped ? .impossibleDate(raw: raw) : .invalidValue(raw: raw, expected: .date)
            log.warning(kind, file: file, field: fieldPath(found.key))
        }
        return reading
    }

    /// A nested object; null or absent gives nil quietly, another kind is reported.
    mutating func object(_ key: String, aliases: [String] = []) -> ObjectFields? {
        guard let found = member(key, aliases: aliases) else { return nil }
        switch found.value {
        case .object(let nested):
            return ObjectFields(nested, path: fieldPath(found.key), file: file, log: log)
        case .null:
            return nil
        default:
            log.warning(.wrongShape(expected: .object, found: found.value.kind), file: file, field: fieldPath(found.key))
            return nil
        }
    }

    /// A nested array; null or absent gives nil quietly, another kind is reported.
    mutating func array(_ key: String) -> [JSONValue]? {
        guard let found = member(key) else { return nil }
        switch found.value {
        case .array(let elements):
            return elements
        case .null:
            return nil
        default:
            log.warning(.wrongShape(expected: .array, found: found.value.kind), file: file, field: fieldPath(found.key))
            return nil
        }
    }

    /// Reports the keys nothing asked for: they are kept out of the packet.
    func finish() {
        for key in object.keys where !known.contains(key) {
            log.warning(.unknownKey(key), file: file, field: path.isEmpty ? nil : path)
        }
    }

    private func reported<V>(
        _ reading: Reading<V>, _ found: (key: String, value: JSONValue)?, expected: ValueKind
    ) -> Reading<V> {
        if case .invalid(let raw) = reading, let found {
            let masked = maskingNationalIDs(raw)
            log.warning(.invalidValue(raw: masked, expected: expected), file: file, field: fieldPath(found.key))
            return .invalid(raw: masked)
        }
        return reading
    }
}

/// Iterates an array whose elements should be objects, reporting the ones that are not.
func objectElements(
    _ elements: [JSONValue], path: String, file: String, log: DiagnosticLog
) -> [(index: Int, fields: ObjectFields)] {
    var out: [(Int, ObjectFields)] = []
    out.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
        let elementPath = "\(path)[\(index)]"
        if case .object(let object) = element {
            out.append((index, ObjectFields(object, path: elementPath, file: file, log: log)))
        } else {
            log.warning(.wrongShape(expected: .object, found: element.kind), file: file, field: elementPath)
        }
    }
    return out
}

/// Replaces C0/C1 controls (other than tab and line breaks) and the noncharacters U+FFFE/U+FFFF
/// with U+FFFD; returns how many were replaced.
func replacingControlCharacters(_ text: String) -> (String, Int) {
    func bad(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: true
        default: false
        }
    }
    guard text.unicodeScalars.contains(where: bad) else { return (text, 0) }
    var count = 0
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        if bad(scalar) {
            count += 1
            out.append("\u{FFFD}")
        } else {
            out.append(scalar)
        }
    }
    return (String(out), count)
}
