import PDFReader

/// The standard 14 fonts by name (a simple font naming one may omit its widths when not embedded).
let standard14: Set<String> = [
    "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Helvetica", "Helvetica-Bold",
    "Helvetica-Oblique", "Helvetica-BoldOblique", "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique",
    "Symbol", "ZapfDingbats",
]

/// The predefined CMaps of ISO 32000-1 Table 118, with the character collection each uses.
let predefinedCMaps: [String: String] = {
    var table: [String: String] = ["Identity-H": "", "Identity-V": ""]
    let collections: [(String, [String])] = [
        ("GB1", ["GB-EUC", "GBpc-EUC", "GBK-EUC", "GBKp-EUC", "GBK2K", "UniGB-UCS2", "UniGB-UTF16"]),
        ("CNS1", ["B5pc", "HKscs-B5", "ETen-B5", "ETenms-B5", "CNS-EUC", "UniCNS-UCS2", "UniCNS-UTF16"]),
        ("Japan1", [
            "83pv-RKSJ", "90ms-RKSJ", "90msp-RKSJ", "90pv-RKSJ", "Add-RKSJ", "EUC", "Ext-RKSJ", "", "UniJIS-UCS2",
            "UniJIS-UCS2-HW", "UniJIS-UTF16",
        ]),
        ("Korea1", ["KSC-EUC", "KSCms-UHC", "KSCms-UHC-HW", "KSCpc-EUC", "UniKS-UCS2", "UniKS-UTF16"]),
    ]
    for (ordering, bases) in collections {
        for base in bases {
            for direction in ["H", "V"] {
                table[base.isEmpty ? direction : base + "-" + direction] = ordering
            }
        }
    }
    return table
}()

extension DocumentWalk {
    struct FontEntry {
        var ref: PDFObject
        var holder: Int
        var dictionary: [String: PDFObject]
        /// The Type0 font this CIDFont descends from, if it is one.
        var parent: [String: PDFObject]?
        var place: (zh: String, en: String) { DocumentWalk.place(ref, in: holder) }
    }

    /// Every font named by a resource dictionary, and every Type0 font's descendant, each once.
    var fonts: [FontEntry] {
        var out: [FontEntry] = []
        var seen: Set<Int> = []
        for (ref, holder, font) in resources("Font") {
            out.append(FontEntry(ref: ref, holder: holder, dictionary: font, parent: nil))
            for descendant in r(font["DescendantFonts"]).arrayValue ?? [] {
                if let n = descendant.referenceValue { guard seen.insert(n).inserted else { continue } }
                if let d = dict(descendant) {
                    out.append(FontEntry(ref: descendant, holder: ref.referenceValue ?? holder, dictionary: d, parent: font))
                }
            }
        }
        return out
    }

    func checkFonts(_ run: inout Findings) {
        let allFonts = fonts
        // The fonts of the pages' own text (not those inside form XObjects, such as a student's
        // imported page, whose fonts are the producer's as far as ToUnicode goes).
        var pageFonts: Set<Int> = []
        var pageNumbers: Set<Int> = []
        for page in pages {
            if let number = page.number { pageNumbers.insert(number) }
            guard let resources = dict(page.dictionary["Resources"]), let named = dict(resources["Font"]) else { continue }
            for value in named.values { if let n = value.referenceValue { pageFonts.insert(n) } }
        }
        let subtypes: Set<String> = ["Type1", "MMType1", "TrueType", "Type3", "Type0", "CIDFontType0", "CIDFontType2"]
        for font in allFonts {
            let d = font.dictionary
            let at = font.place
            let subtype = name(d["Subtype"]) ?? ""
            let baseFont = name(d["BaseFont"])
            // A font's name as findings show it: quoted in Chinese, bare in English.
            let named = (zh: baseFont.map { "字型「\($0)」" } ?? "字型", en: baseFont ?? "a font")
            let descriptor = dict(d["FontDescriptor"])
            let embedded = ["FontFile", "FontFile2", "FontFile3"].contains { descriptor?[$0] != nil }

            // 6.2.11.2: the dictionary as ISO 32000-1 9.6 and 9.7 describe it.
            run.look(.fontDictionaries)
            if name(d["Type"]) != "Font" { run.fail(.fontDictionaries, zh: "\(at.zh)：/Type 不是 /Font", en: "\(at.en): /Type is not /Font") }
            if subtype.isEmpty {
                run.fail(.fontDictionaries, zh: "\(at.zh)：沒有 /Subtype", en: "\(at.en): no /Subtype")
            } else if !subtypes.contains(subtype) {
                run.fail(.fontDictionaries, zh: "\(at.zh)：/Subtype 為 /\(subtype)", en: "\(at.en): /Subtype \(subtype)")
            }
            if subtype != "Type3", baseFont == nil {
                run.fail(.fontDictionaries, zh: "\(at.zh)：沒有 /BaseFont", en: "\(at.en): no /BaseFont")
            }
            if ["Type1", "MMType1", "TrueType", "Type3"].contains(subtype) {
                let isStandard = standard14.contains(baseFont ?? "") && !embedded
                if !isStandard {
                    let first = int(d["FirstChar"]), last = int(d["LastChar"])
                    let widths = r(d["Widths"]).arrayValue
                    if first == nil || last == nil {
                        run.fail(.fontDictionaries, zh: "\(at.zh)：沒有 /FirstChar 或 /LastChar", en: "\(at.en): no /FirstChar or /LastChar")
                    }
                    if let first, let last, widths?.count != last - first + 1 {
                        run.fail(
                            .fontDictionaries, zh: "\(at.zh)：/Widths 有 \(widths?.count ?? 0) 項，字碼範圍卻是 \(first)–\(last)",
                            en: "\(at.en): /Widths has \(widths?.count ?? 0) entries for codes \(first)–\(last)")
                    }
                }
            }

            // 6.2.11.3: CIDFonts and CMaps.
            if subtype == "CIDFontType2" {
                run.look(.cidFonts)
                if d["CIDToGIDMap"] == nil {
                    run.fail(.cidFonts, zh: "\(at.zh)：CIDFontType2 字型沒有 /CIDToGIDMap", en: "\(at.en): CIDFontType2 without /CIDToGIDMap")
                }
            }
            if subtype == "Type0" {
                run.look(.cmapsEmbedded)
                run.look(.cidFonts)
                let encoding = r(d["Encoding"])
                let descendant = (r(d["DescendantFonts"]).arrayValue?.first).flatMap { dict($0) }
                let info = dict(descendant?["CIDSystemInfo"])
                switch encoding {
                case .name(let cmap):
                    if let ordering = predefinedCMaps[cmap] {
                        if !ordering.isEmpty, info.map({ str($0["Registry"]) != "Adobe" || str($0["Ordering"]) != ordering }) ?? true {
                            run.fail(
                                .cidFonts, zh: "\(at.zh)：CMap /\(cmap) 屬 Adobe-\(ordering)，CIDFont 的 /CIDSystemInfo 卻不是",
                                en: "\(at.en): CMap \(cmap) is Adobe-\(ordering), the CIDFont's CIDSystemInfo is not")
                        }
                    } else {
                        run.fail(
                            .cmapsEmbedded, zh: "\(at.zh)：CMap /\(cmap) 既不是預先定義的，也沒有內嵌",
                            en: "\(at.en): CMap \(cmap) is neither predefined nor embedded")
                    }
                case .stream(let cmap):
                    if let own = dict(cmap.dictionary["CIDSystemInfo"]), let info,
                        str(own["Registry"]) != str(info["Registry"]) || str(own["Ordering"]) != str(info["Ordering"])
                            || (int(info["Supplement"]) ?? 0) < (int(own["Supplement"]) ?? 0)
                    {
                        run.fail(
                            .cidFonts, zh: "\(at.zh)：內嵌 CMap 的 /CIDSystemInfo 與 CIDFont 的不相容",
                            en: "\(at.en): the embedded CMap's CIDSystemInfo does not fit the CIDFont's")
                    }
                default:
                    run.fail(.cmapsEmbedded, zh: "\(at.zh)：Type0 字型的 /Encoding 沒有 CMap", en: "\(at.en): Type0 font without an /Encoding CMap")
                }
            }

            // 6.2.11.4: every font program embedded (Type 3 fonts are their own programs; Type0 fonts
            // are checked through their descendants).
            if subtype != "Type3" && subtype != "Type0" {
                run.look(.fontsEmbedded)
                if !embedded {
                    run.fail(.fontsEmbedded, zh: "\(at.zh)：\(named.zh)沒有內嵌", en: "\(at.en): \(named.en) is not embedded")
                }
            }

            // 6.2.11.6: TrueType encodings.
            if subtype == "TrueType" {
                run.look(.trueTypeEncodings)
                let symbolic = (int(descriptor?["Flags"]) ?? 0) & 4 != 0
                if symbolic, d["Encoding"] != nil {
                    run.fail(.trueTypeEncodings, zh: "\(at.zh)：符號 TrueType 字型有 /Encoding", en: "\(at.en): a symbolic TrueType font with /Encoding")
                }
                if !symbolic {
                    let encoding = r(d["Encoding"])
                    let base = encoding.nameValue ?? name(encoding.dictionaryValue?["BaseEncoding"])
                    if base != "WinAnsiEncoding" && base != "MacRomanEncoding" && encoding.dictionaryValue?["Differences"] == nil {
                        run.fail(
                            .trueTypeEncodings, zh: "\(at.zh)：非符號 TrueType 字型的編碼不是 /WinAnsiEncoding 或 /MacRomanEncoding",
                            en: "\(at.en): a non-symbolic TrueType font without WinAnsi or MacRoman encoding")
                    }
                }
            }

            // Project rule (ISO 32000-1 9.6.4): a subset prefix is six capital letters.
            if let baseFont, let plus = baseFont.firstIndex(of: "+") {
                run.look(.subsetNames)
                let tag = baseFont[..<plus]
                if tag.count != 6 || !tag.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) {
                    run.fail(
                        .subsetNames, zh: "\(at.zh)：子集字型名稱「\(baseFont)」的前綴不是六個大寫字母",
                        en: "\(at.en): subset name \(baseFont)")
                }
            }

            // Project rule: the text the packet writes maps to Unicode. A font copied with a
            // student's page keeps what its producer wrote (PDF/A-3b does not ask for ToUnicode,
            // 6.2.11.7), and no text can be made up for a custom-encoded program; the fonts that
            // replace a student's unembedded ones are checked by the corpus test.
            let onPage = font.ref.referenceValue.map { pageFonts.contains($0) } ?? pageNumbers.contains(font.holder)
            if font.parent == nil, subtype != "Type3", onPage {
                run.look(.toUnicode)
                if case .stream = r(d["ToUnicode"]) {
                } else if !mapsToUnicodeWithoutCMap(d, subtype: subtype) {
                    run.fail(.toUnicode, zh: "\(at.zh)：\(named.zh)沒有 /ToUnicode", en: "\(at.en): \(named.en) has no /ToUnicode")
                }
            }

            // 6.2.11.5: widths agree with the program, where the program can be read.
            if embedded { checkWidths(font, descriptor: descriptor ?? [:], &run) }
        }
    }

    func str(_ value: PDFObject?) -> String? {
        if case .string(let s) = r(value) { return String(decoding: s, as: UTF8.self) }
        return nil
    }

    /// The exceptions of ISO 19005-3 6.2.11.7 (level U): a simple font of a standard encoding (no
    /// `/Differences`), or a Type0 font over one of the Adobe CJK collections.
    func mapsToUnicodeWithoutCMap(_ d: [String: PDFObject], subtype: String) -> Bool {
        if subtype == "Type0" {
            guard let descendant = (r(d["DescendantFonts"]).arrayValue?.first).flatMap({ dict($0) }),
                let info = dict(descendant["CIDSystemInfo"])
            else { return false }
            return str(info["Registry"]) == "Adobe"
                && ["GB1", "CNS1", "Japan1", "Korea1"].contains(str(info["Ordering"]) ?? "")
        }
        let standard: Set<String> = ["WinAnsiEncoding", "MacRomanEncoding", "StandardEncoding"]
        let encoding = r(d["Encoding"])
        if let n = encoding.nameValue { return standard.contains(n) }
        if let e = encoding.dictionaryValue, e["Differences"] == nil { return standard.contains(name(e["BaseEncoding"]) ?? "") }
        return false
    }
}
