import LabelCore

/// A decoded picture, upright, possibly reduced from its full size.
public struct DecodedPicture: Sendable {
    /// The pixels, in upright orientation.
    public let image: PixelImage
    /// The full upright size: what box coordinates are measured in.
    public let fullSize: ImageSize
    /// How many full-size pixels one pixel of `image` stands for along each axis (1, 2, 4, 8).
    public let reduction: Int

    /// A picture of `fullSize` held as `image`, reduced by `reduction` (pictures made in memory).
    public init(image: PixelImage, fullSize: ImageSize, reduction: Int) {
        self.image = image
        self.fullSize = fullSize
        self.reduction = reduction
    }
}

/// Reads pictures of every supported format into upright RGBA, refusing anything whose header
/// claims more pixels than the budget before allocating for it.
public struct ImageDecoder: Sendable {
    /// The largest number of pixels a picture may have (default 100 megapixels).
    public var pixelBudget: Int

    /// A decoder refusing pictures over `pixelBudget` pixels.
    public init(pixelBudget: Int = 100_000_000) { self.pixelBudget = pixelBudget }

    /// The upright picture. When `minimumSize` is given, JPEGs are decoded at the smallest DCT
    /// scale (1/2, 1/4, 1/8) that still has at least that many pixels each way.
    public func decode(_ path: String, minimumSize: ImageSize? = nil) throws(ImageError) -> DecodedPicture {
        try FileBytes(path: path).withContents { (bytes) throws(ImageError) -> DecodedPicture in
            let header = try checkedHeader(bytes, path: path)
            let orientation = header.orientation
            var sink = CollectingSink()
            var reduction = 1
            try decodeRows(bytes, format: header.format, path: path, into: &sink) { width, height in
                guard let minimumSize else { return 1 }
                let stored = orientation >= 5 ? ImageSize(width: minimumSize.height, height: minimumSize.width) : minimumSize
                reduction = JPEGScale.denominator(width: width, height: height, atLeast: stored)
                return reduction
            }
            let image = Orientation.upright(sink.image, orientation: orientation)
            return DecodedPicture(image: image, fullSize: header.uprightSize, reduction: reduction)
        }
    }

    /// The upright picture resized to exactly `size`: area-averaged while decoding (so a huge
    /// picture is never held whole), nearest neighbour where `size` is larger.
    public func decode(_ path: String, resizedTo size: ImageSize) throws(ImageError) -> PixelImage {
        let reduced = try FileBytes(path: path).withContents { (bytes) throws(ImageError) -> PixelImage? in
            let header = try checkedHeader(bytes, path: path)
            let orientation = header.orientation
            let stored = orientation >= 5 ? ImageSize(width: size.height, height: size.width) : size
            // Growing needs every source pixel anyway: decode whole, then scale up (below).
            if stored.width > header.storedWidth || stored.height > header.storedHeight { return nil }
            var sink = ReducingSink(outputWidth: stored.width, outputHeight: stored.height)
            try decodeRows(bytes, format: header.format, path: path, into: &sink) { width, height in
                JPEGScale.denominator(width: width, height: height, atLeast: stored)
            }
            return Orientation.upright(sink.finish(), orientation: orientation)
        }
        if let reduced { return reduced }
        let picture = try decode(path)
        return AreaResampler.resize(picture.image, width: size.width, height: size.height)
    }

    /// The header, once its size is known to be within the budget: checked on the header
    /// alone, before any decoder allocates anything.
    private func checkedHeader(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws(ImageError) -> ImageHeader {
        let header = try ImageHeader.parse(bytes, path: path)
        guard header.storedWidth * header.storedHeight <= pixelBudget else {
            throw .tooLarge(file: path, width: header.storedWidth, height: header.storedHeight, budget: pixelBudget)
        }
        if header.format == .png {
            // Deflate packs at most 1032 bytes into one, and a PNG row holds at least a filter byte
            // and one bit per pixel: a file too small for its claimed size is refused before
            // libpng allocates rows for it (a 69-byte file once claimed 99,999,999 × 1 pixels).
            let leastRawBytes = header.storedHeight * (1 + (header.storedWidth + 7) / 8)
            guard bytes.count * 1032 + 4096 >= leastRawBytes else {
                throw .truncated(file: path, detail: "\(bytes.count) bytes cannot hold the \(header.storedWidth)×\(header.storedHeight) pixels the header claims")
            }
        }
        return header
    }

    private func decodeRows(_ bytes: UnsafeBufferPointer<UInt8>, format: ImageFormat, path: String, into sink: inout some RowSink,
                            reduction: (Int, Int) -> Int) throws(ImageError) {
        switch format {
        case .jpeg: try JPEGDecoder.decode(bytes, path: path, budget: pixelBudget, reduction: reduction, into: &sink)
        case .png: try PNGDecoder.decode(bytes, path: path, budget: pixelBudget, into: &sink)
        case .netpbm: try NetpbmDecoder.decode(bytes, path: path, budget: pixelBudget, into: &sink)
        case .bmp: try BMPDecoder.decode(bytes, path: path, budget: pixelBudget, into: &sink)
        }
    }
}

/// Choosing libjpeg's DCT scaling.
public enum JPEGScale {
    /// The largest of 1, 2, 4, 8 that keeps a `width` × `height` picture at least `target` in
    /// both directions (libjpeg rounds scaled sizes up).
    public static func denominator(width: Int, height: Int, atLeast target: ImageSize) -> Int {
        for denominator in [8, 4, 2] {
            let scaledWidth = (width + denominator - 1) / denominator, scaledHeight = (height + denominator - 1) / denominator
            if scaledWidth >= target.width && scaledHeight >= target.height { return denominator }
        }
        return 1
    }
}
