import LabelCore

/// Counts from comparing two annotators' spans or boxes on the items both rated.
public struct PairCounts: Equatable, Sendable {
    public var items = 0
    public var countA = 0
    public var countB = 0
    /// Matched one to one: spans identical (exact) or boxes at the IoU threshold with the same label.
    public var matched = 0
    /// Spans overlapping with the same label, one to one.
    public var overlapping = 0
    /// Boxes matched ignoring labels.
    public var matchedAnyLabel = 0
    public var iouSum = 0.0

    /// 2·matched / (count a + count b).
    func f1(_ matches: Int, _ what: String) -> Figure {
        Figure.ratio(Double(2 * matches), Double(countA + countB),
                     otherwise: items == 0 ? "no item rated by both" : "neither marked any \(what) on the \(items) item\(items == 1 ? "" : "s") both rated")
    }

    mutating func add(_ other: PairCounts) {
        items += other.items
        countA += other.countA
        countB += other.countB
        matched += other.matched
        overlapping += other.overlapping
        matchedAnyLabel += other.matchedAnyLabel
        iouSum += other.iouSum
    }
}

/// Comparisons of one item's spans or boxes between two annotators.
public enum PairComparison {
    /// Exact and overlapping matches of two lists of labelled spans (restricted to `label` if given).
    public static func spans(_ a: [(SpanRange, String)], _ b: [(SpanRange, String)], label: String? = nil) -> PairCounts {
        let left = label.map { name in a.filter { $0.1 == name } } ?? a
        let right = label.map { name in b.filter { $0.1 == name } } ?? b
        var counts = PairCounts(items: 1, countA: left.count, countB: right.count)
        var remaining: [String: Int] = [:]
        for (span, name) in right { remaining["\(span.start):\(span.end):\(name)", default: 0] += 1 }
        for (span, name) in left {
            let key = "\(span.start):\(span.end):\(name)"
            if let count = remaining[key], count > 0 {
                remaining[key] = count - 1
                counts.matched += 1
            }
        }
        counts.overlapping = Matching.maximumCount(rows: left.count, columns: right.count) { i, j in
            left[i].1 == right[j].1 && left[i].0.start < right[j].0.end && right[j].0.start < left[i].0.end
        }
        return counts
    }

    /// One-to-one matches of two lists of labelled boxes maximising the total IoU over pairs
    /// with IoU ≥ `threshold` (same label, and again ignoring labels).
    public static func boxes(_ a: [(ExactBox, String)], _ b: [(ExactBox, String)], threshold: Double) -> PairCounts {
        matched(a, b, threshold: threshold, similarity: intersectionOverUnion)
    }

    /// The same for polygons and masks (IoU of their pixels) and skeletons (keypoint similarity).
    public static func shapes(_ a: [RatedShape], _ b: [RatedShape], threshold: Double) -> PairCounts {
        matched(a.map { ($0, $0.label) }, b.map { ($0, $0.label) }, threshold: threshold, similarity: RatedShape.similarity)
    }

    /// One-to-one matches maximising the total similarity over pairs at `threshold` or more.
    static func matched<Shape>(_ a: [(Shape, String)], _ b: [(Shape, String)], threshold: Double, similarity: (Shape, Shape) -> Double) -> PairCounts {
        var counts = PairCounts(items: 1, countA: a.count, countB: b.count)
        let iou = a.map { left in b.map { right in similarity(left.0, right.0) } }
        let sameLabel = Matching.maximumWeight(rows: a.count, columns: b.count) { i, j in
            a[i].1 == b[j].1 && iou[i][j] >= threshold ? iou[i][j] : nil
        }
        counts.matched = sameLabel.count
        counts.iouSum = sameLabel.reduce(0) { $0 + iou[$1.0][$1.1] }
        counts.matchedAnyLabel = Matching.maximumWeight(rows: a.count, columns: b.count) { i, j in
            iou[i][j] >= threshold ? iou[i][j] : nil
        }.count
        return counts
    }

    /// Area of the intersection over area of the union, as COCO computes it (continuous edges).
    public static func intersectionOverUnion(_ a: ExactBox, _ b: ExactBox) -> Double {
        let width = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
        let height = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
        guard width > 0, height > 0 else { return 0 }
        let intersection = width * height
        return intersection / (a.width * a.height + b.width * b.height - intersection)
    }
}
