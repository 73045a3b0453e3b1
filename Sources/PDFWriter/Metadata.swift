import Crypto
import Foundation

// The /Info dictionary and the XMP packet (P4), both from `DocumentInfo`, with ids derived from the
// content digest (P7). Dates are computed from the epoch with integer arithmetic: no calendar, time
// zone database or clock is consulted.

struct CalendarStamp: Equatable {
    var year, month, day, hour, minute, second: Int
    var offsetMinutes: Int

    /// `date` shifted by `offsetMinutes`, clamped to years 1…9999 so no input can overflow.
    init(_ date: Date, offsetMinutes: Int) {
        let offset = max(-14 * 60, min(14 * 60, offsetMinutes))
        let interval = date.timeIntervalSince1970
        let seconds = interval.isFinite ? max(-62_135_596_800, min(253_402_300_799, interval.rounded(.down))) : 0
        let local = Int64(seconds) + Int64(offset) * 60
        let days = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
        let secondOfDay = local - days * 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        year = Int(max(1, min(9999, y)))
        month = Int(m)
        day = Int(d)
        hour = Int(secondOfDay / 3600)
        minute = Int(secondOfDay % 3600 / 60)
        second = Int(secondOfDay % 60)
        self.offsetMinutes = offset
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// `D:YYYYMMDDHHmmSSZ` or `D:YYYYMMDDHHmmSS+HH'mm'`.
    var pdfDate: String {
        let base = "D:" + pad(year, 4) + pad(month, 2) + pad(day, 2) + pad(hour, 2) + pad(minute, 2) + pad(second, 2)
        if offsetMinutes == 0 { return base + "Z" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        return base + sign + pad(magnitude / 60, 2) + "'" + pad(magnitude % 60, 2) + "'"
    }

    /// ISO 8601 as XMP writes it.
    var xmpDate: String {
        let base = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(hour, 2) + ":" + pad(minute, 2)
            + ":" + pad(second, 2)
        if offsetMinutes == 0 { return base + "Z" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        return base + sign + pad(magnitude / 60, 2) + ":" + pad(magnitude % 60, 2)
    }
}

enum Metadata {
    static func infoDictionary(_ info: DocumentInfo) -> PDFDict {
        var dict = PDFDict()
        if !info.title.isEmpty { dict["Title"] = .text(info.title) }
        if !info.author.isEmpty { dict["Author"] = .text(info.author) }
        if !info.subject.isEmpty { dict["Subject"] = .text(info.subject) }
        if !info.keywords.isEmpty { dict["Keywords"] = .text(info.keywords) }
        if !info.creator.isEmpty { dict["Creator"] = .text(info.creator) }
        if !info.producer.isEmpty { dict["Producer"] = .text(info.producer) }
        if let date = info.creationDate {
            let stamp = CalendarStamp(date, offsetMinutes: info.timeZoneOffsetMinutes).pdfDate
            dict["CreationDate"] = .ascii(stamp)
            dict["ModDate"] = .ascii(stamp)
        }
        return dict
    }

    /// A UUID-shaped string from 16 digest bytes (version 5 / RFC 4122 variant bits set).
    static func uuid(_ digest: [UInt8]) -> String {
        var bytes = Array(digest.prefix(16))
        while bytes.count < 16 { bytes.append(0) }
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.hexString
        let characters = Array(hex)
        func part(_ from: Int, _ to: Int) -> String { String(characters[from..<to]) }
        return "uuid:\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }

    /// `claimsPDFA`: with `info.pdfA3` set, whether the content allows the PDF/A identification; when it
    /// does not, only the values describing the embedded data are written.
    static func xmp(_ info: DocumentInfo, documentDigest: [UInt8], claimsPDFA: Bool = true) -> [UInt8] {
        var instanceHasher = SHA256()
        instanceHasher.update(documentDigest)
        instanceHasher.update("instance")
        let documentID = uuid(documentDigest)
        let instanceID = uuid(instanceHasher.digestBytes())

        var lines: [String] = []
        lines.append("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>")
        lines.append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">")
        lines.append(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">")
        lines.append("  <rdf:Description rdf:about=\"\"")
        lines.append("    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"")
        lines.append("    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"")
        lines.append("    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"")
        lines.append("    xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">")
        lines.append("   <dc:format>application/pdf</dc:format>")
        if !info.title.isEmpty {
            lines.append(
                "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(escape(info.title))</rdf:li></rdf:Alt></dc:title>")
        }
        if !info.author.isEmpty {
            lines.append("   <dc:creator><rdf:Seq><rdf:li>\(escape(info.author))</rdf:li></rdf:Seq></dc:creator>")
        }
        if !info.subject.isEmpty {
            lines.append(
                "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">\(escape(info.subject))</rdf:li></rdf:Alt></dc:description>"
            )
        }
        if !info.language.isEmpty {
            lines.append("   <dc:language><rdf:Bag><rdf:li>\(escape(info.language))</rdf:li></rdf:Bag></dc:language>")
        }
        if !info.keywords.isEmpty { lines.append("   <pdf:Keywords>\(escape(info.keywords))</pdf:Keywords>") }
        if !info.producer.isEmpty { lines.append("   <pdf:Producer>\(escape(info.producer))</pdf:Producer>") }
        if !info.creator.isEmpty { lines.append("   <xmp:CreatorTool>\(escape(info.creator))</xmp:CreatorTool>") }
        if let date = info.creationDate {
            let stamp = CalendarStamp(date, offsetMinutes: info.timeZoneOffsetMinutes).xmpDate
            lines.append("   <xmp:CreateDate>\(stamp)</xmp:CreateDate>")
            lines.append("   <xmp:ModifyDate>\(stamp)</xmp:ModifyDate>")
            lines.append("   <xmp:MetadataDate>\(stamp)</xmp:MetadataDate>")
        }
        lines.append("   <xmpMM:DocumentID>\(documentID)</xmpMM:DocumentID>")
        lines.append("   <xmpMM:InstanceID>\(instanceID)</xmpMM:InstanceID>")
        lines.append("  </rdf:Description>")
        if let pdfa = info.pdfA3 { lines += PDFA.xmpDescriptions(pdfa, claim: claimsPDFA) }
        lines.append(" </rdf:RDF>")
        lines.append("</x:xmpmeta>")
        lines.append("<?xpacket end=\"w\"?>")
        return Array(lines.joined(separator: "\n").utf8)
    }

    /// XML text content: markup characters escaped, characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
