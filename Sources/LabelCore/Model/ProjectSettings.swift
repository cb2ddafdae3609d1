/// How a text file is split into items.
public enum RecordMode: String, CaseIterable, Sendable {
    /// The whole file is one item.
    case file
    /// Each line is an item.
    case lines
    /// Each blank-line separated paragraph is an item.
    case paragraphs
    /// Each line is a JSON object whose text field is the item.
    case jsonl
}

/// The settings of a project (`termlabel.toml` merged with command-line options).
public struct ProjectSettings: Hashable, Sendable {
    public var annotator: String?
    public var keymap: String?
    public var theme: String?
    /// How text files split into records; nil means "by file type" (`.jsonl` as jsonl, else file).
    public var records: RecordMode?
    /// The text field of JSONL records.
    public var textField: String
    public var classes: LabelSet
    public var boxes: LabelSet
    public var spans: LabelSet
    public var polygons = LabelSet(kind: .polygons)
    public var masks = LabelSet(kind: .masks)
    /// The skeletons of `[keypoints.NAME]` tables, in file order.
    public var skeletons: [Skeleton] = []
    /// Each annotator sees only their own annotations and suggestions (`[project] blind`).
    public var blind = false
    /// Who may open `termlabel review` (`[project] reviewers`).
    public var reviewers: [String] = []

    /// Settings with no labels and default behaviour.
    public init(annotator: String? = nil, keymap: String? = nil, theme: String? = nil,
                records: RecordMode? = nil, textField: String = "text",
                classes: LabelSet = LabelSet(kind: .classes), boxes: LabelSet = LabelSet(kind: .boxes),
                spans: LabelSet = LabelSet(kind: .spans)) {
        self.annotator = annotator
        self.keymap = keymap
        self.theme = theme
        self.records = records
        self.textField = textField
        self.classes = classes
        self.boxes = boxes
        self.spans = spans
    }

    /// The label set of `kind`.
    public func labels(_ kind: LabelKind) -> LabelSet {
        switch kind {
        case .classes: return classes
        case .boxes: return boxes
        case .spans: return spans
        case .polygons: return polygons
        case .masks: return masks
        case .keypoints:
            return LabelSet(kind: .keypoints, labels: skeletons.map { LabelDefinition(name: $0.name, color: $0.color) })
        }
    }

    /// The skeleton named `name`, if the project declares it.
    public func skeleton(named name: String) -> Skeleton? { skeletons.first { $0.name == name } }

    /// Replaces the label set of `kind`.
    public mutating func setLabels(_ set: LabelSet, for kind: LabelKind) {
        switch kind {
        case .classes: classes = set
        case .boxes: boxes = set
        case .spans: spans = set
        case .polygons: polygons = set
        case .masks: masks = set
        case .keypoints:
            // Skeletons are declared with their point names; a label alone adds none.
            skeletons = set.labels.map { label in skeleton(named: label.name) ?? Skeleton(name: label.name, names: [], color: label.color) }
        }
    }

    /// The record mode for a file with the given extension (lowercased, without dot).
    public func recordMode(forExtension fileExtension: String) -> RecordMode {
        if let records { return records }
        return fileExtension == "jsonl" || fileExtension == "ndjson" ? .jsonl : .file
    }
}
