import LabelCore

/// Progress and label counts over a dataset, overall and per annotator (`termlabel stats`).
public struct DatasetStatistics: Equatable, Sendable {
    /// Counts of one annotator.
    public struct AnnotatorCounts: Equatable, Sendable {
        public var annotations = 0
        public var done = 0
        public var flagged = 0
        /// Items this annotator annotated or marked.
        public var items = 0
        /// Items this annotator rated: annotated or marked done (DESIGN §9).
        public var rated = 0

        /// Counts with the given values.
        public init(annotations: Int = 0, done: Int = 0, flagged: Int = 0, items: Int = 0, rated: Int? = nil) {
            self.annotations = annotations
            self.done = done
            self.flagged = flagged
            self.items = items
            self.rated = rated ?? items
        }
    }

    /// One label's count of accepted annotations.
    public struct LabelCount: Equatable, Sendable {
        public let type: String
        public let label: String
        public var count: Int
    }

    public private(set) var items = 0
    public private(set) var done = 0
    public private(set) var flagged = 0
    /// Items with at least one accepted annotation.
    public private(set) var annotated = 0
    /// Accepted annotations.
    public private(set) var annotations = 0
    /// Suggestions not yet accepted or rejected.
    public private(set) var suggestions = 0
    public private(set) var labels: [LabelCount] = []
    public private(set) var annotators: [String: AnnotatorCounts] = [:]
    private var labelIndex: [LabelKey: Int] = [:]

    /// A label of a type, as `labels` is indexed.
    private struct LabelKey: Hashable, Sendable {
        let type: String
        let label: String
    }

    /// Empty statistics.
    public init() {}

    /// Adds the items of one data file from its summary: `records` lists its item keys (nil
    /// for a whole file).
    public mutating func add(_ summary: FileSummary, records: some Sequence<Int?>) {
        for record in records {
            items += 1
            guard let item = summary.items[record] else { continue }
            // An item has an author or two: arrays beat sets at that size.
            var touched: [String] = []
            var rated: [String] = []
            suggestions += item.suggestions
            for annotation in item.accepted {
                count(type: annotation.type, label: annotation.label)
                let author = annotation.author ?? "(unknown)"
                annotators[author, default: AnnotatorCounts()].annotations += 1
                if !touched.contains(author) { touched.append(author) }
                if !rated.contains(author) { rated.append(author) }
            }
            annotations += item.accepted.count
            if !item.accepted.isEmpty { annotated += 1 }
            if item.marks.contains(where: { $0.state == .done }) { done += 1 }
            if item.marks.contains(where: { $0.state == .flagged }) { flagged += 1 }
            for mark in item.marks {
                let author = mark.author ?? "(unknown)"
                if mark.state == .done {
                    annotators[author, default: AnnotatorCounts()].done += 1
                    if !rated.contains(author) { rated.append(author) }
                }
                if mark.state == .flagged { annotators[author, default: AnnotatorCounts()].flagged += 1 }
                if !touched.contains(author) { touched.append(author) }
            }
            for author in touched { annotators[author, default: AnnotatorCounts()].items += 1 }
            for author in rated { annotators[author, default: AnnotatorCounts()].rated += 1 }
        }
    }

    private mutating func count(type: String, label: String, by amount: Int = 1) {
        let key = LabelKey(type: type, label: label)
        if let index = labelIndex[key] {
            labels[index].count += amount
        } else {
            labelIndex[key] = labels.count
            labels.append(LabelCount(type: type, label: label, count: amount))
        }
    }

    /// Lists the project's labels even where nobody used them yet (a count of 0 says so,
    /// where leaving them out would hide a label nobody has found).
    public mutating func declare(_ settings: ProjectSettings) {
        for kind in LabelKind.allCases {
            for label in settings.labels(kind).labels { count(type: kind.annotationType, label: label.name, by: 0) }
        }
    }

    /// Labels by type (class, box, span), then by descending count, then by name.
    public var sortedLabels: [LabelCount] {
        let rank = ["class": 0, "box": 1, "span": 2]
        return labels.sorted {
            let a = rank[$0.type] ?? 3, b = rank[$1.type] ?? 3
            if a != b { return a < b }
            if $0.count != $1.count { return $0.count > $1.count }
            return $0.label < $1.label
        }
    }

    /// The statistics as the JSON `termlabel stats --json` prints.
    public var json: JSONValue {
        var annotatorObjects: [String: JSONValue] = [:]
        for (name, counts) in annotators {
            annotatorObjects[name] = .object(JSONObject(["annotations": .int(counts.annotations), "done": .int(counts.done),
                                                         "flagged": .int(counts.flagged), "items": .int(counts.items), "rated": .int(counts.rated)]))
        }
        let labelValues: [JSONValue] = sortedLabels.map {
            .object(JSONObject(["type": .string($0.type), "label": .string($0.label), "count": .int($0.count)]))
        }
        return .object(JSONObject([
            "items": .int(items), "done": .int(done), "flagged": .int(flagged), "annotated": .int(annotated),
            "annotations": .int(annotations), "suggestions": .int(suggestions),
            "labels": .array(labelValues), "annotators": .object(JSONObject(annotatorObjects)),
        ]))
    }

    /// The statistics as a small plain-text report.
    public var report: String {
        func percent(_ part: Int) -> String {
            items == 0 ? "" : "  (" + String(format1: Double(part) * 100 / Double(items)) + "%)"
        }
        var lines = [
            "items        \(items)",
            "done         \(done)\(percent(done))",
            "flagged      \(flagged)",
            "annotated    \(annotated)\(percent(annotated))",
            "annotations  \(annotations)",
            "suggestions  \(suggestions) pending",
        ]
        if !labels.isEmpty {
            lines.append("")
            lines.append("labels")
            let width = sortedLabels.map(\.label.count).max() ?? 0, typeWidth = max(5, sortedLabels.map(\.type.count).max() ?? 0)
            for label in sortedLabels {
                lines.append("  \(label.type.padding(typeWidth)) \(label.label.padding(width))  \(label.count)")
            }
        }
        if !annotators.isEmpty {
            lines.append("")
            lines.append("annotators")
            let width = annotators.keys.map(\.count).max() ?? 0
            for name in annotators.keys.sorted() {
                let counts = annotators[name] ?? AnnotatorCounts()
                lines.append("  \(name.padding(width))  rated \(counts.rated)  items \(counts.items)  annotations \(counts.annotations)  done \(counts.done)  flagged \(counts.flagged)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The number with one decimal, without Foundation.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }

    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
