/// Making untrusted text harmless to show: every code point that could drive a terminal
/// (C0/C1 controls, DEL, and so escape sequences) or hide or reorder text (bidi overrides and
/// isolates, zero-width and other format characters, line/paragraph separators) is shown as a
/// visible placeholder instead, like `^[` or `<U+202E>`.
public enum InertText {
    /// The placeholder for `scalar`, or nil if it may be shown as it is.
    /// Tab and line feed are not handled here: layout expands and breaks on them.
    public static func placeholder(for scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x00..<0x20: return "^" + String(Character(Unicode.Scalar(UInt8(value + 0x40))))
        case 0x7F: return "^?"
        case 0x20..<0x7F: return nil
        case 0x80...0x9F: return codeName(value)
        case 0xFFFE, 0xFFFF, 0xFDD0...0xFDEF: return codeName(value)
        default:
            if value & 0xFFFE == 0xFFFE { return codeName(value) }
            switch scalar.properties.generalCategory {
            case .format, .lineSeparator, .paragraphSeparator, .control, .surrogate: return codeName(value)
            default: return nil
            }
        }
    }

    /// `<U+202E>`-style name of a code point.
    public static func codeName(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    /// The placeholder for bytes that are not UTF-8, e.g. `\xE2\x82`.
    public static func placeholder(forInvalidBytes bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789ABCDEF")
        return bytes.map { "\\x" + String([digits[Int($0 >> 4)], digits[Int($0 & 0xF)]]) }.joined()
    }

    /// Whether `scalar` may stay inside a grapheme cluster: the zero-width joiner and emoji tag
    /// characters are format characters that are legitimate in emoji sequences.
    static func allowedInEmojiSequence(_ scalar: Unicode.Scalar, clusterStart: Unicode.Scalar) -> Bool {
        guard clusterStart.properties.isEmoji else { return false }
        return scalar.value == 0x200D || (0xE0020...0xE007F).contains(scalar.value)
    }

    /// `text` with every unsafe code point replaced by its placeholder (for one-line labels,
    /// file names and notes drawn outside the text view).
    public static func sanitized(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            let scalars = character.unicodeScalars
            guard let first = scalars.first else { continue }
            if scalars.allSatisfy({ placeholder(for: $0) == nil || ($0 != first && allowedInEmojiSequence($0, clusterStart: first)) }) {
                result.append(character)
            } else {
                for scalar in scalars {
                    if let shown = placeholder(for: scalar), !(scalar != first && allowedInEmojiSequence(scalar, clusterStart: first)) {
                        result += shown
                    } else {
                        result.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        return result
    }
}
