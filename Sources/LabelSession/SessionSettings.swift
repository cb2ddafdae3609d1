import LabelCells
import LabelCore

/// How a TUI session looks and what quick labels it brings (`open`, `review`, `demo`), as
/// plain values: the command line's parsed options stop at the executable.
public struct SessionSettings: Sendable {
    public var annotator: String?
    public var keymap: String?
    public var theme: String?
    public var colors: ColorDepth?
    public var classes: [String]?
    public var boxes: [String]?
    public var spans: [String]?
    public var polygons: [String]?
    public var masks: [String]?
    public var blind: Bool

    /// Settings with everything left to the project and the environment unless given.
    public init(annotator: String? = nil, keymap: String? = nil, theme: String? = nil, colors: ColorDepth? = nil,
                classes: [String]? = nil, boxes: [String]? = nil, spans: [String]? = nil, polygons: [String]? = nil,
                masks: [String]? = nil, blind: Bool = false) {
        self.polygons = polygons
        self.masks = masks
        self.annotator = annotator
        self.keymap = keymap
        self.theme = theme
        self.colors = colors
        self.classes = classes
        self.boxes = boxes
        self.spans = spans
        self.blind = blind
    }
}

/// How a dataset is read: records, text field and sidecar folder.
public struct DatasetSettings: Sendable {
    public var records: RecordMode?
    public var textField: String?
    public var sidecars: String?

    /// Settings reading the data as the project says unless given.
    public init(records: RecordMode? = nil, textField: String? = nil, sidecars: String? = nil) {
        self.records = records
        self.textField = textField
        self.sidecars = sidecars
    }
}
