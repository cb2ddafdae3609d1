import LabelCore
import LabelStore

/// labelme: a JSON file per picture, boxes as rectangles (two corner points), image classes as
/// `flags`, no embedded image: `imagePath` points back to the picture from where the JSON is.
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
            var flags: [String: JSONValue] = [:]
            for label in items.dataset.settings.classes.labels { flags[label.name] = .bool(false) }
            for annotation in item.annotations {
                report.annotations += 1
                if annotation.isClassification {
                    flags[annotation.label] = .bool(true)
                    continue
                }
                guard let edges = annotation.box?.precise else { continue }
                var shape: [String: JSONValue] = [
                    "label": .string(annotation.label),
                    "points": .array([.array([.double(edges.x), .double(edges.y)]),
                                      .array([.double(edges.x + edges.width), .double(edges.y + edges.height)])]),
                    "group_id": annotation.extra["group_id"] ?? .null, "description": annotation.extra["description"] ?? .string(""),
                    "shape_type": .string("rectangle"), "flags": annotation.extra["flags"] ?? .object(JSONObject()), "mask": .null,
                ]
                if annotation.isSuggestion { shape["score"] = .double(annotation.score ?? 1) }
                shapes.append(.object(JSONObject(shape)))
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
