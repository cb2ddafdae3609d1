import LabelCore
import LabelDataset
import LabelStore

/// Label Studio tasks JSON: a task per item with `data.image` (the path) or `data.text`, an
/// annotation holding the accepted results (boxes in percent of the picture with its original
/// size, spans as character offsets, classes as choices) and a prediction holding suggestions.
/// `labelstudio.xml`, the labeling config these tasks fit, is written beside the file.
enum LabelStudioExporter {
    /// Control names of the labeling config; a project with both pictures and text needs
    /// distinct names for its span and text-class controls.
    struct Names {
        let hasImages: Bool
        let hasText: Bool
        var span: String { hasImages ? "span" : "label" }
        var textClass: String { hasImages ? "text_class" : "class" }
    }

    static func export(_ items: LabeledItems, to sink: ExportSink, progress: ((Int, Int) -> Void)?) throws(InterchangeError) -> ExportReport {
        var report = ExportReport()
        var tasks: [JSONValue] = []
        let kinds = Set(items.dataset.files.map(\.kind))
        let names = Names(hasImages: kinds.contains(.image), hasText: kinds.contains(.text))
        var used: [LabelKind: Set<String>] = [:]
        try items.forEach(progress: progress) { item throws(InterchangeError) in
            report.items += 1
            var data: [String: JSONValue] = ["termlabel_file": .string(item.file.relativePath)]
            if let record = item.record { data["termlabel_record"] = .int(record) }
            let isImage = item.file.kind == .image
            if isImage { data["image"] = .string(item.file.relativePath) } else { data["text"] = .string(item.text ?? "") }
            // One Label Studio annotation per person, as Label Studio keeps them.
            var authors: [String?] = []
            var accepted: [String?: [JSONValue]] = [:]
            // One prediction per model, as Label Studio keeps them, with its model_version.
            var models: [String] = []
            var suggested: [String: [JSONValue]] = [:]
            var scores: [String: [Double]] = [:]
            for annotation in item.annotations {
                let result = results(annotation, item: item, isImage: isImage, names: names, skeletons: items.dataset.settings.skeletons)
                guard !result.isEmpty else { continue }
                report.annotations += 1
                if let kind = LabelKind(annotationType: annotation.shape.typeName) { used[kind, default: []].insert(annotation.label) }
                if annotation.isSuggestion {
                    let model = annotation.source ?? "termlabel"
                    if suggested[model] == nil { models.append(model) }
                    suggested[model, default: []] += result
                    scores[model, default: []].append(annotation.score ?? 1)
                } else {
                    if accepted[annotation.author] == nil { authors.append(annotation.author) }
                    accepted[annotation.author, default: []] += result
                }
            }
            if authors.isEmpty && item.isDone { authors.append(item.marks.first { $0.state == .done }?.author) }
            var task: [String: JSONValue] = ["id": .int(report.items), "data": .object(JSONObject(data))]
            task["annotations"] = .array(authors.enumerated().map { index, author in .object(JSONObject([
                "id": .int(report.items * 1000 + index), "result": .array(accepted[author] ?? []),
                "completed_by": completedBy(author), "was_cancelled": .bool(false),
            ])) })
            task["predictions"] = .array(models.map { model in
                let modelScores = scores[model] ?? []
                return .object(JSONObject([
                    "result": .array(suggested[model] ?? []), "score": .double(modelScores.reduce(0, +) / Double(max(modelScores.count, 1))),
                    "model_version": .string(model),
                ]))
            })
            tasks.append(.object(JSONObject(task)))
        }
        try sink.emit(JSONWriter.prettyPrinted(.array(tasks)))
        if case .file(let path) = sink.destination {
            var labels: [LabelKind: [String]] = [:]
            for kind in LabelKind.allCases {
                let own = items.dataset.settings.labels(kind).labels.map(\.name)
                labels[kind] = own + (used[kind] ?? []).subtracting(own).sorted()
            }
            try sink.write(Array(config(labels, multipleClasses: items.dataset.settings.classes.multi, names: names,
                                        skeletonPoints: items.dataset.settings.skeletons.flatMap(\.names)).utf8),
                           to: PathName.join(PathName.parent(path), "labelstudio.xml"))
        }
        report.files = sink.written
        return report
    }

    /// Label Studio's `completed_by`: the user's number for a Label Studio user (as the import
    /// names them), else a user object with the annotator's name as its email, which Label
    /// Studio's converter reads.
    static func completedBy(_ author: String?) -> JSONValue {
        guard let author else { return .null }
        let prefix = "labelstudio-user-"
        if author.hasPrefix(prefix), let id = Int(author.dropFirst(prefix.count)) { return .int(id) }
        return .object(JSONObject(["email": .string(author)]))
    }

    /// Label Studio's results for one annotation: one, or one per placed point of a skeleton.
    static func results(_ annotation: Annotation, item: LabeledItem, isImage: Bool, names: Names, skeletons: [Skeleton]) -> [JSONValue] {
        guard let set = annotation.keypoints else { return result(annotation, item: item, isImage: isImage, names: names).map { [$0] } ?? [] }
        guard let size = item.imageSize, size.width > 0, size.height > 0, let skeleton = skeletons.first(where: { $0.name == set.skeleton }) else { return [] }
        // Label Studio has no hidden points: hidden ones are written as placed.
        return zip(set.points, skeleton.names).enumerated().compactMap { index, pair in
            let (point, name) = pair
            guard point.isLabeled else { return nil }
            var fields = imageResult(annotation, type: "keypointlabels", from: "keypoint", size: size)
            fields["id"] = .string("\(annotation.id)-\(index + 1)")
            fields["value"] = .object(JSONObject([
                "x": .double(point.x * 100 / Double(size.width)), "y": .double(point.y * 100 / Double(size.height)),
                "width": .double(0.5), "keypointlabels": .array([.string(name)]),
            ]))
            return .object(JSONObject(fields))
        }
    }

    /// The fields every picture result has.
    static func imageResult(_ annotation: Annotation, type: String, from name: String, size: ImageSize) -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["id": .string(annotation.id), "origin": .string(annotation.isSuggestion ? "prediction" : "manual"),
                                           "type": .string(type), "from_name": .string(name), "to_name": .string("image"),
                                           "original_width": .int(size.width), "original_height": .int(size.height), "image_rotation": .int(0)]
        if annotation.isSuggestion, let score = annotation.score { fields["score"] = .double(score) }
        return fields
    }

    static func result(_ annotation: Annotation, item: LabeledItem, isImage: Bool, names: Names) -> JSONValue? {
        var fields: [String: JSONValue] = ["id": .string(annotation.id), "origin": .string(annotation.isSuggestion ? "prediction" : "manual")]
        switch annotation.shape {
        case .box(let box):
            guard let size = item.imageSize, size.width > 0, size.height > 0 else { return nil }
            let edges = box.precise
            fields["type"] = .string("rectanglelabels")
            fields["from_name"] = .string("label")
            fields["to_name"] = .string("image")
            fields["original_width"] = .int(size.width)
            fields["original_height"] = .int(size.height)
            fields["image_rotation"] = .int(0)
            fields["value"] = .object(JSONObject([
                "x": .double(edges.x * 100 / Double(size.width)), "y": .double(edges.y * 100 / Double(size.height)),
                "width": .double(edges.width * 100 / Double(size.width)), "height": .double(edges.height * 100 / Double(size.height)),
                "rotation": .int(0), "rectanglelabels": .array([.string(annotation.label)]),
            ]))
        case .span(let span):
            fields["type"] = .string("labels")
            fields["from_name"] = .string(names.span)
            fields["to_name"] = .string("text")
            fields["value"] = .object(JSONObject(["start": .int(span.start), "end": .int(span.end), "text": .string(span.text),
                                                  "labels": .array([.string(annotation.label)])]))
        case .classification:
            fields["type"] = .string("choices")
            fields["from_name"] = .string(isImage ? "class" : names.textClass)
            fields["to_name"] = .string(isImage ? "image" : "text")
            fields["value"] = .object(JSONObject(["choices": .array([.string(annotation.label)])]))
        case .polygon(let polygon):
            guard let size = item.imageSize, size.width > 0, size.height > 0 else { return nil }
            var fields = imageResult(annotation, type: "polygonlabels", from: "polygon", size: size)
            fields["value"] = .object(JSONObject([
                "points": .array(polygon.points.map { .array([.double($0.x * 100 / Double(size.width)), .double($0.y * 100 / Double(size.height))]) }),
                "closed": .bool(true), "polygonlabels": .array([.string(annotation.label)]),
            ]))
            return .object(JSONObject(fields))
        case .mask(let mask):
            guard let size = item.imageSize, size.width == mask.width, size.height == mask.height, let bitmap = mask.bitmap() else { return nil }
            var fields = imageResult(annotation, type: "brushlabels", from: "brush", size: size)
            fields["value"] = .object(JSONObject([
                "format": .string("rle"), "rle": .array(LabelStudioBrush.code(bitmap).map { .int(Int($0)) }),
                "brushlabels": .array([.string(annotation.label)]),
            ]))
            return .object(JSONObject(fields))
        case .keypoints, .other:
            return nil
        }
        if annotation.isSuggestion, let score = annotation.score { fields["score"] = .double(score) }
        return .object(JSONObject(fields))
    }

    /// A labeling config matching the exported tasks.
    /// The labeling config (`labelstudio.xml`) the tasks fit, so a Label Studio project or
    /// its converter can be set up from it.
    static func config(_ labels: [LabelKind: [String]], multipleClasses: Bool, names: Names, skeletonPoints: [String] = []) -> String {
        func options(_ tag: String, _ kind: LabelKind) -> [String] {
            (labels[kind] ?? []).map { "    <\(tag) value=\"\(VOCExporter.escape($0))\"/>" }
        }
        let classes = options("Choice", .classes)
        let choice = multipleClasses ? "multiple" : "single"
        var lines = ["<View>"]
        if names.hasImages {
            lines.append("  <Image name=\"image\" value=\"$image\"/>")
            let boxes = options("Label", .boxes)
            if !boxes.isEmpty { lines += ["  <RectangleLabels name=\"label\" toName=\"image\">"] + boxes + ["  </RectangleLabels>"] }
            let polygons = options("Label", .polygons)
            if !polygons.isEmpty { lines += ["  <PolygonLabels name=\"polygon\" toName=\"image\">"] + polygons + ["  </PolygonLabels>"] }
            let masks = options("Label", .masks)
            if !masks.isEmpty { lines += ["  <BrushLabels name=\"brush\" toName=\"image\">"] + masks + ["  </BrushLabels>"] }
            let points = Array(Set(skeletonPoints)).sorted().map { "    <Label value=\"\(VOCExporter.escape($0))\"/>" }
            if !points.isEmpty { lines += ["  <KeyPointLabels name=\"keypoint\" toName=\"image\">"] + points + ["  </KeyPointLabels>"] }
            if !classes.isEmpty { lines += ["  <Choices name=\"class\" toName=\"image\" choice=\"\(choice)\">"] + classes + ["  </Choices>"] }
        }
        if names.hasText {
            lines.append("  <Text name=\"text\" value=\"$text\"/>")
            let spans = options("Label", .spans)
            if !spans.isEmpty { lines += ["  <Labels name=\"\(names.span)\" toName=\"text\">"] + spans + ["  </Labels>"] }
            if !classes.isEmpty { lines += ["  <Choices name=\"\(names.textClass)\" toName=\"text\" choice=\"\(choice)\">"] + classes + ["  </Choices>"] }
        }
        lines.append("</View>")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// One row per class annotation: `file,record,label,author,time,status` (RFC 4180 quoting, formulas
/// neutralised unless asked for raw cells).
enum CSVExporter {
    static func export(_ items: LabeledItems, neutraliseFormulas: Bool, to sink: ExportSink,
                       progress: ((Int, Int) -> Void)?) throws(InterchangeError) -> ExportReport {
        var report = ExportReport()
        var output = "file,record,label,author,time,status\n"
        let cell = { (field: String) in quote(neutraliseFormulas ? neutralised(field) : field) }
        try items.forEach(progress: progress) { item throws(InterchangeError) in
            let classes = item.annotations.filter(\.isClassification)
            guard !classes.isEmpty else { return }
            report.items += 1
            for annotation in classes {
                report.annotations += 1
                // `status` tells suggestions (exported with --include-suggestions) from accepted rows.
                output += [item.file.relativePath, item.record.map { String($0) } ?? "", annotation.label, annotation.author ?? "", annotation.time ?? "",
                           annotation.status ?? ""].map(cell).joined(separator: ",") + "\n"
            }
        }
        try sink.emit(Array(output.utf8))
        report.files = sink.written
        return report
    }

    /// OWASP's rule against CSV injection: a cell a spreadsheet would read as a formula (it
    /// starts with `=`, `+`, `-`, `@`, a tab or a CR) gets a leading `'`, shown but not run.
    static func neutralised(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        return "'" + field
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}
