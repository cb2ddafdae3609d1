import LabelCore

/// What one annotator gave one item, kind by kind. An annotator *rated* an item for a kind when
/// they have an annotation of that kind on it or a done mark on it; suggestions never count.
public struct ItemRating: Equatable, Sendable {
    public var classes: [String] = []
    public var spans: [SpanRange] = []
    public var spanLabels: [String] = []
    public var boxes: [ExactBox] = []
    public var boxLabels: [String] = []
    /// Polygons and masks (as their pixels) and skeletons' points.
    public var shapes: [RatedShape] = []
    public var done = false

    /// Whether the annotator rated the item for class labels.
    public var ratedClasses: Bool { done || !classes.isEmpty }
    /// Whether the annotator rated the item for spans.
    public var ratedSpans: Bool { done || !spans.isEmpty }
    /// Whether the annotator rated the item for boxes.
    public var ratedBoxes: Bool { done || !boxes.isEmpty }
    /// Whether the annotator rated the item for polygons, masks or keypoints.
    public var ratedShapes: Bool { done || !shapes.isEmpty }
}

/// A polygon or mask as its pixels (column-order runs, rasterised as pycocotools does), or a
/// skeleton's points, with its label: what agreement compares beyond boxes.
public struct RatedShape: Equatable, Sendable {
    public enum Outline: Equatable, Sendable {
        case pixels(runs: [Int])
        case points(KeypointSet)
    }
    public var outline: Outline
    public var label: String

    /// A shape with this outline and label (read back from a cached summary).
    init(outline: Outline, label: String) {
        self.outline = outline
        self.label = label
    }

    /// The outline of `shape` on a picture of `size`, or nil for a shape that is not a region.
    public init?(_ shape: AnnotationShape, label: String, size: ImageSize?) {
        self.label = label
        switch shape {
        case .polygon(let polygon):
            guard let size else { return nil }
            outline = .pixels(runs: PolygonRaster.runs(polygon.points, height: size.height, width: size.width))
        case .mask(let mask):
            guard let runs = CompressedRLE.runs(from: mask.counts) else { return nil }
            outline = .pixels(runs: runs)
        case .keypoints(let set):
            outline = .points(set)
        default:
            return nil
        }
    }

    /// How alike two shapes are: IoU of pixels, or COCO's object keypoint similarity (σ 0.05
    /// for every point, the scale the points' common box) for skeletons; 0 for different kinds.
    public static func similarity(_ a: RatedShape, _ b: RatedShape) -> Double {
        switch (a.outline, b.outline) {
        case (.pixels(let left), .pixels(let right)): return CompressedRLE.iou(left, right)
        case (.points(let left), .points(let right)): return keypointSimilarity(left, right)
        default: return 0
        }
    }

    /// COCO's OKS between two instances of a skeleton: the mean over points either placed of
    /// exp(−d² / (2 s² κ²)), κ = 2σ, a point placed by one only counting 0.
    static func keypointSimilarity(_ a: KeypointSet, _ b: KeypointSet) -> Double {
        guard a.skeleton == b.skeleton, a.points.count == b.points.count else { return 0 }
        guard let box = ExactBox.around((a.points + b.points).filter(\.isLabeled).map(\.point)) else { return 0 }
        let area = max(1, box.width * box.height)
        let kappa = 2 * 0.05
        var sum = 0.0, counted = 0
        for (left, right) in zip(a.points, b.points) where left.isLabeled || right.isLabeled {
            counted += 1
            guard left.isLabeled && right.isLabeled else { continue }
            let distance = (left.x - right.x) * (left.x - right.x) + (left.y - right.y) * (left.y - right.y)
            sum += exponential(-distance / (2 * area * kappa * kappa))
        }
        return counted == 0 ? 0 : sum / Double(counted)
    }

    /// e^x by its series after halving x until it is small (LabelQuality does without Foundation).
    static func exponential(_ x: Double) -> Double {
        guard x > -700 else { return 0 }
        var value = x, halvings = 0
        while abs(value) > 0.5 { value /= 2; halvings += 1 }
        var term = 1.0, sum = 1.0
        for n in 1...20 { term *= value / Double(n); sum += term }
        for _ in 0..<halvings { sum *= sum }
        return sum
    }
}

/// One item (a picture, a text file or a record) and every annotator's rating of it.
public struct RatedItem: Sendable {
    public var name: String
    public var kind: ItemKind
    public var ratings: [String: ItemRating]
}

/// Everyone's ratings over a dataset, gathered from the documents (sidecars) item by item.
public struct AgreementData: Sendable {
    public private(set) var items: [RatedItem] = []
    /// Whether any accepted annotation of the kind exists (a kind with no data is left out).
    public private(set) var hasClasses = false
    public private(set) var hasSpans = false
    public private(set) var hasBoxes = false
    public private(set) var hasShapes = false

    /// No items yet.
    public init() {}

    /// Adds the items of one data file named `name`: `records` lists its item keys (nil for a whole file).
    public mutating func add(_ document: Document, name: String, kind: ItemKind, records: some Sequence<Int?>) {
        add(FileSummary(document, kind: kind), name: name, kind: kind, records: records)
    }

    /// Adds the items of one data file from its summary.
    public mutating func add(_ summary: FileSummary, name: String, kind: ItemKind, records: some Sequence<Int?>) {
        for record in records {
            guard let ratings = summary.items[record]?.ratings, !ratings.isEmpty else { continue }
            for (author, rating) in ratings {
                raters.insert(author)
                hasClasses = hasClasses || !rating.classes.isEmpty
                hasSpans = hasSpans || !rating.spans.isEmpty
                hasBoxes = hasBoxes || !rating.boxes.isEmpty
                hasShapes = hasShapes || !rating.shapes.isEmpty
            }
            items.append(RatedItem(name: record.map { "\(name)#\($0 + 1)" } ?? name, kind: kind, ratings: ratings))
        }
    }

    /// Every annotator who rated something, in name order.
    public var annotators: [String] { raters.sorted() }
    /// The same, gathered as items are added (100,000 items need not be walked again).
    private var raters: Set<String> = []
}
