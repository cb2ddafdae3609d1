import LabelCore
import LabelImaging
import LabelStore

/// Pascal VOC: an XML file per picture (`Annotations/<path>.xml`). VOC counts pixels from 1
/// with inclusive corners: `xmin = x + 1`, `xmax = x + width`.
enum VOCExporter {
    static func export(_ items: LabeledItems, to sink: ExportSink, progress: ((Int, Int) -> Void)?) throws(InterchangeError) -> ExportReport {
        var report = ExportReport()
        try items.forEach(kinds: [.image], progress: progress) { item throws(InterchangeError) in
            guard let size = item.imageSize else {
                report.warnings.append("\(item.name): no image size; left out")
                return
            }
            let boxes = item.annotations.filter { $0.box != nil }
            guard !boxes.isEmpty || item.isDone else { return }
            report.items += 1
            var xml = "<annotation>\n"
            xml += "  <folder>\(escape(PathName.baseName(PathName.parent(item.file.path))))</folder>\n"
            xml += "  <filename>\(escape(PathName.baseName(item.file.path)))</filename>\n"
            xml += "  <path>\(escape(item.file.path))</path>\n"
            xml += "  <source><database>termlabel</database></source>\n"
            xml += "  <size><width>\(size.width)</width><height>\(size.height)</height><depth>\((try? ImageHeader.read(item.file.path))?.isGreyscale == true ? 1 : 3)</depth></size>\n"
            xml += "  <segmented>0</segmented>\n"
            for annotation in boxes {
                guard let box = annotation.box else { continue }
                report.annotations += 1
                xml += "  <object>\n"
                xml += "    <name>\(escape(annotation.label))</name>\n"
                let flags = VOCObjectFlags(annotation, box: box, in: size)
                xml += "    <pose>\(escape(flags.pose))</pose><truncated>\(flags.truncated ? 1 : 0)</truncated><difficult>\(flags.difficult ? 1 : 0)</difficult>\n"
                if annotation.isSuggestion { xml += "    <score>\(annotation.score ?? 1)</score>\n" }
                // VOC counts pixels from 1; fractional edges (kept from an import) are written as they are.
                let edges = box.precise
                func number(_ value: Double) -> String { JSONValue.double(value).numberLiteral }
                xml += "    <bndbox><xmin>\(number(edges.x + 1))</xmin><ymin>\(number(edges.y + 1))</ymin>"
                    + "<xmax>\(number(edges.x + edges.width))</xmax><ymax>\(number(edges.y + edges.height))</ymax></bndbox>\n"
                xml += "  </object>\n"
            }
            xml += "</annotation>\n"
            let relative = item.file.relativePath
            let stem = String(relative.dropLast(PathName.fileExtension(relative).isEmpty ? 0 : PathName.fileExtension(relative).count + 1))
            try sink.emit(Array(xml.utf8), at: "Annotations/" + stem + ".xml")
        }
        report.files = sink.written
        return report
    }

    /// XML text with `& < > " '` escaped and control characters dropped (XML cannot hold them).
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// VOC's per-object flags: what the annotation says (`pose`, `truncated`, `difficult` kept in
/// its sidecar), else what its place tells: a box touching the picture's edge is truncated, and
/// a COCO crowd region is difficult (both formats leave such objects out of evaluation).
struct VOCObjectFlags {
    var pose = "Unspecified"
    var truncated: Bool
    var difficult: Bool

    init(_ annotation: Annotation, box: BoxGeometry, in size: ImageSize) {
        func flag(_ key: String) -> Bool? {
            switch annotation.extra[key] {
            case .bool(let value)?: return value
            case .number?: return annotation.extra[key]?.doubleValue.map { $0 != 0 }
            case .string(let text)?: return text == "1" || text == "true"
            default: return nil
            }
        }
        if let pose = annotation.extra["pose"]?.stringValue, !pose.isEmpty { self.pose = pose }
        truncated = flag("truncated") ?? (box.x == 0 || box.y == 0 || box.maxX == size.width || box.maxY == size.height)
        difficult = flag("difficult") ?? (annotation.extra["iscrowd"]?.intValue == 1)
    }
}
