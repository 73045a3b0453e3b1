/// The characters of `runs` that no face of their role's chain covers (T10), each once, in order:
/// what `layoutParagraph` would draw as boxes, found from the text and the fonts' cmaps alone, so a
/// caller can report them before anything is laid out. Text is normalised and cut into clusters as
/// the shaper does, and a cluster's face chosen by the same rule (`Shaper.chooseFace`).
public func uncoveredCharacters(
    _ runs: [StyledText], regularRole: FontRole, boldRole: FontRole, fonts: FontSet
) -> [Unicode.Scalar] {
    let regularChain = fonts.chain(for: regularRole)
    let boldChain = fonts.chain(for: boldRole)
    var missing: [Unicode.Scalar] = []
    var seen = Set<UInt32>()
    var previousFace = -1
    for run in runs {
        let chain = run.weight == .bold ? boldChain : regularChain
        // Normalised as the shaper does: CR LF and CR are a newline, a tab a space.
        var scalars: [UInt32] = []
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
        // Clusters: marks, joiners and variation selectors stay with their base; regional
        // indicators pair up.
        var start = 0
        var regionalRun = 0
        func check(_ cluster: ArraySlice<UInt32>) {
            guard let first = cluster.first, first != 0x0A else { return }
            if let face = Shaper.chooseFace(cluster, chain: chain, previous: previousFace, fonts: fonts) {
                previousFace = face
                return
            }
            for value in cluster where !CharacterClasses.isIgnorableForCoverage(value) && seen.insert(value).inserted {
                if let scalar = Unicode.Scalar(value) { missing.append(scalar) }
            }
        }
        for index in scalars.indices {
            let value = scalars[index]
            let isRI = (0x1F1E6...0x1F1FF).contains(value)
            var joins = false
            if index > 0, scalars[index - 1] != 0x0A {
                if CharacterClasses.extendsPrevious(value) || scalars[index - 1] == 0x200D {
                    joins = true
                } else if isRI && regionalRun % 2 == 1 {
                    joins = true
                }
            }
            regionalRun = isRI ? regionalRun + 1 : 0
            if !joins && index > start {
                check(scalars[start..<index])
                start = index
            }
        }
        if start < scalars.count { check(scalars[start...]) }
    }
    return missing
}
