/// Windows bitmaps: 1/2/4/8-bit palettes (and RLE4/RLE8), 16, 24 and 32 bits with masks.
enum BMPDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, path: String, budget: Int, into sink: inout some RowSink) throws(ImageError) {
        let header = try BMPHeader.parse(Array(bytes.prefix(256)), path: path)
        guard header.width * header.height <= budget else {
            throw .tooLarge(file: path, width: header.width, height: header.height, budget: budget)
        }
        var palette: [(UInt8, UInt8, UInt8)] = []
        for entry in 0..<header.paletteEntries {
            let at = header.paletteOffset + entry * header.paletteEntrySize
            guard at + 3 <= bytes.count else { throw .truncated(file: path, detail: "the BMP palette is cut short") }
            palette.append((bytes[at + 2], bytes[at + 1], bytes[at]))
        }
        let hasAlpha = header.alphaMask != 0
        sink.start(width: header.width, height: header.height, hasAlpha: hasAlpha)
        if header.compression == 1 || header.compression == 2 {
            let indices = try runLengthIndices(bytes, header: header, path: path)
            var row = [UInt8](repeating: 255, count: header.width * 4)
            for y in 0..<header.height {
                for x in 0..<header.width {
                    let color = palette[safe: Int(indices[y * header.width + x])] ?? (0, 0, 0)
                    row[x * 4] = color.0
                    row[x * 4 + 1] = color.1
                    row[x * 4 + 2] = color.2
                }
                row.withUnsafeBufferPointer { sink.rows($0, count: 1) }
            }
            return
        }
        guard header.dataOffset + header.rowBytes * header.height <= bytes.count else {
            throw .truncated(file: path, detail: "the pixel data ends early")
        }
        let masks = [header.redMask, header.greenMask, header.blueMask, header.alphaMask].map(MaskChannel.init)
        var row = [UInt8](repeating: 255, count: header.width * 4)
        for y in 0..<header.height {
            let storedRow = header.topDown ? y : header.height - 1 - y
            let start = header.dataOffset + storedRow * header.rowBytes
            for x in 0..<header.width {
                let (r, g, b, a): (UInt8, UInt8, UInt8, UInt8)
                switch header.bitsPerPixel {
                case 1, 2, 4, 8:
                    let bits = header.bitsPerPixel
                    let bitOffset = x * bits
                    let byte = bytes[start + bitOffset / 8]
                    let index = Int(byte >> UInt8(8 - bits - bitOffset % 8)) & ((1 << bits) - 1)
                    let color = palette[safe: index] ?? (0, 0, 0)
                    (r, g, b, a) = (color.0, color.1, color.2, 255)
                case 24 where header.compression == 0:
                    let at = start + x * 3
                    (r, g, b, a) = (bytes[at + 2], bytes[at + 1], bytes[at], 255)
                default:
                    let size = header.bitsPerPixel / 8
                    let at = start + x * size
                    var value: UInt32 = 0
                    for byte in 0..<size { value |= UInt32(bytes[at + byte]) << (8 * UInt32(byte)) }
                    (r, g, b) = (masks[0].value(value), masks[1].value(value), masks[2].value(value))
                    a = hasAlpha ? masks[3].value(value) : 255
                }
                row[x * 4] = r
                row[x * 4 + 1] = g
                row[x * 4 + 2] = b
                row[x * 4 + 3] = a
            }
            row.withUnsafeBufferPointer { sink.rows($0, count: 1) }
        }
    }

    /// Palette indices of an RLE4/RLE8 bitmap, top row first.
    static func runLengthIndices(_ bytes: UnsafeBufferPointer<UInt8>, header: BMPHeader, path: String) throws(ImageError) -> [UInt8] {
        var indices = [UInt8](repeating: 0, count: header.width * header.height)
        var x = 0, y = 0, at = header.dataOffset
        let four = header.compression == 2
        func put(_ index: UInt8) {
            guard x < header.width, y < header.height else { return }
            let row = header.topDown ? y : header.height - 1 - y
            indices[row * header.width + x] = index
            x += 1
        }
        while at + 1 < bytes.count {
            let count = Int(bytes[at]), value = bytes[at + 1]
            at += 2
            if count > 0 {
                for n in 0..<count { put(four ? (n % 2 == 0 ? value >> 4 : value & 0xF) : value) }
                continue
            }
            switch value {
            case 0: x = 0; y += 1
            case 1: return indices
            case 2:
                guard at + 1 < bytes.count else { throw .truncated(file: path, detail: "the run-length data ends early") }
                x += Int(bytes[at])
                y += Int(bytes[at + 1])
                at += 2
            default:
                let literal = Int(value)
                let size = four ? (literal + 1) / 2 : literal
                guard at + size <= bytes.count else { throw .truncated(file: path, detail: "the run-length data ends early") }
                for n in 0..<literal {
                    let byte = bytes[at + (four ? n / 2 : n)]
                    put(four ? (n % 2 == 0 ? byte >> 4 : byte & 0xF) : byte)
                }
                at += (size + 1) / 2 * 2
            }
        }
        throw .truncated(file: path, detail: "the run-length data ends without an end marker")
    }

    /// One channel of a bit-field pixel: where its bits are and how to scale them to 8 bits.
    struct MaskChannel {
        let mask: UInt32
        let shift: UInt32
        let maximum: UInt32

        init(_ mask: UInt32) {
            self.mask = mask
            shift = mask == 0 ? 0 : UInt32(mask.trailingZeroBitCount)
            maximum = mask == 0 ? 0 : mask >> shift
        }

        func value(_ pixel: UInt32) -> UInt8 {
            guard maximum > 0 else { return 0 }
            // In 64 bits: a 32-bit channel times 255 does not fit in 32 (masks come from the file).
            return UInt8(UInt64((pixel & mask) >> shift) * 255 / UInt64(maximum))
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
