/// How many terminal cells characters take: 2 for East Asian wide and emoji, 0 for marks that
/// combine with what precedes them, 1 otherwise.
public enum CharacterWidth {
    /// The width of one code point on its own (controls are the caller's concern).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        if contains(zeroWidthRanges, value) { return 0 }
        if value >= 0x1100 && contains(wideRanges, value) { return 2 }
        return 1
    }

    /// The width of a grapheme cluster as terminals draw it: its first code point's width,
    /// made 2 by an emoji presentation selector (U+FE0F) or a regional-indicator pair, and at
    /// least 1 (a lone combining mark still takes a cell).
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 { return max(1, of(first)) }
        var width = of(first)
        if width < 2 {
            if scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { width = 2 }
            if (0x1F1E6...0x1F1FF).contains(first.value) && scalars.count >= 2 { width = 2 }
        }
        return max(1, width)
    }

    static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0, high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.lowerBound { high = middle - 1 } else if value > range.upperBound { low = middle + 1 } else { return true }
        }
        return false
    }
}
