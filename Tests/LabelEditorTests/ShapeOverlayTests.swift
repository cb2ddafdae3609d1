import LabelCells
import LabelCore
import LabelEditor
import LabelImaging
import Testing

/// Polygon edges, skeleton dots and mask tints at half-cell precision, as whole grids of
/// display pixels (U upper half red, L lower, F both, . none), like the box outline tests.
@Suite struct ShapeOverlayTests {
    static let black = OverlayGrid.black, red = OverlayGrid.red

    func overlay(columns: Int, rows: Int, image: ImageSize) -> PixelOverlay { OverlayGrid.overlay(columns: columns, rows: rows, image: image) }

    func halves(_ grid: CellGrid) -> [String] { OverlayGrid.halves(grid) }

    @Test func aPolygonEdgeIsALineOfDisplayPixels() {
        var overlay = overlay(columns: 12, rows: 3, image: ImageSize(width: 12, height: 6))
        overlay.line(from: overlay.viewport.displayPoint(x: 1.5, y: 0.5), to: overlay.viewport.displayPoint(x: 9.5, y: 4.5), color: Self.red, thick: false, dashed: false)
        #expect(halves(overlay.canvas.grid) == [".ULL........", "....UULL....", "........UU.."])
        // Every column from 1 to 9 has exactly one pixel of the line: a thin, gapless edge.
        let grid = halves(overlay.canvas.grid)
        for column in 1...9 {
            let pixels = grid.reduce(0) { count, row in
                let mark = Array(row)[column]
                return count + (mark == "F" ? 2 : mark == "." ? 0 : 1)
            }
            #expect(pixels == 1, "column \(column): \(grid)")
        }
    }

    @Test func aSelectedEdgeIsThickAndASuggestionDashed() {
        var thick = overlay(columns: 10, rows: 2, image: ImageSize(width: 10, height: 4))
        thick.line(from: (0.5, 1.5), to: (9.5, 1.5), color: Self.red, thick: true, dashed: false)
        #expect(halves(thick.canvas.grid) == ["LLLLLLLLLL", "UUUUUUUUUU"])
        var dashed = overlay(columns: 10, rows: 2, image: ImageSize(width: 10, height: 4))
        dashed.line(from: (0.5, 1.5), to: (9.5, 1.5), color: Self.red, thick: false, dashed: true)
        #expect(halves(dashed.canvas.grid) == ["LL.LL.LL.L", ".........."])
    }

    @Test func edgesFarOffTheViewAreClippedNotWalked() {
        var overlay = overlay(columns: 6, rows: 3, image: ImageSize(width: 6, height: 6))
        overlay.line(from: (-1e9, -1e9), to: (1e9, 1e9), color: Self.red, thick: false, dashed: false)
        #expect(halves(overlay.canvas.grid) == ["UL....", "..UL..", "....UL"])
    }

    @Test func aMaskIsATintThatLetsThePictureThrough() {
        var overlay = overlay(columns: 2, rows: 1, image: ImageSize(width: 2, height: 2))
        overlay.tint(0, 0, .rgb(200, 100, 0), alpha: 0.5)
        #expect(overlay.canvas.grid[0, 0] == Cell("▀", style: Style(foreground: .rgb(100, 50, 0), background: Self.black)))
        // Without true colour under it the tint falls on every other pixel (a checkerboard).
        var indexed = PixelOverlay(canvas: Canvas(grid: CellGrid(width: 2, height: 1, fill: Cell(" ", style: Style(background: .indexed(4))))),
                                   viewport: Viewport(imageSize: ImageSize(width: 2, height: 2), columns: 2, rows: 1))
        for x in 0..<2 { for y in 0..<2 { indexed.tint(x, y, Self.red, alpha: 0.5) } }
        #expect(halves(indexed.canvas.grid) == ["UL"])
    }

    @Test func dotsForPointsLargerWhenVisible() {
        var overlay = overlay(columns: 8, rows: 4, image: ImageSize(width: 8, height: 8))
        overlay.dot(at: (2.5, 2.5), color: Self.red, large: false)
        overlay.dot(at: (5.5, 4.5), color: Self.red, large: true)
        #expect(halves(overlay.canvas.grid) == ["........", "..FFLLLL", "....FFFF", "....UUUU"])
    }
}
