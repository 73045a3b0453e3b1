import CHarfBuzz

/// One glyph as HarfBuzz placed it, in points, before line breaking.
struct ShapedGlyph {
    var face: Int32
    var glyph: UInt32
    var advance: Double
    var xOffset: Double
    var yOffset: Double
    /// The HarfBuzz cluster this glyph belongs to, as scalar offsets into the paragraph text.
    var clusterStart: Int
    var clusterEnd: Int
    var startsCluster: Bool
}

/// The unit of line breaking: a grapheme cluster, or several of them that must stay together
/// (a —— or …… pair, T3; a ligature HarfBuzz made across graphemes).
struct Unit {
    var scalarStart: Int
    var scalarEnd: Int
    var glyphStart: Int
    var glyphEnd: Int
    /// Width on the line, in points, after full-width padding (T4, T8, T3).
    var width: Double
    /// Where the first glyph's pen starts relative to the unit's left edge (padding, centring).
    var leadingPad: Double
    var firstClass: BreakClass
    var lastClass: BreakClass
    var kind: SpacingKind
    var lastKind: SpacingKind
    /// How many user-perceived characters the unit holds (2 for a —— pair).
    var characters: Int
    /// No face of the chain covers it: drawn as a 1 em box (T10).
    var missing: Bool
    var fontSize: Double
}

/// A paragraph turned into glyphs and units, ready for line breaking.
struct ShapedParagraph {
    var scalars: [UInt32]
    var glyphs: [ShapedGlyph]
    var units: [Unit]
    var missing: [Unicode.Scalar]
}

/// A grapheme cluster (or merged pair) before shaping.
private struct Cluster {
    var start: Int
    var end: Int
    var characters: Int
    var run: Int
    /// Index into FontSet.faces; -1 when no face covers it; -2 for a newline (not shaped).
    var face: Int
    var script: hb_script_t
}

/// The text of `runs` as one array of scalars, normalised as shaping needs (CR LF and CR become a
/// line feed, a tab a space), with the offset where each run starts. Normalised text comes out
/// unchanged, so a caller may cut it into pieces and shape each.
func normalizedScalars(_ runs: [StyledText]) -> (scalars: [UInt32], runStarts: [Int]) {
    var scalars: [UInt32] = []
    var runStarts: [Int] = []
    scalars.reserveCapacity(runs.reduce(0) { $0 + $1.text.utf8.count / 2 })
    for run in runs {
        runStarts.append(scalars.count)
        var previousWasCR = false
        for scalar in run.text.unicodeScalars {
            var value = scalar.value
            if value == 0x0A && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = value == 0x0D
            if value == 0x0D { value = 0x0A }
            if value == 0x09 { value = 0x20 }
            scalars.append(value)
        }
    }
    return (scalars, runStarts)
}

enum Shaper {
    static func shape(_ runs: [StyledText], style: ParagraphStyle, fonts: FontSet) -> ShapedParagraph {
        // 1. The text as one array of scalars; tabs become spaces, CR LF one line feed.
        let (scalars, runStarts) = normalizedScalars(runs)
        var runOfScalar: [Int] = []
        runOfScalar.reserveCapacity(scalars.count)
        for (runIndex, start) in runStarts.enumerated() {
            let end = runIndex + 1 < runStarts.count ? runStarts[runIndex + 1] : scalars.count
            runOfScalar.append(contentsOf: repeatElement(runIndex, count: end - start))
        }
        let count = scalars.count
        guard count > 0 else { return ShapedParagraph(scalars: [], glyphs: [], units: [], missing: []) }

        // 2. Grapheme clusters (UAX #29: Swift's `Character`), each with the run of its first scalar.
        var clusters: [Cluster] = []
        clusters.reserveCapacity(count)
        var start = 0
        for length in Graphemes.lengths(scalars[...]) {
            clusters.append(
                Cluster(
                    start: start, end: start + length, characters: 1, run: runOfScalar[start], face: -1,
                    script: HB_SCRIPT_COMMON))
            start += length
        }

        // 3. —— and …… (and ―― ) are one 2 em unit that never splits (clreq §6.1.2, T3). Pairs are
        //    taken left to right, so a run of four dashes may break between its two pairs.
        var paired: [Cluster] = []
        paired.reserveCapacity(clusters.count)
        var k = 0
        while k < clusters.count {
            let c = clusters[k]
            if k + 1 < clusters.count, c.end - c.start == 1, isPairable(scalars[c.start]),
                clusters[k + 1].end - clusters[k + 1].start == 1, scalars[clusters[k + 1].start] == scalars[c.start]
            {
                var merged = c
                merged.end = clusters[k + 1].end
                merged.characters = 2
                paired.append(merged)
                k += 2
            } else {
                paired.append(c)
                k += 1
            }
        }
        clusters = paired

        // 4. Font per cluster along the role's chain (T10), and the script to shape it with.
        let unicodeFuncs = hb_unicode_funcs_get_default()
        let regularChain = fonts.chain(for: style.regularRole)
        let boldChain = fonts.chain(for: style.boldRole)
        var previousFace = -1
        for index in clusters.indices {
            let c = clusters[index]
            if scalars[c.start] == 0x0A {
                clusters[index].face = -2
                continue
            }
            let chain = runs[c.run].weight == .bold ? boldChain : regularChain
            let face = chooseFace(scalars[c.start..<c.end], chain: chain, previous: previousFace, fonts: fonts)
            clusters[index].face = face ?? -1
            if let face { previousFace = face }
        }
        resolveScripts(&clusters, scalars: scalars, funcs: unicodeFuncs)

        // 5. Shape items: maximal runs of clusters with one face, script and styled run.
        var glyphs: [ShapedGlyph] = []
        glyphs.reserveCapacity(count)
        var clusterOfScalar = [Int](repeating: 0, count: count)
        for (index, c) in clusters.enumerated() {
            for s in c.start..<c.end { clusterOfScalar[s] = index }
        }
        var mergeWithPrevious = [Bool](repeating: false, count: clusters.count)
        var notdef = [Bool](repeating: false, count: clusters.count)
        let language = hb_language_from_string(style.language, -1)
        let buffer = hb_buffer_create()
        defer { hb_buffer_destroy(buffer) }

        var itemStart = 0
        while itemStart < clusters.count {
            let first = clusters[itemStart]
            var itemEnd = itemStart + 1
            // Items are capped in length so every count handed to HarfBuzz fits its 32-bit ints.
            while itemEnd < clusters.count, clusters[itemEnd].face == first.face,
                clusters[itemEnd].script.rawValue == first.script.rawValue, clusters[itemEnd].run == first.run,
                clusters[itemEnd].end - first.start <= maximumItemLength
            {
                itemEnd += 1
            }
            defer { itemStart = itemEnd }
            guard first.face >= 0 else { continue }  // newlines and missing clusters are not shaped
            let scalarStart = first.start
            let scalarEnd = clusters[itemEnd - 1].end
            let face = first.face
            let font = fonts.hbFonts[face]
            let scale = style.fontSize / Double(max(fonts.faces[face].unitsPerEm, 1))

            // The item goes in with a little text on each side as context (HarfBuzz looks at it for
            // joining and normalisation); cluster values come back relative to the context start.
            let contextStart = max(0, scalarStart - contextLength)
            let contextEnd = min(count, scalarEnd + contextLength)
            hb_buffer_clear_contents(buffer)
            scalars.withUnsafeBufferPointer { pointer in
                guard let base = pointer.baseAddress else { return }
                hb_buffer_add_utf32(
                    buffer, base + contextStart, Int32(contextEnd - contextStart), UInt32(scalarStart - contextStart),
                    Int32(scalarEnd - scalarStart))
            }
            hb_buffer_set_direction(buffer, HB_DIRECTION_LTR)
            hb_buffer_set_script(buffer, first.script)
            hb_buffer_set_language(buffer, language)
            var flags = HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES.rawValue
            if scalarStart == 0 { flags |= HB_BUFFER_FLAG_BOT.rawValue }
            if scalarEnd == count { flags |= HB_BUFFER_FLAG_EOT.rawValue }
            hb_buffer_set_flags(buffer, hb_buffer_flags_t(rawValue: flags))
            hb_shape(font, buffer, nil, 0)

            var length: UInt32 = 0
            guard let infos = hb_buffer_get_glyph_infos(buffer, &length),
                let positions = hb_buffer_get_glyph_positions(buffer, &length)
            else { continue }
            let n = Int(length)
            var j = 0
            while j < n {
                let clusterValue = contextStart + Int(infos[j].cluster)
                var groupEnd = j + 1
                while groupEnd < n, contextStart + Int(infos[groupEnd].cluster) == clusterValue { groupEnd += 1 }
                let clusterEnd = groupEnd < n ? contextStart + Int(infos[groupEnd].cluster) : scalarEnd
                guard clusterValue >= scalarStart, clusterValue < clusterEnd, clusterEnd <= scalarEnd else {
                    j = groupEnd
                    continue
                }
                // A HarfBuzz cluster spanning several of ours (a ligature): they become one unit.
                let a = clusterOfScalar[clusterValue]
                let b = clusterOfScalar[clusterEnd - 1]
                if b > a { for m in (a + 1)...b { mergeWithPrevious[m] = true } }
                for g in j..<groupEnd {
                    if infos[g].codepoint == 0 { notdef[a] = true }
                    glyphs.append(
                        ShapedGlyph(
                            face: Int32(face), glyph: infos[g].codepoint,
                            advance: Double(positions[g].x_advance) * scale,
                            xOffset: Double(positions[g].x_offset) * scale,
                            yOffset: Double(positions[g].y_offset) * scale,
                            clusterStart: clusterValue, clusterEnd: clusterEnd, startsCluster: g == j))
                }
                j = groupEnd
            }
        }

        // 6. Units: clusters joined by ligatures; glyph ranges; classes; widths.
        var units: [Unit] = []
        units.reserveCapacity(clusters.count)
        var missing: [Unicode.Scalar] = []
        var missingSeen = Set<UInt32>()
        var glyphCursor = 0
        let em = style.fontSize
        var index = 0
        while index < clusters.count {
            var last = index
            while last + 1 < clusters.count, mergeWithPrevious[last + 1] { last += 1 }
            let start = clusters[index].start
            let end = clusters[last].end
            var characters = 0
            var isMissing = false
            for m in index...last {
                characters += clusters[m].characters
                if clusters[m].face == -1 || notdef[m] { isMissing = true }
            }
            let glyphStart = glyphCursor
            while glyphCursor < glyphs.count, glyphs[glyphCursor].clusterStart < end { glyphCursor += 1 }
            let glyphEnd = glyphCursor

            var unit = Unit(
                scalarStart: start, scalarEnd: end, glyphStart: glyphStart, glyphEnd: glyphEnd, width: 0,
                leadingPad: 0, firstClass: .AL, lastClass: .AL, kind: .other, lastKind: .other,
                characters: characters, missing: isMissing, fontSize: em)
            classify(&unit, scalars: scalars)
            if isMissing {
                // Never a silent .notdef: the unit becomes a visible 1 em box and is reported.
                unit.glyphEnd = unit.glyphStart
                unit.width = em * Double(max(characters, 1))
                if unit.kind != .space && unit.kind != .newline {
                    unit.kind = .ideograph
                    unit.lastKind = .ideograph
                }
                for s in start..<end where !CharacterClasses.isIgnorableForCoverage(scalars[s]) {
                    if missingSeen.insert(scalars[s]).inserted, let scalar = Unicode.Scalar(scalars[s]) {
                        missing.append(scalar)
                    }
                }
            } else {
                var advance = 0.0
                for g in glyphStart..<glyphEnd { advance += glyphs[g].advance }
                unit.width = advance
                adjustPunctuationWidth(&unit, scalars: scalars, glyphs: glyphs, fonts: fonts, em: em)
            }
            units.append(unit)
            index = last + 1
        }
        // Missing units dropped their glyphs above; keep the glyph array consistent for them.
        return ShapedParagraph(scalars: scalars, glyphs: glyphs, units: units, missing: missing)
    }

    /// Scalars of context passed to HarfBuzz on each side of an item.
    private static let contextLength = 16
    /// Longest item shaped at once (far beyond any paragraph; keeps HarfBuzz's 32-bit counts safe).
    private static let maximumItemLength = 1 << 20

    private static func isPairable(_ v: UInt32) -> Bool { v == 0x2014 || v == 0x2026 || v == 0x2015 }

    /// The first face of the chain whose cmap covers every scalar of the cluster (T10). Default
    /// ignorables need no coverage; a variation sequence prefers a face that has it, then any face
    /// that has the base. An all-ignorable cluster goes with its neighbour's face.
    static func chooseFace(
        _ cluster: ArraySlice<UInt32>, chain: [Int], previous: Int, fonts: FontSet
    ) -> Int? {
        var selector: UInt32 = 0
        var base: UInt32 = 0
        var needsCoverage = false
        for v in cluster {
            if CharacterClasses.isVariationSelector(v) {
                selector = v
            } else if !CharacterClasses.isIgnorableForCoverage(v) {
                if !needsCoverage { base = v }
                needsCoverage = true
            }
        }
        guard needsCoverage else { return previous >= 0 ? previous : chain.first }
        func covers(_ face: Int) -> Bool {
            for v in cluster
            where !CharacterClasses.isVariationSelector(v) && !CharacterClasses.isIgnorableForCoverage(v) {
                if !fonts.hasGlyph(v, face: face) { return false }
            }
            return true
        }
        if selector != 0 {
            for face in chain where covers(face) && fonts.hasVariationGlyph(base, selector: selector, face: face) {
                return face
            }
        }
        return chain.first(where: covers)
    }

    /// Script per cluster for shaping. Common/Inherited characters take the script around them,
    /// except CJK punctuation (and the —— / …… pairs, interpuncts) which is always shaped as Han:
    /// with script DFLT the font's `locl` for ZHT does not apply and —— loses its 2 em ligature.
    private static func resolveScripts(_ clusters: inout [Cluster], scalars: [UInt32], funcs: OpaquePointer?) {
        var resolved = [hb_script_t?](repeating: nil, count: clusters.count)
        for (index, c) in clusters.enumerated() {
            var base: UInt32 = scalars[c.start]
            for s in c.start..<c.end where !CharacterClasses.isIgnorableForCoverage(scalars[s]) {
                base = scalars[s]
                break
            }
            if c.characters == 2 || CharacterClasses.isCJKContextPunctuation(base)
                || CharacterClasses.isIdeographLike(base)
            {
                let script = hb_unicode_script(funcs, base)
                resolved[index] = isWeak(script) ? HB_SCRIPT_HAN : script
                continue
            }
            let script = hb_unicode_script(funcs, base)
            if !isWeak(script) { resolved[index] = script }
        }
        var current: hb_script_t? = resolved.first { $0 != nil } ?? HB_SCRIPT_HAN
        for index in clusters.indices {
            if let script = resolved[index] { current = script }
            clusters[index].script = current ?? HB_SCRIPT_HAN
        }
    }

    private static func isWeak(_ script: hb_script_t) -> Bool {
        let raw = script.rawValue
        return raw == HB_SCRIPT_COMMON.rawValue || raw == HB_SCRIPT_INHERITED.rawValue
            || raw == HB_SCRIPT_UNKNOWN.rawValue || raw == HB_SCRIPT_INVALID.rawValue
    }

    /// Break classes and spacing kinds of a unit, from its first and last base characters (LB9:
    /// marks take the class of their base; LB10: a mark with no base is AL).
    private static func classify(_ unit: inout Unit, scalars: [UInt32]) {
        var firstBase: UInt32?
        var lastBase: UInt32?
        for s in unit.scalarStart..<unit.scalarEnd {
            let v = scalars[s]
            if CharacterClasses.breakClass(v) == .CM && v != 0x200D { continue }
            if v == 0x200D { continue }
            if firstBase == nil { firstBase = v }
            lastBase = v
        }
        guard let first = firstBase, let last = lastBase else {
            unit.firstClass = .CM
            unit.lastClass = .CM
            unit.kind = .other
            unit.lastKind = .other
            return
        }
        unit.firstClass = CharacterClasses.breakClass(first)
        unit.lastClass = CharacterClasses.breakClass(last)
        unit.kind = CharacterClasses.spacingKind(first)
        unit.lastKind = CharacterClasses.spacingKind(last)
    }

    /// T4/T8/T3: full-width punctuation keeps its full em (never compressed); a font that gives it
    /// less is padded on the side away from the ink. Interpuncts are centred on their ink in a full
    /// em (Taiwan, clreq §5.1). A —— or …… pair occupies exactly 2 em, centred.
    private static func adjustPunctuationWidth(
        _ unit: inout Unit, scalars: [UInt32], glyphs: [ShapedGlyph], fonts: FontSet, em: Double
    ) {
        let first = scalars[unit.scalarStart]
        let isPair = unit.characters == 2 && unit.scalarEnd - unit.scalarStart == 2 && isPairable(first)
        let placement: PunctuationPlacement
        if isPair {
            placement = .centred
        } else if unit.scalarEnd - unit.scalarStart == 1, let p = CharacterClasses.punctuationPlacement(first) {
            placement = p
        } else {
            return
        }
        let target = isPair ? 2 * em : em
        let tolerance = em * 0.001
        if CharacterClasses.isInterpunct(first), let ink = inkBox(unit, glyphs: glyphs, fonts: fonts, em: em) {
            unit.width = max(target, unit.width)
            unit.leadingPad = (unit.width - (ink.right - ink.left)) / 2 - ink.left
            return
        }
        guard unit.width < target - tolerance else { return }
        let slack = target - unit.width
        switch placement {
        case .opening: unit.leadingPad = slack
        case .closing: unit.leadingPad = 0
        case .centred: unit.leadingPad = slack / 2
        }
        unit.width = target
    }

    /// Ink extent of a unit's glyphs, in points, relative to the pen start of its first glyph.
    private static func inkBox(_ unit: Unit, glyphs: [ShapedGlyph], fonts: FontSet, em: Double)
        -> (left: Double, right: Double)?
    {
        var pen = 0.0
        var left = Double.infinity
        var right = -Double.infinity
        for g in unit.glyphStart..<unit.glyphEnd {
            let glyph = glyphs[g]
            let face = Int(glyph.face)
            if let extents = fonts.glyphExtents(glyph.glyph, face: face), extents.width > 0 {
                let scale = em / Double(max(fonts.faces[face].unitsPerEm, 1))
                let x0 = pen + glyph.xOffset + Double(extents.xBearing) * scale
                left = min(left, x0)
                right = max(right, x0 + Double(extents.width) * scale)
            }
            pen += glyph.advance
        }
        return left <= right ? (left, right) : nil
    }
}
