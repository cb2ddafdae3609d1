import LabelCells
import LabelCore
import LabelEditor
import LabelImaging
import Testing

/// Box outlines at pixel precision: a display pixel is half a cell.
@Suite struct BoxOverlayTests {
    static let black = OverlayGrid.black, red = OverlayGrid.red

    func overlay(columns: Int, rows: Int, image: ImageSize) -> PixelOverlay { OverlayGrid.overlay(columns: columns, rows: rows, image: image) }

    func halves(_ grid: CellGrid) -> [String] { OverlayGrid.halves(grid) }

    @Test func outlineOnTheBoxsEdgePixelsAtScaleOne() {
        var overlay = overlay(columns: 10, rows: 3, image: ImageSize(width: 10, height: 6))
        #expect(overlay.viewport.scale == 1)
        overlay.outline(BoxGeometry(x: 2, y: 1, width: 4, height: 3), color: Self.red, thick: false, dashed: false)
        // Rows 1–3 of display pixels; columns 2–5.
        #expect(halves(overlay.canvas.grid) == ["..LLLL....", "..FLLF....", ".........."])
        #expect(overlay.canvas.grid[3, 0] == Cell("▀", style: Style(foreground: Self.black, background: Self.red)))
        #expect(overlay.canvas.grid[2, 1] == Cell(" ", style: Style(background: Self.red)))
    }

    @Test func atZoomTwoEachImagePixelIsTwoDisplayPixels() {
        var overlay = overlay(columns: 12, rows: 4, image: ImageSize(width: 6, height: 4))
        overlay = PixelOverlay(canvas: overlay.canvas, viewport: { var v = overlay.viewport; v.zoom(to: 2, aroundX: 0, y: 0); return v }())
        #expect(overlay.viewport.scale == 2)
        overlay.outline(BoxGeometry(x: 1, y: 1, width: 2, height: 2), color: Self.red, thick: false, dashed: false)
        // Image pixels 1–2 → display pixels 2–5 both ways; the outline is the outermost ring.
        #expect(halves(overlay.canvas.grid) == ["............", "..FUUF......", "..FLLF......", "............"])
    }

    @Test func boxesPartlyOutsideTheViewAreClipped() {
        var overlay = overlay(columns: 8, rows: 2, image: ImageSize(width: 100, height: 100))
        var viewport = overlay.viewport
        viewport.zoom(to: 1, aroundX: 50, y: 50)
        overlay = PixelOverlay(canvas: overlay.canvas, viewport: viewport)
        let origin = (x: Int(viewport.originX), y: Int(viewport.originY))
        // A box starting left of and above the view, ending inside it.
        overlay.outline(BoxGeometry(x: origin.x - 5, y: origin.y - 5, width: 8, height: 7), color: Self.red, thick: false, dashed: false)
        // Only its right and bottom edges are on screen.
        #expect(halves(overlay.canvas.grid) == ["LLF.....", "........"])
        // Entirely outside: nothing drawn, nothing crashes.
        overlay.outline(BoxGeometry(x: 0, y: 0, width: 2, height: 2), color: Self.red, thick: true, dashed: true)
        #expect(halves(overlay.canvas.grid) == ["LLF.....", "........"])
    }

    @Test func tagsGoAboveTheBoxOrInsideAtTheTop() {
        var overlay = overlay(columns: 20, rows: 6, image: ImageSize(width: 20, height: 12))
        let style = Style(foreground: Self.black, background: Self.red)
        overlay.tag("cat", for: BoxGeometry(x: 3, y: 6, width: 5, height: 4), style: style)
        overlay.tag("dog", for: BoxGeometry(x: 10, y: 0, width: 5, height: 4), style: style)
        let lines = overlay.canvas.grid.lines
        #expect(lines[2].hasPrefix("    cat "))
        #expect(lines[1].dropFirst(10).hasPrefix(" dog "))
        #expect(overlay.canvas.grid[4, 2].style == style)
    }
}
