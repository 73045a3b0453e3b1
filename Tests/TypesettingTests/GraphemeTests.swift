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
        ]
        for text in samples {
            let scalars = text.unicodeScalars.map(\.value)
            #expect(Graphemes.lengths(scalars[...]) == text.map(\.unicodeScalars.count), "\(text.debugDescription)")
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
