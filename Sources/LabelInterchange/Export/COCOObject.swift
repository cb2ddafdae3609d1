import LabelCore

/// One COCO object: the annotations that make it (a box, polygons, a mask, keypoints). An
/// imported COCO object keeps its parts together with a shared `coco_group`; an annotation made
/// in termlabel is an object of its own.
struct COCOObject {
    /// The sidecar key tying the parts of one imported COCO object together.
    static let groupKey = "coco_group"

    var pieces: [Annotation]

    /// The object's label (its parts share it).
    var label: String { pieces.first?.label ?? "" }

    /// The picture regions of an item as COCO objects, in the items' order.
    static func group(_ annotations: [Annotation]) -> [COCOObject] {
        var objects: [COCOObject] = []
        var positions: [String: Int] = [:]
        for annotation in annotations where annotation.shape.isRegion {
            if let group = annotation.extra[groupKey]?.stringValue {
                let key = group + "\u{0}" + annotation.label
                if let position = positions[key] {
                    objects[position].pieces.append(annotation)
                    continue
                }
                positions[key] = objects.count
            }
            objects.append(COCOObject(pieces: [annotation]))
        }
        return objects
    }

    /// Writes the object as a COCO annotation: `segmentation` (polygons as coordinate lists, a
    /// mask as compressed RLE), `keypoints` with `num_keypoints`, `bbox` (the box part, else the
    /// shapes' bounds) and `area` (the segmentation's pixels as pycocotools counts them, else the box's).
    func write(id: Int, imageID: Int, category: Int, size: ImageSize, into writer: inout JSONWriter) {
        let box = pieces.lazy.compactMap(\.box).first
        let polygons = pieces.compactMap(\.polygon)
        let mask = pieces.lazy.compactMap(\.mask).first
        let keypoints = pieces.lazy.compactMap(\.keypoints).first
        var fields: [(String, JSONValue)] = [("id", .int(id)), ("image_id", .int(imageID)), ("category_id", .int(category))]
        // The segmentation's pixel count, as pycocotools' `area` gives it (from runs, not pixels,
        // unless several polygons must be merged).
        var area: Int?
        if !polygons.isEmpty {
            fields.append(("segmentation", .array(polygons.map { polygon in .array(polygon.points.flatMap { [JSONValue.double($0.x), .double($0.y)] }) })))
            if polygons.count == 1, let polygon = polygons.first {
                area = CompressedRLE.area(PolygonRaster.runs(polygon.points, height: size.height, width: size.width))
            } else {
                var union = Bitmap(height: size.height, width: size.width)
                for polygon in polygons { union.combine(PolygonRaster.bitmap(polygon, height: size.height, width: size.width), on: true) }
                area = union.area
            }
        } else if let mask {
            fields.append(("segmentation", .object(JSONObject(["size": .array([.int(mask.height), .int(mask.width)]), "counts": .string(mask.counts)]))))
            area = mask.area
        }
        if let keypoints {
            fields.append(("keypoints", .array(keypoints.points.flatMap { point in
                point.isLabeled ? [JSONValue.double(point.x), .double(point.y), .int(point.visibility.rawValue)] : [.int(0), .int(0), .int(0)]
            })))
            fields.append(("num_keypoints", .int(keypoints.labeledCount)))
        }
        // The box part, else the polygons' extreme coordinates, the mask's pixels or the placed points.
        let bbox = box?.precise ?? ExactBox.around(polygons.flatMap(\.points)) ?? mask?.bounds?.precise
            ?? ExactBox.around(keypoints?.points.filter(\.isLabeled).map(\.point) ?? []) ?? ExactBox(x: 0, y: 0, width: 0, height: 0)
        fields.append(("bbox", .array([.double(bbox.x), .double(bbox.y), .double(bbox.width), .double(bbox.height)])))
        fields.append(("area", area.map { .int($0) } ?? .double(bbox.width * bbox.height)))
        let first = pieces.first
        // A crowd region (kept from a COCO import) stays one; CVAT's attributes go back too.
        fields.append(("iscrowd", .int(pieces.contains { $0.extra["iscrowd"]?.intValue == 1 } ? 1 : 0)))
        if let attributes = pieces.lazy.compactMap({ $0.extra["attributes"] }).first, attributes.objectValue != nil { fields.append(("attributes", attributes)) }
        if let first, first.isSuggestion { fields.append(("score", .double(first.score ?? 1))) }
        if let author = first?.author { fields.append(("termlabel_author", .string(author))) }
        fields.append(("termlabel_id", .string(first?.id ?? "")))
        writer.appendRaw("{")
        for (index, field) in fields.enumerated() {
            if index > 0 { writer.appendRaw(",") }
            writer.writeString(field.0)
            writer.appendRaw(":")
            writer.appendRaw(bytes: JSONWriter.compact(field.1))
        }
        writer.appendRaw("}")
    }
}
