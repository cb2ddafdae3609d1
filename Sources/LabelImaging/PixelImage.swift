import LabelCells
import LabelCore

/// A picture as 8-bit RGBA pixels, rows top to bottom, no padding.
public struct PixelImage: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]
    /// Whether any pixel may be less than opaque (lets scaling skip alpha arithmetic).
    public var hasAlpha: Bool

    /// An image of the given size from `pixels` (`width * height * 4` bytes).
    public init(width: Int, height: Int, pixels: [UInt8], hasAlpha: Bool = false) {
        self.width = width
        self.height = height
        self.pixels = pixels
        self.hasAlpha = hasAlpha
    }

    /// An image of one colour.
    public init(width: Int, height: Int, color: RGB, alpha: UInt8 = 255) {
        self.width = width
        self.height = height
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for index in stride(from: 0, to: pixels.count, by: 4) {
            pixels[index] = color.red
            pixels[index + 1] = color.green
            pixels[index + 2] = color.blue
            pixels[index + 3] = alpha
        }
        self.pixels = pixels
        hasAlpha = alpha != 255
    }

    /// The size.
    public var size: ImageSize { ImageSize(width: width, height: height) }

    /// The colour and alpha at (`x`, `y`).
    public func pixel(_ x: Int, _ y: Int) -> (rgb: RGB, alpha: UInt8) {
        let index = (y * width + x) * 4
        return (RGB(pixels[index], pixels[index + 1], pixels[index + 2]), pixels[index + 3])
    }

    /// Sets the pixel at (`x`, `y`).
    public mutating func setPixel(_ x: Int, _ y: Int, _ color: RGB, alpha: UInt8 = 255) {
        let index = (y * width + x) * 4
        pixels[index] = color.red
        pixels[index + 1] = color.green
        pixels[index + 2] = color.blue
        pixels[index + 3] = alpha
        if alpha != 255 { hasAlpha = true }
    }
}
