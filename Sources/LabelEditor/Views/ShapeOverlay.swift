import LabelCells
import LabelCore
import LabelImaging

/// Lines, dots and translucent fills in display pixels (half cells): how polygons, skeletons
/// and masks are drawn over the picture at sub-cell precision, consistent with boxes.
extension PixelOverlay {
    /// The colour of display pixel (`x`, `y`), or nil off screen or under text.
    public func color(_ x: Int, _ y: Int) -> Color? {
        guard x >= 0, y >= 0, x < canvas.width, y < canvas.height * 2 else { return nil }
        let cell = canvas.cell(x, y / 2)
        switch cell.text {
        case "▀": return y % 2 == 0 ? cell.style.foreground : cell.style.background
        case "▄": return y % 2 == 0 ? cell.style.background : cell.style.foreground
        case " ": return cell.style.background
        default: return nil
        }
    }

    /// Mixes `color` into display pixel (`x`, `y`) by `alpha` (0…1); where the picture's colour
    /// is not true colour the pixels take the colour on a checkerboard instead, so the picture
    /// still shows through.
    public mutating func tint(_ x: Int, _ y: Int, _ color: Color, alpha: Double) {
        guard let under = self.color(x, y) else { return }
        if case .rgb(let top) = color, case .rgb(let bottom) = under {
            func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8(max(0, min(255, (Double(a) * alpha + Double(b) * (1 - alpha)).rounded()))) }
            paint(x, y, .rgb(RGB(mix(top.red, bottom.red), mix(top.green, bottom.green), mix(top.blue, bottom.blue))))
        } else if (x + y) % 2 == 0 {
            paint(x, y, color)
        }
    }

    /// A line between two points in display pixels (fractional), clipped to the view: thick
    /// doubles it, dashed leaves every third pixel out.
    public mutating func line(from start: (x: Double, y: Double), to end: (x: Double, y: Double), color: Color, thick: Bool, dashed: Bool) {
        guard let clipped = clip(start, end) else { return }
        let first = (x: Int(clipped.0.x.rounded(.down)), y: Int(clipped.0.y.rounded(.down)))
        let last = (x: Int(clipped.1.x.rounded(.down)), y: Int(clipped.1.y.rounded(.down)))
        let steep = abs(last.y - first.y) > abs(last.x - first.x)
        for (step, pixel) in PixelLine.pixels(from: first, to: last).enumerated() where !dashed || step % 3 != 2 {
            paint(pixel.x, pixel.y, color)
            if thick { if steep { paint(pixel.x + 1, pixel.y, color) } else { paint(pixel.x, pixel.y + 1, color) } }
        }
    }

    /// A dot of display pixels around a point: a 2×2 square, 4×4 when `large`.
    public mutating func dot(at point: (x: Double, y: Double), color: Color, large: Bool) {
        let centreX = Int(point.x.rounded(.down)), centreY = Int(point.y.rounded(.down))
        let reach = large ? 2 : 1
        for y in (centreY - reach + 1)...(centreY + reach) { for x in (centreX - reach + 1)...(centreX + reach) { paint(x, y, color) } }
    }

    /// The part of the segment inside the view (with a margin of a pixel), or nil when none is:
    /// zoomed far in, a polygon's edge may be thousands of display pixels long.
    func clip(_ start: (x: Double, y: Double), _ end: (x: Double, y: Double)) -> ((x: Double, y: Double), (x: Double, y: Double))? {
        let minX = -1.0, minY = -1.0, maxX = Double(canvas.width) + 1, maxY = Double(canvas.height * 2) + 1
        var low = 0.0, high = 1.0
        let dx = end.x - start.x, dy = end.y - start.y
        for (p, q) in [(-dx, start.x - minX), (dx, maxX - start.x), (-dy, start.y - minY), (dy, maxY - start.y)] {
            if p == 0 {
                if q < 0 { return nil }
                continue
            }
            let t = q / p
            if p < 0 { low = max(low, t) } else { high = min(high, t) }
            if low > high { return nil }
        }
        return ((start.x + low * dx, start.y + low * dy), (start.x + high * dx, start.y + high * dy))
    }

    /// Writes `text` in the cell holding display point `point` (for drawings without colour).
    public mutating func mark(_ text: String, at point: (x: Double, y: Double), style: Style) {
        let column = Int(point.x.rounded(.down)), row = Int(point.y.rounded(.down)) / 2
        guard column >= 0, row >= 0, column < canvas.width, row < canvas.height, point.y >= 0 else { return }
        putOverPicture(text, column, row, style)
    }

    /// Writes `text` in a cell of the picture, but not over text (a tag, a message).
    mutating func putOverPicture(_ text: String, _ column: Int, _ row: Int, _ style: Style) {
        guard PixelOverlay.drawnOver.contains(canvas.cell(column, row).text) else { return }
        canvas.set(column, row, Cell(text, style: style))
    }

    /// What a drawing without colour may cover: the picture's cells (half blocks, or shades
    /// without colour) and other drawings' marks.
    static let drawnOver: Set<String> = [" ", "▀", "▄", "░", "▒", "▓", "█", "╱", "·", "•", "◇", "◆", "●", "○"]

    /// Writes `text` in every cell the segment passes through (for drawings without colour),
    /// leaving out every third when `dashed`.
    public mutating func markLine(_ text: String, from start: (x: Double, y: Double), to end: (x: Double, y: Double), style: Style, dashed: Bool) {
        guard let clipped = clip(start, end) else { return }
        let first = (x: Int(clipped.0.x.rounded(.down)), y: Int(clipped.0.y.rounded(.down)) / 2)
        let last = (x: Int(clipped.1.x.rounded(.down)), y: Int(clipped.1.y.rounded(.down)) / 2)
        for (step, cell) in PixelLine.pixels(from: first, to: last).enumerated() where !dashed || step % 3 != 2 {
            guard cell.x >= 0, cell.y >= 0, cell.x < canvas.width, cell.y < canvas.height else { continue }
            putOverPicture(text, cell.x, cell.y, style)
        }
    }
}
