/// The headers of a Windows bitmap: size, depth, compression, palette and channel masks.
struct BMPHeader: Equatable {
    let width: Int
    let height: Int
    /// Rows are stored top row first (negative height in the file).
    let topDown: Bool
    let bitsPerPixel: Int
    /// 0 none, 1 RLE8, 2 RLE4, 3 bit fields, 6 alpha bit fields.
    let compression: Int
    let dataOffset: Int
    let paletteOffset: Int
    let paletteEntries: Int
    /// Bytes per palette entry (3 for the old core header, else 4).
    let paletteEntrySize: Int
    let redMask: UInt32
    let greenMask: UInt32
    let blueMask: UInt32
    let alphaMask: UInt32

    /// Bytes per stored row (rows are padded to four bytes).
    var rowBytes: Int { (width * bitsPerPixel + 31) / 32 * 4 }

    static func parse(_ bytes: [UInt8], path: String) throws(ImageError) -> BMPHeader {
        guard bytes.count >= 26 else { throw .truncated(file: path, detail: "the BMP header is cut short") }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        let dataOffset = Int(u32(10))
        let infoSize = Int(u32(14))
        if infoSize == 12 {
            let width = u16(18), height = u16(20), bits = u16(24)
            guard width > 0, height > 0 else { throw .corrupt(file: path, detail: "the BMP claims a size of \(width)×\(height)") }
            guard [1, 4, 8, 24].contains(bits) else { throw .unsupported(file: path, detail: "\(bits) bits per pixel") }
            return BMPHeader(width: width, height: height, topDown: false, bitsPerPixel: bits, compression: 0, dataOffset: dataOffset,
                             paletteOffset: 26, paletteEntries: bits <= 8 ? 1 << bits : 0, paletteEntrySize: 3,
                             redMask: 0, greenMask: 0, blueMask: 0, alphaMask: 0)
        }
        guard infoSize >= 40 else { throw .unsupported(file: path, detail: "a BMP info header of \(infoSize) bytes") }
        guard bytes.count >= 54 else { throw .truncated(file: path, detail: "the BMP header is cut short") }
        let width = Int(Int32(bitPattern: u32(18)))
        let rawHeight = Int(Int32(bitPattern: u32(22)))
        let bits = u16(28)
        let compression = Int(u32(30))
        let colorsUsed = Int(u32(46))
        guard width > 0, rawHeight != 0, rawHeight != Int(Int32.min) else {
            throw .corrupt(file: path, detail: "the BMP claims a size of \(width)×\(rawHeight)")
        }
        guard [1, 2, 4, 8, 16, 24, 32].contains(bits) else { throw .unsupported(file: path, detail: "\(bits) bits per pixel") }
        guard [0, 1, 2, 3, 6].contains(compression) else {
            throw .unsupported(file: path, detail: "BMP compression \(compression) (JPEG or PNG inside a BMP)")
        }
        guard compression != 1 || bits == 8, compression != 2 || bits == 4 else {
            throw .corrupt(file: path, detail: "run-length compression with \(bits) bits per pixel")
        }
        // Masks follow the 40-byte header (or sit inside larger ones) at the same offset.
        var masks: (UInt32, UInt32, UInt32, UInt32)
        if compression == 3 || compression == 6 {
            guard bytes.count >= 66 else { throw .truncated(file: path, detail: "the BMP colour masks are cut short") }
            let alpha = (infoSize >= 56 || compression == 6) && bytes.count >= 70 ? u32(66) : 0
            masks = (u32(54), u32(58), u32(62), alpha)
        } else if bits == 16 {
            masks = (0x7C00, 0x03E0, 0x001F, 0)
        } else {
            masks = (0x00FF_0000, 0x0000_FF00, 0x0000_00FF, 0)
        }
        let extraMasks = infoSize == 40 ? (compression == 3 ? 12 : compression == 6 ? 16 : 0) : 0
        let entries = bits <= 8 ? (colorsUsed > 0 ? min(colorsUsed, 1 << bits) : 1 << bits) : 0
        return BMPHeader(width: width, height: abs(rawHeight), topDown: rawHeight < 0, bitsPerPixel: bits, compression: compression,
                         dataOffset: dataOffset, paletteOffset: 14 + infoSize + extraMasks, paletteEntries: entries, paletteEntrySize: 4,
                         redMask: masks.0, greenMask: masks.1, blueMask: masks.2, alphaMask: masks.3)
    }
}
