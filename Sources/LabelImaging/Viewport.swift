import LabelCore

/// Which part of a picture a view shows and how big: the exact mapping between image pixels
/// and display pixels (half cells), so the editor can draw boxes and a crosshair at pixel
/// precision. At zoom 1 and above the scale is a whole number and the origin a whole pixel, so
/// every image pixel is a crisp square of display pixels.
public struct Viewport: Hashable, Sendable {
    /// Zoom steps above and below "fit": powers of two.
    public static let zoomLevels: [Double] = (-6...6).map { (exponent: Int) -> Double in
        exponent < 0 ? 1.0 / Double(1 << -exponent) : Double(1 << exponent)
    }

    public let imageSize: ImageSize
    public private(set) var columns: Int
    public private(set) var rows: Int
    /// Display pixels per image pixel.
    public private(set) var scale: Double
    /// The image coordinates of the top-left corner of display pixel (0, 0).
    public private(set) var originX: Double
    public private(set) var originY: Double
    /// Whether the whole picture is fitted to the view (and stays so on resize).
    public private(set) var isFitted: Bool

    /// A view of `columns` × `rows` cells showing the whole picture.
    public init(imageSize: ImageSize, columns: Int, rows: Int) {
        self.imageSize = imageSize
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        scale = 1
        originX = 0
        originY = 0
        isFitted = true
        fit()
    }

    /// Display pixels across (one per cell).
    public var displayWidth: Int { columns }
    /// Display pixels down (two per cell).
    public var displayHeight: Int { rows * 2 }

    /// The scale at which the whole picture fits.
    public var fitScale: Double {
        min(Double(displayWidth) / Double(max(1, imageSize.width)), Double(displayHeight) / Double(max(1, imageSize.height)))
    }

    /// Shows the whole picture, centred.
    public mutating func fit() {
        scale = fitScale
        isFitted = true
        clamp()
    }

    /// Changes the view's size, keeping the picture fitted or keeping its centre.
    public mutating func resize(columns: Int, rows: Int) {
        let centerX = originX + Double(displayWidth) / 2 / scale, centerY = originY + Double(displayHeight) / 2 / scale
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        if isFitted { fit(); return }
        originX = centerX - Double(displayWidth) / 2 / scale
        originY = centerY - Double(displayHeight) / 2 / scale
        clamp()
    }

    /// Zooms in one step, keeping image pixel (`x`, `y`) where it is on screen.
    public mutating func zoomIn(aroundX x: Int, y: Int) {
        guard let next = Viewport.zoomLevels.first(where: { $0 > scale * 1.0001 }) else { return }
        zoom(to: next, aroundX: x, y: y)
    }

    /// Zooms out one step (back to fit when that is reached), keeping (`x`, `y`) in place.
    public mutating func zoomOut(aroundX x: Int, y: Int) {
        guard let next = Viewport.zoomLevels.last(where: { $0 < scale * 0.9999 }), next > fitScale * 1.0001 else {
            fit()
            return
        }
        zoom(to: next, aroundX: x, y: y)
    }

    /// Sets the scale, keeping image pixel (`x`, `y`) where it is on screen.
    public mutating func zoom(to newScale: Double, aroundX x: Int, y: Int) {
        let anchorX = Double(x) + 0.5, anchorY = Double(y) + 0.5
        let screenX = (anchorX - originX) * scale, screenY = (anchorY - originY) * scale
        scale = newScale
        isFitted = false
        originX = anchorX - screenX / scale
        originY = anchorY - screenY / scale
        clamp()
    }

    /// Moves the view by whole cells (positive: towards the right and the bottom of the picture).
    public mutating func pan(columns deltaColumns: Int, rows deltaRows: Int) {
        originX += Double(deltaColumns) / scale
        originY += Double(2 * deltaRows) / scale
        isFitted = false
        clamp()
    }

    /// Keeps image pixel (`x`, `y`) on screen, `margin` cells from the edges. When the view
    /// must move, it moves in a jump that puts the pixel back in the middle along that axis:
    /// one redraw now instead of one for every step of a cursor walking along the edge.
    public mutating func ensureVisible(x: Int, y: Int, margin: Int = 2) {
        let span = displaySpan(x: x, y: y)
        let marginX = Double(min(margin, max(0, (displayWidth - 1) / 2)))
        let marginY = Double(min(2 * margin, max(0, (displayHeight - 2) / 2)))
        func snap(_ value: Double) -> Double { scale >= 1 ? value.rounded(.down) : value }
        var moved = false
        if Double(span.x.lowerBound) < marginX || Double(span.x.upperBound) > Double(displayWidth) - marginX {
            originX = snap(Double(x) + 0.5 - Double(displayWidth) / 2 / scale)
            moved = true
        }
        if Double(span.y.lowerBound) < marginY || Double(span.y.upperBound) > Double(displayHeight) - marginY {
            originY = snap(Double(y) + 0.5 - Double(displayHeight) / 2 / scale)
            moved = true
        }
        if moved {
            isFitted = false
            clamp()
        }
    }

    /// Keeps the picture on screen: centred along an axis where it is smaller than the view,
    /// else with no empty margin; at zoom 1 and up, origins are whole image pixels.
    private mutating func clamp() {
        func axis(_ origin: Double, imageLength: Int, displayLength: Int) -> Double {
            let shown = Double(displayLength) / scale
            if Double(imageLength) * scale <= Double(displayLength) {
                // Centre on a whole display pixel so the mapping stays exact.
                let extent = max(1, (Double(imageLength) * scale).rounded(.down))
                let offset = ((Double(displayLength) - extent) / 2).rounded(.down)
                return -offset / scale
            }
            var value = min(max(origin, 0), Double(imageLength) - shown)
            if scale >= 1 { value = value.rounded() }
            return value
        }
        originX = axis(originX, imageLength: imageSize.width, displayLength: displayWidth)
        originY = axis(originY, imageLength: imageSize.height, displayLength: displayHeight)
    }

    /// The display pixel holding the top-left of image pixel (`x`, `y`) (may be off screen).
    public func displayPixel(x: Int, y: Int) -> (x: Int, y: Int) {
        (Int(((Double(x) - originX) * scale).rounded(.down)), Int(((Double(y) - originY) * scale).rounded(.down)))
    }

    /// Where image point (`x`, `y`) (fractional pixels) falls in display pixels, unrounded.
    public func displayPoint(x: Double, y: Double) -> (x: Double, y: Double) {
        ((x - originX) * scale, (y - originY) * scale)
    }

    /// The display pixels image pixel (`x`, `y`) covers: at least one each way.
    public func displaySpan(x: Int, y: Int) -> (x: Range<Int>, y: Range<Int>) {
        let start = displayPixel(x: x, y: y), end = displayPixel(x: x + 1, y: y + 1)
        return (start.x..<max(start.x + 1, end.x), start.y..<max(start.y + 1, end.y))
    }

    /// The image pixel shown at display pixel (`x`, `y`), or nil outside the picture.
    public func imagePixel(displayX: Int, displayY: Int) -> (x: Int, y: Int)? {
        let x = Int((originX + (Double(displayX) + 0.5) / scale).rounded(.down))
        let y = Int((originY + (Double(displayY) + 0.5) / scale).rounded(.down))
        guard x >= 0, y >= 0, x < imageSize.width, y < imageSize.height else { return nil }
        return (x, y)
    }

    /// The image column shown at display column `displayX`, or nil outside the picture.
    public func imageColumn(displayX: Int) -> Int? {
        let x = Int((originX + (Double(displayX) + 0.5) / scale).rounded(.down))
        return x >= 0 && x < imageSize.width ? x : nil
    }

    /// The image row shown at display row `displayY`, or nil outside the picture.
    public func imageRow(displayY: Int) -> Int? {
        let y = Int((originY + (Double(displayY) + 0.5) / scale).rounded(.down))
        return y >= 0 && y < imageSize.height ? y : nil
    }

    /// The image pixel under a cell's upper (or lower) half, or nil outside the picture.
    public func imagePixel(column: Int, row: Int, lowerHalf: Bool = false) -> (x: Int, y: Int)? {
        imagePixel(displayX: column, displayY: row * 2 + (lowerHalf ? 1 : 0))
    }

    /// The zoom as people say it: "fit" or "2×", "1/4×".
    public var zoomDescription: String {
        if isFitted { return "fit" }
        if scale >= 1 { return "\(Int(scale.rounded()))×" }
        return "1/\(Int((1 / scale).rounded()))×"
    }
}
