import LabelCore
import LabelImaging
import LabelDataset
import LabelStore

/// labelme: a JSON file per picture, boxes as rectangles (two corner points), polygons, a
/// skeleton's points as named `point` shapes sharing a `group_id`, masks as base64 PNGs of their
/// box, image classes as `flags`, no embedded image: `imagePath` points back to the picture
/// from where the JSON is.
enum LabelmeExporter {
    static func export(_ items: LabeledItems, to sink: ExportSink, progress: ((Int, Int) -> Void)?) throws(InterchangeError) -> ExportReport {
        guard let folder = sink.folder else { throw InterchangeError("labelme writes a folder of JSON files; give a folder with -o") }
        var report = ExportReport()
        let workingDirectory = sink.fileSystem.currentDirectory()
        try items.forEach(kinds: [.image], progress: progress) { item throws(InterchangeError) in
            guard let size = item.imageSize else {
                report.warnings.append("\(item.name): no image size; left out")
                return
            }
            report.items += 1
            let relative = item.file.relativePath
            let extensionLength = PathName.fileExtension(relative).isEmpty ? 0 : PathName.fileExtension(relative).count + 1
            let jsonRelative = String(relative.dropLast(extensionLength)) + ".json"
            let jsonPath = PathName.join(folder, jsonRelative)
            var shapes: [JSONValue] = []
            var instance = 0
            var flags: [String: JSONValue] = [:]
            for label in items.dataset.settings.classes.labels { flags[label.name] = .bool(false) }
            for annotation in item.annotations {
                report.annotations += 1
                if annotation.isClassification {
                    flags[annotation.label] = .bool(true)
                    continue
                }
                instance += 1
                shapes += LabelmeShapes.shapes(of: annotation, instance: instance, skeletons: items.dataset.settings.skeletons)
            }
            let document = JSONValue.object(JSONObject([
                "version": .string("5.5.0"), "flags": .object(JSONObject(flags)), "shapes": .array(shapes),
                // Seen from where the JSON really is: a relative -o is made absolute first.
                "imagePath": .string(RelativePath.from(PathName.parent(PathName.absolute(jsonPath, from: workingDirectory)), to: item.file.path)), "imageData": .null,
                "imageHeight": .int(size.height), "imageWidth": .int(size.width),
            ]))
            try sink.emit(JSONWriter.prettyPrinted(document), at: jsonRelative)
        }
        report.files = sink.written
        return report
    }
}

/// Relative paths between absolute paths.
enum RelativePath {
    /// The path of `target` seen from the folder `directory` (both absolute).
    static func from(_ directory: String, to target: String) -> String {
        let from = directory.split(separator: "/"), to = target.split(separator: "/")
        var shared = 0
        while shared < min(from.count, to.count) && from[shared] == to[shared] { shared += 1 }
        let ups = Array(repeating: "..", count: from.count - shared)
        return (ups + to[shared...].map(String.init)).joined(separator: "/")
    }
}

/// One annotation as labelme shapes.
enum LabelmeShapes {
    /// The shapes of `annotation`: one, or one `point` per placed point of a skeleton (their
    /// `group_id` the annotation's own, else `instance`).
    static func shapes(of annotation: Annotation, instance: Int, skeletons: [Skeleton]) -> [JSONValue] {
        func shape(_ label: String, _ type: String, _ points: [ShapePoint], group: JSONValue? = nil, mask: JSONValue = .null) -> JSONValue {
            var fields: [String: JSONValue] = [
                "label": .string(label), "points": .array(points.map { .array([.double($0.x), .double($0.y)]) }),
                "group_id": group ?? annotation.extra["group_id"] ?? .null, "description": annotation.extra["description"] ?? .string(""),
                "shape_type": .string(type), "flags": annotation.extra["flags"] ?? .object(JSONObject()), "mask": mask,
            ]
            if annotation.isSuggestion { fields["score"] = .double(annotation.score ?? 1) }
            return .object(JSONObject(fields))
        }
        switch annotation.shape {
        case .box(let box):
            let edges = box.precise
            return [shape(annotation.label, "rectangle", [ShapePoint(x: edges.x, y: edges.y), ShapePoint(x: edges.x + edges.width, y: edges.y + edges.height)])]
        case .polygon(let polygon):
            return [shape(annotation.label, "polygon", polygon.points)]
        case .keypoints(let set):
            let names = skeletons.first { $0.name == set.skeleton }?.names ?? set.points.indices.map { "point_\($0 + 1)" }
            let group = annotation.extra["group_id"] ?? .int(instance)
            return zip(set.points, names).filter { $0.0.isLabeled }.map { shape($0.1, "point", [$0.0.point], group: group) }
        case .mask(let mask):
            guard let bitmap = mask.bitmap(), let bounds = bitmap.bounds else { return [] }
            var rows: [UInt8] = []
            rows.reserveCapacity(bounds.width * bounds.height)
            for y in bounds.y..<bounds.maxY { for x in bounds.x..<bounds.maxX { rows.append(bitmap[x, y] ? 255 : 0) } }
            guard let png = try? PNGBytes.encode(width: bounds.width, height: bounds.height, channels: 1, rows: rows) else { return [] }
            // labelme's corners are inclusive: the mask covers x1…x2, y1…y2.
            return [shape(annotation.label, "mask", [ShapePoint(x: Double(bounds.x), y: Double(bounds.y)), ShapePoint(x: Double(bounds.maxX - 1), y: Double(bounds.maxY - 1))],
                          mask: .string(Base64.encode(png)))]
        default:
            return []
        }
    }
}
