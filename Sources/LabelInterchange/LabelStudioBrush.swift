import LabelCore

/// Label Studio's brush masks: its own run-length code (after thi.ng's rle-pack) of the RGBA
/// picture, rows top to bottom, as a bit stream read most significant bit first — a 32-bit
/// count of values, the word size less one in 5 bits, four run-length widths less one in 4 bits
/// each, then chunks: a 1 bit, the width's index in 2 bits and a run's length less one, then one
/// word repeated; or a 0 bit, the same length, and that many words. A pixel is on when its alpha
/// is at least 128.
public enum LabelStudioBrush {
    static let runWidths = [3, 4, 8, 16]

    /// The on pixels of a brush code for a `width`×`height` picture, or nil when the code is cut
    /// short or holds another number of values than the picture's RGBA bytes.
    public static func bitmap(_ code: [UInt8], width: Int, height: Int) -> Bitmap? {
        var reader = BitReader(bytes: code)
        guard width > 0, height > 0, width <= 1 << 15, height <= 1 << 15, width * height <= Bitmap.pixelLimit,
              let count = reader.read(32), count == width * height * 4,
              let wordSizeLessOne = reader.read(5) else { return nil }
        var widths: [Int] = []
        for _ in 0..<4 {
            guard let value = reader.read(4) else { return nil }
            widths.append(value + 1)
        }
        let wordSize = wordSizeLessOne + 1
        var bitmap = Bitmap(height: height, width: width)
        var index = 0
        func put(_ value: Int, at position: Int) {
            // Only the alpha byte of each pixel says whether it is painted.
            if position % 4 == 3, value >= 128 { bitmap[(position / 4) % width, position / 4 / width] = true }
        }
        while index < count {
            guard let repeated = reader.read(1), let widthIndex = reader.read(2), let lengthLessOne = reader.read(widths[widthIndex]) else { return nil }
            let end = min(count, index + 1 + lengthLessOne)
            if repeated == 1 {
                guard let value = reader.read(wordSize) else { return nil }
                // A run of alpha bytes lands on every fourth position.
                var position = index + ((3 - index % 4) + 4) % 4
                if value >= 128 { while position < end { put(value, at: position); position += 4 } }
                index = end
            } else {
                while index < end {
                    guard let value = reader.read(wordSize) else { return nil }
                    put(value, at: index)
                    index += 1
                }
            }
        }
        return bitmap
    }

    /// The brush code of `bitmap`: each pixel's four bytes 255 when on, 0 when off (as Label
    /// Studio's converter writes a mask).
    public static func code(_ bitmap: Bitmap) -> [UInt8] {
        var writer = BitWriter()
        writer.write(bitmap.width * bitmap.height * 4, bits: 32)
        writer.write(8 - 1, bits: 5)
        for width in runWidths { writer.write(width - 1, bits: 4) }
        var value = -1, length = 0
        func flush() {
            var left = length
            while left > 0 {
                let chunk = min(left, 1 << 16)
                let widthIndex = runWidths.firstIndex { chunk - 1 < 1 << $0 } ?? 3
                writer.write(1, bits: 1)
                writer.write(widthIndex, bits: 2)
                writer.write(chunk - 1, bits: runWidths[widthIndex])
                writer.write(value, bits: 8)
                left -= chunk
            }
        }
        for pixel in bitmap.pixels {
            let byte = pixel != 0 ? 255 : 0
            if byte == value { length += 4 } else {
                flush()
                value = byte
                length = 4
            }
        }
        flush()
        return writer.bytes
    }
}

/// Reads numbers of any bit width from bytes, most significant bit first.
struct BitReader {
    let bytes: [UInt8]
    var position = 0

    /// The next `count` bits as a number, or nil past the end.
    mutating func read(_ count: Int) -> Int? {
        guard position + count <= bytes.count * 8 else { return nil }
        var value = 0
        for _ in 0..<count {
            let bit = (bytes[position / 8] >> (7 - UInt8(position % 8))) & 1
            value = value << 1 | Int(bit)
            position += 1
        }
        return value
    }
}

/// Writes numbers of any bit width into bytes, most significant bit first (the last byte padded with zeros).
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var used = 8

    /// Appends the low `count` bits of `value`.
    mutating func write(_ value: Int, bits count: Int) {
        for shift in stride(from: count - 1, through: 0, by: -1) {
            if used == 8 {
                bytes.append(0)
                used = 0
            }
            if (value >> shift) & 1 == 1 { bytes[bytes.count - 1] |= 0x80 >> UInt8(used) }
            used += 1
        }
    }
}
