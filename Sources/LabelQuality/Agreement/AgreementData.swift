import LabelCore

/// What one annotator gave one item, kind by kind. An annotator *rated* an item for a kind when
/// they have an annotation of that kind on it or a done mark on it; suggestions never count.
public struct ItemRating: Sendable {
    public var classes: [String] = []
    public var spans: [SpanRange] = []
    public var spanLabels: [String] = []
    public var boxes: [ExactBox] = []
    public var boxLabels: [String] = []
    public var done = false

    /// Whether the annotator rated the item for class labels.
    public var ratedClasses: Bool { done || !classes.isEmpty }
    /// Whether the annotator rated the item for spans.
    public var ratedSpans: Bool { done || !spans.isEmpty }
    /// Whether the annotator rated the item for boxes.
    public var ratedBoxes: Bool { done || !boxes.isEmpty }
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

    /// No items yet.
    public init() {}

    /// Adds the items of one data file named `name`: `records` lists its item keys (nil for a whole file).
    public mutating func add(_ document: Document, name: String, kind: ItemKind, records: some Sequence<Int?>) {
        var byRecord: [Int?: [String: ItemRating]] = [:]
        for annotation in document.annotations where !annotation.isSuggestion {
            guard let author = annotation.author else { continue }
            switch annotation.shape {
            case .classification:
                byRecord[annotation.record, default: [:]][author, default: ItemRating()].classes.append(annotation.label)
                hasClasses = true
            case .span(let span) where kind == .text:
                byRecord[annotation.record, default: [:]][author, default: ItemRating()].spans.append(span)
                byRecord[annotation.record, default: [:]][author, default: ItemRating()].spanLabels.append(annotation.label)
                hasSpans = true
            case .box(let box) where kind == .image:
                byRecord[annotation.record, default: [:]][author, default: ItemRating()].boxes.append(box.precise)
                byRecord[annotation.record, default: [:]][author, default: ItemRating()].boxLabels.append(annotation.label)
                hasBoxes = true
            default:
                break
            }
        }
        for mark in document.marksByKey.values where mark.state == .done {
            guard let author = mark.author else { continue }
            byRecord[mark.record, default: [:]][author, default: ItemRating()].done = true
        }
        for record in records {
            guard let ratings = byRecord[record], !ratings.isEmpty else { continue }
            items.append(RatedItem(name: record.map { "\(name)#\($0 + 1)" } ?? name, kind: kind, ratings: ratings))
        }
    }

    /// Every annotator who rated something, in name order.
    public var annotators: [String] { Set(items.flatMap(\.ratings.keys)).sorted() }
}
