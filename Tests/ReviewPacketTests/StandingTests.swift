import Testing

@testable import ReviewPacket

/// 推估相對表現 (docs/input.md §3) on cases computed by hand.
@Suite struct StandingTests {
    /// A histogram with the given non-zero bins.
    func bins(_ counts: [Int: Int]) -> [Int] {
        var bins = [Int](repeating: 0, count: 100)
        for (k, n) in counts { bins[k] = n }
        return bins
    }

    @Test func fractionalScoreInTheMiddle() {
        // k = 86, N_above = 40, n_k = 10, 1 − 0.42 = 0.58 → 100 × (40 + 5.8) / 200 = 22.9
        let standing = Standing.estimate(score: 86.42, population: 200, bins: bins([86: 10, 90: 25, 99: 15, 10: 150]))
        #expect(standing == .top(tenths: 229))
        #expect(standing.display == "前 22.9%")
    }

    @Test func scoreOfExactly100CountsOnePerson() {
        // k = min(100, 99) = 99, k + 1 − s = 0 → weight 0, N_above = 0: the numerator is floored at
        // one person (the applicant) → 100 × 1 / 50 = 2.0, never 0.0
        let standing = Standing.estimate(score: 100, population: 50, bins: bins([99: 3, 80: 47]))
        #expect(standing == .top(tenths: 20))
        #expect(standing.display == "前 2.0%")
    }

    @Test func aTopScoreOf412ReadsTopPointTwo() {
        // 100 × max(1, 0 + 0 × 1) / 412 = 0.2427… → 0.2
        let standing = Standing.estimate(score: 100, population: 412, bins: bins([99: 1, 80: 411]))
        #expect(standing == .top(tenths: 2))
        #expect(standing.display == "前 0.2%")
    }

    @Test func theFloorAppliesBelowOnePersonToo() {
        // s = 99.8 alone in its bin: 0 + (100 − 99.8) × 1 = 0.2 people → floored to 1 → 100 / 412 → 0.2
        #expect(Standing.estimate(score: 99.8, population: 412, bins: bins([99: 1, 80: 411])) == .top(tenths: 2))
        // s = 99.2 with 5 in its bin: 0.8 × 5 = 4 people, above the floor → 100 × 4 / 412 = 0.97 → 1.0
        #expect(Standing.estimate(score: 99.2, population: 412, bins: bins([99: 5, 80: 407])) == .top(tenths: 10))
    }

    @Test func aHugePopulationReadsTopPointOneNeverZero() {
        // 100 × 1 / 100,000 = 0.001 → would round to 0.0 → shown as 0.1
        let standing = Standing.estimate(score: 100, population: 100_000, bins: bins([99: 1, 50: 99_999]))
        #expect(standing == .top(tenths: 1))
        #expect(standing.display == "前 0.1%")
        // 100 × 1 / 1,500 = 0.0667 → rounds to 0.1 by itself
        #expect(Standing.estimate(score: 100, population: 1_500, bins: bins([99: 1, 50: 1_499])) == .top(tenths: 1))
        // No estimate anywhere reads 前 0.0%
        for population in [1, 7, 412, 2_001, 10_000, 1_000_000] {
            for score in [0.0, 55.5, 99.99, 100] {
                let histogram = bins([min(Int(score), 99): 1, 10: max(0, population - 1)])
                #expect(Standing.estimate(score: score, population: population, bins: histogram).display != "前 0.0%")
            }
        }
    }

    @Test func scoreOf99CountsTheWholeLastBin() {
        // k = 99, weight 1 → 100 × 3 / 50 = 6.0
        #expect(Standing.estimate(score: 99, population: 50, bins: bins([99: 3, 80: 47])) == .top(tenths: 60))
    }

    @Test func scoreOfZeroIsTheWholePopulation() {
        // k = 0, weight 1, N_above = 45 → 100 × (45 + 5) / 50 = 100.0
        let standing = Standing.estimate(score: 0, population: 50, bins: bins([0: 5, 60: 45]))
        #expect(standing == .top(tenths: 1000))
        #expect(standing.display == "前 100.0%")
    }

    @Test func halvesRoundAwayFromZeroExactly() {
        // 86.65: weight 87 − 86.65 = 0.35 exactly, × 10 in the bin = 3.5 people → 100 × 3.5 / 1000 = 0.35 → 0.4.
        // In binary floating point 86.65 − 86 = 0.650000000000006 and the half would round down.
        #expect(Standing.estimate(score: 86.65, population: 1000, bins: bins([86: 10, 50: 990])) == .top(tenths: 4))
        // 0.25 → 0.3
        #expect(Standing.estimate(score: 70, population: 400, bins: bins([75: 1, 10: 399])) == .top(tenths: 3))
        // 12.45 → 12.5 (N_above = 249, N = 2000 → 12.45)
        #expect(Standing.estimate(score: 90, population: 2000, bins: bins([95: 249, 10: 1751])) == .top(tenths: 125))
    }

    @Test func fractionalWeightsAddUp() {
        // s = 59.5: k = 59, N_above = 30, n_k = 4, weight 0.5 → 100 × 32 / 120 = 26.666… → 26.7
        #expect(Standing.estimate(score: 59.5, population: 120, bins: bins([59: 4, 70: 30, 20: 86])) == .top(tenths: 267))
    }

    @Test func populationNotTheHistogramSumIsUsedAsGiven() {
        // counts add to 10, 母體人數 says 20: 100 × 5 / 20 = 25.0
        #expect(Standing.estimate(score: 50, population: 20, bins: bins([60: 5, 10: 5])) == .top(tenths: 250))
    }

    @Test func unavailableCases() {
        let histogram = bins([50: 10])
        #expect(Standing.estimate(score: 50, population: 10, bins: nil) == .unavailable)
        #expect(Standing.estimate(score: 50, population: 0, bins: histogram) == .unavailable)
        #expect(Standing.estimate(score: 50, population: -3, bins: histogram) == .unavailable)
        #expect(Standing.estimate(score: nil, population: 10, bins: histogram) == .unavailable)
        #expect(Standing.estimate(score: 100.5, population: 10, bins: histogram) == .unavailable)
        #expect(Standing.estimate(score: -0.5, population: 10, bins: histogram) == .unavailable)
        #expect(Standing.estimate(score: .nan, population: 10, bins: histogram) == .unavailable)
        #expect(Standing.estimate(score: 50, population: 10, bins: [1, 2, 3]) == .unavailable)
        #expect(Standing.unavailable.display == "—")
    }

    @Test func hugeCountsDoNotTrap() {
        let histogram = [Int](repeating: Int.max / 2, count: 100)
        #expect(Standing.estimate(score: 10.123456789, population: Int.max, bins: histogram) == .unavailable)
    }

    @Test func exactDecimalReadsShortestText() {
        #expect(ExactDecimal(86.42).map { ($0.mantissa, $0.exponent) } ?? (0, 0) == (8642, 2))
        #expect(ExactDecimal(100).map { ($0.mantissa, $0.exponent) } ?? (0, 0) == (100, 0))
        #expect(ExactDecimal(0.00001).map { ($0.mantissa, $0.exponent) } ?? (0, 0) == (1, 5))
        #expect(ExactDecimal(-1) == nil)
    }
}
