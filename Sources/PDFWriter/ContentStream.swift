// One page's content stream. Text is `BT … TJ ET` with each glyph placed where the layout put it:
// the pen advances by the /W width of each glyph, and a TJ number corrects the difference to the
// next glyph's x. The builder tracks the actual pen as a reader computes it, so rounding never
// accumulates along a line. Graphics state (font, colours, line width) is only set when it changes.

struct PageContentBuilder {
    private var out = PDFByteWriter(capacity: 4096)
    private var fill = RGB.black
    private var stroke = RGB.black
    private var lineWidth = 1.0
    private var font: (resource: String, size: Double)?
    /// Tc, in points: text state that, like the font, outlives ET.
    private var charSpacing = 0.0

    /// Coordinates: 1/1000 pt is far below any visible difference.
    private static let coordinateDecimals = 3
    /// TJ numbers are in 1/1000 em; 1/100 of that is below 1/1000 pt at any sane size.
    private static let adjustmentDecimals = 2

    var bytes: [UInt8] { out.bytes }

    private func coordinate(_ value: Double) -> String {
        formatNumber(value, decimals: Self.coordinateDecimals)
    }

    private func color(_ rgb: RGB) -> String {
        [rgb.red, rgb.green, rgb.blue].map { formatNumber(max(0, min(1, $0)), decimals: 3) }.joined(separator: " ")
    }

    private mutating func setFill(_ rgb: RGB) {
        if rgb != fill {
            out.raw("\(color(rgb)) rg\n")
            fill = rgb
        }
    }

    private mutating func setStroke(_ rgb: RGB, width: Double) {
        if rgb != stroke {
            out.raw("\(color(rgb)) RG\n")
            stroke = rgb
        }
        let width = width.isFinite ? max(0, width) : 0
        if width != lineWidth {
            out.raw("\(coordinate(width)) w\n")
            lineWidth = width
        }
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: RGB?, stroke: RGB?, lineWidth: Double) {
        guard fill != nil || stroke != nil else { return }
        if let fill { setFill(fill) }
        if let stroke { setStroke(stroke, width: lineWidth) }
        out.raw("\(coordinate(x)) \(coordinate(y)) \(coordinate(width)) \(coordinate(height)) re ")
        switch (fill != nil, stroke != nil) {
        case (true, true): out.raw("B\n")
        case (true, false): out.raw("f\n")
        default: out.raw("S\n")
        }
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, width: Double, color: RGB) {
        setStroke(color, width: width)
        out.raw("\(coordinate(x1)) \(coordinate(y1)) m \(coordinate(x2)) \(coordinate(y2)) l S\n")
    }

    /// `q … cm /FmN Do Q` for an imported page, drawn in the graphics state a page starts with
    /// (ISO 32000-1, 8.4.1): a form inherits the state at its `Do`, and a student's page that never
    /// sets its colour (reportlab's black text) would otherwise take the packet's grey of the line
    /// above it, and its text the packet's character spacing. q/Q keeps the tracked state valid.
    mutating func form(_ name: String, matrix: [Double]) {
        guard matrix.allSatisfy(\.isFinite) else { return }
        out.raw("q 0 g 0 G 1 w 0 J 0 j 10 M [] 0 d 0 Tc 0 Tw 100 Tz 0 TL 0 Tr 0 Ts\n")
        out.raw("\(matrix.map(coordinate).joined(separator: " ")) cm /\(name) Do Q\n")
    }

    mutating func image(_ placed: PlacedImage, x: Double, y: Double, width: Double, height: Double) {
        guard x.isFinite, y.isFinite, width.isFinite, height.isFinite, width > 0, height > 0 else { return }
        let matrix = placed.orientation.placementMatrix(x: x, y: y, width: width, height: height)
        out.raw("q \(matrix.map(coordinate).joined(separator: " ")) cm /\(placed.resourceName) Do Q\n")
    }

    /// Groups of glyphs that extract as their own ToUnicode texts (`actualText == nil`) or need an
    /// /ActualText span: a cluster of several glyphs, or a glyph whose text here differs from the
    /// one its code maps to.
    private struct Segment {
        var range: Range<Int>
        var actualText: String?
    }

    private static func segments(_ run: TextRun, font: EmbeddedFont) -> [Segment] {
        if let actualText = run.actualText {
            return [Segment(range: 0..<run.glyphs.count, actualText: actualText)]
        }
        var result: [Segment] = []
        var plainStart: Int?
        var index = 0
        let glyphs = run.glyphs
        while index < glyphs.count {
            var end = index + 1
            while end < glyphs.count && glyphs[end].text.isEmpty { end += 1 }
            let text = glyphs[index].text
            let needsSpan = end - index > 1 || font.mappedText(for: glyphs[index].id) != (text.isEmpty ? nil : text)
            if needsSpan {
                if let start = plainStart {
                    result.append(Segment(range: start..<index, actualText: nil))
                    plainStart = nil
                }
                result.append(Segment(range: index..<end, actualText: text))
            } else if plainStart == nil {
                plainStart = index
            }
            index = end
        }
        if let start = plainStart { result.append(Segment(range: start..<glyphs.count, actualText: nil)) }
        return result
    }

    mutating func text(_ run: TextRun, font: EmbeddedFont) {
        // The size as written, so the pen below is computed exactly as a reader will.
        let size = roundTo(run.size, decimals: 3)
        guard !run.glyphs.isEmpty, size > 0 else { return }
        out.raw("BT\n")
        if font.resourceName != self.font?.resource || size != self.font?.size {
            out.raw("/\(font.resourceName) \(formatNumber(size, decimals: 3)) Tf\n")
            self.font = (font.resourceName, size)
        }
        setFill(run.color)
        let advances = run.glyphs.map { Double(font.width(for: $0.id)) * size / 1000 }
        if let spacing = Self.characterSpacing(run.glyphs, advances: advances), spacing != charSpacing {
            out.raw("\(formatNumber(spacing, decimals: 3)) Tc\n")
            charSpacing = spacing
        }
        let spacing = charSpacing
        out.raw("\(coordinate(run.x)) \(coordinate(run.y)) Td\n")

        var pen = 0.0  // where the reader's pen is, in points from the run origin
        var rise = 0.0
        // Bytes, not Strings: this loop runs once per glyph of the packet.
        var array: [UInt8] = []  // the TJ array being built
        var hex: [UInt8] = []  // the hex string being built inside it

        func flushHex() {
            if !hex.isEmpty {
                array.append(UInt8(ascii: "<"))
                array.append(contentsOf: hex)
                array.append(UInt8(ascii: ">"))
                hex.removeAll(keepingCapacity: true)
            }
        }
        func flushArray(_ out: inout PDFByteWriter) {
            flushHex()
            if !array.isEmpty {
                out.bytes.append(UInt8(ascii: "["))
                out.bytes.append(contentsOf: array)
                out.raw("]TJ\n")
                array.removeAll(keepingCapacity: true)
            }
        }

        for segment in Self.segments(run, font: font) {
            if let actualText = segment.actualText {
                flushArray(&out)
                out.raw("/Span<</ActualText")
                out.writeHex(utf16BEWithBOM(actualText))
                out.raw(">>BDC\n")
            }
            for (glyph, advance) in zip(run.glyphs[segment.range], advances[segment.range]) {
                let yOffset = glyph.yOffset.isFinite ? glyph.yOffset : 0
                if yOffset != rise {
                    flushArray(&out)
                    out.raw("\(coordinate(yOffset)) Ts\n")
                    rise = yOffset
                }
                let target = glyph.x.isFinite ? glyph.x : pen
                let adjustment = roundTo((pen - target) * 1000 / size, decimals: Self.adjustmentDecimals)
                if adjustment != 0 {
                    flushHex()
                    array.append(contentsOf: formatNumber(adjustment, decimals: Self.adjustmentDecimals).utf8)
                    pen -= adjustment * size / 1000
                }
                appendHex16(font.code(for: glyph.id), to: &hex)
                pen += advance + spacing
            }
            if segment.actualText != nil {
                flushArray(&out)
                out.raw("EMC\n")
            }
        }
        flushArray(&out)
        // Text rise is graphics state and outlives ET: put it back for the next run.
        if rise != 0 { out.raw("0 Ts\n") }
        out.raw("ET\n")
    }
}

extension PageContentBuilder {
    /// The extra space most gaps of the run share (a justified line stretches every gap alike),
    /// to the 1/1000 pt: set once as Tc it replaces a TJ number per glyph. 0 when no two gaps
    /// agree; nil when the run has no gaps, so the current Tc can stay.
    static func characterSpacing(_ glyphs: [PlacedGlyph], advances: [Double]) -> Double? {
        guard glyphs.count >= 2 else { return nil }
        var counts: [Int: Int] = [:]
        for index in 0..<(glyphs.count - 1) {
            let gap = glyphs[index + 1].x - glyphs[index].x - advances[index]
            guard gap.isFinite, abs(gap) < 1000 else { continue }
            counts[Int((gap * 1000).rounded()), default: 0] += 1
        }
        var best = (key: 0, count: 1)
        // Sorted keys: the choice never depends on dictionary order.
        for key in counts.keys.sorted() {
            guard let count = counts[key] else { continue }
            if count > best.count || (count == best.count && abs(key) < abs(best.key)) { best = (key, count) }
        }
        return Double(best.key) / 1000
    }
}

/// Rounds like `formatNumber` does, so the pen the builder tracks is the pen the reader computes.
func roundTo(_ value: Double, decimals: Int) -> Double {
    guard value.isFinite else { return 0 }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let clamped = max(-1e9, min(1e9, value))
    return (clamped * scale).rounded() / scale
}
