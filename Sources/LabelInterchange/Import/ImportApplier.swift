import LabelCore
import LabelImaging
import LabelDataset
import LabelStore
import LabelText

/// What an import did.
public struct ImportReport: Sendable {
    public var imported = 0
    public var suggestions = 0
    public var duplicates = 0
    /// Boxes that reached past the picture's edge and were cut to it.
    public var clipped = 0
    /// Items the source marks as holding nothing (empty YOLO files), now marked done.
    public var doneMarks = 0
    /// What the source holds that termlabel cannot, counted by kind (`relations: 4559`).
    public var unsupported: [String: Int] = [:]

    /// `skipped 4559 relations, 12 attributes`, or nil when nothing was left behind.
    public var unsupportedSummary: String? {
        guard !unsupported.isEmpty else { return nil }
        return "skipped " + unsupported.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            + " (termlabel does not hold these)"
    }
    public var files: Set<String> = []
    /// One line per thing skipped: what and why.
    public var problems: [String] = []
    /// Labels the imported annotations use that the project does not list yet, by kind, in
    /// order of first use (the import command adds them to `termlabel.toml`).
    public var newLabels: [LabelKind: [String]] = [:]
    /// Skeletons the imported keypoints use that the project does not declare yet (the source's
    /// names and edges, or numbered points when it has none).
    public var newSkeletons: [Skeleton] = []
    /// The numbers the source gives labels (COCO category ids, YOLO class indices), kept as
    /// the labels' `id` in `termlabel.toml` so exports number them the same.
    public var labelIDs: [String: Int] = [:]
    /// Things the user should know that are not problems (e.g. labels exports would renumber).
    public var notes: [String] = []

    /// The one-line summary.
    public var summary: String {
        "imported \(imported) annotation\(imported == 1 ? "" : "s") (\(suggestions) suggestion\(suggestions == 1 ? "" : "s")) into \(files.count) file\(files.count == 1 ? "" : "s"); "
            + (clipped > 0 ? "\(clipped) box\(clipped == 1 ? "" : "es") clipped to the picture; " : "")
            + (doneMarks > 0 ? "\(doneMarks) empty item\(doneMarks == 1 ? "" : "s") marked done; " : "")
            + "\(duplicates) already there; \(problems.count) skipped"
            + (unsupportedSummary.map { "; " + $0 } ?? "")
    }
}

/// How imported annotations are written.
public struct ImportOptions: Sendable {
    /// The author of human labels whose source names none.
    public var author: String
    /// Make everything a suggestion (model output whatever the file says).
    public var asSuggestions: Bool
    public var time: String
    /// COCO pictures listed without annotations are true negatives (done marks). YOLO's empty
    /// label files always are; for COCO it must be said, as many COCO files list unlabeled pictures.
    public var emptyMeansDone: Bool
    /// For a COCO results array: the COCO file naming its pictures and categories.
    public var cocoImages: String?

    /// Options for an import by `author` at `time`.
    public init(author: String, asSuggestions: Bool = false, time: String, emptyMeansDone: Bool = false, cocoImages: String? = nil) {
        self.author = author
        self.asSuggestions = asSuggestions
        self.time = time
        self.emptyMeansDone = emptyMeansDone
        self.cocoImages = cocoImages
    }
}

/// Matches imported items to the dataset, checks them against the data (pictures' sizes,
/// the text under spans), leaves out what is already there, and saves the rest through the
/// document model, one transaction per data file. What does not fit is reported and skipped.
public struct Importer {
    public let dataset: Dataset
    public let store: SidecarStore
    public let identifiers: any IdentifierSource

    /// An importer into `dataset` through `store`.
    public init(dataset: Dataset, store: SidecarStore, identifiers: any IdentifierSource = RandomIdentifiers()) {
        self.dataset = dataset
        self.store = store
        self.identifiers = identifiers
    }

    /// Imports `path`, a file (or folder) in `format`.
    public func run(_ path: String, format: InterchangeFormat, options: ImportOptions) throws(InterchangeError) -> ImportReport {
        let fileSystem = store.fileSystem
        let items: [ImportedItem]
        var declared: [DeclaredLabel] = []
        switch format {
        case .coco: items = try ImportReaders.coco(path, fileSystem: fileSystem, declaring: &declared, groundTruth: options.cocoImages)
        case .yolo: items = try ImportReaders.yolo(path, fileSystem: fileSystem, declaring: &declared)
        case .labelme: items = try ImportReaders.labelme(path, fileSystem: fileSystem)
        case .labelstudio: items = try ImportReaders.labelStudio(path, fileSystem: fileSystem)
        case .spacy: items = try ImportReaders.spacy(path, fileSystem: fileSystem)
        case .brat: items = try ImportReaders.brat(path, fileSystem: fileSystem)
        default: throw InterchangeError("\(format.rawValue) cannot be imported (importable: coco, yolo, labelme, labelstudio, spacy, brat)")
        }
        var report = ImportReport()
        var matcher = ItemMatcher(dataset: dataset)
        var edits: [Int: [Edit]] = [:]
        var pending: [Int: [Annotation]] = [:]
        var pictureSizes: [Int: ImageSize] = [:]
        for item in items {
            report.unsupported.merge(item.unsupported, uniquingKeysWith: +)
            if item.isTrueNegative, item.annotations.isEmpty {
                if format == .yolo || options.emptyMeansDone { markDone(item, matcher: &matcher, options: options, report: &report) }
                continue
            }
            if item.annotations.isEmpty {
                if case .file(let name, _) = item.target, name.isEmpty { report.problems.append(item.origin) }
                continue
            }
            matcher.lastAmbiguity = []
            guard let (fileIndex, record) = matcher.match(item.target) else {
                if matcher.lastAmbiguity.count > 1 {
                    report.problems.append("\(item.origin): the name fits \(matcher.lastAmbiguity.joined(separator: " and ")); refused (name the folder too)")
                } else {
                    report.problems.append("\(item.origin): no such item in the dataset; skipped")
                }
                continue
            }
            let file = dataset.files[fileIndex]
            let document = store.open(file.path, as: DataFileDescription(kind: file.kind))
            if let reason = store.readOnlyReason(file.path) {
                report.problems.append("\(item.origin): \(reason); skipped")
                continue
            }
            // The picture's header is read once per file (not per box), and only without a size in the sidecar.
            let pictureSize = file.kind != .image ? nil : document.header.image ?? pictureSizes[fileIndex] ?? (try? ImageHeader.read(file.path).uprightSize)
            if let pictureSize { pictureSizes[fileIndex] = pictureSize }
            if let declared = item.declaredSize, file.kind == .image, let actual = pictureSize, actual != declared {
                // Boxes measured on another picture would land in the wrong place.
                report.problems.append("\(item.origin): the file says the picture is \(declared.width)×\(declared.height) but \(file.relativePath) is "
                                       + "\(actual.width)×\(actual.height); its \(item.annotations.count) annotation\(item.annotations.count == 1 ? "" : "s") skipped")
                continue
            }
            let itemRecord = dataset.itemRecord(of: file, record)
            let (gathered, strays) = gatherNamedPoints(item.annotations)
            for stray in strays { report.problems.append("\(item.origin): \(stray); skipped") }
            for (position, imported) in gathered.enumerated() {
                var annotation: Annotation
                var clipped = false
                do {
                    annotation = try convert(imported, into: file, record: itemRecord, pictureSize: pictureSize, matcher: &matcher, options: options,
                                             clipped: &clipped)
                } catch {
                    report.problems.append("\(item.origin): \(imported.label): \(error.message); skipped")
                    continue
                }
                // The source's order (labelme's drawing order: later shapes lie on top) is kept
                // for exports; the sidecar itself stays in its stable order for diffs.
                annotation.extra[LabeledItem.sourceOrderKey] = .int(position)
                let existing = document.annotations(record: itemRecord) + (pending[fileIndex] ?? [])
                let rejectedBefore = annotation.isSuggestion && RejectedSuggestions.contains(annotation, in: document.header.extra[RejectedSuggestions.key])
                if rejectedBefore || existing.contains(where: { Importer.sameContent($0, annotation) }) {
                    report.duplicates += 1
                    continue
                }
                pending[fileIndex, default: []].append(annotation)
                edits[fileIndex, default: []].append(.add(annotation))
                if clipped { report.clipped += 1 }
                report.imported += 1
                if annotation.isSuggestion { report.suggestions += 1 }
            }
        }
        // Written in batches: new sidecars flushed together, each folder synced once.
        let changes = edits.sorted(by: { $0.key < $1.key }).map { (dataPath: dataset.files[$0.key].path, transaction: Transaction($0.value, summary: "import \(format.rawValue)")) }
        let failures = store.applyAll(changes)
        let failed = Set(failures.map(\.dataPath))
        for failure in failures { report.problems.append(failure.error.description) }
        for (fileIndex, fileEdits) in edits.sorted(by: { $0.key < $1.key }) {
            let file = dataset.files[fileIndex]
            if failed.contains(file.path) {
                report.imported -= fileEdits.count
            } else {
                report.files.insert(file.relativePath)
                noteNewLabels(pending[fileIndex] ?? [], in: &report)
            }
        }
        // Every class the source declares is kept, used or not (YOLO's nc 10 stays 10), in
        // the source's order, with its number.
        for label in declared {
            report.labelIDs[label.name] = label.id
            if label.skeleton != nil, dataset.settings.skeleton(named: label.name) == nil, report.newLabels[.keypoints]?.contains(label.name) != true {
                report.newLabels[.keypoints, default: []].append(label.name)
            }
            let kinds = LabelKind.allCases.filter { report.newLabels[$0]?.contains(label.name) == true || dataset.settings.labels($0).contains(label.name) }
            if kinds.isEmpty { report.newLabels[.boxes, default: []].append(label.name) }
        }
        // A skeleton is declared with its point names: the source's, else numbered ones.
        for name in report.newLabels.removeValue(forKey: .keypoints) ?? [] {
            let count = pending.values.joined().compactMap { $0.keypoints }.filter { $0.skeleton == name }.map(\.points.count).max() ?? 0
            report.newSkeletons.append(declared.first { $0.name == name }?.skeleton
                                       ?? Skeleton(name: name, names: (0..<max(1, count)).map { "point_\($0 + 1)" }))
        }
        let first = format == .coco ? 1 : 0
        for kind in LabelKind.allCases {
            var numbering = LabelNumbering(dataset.settings, kind, from: first)
            for label in declared {
                guard let listed = dataset.settings.labels(kind).label(named: label.name), listed.id == nil,
                      numbering.number(label.name) != label.id else { continue }
                report.notes.append("termlabel.toml lists the \(kind.rawValue) label \"\(label.name)\" without an id, so exports number it "
                                    + "\(numbering.number(label.name)), not \(label.id) as the source does: add id = \(label.id) to keep it")
            }
        }
        let rank = Dictionary(declared.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        for (kind, names) in report.newLabels {
            report.newLabels[kind] = names.enumerated().sorted { (rank[$0.element] ?? Int.max, $0.offset) < (rank[$1.element] ?? Int.max, $1.offset) }.map(\.element)
        }
        return report
    }

    /// A done mark by the importing annotator on an item the source says is empty (once).
    func markDone(_ item: ImportedItem, matcher: inout ItemMatcher, options: ImportOptions, report: inout ImportReport) {
        guard let (fileIndex, record) = matcher.match(item.target) else {
            report.problems.append("\(item.origin): no such item in the dataset; skipped")
            return
        }
        let file = dataset.files[fileIndex]
        let document = store.open(file.path, as: DataFileDescription(kind: file.kind))
        let itemRecord = dataset.itemRecord(of: file, record)
        let key = MarkKey(state: .done, record: itemRecord, author: options.author)
        guard document.mark(key) == nil else { return }
        let mark = Mark(state: .done, record: itemRecord, author: options.author, time: options.time)
        do {
            try store.apply(Transaction([.setMark(from: nil, to: mark)], summary: "import: empty"), to: file.path)
            report.doneMarks += 1
            report.files.insert(file.relativePath)
        } catch {
            report.problems.append(error.description)
        }
    }

    func noteNewLabels(_ annotations: [Annotation], in report: inout ImportReport) {
        for annotation in annotations {
            guard let kind = LabelKind(annotationType: annotation.shape.typeName),
                  !dataset.settings.labels(kind).contains(annotation.label),
                  report.newLabels[kind]?.contains(annotation.label) != true else { continue }
            report.newLabels[kind, default: []].append(annotation.label)
        }
    }

    /// `text` with every run of blanks made one space, and none at the ends.
    static func collapsedBlanks(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func blanksAsSpaces(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : $0 }))
    }

    /// Same type, label, place, record and kind (suggestion or not): importing it again adds nothing.
    static func sameContent(_ a: Annotation, _ b: Annotation) -> Bool {
        // A suggestion someone accepted (and perhaps relabelled) stands for the suggestion
        // itself: importing the same predictions again after review adds nothing.
        if a.wasAcceptedSuggestion && b.isSuggestion && a.record == b.record && sameGeometry(a, b) { return true }
        guard a.label == b.label, a.record == b.record, a.isSuggestion == b.isSuggestion, sameGeometry(a, b) else { return false }
        // A person's label is theirs: another annotator's same box, span or class is not a
        // duplicate but the data agreement is computed from.
        return a.isSuggestion || a.author == b.author
    }

    /// Same box, same span offsets, or (classes having no geometry) the same class label.
    static func sameGeometry(_ a: Annotation, _ b: Annotation) -> Bool {
        switch (a.shape, b.shape) {
        case (.box(let x), .box(let y)): return x == y
        case (.span(let x), .span(let y)): return x.start == y.start && x.end == y.end
        case (.classification, .classification): return a.label == b.label
        case (.polygon(let x), .polygon(let y)): return x == y
        case (.keypoints(let x), .keypoints(let y)): return x == y
        case (.mask(let x), .mask(let y)): return x == y
        default: return false
        }
    }

    func convert(_ imported: ImportedAnnotation, into file: DataFile, record: Int?, pictureSize: ImageSize?, matcher: inout ItemMatcher,
                 options: ImportOptions, clipped: inout Bool) throws(InterchangeError) -> Annotation {
        let suggestion = imported.isSuggestion || options.asSuggestions
        let shape: AnnotationShape
        switch imported.geometry {
        case .box, .normalizedBox, .percentBox:
            guard file.kind == .image else { throw InterchangeError("a box for a text file") }
            guard let size = pictureSize else {
                throw InterchangeError("the size of \(file.relativePath) is unknown")
            }
            let width = Double(size.width), height = Double(size.height)
            var x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0
            switch imported.geometry {
            case .box(let x, let y, let w, let h): (x0, y0, x1, y1) = (x, y, x + w, y + h)
            case .normalizedBox(let cx, let cy, let w, let h): (x0, y0, x1, y1) = ((cx - w / 2) * width, (cy - h / 2) * height, (cx + w / 2) * width, (cy + h / 2) * height)
            case .percentBox(let x, let y, let w, let h): (x0, y0, x1, y1) = (x * width / 100, y * height / 100, (x + w) * width / 100, (y + h) * height / 100)
            default: break
            }
            guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { throw InterchangeError("the box has a coordinate that is not a number") }
            guard x1 > x0, y1 > y0 else {
                throw InterchangeError("the box has a width or height of zero or less (\(x1 - x0)×\(y1 - y0))")
            }
            // A box reaching past the edge is cut to the picture (detectors and annotators
            // overshoot); one with less than a pixel inside it is a mismatch.
            let inside = (max(0, x0), max(0, y0), min(width, x1), min(height, y1))
            let whollyInside = x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height
            guard whollyInside || (inside.2 - inside.0 >= 0.5 && inside.3 - inside.1 >= 0.5) else {
                throw InterchangeError("the box \(Int(x0)),\(Int(y0))–\(Int(x1)),\(Int(y1)) is outside the \(size) image")
            }
            // Half a pixel of overshoot is a rounding matter: only more than that counts as clipping.
            if x0 < -0.5 || y0 < -0.5 || x1 > width + 0.5 || y1 > height + 0.5 { clipped = true }
            var exact: ExactBox
            if case .box(let x, let y, let w, let h) = imported.geometry, x >= 0, y >= 0, x + w <= width, y + h <= height {
                // The source's own numbers, untouched: a round trip gives them back bit for bit.
                exact = ExactBox(x: x, y: y, width: w, height: h)
            } else {
                // Computed from fractions of the picture: a rounding error off a whole pixel is
                // that pixel. YOLO's fractions usually have six decimals, so its error is larger.
                let places: Double = if case .normalizedBox = imported.geometry { 1e-6 } else { 1e-9 }
                func snapped(_ value: Double, _ side: Double) -> Double {
                    let whole = value.rounded()
                    return abs(value - whole) <= places * max(1, side) ? whole : value
                }
                let (left, top, right, bottom) = (snapped(inside.0, width), snapped(inside.1, height), snapped(inside.2, width), snapped(inside.3, height))
                exact = ExactBox(x: left, y: top, width: right - left, height: bottom - top)
            }
            if exact.x + exact.width > width { exact.width = width - exact.x }
            if exact.y + exact.height > height { exact.height = height - exact.y }
            let box = BoxGeometry(exact: exact)
            shape = .box(box)
        case .span(let start, let end, let text):
            guard file.kind == .text else { throw InterchangeError("a span for a picture") }
            guard let itemText = matcher.text(of: file, record: record) else { throw InterchangeError("the text of \(file.relativePath) cannot be read") }
            let actual = SpanCheck.substring(itemText, start, end)
            guard start >= 0, end > start, end <= itemText.unicodeScalars.count else {
                throw InterchangeError("offsets \(start)..<\(end) are outside the text")
            }
            // brat writes line breaks and tabs in the covered text as spaces.
            // Label Studio collapses runs of blanks in the text it stores (its issue 3078).
            if let text, text != actual, Importer.blanksAsSpaces(text) != Importer.blanksAsSpaces(actual),
               Importer.collapsedBlanks(text) != Importer.collapsedBlanks(actual) {
                throw InterchangeError("the span text \"\(text)\" does not match \"\(actual)\" at \(start)..<\(end)")
            }
            shape = .span(SpanRange(start: start, end: end, text: actual))
        case .classification:
            shape = .classification
        case .polygon, .keypoints, .mask, .namedPoint:
            shape = try convertShape(imported.geometry, into: file, pictureSize: pictureSize, clipped: &clipped)
        }
        var annotation = Annotation(id: identifiers.newIdentifier(), shape: shape, label: imported.label, record: record,
                                    author: suggestion ? nil : imported.author ?? options.author, time: suggestion ? imported.time : imported.time ?? options.time,
                                    status: suggestion ? Annotation.suggestedStatus : nil, score: suggestion ? imported.score : nil,
                                    source: suggestion ? imported.source ?? "import" : nil, extra: imported.attributes)
        if !suggestion, let score = imported.acceptedScore {
            annotation.extra["accepted_from"] = .object(JSONObject(["source": .string("import"), "score": .double(score)]))
        }
        return annotation
    }
}

extension Importer {
    /// Label Studio's keypoints come one named point at a time: the points one person (or one
    /// model) placed on an item become one instance of the project's skeleton holding their
    /// names. Points no skeleton names are returned as problems.
    func gatherNamedPoints(_ annotations: [ImportedAnnotation]) -> ([ImportedAnnotation], [String]) {
        var kept: [ImportedAnnotation] = []
        var instances: [String: (annotation: ImportedAnnotation, points: [Keypoint], scale: PointScale)] = [:]
        var order: [String] = []
        var strays: [String] = []
        for annotation in annotations {
            guard case .namedPoint(let name, let point, let scale, let instance) = annotation.geometry else {
                kept.append(annotation)
                continue
            }
            guard let skeleton = dataset.settings.skeletons.first(where: { $0.names.contains(name) }), let slot = skeleton.names.firstIndex(of: name) else {
                strays.append("the keypoint \"\(name)\" is in no skeleton of termlabel.toml ([keypoints.NAME] names)")
                continue
            }
            let key = "\(skeleton.name)\u{0}\(annotation.author ?? "")\u{0}\(annotation.isSuggestion)\u{0}\(instance ?? "")"
            if instances[key] == nil {
                var first = annotation
                first.label = skeleton.name
                instances[key] = (first, Array(repeating: .unlabeled, count: skeleton.names.count), scale)
                order.append(key)
            }
            instances[key]?.points[slot] = Keypoint(x: point.x, y: point.y, visibility: .visible)
        }
        for key in order {
            guard let instance = instances[key] else { continue }
            var annotation = instance.annotation
            annotation.geometry = .keypoints(skeleton: annotation.label, instance.points, scale: instance.scale)
            kept.append(annotation)
        }
        return (kept, strays)
    }

    /// A polygon, keypoints or mask in image pixels, checked against the picture: points a
    /// rounding error outside are moved onto the edge (more than half a pixel counts as clipping).
    func convertShape(_ geometry: ImportedGeometry, into file: DataFile, pictureSize: ImageSize?, clipped: inout Bool) throws(InterchangeError) -> AnnotationShape {
        guard file.kind == .image else { throw InterchangeError("a shape for a text file") }
        guard let size = pictureSize else { throw InterchangeError("the size of \(file.relativePath) is unknown") }
        func inside(_ point: ShapePoint) throws(InterchangeError) -> ShapePoint {
            guard point.x.isFinite, point.y.isFinite else { throw InterchangeError("a point has a coordinate that is not a number") }
            let x = min(max(point.x, 0), Double(size.width)), y = min(max(point.y, 0), Double(size.height))
            if abs(x - point.x) > 0.5 || abs(y - point.y) > 0.5 { clipped = true }
            return ShapePoint(x: x, y: y)
        }
        switch geometry {
        case .polygon(let points, let scale):
            var placed: [ShapePoint] = []
            for point in points { placed.append(try inside(scale.pixels(point, in: size))) }
            let polygon = PolygonGeometry(points: placed)
            guard polygon.distinctVertexCount >= 3 else {
                throw InterchangeError("a polygon needs at least 3 distinct vertices inside the picture, it has \(polygon.distinctVertexCount)")
            }
            return .polygon(polygon)
        case .keypoints(let skeleton, let points, let scale):
            var placed: [Keypoint] = []
            for point in points {
                guard point.isLabeled else { placed.append(.unlabeled); continue }
                let pixel = try inside(scale.pixels(point.point, in: size))
                placed.append(Keypoint(x: pixel.x, y: pixel.y, visibility: point.visibility))
            }
            guard placed.contains(where: \.isLabeled) else { throw InterchangeError("a keypoint set with no point placed") }
            return .keypoints(KeypointSet(skeleton: skeleton, points: placed))
        case .mask(let mask):
            guard mask.height == size.height, mask.width == size.width else {
                throw InterchangeError("the mask is \(mask.width)×\(mask.height) but \(file.relativePath) is \(size)")
            }
            guard let bitmap = mask.bitmap() else { throw InterchangeError("the mask's counts are not valid RLE for \(mask.width)×\(mask.height)") }
            guard !bitmap.isEmpty else { throw InterchangeError("the mask is empty") }
            return .mask(mask)
        default:
            throw InterchangeError("not a shape")
        }
    }
}

/// Finds the dataset item an import names: by path (absolute, relative, a trailing part, or
/// the bare name if it is unique), by path without extension, or by exact text.
struct ItemMatcher {
    let dataset: Dataset
    private var byRelative: [String: Int] = [:]
    private var byPath: [String: Int] = [:]
    private var byName: [String: [Int]] = [:]
    private var byStem: [String: [Int]] = [:]
    private var sources: [Int: TextSource] = [:]
    private var byText: [String: (Int, Int?)]?

    init(dataset: Dataset) {
        self.dataset = dataset
        for (index, file) in dataset.files.enumerated() {
            byRelative[file.relativePath] = index
            byPath[file.path] = index
            byName[PathName.baseName(file.path), default: []].append(index)
            let relative = file.relativePath
            let stem = String(relative.dropLast(PathName.fileExtension(relative).isEmpty ? 0 : PathName.fileExtension(relative).count + 1))
            byStem[stem, default: []].append(index)
            byStem[PathName.baseName(stem), default: []].append(index)
        }
    }

    /// The data files the last name that failed to match could have meant (two or more).
    var lastAmbiguity: [String] = []

    mutating func noteAmbiguity(_ indices: [Int]) {
        let names = Set(indices).sorted().map { dataset.files[$0].relativePath }
        if names.count > 1 { lastAmbiguity = names }
    }

    mutating func match(_ target: ImportTarget) -> (Int, Int?)? {
        switch target {
        case .file(let name, let record):
            guard !name.isEmpty else { return nil }
            if name.hasSuffix(".*") {
                let stem = String(name.dropLast(2))
                if let matches = byStem[stem], matches.count == 1 { return (matches[0], record) }
                if let matches = byStem[PathName.baseName(stem)], Set(matches).count == 1 { return (matches[0], record) }
                noteAmbiguity(byStem[stem] ?? byStem[PathName.baseName(stem)] ?? [])
                return nil
            }
            // Windows tools write `..\\images\\a.jpg`.
            let name = name.contains("\\") ? name.split(separator: "\\", omittingEmptySubsequences: false).joined(separator: "/") : name
            if let index = byPath[name] ?? byRelative[name] { return (index, record) }
            // An absolute path names exactly one file: it matches that file or nothing (so
            // `/etc/passwd` never lands on the dataset's own `passwd`).
            if name.hasPrefix("/") { return nil }
            // `..` steps (labelme's `../images/a.jpg`) are dropped, but what is left must then
            // match a folder and a name of the dataset, never just a bare name.
            let (inside, climbed) = ItemMatcher.withoutParentSteps(name)
            guard !inside.isEmpty else { return nil }
            if let index = byRelative[inside] { return (index, record) }
            // After climbing, the name must share a folder with the dataset file, not only a base name.
            // Either way round, a suffix match shares the base name: only those files are looked at.
            let fitting = (byName[PathName.baseName(inside)] ?? []).filter { index in
                let file = dataset.files[index]
                return file.relativePath.hasSuffix("/" + inside)
                    || (inside.hasSuffix("/" + file.relativePath) && (!climbed || file.relativePath.contains("/")))
            }
            // A name that fits two files (`train/a.jpg`, `val/a.jpg`) goes to neither.
            if fitting.count == 1 { return (fitting[0], record) }
            if fitting.count > 1 {
                noteAmbiguity(fitting)
                return nil
            }
            guard !climbed else { return nil }
            if let matches = byName[PathName.baseName(inside)], matches.count == 1 { return (matches[0], record) }
            noteAmbiguity(byName[PathName.baseName(inside)] ?? [])
            // A name without an extension (Label Studio's storage keys) matches a file of that
            // stem, when only one has it.
            if lastAmbiguity.isEmpty, PathName.fileExtension(inside).isEmpty {
                if let matches = byStem[inside] ?? byStem[PathName.baseName(inside)], Set(matches).count == 1 { return (matches[0], record) }
                noteAmbiguity(byStem[inside] ?? byStem[PathName.baseName(inside)] ?? [])
            }
            return nil
        case .text(let text):
            if byText == nil { indexTexts() }
            return byText?[text]
        case .firstOf(let targets):
            for target in targets {
                if let found = match(target) { return found }
            }
            return nil
        }
    }

    /// `path` with `.` and `x/..` steps folded, and whether `..` steps were left over at the
    /// start (the path climbs out of where it was written); those are dropped.
    static func withoutParentSteps(_ path: String) -> (path: String, climbed: Bool) {
        var parts: [Substring] = []
        var climbed = false
        for part in path.split(separator: "/") where part != "." {
            if part == ".." {
                if parts.isEmpty { climbed = true } else { parts.removeLast() }
            } else {
                parts.append(part)
            }
        }
        return (parts.joined(separator: "/"), climbed)
    }

    /// The text of a file's record (or the whole file).
    mutating func text(of file: DataFile, record: Int?) -> String? {
        guard let index = dataset.files.firstIndex(of: file) else { return nil }
        if sources[index] == nil {
            sources[index] = try? dataset.textSource(of: file)
        }
        return sources[index]?.record(record ?? 0)?.text
    }

    /// Maps each text item's text to the item, for imports that carry only the text.
    mutating func indexTexts() {
        var map: [String: (Int, Int?)] = [:]
        for (index, file) in dataset.files.enumerated() where file.kind == .text {
            guard let source = try? dataset.textSource(of: file) else { continue }
            sources[index] = source
            for record in 0..<source.recordCount {
                guard let text = source.record(record)?.text, map[text] == nil else { continue }
                map[text] = (index, dataset.itemRecord(of: file, record))
            }
        }
        byText = map
    }
}
