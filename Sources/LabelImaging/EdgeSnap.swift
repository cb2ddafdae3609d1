import LabelCore

/// Tightens a rough box to the picture's edges: each side moves, within a search distance, to
/// the line of pixels where the colour changes most along that side (the object's boundary).
/// A box drawn to within a few pixels (or a cell at low zoom) becomes a tight one in one key.
public enum EdgeSnap {
    /// `box` with each side moved to the strongest edge within `radius` pixels of it
    /// (default: a quarter of the box's side, at least 3); sides with no edge stay.
    public static func snap(_ box: BoxGeometry, in image: PixelImage, radius: Int? = nil) -> BoxGeometry {
        guard image.width >= 2, image.height >= 2 else { return box }
        var left = box.x, top = box.y, right = box.maxX - 1, bottom = box.maxY - 1
        for _ in 0..<2 {
            let horizontal = radius ?? max(3, (right - left + 1) / 4), vertical = radius ?? max(3, (bottom - top + 1) / 4)
            let rows = max(0, top)...min(image.height - 1, max(top, bottom))
            let columns = max(0, left)...min(image.width - 1, max(left, right))
            // Left side: the boundary between column c-1 (outside) and c (inside).
            left = strongest(around: left, radius: horizontal, range: 1...(image.width - 1)) { c in
                rows.reduce(0) { $0 + difference(image, c - 1, $1, c, $1) }
            } ?? left
            right = strongest(around: right, radius: horizontal, range: 0...(image.width - 2)) { c in
                rows.reduce(0) { $0 + difference(image, c, $1, c + 1, $1) }
            } ?? right
            top = strongest(around: top, radius: vertical, range: 1...(image.height - 1)) { r in
                columns.reduce(0) { $0 + difference(image, $1, r - 1, $1, r) }
            } ?? top
            bottom = strongest(around: bottom, radius: vertical, range: 0...(image.height - 2)) { r in
                columns.reduce(0) { $0 + difference(image, $1, r, $1, r + 1) }
            } ?? bottom
            if right < left { swap(&left, &right) }
            if bottom < top { swap(&top, &bottom) }
        }
        return BoxGeometry(x: left, y: top, width: right - left + 1, height: bottom - top + 1)
    }

    /// The position within `radius` of `center` (and inside `range`) whose score is highest and
    /// clearly above the rest of the window (nearest to `center` on a tie); nil when flat.
    static func strongest(around center: Int, radius: Int, range: ClosedRange<Int>, score: (Int) -> Int) -> Int? {
        let low = max(range.lowerBound, center - radius), high = min(range.upperBound, center + radius)
        guard low <= high else { return nil }
        var best: Int?, bestScore = 0, total = 0
        for position in low...high {
            let value = score(position)
            total += value
            if value > bestScore || (value == bestScore && best.map { abs(position - center) < abs($0 - center) } == true) {
                best = position
                bestScore = value
            }
        }
        // An edge stands out from the window's average; texture everywhere is no edge.
        let average = total / (high - low + 1)
        return bestScore > 0 && bestScore >= 2 * average ? best : nil
    }

    /// How different two pixels look (sum of channel differences).
    static func difference(_ image: PixelImage, _ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) -> Int {
        let a = image.pixel(x0, y0).rgb, b = image.pixel(x1, y1).rgb
        return abs(Int(a.red) - Int(b.red)) + abs(Int(a.green) - Int(b.green)) + abs(Int(a.blue) - Int(b.blue))
    }
}
