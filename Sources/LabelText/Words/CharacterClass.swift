/// Kinds of characters for word motions, as vim sees them: blanks separate words; a word is a
/// run of one class (letters and digits, or punctuation, or one CJK script).
public enum CharacterClass: Int, Hashable, Sendable {
    case blank
    case punctuation
    case word
    case han
    case hiragana
    case katakana
    case emoji

    /// The class of a grapheme cluster, from its first code point.
    public init(_ character: Character) {
        guard let scalar = character.unicodeScalars.first else { self = .blank; return }
        self.init(scalar)
    }

    /// The class of a code point.
    public init(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20: self = .blank
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: self = .word
            case 0x00..<0x20, 0x7F: self = .punctuation
            default: self = .punctuation
            }
            return
        }
        let properties = scalar.properties
        if properties.isWhitespace { self = .blank; return }
        switch value {
        case 0x3040...0x309F: self = .hiragana; return
        case 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: self = .katakana; return
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: self = .han; return
        default: break
        }
        if properties.isEmojiPresentation || (properties.isEmoji && value > 0x2000 && !properties.isAlphabetic) { self = .emoji; return }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation:
            self = .word
        default:
            self = .punctuation
        }
    }
}
