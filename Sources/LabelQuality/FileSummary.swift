import LabelCore

/// What one item of a data file holds for the dataset's figures (`stats`, `agree`, assignment
/// progress): its accepted annotations by type, label and author, how many suggestions wait,
/// its marks, and each annotator's rating. Small, so it is cached between runs.
public struct ItemSummary: Equatable, Sendable {
    /// An accepted annotation, as counted.
    public struct Counted: Equatable, Sendable {
        public var type: String
        public var label: String
        public var author: String?
    }

    /// A mark, as counted.
    public struct MarkEntry: Equatable, Sendable {
        public var state: MarkState
        public var author: String?
    }

    public var accepted: [Counted] = []
    /// Suggestions not yet accepted or rejected.
    public var suggestions = 0
    public var marks: [MarkEntry] = []
    /// What each annotator gave the item, for agreement.
    public var ratings: [String: ItemRating] = [:]

    /// An item with nothing on it.
    public init() {}

    /// The annotators who rated the item: an accepted annotation or a done mark (DESIGN §9).
    public var raters: Set<String> {
        Set(accepted.compactMap(\.author) + marks.filter { $0.state == .done }.compactMap(\.author))
    }
}

/// A data file's items as the figures need them (`ItemSummary`), keyed by record (nil for a
/// file that is one item). Items with nothing on them are left out. Summaries are cached on
/// disk (`SummaryCodec.swift`): a change to what they hold must change the cache's version.
public struct FileSummary: Equatable, Sendable {
    public var items: [Int?: ItemSummary]

    /// A summary of `items`.
    public init(items: [Int?: ItemSummary] = [:]) { self.items = items }

    /// The summary of `document`, a data file of `kind` (spans count for agreement in text,
    /// boxes and other shapes in pictures).
    public init(_ document: Document, kind: ItemKind) {
        items = [:]
        let size = document.header.image
        for annotation in document.annotations {
            var item = items[annotation.record] ?? ItemSummary()
            defer { items[annotation.record] = item }
            if annotation.isSuggestion {
                item.suggestions += 1
                continue
            }
            item.accepted.append(ItemSummary.Counted(type: annotation.shape.typeName, label: annotation.label, author: annotation.author))
            guard let author = annotation.author else { continue }
            var rating = item.ratings[author] ?? ItemRating()
            switch annotation.shape {
            case .classification:
                rating.classes.append(annotation.label)
            case .span(let span) where kind == .text:
                rating.spans.append(span)
                rating.spanLabels.append(annotation.label)
            case .box(let box) where kind == .image:
                rating.boxes.append(box.precise)
                rating.boxLabels.append(annotation.label)
            case .polygon, .mask, .keypoints:
                guard kind == .image, let shape = RatedShape(annotation.shape, label: annotation.label, size: size) else { continue }
                rating.shapes.append(shape)
            default:
                continue
            }
            item.ratings[author] = rating
        }
        // Marks in a fixed order (the document keeps them by key), so equal files summarise equally.
        let marks = document.marksByKey.values.sorted { ($0.record ?? -1, $0.state.rawValue, $0.author ?? "") < ($1.record ?? -1, $1.state.rawValue, $1.author ?? "") }
        for mark in marks {
            var item = items[mark.record] ?? ItemSummary()
            item.marks.append(ItemSummary.MarkEntry(state: mark.state, author: mark.author))
            if mark.state == .done, let author = mark.author {
                var rating = item.ratings[author] ?? ItemRating()
                rating.done = true
                item.ratings[author] = rating
            }
            items[mark.record] = item
        }
    }
}
