import LabelCells
import LabelCore
import LabelEditor
import LabelImaging

/// Overlays on a black canvas, read back as display pixels: U the upper half red, L the
/// lower, F both, . neither (the box and shape drawing tests).
enum OverlayGrid {
    static let black = Color.rgb(0, 0, 0), red = Color.rgb(255, 0, 0)

    /// A canvas of `columns` × `rows` black cells and a viewport of an image of `size` fitted to it.
    static func overlay(columns: Int, rows: Int, image: ImageSize) -> PixelOverlay {
        let grid = CellGrid(width: columns, height: rows, fill: Cell(" ", style: Style(background: black)))
        return PixelOverlay(canvas: Canvas(grid: grid), viewport: Viewport(imageSize: image, columns: columns, rows: rows))
    }

    /// The grid as lines of U, L, F and `.`.
    static func halves(_ grid: CellGrid) -> [String] {
        (0..<grid.height).map { row in
            (0..<grid.width).map { column -> String in
                let cell = grid[column, row]
                let upper = cell.text == "▀" ? cell.style.foreground : cell.style.background
                switch (upper == red, cell.style.background == red) {
                case (true, true): return "F"
                case (true, false): return "U"
                case (false, true): return "L"
                default: return "."
                }
            }.joined()
        }
    }
}
