import LabelCore

/// A polygon being drawn or edited (POLYGON mode): its vertices so far and, while editing, the
/// vertex the cursor drags.
public struct PolygonDraft: Hashable, Sendable {
    public var points: [ShapePoint]
    /// The vertex that motions drag (editing); nil while placing new vertices.
    public var selectedVertex: Int?
    /// The annotation being edited, or nil for a new polygon.
    public var editing: String?

    /// A draft with `points`, editing the annotation `editing` if given.
    public init(points: [ShapePoint] = [], selectedVertex: Int? = nil, editing: String? = nil) {
        self.points = points
        self.selectedVertex = selectedVertex
        self.editing = editing
    }

    /// The polygon the vertices make.
    public var geometry: PolygonGeometry { PolygonGeometry(points: points) }
}

/// A skeleton's points being placed (KEYPOINTS mode): one name after another.
public struct KeypointDraft: Hashable, Sendable {
    public var skeleton: Skeleton
    /// One per name of the skeleton, unlabeled until placed.
    public var points: [Keypoint]
    /// The name being placed.
    public var index: Int
    /// The annotation being edited, or nil for a new instance.
    public var editing: String?

    /// A fresh instance of `skeleton` (or the points of the annotation being edited).
    public init(skeleton: Skeleton, points: [Keypoint]? = nil, index: Int = 0, editing: String? = nil) {
        self.skeleton = skeleton
        var placed = points ?? []
        if placed.count < skeleton.names.count { placed += Array(repeating: .unlabeled, count: skeleton.names.count - placed.count) }
        self.points = placed
        self.index = index
        self.editing = editing
    }

    /// The name of the point being placed, or nil past the last.
    public var currentName: String? { skeleton.names.indices.contains(index) ? skeleton.names[index] : nil }
}

/// The pixels of a mask being painted. A reference, so a brush stroke changes a few bytes
/// instead of copying a picture-sized array through every mode update.
public final class MaskCanvas: @unchecked Sendable {
    /// The pixels; changed only by the editor's thread.
    public var bitmap: Bitmap

    /// A canvas holding `bitmap`.
    public init(_ bitmap: Bitmap) { self.bitmap = bitmap }
}

/// What moving the cursor does to a mask: nothing, paint or erase under the brush.
public enum BrushStroke: String, Hashable, Sendable {
    case off, paint, erase
}

/// A mask being painted (MASK mode): the pixels, the brush and the region-growing tolerance.
public struct MaskDraft: Hashable, Sendable {
    public let canvas: MaskCanvas
    /// Counts every change to the canvas, so two drafts over the same canvas compare unequal
    /// after a stroke (the screen is drawn again).
    public var revision = 0
    /// The brush's radius in pixels (0: one pixel).
    public var brushRadius = 0
    /// Whether motions paint or erase on their way.
    public var stroke = BrushStroke.off
    /// How far (0…441, distance in RGB) a colour may be from the seed's and still join a grown region.
    public var tolerance = 32
    /// The annotation being edited, or nil for a new mask.
    public var editing: String?
    /// The label of the mask being edited (kept when it is saved).
    public var label: String?

    /// A draft over `canvas`.
    public init(canvas: MaskCanvas, editing: String? = nil, label: String? = nil) {
        self.canvas = canvas
        self.editing = editing
        self.label = label
    }

    public static func == (lhs: MaskDraft, rhs: MaskDraft) -> Bool {
        lhs.canvas === rhs.canvas && lhs.revision == rhs.revision && lhs.brushRadius == rhs.brushRadius && lhs.stroke == rhs.stroke
            && lhs.tolerance == rhs.tolerance && lhs.editing == rhs.editing && lhs.label == rhs.label
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(canvas)); hasher.combine(revision); hasher.combine(brushRadius)
        hasher.combine(stroke); hasher.combine(tolerance); hasher.combine(editing)
    }

    /// Paints (or erases) the brush along the straight line of pixels from `start` to `end`.
    public mutating func stroke(from start: (x: Int, y: Int), to end: (x: Int, y: Int), on: Bool) {
        for pixel in PixelLine.pixels(from: start, to: end) {
            canvas.bitmap.paint(x: pixel.x, y: pixel.y, radius: brushRadius, on: on)
        }
        revision += 1
    }
}

/// The pixels of a straight line between two pixels (Bresenham), both ends included.
public enum PixelLine {
    /// Every pixel from `start` to `end`, in order.
    public static func pixels(from start: (x: Int, y: Int), to end: (x: Int, y: Int)) -> [(x: Int, y: Int)] {
        var x = start.x, y = start.y
        let dx = abs(end.x - x), dy = -abs(end.y - y)
        let sx = x < end.x ? 1 : -1, sy = y < end.y ? 1 : -1
        var error = dx + dy
        var pixels: [(x: Int, y: Int)] = []
        pixels.reserveCapacity(max(dx, -dy) + 1)
        while true {
            pixels.append((x, y))
            if x == end.x && y == end.y { break }
            let twice = 2 * error
            if twice >= dy { error += dy; x += sx }
            if twice <= dx { error += dx; y += sy }
        }
        return pixels
    }
}
