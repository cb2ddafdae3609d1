/// A unit the cursor moves over: one grapheme cluster (or placeholder) with its class.
public struct TextUnit: Hashable, Sendable {
    public let codePoint: Int
    public let codePointCount: Int
    public let characterClass: CharacterClass
    public let isLineBreak: Bool
    /// The first code point (what tokenizing looks at).
    public let scalar: Unicode.Scalar

    /// A unit at `codePoint` of `codePointCount` code points starting with `scalar`.
    public init(codePoint: Int, codePointCount: Int, characterClass: CharacterClass, isLineBreak: Bool = false, scalar: Unicode.Scalar = " ") {
        self.codePoint = codePoint
        self.codePointCount = codePointCount
        self.characterClass = characterClass
        self.isLineBreak = isLineBreak
        self.scalar = scalar
    }

    /// The code points it covers.
    public var codePoints: Range<Int> { codePoint..<(codePoint + codePointCount) }

    /// The units of some glyphs (tabs and line breaks are blanks; placeholders punctuation).
    public static func units(of glyphs: [Glyph]) -> [TextUnit] {
        glyphs.map { glyph in
            switch glyph.kind {
            case .lineBreak: return TextUnit(codePoint: glyph.codePoint, codePointCount: glyph.codePointCount, characterClass: .blank, isLineBreak: true)
            case .tab: return TextUnit(codePoint: glyph.codePoint, codePointCount: 1, characterClass: .blank)
            case .placeholder: return TextUnit(codePoint: glyph.codePoint, codePointCount: glyph.codePointCount, characterClass: .punctuation, scalar: "?")
            case .text:
                let scalar = glyph.text.unicodeScalars.first ?? " "
                return TextUnit(codePoint: glyph.codePoint, codePointCount: glyph.codePointCount,
                                characterClass: CharacterClass(scalar), scalar: scalar)
            }
        }
    }

    /// The units of a string whose first code point is item offset `start`.
    public static func units(of text: String, startingAt start: Int = 0) -> [TextUnit] {
        units(of: GlyphMaker.glyphs(of: text, startingAt: start))
    }
}

/// Vim's word motions over text units (indices into the unit array): `w b e` use word classes,
/// `W B E` only blank versus non-blank. An empty line counts as a word, as in vim.
public enum WordMotion {
    /// Word (class runs) or WORD (non-blank runs).
    public enum Kind: Sendable { case word, bigWord }

    static func group(_ unit: TextUnit, _ kind: Kind) -> Int {
        if unit.characterClass == .blank { return 0 }
        return kind == .bigWord ? 1 : unit.characterClass.rawValue
    }

    /// Whether `index` is the start of an empty line (a line break right after another, or first).
    static func isEmptyLine(_ units: [TextUnit], _ index: Int) -> Bool {
        units[index].isLineBreak && (index == 0 || units[index - 1].isLineBreak)
    }

    /// `w`: the start of the next word (or the last unit), `count` times.
    public static func nextWordStart(_ units: [TextUnit], from index: Int, kind: Kind, count: Int = 1) -> Int {
        guard !units.isEmpty else { return 0 }
        var position = min(max(0, index), units.count - 1)
        for _ in 0..<max(1, count) {
            let start = group(units[position], kind)
            var next = position
            if start != 0 {
                while next < units.count && group(units[next], kind) == start && !units[next].isLineBreak { next += 1 }
            } else {
                next += 1
            }
            while next < units.count && group(units[next], kind) == 0 && !isEmptyLine(units, next) { next += 1 }
            guard next < units.count else { return units.count - 1 }
            position = next
        }
        return position
    }

    /// `e`: the end of this or the next word, `count` times.
    public static func nextWordEnd(_ units: [TextUnit], from index: Int, kind: Kind, count: Int = 1) -> Int {
        guard !units.isEmpty else { return 0 }
        var position = min(max(0, index), units.count - 1)
        for _ in 0..<max(1, count) {
            var next = position + 1
            while next < units.count && group(units[next], kind) == 0 { next += 1 }
            guard next < units.count else { return units.count - 1 }
            let current = group(units[next], kind)
            while next + 1 < units.count && group(units[next + 1], kind) == current { next += 1 }
            position = next
        }
        return position
    }

    /// `b`: the start of this or the previous word, `count` times.
    public static func previousWordStart(_ units: [TextUnit], from index: Int, kind: Kind, count: Int = 1) -> Int {
        guard !units.isEmpty else { return 0 }
        var position = min(max(0, index), units.count - 1)
        for _ in 0..<max(1, count) {
            var previous = position - 1
            while previous >= 0 && group(units[previous], kind) == 0 && !isEmptyLine(units, previous) { previous -= 1 }
            guard previous > 0 else { return max(0, previous) }
            if isEmptyLine(units, previous) { position = previous; continue }
            let current = group(units[previous], kind)
            while previous > 0 && group(units[previous - 1], kind) == current { previous -= 1 }
            position = previous
        }
        return position
    }

    /// `0`: the first unit of the hard line holding `index`.
    public static func lineStart(_ units: [TextUnit], from index: Int) -> Int {
        var position = min(max(0, index), max(0, units.count - 1))
        while position > 0 && !units[position - 1].isLineBreak { position -= 1 }
        return position
    }

    /// `$`: the last unit before the line break of the hard line holding `index`.
    public static func lineEnd(_ units: [TextUnit], from index: Int) -> Int {
        guard !units.isEmpty else { return 0 }
        var position = min(max(0, index), units.count - 1)
        while position + 1 < units.count && !units[position + 1].isLineBreak && !units[position].isLineBreak { position += 1 }
        return position
    }

    /// The unit holding code point `offset` (or the nearest before it).
    public static func unitIndex(_ units: [TextUnit], ofCodePoint offset: Int) -> Int {
        var low = 0, high = units.count - 1
        guard high >= 0 else { return 0 }
        while low < high {
            let middle = (low + high + 1) / 2
            if units[middle].codePoint <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
