import Crypto
import Foundation
import _CryptoExtras

/// How one kind of data (strings, streams, or the streams naming a crypt filter) is encrypted.
enum CryptMethod: Equatable {
    /// Not encrypted (`/Identity`, `/CFM /None`, metadata under `/EncryptMetadata false`).
    case identity
    /// RC4 with a key per object (`/V 1`, `/V 2`, `/CFM /V2`).
    case rc4
    /// AES-128-CBC with a key per object, a 16-byte IV first and PKCS#7 padding (`/CFM /AESV2`).
    case aesV2
    /// AES-256-CBC with the file key itself, IV first, PKCS#7 padding (`/CFM /AESV3`).
    case aesV3
}

/// The Standard security handler (ISO 32000-1 §7.6.3, ISO 32000-2 §7.6.4) opened with the empty
/// password, tried as the user password and then as the owner password: a file whose owner password
/// alone restricts permissions can be read, and so can one whose owner password is empty (whatever its
/// user password); any other needs a password (`PDFReadError.passwordRequired`). For R6 the `/Perms`
/// entry is checked against `/P` (Algorithm 13): a mismatch is a damaged or tampered file
/// (`PDFReadError.permissionsMismatch`). The permissions are not enforced: the pages are imported as
/// content of another document, which is not encrypted.
struct SecurityHandler {
    let fileKey: [UInt8]
    let strings: CryptMethod
    let streams: CryptMethod
    /// Crypt filters by name (`/CF`, plus `Identity`), for streams with their own `/Crypt` filter.
    let namedFilters: [String: CryptMethod]
    let encryptMetadata: Bool
    /// The object holding the `/Encrypt` dictionary, whose strings are never encrypted.
    let dictionaryObject: Int?

    /// The 32-byte padding string of Algorithm 2 step a (ISO 32000-1 §7.6.3.3).
    static let passwordPadding: [UInt8] = [
        0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
        0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ]

}

extension SecurityHandler {
    /// Reads the encryption dictionary (references already resolved by the caller) and authenticates with
    /// the empty user password. `fileID` is the first string of the trailer's `/ID` (empty when absent).
    init(
        dictionary d: [String: PDFObject], fileID: [UInt8], dictionaryObject: Int?
    ) throws(PDFReadError) {
        guard let filter = d["Filter"]?.nameValue else { throw .malformed("encryption dictionary has no /Filter") }
        guard filter == "Standard" else {
            let subFilter = d["SubFilter"]?.nameValue ?? ""
            if filter.hasPrefix("Adobe.PubSec") || subFilter.hasPrefix("adbe.pkcs7") {
                throw .unsupportedEncryption("public-key security handler \(filter)")
            }
            throw .unsupportedEncryption("security handler \(filter)")
        }
        let v = d["V"]?.intValue ?? 0
        guard let r = d["R"]?.intValue else { throw .malformed("encryption dictionary has no /R") }
        guard [1, 2, 4, 5].contains(v) else { throw .unsupportedEncryption("encryption algorithm /V \(v)") }
        guard (2...6).contains(r) else { throw .unsupportedEncryption("security handler revision /R \(r)") }
        guard case .string(let o)? = d["O"], case .string(let u)? = d["U"] else {
            throw .malformed("encryption dictionary has no /O or /U string")
        }
        guard let p = d["P"]?.intValue else { throw .malformed("encryption dictionary has no /P") }
        var encryptMetadata = true
        if case .boolean(let b)? = d["EncryptMetadata"] { encryptMetadata = b }

        // The methods for strings and streams.
        let strings: CryptMethod, streams: CryptMethod
        var named: [String: CryptMethod] = ["Identity": .identity]
        if v >= 4 {
            for (name, value) in d["CF"]?.dictionaryValue ?? [:] where name != "Identity" {
                guard let cf = value.dictionaryValue else { throw .malformed("crypt filter \(name) is not a dictionary") }
                switch cf["CFM"]?.nameValue ?? "None" {
                case "None": named[name] = .identity
                case "V2": named[name] = .rc4
                case "AESV2": named[name] = .aesV2
                case "AESV3": named[name] = .aesV3
                case let other: throw .unsupportedEncryption("crypt filter method \(other)")
                }
            }
            func method(_ key: String) throws(PDFReadError) -> CryptMethod {
                let name = d[key]?.nameValue ?? "Identity"
                guard let m = named[name] else { throw .malformed("\(key) names no crypt filter (\(name))") }
                return m
            }
            strings = try method("StrF")
            streams = try method("StmF")
        } else {
            strings = .rc4
            streams = .rc4
        }
        // AES-256 belongs to V 5 (a 32-byte key) and the others to V 4 (a key of at most 16 bytes).
        for m in named.values where m != .identity && (m == .aesV3) != (v == 5) {
            throw .unsupportedEncryption("crypt filter method for /V \(v)")
        }

        let key: [UInt8]?
        if r <= 4 {
            guard o.count >= 32, u.count >= 32 else { throw .malformed("/O or /U shorter than 32 bytes") }
            var length = 5
            if v >= 2 {
                var bits = d["Length"]?.intValue ?? (v == 4 ? 128 : 40)
                // Some writers give the length in bytes.
                if bits <= 16 { bits *= 8 }
                guard bits >= 40, bits <= 128, bits % 8 == 0 else { throw .malformed("key /Length \(bits)") }
                length = bits / 8
            }
            if r == 2 { length = 5 }
            let o32 = Array(o.prefix(32)), u32 = Array(u.prefix(32))
            key =
                Self.authenticateRC4Revision(
                    r: r, length: length, o: o32, u: u32, p: p, fileID: fileID, encryptMetadata: encryptMetadata)
                ?? Self.authenticateRC4Owner(
                    r: r, length: length, o: o32, u: u32, p: p, fileID: fileID, encryptMetadata: encryptMetadata)
        } else {
            guard v == 5 else { throw .unsupportedEncryption("revision \(r) with /V \(v)") }
            guard u.count >= 48, case .string(let ue)? = d["UE"], ue.count >= 32 else {
                throw .malformed("/U shorter than 48 bytes or no /UE")
            }
            var found = try Self.authenticateAES256(r: r, u: Array(u.prefix(48)), ue: Array(ue.prefix(32)))
            if found == nil, o.count >= 48, case .string(let oe)? = d["OE"], oe.count >= 32 {
                found = try Self.authenticateAES256Owner(
                    r: r, o: Array(o.prefix(48)), u: Array(u.prefix(48)), oe: Array(oe.prefix(32)))
            }
            if r == 6, let fileKey = found {
                guard case .string(let perms)? = d["Perms"], perms.count >= 16 else {
                    throw .malformed("no /Perms for revision 6")
                }
                try Self.checkPermissions(Array(perms.prefix(16)), fileKey: fileKey, p: p)
            }
            key = found
        }
        guard let key else { throw .passwordRequired }
        self.init(
            fileKey: key, strings: strings, streams: streams, namedFilters: named, encryptMetadata: encryptMetadata,
            dictionaryObject: dictionaryObject)
    }

    // MARK: Authentication

    /// Algorithm 2 (the file key from the empty password) checked by Algorithm 4 (R2) or 5 (R3, R4);
    /// nil when the empty password is not the user password.
    static func authenticateRC4Revision(
        r: Int, length: Int, o: [UInt8], u: [UInt8], p: Int, fileID: [UInt8], encryptMetadata: Bool,
        paddedPassword: [UInt8] = passwordPadding
    ) -> [UInt8]? {
        let pBits = UInt32(truncatingIfNeeded: p)
        var input = paddedPassword + o
        input += [UInt8(pBits & 0xFF), UInt8(pBits >> 8 & 0xFF), UInt8(pBits >> 16 & 0xFF), UInt8(pBits >> 24)]
        input += fileID
        if r >= 4, !encryptMetadata { input += [0xFF, 0xFF, 0xFF, 0xFF] }
        var hash = Array(Insecure.MD5.hash(data: input))
        if r >= 3 {
            for _ in 0..<50 { hash = Array(Insecure.MD5.hash(data: hash.prefix(length))) }
        }
        let key = Array(hash.prefix(length))
        if r == 2 {
            return RC4.apply(key: key, to: passwordPadding) == u ? key : nil
        }
        var x = RC4.apply(key: key, to: Array(Insecure.MD5.hash(data: passwordPadding + fileID)))
        for i in 1...19 { x = RC4.apply(key: key.map { $0 ^ UInt8(i) }, to: x) }
        return x.elementsEqual(u.prefix(16)) ? key : nil
    }

    /// Algorithm 7: the empty password as the owner password. The key made from it (Algorithm 3, steps
    /// a–d) decrypts `/O` into the padded user password, which must then pass Algorithm 4 or 5; the file
    /// key is the one that user password gives. Nil when the owner password is not empty.
    static func authenticateRC4Owner(
        r: Int, length: Int, o: [UInt8], u: [UInt8], p: Int, fileID: [UInt8], encryptMetadata: Bool
    ) -> [UInt8]? {
        var hash = Array(Insecure.MD5.hash(data: passwordPadding))
        if r >= 3 {
            for _ in 0..<50 { hash = Array(Insecure.MD5.hash(data: hash)) }
        }
        let ownerKey = Array(hash.prefix(r == 2 ? 5 : length))
        var userPassword = o
        if r == 2 {
            userPassword = RC4.apply(key: ownerKey, to: o)
        } else {
            for i in stride(from: 19, through: 0, by: -1) {
                userPassword = RC4.apply(key: ownerKey.map { $0 ^ UInt8(i) }, to: userPassword)
            }
        }
        return authenticateRC4Revision(
            r: r, length: length, o: o, u: u, p: p, fileID: fileID, encryptMetadata: encryptMetadata,
            paddedPassword: userPassword)
    }

    /// R5 and R6 with the empty password as the owner password (Algorithm 2.A steps a–d, ISO 32000-2
    /// §7.6.4.3.3): the hash of the password, the owner validation salt and `/U` must match `/O`; the
    /// file key is `/OE` decrypted with the hash of the password, the owner key salt and `/U`.
    static func authenticateAES256Owner(r: Int, o: [UInt8], u: [UInt8], oe: [UInt8]) throws(PDFReadError) -> [UInt8]? {
        func hash(_ salt: [UInt8]) throws(PDFReadError) -> [UInt8] {
            r == 5 ? Array(SHA256.hash(data: salt + u)) : try hardenedHash(password: [], salt: salt, userKey: u)
        }
        guard try hash(Array(o[32..<40])) == Array(o[0..<32]) else { return nil }
        let intermediate = try hash(Array(o[40..<48]))
        return try aesCBC(decrypting: oe, key: intermediate, iv: [UInt8](repeating: 0, count: 16))
    }

    /// Algorithm 13 (ISO 32000-2 §7.6.4.4.12): `/Perms` decrypted with the file key (AES-256, one block,
    /// ECB — CBC with a zero IV is the same for one block) must read "adb" in bytes 9–11 and `/P` in
    /// bytes 0–3 (little-endian). Anything else means the file was damaged or its permissions altered.
    static func checkPermissions(_ perms: [UInt8], fileKey: [UInt8], p: Int) throws(PDFReadError) {
        let plain = try aesCBC(decrypting: perms, key: fileKey, iv: [UInt8](repeating: 0, count: 16))
        guard plain.count == 16, plain[9..<12].elementsEqual("adb".utf8) else {
            throw .permissionsMismatch("/Perms does not decrypt to a permissions block")
        }
        let stored = UInt32(plain[0]) | UInt32(plain[1]) << 8 | UInt32(plain[2]) << 16 | UInt32(plain[3]) << 24
        guard stored == UInt32(truncatingIfNeeded: p) else {
            throw .permissionsMismatch("/Perms gives permissions \(Int32(bitPattern: stored)), /P gives \(p)")
        }
    }

    /// R5 (SHA-256) and R6 (Algorithm 2.B, ISO 32000-2 §7.6.4.3.4): the hash of the empty password with
    /// the validation salt must match `/U`; the file key is `/UE` decrypted with the hash of the password
    /// and the key salt. Nil when the empty password is not the user password.
    static func authenticateAES256(r: Int, u: [UInt8], ue: [UInt8]) throws(PDFReadError) -> [UInt8]? {
        let validationSalt = Array(u[32..<40])
        let keySalt = Array(u[40..<48])
        func hash(_ salt: [UInt8]) throws(PDFReadError) -> [UInt8] {
            r == 5 ? Array(SHA256.hash(data: salt)) : try hardenedHash(password: [], salt: salt, userKey: [])
        }
        guard try hash(validationSalt) == Array(u[0..<32]) else { return nil }
        let intermediate = try hash(keySalt)
        return try aesCBC(decrypting: ue, key: intermediate, iv: [UInt8](repeating: 0, count: 16))
    }

    /// Algorithm 2.B: SHA-256, then rounds of AES-128-CBC over 64 copies of password ‖ K ‖ user key, each
    /// round's hash (SHA-256/384/512) chosen by the encrypted bytes; at least 64 rounds, at most 288.
    static func hardenedHash(password: [UInt8], salt: [UInt8], userKey: [UInt8]) throws(PDFReadError) -> [UInt8] {
        var k = Array(SHA256.hash(data: password + salt + userKey))
        var round = 0
        while true {
            let unit = password + k + userKey
            var k1: [UInt8] = []
            k1.reserveCapacity(unit.count * 64)
            for _ in 0..<64 { k1 += unit }
            let e = try aesCBC(encrypting: k1, key: Array(k[0..<16]), iv: Array(k[16..<32]))
            // The first 16 bytes as a big-endian number, modulo 3: 256 ≡ 1 (mod 3), so the byte sum's.
            let selector = e.prefix(16).reduce(0) { $0 + Int($1) } % 3
            switch selector {
            case 0: k = Array(SHA256.hash(data: e))
            case 1: k = Array(SHA384.hash(data: e))
            default: k = Array(SHA512.hash(data: e))
            }
            round += 1
            if round >= 64, let last = e.last, Int(last) <= round - 32 { break }
        }
        return Array(k.prefix(32))
    }

    // MARK: Decryption of objects

    /// `object` (the indirect object `number`, generation `generation`, read from the file) with its strings
    /// and stream data decrypted. Xref streams, the encryption dictionary and (under `/EncryptMetadata false`)
    /// metadata streams are returned unchanged; a stream's own `/Crypt` filter is applied and removed from
    /// its `/Filter`, so what is returned holds no encryption. Objects inside object streams never come
    /// here: the object stream was decrypted as a whole.
    func decrypt(_ object: PDFObject, number: Int, generation: Int) throws(PDFReadError) -> PDFObject {
        guard number != dictionaryObject else { return object }
        var keys: [CryptMethod: [UInt8]] = [:]
        func key(_ method: CryptMethod) -> [UInt8] {
            if let k = keys[method] { return k }
            let k = objectKey(method, number: number, generation: generation)
            keys[method] = k
            return k
        }
        switch object {
        case .stream(var stream):
            let type = stream.dictionary["Type"]?.nameValue
            if type == "XRef" { return object }
            var method = streams
            if type == "Metadata", !encryptMetadata { method = .identity }
            if let (name, filters) = try Self.ownCryptFilter(of: stream.dictionary) {
                guard let m = namedFilters[name] else { throw .unsupportedEncryption("crypt filter \(name)") }
                method = m
                stream.dictionary = filters
            }
            stream.dictionary = try decryptStrings(in: stream.dictionary, key: key(strings))
            stream.rawData = try apply(method, key: key(method), to: stream.rawData)
            return .stream(stream)
        default:
            guard strings != .identity else { return object }
            return try decryptStrings(in: object, key: key(strings))
        }
    }

    private func decryptStrings(in dictionary: [String: PDFObject], key: [UInt8]) throws(PDFReadError) -> [String: PDFObject] {
        guard strings != .identity else { return dictionary }
        var out: [String: PDFObject] = [:]
        for (k, v) in dictionary { out[k] = try decryptStrings(in: v, key: key) }
        return out
    }

    private func decryptStrings(in object: PDFObject, key: [UInt8]) throws(PDFReadError) -> PDFObject {
        switch object {
        case .string(let s): return .string(try apply(strings, key: key, to: s))
        case .array(let a):
            var out: [PDFObject] = []
            out.reserveCapacity(a.count)
            for item in a { out.append(try decryptStrings(in: item, key: key)) }
            return .array(out)
        case .dictionary(let d): return .dictionary(try decryptStrings(in: d, key: key))
        default: return object
        }
    }

    /// A stream's own crypt filter (§7.4.10): `/Crypt` first in `/Filter`, its `/Name` (default
    /// `Identity`) in the matching `/DecodeParms`. Returns the name and the dictionary without the entry.
    static func ownCryptFilter(of d: [String: PDFObject]) throws(PDFReadError) -> (String, [String: PDFObject])? {
        var out = d
        let parmsKey = d["DecodeParms"] != nil ? "DecodeParms" : "DP"
        switch d["Filter"] {
        case .name("Crypt")?:
            let name = d[parmsKey]?.dictionaryValue?["Name"]?.nameValue ?? "Identity"
            out["Filter"] = nil
            out[parmsKey] = nil
            return (name, out)
        case .array(let filters)? where filters.first == .name("Crypt"):
            var name = "Identity"
            if case .array(var parms)? = d[parmsKey] {
                if let first = parms.first {
                    name = first.dictionaryValue?["Name"]?.nameValue ?? "Identity"
                    parms.removeFirst()
                }
                out[parmsKey] = parms.isEmpty ? nil : .array(parms)
            }
            let rest = Array(filters.dropFirst())
            out["Filter"] = rest.isEmpty ? nil : .array(rest)
            return (name, out)
        default:
            return nil
        }
    }

    /// Algorithm 1: the file key extended with the object and generation numbers (and `sAlT` for AES),
    /// hashed with MD5 and cut to n + 5 bytes (at most 16). AES-256 uses the file key itself.
    func objectKey(_ method: CryptMethod, number: Int, generation: Int) -> [UInt8] {
        switch method {
        case .identity: return []
        case .aesV3: return fileKey
        case .rc4, .aesV2:
            var input = fileKey
            input += [UInt8(number & 0xFF), UInt8(number >> 8 & 0xFF), UInt8(number >> 16 & 0xFF)]
            input += [UInt8(generation & 0xFF), UInt8(generation >> 8 & 0xFF)]
            if method == .aesV2 { input += [0x73, 0x41, 0x6C, 0x54] }
            return Array(Insecure.MD5.hash(data: input).prefix(min(fileKey.count + 5, 16)))
        }
    }

    func apply(_ method: CryptMethod, key: [UInt8], to data: [UInt8]) throws(PDFReadError) -> [UInt8] {
        switch method {
        case .identity: return data
        case .rc4: return RC4.apply(key: key, to: data)
        case .aesV2, .aesV3:
            // An empty string some writers leave unencrypted.
            if data.isEmpty { return [] }
            guard data.count >= 32, data.count % 16 == 0 else { throw .malformed("AES data of \(data.count) bytes") }
            let plain = try Self.aesCBC(decrypting: Array(data[16...]), key: key, iv: Array(data[0..<16]))
            // PKCS#7: 1 to 16 bytes, each holding the count.
            guard let pad = plain.last, (1...16).contains(pad), plain.suffix(Int(pad)).allSatisfy({ $0 == pad }) else {
                throw .malformed("bad AES padding")
            }
            return Array(plain.dropLast(Int(pad)))
        }
    }

    // MARK: AES through swift-crypto (CBC without padding: the caller checks it)

    static func aesCBC(decrypting data: [UInt8], key: [UInt8], iv: [UInt8]) throws(PDFReadError) -> [UInt8] {
        do {
            let plain = try AES._CBC.decrypt(
                data, using: SymmetricKey(data: key), iv: try AES._CBC.IV(ivBytes: iv), noPadding: true)
            return Array(plain)
        } catch {
            throw .malformed("AES decryption failed")
        }
    }

    static func aesCBC(encrypting data: [UInt8], key: [UInt8], iv: [UInt8]) throws(PDFReadError) -> [UInt8] {
        do {
            let cipher = try AES._CBC.encrypt(
                data, using: SymmetricKey(data: key), iv: try AES._CBC.IV(ivBytes: iv), noPadding: true)
            return Array(cipher)
        } catch {
            throw .malformed("AES encryption failed")
        }
    }
}

/// RC4 (a stream cipher the PDF Standard security handler uses up to AES; swift-crypto has none).
enum RC4 {
    static func apply(key: [UInt8], to data: [UInt8]) -> [UInt8] {
        guard !key.isEmpty else { return data }
        var s = [UInt8](repeating: 0, count: 256)
        for i in 0..<256 { s[i] = UInt8(i) }
        var j = 0
        for i in 0..<256 {
            j = (j + Int(s[i]) + Int(key[i % key.count])) & 0xFF
            s.swapAt(i, j)
        }
        var out = data
        var i = 0
        j = 0
        for n in out.indices {
            i = (i + 1) & 0xFF
            j = (j + Int(s[i])) & 0xFF
            s.swapAt(i, j)
            out[n] ^= s[(Int(s[i]) + Int(s[j])) & 0xFF]
        }
        return out
    }
}

extension ObjectStore {
    /// Opens the security handler a trailer's `/Encrypt` names (nothing when it names none) and clears the
    /// caches, so that every object is read again through it. The dictionary, and the `/ID` the key
    /// depends on, are read before: their strings are never encrypted.
    func openSecurity(trailer: [String: PDFObject]) throws(PDFReadError) {
        guard let encrypt = trailer["Encrypt"] else { return }
        guard let dictionary = try deref(encrypt).dictionaryValue else {
            throw .malformed("/Encrypt is not a dictionary")
        }
        // Values, and the crypt filters' dictionaries, with their references resolved.
        var resolved: [String: PDFObject] = [:]
        for (key, value) in dictionary {
            var v = try deref(value)
            if key == "CF", let filters = v.dictionaryValue {
                var out: [String: PDFObject] = [:]
                for (name, filter) in filters {
                    var f: [String: PDFObject] = [:]
                    for (k, x) in try deref(filter).dictionaryValue ?? [:] { f[k] = try deref(x) }
                    out[name] = .dictionary(f)
                }
                v = .dictionary(out)
            }
            resolved[key] = v
        }
        var fileID: [UInt8] = []
        if let ids = try deref(trailer["ID"]).arrayValue, let first = ids.first, case .string(let s) = try deref(first) {
            fileID = s
        }
        security = try SecurityHandler(dictionary: resolved, fileID: fileID, dictionaryObject: encrypt.referenceValue)
        resetCaches()
    }
}
