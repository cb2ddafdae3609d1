/// A point in image pixels; fractional values are kept as another tool gave them.
public struct ShapePoint: Hashable, Sendable {
    public var x: Double
    public var y: Double

    /// The point (`x`, `y`).
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The pixel whose square holds the point (pixel (i, j) covers [i, i+1) × [j, j+1)).
    public var pixel: (x: Int, y: Int) { (ShapePoint.whole(x.rounded(.down)), ShapePoint.whole(y.rounded(.down))) }

    /// The point at the centre of pixel (`x`, `y`): where a person's keyboard cursor puts a vertex.
    public static func centre(ofPixel x: Int, _ y: Int) -> ShapePoint { ShapePoint(x: Double(x) + 0.5, y: Double(y) + 0.5) }

    static func whole(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        return Int(max(-Double(BoxGeometry.coordinateLimit), min(Double(BoxGeometry.coordinateLimit), value)))
    }
}

/// A closed polygon (DESIGN §11): its vertices in order, in image pixels.
public struct PolygonGeometry: Hashable, Sendable {
    public var points: [ShapePoint]

    /// A polygon through `points` (closed back to the first).
    public init(points: [ShapePoint]) { self.points = points }

    /// How many vertices differ from one another (a polygon needs three).
    public var distinctVertexCount: Int { Set(points).count }

    /// The smallest box of whole pixels holding every vertex.
    public var bounds: BoxGeometry? {
        guard let edges = ExactBox.around(points) else { return nil }
        let left = ShapePoint.whole(edges.x.rounded(.down)), top = ShapePoint.whole(edges.y.rounded(.down))
        return BoxGeometry(x: left, y: top, width: max(1, ShapePoint.whole((edges.x + edges.width).rounded(.up)) - left),
                           height: max(1, ShapePoint.whole((edges.y + edges.height).rounded(.up)) - top))
    }

    /// Whether every vertex is a finite point inside (or on the edge of) an image of `size`.
    public func fits(in size: ImageSize) -> Bool {
        points.allSatisfy { $0.x.isFinite && $0.y.isFinite && $0.x >= 0 && $0.y >= 0 && $0.x <= Double(size.width) && $0.y <= Double(size.height) }
    }
}

extension ExactBox {
    /// The box from the smallest to the largest coordinates of `points` (COCO's bbox of a
    /// polygon or a skeleton), or nil for no points.
    public static func around(_ points: [ShapePoint]) -> ExactBox? {
        guard let first = points.first else { return nil }
        var minX = first.x, maxX = first.x, minY = first.y, maxY = first.y
        for point in points.dropFirst() {
            minX = min(minX, point.x); maxX = max(maxX, point.x)
            minY = min(minY, point.y); maxY = max(maxY, point.y)
        }
        return ExactBox(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }
}

/// One named point of a skeleton: where it is and COCO's visibility flag.
public struct Keypoint: Hashable, Sendable {
    /// COCO's `v`: 0 not labeled (x = y = 0), 1 labeled but hidden, 2 labeled and visible.
    public enum Visibility: Int, Sendable, CaseIterable {
        case unlabeled = 0, hidden = 1, visible = 2
    }
    public var x: Double
    public var y: Double
    public var visibility: Visibility

    /// A point at (`x`, `y`) with the given visibility.
    public init(x: Double, y: Double, visibility: Visibility) {
        self.x = x
        self.y = y
        self.visibility = visibility
    }

    /// A point not placed (COCO writes it as 0, 0, 0).
    public static let unlabeled = Keypoint(x: 0, y: 0, visibility: .unlabeled)

    /// Where the point is, as a plain point.
    public var point: ShapePoint { ShapePoint(x: x, y: y) }

    /// Whether the point was placed (visible or hidden).
    public var isLabeled: Bool { visibility != .unlabeled }
}

/// The points of one skeleton instance (DESIGN §11), in the order of the skeleton's names.
public struct KeypointSet: Hashable, Sendable {
    /// The skeleton's name in `termlabel.toml` (`[keypoints.NAME]`).
    public var skeleton: String
    public var points: [Keypoint]

    /// The points of an instance of `skeleton`.
    public init(skeleton: String, points: [Keypoint]) {
        self.skeleton = skeleton
        self.points = points
    }

    /// How many points were placed (COCO's `num_keypoints`).
    public var labeledCount: Int { points.count { $0.isLabeled } }

    /// The smallest box of whole pixels holding every placed point.
    public var bounds: BoxGeometry? { PolygonGeometry(points: points.filter(\.isLabeled).map(\.point)).bounds }
}

/// A skeleton declared in `termlabel.toml`: its point names in order and the edges drawn between them.
public struct Skeleton: Hashable, Sendable {
    public var name: String
    public var names: [String]
    /// Pairs of 0-based indices into `names`.
    public var edges: [[Int]]
    /// `#rrggbb`; nil means "from the theme's label palette".
    public var color: String?

    /// A skeleton called `name`.
    public init(name: String, names: [String], edges: [[Int]] = [], color: String? = nil) {
        self.name = name
        self.names = names
        self.edges = edges
        self.color = color
    }
}

/// A mask (DESIGN §11): COCO's compressed run-length string over a picture of `height`×`width`,
/// kept as the text it is so `pycocotools.mask.decode` reads it unchanged.
public struct MaskRLE: Hashable, Sendable {
    public var height: Int
    public var width: Int
    public var counts: String

    /// A mask over a picture of `height`×`width` with the given compressed counts.
    public init(height: Int, width: Int, counts: String) {
        self.height = height
        self.width = width
        self.counts = counts
    }

    /// The mask of `bitmap`.
    public init(_ bitmap: Bitmap) {
        height = bitmap.height
        width = bitmap.width
        counts = CompressedRLE.string(from: bitmap.runs())
    }

    /// How many pixels are on (from the runs, without decoding them).
    public var area: Int { CompressedRLE.runs(from: counts).map(CompressedRLE.area) ?? 0 }

    /// The smallest whole-pixel box around the on pixels (from the runs), or nil when none is on.
    public var bounds: BoxGeometry? { CompressedRLE.runs(from: counts).flatMap { CompressedRLE.bounds($0, height: height) } }

    /// Whether the counts are compressed RLE adding up to exactly `height`×`width` pixels
    /// (checked without decoding the pixels).
    public var isValid: Bool {
        guard height >= 0, width >= 0, height <= 1 << 16, width <= 1 << 16, let runs = CompressedRLE.runs(from: counts) else { return false }
        return runs.reduce(0, +) == height * width
    }

    /// The pixels, or nil when the counts are not valid compressed RLE for this size.
    public func bitmap() -> Bitmap? {
        guard height >= 0, width >= 0, let runs = CompressedRLE.runs(from: counts) else { return nil }
        return Bitmap(height: height, width: width, runs: runs)
    }
}
