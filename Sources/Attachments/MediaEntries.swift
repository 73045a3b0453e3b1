import Diagnostics
import Foundation
import PDFWriter
import PortfolioRecord

/// Audio and video cannot play on paper: the packet lists them and the PDF carries them as
/// supplementary associated files, each distinct file (by SHA-256) once, in the order given.
public func mediaEntries(_ files: [AttachmentFile], modificationDate: Date?) -> [EmbeddedFile] {
    var seen: Set<String> = []
    var entries: [EmbeddedFile] = []
    for file in files where file.mediaType.isTimeBased && seen.insert(file.sha256).inserted {
        entries.append(
            EmbeddedFile(
                // The name is shown by viewers' attachment panes; the bytes are the student's own.
                name: maskingNationalIDs(file.path), data: file.bytes, mimeType: file.mediaType.rawValue,
                description: "影音檔案（SHA-256 \(file.sha256)）", relationship: .supplement,
                modificationDate: modificationDate))
    }
    return entries
}
