/// A box's edges as fractions of a pixel, exactly as another tool gave them (COCO detector
/// output, YOLO and Label Studio fractions): kept so a round trip loses nothing (DESIGN §2).
public struct ExactBox: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    /// A box with its top-left corner at (`x`, `y`).
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Whether every value is an integer (then whole pixels say the same).
    public var isWholePixels: Bool {
        [x, y, width, height].allSatisfy { $0 == $0.rounded() }
    }
}

/// A box in integer image pixels: top-left corner and size, in the image's upright orientation.
/// An imported box may also carry its `exact` fractional edges; the pixels then cover them, and
/// changing any pixel value (a person moving an edge) drops the fractions: it snaps to pixels.
public struct BoxGeometry: Hashable, Sendable {
    public var x: Int { didSet { exact = nil } }
    public var y: Int { didSet { exact = nil } }
    public var width: Int { didSet { exact = nil } }
    public var height: Int { didSet { exact = nil } }
    /// The fractional edges another tool gave, or nil when the box is in whole pixels.
    public private(set) var exact: ExactBox?

    /// A box with its top-left corner at (`x`, `y`).
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        exact = nil
    }

    /// A box with fractional edges, covered by the smallest run of whole pixels. Integer values
    /// make an ordinary whole-pixel box.
    public init(exact: ExactBox) {
        let left = exact.x.rounded(.down), top = exact.y.rounded(.down)
        // An edge a rounding error past a whole pixel (right - left + left) does not take one more.
        let right = BoxGeometry.coverEnd(exact.x + exact.width), bottom = BoxGeometry.coverEnd(exact.y + exact.height)
        x = BoxGeometry.pixel(left)
        y = BoxGeometry.pixel(top)
        width = max(1, BoxGeometry.pixel(right - left))
        height = max(1, BoxGeometry.pixel(bottom - top))
        self.exact = exact.isWholePixels ? nil : exact
    }

    private static func coverEnd(_ edge: Double) -> Double {
        let whole = edge.rounded()
        return abs(edge - whole) <= 1e-9 * max(1, abs(edge)) ? whole : edge.rounded(.up)
    }

    private static func pixel(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        return Int(max(-Double(coordinateLimit), min(Double(coordinateLimit), value)))
    }

    /// The smallest box holding both corner pixels (inclusive), whichever way round they are.
    public init(corner first: (x: Int, y: Int), corner second: (x: Int, y: Int)) {
        x = min(first.x, second.x)
        y = min(first.y, second.y)
        width = abs(first.x - second.x) + 1
        height = abs(first.y - second.y) + 1
        exact = nil
    }

    /// The box's edges as exports write them: the exact fractions when there are any.
    public var precise: ExactBox {
        exact ?? ExactBox(x: Double(x), y: Double(y), width: Double(width), height: Double(height))
    }

    /// `x,y width×height` for messages, with the exact fractions when there are any.
    public var summary: String {
        let edges = precise
        func text(_ value: Double) -> String { JSONValue.double(value).numberLiteral }
        return "\(text(edges.x)),\(text(edges.y)) \(text(edges.width))×\(text(edges.height))"
    }

    /// One past the right-most pixel column.
    public var maxX: Int { x + width }
    /// One past the bottom pixel row.
    public var maxY: Int { y + height }

    /// The largest magnitude a pixel coordinate or size may have in a sidecar: sums and
    /// products of two such numbers cannot overflow, whatever a file claims.
    public static let coordinateLimit = 1 << 31

    /// Whether the box is at least 1×1 and lies inside an image of the given size (its exact
    /// edges, when it has them, larger than zero and inside too).
    public func fits(in size: ImageSize) -> Bool {
        // Compared without forming x + width, which a hostile file can make overflow.
        let pixels = width >= 1 && height >= 1 && x >= 0 && y >= 0 && width <= size.width && height <= size.height
            && x <= size.width - width && y <= size.height - height
        guard pixels, let exact else { return pixels }
        // Clipping at the edge computes right - left; allow the rounding of that subtraction.
        let slack = 1e-9 * Double(max(size.width, size.height))
        return [exact.x, exact.y, exact.width, exact.height].allSatisfy(\.isFinite)
            && exact.width > 0 && exact.height > 0 && exact.x >= 0 && exact.y >= 0
            && exact.x + exact.width <= Double(size.width) + slack && exact.y + exact.height <= Double(size.height) + slack
    }

    /// The box moved and shrunk as little as needed to lie inside `size` and be at least 1×1.
    public func clamped(to size: ImageSize) -> BoxGeometry {
        let width = min(max(self.width, 1), max(size.width, 1))
        let height = min(max(self.height, 1), max(size.height, 1))
        let x = min(max(self.x, 0), max(size.width - width, 0))
        let y = min(max(self.y, 0), max(size.height - height, 0))
        var box = BoxGeometry(x: x, y: y, width: width, height: height)
        if x == self.x, y == self.y, width == self.width, height == self.height { box.exact = exact }
        return box
    }
}

/// A span of text: code-point offsets into the item's text (end exclusive) and the covered text.
public struct SpanRange: Hashable, Sendable {
    public var start: Int
    public var end: Int
    /// The text the span covered when it was made, so a changed data file is detected.
    public var text: String

    /// A span from `start` up to (not including) `end`.
    public init(start: Int, end: Int, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }
}

/// What an annotation marks out: a box, a span, the whole item (a class), a polygon, a
/// skeleton's points, a mask (DESIGN §11), or a newer type.
public enum AnnotationShape: Hashable, Sendable {
    case box(BoxGeometry)
    case span(SpanRange)
    case classification
    case polygon(PolygonGeometry)
    case keypoints(KeypointSet)
    case mask(MaskRLE)
    /// A type this version does not know (e.g. `cuboid`); its fields live in `extra`.
    case other(type: String)

    /// The value of the sidecar's `type` key.
    public var typeName: String {
        switch self {
        case .box: return "box"
        case .span: return "span"
        case .classification: return "class"
        case .polygon: return "polygon"
        case .keypoints: return "keypoints"
        case .mask: return "mask"
        case .other(let type): return type
        }
    }

    /// The kind of label the shape takes, or nil for a type this version does not know.
    public var labelKind: LabelKind? { LabelKind(annotationType: typeName) }

    /// Whether the shape is one of DESIGN §11's (a polygon, keypoints or a mask).
    public var isDrawnShape: Bool {
        switch self {
        case .polygon, .keypoints, .mask: return true
        default: return false
        }
    }

    /// Whether the shape marks out part of a picture (a box, polygon, keypoints or mask).
    public var isRegion: Bool {
        switch self {
        case .box, .polygon, .keypoints, .mask: return true
        default: return false
        }
    }
}

/// One annotation of an item, as stored in a sidecar.
public struct Annotation: Hashable, Sendable {
    /// The status value of a model's or pattern's output awaiting review.
    public static let suggestedStatus = "suggested"

    public var id: String
    public var shape: AnnotationShape
    public var label: String
    /// The 0-based record of a text file split into records; nil for whole items.
    public var record: Int?
    public var author: String?
    /// ISO 8601 UTC time of the last change, e.g. `2026-11-22T10:00:00Z`.
    public var time: String?
    /// `suggested` for unreviewed model output; nil for accepted annotations.
    public var status: String?
    public var score: Double?
    public var source: String?
    /// Keys this version does not know, kept so a rewrite does not lose them.
    public var extra: [String: JSONValue]
    /// The score's text as the file had it, when it differs from how termlabel writes the same
    /// number (`0.1000000000000000055511151231257827`): written back as it was while the score
    /// is unchanged, so an edit elsewhere does not rewrite it.
    public var scoreLiteral: String?

    /// The score as it is written to a sidecar.
    public var scoreJSON: JSONValue? {
        guard let score else { return nil }
        if let scoreLiteral, Double(scoreLiteral) == score { return .number(scoreLiteral) }
        return .double(score)
    }

    /// An annotation with the given fields.
    public init(id: String, shape: AnnotationShape, label: String, record: Int? = nil,
                author: String? = nil, time: String? = nil, status: String? = nil,
                score: Double? = nil, source: String? = nil, extra: [String: JSONValue] = [:]) {
        self.id = id
        self.shape = shape
        self.label = label
        self.record = record
        self.author = author
        self.time = time
        self.status = status
        self.score = score
        self.source = source
        self.extra = extra
    }

    /// Whether this is unreviewed model output.
    public var isSuggestion: Bool { status == Annotation.suggestedStatus }

    /// Whether a person accepted this from a suggestion (it keeps `accepted_from`).
    public var wasAcceptedSuggestion: Bool { extra["accepted_from"] != nil }

    /// The box, if this is a box annotation.
    public var box: BoxGeometry? {
        if case .box(let box) = shape { return box }
        return nil
    }

    /// The span, if this is a span annotation.
    public var span: SpanRange? {
        if case .span(let span) = shape { return span }
        return nil
    }

    /// The polygon, if this is a polygon annotation.
    public var polygon: PolygonGeometry? {
        if case .polygon(let polygon) = shape { return polygon }
        return nil
    }

    /// The skeleton's points, if this is a keypoints annotation.
    public var keypoints: KeypointSet? {
        if case .keypoints(let points) = shape { return points }
        return nil
    }

    /// The mask, if this is a mask annotation.
    public var mask: MaskRLE? {
        if case .mask(let mask) = shape { return mask }
        return nil
    }

    /// The smallest whole-pixel box around a picture region (a box, polygon, keypoints or mask).
    public var regionBounds: BoxGeometry? {
        switch shape {
        case .box(let box): return box
        case .polygon(let polygon): return polygon.bounds
        case .keypoints(let points): return points.bounds
        case .mask(let mask): return mask.bounds
        default: return nil
        }
    }

    /// Whether this is a class annotation.
    public var isClassification: Bool { shape == .classification }

    /// This suggestion accepted by `author` at `time`: it stops being a suggestion, and where it
    /// came from (`source`, `score`) moves to `accepted_from`, so exports and re-imports can tell.
    public func accepted(by author: String, at time: String) -> Annotation {
        var copy = self
        var origin = JSONObject()
        if let source { origin["source"] = .string(source) }
        if let score { origin["score"] = .double(score) }
        if !origin.members.isEmpty { copy.extra["accepted_from"] = .object(origin) }
        copy.status = nil
        copy.score = nil
        copy.source = nil
        copy.author = author
        copy.time = time
        return copy
    }
}
