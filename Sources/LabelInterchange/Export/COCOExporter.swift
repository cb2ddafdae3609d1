import LabelCore

/// COCO object detection JSON: images, categories (the project's box labels in order, then any
/// other label in order of first use) and boxes as `[x, y, width, height]`. Image-level classes go in the extra
/// list `termlabel_classes` (`image_id`, `label`, `author`), which COCO tools ignore.
/// Suggestions, when included, carry their `score`.
enum COCOExporter {
    static func export(_ items: LabeledItems, to sink: ExportSink, progress: ((Int, Int) -> Void)?) throws(InterchangeError) -> ExportReport {
        var categories = LabelNumbering(items.dataset.settings, .boxes, from: 1)
        var report = ExportReport()
        var images = JSONWriter(capacity: 1 << 20), annotations = JSONWriter(capacity: 1 << 22), classes = JSONWriter(capacity: 1 << 16)
        var imageID = 0, annotationID = 0, classCount = 0
        try items.forEach(kinds: [.image], progress: progress) { item throws(InterchangeError) in
            guard let size = item.imageSize else {
                report.warnings.append("\(item.name): no image size in its sidecar or header; left out")
                return
            }
            imageID += 1
            report.items += 1
            if imageID > 1 { images.appendRaw(",") }
            images.appendRaw("{\"id\":")
            images.appendInteger(imageID)
            images.appendRaw(",\"file_name\":")
            images.writeString(item.file.relativePath)
            images.appendRaw(",\"width\":")
            images.appendInteger(size.width)
            images.appendRaw(",\"height\":")
            images.appendInteger(size.height)
            images.appendRaw("}")
            for annotation in item.annotations {
                if annotation.isClassification {
                    classCount += 1
                    if classCount > 1 { classes.appendRaw(",") }
                    classes.appendRaw("{\"image_id\":")
                    classes.appendInteger(imageID)
                    classes.appendRaw(",\"label\":")
                    classes.writeString(annotation.label)
                    if let author = annotation.author {
                        classes.appendRaw(",\"author\":")
                        classes.writeString(author)
                    }
                    classes.appendRaw("}")
                    report.annotations += 1
                    continue
                }
                guard let box = annotation.box else { continue }
                let category = categories.number(annotation.label)
                annotationID += 1
                report.annotations += 1
                if annotationID > 1 { annotations.appendRaw(",") }
                annotations.appendRaw("{\"id\":")
                annotations.appendInteger(annotationID)
                annotations.appendRaw(",\"image_id\":")
                annotations.appendInteger(imageID)
                annotations.appendRaw(",\"category_id\":")
                annotations.appendInteger(category)
                annotations.appendRaw(",\"bbox\":[")
                let edges = box.precise
                annotations.appendNumber(edges.x)
                annotations.appendRaw(",")
                annotations.appendNumber(edges.y)
                annotations.appendRaw(",")
                annotations.appendNumber(edges.width)
                annotations.appendRaw(",")
                annotations.appendNumber(edges.height)
                annotations.appendRaw("],\"area\":")
                annotations.appendNumber(edges.width * edges.height)
                // A crowd region (kept from a COCO import) stays one; CVAT's attributes go back too.
                annotations.appendRaw(",\"iscrowd\":")
                annotations.appendInteger(annotation.extra["iscrowd"]?.intValue == 1 ? 1 : 0)
                if let attributes = annotation.extra["attributes"], attributes.objectValue != nil {
                    annotations.appendRaw(",\"attributes\":")
                    annotations.appendRaw(bytes: JSONWriter.compact(attributes))
                }
                if annotation.isSuggestion {
                    annotations.appendRaw(",\"score\":")
                    annotations.appendNumber(annotation.score ?? 1)
                }
                if let author = annotation.author {
                    annotations.appendRaw(",\"termlabel_author\":")
                    annotations.writeString(author)
                }
                annotations.appendRaw(",\"termlabel_id\":")
                annotations.writeString(annotation.id)
                annotations.appendRaw("}")
            }
        }
        var output = JSONWriter(capacity: images.bytes.count + annotations.bytes.count + classes.bytes.count + 4096)
        output.appendRaw("{\"info\":{\"description\":\"exported by termlabel\"},\"licenses\":[],\"images\":[")
        output.appendRaw(bytes: images.bytes)
        output.appendRaw("],\"categories\":[")
        for (index, category) in categories.numbered.enumerated() {
            if index > 0 { output.appendRaw(",") }
            output.appendRaw("{\"id\":")
            output.appendInteger(category.number)
            output.appendRaw(",\"name\":")
            output.writeString(category.name)
            output.appendRaw(",\"supercategory\":\"\"}")
        }
        output.appendRaw("],\"annotations\":[")
        output.appendRaw(bytes: annotations.bytes)
        output.appendRaw("],\"termlabel_classes\":[")
        output.appendRaw(bytes: classes.bytes)
        output.appendRaw("]}\n")
        try sink.emit(output.bytes)
        report.files = sink.written
        return report
    }
}
