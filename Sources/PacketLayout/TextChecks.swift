import Attachments
import Diagnostics
import PacketContent
import ReviewPacket
import Typesetting

extension PacketTypesetter {
    /// The warnings about the packet's text, found from its content before anything is laid out:
    /// characters no font of their style's chain has (T10), then Kangxi radicals that look like
    /// ideographs (T9), each once, tagged with the item of the section where it is first met.
    /// The text checked is what the pages will show: each block in its style, what stands in for
    /// an attachment that cannot be placed, the running header and footer.
    public func textDiagnostics(_ packet: ReviewPacket, attachments: PreparedAttachments) throws(TypesetError)
        -> [Diagnostic]
    {
        let style = try style(for: packet)
        let sections = PacketContent.sections(packet, courseColumns: style.courseColumns)
        var result: [Diagnostic] = []
        var seen: Set<Unicode.Scalar> = []
        func check(_ spans: [Span], _ spec: TextSpec, item: String?) {
            // As the engine does: ID-shaped text is drawn masked.
            let runs = spans.map { StyledText(maskingNationalIDs($0.text), weight: $0.bold ? .bold : .regular) }
            let missing = uncoveredCharacters(
                runs, regularRole: FontRole(spec.role), boldRole: FontRole(spec.boldRole), fonts: fonts)
            for scalar in missing where seen.insert(scalar).inserted {
                result.append(.warning(.glyphMissing(character: String(scalar)), item: item))
            }
        }
        func checkPages(_ path: String, item: String?) {
            if let pages = attachments.pdfPages(path) {
                for number in pages.indices {
                    check(FallbackText.pageCaption(path, page: number + 1, of: pages.count), style.lineSpec(.small), item: item)
                }
            } else {
                check(FallbackText.pdfNotPlaced(path), item: item)
            }
        }
        func check(_ block: Block, item: String?) {
            switch block {
            case .heading(let text, let level): check([.strong(text)], style.headingSpec(level), item: item)
            case .paragraph(let spans): check(spans, style.bodySpec, item: item)
            case .line(let spans, let lineStyle), .link(let spans, let lineStyle, _):
                check(spans, style.lineSpec(lineStyle), item: item)
            case .listItem(let ordinal, let spans):
                var spec = style.bodySpec
                spec.firstLineIndent = 0
                check(spans, spec, item: item)
                check([.plain(ordinal.map { "\($0)." } ?? "•")], style.lineSpec(.normal), item: item)
            case .fields(let rows):
                for row in rows {
                    check([.strong(row.label)], style.tableSpec, item: item)
                    check([.plain(row.value)], style.tableSpec, item: item)
                }
            case .table(let table):
                for cell in table.header { check([.strong(cell)], style.tableSpec, item: item) }
                for row in table.rows {
                    for cell in row { check([.plain(cell)], style.tableSpec, item: item) }
                }
                if let note = table.footnote { check([.plain(note)], style.lineSpec(.small), item: item) }
            case .notice(let text): check([.strong(text)], style.noticeSpec, item: item)
            case .image(let path):
                if attachments.image(path) == nil { check(FallbackText.imageNotPlaced(path), item: item) }
            case .pdfPages(let path):
                checkPages(path, item: item)
            case .markedPDFPages(let path, let mark):
                checkPages(path, item: item)
                if attachments.pdfPages(path) != nil { check([.strong(mark)], style.lineSpec(.flag), item: item) }
            case .mark, .space: break
            }
        }
        for section in sections {
            for block in section.blocks { check(block, item: section.itemCode) }
        }
        // The running header and footer are set after the sections.
        check(
            [.plain("應試號碼 \(packet.applicant.applicantNumber)　校系代碼 \(packet.meta.departmentCode)")],
            style.headerSpec, item: nil)
        for section in sections { check([.plain(section.headerTitle)], style.headerSpec, item: nil) }
        check(
            [.plain(style.footerFormat.replacingOccurrences(of: "{n}", with: "1").replacingOccurrences(of: "{N}", with: "1"))],
            style.headerSpec, item: nil)

        var radicals: Set<Unicode.Scalar> = []
        for section in sections {
            let text = section.blocks.map(\.plainText).joined(separator: "\n")
            for (radical, ideograph) in kangxiRadicalLookalikes(in: text) where radicals.insert(radical).inserted {
                result.append(
                    .warning(.kangxiRadical(found: String(radical), looksLike: String(ideograph)), item: section.itemCode))
            }
        }
        return result
    }
}
