/// Finding where a byte sequence stops being well-formed UTF-8, so errors can point at the byte.
public enum UTF8Validation {
    /// What a lead byte requires: the sequence length and the allowed range of the second byte
    /// (the rest must be 0x80…0xBF). Nil for bytes that can never start a sequence.
    static func rule(forLead lead: UInt8) -> (length: Int, second: ClosedRange<UInt8>)? {
        switch lead {
        case 0x00..<0x80: return (1, 0x80...0xBF)
        case 0xC2...0xDF: return (2, 0x80...0xBF)
        case 0xE0: return (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (3, 0x80...0xBF)
        case 0xED: return (3, 0x80...0x9F)
        case 0xF0: return (4, 0x90...0xBF)
        case 0xF1...0xF3: return (4, 0x80...0xBF)
        case 0xF4: return (4, 0x80...0x8F)
        default: return nil
        }
    }

    /// How many bytes from the start of `bytes` follow the rule of its lead byte (at most the
    /// sequence length): the whole length for a well-formed character.
    static func conformingPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ rule: (length: Int, second: ClosedRange<UInt8>)) -> Int {
        var count = 1
        while count < rule.length && count < bytes.count {
            let byte = bytes[count]
            guard count == 1 ? rule.second.contains(byte) : byte & 0xC0 == 0x80 else { break }
            count += 1
        }
        return count
    }

    /// The length of the maximal ill-formed subsequence at the start of `bytes` (which must not
    /// start with a well-formed character): the bytes one U+FFFD replaces, as in Unicode's
    /// recommended practice, which Python and Swift follow.
    public static func maximalInvalidLength(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let lead = bytes.first else { return 0 }
        guard let rule = rule(forLead: lead), rule.length > 1 else { return 1 }
        return max(1, conformingPrefix(bytes, rule))
    }

    /// The offset of the first byte that starts an ill-formed sequence, or nil if all is valid.
    public static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        while index < count {
            // Eight ASCII bytes at a time.
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            guard index < count else { break }
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            guard let rule = rule(forLead: lead) else { return index }
            let rest = UnsafeBufferPointer(rebasing: bytes[index...])
            guard conformingPrefix(rest, rule) == rule.length else { return index }
            index += rule.length
        }
        return nil
    }

    /// The offset of the first ill-formed byte in `bytes`, or nil if all is valid UTF-8.
    public static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidOffset(in: $0) }
    }
}
