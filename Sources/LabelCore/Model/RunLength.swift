/// COCO's compressed run-length text: each run length (after the third, as the difference from
/// the run two before) in little-endian groups of five bits, each group a character from '0'
/// (48) with bit 0x20 saying another group follows and bit 0x10 of the last giving the sign —
/// the text `pycocotools.mask.encode` writes and `decode` reads.
public enum CompressedRLE {
    /// The text of `runs` (alternating runs of 0s and 1s in column order, starting with 0s).
    public static func string(from runs: [Int]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(runs.count * 2)
        for index in runs.indices {
            var value = runs[index]
            if index > 2 { value -= runs[index - 2] }
            var more = true
            while more {
                var group = UInt8(truncatingIfNeeded: value & 0x1f)
                value >>= 5
                more = group & 0x10 != 0 ? value != -1 : value != 0
                if more { group |= 0x20 }
                bytes.append(group + 48)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// How many pixels the runs turn on (every second run, from the second).
    public static func area(_ runs: [Int]) -> Int { stride(from: 1, to: runs.count, by: 2).reduce(0) { $0 + runs[$1] } }

    /// The smallest whole-pixel box around the pixels the column-order runs turn on in a
    /// picture `height` pixels tall (pycocotools' `toBbox`), or nil when none is on.
    public static func bounds(_ runs: [Int], height: Int) -> BoxGeometry? {
        guard height > 0 else { return nil }
        var position = 0, minX = Int.max, maxX = -1, minY = Int.max, maxY = -1
        for (index, run) in runs.enumerated() {
            defer { position += run }
            guard index % 2 == 1, run > 0 else { continue }
            let first = position, last = position + run - 1
            minX = min(minX, first / height); maxX = max(maxX, last / height)
            // A run within one column covers its rows; one crossing into the next column covers
            // the last row of one and the first of the next, so the box spans every row.
            if first / height == last / height {
                minY = min(minY, first % height); maxY = max(maxY, last % height)
            } else {
                minY = 0; maxY = height - 1
            }
        }
        guard maxX >= 0 else { return nil }
        return BoxGeometry(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }

    /// Intersection over union of two masks' runs (same picture; column order, starting with
    /// off pixels), as `pycocotools.mask.iou` computes it without decoding either (0 when both are empty).
    public static func iou(_ a: [Int], _ b: [Int]) -> Double {
        var ia = 0, ib = 0, leftA = a.first ?? 0, leftB = b.first ?? 0
        var onA = false, onB = false
        var both = 0, either = 0
        while ia < a.count && ib < b.count {
            let step = min(leftA, leftB)
            if onA && onB { both += step }
            if onA || onB { either += step }
            leftA -= step
            leftB -= step
            while leftA == 0 && ia < a.count {
                ia += 1
                onA.toggle()
                if ia < a.count { leftA = a[ia] }
            }
            while leftB == 0 && ib < b.count {
                ib += 1
                onB.toggle()
                if ib < b.count { leftB = b[ib] }
            }
        }
        return either == 0 ? 0 : Double(both) / Double(either)
    }

    /// The run lengths of `text`, or nil when it is not compressed RLE (a character outside
    /// '0'…'o', a group cut short, or a run that comes out negative).
    public static func runs(from text: String) -> [Int]? {
        var runs: [Int] = []
        var value = 0, shift = 0
        for byte in text.utf8 {
            guard byte >= 48, byte < 48 + 64 else { return nil }
            let group = Int(byte - 48)
            guard shift < 60 else { return nil }
            value |= (group & 0x1f) << shift
            shift += 5
            if group & 0x20 != 0 { continue }
            if group & 0x10 != 0 { value |= -1 << shift }
            if runs.count > 2 { value += runs[runs.count - 2] }
            guard value >= 0 else { return nil }
            runs.append(value)
            value = 0
            shift = 0
        }
        guard shift == 0 else { return nil }
        return runs
    }
}

/// A picture-sized grid of on/off pixels: what a mask, a filled polygon or a brush stroke covers.
public struct Bitmap: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Row by row (index `y * width + x`), 1 where the pixel is on.
    public private(set) var pixels: [UInt8]

    /// The most pixels a bitmap decoded from a file may have (a 16,384 × 16,384 picture).
    public static let pixelLimit = 1 << 28

    /// An all-off bitmap of `height`×`width`.
    public init(height: Int, width: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        pixels = [UInt8](repeating: 0, count: self.width * self.height)
    }

    /// The bitmap of column-order runs (COCO's order, starting with off pixels); nil when the
    /// runs do not add up to `height`×`width`.
    public init?(height: Int, width: Int, runs: [Int]) {
        // Runs that do not add up are refused before any memory is taken for the pixels.
        guard height >= 0, width >= 0, height <= 1 << 16, width <= 1 << 16, height * width <= Bitmap.pixelLimit,
              runs.allSatisfy({ $0 >= 0 }), runs.reduce(0, { $0 &+ $1 }) == height * width else { return nil }
        self.init(height: height, width: width)
        var position = 0
        let total = width * height
        for (index, run) in runs.enumerated() {
            guard run >= 0, run <= total - position else { return nil }
            if index % 2 == 1 {
                for offset in position..<(position + run) {
                    pixels[(offset % height) * width + offset / height] = 1
                }
            }
            position += run
        }
        guard position == total else { return nil }
    }

    /// Whether pixel (`x`, `y`) is on; pixels outside are off.
    public subscript(x: Int, y: Int) -> Bool {
        get { x >= 0 && y >= 0 && x < width && y < height && pixels[y * width + x] != 0 }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            pixels[y * width + x] = newValue ? 1 : 0
        }
    }

    /// How many pixels are on.
    public var area: Int { pixels.reduce(0) { $0 + Int($1) } }

    /// Whether no pixel is on.
    public var isEmpty: Bool { !pixels.contains(1) }

    /// The runs in column order (down each column, left to right), starting with off pixels.
    public func runs() -> [Int] {
        var runs: [Int] = []
        var current: UInt8 = 0, length = 0
        for x in 0..<width {
            for y in 0..<height {
                let value = pixels[y * width + x]
                if value == current { length += 1 } else {
                    runs.append(length)
                    current = value
                    length = 1
                }
            }
        }
        runs.append(length)
        return runs
    }

    /// The smallest box of whole pixels holding every on pixel.
    public var bounds: BoxGeometry? {
        var minX = width, minY = height, maxX = -1, maxY = -1
        for y in 0..<height {
            let row = y * width
            for x in 0..<width where pixels[row + x] != 0 {
                minX = min(minX, x); maxX = max(maxX, x)
                minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        guard maxX >= 0 else { return nil }
        return BoxGeometry(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }

    /// Turns on (or off) every pixel on in `other` (same size).
    public mutating func combine(_ other: Bitmap, on: Bool) {
        guard other.width == width, other.height == height else { return }
        for index in pixels.indices where other.pixels[index] != 0 { pixels[index] = on ? 1 : 0 }
    }

    /// A disc (a square when `round` is false) of `radius` pixels around (`x`, `y`) turned on or off.
    public mutating func paint(x: Int, y: Int, radius: Int, on: Bool) {
        let reach = max(0, radius)
        for dy in -reach...reach {
            for dx in -reach...reach where dx * dx + dy * dy <= reach * reach + reach {
                self[x + dx, y + dy] = on
            }
        }
    }
}

/// Polygons rasterised exactly as pycocotools' `frPyObjects` does (its `rleFrPoly`): the outline
/// traced at five times the resolution, and a pixel on when its centre's column crossing lies
/// inside — so a polygon exported to COCO decodes to the very pixels termlabel shows and scores.
public enum PolygonRaster {
    /// The pixels of `polygon` in a picture of `height`×`width`.
    public static func bitmap(_ polygon: PolygonGeometry, height: Int, width: Int) -> Bitmap {
        Bitmap(height: height, width: width, runs: runs(polygon.points, height: height, width: width)) ?? Bitmap(height: height, width: width)
    }

    /// The column-order runs of the polygon through `points`.
    public static func runs(_ points: [ShapePoint], height: Int, width: Int) -> [Int] {
        let scale = 5.0
        // Edges are traced step by step: vertices far outside the picture (only a damaged
        // file has them; validate names it) are first clipped to it, so tracing stays short.
        let reach = Double(max(width, height)) + 1
        let points = points.allSatisfy({ $0.x >= -reach && $0.y >= -reach && $0.x <= 2 * reach && $0.y <= 2 * reach })
            ? points : clipped(points, width: Double(width), height: Double(height))
        let k = points.count
        guard k > 0, height > 0, width > 0 else { return [max(0, height) * max(0, width)] }
        func scaled(_ value: Double) -> Int {
            let product = scale * value + 0.5
            guard product.isFinite else { return 0 }
            return Int(max(-1e15, min(1e15, product)))   // C's (int) cast: toward zero
        }
        var xs = points.map { scaled($0.x) }, ys = points.map { scaled($0.y) }
        xs.append(xs[0]); ys.append(ys[0])
        // Every integer step along each edge at the fine scale.
        var u: [Int] = [], v: [Int] = []
        for j in 0..<k {
            var xs0 = xs[j], xe = xs[j + 1], ys0 = ys[j], ye = ys[j + 1]
            let dx = abs(xe - xs0), dy = abs(ys0 - ye)
            let flip = (dx >= dy && xs0 > xe) || (dx < dy && ys0 > ye)
            if flip { swap(&xs0, &xe); swap(&ys0, &ye) }
            if dx >= dy {
                let slope = dx == 0 ? 0 : Double(ye - ys0) / Double(dx)
                for d in 0...dx {
                    let t = flip ? dx - d : d
                    u.append(t + xs0)
                    v.append(Int(Double(ys0) + slope * Double(t) + 0.5))
                }
            } else {
                let slope = Double(xe - xs0) / Double(dy)
                for d in 0...dy {
                    let t = flip ? dy - d : d
                    v.append(t + ys0)
                    u.append(Int(Double(xs0) + slope * Double(t) + 0.5))
                }
            }
        }
        // Where the outline crosses a pixel column's centre, back at the picture's scale.
        var boundary: [Int] = []
        for j in 1..<max(1, u.count) where u[j] != u[j - 1] {
            var xd = Double(u[j] < u[j - 1] ? u[j] : u[j] - 1)
            xd = (xd + 0.5) / scale - 0.5
            if xd.rounded(.down) != xd || xd < 0 || xd > Double(width - 1) { continue }
            var yd = Double(v[j] < v[j - 1] ? v[j] : v[j - 1])
            yd = (yd + 0.5) / scale - 0.5
            yd = min(max(yd, 0), Double(height)).rounded(.up)
            boundary.append(Int(xd) * height + Int(yd))
        }
        boundary.append(height * width)
        boundary.sort()
        var previous = 0
        for index in boundary.indices {
            let value = boundary[index]
            boundary[index] -= previous
            previous = value
        }
        // Zero-length runs merge their neighbours, as the C code does.
        var runs: [Int] = [boundary[0]]
        var j = 1
        while j < boundary.count {
            if boundary[j] > 0 {
                runs.append(boundary[j])
                j += 1
            } else {
                j += 1
                if j < boundary.count {
                    runs[runs.count - 1] += boundary[j]
                    j += 1
                }
            }
        }
        return runs
    }

    /// The polygon cut to the rectangle 0…`width` × 0…`height` (Sutherland–Hodgman).
    public static func clipped(_ points: [ShapePoint], width: Double, height: Double) -> [ShapePoint] {
        var polygon = points.filter { $0.x.isFinite && $0.y.isFinite }
        let edges: [(inside: (ShapePoint) -> Bool, cross: (ShapePoint, ShapePoint) -> ShapePoint)] = [
            ({ $0.x >= 0 }, { a, b in ShapePoint(x: 0, y: a.y + (b.y - a.y) * (0 - a.x) / (b.x - a.x)) }),
            ({ $0.x <= width }, { a, b in ShapePoint(x: width, y: a.y + (b.y - a.y) * (width - a.x) / (b.x - a.x)) }),
            ({ $0.y >= 0 }, { a, b in ShapePoint(x: a.x + (b.x - a.x) * (0 - a.y) / (b.y - a.y), y: 0) }),
            ({ $0.y <= height }, { a, b in ShapePoint(x: a.x + (b.x - a.x) * (height - a.y) / (b.y - a.y), y: height) }),
        ]
        for edge in edges {
            guard let last = polygon.last else { break }
            var result: [ShapePoint] = []
            var previous = last
            for point in polygon {
                if edge.inside(point) {
                    if !edge.inside(previous) { result.append(edge.cross(previous, point)) }
                    result.append(point)
                } else if edge.inside(previous) {
                    result.append(edge.cross(previous, point))
                }
                previous = point
            }
            polygon = result
        }
        return polygon
    }
}
