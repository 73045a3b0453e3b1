import PortfolioRecord

/// 推估相對表現: the exporter's own estimate of a score's standing in a 1-point histogram, as
/// docs/input.md §3 defines it. For score s, k = min(floor(s), 99), N_above = Σ n_j (j > k):
/// X = 100 × max(1, N_above + (k + 1 − s) × n_k) / 母體人數, rounded half away from zero to one
/// decimal, and never below 0.1. The floor of one person: the applicant is one of the population, so
/// a top score of 412 reads 「前 0.2%」, never the impossible 「前 0.0%」; a population so large that
/// even one person rounds to 0.0 reads 「前 0.1%」.
///
/// The arithmetic is exact: the score is taken as the decimal it was written as (86.42 is
/// 8642/100, not the nearest binary double), so the rounding of a half can never go the wrong way.
public enum Standing: Sendable, Equatable {
    /// 前 X%, X in tenths of a percent (123 → 前 12.3%).
    case top(tenths: Int)
    /// 「—」: the distribution is null, 母體人數 ≤ 0, or the score is missing or outside 0–100.
    case unavailable

    /// `前 12.3%` or `—`.
    public var display: String {
        switch self {
        case .top(let tenths): "前 \(tenths / 10).\(tenths % 10)%"
        case .unavailable: "—"
        }
    }

    /// X as text with one decimal (`12.3`), nil when unavailable.
    public var percentText: String? {
        if case .top(let tenths) = self { return "\(tenths / 10).\(tenths % 10)" }
        return nil
    }

    public static func estimate(score: Double?, population: Int?, bins: [Int]?) -> Standing {
        guard let score, let population, population > 0, let bins, bins.count == ScoreDistribution.binCount,
            let decimal = ExactDecimal(score), decimal.isWithin0To100
        else { return .unavailable }
        let scale = decimal.scale  // 10^e
        let k = min(decimal.integerPart, 99)
        // Counts come from the applicant's file: every sum is checked, a hostile one gives 「—」.
        var above = 0
        for j in (k + 1)..<ScoreDistribution.binCount {
            let (sum, overflow) = above.addingReportingOverflow(bins[j])
            guard !overflow, bins[j] >= 0 else { return .unavailable }
            above = sum
        }
        guard bins[k] >= 0 else { return .unavailable }
        // fraction (s − k) = (m − k·scale) / scale;  1 − fraction = (scale − (m − k·scale)) / scale
        let remainder = decimal.mantissa - k * scale
        let weightNumerator = scale - remainder  // may be 0 (s = 100 → k = 99, remainder = scale)
        // X·10 = 1000 × (above·scale + weightNumerator·n_k) / (population·scale)
        let (p1, o1) = above.multipliedReportingOverflow(by: scale)
        let (p2, o2) = weightNumerator.multipliedReportingOverflow(by: bins[k])
        let (people, o3) = p1.addingReportingOverflow(p2)
        // At least the applicant: one person is `scale` in these units.
        let (numerator, o4) = max(people, scale).multipliedReportingOverflow(by: 1000)
        let (denominator, o5) = population.multipliedReportingOverflow(by: scale)
        // Half away from zero for a non-negative p/q: floor((2p + q) / 2q).
        let (twiceP, o6) = numerator.multipliedReportingOverflow(by: 2)
        let (top, o7) = twiceP.addingReportingOverflow(denominator)
        let (twiceQ, o8) = denominator.multipliedReportingOverflow(by: 2)
        guard !(o1 || o2 || o3 || o4 || o5 || o6 || o7 || o8), denominator > 0, numerator >= 0 else {
            return .unavailable
        }
        return .top(tenths: max(1, top / twiceQ))
    }
}

/// A non-negative decimal m / 10^e taken from a Double's shortest round-trip text.
struct ExactDecimal {
    var mantissa: Int
    var exponent: Int

    var scale: Int {
        var s = 1
        for _ in 0..<exponent { s *= 10 }
        return s
    }

    var integerPart: Int { mantissa / scale }
    var isWithin0To100: Bool { mantissa >= 0 && mantissa <= 100 * scale }

    /// Nil for negatives, non-finite values, or more than 9 decimals (beyond any real score).
    init?(_ value: Double) {
        guard value.isFinite, value >= 0, value <= 1_000 else { return nil }
        var text = "\(value)"
        var exponentShift = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let shift = Int(text[text.index(after: e)...]) else { return nil }
            exponentShift = shift
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0]) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        var digits = String(whole) + fraction
        var exponent = fraction.count - exponentShift
        if exponent < 0 {
            digits += String(repeating: "0", count: -exponent)
            exponent = 0
        }
        guard exponent <= 9, let mantissa = Int(digits) else { return nil }
        self.mantissa = mantissa
        self.exponent = exponent
    }
}
