/// The content of one sidecar file (`<datafile>.labels.json`), DESIGN §2.
public struct Sidecar: Equatable, Sendable {
    /// The value of the `format` key.
    public static let formatName = "termlabel-sidecar"
    /// The newest schema version this build reads and writes.
    public static let currentVersion = 1
    /// What is appended to a data file's name to name its sidecar.
    public static let fileSuffix = ".labels.json"

    /// The data file's name (relative to the sidecar's folder).
    public var file: String
    public var kind: ItemKind?
    /// The upright pixel size, for images.
    public var image: ImageSize?
    public var annotations: [Annotation]
    public var marks: [Mark]
    /// Top-level keys this version does not know, kept on rewrite.
    public var extra: [String: JSONValue]

    /// A sidecar with the given content.
    public init(file: String, kind: ItemKind?, image: ImageSize? = nil, annotations: [Annotation] = [],
                marks: [Mark] = [], extra: [String: JSONValue] = [:]) {
        self.file = file
        self.kind = kind
        self.image = image
        self.annotations = annotations
        self.marks = marks
        self.extra = extra
    }
}

/// The stable order of annotations in a sidecar: by record, type, position, label, author, id.
public enum AnnotationOrder {
    /// Whether `lhs` is written before `rhs`.
    public static func precedes(_ lhs: Annotation, _ rhs: Annotation) -> Bool {
        if lhs.record != rhs.record { return (lhs.record ?? -1) < (rhs.record ?? -1) }
        let lhsRank = rank(lhs.shape), rhsRank = rank(rhs.shape)
        if lhsRank != rhsRank { return lhsRank < rhsRank }
        switch (lhs.shape, rhs.shape) {
        case (.box(let a), .box(let b)):
            if (a.y, a.x, a.height, a.width) != (b.y, b.x, b.height, b.width) {
                return (a.y, a.x, a.height, a.width) < (b.y, b.x, b.height, b.width)
            }
        case (.span(let a), .span(let b)):
            if (a.start, a.end) != (b.start, b.end) { return (a.start, a.end) < (b.start, b.end) }
        case (.other(let a), .other(let b)) where a != b:
            return a.utf8.lexicographicallyPrecedes(b.utf8)
        default: break
        }
        if lhs.label != rhs.label { return lhs.label.utf8.lexicographicallyPrecedes(rhs.label.utf8) }
        if lhs.author != rhs.author { return (lhs.author ?? "").utf8.lexicographicallyPrecedes((rhs.author ?? "").utf8) }
        return lhs.id.utf8.lexicographicallyPrecedes(rhs.id.utf8)
    }

    static func rank(_ shape: AnnotationShape) -> Int {
        switch shape {
        case .classification: return 0
        case .box: return 1
        case .span: return 2
        case .polygon: return 3
        case .keypoints: return 4
        case .mask: return 5
        case .other: return 6
        }
    }

    /// Whether mark `lhs` is written before `rhs`: by record, state, author, time.
    public static func precedes(_ lhs: Mark, _ rhs: Mark) -> Bool {
        if lhs.record != rhs.record { return (lhs.record ?? -1) < (rhs.record ?? -1) }
        if lhs.state != rhs.state { return lhs.state.rawValue < rhs.state.rawValue }
        if lhs.author != rhs.author { return (lhs.author ?? "") < (rhs.author ?? "") }
        return (lhs.time ?? "") < (rhs.time ?? "")
    }
}
