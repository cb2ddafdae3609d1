import LabelCore

/// Produces the display pixels a viewport shows of a decoded picture: nearest neighbour where
/// image pixels are at least display-pixel sized, area-averaged where many fall in one.
/// Display pixels outside the picture are transparent.
public enum ViewportSampler {
    /// `viewport.displayWidth` × `viewport.displayHeight` display pixels.
    public static func sample(_ picture: DecodedPicture, viewport: Viewport) -> PixelImage {
        let width = viewport.displayWidth, height = viewport.displayHeight
        var output = PixelImage(width: width, height: height, pixels: [UInt8](repeating: 0, count: width * height * 4), hasAlpha: true)
        let source = picture.image
        let reduction = max(1, picture.reduction)
        guard source.width > 0, source.height > 0 else { return output }
        let sourceScale = viewport.scale * Double(reduction)
        if sourceScale >= 1 {
            // Nearest: each display pixel takes the image pixel under its centre.
            let columns = (0..<width).map { x -> Int in
                let imageX = Int((viewport.originX + (Double(x) + 0.5) / viewport.scale).rounded(.down))
                return imageX >= 0 && imageX < viewport.imageSize.width ? min(source.width - 1, imageX / reduction) : -1
            }
            source.pixels.withUnsafeBytes { from in
                output.pixels.withUnsafeMutableBytes { to in
                    let sourcePixels = from.bindMemory(to: UInt32.self), targetPixels = to.bindMemory(to: UInt32.self)
                    for y in 0..<height {
                        let imageY = Int((viewport.originY + (Double(y) + 0.5) / viewport.scale).rounded(.down))
                        guard imageY >= 0 && imageY < viewport.imageSize.height else { continue }
                        let sourceRow = min(source.height - 1, imageY / reduction) * source.width
                        for x in 0..<width where columns[x] >= 0 {
                            targetPixels[y * width + x] = sourcePixels[sourceRow + columns[x]]
                        }
                    }
                }
            }
            return output
        }
        // Area: crop the visible source pixels, average them down, and place them.
        let visibleLeft = max(0, viewport.originX), visibleTop = max(0, viewport.originY)
        let visibleRight = min(Double(viewport.imageSize.width), viewport.originX + Double(width) / viewport.scale)
        let visibleBottom = min(Double(viewport.imageSize.height), viewport.originY + Double(height) / viewport.scale)
        let left = max(0, Int((visibleLeft / Double(reduction)).rounded(.down)))
        let top = max(0, Int((visibleTop / Double(reduction)).rounded(.down)))
        let right = min(source.width, Int((visibleRight / Double(reduction)).rounded(.up)))
        let bottom = min(source.height, Int((visibleBottom / Double(reduction)).rounded(.up)))
        guard right > left, bottom > top else { return output }
        let placeX = Int(((Double(left * reduction) - viewport.originX) * viewport.scale).rounded())
        let placeY = Int(((Double(top * reduction) - viewport.originY) * viewport.scale).rounded())
        let targetWidth = max(1, Int((Double((right - left) * reduction) * viewport.scale).rounded()))
        let targetHeight = max(1, Int((Double((bottom - top) * reduction) * viewport.scale).rounded()))
        let crop = cropped(source, left: left, top: top, right: right, bottom: bottom)
        let reduced = AreaResampler.resize(crop, width: targetWidth, height: targetHeight)
        for y in 0..<reduced.height {
            let targetY = placeY + y
            guard targetY >= 0 && targetY < height else { continue }
            for x in 0..<reduced.width {
                let targetX = placeX + x
                guard targetX >= 0 && targetX < width else { continue }
                let from = (y * reduced.width + x) * 4, to = (targetY * width + targetX) * 4
                for channel in 0..<4 { output.pixels[to + channel] = reduced.pixels[from + channel] }
            }
        }
        return output
    }

    static func cropped(_ image: PixelImage, left: Int, top: Int, right: Int, bottom: Int) -> PixelImage {
        if left == 0 && top == 0 && right == image.width && bottom == image.height { return image }
        var pixels = [UInt8]()
        pixels.reserveCapacity((right - left) * (bottom - top) * 4)
        for y in top..<bottom {
            let start = (y * image.width + left) * 4
            pixels.append(contentsOf: image.pixels[start..<(start + (right - left) * 4)])
        }
        return PixelImage(width: right - left, height: bottom - top, pixels: pixels, hasAlpha: image.hasAlpha)
    }
}
