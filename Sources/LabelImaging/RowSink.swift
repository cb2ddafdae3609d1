/// Where a decoder puts its RGBA rows, top to bottom, in the stored orientation.
protocol RowSink {
    /// Called once, before any row, with the size of the rows to come.
    mutating func start(width: Int, height: Int, hasAlpha: Bool)
    /// The next `count` rows, `width * 4` bytes each.
    mutating func rows(_ buffer: UnsafeBufferPointer<UInt8>, count: Int)
}

/// Collects every row into a picture.
struct CollectingSink: RowSink {
    var image = PixelImage(width: 0, height: 0, pixels: [])
    private var filled = 0

    mutating func start(width: Int, height: Int, hasAlpha: Bool) {
        image = PixelImage(width: width, height: height, pixels: [UInt8](repeating: 0, count: width * height * 4), hasAlpha: hasAlpha)
        filled = 0
    }

    mutating func rows(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) {
        let bytes = min(count * image.width * 4, image.pixels.count - filled)
        guard bytes > 0, let source = buffer.baseAddress else { return }
        image.pixels.withUnsafeMutableBufferPointer { target in
            if let base = target.baseAddress { (base + filled).update(from: source, count: bytes) }
        }
        filled += bytes
    }
}

/// Area-averages rows straight into a small picture of a fixed size (in stored orientation).
struct ReducingSink: RowSink {
    let outputWidth: Int
    let outputHeight: Int
    var reducer: StreamingReducer?

    init(outputWidth: Int, outputHeight: Int) {
        self.outputWidth = outputWidth
        self.outputHeight = outputHeight
    }

    mutating func start(width: Int, height: Int, hasAlpha: Bool) {
        reducer = StreamingReducer(inputWidth: width, inputHeight: height, outputWidth: outputWidth, outputHeight: outputHeight, hasAlpha: hasAlpha)
    }

    mutating func rows(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) {
        reducer?.consume(rows: buffer, count: count)
    }

    mutating func finish() -> PixelImage {
        reducer?.finish() ?? PixelImage(width: 0, height: 0, pixels: [])
    }
}
