import CImageCodecs
import CLibPNG  // links libpng (module maps link only where they are imported)

/// PNG through libpng: 1–16 bits, grey, palette, alpha, transparency, interlaced. Non-interlaced
/// files are streamed row by row; interlaced ones need the whole picture in memory.
enum PNGDecoder {
    static func decode(_ buffer: UnsafeBufferPointer<UInt8>, path: String, budget: Int, into sink: inout some RowSink) throws(ImageError) {
        var message = [CChar](repeating: 0, count: 256)
        guard let base = buffer.baseAddress, let png = tl_png_open(base, buffer.count, &message, message.count) else {
            throw classify(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), path: path)
        }
        defer { tl_png_close(png) }
        var width: Int32 = 0, height: Int32 = 0, depth: Int32 = 0, colorType: Int32 = 0, interlaced: Int32 = 0
        tl_png_info(png, &width, &height, &depth, &colorType, &interlaced)
        guard Int(width) * Int(height) <= budget else {
            throw .tooLarge(file: path, width: Int(width), height: Int(height), budget: budget)
        }
        let hasAlpha = tl_png_has_alpha(png) != 0
        guard tl_png_start(png) == 0 else { throw classify(String(cString: tl_png_error(png)), path: path) }
        let columns = Int(width), rows = Int(height), rowBytes = columns * 4
        sink.start(width: columns, height: rows, hasAlpha: hasAlpha)
        if interlaced != 0 {
            var whole = [UInt8](repeating: 0, count: rowBytes * rows)
            let status = whole.withUnsafeMutableBufferPointer { target -> Int32 in
                guard let base = target.baseAddress else { return -1 }
                return tl_png_read_image(png, base, rowBytes)
            }
            guard status == 0 else { throw classify(String(cString: tl_png_error(png)), path: path) }
            whole.withUnsafeBufferPointer { sink.rows($0, count: rows) }
            return
        }
        let batch = 16
        var chunk = [UInt8](repeating: 0, count: rowBytes * batch)
        var done = 0
        while done < rows {
            let wanted = min(batch, rows - done)
            let got = chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                guard let base = target.baseAddress else { return -1 }
                return tl_png_read_rows(png, base, Int32(wanted), rowBytes)
            }
            guard got == wanted else { throw classify(String(cString: tl_png_error(png)), path: path) }
            chunk.withUnsafeBufferPointer { sink.rows($0, count: wanted) }
            done += wanted
        }
    }

    static func classify(_ message: String, path: String) -> ImageError {
        if message.contains("ends before") || message.contains("Not enough") || message.contains("Read Error") {
            return .truncated(file: path, detail: message)
        }
        return .corrupt(file: path, detail: message.isEmpty ? "libpng could not read it" : message)
    }
}
