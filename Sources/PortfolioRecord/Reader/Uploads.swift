import Diagnostics

extension ReadSession {
    /// The part of an upload's name between the 應試號碼 and the item code.
    static let uploadInfix = "自行上傳_"

    /// Finds the 「自行上傳PDF檔」 files (`<應試號碼>_自行上傳_<項目代碼>.pdf`, the extension in any
    /// case) at the top of the folder, in name order, and reads each once like every other file
    /// of the contract: a link out of the folder, a FIFO or a folder under such a name is refused
    /// with an error on it, never opened. Anything else with the prefix is left to the
    /// unreferenced-file report.
    func readUploads() -> [UploadedFile] {
        let prefix = Array(fileName(Self.uploadInfix).unicodeScalars)
        let suffix = Array(".pdf".unicodeScalars)
        guard let entries = folder.list("", limit: limits.maxFolderEntries) else { return [] }
        var uploads: [(name: String, code: String)] = []
        for entry in entries {
            // Compared scalar by scalar: a combining mark after the `_` must not hide or fake a match.
            let scalars = Array(entry.name.unicodeScalars)
            guard scalars.count >= prefix.count + suffix.count, scalars.starts(with: prefix),
                scalars.suffix(suffix.count).map({ $0.properties.lowercaseMapping }) == suffix.map({ String($0) })
            else { continue }
            var code = String.UnicodeScalarView()
            code.append(contentsOf: scalars[prefix.count..<(scalars.count - suffix.count)])
            uploads.append((entry.name, maskingNationalIDs(String(code))))
        }
        // Byte order of the names: the same on every machine, whatever the listing order.
        uploads.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        return uploads.compactMap { upload in
            referenced.insert(upload.name)
            switch attachmentFile(relative: upload.name, file: upload.name, field: nil) {
            case .file(let file): return UploadedFile(file: upload.name, itemCode: upload.code, content: .pdf(file))
            case .failed: return UploadedFile(file: upload.name, itemCode: upload.code, content: .unreadable)
            // Removed since the listing: there is nothing to show.
            case .absent: return nil
            }
        }
    }
}
