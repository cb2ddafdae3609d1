import LabelCore

/// COCO object detection JSON: images, categories (the project's box, polygon, mask and skeleton
/// labels in order, then any other label in order of first use; a skeleton's category with its
/// `keypoints` and `skeleton`), and objects with `bbox` `[x, y, width, height]`, `segmentation`
/// (polygons as lists, masks as compressed RLE) and `keypoints`. Image-level classes go in the extra
/// list `termlabel_classes` (`image_id`, `label`, `author`), which COCO tools ignore.
/// Suggestions, when included, carry their `score`.
enum COCOExporter {
    static func export(_ items: LabeledItems, to sink: ExportSink, progress: ((Int, Int) -> Void)?) throws(InterchangeError) -> ExportReport {
        var categories = LabelNumbering(items.dataset.settings, [.boxes, .polygons, .masks, .keypoints], from: 1)
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
            for annotation in item.annotations where annotation.isClassification {
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
            }
            // Boxes and shapes: one COCO object per group (an imported object's polygons,
            // keypoints and box stay one object).
            for object in COCOObject.group(item.annotations) {
                let category = categories.number(object.label)
                annotationID += 1
                report.annotations += object.pieces.count
                if annotationID > 1 { annotations.appendRaw(",") }
                object.write(id: annotationID, imageID: imageID, category: category, size: size, into: &annotations)
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
            output.appendRaw(",\"supercategory\":\"\"")
            if let skeleton = items.dataset.settings.skeleton(named: category.name) {
                // COCO numbers a skeleton's points from 1.
                output.appendRaw(",\"keypoints\":")
                output.appendRaw(bytes: JSONWriter.compact(.array(skeleton.names.map { .string($0) })))
                output.appendRaw(",\"skeleton\":")
                output.appendRaw(bytes: JSONWriter.compact(.array(skeleton.edges.map { .array($0.map { .int($0 + 1) }) })))
            }
            output.appendRaw("}")
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
