/// EXIF orientations 1–8: how a stored picture must be turned to stand upright.
public enum Orientation {
    /// The upright picture for `image` stored with EXIF `orientation`.
    public static func upright(_ image: PixelImage, orientation: Int) -> PixelImage {
        guard (2...8).contains(orientation) else { return image }
        let width = image.width, height = image.height
        let swaps = orientation >= 5
        let outWidth = swaps ? height : width, outHeight = swaps ? width : height
        var pixels = [UInt8](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBytes { source in
            pixels.withUnsafeMutableBytes { target in
                let from = source.bindMemory(to: UInt32.self), to = target.bindMemory(to: UInt32.self)
                for y in 0..<outHeight {
                    for x in 0..<outWidth {
                        // (x, y) in the upright picture comes from (sx, sy) in the stored one.
                        let (sx, sy): (Int, Int)
                        switch orientation {
                        case 2: (sx, sy) = (width - 1 - x, y)
                        case 3: (sx, sy) = (width - 1 - x, height - 1 - y)
                        case 4: (sx, sy) = (x, height - 1 - y)
                        case 5: (sx, sy) = (y, x)
                        case 6: (sx, sy) = (y, height - 1 - x)
                        case 7: (sx, sy) = (width - 1 - y, height - 1 - x)
                        default: (sx, sy) = (width - 1 - y, x)
                        }
                        to[y * outWidth + x] = from[sy * width + sx]
                    }
                }
            }
        }
        return PixelImage(width: outWidth, height: outHeight, pixels: pixels, hasAlpha: image.hasAlpha)
    }
}
