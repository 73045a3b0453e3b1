import Testing

@testable import Typesetting

/// Grapheme clusters are Swift's `Character`s (UAX #29): nothing the text joins is split.
@Suite struct GraphemeTests {
    @Test func clustersAreSwiftsCharacters() {
        let samples = [
            "각",  // conjoining jamo L V T: one syllable
            "👨‍👩‍👧‍👦",  // a ZWJ family
            "🇹🇼🇯🇵",  // two regional-indicator pairs
            "e\u{301}\u{323}",  // a base and two marks
            "葛\u{E0100}",  // an ideographic variation sequence
            "👍🏽",  // an emoji modifier
            "a\nb",
            "中文，標點。「引號」",  // all alone: the fast path
            "か\u{3099}",  // kana and a combining sound mark
            "語\u{302A}",  // an ideograph and a tone mark
        ]
        for text in samples {
            let scalars = text.unicodeScalars.map(\.value)
            #expect(Graphemes.lengths(scalars[...]) == text.map(\.unicodeScalars.count), "\(text.debugDescription)")
        }
    }

    /// Every scalar the fast path takes as alone is its own cluster between neighbours of that kind
    /// (a text with anything else takes the Character path whole).
    @Test func scalarsAloneAreAloneBetweenAnyNeighbours() {
        let neighbours: [Unicode.Scalar] = ["a", "中", "，", "\u{3000}", "ア", "\n", "！", "𠀀", "—"]
        #expect(neighbours.allSatisfy { Graphemes.isAlone($0.value) })
        for range in [0x20...0x7E, 0x3000...0x303F, 0x3040...0x30FF, 0x2010...0x205E, 0xFF01...0xFFE6, 0x4E00...0x4E20] {
            for value in range where Graphemes.isAlone(UInt32(value)) {
                let scalar = Unicode.Scalar(UInt32(value))!
                for before in neighbours {
                    for after in neighbours {
                        var text = String.UnicodeScalarView()
                        text.append(before)
                        text.append(scalar)
                        text.append(after)
                        let clusters = Array(String(text)).map(\.unicodeScalars.count)
                        // The middle scalar starts a cluster and ends one.
                        var position = 0
                        var boundaries: Set<Int> = [0]
                        for length in clusters {
                            position += length
                            boundaries.insert(position)
                        }
                        #expect(boundaries.contains(1) && boundaries.contains(2), "U+\(String(value, radix: 16)) after \(before.value) before \(after.value)")
                    }
                }
            }
        }
    }

    @Test func aWindowNeverEndsInsideACluster() {
        let text = "ab👨‍👩‍👧‍👦cd"
        let scalars = text.unicodeScalars.map(\.value)
        // Scalars 2…8 are the family: a cut asked for anywhere inside it moves to its end.
        for target in 3...9 {
            #expect(Graphemes.boundary(atOrAfter: target, in: scalars, from: 0) == 9, "\(target)")
        }
        #expect(Graphemes.boundary(atOrAfter: 2, in: scalars, from: 0) == 2)
        #expect(Graphemes.boundary(atOrAfter: 11, in: scalars, from: 0) == 11)
    }
}
