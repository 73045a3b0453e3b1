import Diagnostics
import PortfolioRecord

/// 「自行上傳PDF檔」 (docs/input.md §1.1): for each department the applicant either ticks records of the
/// central database or uploads one PDF per review item instead, never both.
extension AssemblyRun {
    /// Places each uploaded PDF in the item its file name names, and reports what cannot be: a code the
    /// channel does not have, or an item that is not uploaded, is an error naming the file (not
    /// placed); an item the profile does not take is left out like any record; a second file for one
    /// item is an error, and both are placed (the exporter never chooses). Both ways at once in the
    /// folder is reported first, being what the student must settle before anything else.
    mutating func fillUploads(_ items: inout [PacketItem]) {
        let bothWays = reportBothSelectionModes()
        var firstUpload: [ItemCode: String] = [:]
        for upload in record.uploads {
            guard let code = uploadItem(upload) else { continue }
            itemOfFile[upload.file] = code
            guard let index = items.firstIndex(where: { $0.code == code }) else {
                leave(code, file: upload.file, field: "")
                continue
            }
            if let first = firstUpload[code] {
                diagnostics.append(.error(.uploadDuplicate(first: first), file: upload.file, item: code.rawValue))
            } else {
                firstUpload[code] = upload.file
            }
            var flags: EntryFlags = [.uploaded]
            switch upload.content {
            case .unreadable:
                flags.insert(.unreadable)
                if case .unreadable(let files) = items[index].status {
                    items[index].status = .unreadable(files: files + [upload.file])
                } else {
                    items[index].status = .unreadable(files: [upload.file])
                }
            case .pdf(let file):
                if let limit = year.attachmentLimits[file.mediaType], file.size > limit {
                    flags.insert(.attachmentTooLarge)
                    diagnostics.append(
                        .warning(
                            .attachmentTooLarge(path: file.path, size: file.size, limit: limit), file: upload.file,
                            item: code.rawValue))
                }
            }
            items[index].entries.append(.uploaded(UploadedEntry(upload: upload, flags: flags)))
        }
        if bothWays { markBothSelectionModes(&items) }
    }

    /// The item an upload's code names, when the channel has it and it takes uploads; else nil, with
    /// an error naming the file. Codes compare trimmed, in any case, full-width letters and digits as
    /// their ASCII forms (`ｃ－５` is C-5).
    mutating func uploadItem(_ upload: UploadedFile) -> ItemCode? {
        let accepted = channel.items.filter(\.takesUploads).map(\.code.rawValue)
        if let code = channel.code(asciiWidth(upload.itemCode)), let rule = channel.item(code) {
            if rule.takesUploads { return code }
            diagnostics.append(
                .error(
                    .uploadItemInvalid(code: upload.itemCode, itemName: rule.name, accepted: accepted), file: upload.file))
            return nil
        }
        diagnostics.append(
            .error(.uploadItemInvalid(code: upload.itemCode, itemName: nil, accepted: accepted), file: upload.file))
        return nil
    }

    /// Both ways in one folder: any uploaded file and any 課程學習成果 or 多元表現 record (the
    /// school-created cadre list is the school's, not a choice of the applicant's). One error on the
    /// applicant naming the files; true when there is one.
    mutating func reportBothSelectionModes() -> Bool {
        guard !record.uploads.isEmpty else { return false }
        var recordFiles: [String] = []
        if case .present(let file, let outcomes) = record.outcomes, !outcomes.isEmpty { recordFiles.append(file) }
        for performance in record.performances.value ?? [] where performance.category != .schoolCadre {
            if !recordFiles.contains(performance.sourceFile) { recordFiles.append(performance.sourceFile) }
        }
        guard !recordFiles.isEmpty else { return false }
        diagnostics.append(.error(.bothSelectionModes(records: recordFiles, uploads: record.uploads.map(\.file))))
        return true
    }

    /// Every entry of either way is marked, and all of them stay.
    mutating func markBothSelectionModes(_ items: inout [PacketItem]) {
        for index in items.indices {
            for e in items[index].entries.indices {
                switch items[index].entries[e] {
                case .outcome, .uploaded: items[index].entries[e].insertFlag(.bothSelectionModes)
                case .performance(let entry) where entry.record.category != .schoolCadre:
                    items[index].entries[e].insertFlag(.bothSelectionModes)
                default: continue
                }
            }
        }
    }
}

extension ItemRule {
    /// The items a 「自行上傳PDF檔」 can fill: those of the central database's 課程學習成果 and 多元表現
    /// (university B–M, 技專 B-1 … C-8). 修課紀錄 comes from the school, and the self-written items
    /// have files of their own.
    public var takesUploads: Bool {
        sources.contains(.learningOutcomes) || sources.contains(.performances)
    }
}

/// Full-width ASCII forms (Ａ, ｂ, ５, －) and the ideographic space as their ASCII counterparts: a code
/// typed with a Chinese input method names the same item.
func asciiWidth(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
        case 0x3000: scalars.append(" ")
        default: scalars.append(scalar)
        }
    }
    return String(scalars)
}
