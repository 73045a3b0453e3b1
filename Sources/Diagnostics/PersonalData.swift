/// Masking of national-ID-shaped text, applied wherever the tool shows text it did not write
/// itself: values read from a record, file and folder names, messages, reports.
///
/// The shapes (domain: 國民身分證統一編號 and 居留證統一證號):
/// - national ID: a letter, then `1` or `2`, then 8 digits (`A123456789`);
/// - old resident certificate: two letters, then 8 digits (`AB12345678`);
/// - new resident certificate: a letter, then `8` or `9`, then 8 digits (`A812345678`).
///
/// Letters of either case and full-width forms (`Ａ１２３…`, as Chinese input methods type them)
/// count, and no check digit is verified: a mistyped ID is still an ID, and masking a little too
/// much costs less than printing one. A match counts only when it is not part of a longer run of
/// letters and digits, so hexadecimal digests, course codes and other long codes stay whole;
/// anything else — Han characters, punctuation, `_`, `-`, `.`, spaces — is a boundary, so
/// `身分證A123456789號` and `A123456789_自傳.pdf` are masked. Every character of a match becomes
/// `*`: even a partly shown ID identifies a person, and the length is kept so layouts do not move.
public func maskingNationalIDs(_ text: String) -> String {
    guard hasEightDigitRun(text) else { return text }
    let scalars = Array(text.unicodeScalars)
    let matches = nationalIDRanges(in: scalars)
    guard !matches.isEmpty else { return text }
    var out = String.UnicodeScalarView()
    var position = 0
    for match in matches {
        out.append(contentsOf: scalars[position..<match.lowerBound])
        out.append(contentsOf: repeatElement("*", count: match.count))
        position = match.upperBound
    }
    out.append(contentsOf: scalars[position...])
    return String(out)
}

/// Whether `text` holds anything `maskingNationalIDs` would mask.
public func containsNationalID(_ text: String) -> Bool {
    hasEightDigitRun(text) && !nationalIDRanges(in: Array(text.unicodeScalars)).isEmpty
}

/// Every shape ends in eight digits: text without such a run (nearly all text) is passed through
/// without copying, which matters since every drawn and written string is checked.
private func hasEightDigitRun(_ text: String) -> Bool {
    var run = 0
    for scalar in text.unicodeScalars {
        if case .digit = IDCharacter(scalar) {
            run += 1
            if run == 8 { return true }
        } else {
            run = 0
        }
    }
    return false
}

/// The ranges (in scalars) of every ID-shaped run: a maximal run of letters and digits that is
/// exactly ten long and has one of the shapes.
private func nationalIDRanges(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var index = 0
    while index < scalars.count {
        guard IDCharacter(scalars[index]) != nil else {
            index += 1
            continue
        }
        var end = index
        while end < scalars.count, IDCharacter(scalars[end]) != nil { end += 1 }
        if end - index == 10, isIDShaped(scalars[index..<end].compactMap(IDCharacter.init)) {
            ranges.append(index..<end)
        }
        index = end
    }
    return ranges
}

private func isIDShaped(_ run: [IDCharacter]) -> Bool {
    guard run.count == 10, case .letter = run[0] else { return false }
    let restAreDigits = run[2...].allSatisfy { if case .digit = $0 { true } else { false } }
    guard restAreDigits else { return false }
    switch run[1] {
    case .letter: return true  // old resident certificate
    case .digit(let second): return [1, 2, 8, 9].contains(second)
    }
}

/// A letter or digit, ASCII or full-width; anything else ends a run.
private enum IDCharacter {
    case letter
    case digit(Int)

    init?(_ scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x30...0x39: self = .digit(Int(scalar.value - 0x30))
        case 0xFF10...0xFF19: self = .digit(Int(scalar.value - 0xFF10))
        case 0x41...0x5A, 0x61...0x7A, 0xFF21...0xFF3A, 0xFF41...0xFF5A: self = .letter
        default: return nil
        }
    }
}
