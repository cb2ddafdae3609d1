import CImageCodecs
import CLibJPEG  // links libjpeg (module maps link only where they are imported)

/// JPEG through libjpeg-turbo: baseline, progressive, greyscale and CMYK, decoded at 1/2, 1/4
/// or 1/8 scale in the DCT domain when fewer pixels are needed.
enum JPEGDecoder {
    static func decode(_ buffer: UnsafeBufferPointer<UInt8>, path: String, budget: Int, reduction: (Int, Int) -> Int, into sink: inout some RowSink) throws(ImageError) {
        var message = [CChar](repeating: 0, count: 256)
        guard let base = buffer.baseAddress, let jpeg = tl_jpeg_open(base, buffer.count, &message, message.count) else {
            throw classify(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), path: path)
        }
        defer { tl_jpeg_close(jpeg) }
        var width: Int32 = 0, height: Int32 = 0, components: Int32 = 0, progressive: Int32 = 0
        tl_jpeg_info(jpeg, &width, &height, &components, &progressive)
        guard Int(width) * Int(height) <= budget else {
            throw .tooLarge(file: path, width: Int(width), height: Int(height), budget: budget)
        }
        let denominator = reduction(Int(width), Int(height))
        var outWidth: Int32 = 0, outHeight: Int32 = 0, outComponents: Int32 = 0, inverted: Int32 = 0
        guard tl_jpeg_start(jpeg, Int32(denominator), denominator > 1 ? 1 : 0, &outWidth, &outHeight, &outComponents, &inverted) == 0 else {
            throw classify(String(cString: tl_jpeg_error(jpeg)), path: path)
        }
        let columns = Int(outWidth), channels = Int(outComponents), batch = 16
        sink.start(width: columns, height: Int(outHeight), hasAlpha: false)
        var raw = [UInt8](repeating: 0, count: columns * channels * batch)
        var rgba = [UInt8](repeating: 255, count: columns * 4 * batch)
        var done = 0
        while done < Int(outHeight) {
            let got = raw.withUnsafeMutableBufferPointer { target -> Int32 in
                guard let base = target.baseAddress else { return -1 }
                return tl_jpeg_read_rows(jpeg, base, Int32(batch), columns * channels)
            }
            guard got > 0 else {
                if got == 0 { throw .truncated(file: path, detail: "the data ends before the picture does") }
                throw classify(String(cString: tl_jpeg_error(jpeg)), path: path)
            }
            toRGBA(raw, &rgba, pixels: columns * Int(got), channels: channels, invertedCMYK: inverted != 0)
            rgba.withUnsafeBufferPointer { sink.rows($0, count: Int(got)) }
            done += Int(got)
        }
    }

    static func toRGBA(_ raw: [UInt8], _ rgba: inout [UInt8], pixels: Int, channels: Int, invertedCMYK: Bool) {
        raw.withUnsafeBufferPointer { source in
            rgba.withUnsafeMutableBufferPointer { target in
                switch channels {
                case 3:
                    for index in 0..<pixels {
                        target[index * 4] = source[index * 3]
                        target[index * 4 + 1] = source[index * 3 + 1]
                        target[index * 4 + 2] = source[index * 3 + 2]
                    }
                case 4:
                    // CMYK to RGB; Adobe files store the inks inverted (255 = no ink).
                    for index in 0..<pixels {
                        var c = Int(source[index * 4]), m = Int(source[index * 4 + 1])
                        var y = Int(source[index * 4 + 2]), k = Int(source[index * 4 + 3])
                        if !invertedCMYK { c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k }
                        target[index * 4] = UInt8((c * k + 127) / 255)
                        target[index * 4 + 1] = UInt8((m * k + 127) / 255)
                        target[index * 4 + 2] = UInt8((y * k + 127) / 255)
                    }
                default:
                    for index in 0..<pixels {
                        let grey = source[index * channels]
                        target[index * 4] = grey
                        target[index * 4 + 1] = grey
                        target[index * 4 + 2] = grey
                    }
                }
            }
        }
    }

    static func classify(_ message: String, path: String) -> ImageError {
        if message.contains("ends before") || message.contains("Premature end") || message.contains("empty") {
            return .truncated(file: path, detail: message)
        }
        return .corrupt(file: path, detail: message.isEmpty ? "libjpeg could not read it" : message)
    }
}
