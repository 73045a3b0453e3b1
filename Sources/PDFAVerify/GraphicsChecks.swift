import PDFReader

extension DocumentWalk {
    /// The GTS_PDFA1 output intents of the catalog.
    var pdfaOutputIntents: [[String: PDFObject]] {
        (r(catalog["OutputIntents"]).arrayValue ?? []).compactMap { dict($0) }.filter { name($0["S"]) == "GTS_PDFA1" }
    }

    /// The values of every resource dictionary's `key` sub-dictionary (fonts, ExtGStates, XObjects),
    /// each once, with the reference naming it (if any) and the object holding it.
    func resources(_ key: String) -> [(ref: PDFObject, holder: Int, dictionary: [String: PDFObject])] {
        var seen: Set<Int> = []
        var out: [(PDFObject, Int, [String: PDFObject])] = []
        for (holder, d) in dictionaries {
            guard let sub = dict(d[key]) else { continue }
            for value in sub.values {
                if let n = value.referenceValue { guard seen.insert(n).inserted else { continue } }
                if let resolved = dict(value) { out.append((value, holder, resolved)) }
            }
        }
        return out
    }

    func checkGraphics(_ run: inout Findings) {
        // 6.2.3 Output intent.
        run.look(.outputIntent)
        let intents = pdfaOutputIntents
        if intents.isEmpty {
            run.fail(.outputIntent, zh: "沒有 /S 為 /GTS_PDFA1 的輸出意圖", en: "no output intent with /S /GTS_PDFA1")
        }
        var profiles: Set<Int> = []
        for intent in (r(catalog["OutputIntents"]).arrayValue ?? []).compactMap({ dict($0) }) {
            if intent["DestOutputProfileRef"] != nil {
                run.fail(.outputIntent, zh: "輸出意圖有 /DestOutputProfileRef", en: "an output intent has /DestOutputProfileRef")
            }
            guard let ref = intent["DestOutputProfile"] else { continue }
            if let n = ref.referenceValue { profiles.insert(n) }
            guard case .stream(let stream) = r(ref), let data = try? file.decodedData(of: stream) else {
                run.fail(.outputIntent, zh: "/DestOutputProfile 不是可讀取的串流", en: "/DestOutputProfile is not a readable stream")
                continue
            }
            guard data.count >= 128 else {
                run.fail(
                    .outputIntent, zh: "ICC 色彩描述檔只有 \(data.count) 位元組，比它的檔頭還短",
                    en: "the ICC profile is \(data.count) bytes, shorter than its header")
                continue
            }
            let deviceClass = String(decoding: data[12..<16], as: UTF8.self)
            let space = String(decoding: data[16..<20], as: UTF8.self)
            if deviceClass != "mntr" && deviceClass != "prtr" {
                run.fail(
                    .outputIntent, zh: "ICC 色彩描述檔的裝置類別為「\(deviceClass)」，不是「mntr」或「prtr」",
                    en: "the ICC profile's device class is '\(deviceClass)', not mntr or prtr")
            }
            let channels = ["RGB ": 3, "CMYK": 4, "GRAY": 1][space]
            if channels == nil {
                run.fail(
                    .outputIntent, zh: "ICC 色彩描述檔的色彩空間為「\(space)」", en: "the ICC profile's colour space is '\(space)'")
            }
            if data[8] >= 5 {
                run.fail(
                    .outputIntent, zh: "ICC 色彩描述檔的版本為 \(data[8])，應低於 5",
                    en: "the ICC profile is version \(data[8]), not below 5")
            }
            if let channels, int(stream.dictionary["N"]) != channels {
                run.fail(
                    .outputIntent, zh: "ICC 色彩描述檔串流的 /N 不是 \(channels)（色彩空間「\(space)」）",
                    en: "the ICC profile stream's /N is not \(channels) for \(space)")
            }
        }
        if profiles.count > 1 {
            run.fail(.outputIntent, zh: "各輸出意圖指向不同的色彩描述檔", en: "output intents name different profiles")
        }

        // 6.2.5 Extended graphics state, 6.2.6 rendering intents, 6.2.10 blend modes.
        let states = resources("ExtGState")
        let blendModes: Set<String> = [
            "Normal", "Compatible", "Multiply", "Screen", "Overlay", "Darken", "Lighten", "ColorDodge", "ColorBurn",
            "HardLight", "SoftLight", "Difference", "Exclusion", "Hue", "Saturation", "Color", "Luminosity",
        ]
        let intentsAllowed: Set<String> = ["RelativeColorimetric", "AbsoluteColorimetric", "Perceptual", "Saturation"]
        var transparency = false
        for (ref, holder, gs) in states {
            let at = Self.place(ref, in: holder)
            run.look(.extGState)
            run.look(.blendModes)
            if gs["TR"] != nil { run.fail(.extGState, zh: "\(at.zh)：有 /TR", en: "\(at.en): /TR") }
            if let tr2 = gs["TR2"], name(tr2) != "Default" {
                run.fail(.extGState, zh: "\(at.zh)：/TR2 不是 /Default", en: "\(at.en): /TR2 other than Default")
            }
            if gs["HTP"] != nil { run.fail(.extGState, zh: "\(at.zh)：有 /HTP", en: "\(at.en): /HTP") }
            if let ri = gs["RI"] {
                run.look(.renderingIntents)
                if !intentsAllowed.contains(name(ri) ?? "") {
                    run.fail(
                        .renderingIntents, zh: "\(at.zh)：/RI 為 \(name(ri).map { "/" + $0 } ?? "?")",
                        en: "\(at.en): /RI \(name(ri) ?? "?")")
                }
            }
            let modes = r(gs["BM"]).arrayValue ?? (gs["BM"].map { [$0] } ?? [])
            for mode in modes {
                let m = name(mode) ?? "?"
                if !blendModes.contains(m) {
                    run.fail(.blendModes, zh: "\(at.zh)：混合模式 \(name(mode).map { "/" + $0 } ?? "?")", en: "\(at.en): blend mode \(m)")
                }
                if m != "Normal" && m != "Compatible" { transparency = true }
            }
            for key in ["CA", "ca"] where (r(gs[key]).doubleValue ?? 1) < 1 { transparency = true }
            if let smask = gs["SMask"], name(smask) != "None" { transparency = true }
        }
        for (holder, d) in dictionaries where d["HalftoneType"] != nil {
            run.look(.extGState)
            let type = int(d["HalftoneType"])
            if type != 1 && type != 5 {
                run.fail(
                    .extGState, zh: "物件 \(holder)：網屏類型為 \(type.map(String.init) ?? "?")",
                    en: "object \(holder): halftone type \(type.map(String.init) ?? "?")")
            }
            if d["HalftoneName"] != nil {
                run.fail(.extGState, zh: "物件 \(holder)：網屏有 /HalftoneName", en: "object \(holder): halftone with /HalftoneName")
            }
        }

        // 6.2.8 Images, 6.2.9 XObjects.
        for (n, value) in objects {
            guard case .stream(let s) = value else { continue }
            let d = s.dictionary
            switch name(d["Subtype"]) {
            case "Image"?:
                run.look(.images)
                if d["Alternates"] != nil { run.fail(.images, zh: "物件 \(n)：影像有 /Alternates", en: "object \(n): image with /Alternates") }
                if d["OPI"] != nil { run.fail(.images, zh: "物件 \(n)：影像有 /OPI", en: "object \(n): image with /OPI") }
                if case .boolean(true) = r(d["Interpolate"]) {
                    run.fail(.images, zh: "物件 \(n)：影像的 /Interpolate 為 true", en: "object \(n): /Interpolate true")
                }
                if let intent = d["Intent"] {
                    run.look(.renderingIntents)
                    if !intentsAllowed.contains(name(intent) ?? "") {
                        run.fail(.renderingIntents, zh: "物件 \(n)：影像的 /Intent 不是標準演算意圖", en: "object \(n): image /Intent")
                    }
                }
                if d["SMask"] != nil || d["SMaskInData"].flatMap({ int($0) }).map({ $0 != 0 }) == true { transparency = true }
            case "Form"?:
                run.look(.xObjects)
                if d["Ref"] != nil { run.fail(.xObjects, zh: "物件 \(n)：參照 XObject（/Ref）", en: "object \(n): reference XObject (/Ref)") }
                if d["OPI"] != nil { run.fail(.xObjects, zh: "物件 \(n)：表單 XObject 有 /OPI", en: "object \(n): form with /OPI") }
                if d["PS"] != nil || name(d["Subtype2"]) == "PS" {
                    run.fail(.xObjects, zh: "物件 \(n)：表單 XObject 含 PostScript", en: "object \(n): form with PostScript")
                }
            case "PS"?:
                run.look(.xObjects)
                run.fail(.xObjects, zh: "物件 \(n)：PostScript XObject", en: "object \(n): PostScript XObject")
            default: break
            }
        }

        // 6.2.10: without a PDF/A output intent, pages with transparency need a group colour space.
        // Transparency is looked for in the whole file (not page by page): stricter, never looser.
        run.look(.transparencyColourSpace)
        if intents.isEmpty, transparency {
            for (index, page) in pages.enumerated() where dict(page.dictionary["Group"])?["CS"] == nil {
                run.fail(
                    .transparencyColourSpace, zh: "第 \(index + 1) 頁：檔案含透明效果，頁面卻沒有 /Group /CS",
                    en: "page \(index + 1): transparency in the file but no /Group /CS")
            }
        }
    }
}
