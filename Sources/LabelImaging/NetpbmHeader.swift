/// The header of a PBM/PGM/PPM file (`P1`…`P6`).
struct NetpbmHeader: Equatable {
    /// 1…6 from the magic number.
    let variant: Int
    let width: Int
    let height: Int
    /// The largest sample value (1 for bitmaps).
    let maxValue: Int
    /// Where the pixel data starts.
    let dataOffset: Int

    var isBinary: Bool { variant >= 4 }
    var channels: Int { variant == 3 || variant == 6 ? 3 : 1 }
    var isBitmap: Bool { variant == 1 || variant == 4 }

    static func parse(_ bytes: [UInt8], path: String) throws(ImageError) -> NetpbmHeader {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P"), let variant = Int(exactly: bytes[1]) .map({ $0 - 48 }),
              (1...6).contains(variant) else { throw .unknownFormat(file: path) }
        var index = 2
        func number() throws(ImageError) -> Int {
            // Whitespace and `#` comments may stand between the fields.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "#") {
                    while index < bytes.count && bytes[index] != 0x0A && bytes[index] != 0x0D { index += 1 }
                } else if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    index += 1
                } else {
                    break
                }
            }
            var value = 0, digits = 0
            while index < bytes.count, (48...57).contains(bytes[index]) {
                value = value * 10 + Int(bytes[index] - 48)
                digits += 1
                index += 1
                if value > 1 << 30 { throw .corrupt(file: path, detail: "a header number is absurdly large") }
            }
            guard digits > 0 else {
                if index >= bytes.count { throw .truncated(file: path, detail: "the header ends early") }
                throw .corrupt(file: path, detail: "expected a number in the header at byte \(index)")
            }
            return value
        }
        let width = try number(), height = try number()
        let maxValue = variant == 1 || variant == 4 ? 1 : try number()
        guard width > 0, height > 0 else { throw .corrupt(file: path, detail: "the header claims a size of \(width)×\(height)") }
        guard (1...65_535).contains(maxValue) else { throw .corrupt(file: path, detail: "the largest sample value \(maxValue) is not in 1…65535") }
        // Exactly one whitespace byte separates the header from binary data.
        guard index < bytes.count || !(variant >= 4) else { throw .truncated(file: path, detail: "no pixel data") }
        return NetpbmHeader(variant: variant, width: width, height: height, maxValue: maxValue, dataOffset: min(index + 1, bytes.count))
    }
}
