/// Base64 (RFC 4648, with padding), for pictures embedded in JSON (labelme's masks).
enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The text of `bytes`.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let a = Int(bytes[index]), b = index + 1 < bytes.count ? Int(bytes[index + 1]) : 0, c = index + 2 < bytes.count ? Int(bytes[index + 2]) : 0
            let triple = a << 16 | b << 8 | c
            out.append(alphabet[triple >> 18 & 63])
            out.append(alphabet[triple >> 12 & 63])
            out.append(index + 1 < bytes.count ? alphabet[triple >> 6 & 63] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[triple & 63] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of `text` (blanks ignored), or nil when it is not base64.
    static func decode(_ text: String) -> [UInt8]? {
        var values: [Int] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(Int(byte) - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(Int(byte) - 97 + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(Int(byte) - 48 + 52)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): values.append(62)
            case UInt8(ascii: "/"), UInt8(ascii: "_"): values.append(63)
            case UInt8(ascii: "="), 0x20, 0x0A, 0x0D, 0x09: continue
            default: return nil
            }
        }
        guard values.count % 4 != 1 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index < values.count {
            let group = values[index..<min(index + 4, values.count)]
            var accumulated = 0
            for value in group { accumulated = accumulated << 6 | value }
            accumulated <<= 6 * (4 - group.count)
            let produced = group.count - 1
            for shift in [16, 8, 0].prefix(produced) { bytes.append(UInt8(accumulated >> shift & 0xff)) }
            index += 4
        }
        return bytes
    }
}
