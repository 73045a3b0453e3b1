import PDFReader

extension DocumentWalk {
    func checkAnnotationsAndActions(_ run: inout Findings) {
        let allowedTypes: Set<String> = [
            "Text", "Link", "FreeText", "Line", "Square", "Circle", "Polygon", "PolyLine", "Highlight", "Underline",
            "Squiggly", "StrikeOut", "Stamp", "Caret", "Ink", "Popup", "FileAttachment", "Widget", "PrinterMark",
            "TrapNet", "Watermark", "Redact",
        ]
        // Where an action was found, in both languages.
        typealias Place = (zh: String, en: String)
        var actions: [(place: Place, action: PDFObject)] = []
        func actionsOf(additional: PDFObject?, at place: Place) {
            for (trigger, action) in dict(additional) ?? [:] {
                actions.append((("\(place.zh) /AA /\(trigger)", "\(place.en) /AA /\(trigger)"), action))
            }
        }

        // 6.5.2: no additional actions on the catalog or pages.
        run.look(.additionalActions, count: 1 + pages.count)
        if catalog["AA"] != nil { run.fail(.additionalActions, zh: "文件目錄有 /AA", en: "the catalog has /AA") }
        actionsOf(additional: catalog["AA"], at: ("文件目錄", "the catalog"))
        if let open = catalog["OpenAction"], dict(open) != nil {
            actions.append((("文件目錄的 /OpenAction", "the catalog's /OpenAction"), open))
        }

        for (index, page) in pages.enumerated() {
            let pageName: Place = ("第 \(index + 1) 頁", "page \(index + 1)")
            if page.dictionary["AA"] != nil {
                run.fail(.additionalActions, zh: "\(pageName.zh)有 /AA", en: "\(pageName.en) has /AA")
            }
            actionsOf(additional: page.dictionary["AA"], at: pageName)
            for annotationRef in r(page.dictionary["Annots"]).arrayValue ?? [] {
                guard let a = dict(annotationRef) else { continue }
                let at: Place = (
                    "\(pageName.zh)的註解（\(annotationRef.referenceValue.map { "物件 \($0)" } ?? "直接物件")）",
                    "\(pageName.en), annotation \(annotationRef.referenceValue.map { "object \($0)" } ?? "(direct)")"
                )
                let subtype = name(a["Subtype"]) ?? "?"
                // 6.3.1 types.
                run.look(.annotationTypes)
                if !allowedTypes.contains(subtype) {
                    run.fail(
                        .annotationTypes, zh: "\(at.zh)：/Subtype 為 \(name(a["Subtype"]).map { "/" + $0 } ?? "?")",
                        en: "\(at.en): /Subtype \(subtype)")
                }
                // 6.3.2 flags.
                run.look(.annotationFlags)
                if let flags = int(a["F"]) {
                    if flags & 4 == 0 { run.fail(.annotationFlags, zh: "\(at.zh)：沒有設列印旗標", en: "\(at.en): Print flag not set") }
                    if flags & (1 | 2 | 32 | 256) != 0 {
                        run.fail(
                            .annotationFlags, zh: "\(at.zh)：設了隱藏、不可見或不顯示旗標",
                            en: "\(at.en): a Hidden, Invisible or NoView flag set")
                    }
                } else if subtype != "Popup" {
                    run.fail(.annotationFlags, zh: "\(at.zh)：沒有 /F", en: "\(at.en): no /F")
                }
                // 6.3.3 appearances.
                run.look(.annotationAppearances)
                let rect = (r(a["Rect"]).arrayValue ?? []).map { r($0).doubleValue ?? 0 }
                let empty = rect.count == 4 && rect[0] == rect[2] && rect[1] == rect[3]
                if let ap = dict(a["AP"]) {
                    if Set(ap.keys) != ["N"] {
                        run.fail(.annotationAppearances, zh: "\(at.zh)：/AP 有 /N 以外的鍵", en: "\(at.en): /AP has keys other than /N")
                    }
                    let isButton = subtype == "Widget" && name(a["FT"] ?? dict(a["Parent"])?["FT"]) == "Btn"
                    switch r(ap["N"]) {
                    case .stream:
                        if isButton {
                            run.fail(
                                .annotationAppearances, zh: "\(at.zh)：按鈕的 /N 不是字典", en: "\(at.en): a button's /N is not a dictionary")
                        }
                    case .dictionary:
                        if !isButton {
                            run.fail(.annotationAppearances, zh: "\(at.zh)：/N 不是串流", en: "\(at.en): /N is not a stream")
                        }
                    default: run.fail(.annotationAppearances, zh: "\(at.zh)：/AP 沒有 /N", en: "\(at.en): /AP has no /N")
                    }
                } else if subtype != "Popup" && subtype != "Link" && !empty {
                    run.fail(.annotationAppearances, zh: "\(at.zh)：沒有外觀串流（/AP）", en: "\(at.en): no appearance (/AP)")
                }
                // 6.4.1 widgets.
                if subtype == "Widget" {
                    run.look(.interactiveForms)
                    if a["A"] != nil || a["AA"] != nil {
                        run.fail(.interactiveForms, zh: "\(at.zh)：/Widget 註解有 /A 或 /AA", en: "\(at.en): a widget with /A or /AA")
                    }
                }
                if let action = a["A"] { actions.append((at, action)) }
                actionsOf(additional: a["AA"], at: at)
            }
        }

        // Outline items' actions (the tree walked with a visited set).
        var stack: [PDFObject] = [dict(catalog["Outlines"])?["First"] ?? .null]
        var visited: Set<Int> = []
        while let item = stack.popLast(), visited.count < 100_000 {
            guard let n = item.referenceValue, visited.insert(n).inserted, let d = dict(item) else { continue }
            if let action = d["A"] { actions.append((("書籤項目（物件 \(n)）", "outline item object \(n)"), action)) }
            if let next = d["Next"] { stack.append(next) }
            if let first = d["First"] { stack.append(first) }
        }

        // 6.4: forms.
        run.look(.interactiveForms)
        if case .boolean(true) = r(catalog["NeedsRendering"]) {
            run.fail(.interactiveForms, zh: "文件目錄的 /NeedsRendering 為 true", en: "the catalog has NeedsRendering true")
        }
        if let form = dict(catalog["AcroForm"]) {
            if case .boolean(true) = r(form["NeedAppearances"]) {
                run.fail(.interactiveForms, zh: "/AcroForm 的 /NeedAppearances 為 true", en: "/AcroForm has NeedAppearances true")
            }
            if form["XFA"] != nil { run.fail(.interactiveForms, zh: "/AcroForm 有 /XFA", en: "/AcroForm has /XFA") }
            var fields = r(form["Fields"]).arrayValue ?? []
            var seen: Set<Int> = []
            while let field = fields.popLast(), seen.count < 100_000 {
                if let n = field.referenceValue { guard seen.insert(n).inserted else { continue } }
                guard let f = dict(field) else { continue }
                if f["AA"] != nil {
                    run.fail(
                        .interactiveForms, zh: "表單欄位（\(field.referenceValue.map { "物件 \($0)" } ?? "直接物件")）有 /AA",
                        en: "form field \(field.referenceValue.map(String.init) ?? "(direct)") has /AA")
                }
                actionsOf(additional: f["AA"], at: ("表單欄位", "a form field"))
                fields += r(f["Kids"]).arrayValue ?? []
            }
        }

        // 6.5.1: the actions found, and the ones they chain to.
        let allowed: Set<String> = ["GoTo", "GoToR", "GoToE", "Thread", "URI", "Named", "SubmitForm"]
        let namedAllowed: Set<String> = ["NextPage", "PrevPage", "FirstPage", "LastPage"]
        var chained: Set<Int> = []
        run.look(.actions)
        if dict(catalog["Names"])?["JavaScript"] != nil {
            run.fail(.actions, zh: "文件目錄的 /Names 有 /JavaScript 名稱樹", en: "the catalog's /Names has a JavaScript name tree")
        }
        while let (place, value) = actions.popLast(), chained.count < 100_000 {
            if let n = value.referenceValue { guard chained.insert(n).inserted else { continue } }
            guard let action = dict(value) else { continue }
            run.look(.actions)
            let s = name(action["S"]) ?? "?"
            if !allowed.contains(s) { run.fail(.actions, zh: "\(place.zh)：/\(s) 動作", en: "\(place.en): a /\(s) action") }
            if s == "Named", !namedAllowed.contains(name(action["N"]) ?? "") {
                run.fail(
                    .actions, zh: "\(place.zh)：命名動作 /\(name(action["N"]) ?? "?")",
                    en: "\(place.en): named action /\(name(action["N"]) ?? "?")")
            }
            for next in r(action["Next"]).arrayValue ?? (action["Next"].map { [$0] } ?? []) {
                actions.append((("\(place.zh) → /Next", "\(place.en) → /Next"), next))
            }
        }
    }

    // MARK: 6.8 Embedded files

    func checkEmbeddedFiles(_ run: inout Findings) {
        // Everything any /AF array names, by object number (direct file specifications in /AF count as named).
        var associated: Set<Int> = []
        for (_, d) in dictionaries {
            for item in r(d["AF"]).arrayValue ?? [] { if let n = item.referenceValue { associated.insert(n) } }
        }
        var specs: [(place: (zh: String, en: String), number: Int?, spec: [String: PDFObject])] = []
        var seen: Set<Int> = []
        for (holder, d) in dictionaries where d["EF"] != nil {
            // A file specification is either an object of its own, or direct inside another.
            let own = objects[holder]?.dictionaryValue.map { $0 == d } ?? false
            if own { guard seen.insert(holder).inserted else { continue } }
            let place =
                own
                ? ("物件 \(holder)", "object \(holder)")
                : ("物件 \(holder) 內的直接檔案規格", "a direct file specification in object \(holder)")
            specs.append((place, own ? holder : nil, d))
        }
        for (place, number, spec) in specs {
            run.look(.fileSpecifications)
            run.look(.associatedFiles)
            for key in ["F", "UF", "AFRelationship"] where spec[key] == nil {
                run.fail(.fileSpecifications, zh: "\(place.zh)：沒有 /\(key)", en: "\(place.en): no /\(key)")
            }
            if number.map({ !associated.contains($0) }) ?? true {
                run.fail(.associatedFiles, zh: "\(place.zh)：不在任何 /AF 陣列中", en: "\(place.en): not in any /AF array")
            }
            for (key, fileRef) in dict(spec["EF"]) ?? [:] {
                guard case .stream(let file) = r(fileRef) else { continue }
                let at = (zh: "\(place.zh) /EF /\(key)", en: "\(place.en) /EF /\(key)")
                run.look(.embeddedFileTypes)
                let mime = name(file.dictionary["Subtype"]) ?? ""
                let parts = mime.split(separator: "/", omittingEmptySubsequences: false)
                if parts.count != 2 || parts.contains(where: \.isEmpty) {
                    run.fail(.embeddedFileTypes, zh: "\(at.zh)：/Subtype 沒有 MIME 類型", en: "\(at.en): no MIME type in /Subtype")
                }
                run.look(.embeddedFileDates)
                let date = dict(file.dictionary["Params"])?["ModDate"]
                if case .string(let text) = r(date), PDFDate(String(decoding: text, as: UTF8.self)) != nil {
                } else {
                    run.fail(.embeddedFileDates, zh: "\(at.zh)：沒有 /Params /ModDate 日期", en: "\(at.en): no /Params /ModDate date")
                }
            }
        }
    }

    // MARK: 6.9–6.11

    func checkDocumentLevel(_ run: inout Findings) {
        run.look(.optionalContent)
        if let oc = dict(catalog["OCProperties"]) {
            var configs: [[String: PDFObject]] = []
            if let d = dict(oc["D"]) { configs.append(d) }
            configs += (r(oc["Configs"]).arrayValue ?? []).compactMap { dict($0) }
            var names: Set<String> = []
            for (i, config) in configs.enumerated() {
                guard let n = str(config["Name"]), !n.isEmpty else {
                    run.fail(.optionalContent, zh: "第 \(i + 1) 個選用內容設定沒有 /Name", en: "configuration \(i + 1) has no /Name")
                    continue
                }
                if !names.insert(n).inserted {
                    run.fail(.optionalContent, zh: "選用內容設定名稱「\(n)」重複", en: "configuration name \(n) is used twice")
                }
                if config["AS"] != nil {
                    run.fail(.optionalContent, zh: "選用內容設定「\(n)」有 /AS", en: "configuration \(n) has /AS")
                }
            }
        }
        run.look(.alternatePresentations)
        if dict(catalog["Names"])?["AlternatePresentations"] != nil {
            run.fail(
                .alternatePresentations, zh: "文件目錄的 /Names 有 /AlternatePresentations",
                en: "the catalog's /Names has AlternatePresentations")
        }
        for (index, page) in pages.enumerated() where page.dictionary["PresSteps"] != nil {
            run.fail(.alternatePresentations, zh: "第 \(index + 1) 頁有 /PresSteps", en: "page \(index + 1) has /PresSteps")
        }
        run.look(.requirements)
        if catalog["Requirements"] != nil {
            run.fail(.requirements, zh: "文件目錄有 /Requirements", en: "the catalog has /Requirements")
        }
    }
}
