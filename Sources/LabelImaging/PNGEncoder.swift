import CImageCodecs

/// Writes pictures as PNG (through libpng), for generated datasets and tests.
public enum PNGEncoder {
    /// Writes `image` to `path`.
    public static func write(_ image: PixelImage, to path: String) throws(ImageError) {
        var message = [CChar](repeating: 0, count: 256)
        let status = image.pixels.withUnsafeBufferPointer { pixels -> Int32 in
            guard let base = pixels.baseAddress else { return -1 }
            return tl_png_write_rgba(path, Int32(image.width), Int32(image.height), base, image.width * 4, &message, message.count)
        }
        guard status == 0 else {
            throw .cannotOpen(file: path, reason: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
    }
}
