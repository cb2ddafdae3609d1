import LabelCore

/// Damages bytes the ways files get damaged or forged, for fuzz tests: flipped bits, changed,
/// inserted and deleted bytes, a cut-off end, and 1–4-byte fields set to extreme values
/// (0, 0xFF…, 0x7F…, 0x80…) where headers keep sizes, offsets and masks.
public struct Mutator {
    var random: SeededRandom

    /// A mutator whose choices follow `seed` (a failing case is reproduced by its seed).
    public init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func below(_ limit: Int) -> Int { limit <= 0 ? 0 : Int(random.next() % UInt64(limit)) }

    /// `bytes` with one to four mutations.
    public mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for _ in 0..<(1 + below(4)) {
            guard !result.isEmpty else { break }
            let at = below(result.count)
            switch below(7) {
            case 0: result[at] ^= UInt8(1 << below(8))
            case 1: result[at] = UInt8(truncatingIfNeeded: random.next())
            case 2: result.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
            case 3: result.remove(at: at)
            case 4: result = Array(result.prefix(at))
            default:
                let width = [1, 2, 4][below(3)]
                let value: [UInt8] = [[0x00], [0xFF], [0x7F], [0x80]][below(4)]
                for offset in 0..<width where at + offset < result.count {
                    result[at + offset] = offset == 0 ? value[0] : (value[0] == 0x00 ? 0x00 : 0xFF)
                }
            }
        }
        return result
    }

    /// `text` with a numeric or string field replaced by an extreme value, or mutated as bytes.
    public mutating func mutate(text: String, extremes: [String]) -> [UInt8] {
        guard below(2) == 0 else { return mutate(Array(text.utf8)) }
        var scalars = Array(text.unicodeScalars)
        let digits = scalars.indices.filter { ("0"..."9").contains(scalars[$0]) }
        guard let at = digits.isEmpty ? nil : digits[below(digits.count)] else { return mutate(Array(text.utf8)) }
        var end = at
        while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == "." { end += 1 }
        scalars.replaceSubrange(at..<end, with: extremes[below(extremes.count)].unicodeScalars)
        return Array(String(String.UnicodeScalarView(scalars)).utf8)
    }
}
