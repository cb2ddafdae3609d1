import LabelCells
import LabelCore
import LabelImaging
import LabelDataset
import LabelStore

/// Pascal VOC: an XML file per picture (`Annotations/<path>.xml`). VOC counts pixels from 1
/// with inclusive corners: `xmin = x + 1`, `xmax = x + width`. Polygons and masks become the
/// palette PNGs of VOC's segmentation task (`SegmentationClass/`, `SegmentationObject/`) with
/// `labelmap.txt` naming the class numbers.
enum VOCExporter {
    static func export(_ items: LabeledItems, to sink: ExportSink, progress: ((Int, Int) -> Void)?) throws(InterchangeError) -> ExportReport {
        var report = ExportReport()
        var classes = LabelNumbering(items.dataset.settings, [.polygons, .masks], from: 1)
        try items.forEach(kinds: [.image], progress: progress) { item throws(InterchangeError) in
            guard let size = item.imageSize else {
                report.warnings.append("\(item.name): no image size; left out")
                return
            }
            let boxes = item.annotations.filter { $0.box != nil }
            let regions = LabeledItem.inSourceOrder(item.annotations.filter { $0.polygon != nil || $0.mask != nil })
            guard !boxes.isEmpty || !regions.isEmpty || item.isDone else { return }
            report.items += 1
            var xml = "<annotation>\n"
            xml += "  <folder>\(escape(PathName.baseName(PathName.parent(item.file.path))))</folder>\n"
            xml += "  <filename>\(escape(PathName.baseName(item.file.path)))</filename>\n"
            xml += "  <path>\(escape(item.file.path))</path>\n"
            xml += "  <source><database>termlabel</database></source>\n"
            xml += "  <size><width>\(size.width)</width><height>\(size.height)</height><depth>\((try? ImageHeader.read(item.file.path))?.isGreyscale == true ? 1 : 3)</depth></size>\n"
            xml += "  <segmented>\(regions.isEmpty ? 0 : 1)</segmented>\n"
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
            if !regions.isEmpty {
                let pictures = VOCSegmentation.pictures(regions, size: size, classes: &classes)
                try sink.emit(pictures.classes, at: "SegmentationClass/" + stem + ".png")
                try sink.emit(pictures.objects, at: "SegmentationObject/" + stem + ".png")
                report.annotations += regions.count
            }
        }
        if !classes.numbered.isEmpty {
            // CVAT's labelmap.txt names the classes and their palette colours.
            var map = "# label:color_rgb:parts:actions\nbackground:0,0,0::\n"
            for (number, name) in classes.numbered {
                let color = VOCSegmentation.palette[number]
                map += "\(name):\(color.red),\(color.green),\(color.blue)::\n"
            }
            try sink.emit(Array(map.utf8), at: "labelmap.txt")
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

/// Pascal VOC's segmentation pictures, palette-indexed as the VOC devkit reads them: 0 the
/// background, 1… the classes (or objects). (VOC's own files also mark a void band, 255, that
/// its annotators drew around objects; termlabel writes every pixel of a region as the region.)
enum VOCSegmentation {
    /// The VOC devkit's colour map (`labelcolormap`): the bits of the index spread over red,
    /// green and blue from the top bit down.
    static let palette: [RGB] = (0..<256).map { index in
        var red = 0, green = 0, blue = 0, value = index
        for shift in 0..<8 {
            red |= (value & 1) << (7 - shift)
            green |= (value >> 1 & 1) << (7 - shift)
            blue |= (value >> 2 & 1) << (7 - shift)
            value >>= 3
        }
        return RGB(UInt8(red), UInt8(green), UInt8(blue))
    }

    /// The class and object PNGs of `regions` (later ones drawn over earlier ones).
    static func pictures(_ regions: [Annotation], size: ImageSize, classes: inout LabelNumbering) -> (classes: [UInt8], objects: [UInt8]) {
        var classIndices = [UInt8](repeating: 0, count: size.width * size.height)
        var objectIndices = classIndices
        for (position, annotation) in regions.enumerated() {
            let bitmap = annotation.polygon.map { PolygonRaster.bitmap($0, height: size.height, width: size.width) }
                ?? annotation.mask.flatMap { $0.width == size.width && $0.height == size.height ? $0.bitmap() : nil }
            guard let bitmap else { continue }
            let number = UInt8(clamping: min(classes.number(annotation.label), 254))
            let object = UInt8(clamping: min(position + 1, 254))
            for index in bitmap.pixels.indices where bitmap.pixels[index] != 0 {
                classIndices[index] = number
                objectIndices[index] = object
            }
        }
        func png(_ indices: [UInt8]) -> [UInt8] {
            (try? PNGBytes.encode(width: size.width, height: size.height, channels: 1, rows: indices, palette: palette)) ?? []
        }
        return (png(classIndices), png(objectIndices))
    }
}
