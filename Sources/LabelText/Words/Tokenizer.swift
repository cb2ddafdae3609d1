/// Splits text into tokens for snapping spans and for CoNLL export: runs of letters, digits
/// and marks (with `_`, and decimal points or commas between digits) are tokens; every other
/// non-blank character (punctuation, a CJK character, an emoji) is a token of its own.
public enum Tokenizer {
    /// The tokens of `text`, as code-point ranges.
    public static func tokens(in text: String) -> [Range<Int>] {
        tokens(in: TextUnit.units(of: text))
    }

    /// The tokens of some text units, as code-point ranges.
    public static func tokens(in units: [TextUnit]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = 0
        while index < units.count {
            let unit = units[index]
            switch unit.characterClass {
            case .blank:
                index += 1
            case .word:
                let start = index
                index += 1
                while index < units.count {
                    if units[index].characterClass == .word { index += 1; continue }
                    // 3.14 and 1,000 stay whole.
                    if index + 1 < units.count, units[index].characterClass == .punctuation, units[index].codePointCount == 1,
                       units[index + 1].characterClass == .word, isDigit(units, index - 1), isDigit(units, index + 1),
                       separatorInNumber(units[index]) {
                        index += 2
                        continue
                    }
                    break
                }
                result.append(units[start].codePoint..<units[index - 1].codePoints.upperBound)
            default:
                result.append(unit.codePoints)
                index += 1
            }
        }
        return result
    }

    static func isDigit(_ units: [TextUnit], _ index: Int) -> Bool {
        guard units.indices.contains(index) else { return false }
        return units[index].scalar.properties.numericType == .decimal
    }

    static func separatorInNumber(_ unit: TextUnit) -> Bool { unit.scalar == "." || unit.scalar == "," }

    /// The smallest span made of whole tokens that covers `range` (unchanged if no token overlaps).
    public static func snap(_ range: Range<Int>, to tokens: [Range<Int>]) -> Range<Int> {
        let touched = tokens.filter { $0.overlaps(range) || (range.isEmpty && $0.contains(range.lowerBound)) }
        guard let first = touched.first, let last = touched.last else { return range }
        // Exactly the touched tokens: blanks selected beyond them are left out, so a snapped span
        // never starts or ends on whitespace (spaCy's char_span refuses such spans).
        return first.lowerBound..<last.upperBound
    }
}
