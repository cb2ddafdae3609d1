/// How a cell's grapheme cluster splits between ncurses and the terminal.
enum GraphemeCells {
    /// The scalars ncurses can hold in one cell: the first, and the combining marks and joiners
    /// after it up to the next scalar that takes room of its own (an emoji, a skin tone, a
    /// regional indicator).
    static func ncursesPart(of text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if result.isEmpty { result.append(scalar); continue }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark:
                result.append(scalar)
            case .format where scalar.value != 0x200D:
                result.append(scalar)
            default:
                // A ZWJ is only worth keeping with what it joins; variation selectors are marks.
                if (0xFE00...0xFE0F).contains(scalar.value) { result.append(scalar); continue }
                return result
            }
        }
        return result
    }
}
