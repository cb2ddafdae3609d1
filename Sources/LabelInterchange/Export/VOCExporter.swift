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
                xml += "    <pose>Unspecified</pose><truncated>0</truncated><difficult>0</difficult>\n"
                if annotation.isSuggestion { xml += "    <score>\(annotation.score ?? 1)</score>\n" }
                xml += "    <bndbox><xmin>\(box.x + 1)</xmin><ymin>\(box.y + 1)</ymin><xmax>\(box.maxX)</xmax><ymax>\(box.maxY)</ymax></bndbox>\n"
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
