/// The characters of `runs` that no face of their role's chain covers (T10), each once, in order:
/// what `layoutParagraph` would draw as boxes, found from the text and the fonts' cmaps alone, so a
/// caller can report them before anything is laid out. Text is normalised and cut into clusters as
/// the shaper does (`normalizedScalars`, `Graphemes`), and a cluster's face chosen by the same rule
/// (`Shaper.chooseFace`), in the chain of its run's weight.
public func uncoveredCharacters(
    _ runs: [StyledText], regularRole: FontRole, boldRole: FontRole, fonts: FontSet
) -> [Unicode.Scalar] {
    let regularChain = fonts.chain(for: regularRole)
    let boldChain = fonts.chain(for: boldRole)
    let (scalars, runStarts) = normalizedScalars(runs)
    var missing: [Unicode.Scalar] = []
    var seen = Set<UInt32>()
    var previousFace = -1
    var run = 0
    var start = 0
    for length in Graphemes.lengths(scalars[...]) {
        defer { start += length }
        while run + 1 < runStarts.count, runStarts[run + 1] <= start { run += 1 }
        let cluster = scalars[start..<(start + length)]
        guard let first = cluster.first, first != 0x0A else { continue }
        let chain = runs[run].weight == .bold ? boldChain : regularChain
        if let face = Shaper.chooseFace(cluster, chain: chain, previous: previousFace, fonts: fonts) {
            previousFace = face
            continue
        }
        for value in cluster where !CharacterClasses.isIgnorableForCoverage(value) && seen.insert(value).inserted {
            if let scalar = Unicode.Scalar(value) { missing.append(scalar) }
        }
    }
    return missing
}
