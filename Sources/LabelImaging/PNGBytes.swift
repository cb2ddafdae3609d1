import CImageCodecs
import LabelCells
import LabelCore

/// PNG files in memory: masks embedded in other tools' files (labelme's base64 masks) and
/// palette-indexed label pictures (Pascal VOC's segmentation PNGs).
public enum PNGBytes {
    /// The PNG of `rows` (`channels` bytes a pixel: 1 grey, 3 RGB, 4 RGBA), or of palette
    /// indices (one byte a pixel) when `palette` (RGB colours, at most 256) is given.
    public static func encode(width: Int, height: Int, channels: Int, rows: [UInt8], palette: [RGB]? = nil) throws(ImageError) -> [UInt8] {
        var message = [CChar](repeating: 0, count: 256)
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        let flatPalette = palette?.flatMap { [$0.red, $0.green, $0.blue] }
        let status = rows.withUnsafeBufferPointer { pixels -> Int32 in
            guard let base = pixels.baseAddress else { return -1 }
            if let flatPalette {
                return flatPalette.withUnsafeBufferPointer { colors in
                    tl_png_encode(&output, &size, Int32(width), Int32(height), 1, base, width, colors.baseAddress, Int32(flatPalette.count / 3), &message, message.count)
                }
            }
            return tl_png_encode(&output, &size, Int32(width), Int32(height), Int32(channels), base, width * channels, nil, 0, &message, message.count)
        }
        guard status == 0, let output else {
            throw .corrupt(file: "PNG in memory", detail: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        defer { tl_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }

    /// The picture in PNG bytes; `origin` names where they came from in errors.
    public static func decode(_ bytes: [UInt8], origin: String) throws(ImageError) -> PixelImage {
        var sink = CollectingSink()
        let result: Result<Void, ImageError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(ImageError) {
                try PNGDecoder.decode(buffer, path: origin, budget: 1 << 28, into: &sink)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
        return sink.image
    }
}

