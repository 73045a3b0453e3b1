/// A PDF value as read from a file. Indirect references are kept as `.reference(objectNumber)` so that a
/// writer can renumber them; generation numbers are dropped because the reader always resolves to the
/// newest version of an object.
public indirect enum PDFObject: Sendable, Equatable {
    case null
    case boolean(Bool)
    case integer(Int)
    case real(Double)
    /// Raw bytes of a literal or hex string (escapes already resolved).
    case string([UInt8])
    /// A name without its slash, `#xx` escapes resolved. Each byte is one Unicode scalar (ISO Latin-1), so
    /// names that are not UTF-8 round-trip losslessly through `PDFObject.nameBytes`.
    case name(String)
    case array([PDFObject])
    case dictionary([String: PDFObject])
    case stream(PDFStream)
    case reference(Int)

    public var dictionaryValue: [String: PDFObject]? {
        switch self {
        case .dictionary(let d): return d
        case .stream(let s): return s.dictionary
        default: return nil
        }
    }

    public var arrayValue: [PDFObject]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var intValue: Int? {
        switch self {
        case .integer(let i): return i
        case .real(let d): return safeInt(d)
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .real(let d): return d.isFinite ? d : nil
        default: return nil
        }
    }

    public var nameValue: String? {
        if case .name(let n) = self { return n }
        return nil
    }

    public var referenceValue: Int? {
        if case .reference(let n) = self { return n }
        return nil
    }

    /// The bytes of a name as they were in the file (after `#xx` decoding).
    public static func nameBytes(_ name: String) -> [UInt8] {
        name.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
    }

    public subscript(key: String) -> PDFObject? {
        dictionaryValue?[key]
    }
}

/// A stream: its dictionary and its data exactly as stored in the file (still encoded by its `/Filter`).
public struct PDFStream: Sendable, Equatable {
    public var dictionary: [String: PDFObject]
    public var rawData: [UInt8]

    public init(dictionary: [String: PDFObject], rawData: [UInt8]) {
        self.dictionary = dictionary
        self.rawData = rawData
    }
}

/// A rectangle normalised so that `x0 <= x1` and `y0 <= y1`.
public struct PDFRect: Sendable, Hashable {
    public var x0: Double, y0: Double, x1: Double, y1: Double
    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = min(x0, x1)
        self.y0 = min(y0, y1)
        self.x1 = max(x0, x1)
        self.y1 = max(y0, y1)
    }
    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
}

/// Converts a double to Int without trapping on NaN, infinities or huge values.
func safeInt(_ d: Double) -> Int? {
    guard d.isFinite, d > -9.0e15, d < 9.0e15 else { return nil }
    return Int(d.rounded(.towardZero))
}

/// Bytes to a name string, one scalar per byte (see `PDFObject.name`).
func latin1String<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    var s = String.UnicodeScalarView()
    for b in bytes { s.append(Unicode.Scalar(b)) }
    return String(s)
}
