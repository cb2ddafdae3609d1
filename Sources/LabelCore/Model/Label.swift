/// Which kind of annotation a label set is for.
public enum LabelKind: String, CaseIterable, Sendable {
    case classes, boxes, spans, polygons, masks
    /// Skeletons (`[keypoints.NAME]`): each skeleton's name is a label of this kind.
    case keypoints

    /// The annotation shape type (`class`, `box`, `span`, …) labels of this kind produce.
    public var annotationType: String {
        switch self {
        case .classes: return "class"
        case .boxes: return "box"
        case .spans: return "span"
        case .polygons: return "polygon"
        case .masks: return "mask"
        case .keypoints: return "keypoints"
        }
    }

    /// The label kind for a sidecar annotation type, if it is one this version knows.
    public init?(annotationType: String) {
        guard let kind = LabelKind.allCases.first(where: { $0.annotationType == annotationType }) else { return nil }
        self = kind
    }
}

/// One label a project offers, with its key, colour and annotation guideline.
public struct LabelDefinition: Hashable, Sendable {
    public var name: String
    /// The key that picks it; nil means "by position" (1…9, then 0).
    public var key: String?
    /// `#rrggbb`; nil means "from the theme's label palette".
    public var color: String?
    /// The guideline shown in the TUI's help.
    public var help: String?
    /// The number exports give it (COCO category id, YOLO class index), kept from an import so
    /// a round trip does not renumber; nil means "by position".
    public var id: Int?

    /// A label with the given fields.
    public init(name: String, key: String? = nil, color: String? = nil, help: String? = nil, id: Int? = nil) {
        self.name = name
        self.key = key
        self.color = color
        self.help = help
        self.id = id
    }
}

/// The labels of one kind, with the behaviour of class keys.
public struct LabelSet: Hashable, Sendable {
    public var kind: LabelKind
    public var labels: [LabelDefinition]
    /// For classes: several classes per item (true) or one that a new key replaces (false).
    public var multi: Bool
    /// For classes: after a class key, go to the next item.
    public var advance: Bool

    /// A label set of `kind`.
    public init(kind: LabelKind, labels: [LabelDefinition] = [], multi: Bool = false, advance: Bool = false) {
        self.kind = kind
        self.labels = labels
        self.multi = multi
        self.advance = advance
    }

    /// The key of the label at `position`: its own, or 1…9 then 0 by position, or nil past ten.
    public func key(at position: Int) -> String? {
        guard labels.indices.contains(position) else { return nil }
        if let key = labels[position].key { return key }
        switch position {
        case 0..<9: return String(position + 1)
        case 9: return "0"
        default: return nil
        }
    }

    /// The label chosen by pressing `key`, if any.
    public func label(forKey key: String) -> LabelDefinition? {
        labels.indices.first { self.key(at: $0) == key }.map { labels[$0] }
    }

    /// The label named `name`, if the set has it.
    public func label(named name: String) -> LabelDefinition? {
        labels.first { $0.name == name }
    }

    /// Whether the set has a label named `name`.
    public func contains(_ name: String) -> Bool { label(named: name) != nil }
}
