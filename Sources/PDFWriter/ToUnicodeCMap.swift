// The /ToUnicode CMap of one font (P3): code → UTF-16BE text, built from the texts the layout gave
// each glyph (never from the font's cmap), so locl forms, ligatures and glyphs without a cmap entry
// all extract as what was typeset.

enum ToUnicodeCMap {
    /// Longest text one code may map to; longer cluster texts are left to /ActualText.
    static let maximumUTF16Units = 256

    /// `entries` must be sorted by code with unique codes. `codeBytes` is 2 for our CID fonts, 1 for a
    /// simple font (codes 0–255).
    static func build(_ entries: [(code: UInt16, text: String)], codeBytes: Int = 2) -> [UInt8] {
        let code = codeBytes == 1 ? { (c: UInt16) in hexByte(UInt8(truncatingIfNeeded: c)) } : hex16
        var lines: [String] = []
        lines.append("/CIDInit /ProcSet findresource begin")
        lines.append("12 dict begin")
        lines.append("begincmap")
        lines.append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def")
        lines.append("/CMapName /Adobe-Identity-UCS def")
        lines.append("/CMapType 2 def")
        lines.append("1 begincodespacerange")
        lines.append(codeBytes == 1 ? "<00> <FF>" : "<0000> <FFFF>")
        lines.append("endcodespacerange")

        // Runs of consecutive codes whose single-unit texts are also consecutive collapse into one
        // bfrange line (common in CJK faces, whose glyphs often follow Unicode order).
        var ranges: [(first: UInt16, last: UInt16, unit: UInt16)] = []
        var singles: [(code: UInt16, units: [UInt16])] = []
        var index = 0
        while index < entries.count {
            let units = Array(entries[index].text.utf16)
            if units.count == 1 {
                var end = index
                while end + 1 < entries.count {
                    let next = Array(entries[end + 1].text.utf16)
                    let expectedCode = entries[end].code &+ 1
                    let lastUnit = units[0] &+ UInt16(end + 1 - index)
                    // A bfrange may only vary the last byte of both the code and the destination.
                    guard next.count == 1, entries[end + 1].code == expectedCode, next[0] == lastUnit,
                        expectedCode >> 8 == entries[index].code >> 8, lastUnit >> 8 == units[0] >> 8,
                        !(0xD800...0xDFFF).contains(lastUnit)
                    else { break }
                    end += 1
                }
                if end > index {
                    ranges.append((entries[index].code, entries[end].code, units[0]))
                    index = end + 1
                    continue
                }
            }
            singles.append((entries[index].code, units))
            index += 1
        }

        for chunkStart in stride(from: 0, to: singles.count, by: 100) {
            let chunk = singles[chunkStart..<min(chunkStart + 100, singles.count)]
            lines.append("\(chunk.count) beginbfchar")
            for entry in chunk {
                lines.append("<\(code(entry.code))> <\(entry.units.map(hex16).joined())>")
            }
            lines.append("endbfchar")
        }
        for chunkStart in stride(from: 0, to: ranges.count, by: 100) {
            let chunk = ranges[chunkStart..<min(chunkStart + 100, ranges.count)]
            lines.append("\(chunk.count) beginbfrange")
            for range in chunk {
                lines.append("<\(code(range.first))> <\(code(range.last))> <\(hex16(range.unit))>")
            }
            lines.append("endbfrange")
        }

        lines.append("endcmap")
        lines.append("CMapName currentdict /CMap defineresource pop")
        lines.append("end")
        lines.append("end")
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }
}
