/// A piece of text with its weight; a paragraph is a list of them.
public struct StyledText: Hashable, Sendable {
    public enum Weight: Hashable, Sendable {
        case regular
        case bold
    }

    public var text: String
    public var weight: Weight

    public init(_ text: String, weight: Weight = .regular) {
        self.text = text
        self.weight = weight
    }

    public static func bold(_ text: String) -> StyledText { StyledText(text, weight: .bold) }
}

/// How a paragraph is set. Lengths are in points unless said to be in em (of `fontSize`).
public struct ParagraphStyle: Hashable, Sendable {
    public var fontSize: Double
    /// The font roles (fallback chains of `Fonts/fallback.json`) for regular and bold runs.
    public var regularRole: FontRole
    public var boldRole: FontRole
    /// Line pitch as a multiple of the font size (1.6–1.7 for body text).
    public var lineHeight: Double
    /// First-line indent in em (T7: 2 em for body text).
    public var firstLineIndent: Double
    /// Justify every line but the last to the measure (T6).
    public var justify: Bool
    /// BCP 47 language for shaping; `zh-TW` maps to the OpenType language system ZHT (T1).
    public var language: String
    /// Space between an ideograph and a Latin letter or digit, in em (T5, clreq §6.3.3).
    public var ideographLatinSpacing: Double
    /// The last line of a paragraph holds at least this many characters (T7).
    public var minimumLastLineCharacters: Int

    public init(
        fontSize: Double = 11, regularRole: FontRole = .sans, boldRole: FontRole = .sansBold,
        lineHeight: Double = 1.65, firstLineIndent: Double = 2, justify: Bool = true, language: String = "zh-TW",
        ideographLatinSpacing: Double = 0.25, minimumLastLineCharacters: Int = 2
    ) {
        self.fontSize = fontSize
        self.regularRole = regularRole
        self.boldRole = boldRole
        self.lineHeight = lineHeight
        self.firstLineIndent = firstLineIndent
        self.justify = justify
        self.language = language
        self.ideographLatinSpacing = ideographLatinSpacing
        self.minimumLastLineCharacters = minimumLastLineCharacters
    }

    /// Body text: justified, 2 em indent, 1.65 line pitch.
    public static func body(fontSize: Double = 11, regular: FontRole = .sans, bold: FontRole = .sansBold)
        -> ParagraphStyle
    {
        ParagraphStyle(fontSize: fontSize, regularRole: regular, boldRole: bold)
    }

    /// Headings: bold, no indent, not justified.
    public static func heading(fontSize: Double = 14, role: FontRole = .sansBold) -> ParagraphStyle {
        ParagraphStyle(
            fontSize: fontSize, regularRole: role, boldRole: role, lineHeight: 1.4, firstLineIndent: 0,
            justify: false, minimumLastLineCharacters: 1)
    }

    /// Short labels and table cells: no indent, not justified.
    public static func label(fontSize: Double = 10, regular: FontRole = .sans, bold: FontRole = .sansBold)
        -> ParagraphStyle
    {
        ParagraphStyle(
            fontSize: fontSize, regularRole: regular, boldRole: bold, lineHeight: 1.4, firstLineIndent: 0,
            justify: false, minimumLastLineCharacters: 1)
    }
}

/// One glyph on a line: the shaper's output, which the page model keeps as it is (a PDF writer's
/// glyph is made from it only when the page is written).
public struct PositionedGlyph: Hashable, Sendable {
    // Stored in this order so that a glyph takes 48 bytes, not 56 (pages hold one per character).
    /// Where the glyph's origin is drawn, in points from the line's start (the left edge of the
    /// measure); HarfBuzz's x offset is included.
    public var x: Double
    /// Vertical offset from the baseline in points, up positive (HarfBuzz's y offset).
    public var y: Double
    /// The font's advance for the glyph, in points (what PDF `/W` says, scaled).
    public var advance: Double
    /// The text of the cluster this glyph starts (for ToUnicode); empty on the cluster's other glyphs.
    public var text: String
    /// Glyph id in the original (not subset) face.
    public var glyphID: UInt32
    public var startsCluster: Bool

    public init(glyphID: UInt32, x: Double, y: Double = 0, advance: Double, text: String, startsCluster: Bool) {
        self.glyphID = glyphID
        self.x = x
        self.y = y
        self.advance = advance
        self.text = text
        self.startsCluster = startsCluster
    }
}

/// Consecutive glyphs of one face.
public struct GlyphRun: Hashable, Sendable {
    /// Index into `FontSet.faces`.
    public var faceIndex: Int
    public var fontSize: Double
    public var glyphs: [PositionedGlyph]

    public init(faceIndex: Int, fontSize: Double, glyphs: [PositionedGlyph]) {
        self.faceIndex = faceIndex
        self.fontSize = fontSize
        self.glyphs = glyphs
    }
}

/// A character no face of the chain has (T10): the PDF draws a visible box here.
public struct Placeholder: Hashable, Sendable {
    public var x: Double
    public var width: Double
    /// Box top above the baseline and bottom below it, in points (the ideographic em box).
    public var top: Double
    public var bottom: Double
    /// The characters the box stands for.
    public var text: String

    public init(x: Double, width: Double, top: Double, bottom: Double, text: String) {
        self.x = x
        self.width = width
        self.top = top
        self.bottom = bottom
        self.text = text
    }
}

public struct TextLine: Hashable, Sendable {
    /// From the line's start to the right edge of its last character, indent included, in points.
    /// A justified line ends on the measure (T6).
    public var width: Double
    public var indent: Double
    public var ascent: Double
    public var descent: Double
    /// Baseline position below the paragraph's top, in points.
    public var baseline: Double
    public var runs: [GlyphRun]
    public var placeholders: [Placeholder]
    public var isJustified: Bool
    /// The line's text (trailing spaces dropped), for checks and debugging.
    public var text: String
}

public struct ParagraphLayout: Hashable, Sendable {
    public var lines: [TextLine]
    public var measure: Double
    /// Line pitch in points: every line of the paragraph has the same.
    public var lineHeight: Double
    public var height: Double { Double(lines.count) * lineHeight }
    /// Characters no face covers, each once, in order of first appearance (T10).
    public var missingCharacters: [Unicode.Scalar]
    /// Some line is wider than the measure (an unbreakable run longer than the measure).
    public var overflows: Bool

    /// How many lines to set on a page with `height` points left, so that neither the first line
    /// alone ends a page nor the last line alone starts one (T7): 0 means "start on the next page".
    public func linesFitting(height: Double, minimumLines: Int = 2) -> Int {
        let total = lines.count
        guard lineHeight > 0, total > 0 else { return total }
        let raw = (height + 1e-9) / lineHeight
        var n = raw.isNaN ? 0 : Int(max(0, min(raw, Double(total))))
        if n >= total { return total }
        if total - n < minimumLines { n = total - minimumLines }
        return n < minimumLines ? 0 : n
    }
}

/// Lays out a paragraph: shaping with fallback (T1, T10), line breaking with clreq's prohibitions
/// (T2, T3, T8), full-width punctuation and Latin spacing (T4, T5), justification (T6), indent and
/// last-line rule (T7). `measure` may be `.infinity` for a single-line label.
public func layoutParagraph(
    _ runs: [StyledText], measure: Double, style: ParagraphStyle, fonts: FontSet
) -> ParagraphLayout {
    var lines: [TextLine] = []
    var layout = layoutParagraph(runs, measure: measure, style: style, fonts: fonts) { lines.append($0) }
    layout.lines = lines
    return layout
}

/// As `layoutParagraph(_:measure:style:fonts:)`, handing each line to `eachLine` in order as soon as
/// it is set; the result's `lines` is empty. A caller that keeps lines in a form of its own never
/// holds the whole paragraph twice.
///
/// A very long paragraph (a 50 MB 簡述) is set in windows of text: each window is shaped and broken,
/// the lines well before its end are kept, and the next window starts where the first line not kept
/// starts. Breaking is first fit, so a line depends only on where it starts and on the text just
/// after it; the lines kept are those of the whole paragraph, and the per-character work arrays
/// (clusters, glyphs, units) only ever exist for one window.
public func layoutParagraph(
    _ runs: [StyledText], measure: Double, style: ParagraphStyle, fonts: FontSet,
    eachLine: (TextLine) -> Void
) -> ParagraphLayout {
    layoutParagraph(runs, measure: measure, style: style, fonts: fonts, windowing: .standard, eachLine: eachLine)
}

func layoutParagraph(
    _ runs: [StyledText], measure: Double, style: ParagraphStyle, fonts: FontSet, windowing: Windowing,
    eachLine: (TextLine) -> Void
) -> ParagraphLayout {
    let metrics = fonts.lineMetrics(role: style.regularRole, fontSize: style.fontSize, lineHeight: style.lineHeight)
    var overflows = false
    func emit(_ line: TextLine) {
        if line.width > measure + 1e-6 { overflows = true }
        eachLine(line)
    }
    let bytes = runs.reduce(0) { $0 + $1.text.utf8.count }
    guard bytes > windowing.threshold, measure.isFinite else {
        let set = BrokenText(runs, measure: measure, style: style, fonts: fonts)
        for index in set.spans.indices { emit(set.line(index, number: index)) }
        return ParagraphLayout(
            lines: [], measure: measure, lineHeight: metrics.lineHeight, missingCharacters: set.shaped.missing,
            overflows: overflows)
    }

    // The text once as scalars, normalised as the shaper does (CR LF → LF, CR → LF, tab → space) so
    // offsets within a window are offsets here; the shaper leaves normalised text unchanged.
    let (scalars, runStarts) = normalizedScalars(runs)
    func pieceRuns(_ range: Range<Int>) -> [StyledText] {
        var result: [StyledText] = []
        for (index, runStart) in runStarts.enumerated() {
            let runEnd = index + 1 < runStarts.count ? runStarts[index + 1] : scalars.count
            let lower = max(runStart, range.lowerBound)
            let upper = min(runEnd, range.upperBound)
            if lower < upper { result.append(StyledText(makeString(scalars[lower..<upper]), weight: runs[index].weight)) }
        }
        return result
    }

    var missing: [Unicode.Scalar] = []
    var missingSeen = Set<Unicode.Scalar>()
    var pieceStyle = style
    var start = 0
    var number = 0
    var window = windowing.window
    while start < scalars.count {
        // Never cut a grapheme cluster (the window's end is set again anyway; this keeps it tidy).
        let end = Graphemes.boundary(atOrAfter: min(scalars.count, start + window), in: scalars, from: start)
        let set = BrokenText(pieceRuns(start..<end), measure: measure, style: pieceStyle, fonts: fonts)
        for scalar in set.shaped.missing where missingSeen.insert(scalar).inserted { missing.append(scalar) }
        if end == scalars.count {
            for index in set.spans.indices { emit(set.line(index, number: number + index)) }
            break
        }
        // Keep lines 0..<kept: the line after the last kept one must end a margin before the window's
        // end (what follows the cut changes shaping context, the last-line rule and justification of
        // the window's last two lines).
        let limit = end - start - windowing.margin
        var kept = 0
        while kept + 2 < set.spans.count, set.scalarStart(ofLine: kept + 2) <= limit { kept += 1 }
        guard kept > 0 else {
            // No break early enough (an unbreakable run longer than the window): a wider window.
            window *= 2
            continue
        }
        for index in 0..<kept { emit(set.line(index, number: number + index)) }
        number += kept
        start += set.scalarStart(ofLine: kept)
        window = windowing.window
        // Later windows continue the paragraph: no first-line indent, nothing trimmed.
        pieceStyle.firstLineIndent = 0
    }
    return ParagraphLayout(
        lines: [], measure: measure, lineHeight: metrics.lineHeight, missingCharacters: missing, overflows: overflows)
}

/// Sizes for setting very long paragraphs window by window (tests use small ones).
struct Windowing {
    /// Paragraphs of more UTF-8 bytes than this are set in windows (no real paragraph comes close).
    var threshold = 1 << 17
    /// Scalars per window.
    var window = 1 << 14
    /// Scalars before a window's end within which no kept line may end (HarfBuzz context is 16).
    var margin = 256

    static let standard = Windowing()
}

/// A paragraph (or one window of a long one) shaped and broken into lines; each line is set on
/// request.
private struct BrokenText {
    let shaped: ShapedParagraph
    let units: [Unit]
    let spans: [LineSpan]
    let gaps: [Double]
    let preferredStretch: [Bool]
    let fallbackStretch: [Bool]
    let measure: Double
    let style: ParagraphStyle
    let fonts: FontSet
    let metrics: LineMetrics
    let indent: Double
    let placeholderTop: Double
    let placeholderBottom: Double

    init(_ runs: [StyledText], measure: Double, style: ParagraphStyle, fonts: FontSet) {
        let shaped = Shaper.shape(runs, style: style, fonts: fonts)
        self.shaped = shaped
        self.measure = measure
        self.style = style
        self.fonts = fonts
        metrics = fonts.lineMetrics(role: style.regularRole, fontSize: style.fontSize, lineHeight: style.lineHeight)
        var units = shaped.units
        // With a first-line indent, blanks the writer typed to indent (spaces, 全形空白 U+3000) are not
        // set again on top of it.
        if style.firstLineIndent > 0 {
            func isBlank(_ unit: Unit) -> Bool {
                unit.kind == .space
                    || (unit.scalarEnd - unit.scalarStart == 1 && shaped.scalars[unit.scalarStart] == 0x3000)
            }
            var first = 0
            while first < units.count, isBlank(units[first]) { first += 1 }
            if first > 0 { units.removeFirst(first) }
        }
        self.units = units
        let em = style.fontSize
        indent = max(0, style.firstLineIndent) * em
        var top = 0.88 * em
        var bottom = 0.12 * em
        if let primary = fonts.primaryFace(for: style.regularRole) {
            let m = fonts.metrics[primary]
            let upem = Double(max(m.unitsPerEm, 1))
            top = Double(m.emBoxTop) / upem * em
            bottom = Double(-m.emBoxBottom) / upem * em
        }
        placeholderTop = top
        placeholderBottom = bottom
        guard !units.isEmpty else {
            spans = []
            gaps = []
            preferredStretch = []
            fallbackStretch = []
            return
        }
        let actions = BreakOpportunities.actions(units, scalars: shaped.scalars)
        gaps = Spacing.autospace(units, width: style.ideographLatinSpacing * em)
        preferredStretch = Spacing.stretchable(units, actions: actions)
        fallbackStretch = Spacing.stretchable(units, actions: nil)
        var spans = LineBreaker.greedy(units: units, actions: actions, gaps: gaps, measure: measure, indent: indent)
        LineBreaker.keepLastLineFull(
            &spans, units: units, actions: actions, gaps: gaps, measure: measure, indent: indent,
            minimum: style.minimumLastLineCharacters)
        self.spans = spans
    }

    /// Where line `index` starts, in scalars of this text.
    func scalarStart(ofLine index: Int) -> Int { units[spans[index].start].scalarStart }

    /// Line `index` of this text, as line `number` of the paragraph (its baseline).
    func line(_ index: Int, number: Int) -> TextLine {
        let span = spans[index]
        let em = style.fontSize
        let lineIndent = index == 0 ? indent : 0
        var contentEnd = span.end
        while contentEnd > span.start, units[contentEnd - 1].kind == .space || units[contentEnd - 1].kind == .newline {
            contentEnd -= 1
        }
        let natural = lineIndent + LineBreaker.width(units: units, gaps: gaps, start: span.start, end: contentEnd)
        let isLast = index == spans.count - 1 || span.endsWithMandatoryBreak
        func count(_ flags: [Bool]) -> Int {
            guard contentEnd > span.start + 1 else { return 0 }
            var n = 0
            for k in (span.start + 1)..<contentEnd where flags[k] { n += 1 }
            return n
        }
        var stretchable = preferredStretch
        var stretchCount = count(preferredStretch)
        if stretchCount == 0 {
            stretchable = fallbackStretch
            stretchCount = count(fallbackStretch)
        }
        let justify = style.justify && !isLast && stretchCount > 0 && measure.isFinite && natural < measure
        let extra = justify ? (measure - natural) / Double(stretchCount) : 0

        // Each run's length first, so that its glyph array is made at its final size: pages keep
        // these arrays as they are, one glyph per character of the text.
        var runLengths: [Int] = []
        var lastFace = -1
        for k in span.start..<contentEnd where !units[k].missing {
            for g in units[k].glyphStart..<units[k].glyphEnd {
                let face = Int(shaped.glyphs[g].face)
                if face == lastFace, !runLengths.isEmpty {
                    runLengths[runLengths.count - 1] += 1
                } else {
                    runLengths.append(1)
                    lastFace = face
                }
            }
        }
        var runsOut: [GlyphRun] = []
        runsOut.reserveCapacity(runLengths.count)
        var placeholders: [Placeholder] = []
        var x = lineIndent
        for k in span.start..<contentEnd {
            if k > span.start {
                x += gaps[k]
                if stretchable[k] { x += extra }
            }
            let unit = units[k]
            if unit.missing {
                placeholders.append(
                    Placeholder(
                        x: x, width: unit.width, top: placeholderTop, bottom: placeholderBottom,
                        text: makeString(shaped.scalars[unit.scalarStart..<unit.scalarEnd])))
            } else {
                var pen = x + unit.leadingPad
                for g in unit.glyphStart..<unit.glyphEnd {
                    let glyph = shaped.glyphs[g]
                    let positioned = PositionedGlyph(
                        glyphID: glyph.glyph, x: pen + glyph.xOffset, y: glyph.yOffset, advance: glyph.advance,
                        text: glyph.startsCluster
                            ? makeString(shaped.scalars[glyph.clusterStart..<glyph.clusterEnd]) : "",
                        startsCluster: glyph.startsCluster)
                    let face = Int(glyph.face)
                    if let lastRun = runsOut.last, lastRun.faceIndex == face {
                        runsOut[runsOut.count - 1].glyphs.append(positioned)
                    } else {
                        var glyphs: [PositionedGlyph] = []
                        glyphs.reserveCapacity(runLengths[runsOut.count])
                        glyphs.append(positioned)
                        runsOut.append(GlyphRun(faceIndex: face, fontSize: em, glyphs: glyphs))
                    }
                    pen += glyph.advance
                }
            }
            x += unit.width
        }
        let text =
            contentEnd > span.start
            ? makeString(shaped.scalars[units[span.start].scalarStart..<units[contentEnd - 1].scalarEnd]) : ""
        return TextLine(
            width: x, indent: lineIndent, ascent: metrics.ascent, descent: metrics.descent,
            baseline: Double(number) * metrics.lineHeight + metrics.ascent, runs: runsOut, placeholders: placeholders,
            isJustified: justify, text: text)
    }
}

/// A short string from scalars: small strings are stored inline, so a cluster's text costs no
/// heap allocation.
func makeString(_ scalars: ArraySlice<UInt32>) -> String {
    var view = String.UnicodeScalarView()
    for v in scalars {
        if let scalar = Unicode.Scalar(v) { view.append(scalar) }
    }
    return String(view)
}

// MARK: - Spacing

enum Spacing {
    /// T5, clreq §6.3.3: a fixed gap between an ideograph and a Latin letter or digit. It belongs to
    /// the boundary, so it disappears when the line breaks there (none at line start or end), and it
    /// is never added next to punctuation or a space.
    static func autospace(_ units: [Unit], width: Double) -> [Double] {
        var gaps = [Double](repeating: 0, count: units.count + 1)
        guard units.count > 1 else { return gaps }
        for i in 1..<units.count {
            let a = units[i - 1].lastKind
            let b = units[i].kind
            if (a == .ideograph && b == .alphanumeric) || (a == .alphanumeric && b == .ideograph) {
                gaps[i] = width
            }
        }
        return gaps
    }

    /// T6: where justification may add space: between characters when either side is CJK (an
    /// ideograph or full-width punctuation), and after a word space. So never inside a Latin word or
    /// number, never inside a unit (a —— or …… pair, a cluster), never before a space.
    /// With `actions`, only where a line could break: never after an opening mark, nor before a
    /// closing one or 、，。 (they stay with the character they belong to). Lines use that set, and
    /// the wider one only when it gives them no place at all (「（quantum」 alone on a line).
    static func stretchable(_ units: [Unit], actions: [BreakAction]?) -> [Bool] {
        var result = [Bool](repeating: false, count: units.count + 1)
        guard units.count > 1 else { return result }
        for i in 1..<units.count {
            if let actions, actions[i] != .allowed { continue }
            let a = units[i - 1].lastKind
            let b = units[i].kind
            if b == .space || b == .newline || a == .newline { continue }
            if a == .space {
                result[i] = true
                continue
            }
            let cjk: (SpacingKind) -> Bool = { $0 == .ideograph || $0 == .cjkPunctuation }
            result[i] = cjk(a) || cjk(b)
        }
        return result
    }
}

// MARK: - Break opportunities

enum BreakAction {
    case prohibited
    /// Prohibited by UAX #14's word rules (inside a Latin word or number) but usable when nothing
    /// else fits (like CSS `overflow-wrap: anywhere`); never used against clreq's prohibitions.
    case emergency
    case allowed
    case mandatory
}

enum BreakOpportunities {
    /// The action at the boundary before each unit (index 0 unused): UAX #14 rules LB4–LB31 for the
    /// classes we meet, tailored by clreq §6.1.1 (basic level) and §6.1.2.
    static func actions(_ units: [Unit], scalars: [UInt32]) -> [BreakAction] {
        var result = [BreakAction](repeating: .prohibited, count: units.count + 1)
        guard units.count > 1 else { return result }
        var classes: [(first: BreakClass, last: BreakClass)] = units.map { ($0.firstClass, $0.lastClass) }
        // An apostrophe between letters (don’t) is not a closing quote: UAX #14 QU keeps it in the word.
        for i in units.indices
        where units[i].scalarEnd - units[i].scalarStart == 1 && scalars[units[i].scalarStart] == 0x2019 {
            if i > 0, i + 1 < units.count, units[i - 1].lastKind == .alphanumeric, units[i + 1].kind == .alphanumeric {
                classes[i] = (.QU, .QU)
            }
        }
        var beforeSpaces = BreakClass.SP  // the class before the current run of spaces (SP*); SP at the start
        for i in 1..<units.count {
            let previous = classes[i - 1].last
            if previous != .SP { beforeSpaces = previous }
            result[i] = action(
                previous: previous, current: classes[i].first, beforeSpaces: beforeSpaces,
                currentIsWide: isWide(scalars[units[i].scalarStart]))
        }
        return result
    }

    private static func isWide(_ v: UInt32) -> Bool {
        v >= 0x1100 && (v >= 0x2E80 || CharacterClasses.isIdeographLike(v))
    }

    static func action(previous: BreakClass, current: BreakClass, beforeSpaces: BreakClass, currentIsWide: Bool)
        -> BreakAction
    {
        var prev = previous
        var cur = current
        if prev == .CM { prev = .AL }  // LB10
        if cur == .CM { cur = .AL }
        // LB4, LB5: after hard line breaks.
        switch prev {
        case .BK, .LF, .NL: return .mandatory
        case .CR: return cur == .LF ? .prohibited : .mandatory
        default: break
        }
        // LB6, LB7: never before a line break or a space.
        switch cur {
        case .BK, .CR, .LF, .NL, .SP, .ZW: return .prohibited
        default: break
        }
        // LB8: after a zero-width space (and the spaces following it).
        if prev == .ZW || (prev == .SP && beforeSpaces == .ZW) { return .allowed }
        // LB11: word joiner.
        if cur == .WJ || prev == .WJ { return .prohibited }
        // LB12, LB12a: non-breaking glue.
        if prev == .GL { return .prohibited }
        if cur == .GL && prev != .SP && prev != .BA && prev != .HY { return .prohibited }
        // LB13, and clreq §6.1.1: closing marks, 、，。．：；！？, interpuncts, connector marks
        // never start a line — even after a space (our tailoring of LB21 × NS into LB13's place).
        switch cur {
        case .CL, .CP, .EX, .IS, .SY, .NS: return .prohibited
        default: break
        }
        if prev == .SP {
            let before = beforeSpaces
            if before == .OP { return .prohibited }  // LB14: opening marks never end a line
            if before == .QU && cur == .OP { return .prohibited }  // LB15
            if before == .B2 && cur == .B2 { return .prohibited }  // LB17
            return .allowed  // LB18
        }
        if prev == .OP { return .prohibited }  // LB14, clreq §6.1.1: 「『（《〈【 never end a line
        if prev == .QU && cur == .OP { return .prohibited }  // LB15
        if prev == .B2 && cur == .B2 { return .prohibited }  // LB17
        if cur == .QU || prev == .QU { return .prohibited }  // LB19
        if cur == .BA || cur == .HY || prev == .BB { return .prohibited }  // LB21
        if cur == .IN { return .prohibited }  // LB22
        // LB23–LB30: inside words and numbers — prohibited, but usable in an emergency.
        switch (prev, cur) {
        case (.AL, .NU), (.NU, .AL): return .emergency  // LB23
        case (.PR, .ID), (.ID, .PO): return .prohibited  // LB23a
        case (.PR, .AL), (.PO, .AL), (.AL, .PR), (.AL, .PO): return .emergency  // LB24
        case (.CL, .PO), (.CP, .PO), (.CL, .PR), (.CP, .PR), (.NU, .PO), (.NU, .PR),
            (.PO, .OP), (.PO, .NU), (.PR, .OP), (.PR, .NU), (.HY, .NU), (.IS, .NU), (.NU, .NU), (.SY, .NU):
            return .emergency  // LB25
        case (.AL, .AL): return .emergency  // LB28
        case (.IS, .AL): return .emergency  // LB29
        case (.AL, .OP), (.NU, .OP):
            if !currentIsWide { return .emergency }  // LB30: not before a full-width opening bracket
        case (.CP, .AL), (.CP, .NU): return .emergency  // LB30
        case (.RI, .RI): return .prohibited  // LB30a (pairs are already one cluster)
        default: break
        }
        return .allowed  // LB31
    }
}

// MARK: - Line breaking

struct LineSpan {
    var start: Int
    var end: Int
    var endsWithMandatoryBreak: Bool
}

enum LineBreaker {
    static let epsilon = 1e-6

    /// Width of units start..<end with the gaps between them (none before the first), trailing
    /// spaces excluded (they hang past the measure, UAX #14 LB7/LB18).
    static func width(units: [Unit], gaps: [Double], start: Int, end: Int) -> Double {
        var contentEnd = end
        while contentEnd > start, units[contentEnd - 1].kind == .space || units[contentEnd - 1].kind == .newline {
            contentEnd -= 1
        }
        var total = 0.0
        for k in start..<contentEnd {
            if k > start { total += gaps[k] }
            total += units[k].width
        }
        return total
    }

    /// First fit: each line takes as many units as fit and breaks at the last allowed opportunity.
    /// Because prohibited boundaries are never chosen, a no-start mark that does not fit pulls the
    /// character before it down with it (clreq §6.1.1 "push out"; Taiwan custom does not compress
    /// punctuation to "push in", T4). With no allowed opportunity in the line, an emergency break
    /// inside a Latin word is taken; with none at all the line overflows.
    static func greedy(units: [Unit], actions: [BreakAction], gaps: [Double], measure: Double, indent: Double)
        -> [LineSpan]
    {
        var spans: [LineSpan] = []
        var start = 0
        let n = units.count
        while start < n {
            let available = spans.isEmpty ? measure - indent : measure
            var width = 0.0
            var best: Int?
            var emergency: Int?
            var end = n
            var mandatory = false
            var i = start
            scan: while i < n {
                if i > start {
                    switch actions[i] {
                    case .mandatory:
                        end = i
                        mandatory = true
                        break scan
                    case .allowed: best = i
                    case .emergency: emergency = i
                    case .prohibited: break
                    }
                }
                let unit = units[i]
                let next = width + (i > start ? gaps[i] : 0) + unit.width
                if i > start, unit.kind != .space, unit.kind != .newline, next > available + epsilon {
                    if let b = best {
                        end = b
                        break scan
                    }
                    if let e = emergency {
                        end = e
                        break scan
                    }
                }
                width = next
                i += 1
            }
            if i >= n && !mandatory { end = n }
            spans.append(LineSpan(start: start, end: end, endsWithMandatoryBreak: mandatory))
            start = end
        }
        return spans
    }

    static func characters(units: [Unit], start: Int, end: Int) -> Int {
        var count = 0
        for k in start..<end where units[k].kind != .space && units[k].kind != .newline {
            count += units[k].characters
        }
        return count
    }

    /// T7: the last line of a paragraph holds at least `minimum` characters. When it holds fewer,
    /// its start moves back to an earlier allowed break of the line before (so the prohibitions
    /// still hold); the line before, now shorter, is justified like any other.
    static func keepLastLineFull(
        _ spans: inout [LineSpan], units: [Unit], actions: [BreakAction], gaps: [Double], measure: Double,
        indent: Double, minimum: Int
    ) {
        guard spans.count >= 2, minimum > 1 else { return }
        let lastIndex = spans.count - 1
        let last = spans[lastIndex]
        let previous = spans[lastIndex - 1]
        guard !previous.endsWithMandatoryBreak,
            characters(units: units, start: last.start, end: last.end) < minimum
        else { return }
        var p = last.start - 1
        while p > previous.start {
            defer { p -= 1 }
            guard actions[p] == .allowed else { continue }
            if width(units: units, gaps: gaps, start: p, end: last.end) > measure + epsilon { return }
            guard characters(units: units, start: previous.start, end: p) > 0 else { return }
            if characters(units: units, start: p, end: last.end) >= minimum {
                spans[lastIndex - 1].end = p
                spans[lastIndex].start = p
                return
            }
        }
    }
}
