import PDFReader

/// One file's objects, read once, and the checks that look at them.
struct DocumentWalk {
    let file: PDFFileStructure
    /// Every object in use, resolved (decrypted if the file was).
    let objects: [Int: PDFObject]
    let catalog: [String: PDFObject]
    /// Page dictionaries, in page-tree order, with their object numbers.
    let pages: [(number: Int?, dictionary: [String: PDFObject])]
    /// Every dictionary in the file, nested ones too, with the number of the object holding it.
    let dictionaries: [(object: Int, dictionary: [String: PDFObject])]

    init(file: PDFFileStructure) throws(PDFReadError) {
        self.file = file
        var objects: [Int: PDFObject] = [:]
        for n in file.objectNumbers { objects[n] = try file.object(n) }
        self.objects = objects
        catalog = try file.resolve(file.trailer["Root"]).dictionaryValue ?? [:]
        var dictionaries: [(Int, [String: PDFObject])] = []
        for (n, value) in objects.sorted(by: { $0.key < $1.key }) {
            Self.collectDictionaries(value, object: n, depth: 0, into: &dictionaries)
        }
        self.dictionaries = dictionaries
        // Page tree: explicit stack, visited set, bounded.
        var pages: [(Int?, [String: PDFObject])] = []
        var stack: [PDFObject] = [catalog["Pages"] ?? .null]
        var visited: Set<Int> = []
        while let node = stack.popLast(), pages.count <= file.limits.maxPages {
            if let n = node.referenceValue { guard visited.insert(n).inserted else { continue } }
            guard let dict = try file.resolve(node).dictionaryValue else { continue }
            if let kids = try file.resolve(dict["Kids"]).arrayValue, dict["Type"]?.nameValue != "Page" {
                stack.append(contentsOf: kids.reversed())
            } else {
                pages.append((node.referenceValue, dict))
            }
        }
        self.pages = pages
    }

    private static func collectDictionaries(
        _ value: PDFObject, object: Int, depth: Int, into out: inout [(Int, [String: PDFObject])]
    ) {
        guard depth < 32 else { return }
        switch value {
        case .dictionary(let d):
            out.append((object, d))
            for v in d.values { collectDictionaries(v, object: object, depth: depth + 1, into: &out) }
        case .stream(let s):
            out.append((object, s.dictionary))
            for v in s.dictionary.values { collectDictionaries(v, object: object, depth: depth + 1, into: &out) }
        case .array(let a):
            for v in a { collectDictionaries(v, object: object, depth: depth + 1, into: &out) }
        default: break
        }
    }

    /// `value` resolved; `.null` when it cannot be.
    func r(_ value: PDFObject?) -> PDFObject { (try? file.resolve(value)) ?? .null }
    func dict(_ value: PDFObject?) -> [String: PDFObject]? { r(value).dictionaryValue }
    func name(_ value: PDFObject?) -> String? { r(value).nameValue }
    func int(_ value: PDFObject?) -> Int? { r(value).intValue }

    /// Where a value lives, for findings: 「物件 12」, "object 12" or 「物件 12 內的直接物件」, "a direct
    /// object in object 12".
    static func place(_ ref: PDFObject?, in holder: Int) -> (zh: String, en: String) {
        if let n = ref?.referenceValue { return ("物件 \(n)", "object \(n)") }
        return ("物件 \(holder) 內的直接物件", "a direct object in object \(holder)")
    }

    mutating func check(_ run: inout Findings) throws(PDFReadError) {
        checkStructure(&run)
        checkLimits(&run)
        checkGraphics(&run)
        checkFonts(&run)
        checkAnnotationsAndActions(&run)
        checkMetadata(&run)
        checkEmbeddedFiles(&run)
        checkDocumentLevel(&run)
    }

    // MARK: 6.1 File structure

    func checkStructure(_ run: inout Findings) {
        run.look(.trailerID)
        let ids = r(file.trailer["ID"]).arrayValue ?? []
        let strings = ids.compactMap { item -> [UInt8]? in
            if case .string(let s) = r(item) { return s }
            return nil
        }
        if strings.count != 2 || strings.contains(where: \.isEmpty) {
            run.fail(.trailerID, zh: "trailer 的 /ID 不是由兩個非空字串組成的陣列", en: "the trailer's /ID is not an array of two non-empty strings")
        }
        run.look(.noEncryption)
        if file.isEncrypted { run.fail(.noEncryption, zh: "trailer 有 /Encrypt", en: "the trailer has /Encrypt") }
        run.look(.crossReference)
        if file.wasRepaired { run.fail(.crossReference, zh: "交互參照表須掃描整個檔案重建", en: "the cross-reference data had to be rebuilt by scanning") }

        for (n, value) in objects.sorted(by: { $0.key < $1.key }) {
            if let syntax = file.syntax(ofObject: n) {
                run.look(.objectKeywords)
                if !syntax.headerSpacing {
                    run.fail(
                        .objectKeywords, zh: "物件 \(n)：「n g obj」的空白不合規定，或 obj 之後沒有換行",
                        en: "object \(n): spacing of 'n g obj' or no EOL after obj")
                }
                if !syntax.endobjSpacing {
                    run.fail(.objectKeywords, zh: "物件 \(n)：endobj 前後不是換行", en: "object \(n): endobj not between EOLs")
                }
                if let keyword = syntax.streamKeywordEOL {
                    run.look(.streamKeywords)
                    run.look(.streamLength)
                    if !keyword {
                        run.fail(.streamKeywords, zh: "物件 \(n)：stream 之後不是 CRLF 或 LF", en: "object \(n): stream not followed by CRLF or LF")
                    }
                    if syntax.endstreamEOL == false {
                        run.fail(.streamKeywords, zh: "物件 \(n)：endstream 之前沒有換行", en: "object \(n): no EOL before endstream")
                    }
                    if syntax.lengthMatches == false {
                        run.fail(.streamLength, zh: "物件 \(n)：/Length 與資料的實際長度不符", en: "object \(n): /Length is not the data's length")
                    }
                }
            }
            guard case .stream(let stream) = value else { continue }
            run.look(.noExternalStreams)
            for key in ["F", "FFilter", "FDecodeParms"] where stream.dictionary[key] != nil {
                run.fail(.noExternalStreams, zh: "物件 \(n)：串流字典有 /\(key)", en: "object \(n): stream dictionary has /\(key)")
            }
            run.look(.standardFilters)
            let filters: [PDFObject] = r(stream.dictionary["Filter"]).arrayValue ?? [r(stream.dictionary["Filter"])]
            let parms = r(stream.dictionary["DecodeParms"])
            for (i, filter) in filters.enumerated() {
                guard let f = name(filter) else { continue }
                switch f {
                case "ASCIIHexDecode", "ASCII85Decode", "FlateDecode", "RunLengthDecode", "CCITTFaxDecode", "JBIG2Decode",
                    "DCTDecode", "JPXDecode":
                    break
                case "LZWDecode": run.fail(.standardFilters, zh: "物件 \(n)：使用 /LZWDecode", en: "object \(n): LZWDecode")
                case "Crypt":
                    let p = parms.arrayValue.map { i < $0.count ? r($0[i]) : .null } ?? parms
                    if name(p.dictionaryValue?["Name"]) ?? "Identity" != "Identity" {
                        run.fail(.standardFilters, zh: "物件 \(n)：/Crypt 篩選器不是 /Identity", en: "object \(n): a Crypt filter other than Identity")
                    }
                default:
                    run.fail(.standardFilters, zh: "物件 \(n)：篩選器 /\(f) 不是標準篩選器", en: "object \(n): filter \(f) is not a standard one")
                }
            }
        }
    }

    // MARK: 6.1.13 Implementation limits

    func checkLimits(_ run: inout Findings) {
        run.look(.implementationLimits, count: objects.count)
        if objects.count > 8_388_607 { run.fail(.implementationLimits, zh: "間接物件超過 8,388,607 個", en: "more than 8,388,607 indirect objects") }
        func walk(_ value: PDFObject, _ n: Int, _ depth: Int) {
            guard depth < 32 else { return }
            switch value {
            case .integer(let i) where i > Int(Int32.max) || i < Int(Int32.min):
                run.fail(.implementationLimits, zh: "物件 \(n)：整數 \(i) 超出 32 位元範圍", en: "object \(n): integer \(i) outside 32 bits")
            case .real(let d) where abs(d) > 3.403e38 || (d != 0 && abs(d) < 1.175e-38):
                run.fail(.implementationLimits, zh: "物件 \(n)：實數 \(d) 超出範圍", en: "object \(n): real \(d) out of range")
            case .string(let s) where s.count > 32767:
                run.fail(.implementationLimits, zh: "物件 \(n)：字串長達 \(s.count) 位元組", en: "object \(n): a string of \(s.count) bytes")
            case .name(let name) where name.unicodeScalars.count > 127:
                run.fail(
                    .implementationLimits, zh: "物件 \(n)：名稱長達 \(name.unicodeScalars.count) 位元組",
                    en: "object \(n): a name of \(name.unicodeScalars.count) bytes")
            case .array(let a): for v in a { walk(v, n, depth + 1) }
            case .dictionary(let d):
                for (k, v) in d {
                    if k.unicodeScalars.count > 127 {
                        run.fail(
                            .implementationLimits, zh: "物件 \(n)：字典的鍵長達 \(k.unicodeScalars.count) 位元組",
                            en: "object \(n): a key of \(k.unicodeScalars.count) bytes")
                    }
                    walk(v, n, depth + 1)
                }
            case .stream(let s): walk(.dictionary(s.dictionary), n, depth + 1)
            default: break
            }
        }
        for (n, value) in objects { walk(value, n, 0) }
        for (index, page) in pages.enumerated() {
            for key in ["MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox"] {
                guard let box = r(page.dictionary[key]).arrayValue, box.count == 4 else { continue }
                let v = box.map { r($0).doubleValue ?? 0 }
                let w = abs(v[2] - v[0]), h = abs(v[3] - v[1])
                if w < 3 || h < 3 || w > 14_400 || h > 14_400 {
                    run.fail(.implementationLimits, zh: "第 \(index + 1) 頁：/\(key) 為 \(w) × \(h)", en: "page \(index + 1): /\(key) is \(w) × \(h)")
                }
            }
        }
    }
}
