import LabelCore
import LabelDataset
import LabelStore

/// YOLO in the layout Ultralytics reads: for each picture a `labels/<path>.txt` with one line
/// per box, `class cx cy w h` normalised to 0…1 (six decimals), per polygon `class x1 y1 …`
/// (segmentation), per skeleton `class cx cy w h x1 y1 v1 …` (pose, with `kpt_shape` in data.yaml), a link `images/<path>` to the
/// picture, and `data.yaml` naming the classes by their ids (the project's, else in order). A picture marked done with no box gets an
/// empty file: a true negative. Suggestions, when included, get a sixth column: the score.
enum YOLOExporter {
    static func export(_ items: LabeledItems, to sink: ExportSink, progress: ((Int, Int) -> Void)?) throws(InterchangeError) -> ExportReport {
        var classes = LabelNumbering(items.dataset.settings, [.boxes, .polygons, .keypoints], from: 0)
        var report = ExportReport()
        var poseShape: Int?
        var mixedPoses = false
        var skippedMasks = 0
        try items.forEach(kinds: [.image], progress: progress) { item throws(InterchangeError) in
            guard let size = item.imageSize, size.width > 0, size.height > 0 else {
                report.warnings.append("\(item.name): no image size; left out")
                return
            }
            var lines = ""
            let width = Double(size.width), height = Double(size.height)
            func boxValues(_ edges: ExactBox) -> [Double] {
                [(edges.x + edges.width / 2) / width, (edges.y + edges.height / 2) / height, edges.width / width, edges.height / height]
            }
            for annotation in item.annotations {
                var values: [Double]
                switch annotation.shape {
                case .box(let box):
                    values = boxValues(box.precise)
                case .polygon(let polygon):
                    // Ultralytics' segmentation line: the vertices, normalised.
                    values = polygon.points.flatMap { [$0.x / width, $0.y / height] }
                case .keypoints(let set):
                    // Ultralytics' pose line: the points' box, then x y v for each point.
                    guard let box = ExactBox.around(set.points.filter(\.isLabeled).map(\.point)) else { continue }
                    values = boxValues(box)
                    values += set.points.flatMap { point in point.isLabeled ? [point.x / width, point.y / height, Double(point.visibility.rawValue)] : [0, 0, 0] }
                    let count = set.points.count
                    if poseShape != nil && poseShape != count { mixedPoses = true }
                    poseShape = poseShape ?? count
                case .mask:
                    skippedMasks += 1
                    continue
                default:
                    continue
                }
                let classIndex = classes.number(annotation.label)
                lines += "\(classIndex) " + values.map(fixed6).joined(separator: " ")
                if annotation.isSuggestion, annotation.box != nil { lines += " " + fixed6(annotation.score ?? 1) }
                lines += "\n"
                report.annotations += 1
            }
            guard !lines.isEmpty || item.isDone else { return }
            report.items += 1
            let relative = item.file.relativePath
            let stem = relative.hasSuffix("." + PathName.fileExtension(relative)) ? String(relative.dropLast(PathName.fileExtension(relative).count + 1)) : relative
            try sink.emit(Array(lines.utf8), at: "labels/" + stem + ".txt")
            // Ultralytics finds a picture's labels by swapping its last /images/ for /labels/:
            // a link to each picture under images/ gives it the layout it reads.
            try sink.link(at: "images/" + relative, to: item.file.path)
        }
        var yaml = "# written by termlabel export --format yolo\n"
        let folder = sink.folder.map { PathName.absolute($0, from: sink.fileSystem.currentDirectory()) } ?? items.dataset.root
        yaml += "path: \(yamlString(folder))\n"
        yaml += "train: images\nval: images\n"
        // YOLO readers want every index below nc named: numbers no label holds (COCO's ids
        // have gaps) get a placeholder name, and the user is told.
        let byNumber = Dictionary(classes.numbered.map { ($0.number, $0.name) }, uniquingKeysWith: { first, _ in first })
        let count = (classes.numbered.last?.number).map { $0 + 1 } ?? 0
        let gaps = (0..<count).filter { byNumber[$0] == nil }
        if !gaps.isEmpty {
            report.warnings.append("class indices \(gaps.map(String.init).joined(separator: ", ")) belong to no label (the project's label ids skip them); data.yaml names them \"class N\"")
        }
        if let poseShape {
            // Every pose line has this many points, each x y visibility.
            yaml += "kpt_shape: [\(poseShape), 3]\n"
            if mixedPoses { report.warnings.append("skeletons with different numbers of points: YOLO pose wants one kpt_shape (data.yaml says \(poseShape))") }
        }
        if skippedMasks > 0 {
            report.warnings.append("\(skippedMasks) mask\(skippedMasks == 1 ? "" : "s") left out: YOLO holds polygons, not masks (export COCO for masks)")
        }
        yaml += "nc: \(count)\n"
        yaml += "names:\n" + (0..<count).map { "  \($0): \(yamlString(byNumber[$0] ?? "class \($0)"))" }.joined(separator: "\n") + "\n"
        try sink.emit(Array(yaml.utf8), at: "data.yaml")
        report.files = sink.written
        return report
    }

    /// A number with six decimals, without Foundation.
    static func fixed6(_ value: Double) -> String {
        // Untrusted numbers (a score of 1e17) are written as they are rather than trap.
        guard value.isFinite, value.magnitude < 1e12 else { return "\(value)" }
        let scaled = Int((value * 1_000_000).rounded())
        let whole = scaled / 1_000_000, fraction = abs(scaled % 1_000_000)
        let digits = String(fraction)
        return "\(scaled < 0 && whole == 0 ? "-" : "")\(whole).\(String(repeating: "0", count: 6 - digits.count))\(digits)"
    }

    /// A YAML double-quoted string.
    static func yamlString(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
