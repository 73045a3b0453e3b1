import Diagnostics
import Foundation
import PortfolioRecord
import ReviewPacket

extension PageBuilder {
    // MARK: Messages

    /// What to say of an error thrown by the workspace (typed throws do not survive a `do` in a closure).
    func message(_ error: any Error) -> String {
        if let refusal = error as? WorkspaceRefusal { return message(refusal) }
        if let refusal = error as? ArchiveRefusal { return message(refusal) }
        return say("內部錯誤（程式的問題，請回報；以下為給開發者的說明）：\(error)", "internal error (a bug: please report it): \(error)")
    }

    func message(_ refusal: WorkspaceRefusal) -> String {
        switch refusal {
        case .noRecord: return say("尚未開啟學習歷程紀錄。", "No record is open.")
        case .recordUnusable(let failure):
            return say("無法開啟這個資料夾：", "This folder cannot be opened: ") + failure.lines(language).joined(separator: " ")
        case .profileNotOffered(let path): return say("沒有這個校系設定檔：\(path)", "No such profile is offered: \(path)")
        case .profileUnusable(let failure):
            return say("無法使用這個校系設定檔：", "This profile cannot be used: ") + failure.lines(language).joined(separator: " ")
        case .unknownDepartment(let code): return say("尚未加入校系 \(code)。", "Department \(code) has not been added.")
        case .departmentAlreadyAdded(let code): return say("校系 \(code) 已經加入。", "Department \(code) is already added.")
        case .overCap(let scope, let limit, let count):
            return say(
                "「\(scope)」最多只能勾選 \(limit) 件，這份清單勾選了 \(count) 件：請先取消 \(count - limit) 件。未儲存。",
                "\(scope) allows at most \(limit) ticks; this list has \(count): untick \(count - limit) first. Not saved.")
        case .unknownKey(let key): return say("紀錄中沒有項目「\(key)」。未儲存。", "The record has no item \"\(key)\". Not saved.")
        case .wrongList(let key, let list):
            return say("「\(key)」屬於「\(list)」清單。未儲存。", "\"\(key)\" belongs in the \(list) list. Not saved.")
        case .uncertified(let key):
            return say("「\(key)」尚未認證，只有已認證的課程學習成果可以勾選。未儲存。", "\"\(key)\" is not certified: only certified outcomes can be ticked. Not saved.")
        case .ticksWithUpload:
            return say("選擇「自行上傳」時不能勾選項目。未儲存。", "Nothing can be ticked when uploading PDFs instead. Not saved.")
        case .notTickable(let key): return say("「\(key)」不能勾選。", "\"\(key)\" cannot be ticked.")
        case .writeFailed(let detail): return say("無法寫入：\(detail)", "Cannot write: \(detail)")
        case .renderFailed(let failure):
            return say("無法產生預覽：", "No preview could be made: ") + failure.lines(language).joined(separator: " ")
        case .archive(let refusal): return message(refusal)
        }
    }

    func message(_ refusal: ArchiveRefusal) -> String {
        switch refusal {
        case .tooLarge(let limit): return say("檔案太大（上限 \(limit >> 20) MB）。", "The file is too large (limit \(limit >> 20) MB).")
        case .notAZip: return say("這不是 zip 壓縮檔。", "This is not a zip archive.")
        case .pathEscapes(let path): return say("壓縮檔中的路徑「\(path)」會寫到資料夾外，已拒絕。", "The archive's path \"\(path)\" leads outside the folder: refused.")
        case .symlink(let path): return say("壓縮檔中的「\(path)」是符號連結，已拒絕。", "\"\(path)\" in the archive is a symbolic link: refused.")
        case .tooManyEntries(let limit): return say("壓縮檔的檔案超過 \(limit) 個，已拒絕。", "The archive holds more than \(limit) files: refused.")
        case .unpackedTooLarge(let limit): return say("解壓縮後超過 \(limit >> 20) MB，已拒絕。", "Unpacked it exceeds \(limit >> 20) MB: refused.")
        case .ratioTooHigh(let path): return say("「\(path)」的壓縮比異常（疑似壓縮炸彈），已拒絕。", "\"\(path)\" inflates far too much (a zip bomb?): refused.")
        case .duplicateEntry(let path): return say("壓縮檔中「\(path)」重複出現，已拒絕。", "\"\(path)\" appears twice in the archive: refused.")
        case .noRecord: return say("壓縮檔中找不到學習歷程紀錄（<應試號碼>_基本資料.json）。", "The archive holds no record (<number>_基本資料.json).")
        case .unpackFailed(let path): return say("無法解壓縮「\(path)」。", "\"\(path)\" could not be unpacked.")
        }
    }

    func notice(_ text: String, kind: String = "error") -> String {
        "<p class=\"notice \(kind)\" role=\"\(kind == "error" ? "alert" : "status")\">\(escaped(text))</p>"
    }

    // MARK: Open

    func openPage(problem: String?, folder: String?) -> String {
        let body = """
            \(problem.map { notice($0) } ?? "")
            <p>\(say("開啟學生完整的學習歷程紀錄資料夾（內含 <應試號碼>_基本資料.json 等檔案），或上傳它的 zip 壓縮檔。", "Open a student's whole record folder (with <number>_基本資料.json and the other files), or upload a zip of it."))</p>
            <form method="post" action="\(base)/open" class="panel">
            <label for="folder">\(say("資料夾路徑", "Folder path"))</label>
            <input id="folder" name="folder" type="text" value="\(escaped(folder ?? ""))" required autocomplete="off">
            <button type="submit">\(say("開啟", "Open"))</button>
            </form>
            <form id="upload-form" action="\(base)/upload" class="panel" data-busy="\(say("上傳中…", "Uploading…"))">
            <label for="zip">\(say("或上傳 zip 壓縮檔", "Or upload a zip"))</label>
            <input id="zip" name="zip" type="file" accept=".zip,application/zip" required>
            <button type="submit">\(say("上傳並開啟", "Upload and open"))</button>
            <p id="upload-status" role="status" aria-live="polite"></p>
            </form>
            """
        return page(title: say("開啟學習歷程紀錄", "Open a record"), current: "record", body: body)
    }

    // MARK: Record

    func semesterText(_ year: Int?, _ semester: Int?) -> String {
        switch (year, semester) {
        case (let year?, let semester?): say("\(year) 學年度第 \(semester) 學期", "\(year), semester \(semester)")
        case (let year?, nil): say("\(year) 學年度", "\(year)")
        default: "—"
        }
    }

    func recordPage(
        applicantNumber: String, folder: String, entries: [RecordEntry], documents: [RecordDocument], category: String?
    ) -> String {
        let categories = entries.reduce(into: [String]()) { if !$0.contains($1.category) { $0.append($1.category) } }
        let shown = entries.filter { category == nil || $0.category == category }
        var filter = "<nav aria-label=\"\(say("依類別篩選", "Filter by category"))\" class=\"filter\"><ul>"
        let all = "<li><a href=\"\(base)/record\"\(category == nil ? " aria-current=\"true\"" : "")>\(say("全部", "All"))（\(entries.count)）</a></li>"
        filter += all
        for name in categories {
            let count = entries.filter { $0.category == name }.count
            let here = name == category ? " aria-current=\"true\"" : ""
            filter += "<li><a href=\"\(base)/record?category=\(urlComponent(name))\"\(here)>\(escaped(name))（\(count)）</a></li>"
        }
        filter += "</ul></nav>"
        var items = ""
        for entry in shown {
            var facts = "<dl class=\"facts\">"
            facts += "<dt>\(say("項目編號", "Key"))</dt><dd><code>\(escaped(entry.key.rawValue))</code></dd>"
            facts += "<dt>\(say("學期", "Semester"))</dt><dd>\(escaped(semesterText(entry.schoolYear, entry.semester)))</dd>"
            if entry.list == .outcomes {
                let status = entry.certification ?? say("未標示", "not stated")
                let mark = status == ApplicantRecord.certified ? "ok" : "warn"
                facts += "<dt>\(say("認證狀態", "Certification"))</dt><dd class=\"\(mark)\">\(escaped(status))</dd>"
            }
            facts += "</dl>"
            let summary = entry.summary.map { "<p class=\"summary\">\(escaped($0))</p>" } ?? "<p class=\"summary none\">\(say("（無簡述）", "(no summary)"))</p>"
            var files = ""
            for reference in entry.attachments {
                files += "<li>" + attachmentFigure(reference) + "</li>"
            }
            items += """
                <li class="item" id="\(entry.anchor)">
                <h3>\(escaped(entry.category))：\(escaped(entry.title ?? "—"))</h3>
                \(facts)
                \(summary)
                \(files.isEmpty ? "" : "<ul class=\"attachments\">\(files)</ul>")
                </li>
                """
        }
        var documentList = ""
        for document in documents {
            documentList += "<li id=\"\(document.anchor)\"><strong>\(escaped(document.name))</strong> <code>\(escaped(document.file))</code></li>"
        }
        let body = """
            <p>\(say("應試號碼", "Applicant number")) <strong>\(escaped(applicantNumber))</strong> · <code>\(escaped(folder))</code></p>
            <form method="post" action="\(base)/reload" class="inline"><button type="submit">\(say("重新讀取", "Reload"))</button></form>
            <form method="get" action="\(base)/open" class="inline"><button type="submit">\(say("開啟其他紀錄", "Open another record"))</button></form>
            <h2>\(say("課程學習成果與多元表現", "Learning outcomes and 多元表現"))</h2>
            \(filter)
            <ul class="items">\(items)</ul>
            <h2>\(say("其他檔案", "Other files"))</h2>
            <ul class="documents">\(documentList)</ul>
            """
        return page(title: say("學習歷程紀錄", "Record"), current: "record", body: body)
    }

    func attachmentFigure(_ reference: AttachmentReference) -> String {
        let name = escaped(reference.path)
        switch reference.status {
        case .found(let file):
            switch file.mediaType {
            case .png, .jpeg, .pdf:
                let what = file.mediaType == .pdf ? say("第一頁", "first page") : say("圖片", "image")
                return "<figure><img src=\"\(base)/attachment?path=\(urlComponent(file.path))\" alt=\"\(name)（\(what)）\" loading=\"lazy\" width=\"160\"><figcaption><code>\(name)</code></figcaption></figure>"
            default:
                return "<figure class=\"media\"><figcaption><code>\(name)</code> · \(escaped(file.mediaType.rawValue))</figcaption></figure>"
            }
        case .missing: return "<p class=\"warn\"><code>\(name)</code> \(say("檔案不存在", "file not found"))</p>"
        case .refused: return "<p class=\"warn\"><code>\(name)</code> \(say("路徑遭拒", "path refused"))</p>"
        case .unreadable: return "<p class=\"warn\"><code>\(name)</code> \(say("無法讀取", "unreadable"))</p>"
        }
    }

    // MARK: Departments

    func departmentsPage(departments: [Department], available: [(path: String, title: String)], problem: String?) -> String {
        var list = ""
        for department in departments {
            let profile = department.profile
            list += "<li><a href=\"\(base)/department/\(urlComponent(department.code))\">\(escaped(profile.departmentCode)) \(escaped(profile.departmentName))</a>（\(escaped(profile.channel.rawValue))）</li>"
        }
        var options = ""
        for profile in available where !departments.contains(where: { $0.profilePath == profile.path }) {
            options += "<option value=\"\(escaped(profile.path))\">\(escaped(profile.title))</option>"
        }
        let body = """
            \(problem.map { notice($0) } ?? "")
            <h2>\(say("已加入的校系", "Departments added"))</h2>
            \(list.isEmpty ? "<p>\(say("尚未加入校系。", "None yet."))</p>" : "<ul class=\"departments\">\(list)</ul>")
            <h2>\(say("加入校系", "Add a department"))</h2>
            <form method="post" action="\(base)/departments" class="panel">
            <label for="profile">\(say("校系審查設定檔", "Department profile"))</label>
            <select id="profile" name="profile" required>\(options)</select>
            <button type="submit">\(say("加入", "Add"))</button>
            </form>
            """
        return page(title: say("校系與勾選", "Departments"), current: "departments", body: body)
    }

    func departmentPage(
        department: Department, entries: [RecordEntry], limits: TickLimits, state: TickState, notice message: String?,
        saved: Bool
    ) -> String {
        let profile = department.profile
        let ticked = state.ticked
        let counts = limits.counts(ticked)
        var caps = ""
        for cap in limits.caps {
            let count = counts[cap.scope, default: 0]
            caps += "<li data-cap=\"\(escaped(cap.scope))\" data-limit=\"\(cap.limit)\">\(escaped(cap.scope))：<span class=\"count\">\(count)</span> / \(cap.limit)</li>"
        }
        var windows: [String] = []
        for list in TickListName.allCases {
            let window = entries.first { $0.list == list }.flatMap { limits.rules[$0.key]?.window }
            if let window {
                windows.append(say("\(list.rawValue)：第 \(window.lowerBound)–\(window.upperBound) 學期", "\(list.rawValue): semesters \(window.lowerBound)–\(window.upperBound)"))
            }
        }
        func fieldset(_ list: TickListName, legend: String) -> String {
            var rows = ""
            for entry in entries where entry.list == list {
                let rule = limits.rules[entry.key]
                let checked = ticked.contains(entry.key)
                let uncertified = entry.list == .outcomes && entry.certification != ApplicantRecord.certified
                var notes: [String] = []
                if let item = rule?.item {
                    notes.append(rule?.taken == true ? say("→ 項目 \(item.rawValue)", "→ item \(item.rawValue)") : say("→ 項目 \(item.rawValue)（校系不採計）", "→ item \(item.rawValue) (not taken by this department)"))
                }
                if let semester = rule?.outsideSemester {
                    notes.append(say("第 \(semester) 學期，校系看不到", "semester \(semester): not seen by this department"))
                }
                if uncertified { notes.append(say("未認證，不能勾選", "not certified: cannot be ticked")) }
                let locked = uncertified && !checked
                // A record the department does not see is left out, so it counts toward no cap.
                let counted = rule?.outsideSemester == nil ? rule?.scopes ?? [] : []
                let name = list == .outcomes ? "outcome" : "performance"
                let id = "tick-" + entry.anchor
                rows += """
                    <li><input type="checkbox" id="\(id)" name="\(name)" value="\(escaped(entry.key.rawValue))" data-scopes="\(escaped(counted.joined(separator: " ")))"\(checked ? " checked" : "")\(locked ? " disabled data-locked=\"1\"" : "") aria-describedby="cap-message">
                    <label for="\(id)"><span class="title">\(escaped(entry.category))：\(escaped(entry.title ?? "—"))</span>
                    <span class="meta">\(escaped(semesterText(entry.schoolYear, entry.semester))) · <code>\(escaped(entry.key.rawValue))</code>\(notes.isEmpty ? "" : " · " + escaped(notes.joined(separator: " · ")))</span></label></li>
                    """
            }
            return "<fieldset class=\"ticks\"><legend>\(escaped(legend))</legend><ul class=\"ticklist\">\(rows)</ul></fieldset>"
        }
        let fullTemplate = say("「{cap}」已達上限 {limit} 件：要勾選其他項目，請先取消一項。", "{cap} has reached its cap of {limit}: untick one before ticking another.")
        let overTemplate = say("「{cap}」勾選了 {count} 件，超過上限 {limit} 件：請取消 {excess} 件。", "{cap} has {count} ticks, over its cap of {limit}: untick {excess}.")
        let mode = state.mode
        let body = """
            <p>\(escaped(profile.channel.rawValue)) · \(say("勾選清單", "Tick list")) <code>勾選/\(escaped(department.code)).json</code>\(state.path == nil ? say("（尚未儲存）", " (not saved yet)") : "")</p>
            \(state.problem.map { notice(say("勾選清單無法讀取，以下從未勾選開始：", "The tick list cannot be read; starting from nothing ticked: ") + $0.line(language)) } ?? "")
            \(message.map { notice($0) } ?? "")
            \(saved ? notice(say("已儲存。", "Saved."), kind: "ok") : "")
            <section aria-labelledby="caps-heading" class="panel">
            <h2 id="caps-heading">\(say("上限與採計學期", "Caps and semesters"))</h2>
            \(caps.isEmpty ? "<p>\(say("此校系沒有勾選上限。", "No caps."))</p>" : "<ul class=\"caps\" aria-live=\"polite\">\(caps)</ul>")
            \(windows.isEmpty ? "" : "<p>\(say("採計學期", "Semesters seen"))：\(escaped(windows.joined(separator: say("；", "; "))))</p>")
            <p id="cap-message" role="status" aria-live="polite"></p>
            </section>
            <form method="post" action="\(base)/department/\(urlComponent(department.code))" id="ticks" data-full="\(escaped(fullTemplate))" data-over="\(escaped(overTemplate))">
            <fieldset class="mode"><legend>\(say("提供方式", "How the items are sent"))</legend>
            <input type="radio" id="mode-ticked" name="mode" value="勾選"\(mode == .ticked ? " checked" : "")><label for="mode-ticked">\(say("勾選學習歷程中央資料庫", "Tick from the central database (勾選)"))</label>
            <input type="radio" id="mode-uploaded" name="mode" value="自行上傳"\(mode == .uploaded ? " checked" : "")><label for="mode-uploaded">\(say("自行上傳 PDF", "Upload PDFs instead (自行上傳)"))</label>
            </fieldset>
            \(fieldset(.outcomes, legend: say("課程學習成果", "Learning outcomes (課程學習成果)")))
            \(fieldset(.performances, legend: say("多元表現", "Performances (多元表現)")))
            <p class="actions"><button type="submit">\(say("儲存勾選清單", "Save the tick list"))</button>
            <a class="button" href="\(base)/department/\(urlComponent(department.code))/preview">\(say("預覽備審資料", "Preview the packet"))</a></p>
            </form>
            """
        return page(title: "\(profile.departmentCode) \(profile.departmentName)", current: "departments", body: body)
    }

    // MARK: Preview

    func previewPage(department: Department, preview: Preview, target: FixTarget) -> String {
        let code = urlComponent(department.code)
        var thumbnails = ""
        for number in stride(from: 1, through: preview.pageCount, by: 1) {
            thumbnails += "<li><a href=\"\(base)/department/\(code)/preview.pdf#page=\(number)\"><img src=\"\(base)/department/\(code)/page/\(number).png\" alt=\"\(say("第 \(number) 頁", "Page \(number)"))\" width=\"150\" loading=\"lazy\"></a></li>"
        }
        var fixes = ""
        var count = 0
        for group in FixGroup.allCases {
            let diagnostics = preview.diagnostics.filter { $0.kind.fixGroup == group }
            guard !diagnostics.isEmpty else { continue }
            count += diagnostics.count
            var rows = ""
            for diagnostic in diagnostics {
                var place: [String] = []
                if let item = diagnostic.item { place.append(say("項目 \(item)", "item \(item)")) }
                if let file = diagnostic.file {
                    let shown = file == preview.tickList.path ? "勾選/\(department.code).json" : file
                    place.append("<code>\(escaped(maskingNationalIDs(shown)))</code>" + (diagnostic.field.map { " › " + escaped(maskingNationalIDs($0)) } ?? ""))
                }
                let link = target.anchor(diagnostic).map {
                    " <a href=\"\(base)/record#\($0)\" class=\"fix-link\">\(say("前往這個項目", "Go to this item"))</a>"
                } ?? ""
                let todo = " <span class=\"todo\">\(escaped(diagnostic.kind.text.action(language)))</span>"
                rows += """
                    <li class="\(diagnostic.severity.rawValue)"><span class="severity">\(escaped(diagnostic.severity.label(language)))</span> \(place.joined(separator: " · "))<br>
                    \(escaped(diagnostic.kind.message(language)))\(todo)\(link)</li>
                    """
            }
            fixes += "<h3>\(escaped(group.title(language)))（\(diagnostics.count)）</h3><ul class=\"fixes\">\(rows)</ul>"
        }
        let timing = String(format: "%.2f", preview.renderSeconds)
        let body = """
            <p><a href="\(base)/department/\(code)">\(say("← 回到勾選", "← Back to the ticks"))</a></p>
            <p>\(say("這是審查委員會看到的備審資料（預覽版，每頁有浮水印）。", "This is the packet as reviewers will see it (the preview, watermarked on every page).")) \(say("產生時間 \(timing) 秒。", "Made in \(timing) s."))</p>
            <p><a class="button" href="\(base)/department/\(code)/preview.pdf" id="open-pdf">\(say("在瀏覽器中開啟 PDF", "Open the PDF in the browser"))</a></p>
            <section aria-labelledby="fix-heading">
            <h2 id="fix-heading">\(say("送出前還可以修正的地方", "What to fix before sending"))（\(count)）</h2>
            \(fixes.isEmpty ? "<p>\(say("沒有發現需要修正的地方。", "Nothing to fix."))</p>" : fixes)
            </section>
            <section aria-labelledby="pages-heading">
            <h2 id="pages-heading">\(say("頁面", "Pages"))（\(preview.pageCount)）</h2>
            <ul class="pages">\(thumbnails)</ul>
            </section>
            """
        return page(title: say("預覽：", "Preview: ") + "\(department.profile.departmentCode) \(department.profile.departmentName)", current: "departments", body: body)
    }
}

extension WorkspaceRefusal {
    /// What the page says, for the console too.
    public func message(_ language: MessageLanguage) -> String {
        PageBuilder(language: language, base: "").message(self)
    }
}
