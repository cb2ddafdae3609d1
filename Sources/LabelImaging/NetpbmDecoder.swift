/// PBM, PGM and PPM, plain (ASCII) and raw (binary), 8 and 16 bits.
enum NetpbmDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, path: String, budget: Int, into sink: inout some RowSink) throws(ImageError) {
        let header = try NetpbmHeader.parse(Array(bytes.prefix(4096)), path: path)
        guard header.width * header.height <= budget else {
            throw .tooLarge(file: path, width: header.width, height: header.height, budget: budget)
        }
        sink.start(width: header.width, height: header.height, hasAlpha: false)
        var row = [UInt8](repeating: 255, count: header.width * 4)
        var reader = SampleReader(bytes: bytes, offset: header.dataOffset, header: header, path: path)
        for _ in 0..<header.height {
            if header.variant == 4 {
                try reader.bitmapRow(into: &row, width: header.width)
            } else {
                for x in 0..<header.width {
                    let first = try reader.sample()
                    let value = header.channels == 3 ? (first, try reader.sample(), try reader.sample()) : (first, first, first)
                    row[x * 4] = value.0
                    row[x * 4 + 1] = value.1
                    row[x * 4 + 2] = value.2
                }
            }
            row.withUnsafeBufferPointer { sink.rows($0, count: 1) }
        }
    }

    /// Reads samples scaled to 0…255, from raw bytes or from ASCII numbers.
    struct SampleReader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset: Int
        let header: NetpbmHeader
        let path: String

        mutating func sample() throws(ImageError) -> UInt8 {
            let value: Int
            if header.isBinary {
                let size = header.maxValue > 255 ? 2 : 1
                guard offset + size <= bytes.count else { throw .truncated(file: path, detail: "the pixel data ends early") }
                value = size == 2 ? Int(bytes[offset]) << 8 | Int(bytes[offset + 1]) : Int(bytes[offset])
                offset += size
            } else {
                value = try asciiNumber()
            }
            if header.isBitmap { return value == 0 ? 255 : 0 }
            return UInt8(min(255, (value * 255 + header.maxValue / 2) / header.maxValue))
        }

        mutating func asciiNumber() throws(ImageError) -> Int {
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "#") {
                    while offset < bytes.count && bytes[offset] != 0x0A { offset += 1 }
                } else if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    offset += 1
                } else {
                    break
                }
            }
            guard offset < bytes.count else { throw .truncated(file: path, detail: "the pixel data ends early") }
            // Plain PBM pixels are single digits that need no space between them.
            if header.isBitmap {
                let byte = bytes[offset]
                guard byte == 0x30 || byte == 0x31 else { throw .corrupt(file: path, detail: "expected 0 or 1 at byte \(offset)") }
                offset += 1
                return Int(byte - 0x30)
            }
            var value = 0, digits = 0
            while offset < bytes.count, (0x30...0x39).contains(bytes[offset]) {
                value = min(value * 10 + Int(bytes[offset] - 0x30), 1 << 20)
                offset += 1
                digits += 1
            }
            guard digits > 0 else { throw .corrupt(file: path, detail: "expected a number at byte \(offset)") }
            guard value <= header.maxValue else { throw .corrupt(file: path, detail: "sample \(value) is above the maximum \(header.maxValue)") }
            return value
        }

        mutating func bitmapRow(into row: inout [UInt8], width: Int) throws(ImageError) {
            let rowBytes = (width + 7) / 8
            guard offset + rowBytes <= bytes.count else { throw .truncated(file: path, detail: "the pixel data ends early") }
            for x in 0..<width {
                let bit = bytes[offset + x / 8] >> (7 - UInt8(x % 8)) & 1
                let value: UInt8 = bit == 1 ? 0 : 255
                row[x * 4] = value
                row[x * 4 + 1] = value
                row[x * 4 + 2] = value
            }
            offset += rowBytes
        }
    }
}
