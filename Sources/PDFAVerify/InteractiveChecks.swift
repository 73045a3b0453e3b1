import PDFReader

extension DocumentWalk {
    func checkAnnotationsAndActions(_ run: inout Findings) {
        let allowedTypes: Set<String> = [
            "Text", "Link", "FreeText", "Line", "Square", "Circle", "Polygon", "PolyLine", "Highlight", "Underline",
            "Squiggly", "StrikeOut", "Stamp", "Caret", "Ink", "Popup", "FileAttachment", "Widget", "PrinterMark",
            "TrapNet", "Watermark", "Redact",
        ]
        var actions: [(place: String, action: PDFObject)] = []
        func actionsOf(additional: PDFObject?, at place: String) {
            for (trigger, action) in dict(additional) ?? [:] { actions.append(("\(place) /AA /\(trigger)", action)) }
        }

        // 6.5.2: no additional actions on the catalog or pages.
        run.look(.additionalActions, count: 1 + pages.count)
        if catalog["AA"] != nil { run.fail(.additionalActions, "the catalog has /AA") }
        actionsOf(additional: catalog["AA"], at: "the catalog")
        if let open = catalog["OpenAction"], dict(open) != nil { actions.append(("the catalog's /OpenAction", open)) }

        for (index, page) in pages.enumerated() {
            let pageName = "page \(index + 1)"
            if page.dictionary["AA"] != nil { run.fail(.additionalActions, "\(pageName) has /AA") }
            actionsOf(additional: page.dictionary["AA"], at: pageName)
            for annotationRef in r(page.dictionary["Annots"]).arrayValue ?? [] {
                guard let a = dict(annotationRef) else { continue }
                let at = "\(pageName), annotation \(annotationRef.referenceValue.map { "object \($0)" } ?? "(direct)")"
                let subtype = name(a["Subtype"]) ?? "?"
                // 6.3.1 types.
                run.look(.annotationTypes)
                if !allowedTypes.contains(subtype) { run.fail(.annotationTypes, "\(at): /Subtype \(subtype)") }
                // 6.3.2 flags.
                run.look(.annotationFlags)
                if let flags = int(a["F"]) {
                    if flags & 4 == 0 { run.fail(.annotationFlags, "\(at): Print flag not set") }
                    if flags & (1 | 2 | 32 | 256) != 0 { run.fail(.annotationFlags, "\(at): a Hidden, Invisible or NoView flag set") }
                } else if subtype != "Popup" {
                    run.fail(.annotationFlags, "\(at): no /F")
                }
                // 6.3.3 appearances.
                run.look(.annotationAppearances)
                let rect = (r(a["Rect"]).arrayValue ?? []).map { r($0).doubleValue ?? 0 }
                let empty = rect.count == 4 && rect[0] == rect[2] && rect[1] == rect[3]
                if let ap = dict(a["AP"]) {
                    if Set(ap.keys) != ["N"] { run.fail(.annotationAppearances, "\(at): /AP has keys other than /N") }
                    let isButton = subtype == "Widget" && name(a["FT"] ?? dict(a["Parent"])?["FT"]) == "Btn"
                    switch r(ap["N"]) {
                    case .stream: if isButton { run.fail(.annotationAppearances, "\(at): a button's /N is not a dictionary") }
                    case .dictionary: if !isButton { run.fail(.annotationAppearances, "\(at): /N is not a stream") }
                    default: run.fail(.annotationAppearances, "\(at): /AP has no /N")
                    }
                } else if subtype != "Popup" && subtype != "Link" && !empty {
                    run.fail(.annotationAppearances, "\(at): no appearance (/AP)")
                }
                // 6.4.1 widgets.
                if subtype == "Widget" {
                    run.look(.interactiveForms)
                    if a["A"] != nil || a["AA"] != nil { run.fail(.interactiveForms, "\(at): a widget with /A or /AA") }
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
            if let action = d["A"] { actions.append(("outline item object \(n)", action)) }
            if let next = d["Next"] { stack.append(next) }
            if let first = d["First"] { stack.append(first) }
        }

        // 6.4: forms.
        run.look(.interactiveForms)
        if case .boolean(true) = r(catalog["NeedsRendering"]) { run.fail(.interactiveForms, "the catalog has NeedsRendering true") }
        if let form = dict(catalog["AcroForm"]) {
            if case .boolean(true) = r(form["NeedAppearances"]) { run.fail(.interactiveForms, "/AcroForm has NeedAppearances true") }
            if form["XFA"] != nil { run.fail(.interactiveForms, "/AcroForm has /XFA") }
            var fields = r(form["Fields"]).arrayValue ?? []
            var seen: Set<Int> = []
            while let field = fields.popLast(), seen.count < 100_000 {
                if let n = field.referenceValue { guard seen.insert(n).inserted else { continue } }
                guard let f = dict(field) else { continue }
                if f["AA"] != nil { run.fail(.interactiveForms, "form field \(field.referenceValue.map(String.init) ?? "(direct)") has /AA") }
                actionsOf(additional: f["AA"], at: "a form field")
                fields += r(f["Kids"]).arrayValue ?? []
            }
        }

        // 6.5.1: the actions found, and the ones they chain to.
        let allowed: Set<String> = ["GoTo", "GoToR", "GoToE", "Thread", "URI", "Named", "SubmitForm"]
        let namedAllowed: Set<String> = ["NextPage", "PrevPage", "FirstPage", "LastPage"]
        var chained: Set<Int> = []
        run.look(.actions)
        if dict(catalog["Names"])?["JavaScript"] != nil { run.fail(.actions, "the catalog's /Names has a JavaScript name tree") }
        while let (place, value) = actions.popLast(), chained.count < 100_000 {
            if let n = value.referenceValue { guard chained.insert(n).inserted else { continue } }
            guard let action = dict(value) else { continue }
            run.look(.actions)
            let s = name(action["S"]) ?? "?"
            if !allowed.contains(s) { run.fail(.actions, "\(place): a /\(s) action") }
            if s == "Named", !namedAllowed.contains(name(action["N"]) ?? "") {
                run.fail(.actions, "\(place): named action /\(name(action["N"]) ?? "?")")
            }
            for next in r(action["Next"]).arrayValue ?? (action["Next"].map { [$0] } ?? []) {
                actions.append(("\(place) → /Next", next))
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
        var specs: [(place: String, number: Int?, spec: [String: PDFObject])] = []
        var seen: Set<Int> = []
        for (holder, d) in dictionaries where d["EF"] != nil {
            // A file specification is either an object of its own, or direct inside another.
            let own = objects[holder]?.dictionaryValue.map { $0 == d } ?? false
            if own { guard seen.insert(holder).inserted else { continue } }
            specs.append((own ? "object \(holder)" : "a direct file specification in object \(holder)", own ? holder : nil, d))
        }
        for (place, number, spec) in specs {
            run.look(.fileSpecifications)
            run.look(.associatedFiles)
            for key in ["F", "UF", "AFRelationship"] where spec[key] == nil {
                run.fail(.fileSpecifications, "\(place): no /\(key)")
            }
            if number.map({ !associated.contains($0) }) ?? true {
                run.fail(.associatedFiles, "\(place): not in any /AF array")
            }
            for (key, fileRef) in dict(spec["EF"]) ?? [:] {
                guard case .stream(let file) = r(fileRef) else { continue }
                let at = "\(place) /EF /\(key)"
                run.look(.embeddedFileTypes)
                let mime = name(file.dictionary["Subtype"]) ?? ""
                let parts = mime.split(separator: "/", omittingEmptySubsequences: false)
                if parts.count != 2 || parts.contains(where: \.isEmpty) {
                    run.fail(.embeddedFileTypes, "\(at): no MIME type in /Subtype")
                }
                run.look(.embeddedFileDates)
                let date = dict(file.dictionary["Params"])?["ModDate"]
                if case .string(let text) = r(date), PDFDate(String(decoding: text, as: UTF8.self)) != nil {
                } else {
                    run.fail(.embeddedFileDates, "\(at): no /Params /ModDate date")
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
                    run.fail(.optionalContent, "configuration \(i + 1) has no /Name")
                    continue
                }
                if !names.insert(n).inserted { run.fail(.optionalContent, "configuration name \(n) is used twice") }
                if config["AS"] != nil { run.fail(.optionalContent, "configuration \(n) has /AS") }
            }
        }
        run.look(.alternatePresentations)
        if dict(catalog["Names"])?["AlternatePresentations"] != nil {
            run.fail(.alternatePresentations, "the catalog's /Names has AlternatePresentations")
        }
        for (index, page) in pages.enumerated() where page.dictionary["PresSteps"] != nil {
            run.fail(.alternatePresentations, "page \(index + 1) has /PresSteps")
        }
        run.look(.requirements)
        if catalog["Requirements"] != nil { run.fail(.requirements, "the catalog has /Requirements") }
    }
}
