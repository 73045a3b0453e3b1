import Crypto

// The writer derives its /ID, XMP ids and subset tags from content (P2, P7: the same input gives
// the same bytes) with swift-crypto's SHA-256. Not for security purposes.

extension SHA256 {
    mutating func update(_ bytes: [UInt8]) {
        update(data: bytes)
    }

    mutating func update(_ string: String) {
        update(data: Array(string.utf8))
    }

    /// The digest as bytes.
    func digestBytes() -> [UInt8] {
        Array(finalize())
    }
}

extension Array where Element == UInt8 {
    var hexString: String {
        let digits = [Character]("0123456789abcdef")
        var out = ""
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return out
    }
}
