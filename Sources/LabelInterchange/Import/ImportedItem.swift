import LabelCore

/// Where an imported annotation sits, in the geometry its format uses.
enum ImportedGeometry: Hashable {
    case box(x: Double, y: Double, width: Double, height: Double)
    /// YOLO: centre and size as fractions of the picture.
    case normalizedBox(centerX: Double, centerY: Double, width: Double, height: Double)
    /// Label Studio: corner and size in percent of the picture.
    case percentBox(x: Double, y: Double, width: Double, height: Double)
    case span(start: Int, end: Int, text: String?)
    case classification
    /// A polygon's vertices in the units `scale` says.
    case polygon([ShapePoint], scale: PointScale)
    /// A skeleton's points (in the order of its names) in the units `scale` says.
    case keypoints(skeleton: String, [Keypoint], scale: PointScale)
    /// A mask over the whole picture.
    case mask(MaskRLE)
    /// One named point of a skeleton (Label Studio's keypoints): gathered with the other points
    /// of the same annotation into an instance of the project's skeleton holding that name.
    /// `instance` tells apart several instances on one item (labelme's `group_id`).
    case namedPoint(name: String, ShapePoint, scale: PointScale, instance: String? = nil)
}

/// The units of imported points: image pixels, fractions of the picture (YOLO) or percent (Label Studio).
enum PointScale: Hashable {
    case pixels, fraction, percent

    /// `point` in image pixels of a picture of `size`.
    func pixels(_ point: ShapePoint, in size: ImageSize) -> ShapePoint {
        switch self {
        case .pixels: return point
        case .fraction: return ShapePoint(x: point.x * Double(size.width), y: point.y * Double(size.height))
        case .percent: return ShapePoint(x: point.x * Double(size.width) / 100, y: point.y * Double(size.height) / 100)
        }
    }
}

/// An annotation read from another tool's file, before it is matched to an item.
struct ImportedAnnotation {
    var geometry: ImportedGeometry
    var label: String
    var author: String?
    var time: String?
    var score: Double?
    var isSuggestion: Bool
    /// The model's score of a label a person accepted (Prodigy's `answer: accept` with scored
    /// spans): kept as `accepted_from`, while the annotation itself is accepted.
    var acceptedScore: Double? = nil
    /// The model that made a suggestion (Label Studio's `model_version`); nil means "import".
    var source: String? = nil
    /// What the format says about the annotation beyond its shape (COCO `iscrowd` and
    /// `attributes`, labelme `group_id`, `description`, `flags`): kept in the sidecar as they
    /// are, and written back by the format's export.
    var attributes: [String: JSONValue] = [:]
}

/// Which item of the dataset imported annotations belong to.
enum ImportTarget: Hashable {
    /// A data file named by a path (absolute, relative to the dataset or to the import file, or a bare name).
    case file(String, record: Int?)
    /// The item whose text is exactly this (spaCy JSONL without `meta`).
    case text(String)
    /// The first of these that names an item (brat's `NAME-3.ann`: record 3 of NAME, or a file NAME-3).
    indirect case firstOf([ImportTarget])
}

/// One item's worth of imported annotations, with where it came from (for messages).
struct ImportedItem {
    var target: ImportTarget
    var annotations: [ImportedAnnotation]
    /// `file:line` or `file: name` of the source, for messages.
    var origin: String
    /// The picture size the source states (COCO's image width and height), checked against the file.
    var declaredSize: ImageSize? = nil
    /// The source says the item holds nothing (an empty YOLO label file): a done mark, a true negative.
    var isTrueNegative = false
    /// What the source holds that termlabel cannot (relations, polygons, attributes…), by kind:
    /// counted, named in the summary, and an error status (DESIGN §13), never dropped in silence.
    var unsupported: [String: Int] = [:]
}

/// A label a source declares with its number (a COCO category, a YOLO class), used or not;
/// a COCO category with keypoints declares a skeleton too.
struct DeclaredLabel: Hashable {
    var name: String
    var id: Int
    var skeleton: Skeleton? = nil
}
