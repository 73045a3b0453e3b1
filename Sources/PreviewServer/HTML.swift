import Diagnostics
import Foundation

/// Text made safe for HTML element content and attribute values.
func escaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}

/// A value for a URL's query or path segment.
func urlComponent(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}

/// The page's language: Traditional Chinese, or English when the browser prefers it
/// (`Accept-Language` whose most wanted language of the two is English).
func pageLanguage(acceptLanguage: String?) -> MessageLanguage {
    guard let acceptLanguage else { return .traditionalChinese }
    var best: (quality: Double, language: MessageLanguage)?
    for (order, part) in acceptLanguage.split(separator: ",").enumerated() {
        let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let tag = pieces.first else { continue }
        let language: MessageLanguage
        if tag.hasPrefix("en") { language = .english } else if tag.hasPrefix("zh") { language = .traditionalChinese } else { continue }
        var quality = 1.0
        for piece in pieces.dropFirst() where piece.hasPrefix("q=") { quality = Double(piece.dropFirst(2)) ?? 0 }
        // Equal qualities: the one listed first.
        let score = quality - Double(order) * 1e-6
        if quality > 0, best == nil || score > best!.quality { best = (score, language) }
    }
    return best?.language ?? .traditionalChinese
}

/// Builds one page: the shell (language, skip link, navigation, main landmark) around its content.
struct PageBuilder {
    let language: MessageLanguage
    /// `/<token>`: every link starts here.
    let base: String

    func say(_ chinese: String, _ english: String) -> String { language == .english ? english : chinese }

    func page(title: String, current: String, body: String) -> String {
        let nav = [
            ("record", say("學習歷程紀錄", "Record")),
            ("departments", say("校系與勾選", "Departments")),
        ].map { path, label in
            let here = path == current ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(base)/\(path)\"\(here)>\(escaped(label))</a></li>"
        }.joined()
        return """
            <!DOCTYPE html>
            <html lang="\(language == .english ? "en" : "zh-Hant")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escaped(title)) · portfolio-export</title>
            <link rel="stylesheet" href="\(base)/static/app.css">
            <link rel="icon" href="\(base)/static/icon.svg" type="image/svg+xml">
            <script src="\(base)/static/app.js" defer></script>
            </head>
            <body>
            <a class="skip" href="#main">\(say("跳到主要內容", "Skip to content"))</a>
            <header><p class="brand">\(say("備審資料預覽", "Review packet preview"))</p>
            <nav aria-label="\(say("主選單", "Main"))"><ul>\(nav)</ul></nav></header>
            <main id="main" tabindex="-1">
            <h1>\(escaped(title))</h1>
            \(body)
            </main>
            <footer><p>\(say("本頁只在這台電腦上執行，不會傳送任何資料到網路。", "This page runs on this computer only; nothing is sent over the network."))</p></footer>
            </body>
            </html>
            """
    }
}
