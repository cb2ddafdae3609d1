/// Finding where a byte sequence stops being well-formed UTF-8, so errors can point at the byte.
public enum UTF8Validation {
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
            let length: Int
            var lowerBound: UInt8 = 0x80, upperBound: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upperBound = 0x9F
            case 0xF0: length = 4; lowerBound = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upperBound = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= lowerBound && second <= upperBound else { return index }
            for offset in 2..<max(length, 2) where bytes[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }

    /// The length of the maximal ill-formed subsequence at the start of `bytes` (which must not
    /// start with a well-formed character): the bytes one U+FFFD replaces, as in Unicode's
    /// recommended practice, which Python and Swift follow.
    public static func maximalInvalidLength(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let lead = bytes.first else { return 0 }
        var length: Int
        var lowerBound: UInt8 = 0x80, upperBound: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperBound = 0x9F
        case 0xF0: length = 4; lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperBound = 0x8F
        default: return 1
        }
        var count = 1
        while count < length && count < bytes.count {
            let byte = bytes[count]
            let valid = count == 1 ? (byte >= lowerBound && byte <= upperBound) : (byte & 0xC0 == 0x80)
            guard valid else { break }
            count += 1
        }
        length = count
        return max(1, min(length, bytes.count))
    }

    /// The offset of the first ill-formed byte in `bytes`, or nil if all is valid UTF-8.
    public static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidOffset(in: $0) }
    }
}
