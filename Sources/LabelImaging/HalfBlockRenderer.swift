import LabelCells
import LabelCore

/// Draws pictures with half blocks: each cell shows two vertical pixels, `▀` with the upper
/// pixel as foreground and the lower as background, or a space where both agree. Without
/// colour, shades and half blocks in the terminal's own colours keep the picture visible.
public struct HalfBlockRenderer: Sendable {
    public var depth: ColorDepth
    /// Ordered (Bayer) dithering for 256 colours and fewer.
    public var dither: Bool
    /// What transparent pixels are laid over.
    public var background: RGB

    /// A renderer for `depth` colours.
    public init(depth: ColorDepth, dither: Bool = false, background: RGB = RGB(0, 0, 0)) {
        self.depth = depth
        self.dither = dither
        self.background = background
    }

    static let bayer: [Int] = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5]

    /// The terminal colour of one pixel at display position (`x`, `y`), for views that draw
    /// single cells themselves (dithering depends on the position).
    public func color(of rgb: RGB, x: Int, y: Int) -> Color {
        var cache = PaletteCache()
        return color(rgb, x: x, y: y, cache: &cache)
    }

    /// The cells of `image`, whose pixels map one to one onto half cells: `image.width` columns
    /// and `(image.height + 1) / 2` rows. An odd last row leaves its lower half empty.
    public func render(_ image: PixelImage) -> CellGrid {
        var grid = CellGrid(width: image.width, height: (image.height + 1) / 2)
        render(image, into: &grid, x: 0, y: 0)
        return grid
    }

    /// Draws `image` into `grid` with its top-left pixel in cell (`x`, `y`), clipped to the grid.
    public func render(_ image: PixelImage, into grid: inout CellGrid, x originX: Int, y originY: Int) {
        let rows = (image.height + 1) / 2
        var cache = PaletteCache()
        for row in 0..<rows {
            let y = originY + row
            guard y >= 0 && y < grid.height else { continue }
            for column in 0..<image.width {
                let x = originX + column
                guard x >= 0 && x < grid.width else { continue }
                let upper = composite(image, column, row * 2)
                let lowerRow = row * 2 + 1
                let lower = lowerRow < image.height ? composite(image, column, lowerRow) : nil
                grid[x, y] = cell(upper: upper, lower: lower, x: column, y: row * 2, cache: &cache)
            }
        }
    }

    func composite(_ image: PixelImage, _ x: Int, _ y: Int) -> RGB {
        let (color, alpha) = image.pixel(x, y)
        if alpha == 255 { return color }
        let opacity = Int(alpha)
        func mix(_ top: UInt8, _ bottom: UInt8) -> UInt8 {
            let sum: Int = Int(top) * opacity + Int(bottom) * (255 - opacity) + 127
            return UInt8(sum / 255)
        }
        return RGB(mix(color.red, background.red), mix(color.green, background.green), mix(color.blue, background.blue))
    }

    /// The cell for an upper and (unless the row is the odd last one) a lower pixel.
    func cell(upper: RGB, lower: RGB?, x: Int, y: Int, cache: inout PaletteCache) -> Cell {
        if depth == .none { return shadeCell(upper: upper, lower: lower) }
        let top = color(upper, x: x, y: y, cache: &cache)
        guard let lower else { return Cell("▀", style: Style(foreground: top)) }
        let bottom = color(lower, x: x, y: y + 1, cache: &cache)
        if top == bottom { return Cell(" ", style: Style(background: top)) }
        return Cell("▀", style: Style(foreground: top, background: bottom))
    }

    /// The terminal colour for a pixel at display position (`x`, `y`).
    func color(_ rgb: RGB, x: Int, y: Int, cache: inout PaletteCache) -> Color {
        var rgb = rgb
        if dither && depth != .truecolor {
            let spread = depth == .palette256 ? 40 : 96
            let threshold: Int = HalfBlockRenderer.bayer[(y & 3) * 4 + (x & 3)]
            let offset: Int = (threshold * 2 - 15) * spread / 32
            func shift(_ value: UInt8) -> UInt8 { UInt8(clamping: Int(value) + offset) }
            rgb = RGB(shift(rgb.red), shift(rgb.green), shift(rgb.blue))
        }
        switch depth {
        case .truecolor: return .rgb(rgb)
        case .palette256: return .indexed(cache.index(for: rgb, TerminalPalette.nearest256))
        case .palette16: return .indexed(cache.index(for: rgb) { TerminalPalette.nearestBasic($0, count: 16) })
        case .palette8: return .indexed(cache.index(for: rgb) { TerminalPalette.nearestBasic($0, count: 8) })
        case .none: return .terminalDefault
        }
    }

    /// Without colour: a half block where the two halves differ a lot, else a shade by brightness
    /// (assuming light text on a dark terminal, the common case).
    func shadeCell(upper: RGB, lower: RGB?) -> Cell {
        let top = upper.luminance
        guard let lower else { return Cell(top > 0.5 ? "▀" : " ") }
        let bottom = lower.luminance
        if abs(top - bottom) > 0.5 { return Cell(top > bottom ? "▀" : "▄") }
        let shades = [" ", "░", "▒", "▓", "█"]
        return Cell(shades[min(4, Int((top + bottom) / 2 * 5))])
    }
}

/// Fitting a picture into a box of cells where a half cell is a square pixel.
public enum CellFit {
    /// The largest size in display pixels (half cells) with the picture's aspect that fits in
    /// `columns` × `rows` cells: `columns` wide at most and `2 * rows` high.
    public static func pixelSize(of image: ImageSize, columns: Int, rows: Int) -> ImageSize {
        guard image.width > 0, image.height > 0, columns > 0, rows > 0 else { return ImageSize(width: 1, height: 1) }
        let scale = min(Double(columns) / Double(image.width), Double(2 * rows) / Double(image.height))
        return ImageSize(width: max(1, min(columns, Int((Double(image.width) * scale).rounded()))),
                         height: max(1, min(2 * rows, Int((Double(image.height) * scale).rounded()))))
    }
}
