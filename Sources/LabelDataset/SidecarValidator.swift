import LabelCore
import LabelStore
import LabelText

/// One problem found by `termlabel validate`: `file:line: message`.
public typealias ValidationProblem = Diagnostic

/// Checks sidecars against the schema, the project's labels and their data files.
public struct SidecarValidator {
    public let dataset: Dataset
    public let fileSystem: any FileSystem
    /// Reads an image's upright size without decoding it.
    public let imageSize: @Sendable (String) -> ImageSize?

    /// A validator for `dataset`.
    public init(dataset: Dataset, fileSystem: any FileSystem, imageSize: @escaping @Sendable (String) -> ImageSize?) {
        self.dataset = dataset
        self.fileSystem = fileSystem
        self.imageSize = imageSize
    }

    /// Every problem in the dataset's sidecars, and in sidecars whose data file is gone.
    public func validate() -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        for file in dataset.files {
            problems += validate(file)
            problems += validateRecords(file)
        }
        problems += orphanSidecars()
        return problems
    }

    /// The lines of a JSONL data file that are not a JSON object with the text field: they
    /// cannot be labeled, and a corpus with broken lines should not pass as clean. At most
    /// twenty are listed, then how many more.
    public func validateRecords(_ file: DataFile) -> [ValidationProblem] {
        guard file.kind == .text else { return [] }
        guard dataset.recordMode(of: file) == .jsonl, let source = try? dataset.textSource(of: file) else { return [] }
        let shown = PathName.relative(file.path, to: fileSystem.currentDirectory())
        var problems: [ValidationProblem] = []
        var more = 0
        for record in 0..<source.recordCount {
            guard let problem = source.record(record)?.problem else { continue }
            if problems.count < 20 { problems.append(ValidationProblem(file: shown, line: record + 1, message: problem)) } else { more += 1 }
        }
        if more > 0 { problems.append(ValidationProblem(file: shown, line: nil, message: "and \(more) more lines like these")) }
        return problems
    }

    /// The problems of one data file's sidecar (none if it has no sidecar).
    public func validate(_ file: DataFile) -> [ValidationProblem] {
        let sidecarPath = dataset.locator.sidecarPath(for: file.path)
        let shown = PathName.relative(sidecarPath, to: fileSystem.currentDirectory())
        guard fileSystem.stamp(of: sidecarPath) != nil || fileSystem.stamp(of: sidecarPath + Journal.suffix) != nil else { return [] }
        var problems: [ValidationProblem] = []
        func report(_ line: Int?, _ message: String) { problems.append(ValidationProblem(file: shown, line: line, message: message)) }

        // Lines of annotations come from the raw JSON, since the model does not keep positions.
        var lineOfID: [String: Int] = [:]
        if let bytes = try? fileSystem.readFile(sidecarPath), case .object(let top)? = try? JSONParser.parse(bytes) {
            var seen: Set<String> = []
            for case .object(let object) in top["annotations"]?.arrayValue ?? [] {
                guard let id = object["id"]?.stringValue else { continue }
                if !seen.insert(id).inserted { report(object.line, "the id \"\(id)\" is used by more than one annotation") }
                lineOfID[id] = object.line
            }
        }
        let store = SidecarStore(fileSystem: fileSystem, locator: dataset.locator)
        let document = store.open(file.path, as: DataFileDescription(kind: file.kind))
        if let error = store.loadError(file.path) {
            let name = error.file == sidecarPath ? shown : PathName.relative(error.file, to: fileSystem.currentDirectory())
            problems.append(ValidationProblem(file: name, line: error.line, message: error.problem))
            return problems
        }
        let header = document.header
        if header.file != PathName.baseName(file.path) {
            report(1, "\"file\" is \"\(header.file)\" but the sidecar belongs to \(PathName.baseName(file.path))")
        }
        if header.kind != file.kind {
            report(1, "\"kind\" is \"\(header.kind?.rawValue ?? "missing")\" but \(file.relativePath) is \(file.kind == .image ? "an image" : "text")")
        }
        var size = header.image
        var records: TextSource?
        switch file.kind {
        case .image:
            let actual = imageSize(file.path)
            if let actual, let stored = header.image, actual != stored {
                report(1, "\"image\" says \(stored) but \(file.relativePath) is \(actual) pixels")
            }
            if actual == nil && header.image == nil { report(1, "no \"image\" size, and \(file.relativePath) could not be read to check boxes") }
            size = actual ?? header.image
        case .text:
            records = try? dataset.textSource(of: file)
            if records == nil { report(nil, "\(file.relativePath) could not be read to check spans") }
        }
        let mode = records?.mode
        var recordTexts: [Int: RecordText] = [:]
        for annotation in document.annotations {
            let line = lineOfID[annotation.id]
            let what = "\(annotation.shape.typeName) \"\(annotation.label)\" (\(annotation.id))"
            if let original = annotation.extra[SidecarMerge.conflictKey]?.stringValue {
                report(line, "\(what): an unresolved merge conflict with \(original) (both were changed on two machines); keep one and delete the other")
            }
            if let kind = LabelKind(annotationType: annotation.shape.typeName) {
                let set = dataset.settings.labels(kind)
                if !set.labels.isEmpty && !set.contains(annotation.label) {
                    report(line, "\(what): the label is not one of the project's \(kind.rawValue): \(set.labels.map(\.name).joined(separator: ", "))")
                }
            }
            if annotation.status != nil && !annotation.isSuggestion {
                report(line, "\(what): unknown status \"\(annotation.status ?? "")\" (expected \"suggested\" or none)")
            }
            if let score = annotation.score, !(0...1).contains(score) && annotation.isSuggestion {
                report(line, "\(what): score \(score) is outside 0…1")
            }
            switch annotation.shape {
            case .box(let box):
                if file.kind != .image { report(line, "\(what): a box on a text file") }
                if box.width < 1 || box.height < 1 { report(line, "\(what): width and height must be at least 1") }
                if let size, !box.fits(in: size) {
                    report(line, "\(what): the box \(box.summary) is not inside the \(size) image")
                }
                if annotation.record != nil { report(line, "\(what): boxes have no record") }
            case .span(let span):
                if file.kind != .text { report(line, "\(what): a span on an image") }
                guard let records else { break }
                let recordNumber = annotation.record ?? 0
                if mode == .file, annotation.record != nil {
                    report(line, "\(what): has \"record\" but the file is read whole (records = file)")
                    break
                }
                if mode != .file, annotation.record == nil {
                    report(line, "\(what): has no \"record\" but the file is split into \(mode?.rawValue ?? "") records")
                    break
                }
                if recordTexts[recordNumber] == nil { recordTexts[recordNumber] = records.record(recordNumber) }
                guard let record = recordTexts[recordNumber] else {
                    report(line, "\(what): record \(recordNumber) does not exist")
                    break
                }
                problems += SpanCheck.problems(span, in: record.text).map {
                    ValidationProblem(file: shown, line: line, message: "\(what): \($0)")
                }
            case .polygon, .keypoints, .mask:
                if file.kind != .image { report(line, "\(what): a \(annotation.shape.typeName) on a text file") }
                if annotation.record != nil { report(line, "\(what): \(annotation.shape.typeName)s have no record") }
                for problem in ShapeCheck.problems(annotation.shape, in: size, settings: dataset.settings) { report(line, "\(what): \(problem)") }
            case .classification, .other:
                break
            }
            if let record = annotation.record, let records, mode != .file, records.byteRange(ofRecord: record) == nil {
                report(line, "\(what): record \(record) does not exist")
            }
        }
        for mark in document.sidecar.marks where mark.state != .done && mark.state != .flagged {
            report(nil, "mark \"\(mark.state.rawValue)\" is not a known state (done, flagged)")
        }
        return problems
    }

    /// Sidecars under the dataset's folders whose data file no longer exists.
    func orphanSidecars() -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        let dataPaths = Set(dataset.files.map(\.path))
        let roots = dataset.locator.mirrorRoot.map { [$0] } ?? Array(Set(dataset.files.map { PathName.parent($0.path) })).sorted()
        for root in roots {
            for name in (try? fileSystem.listDirectory(root)) ?? [] where name.hasSuffix(Sidecar.fileSuffix) {
                let sidecar = PathName.join(root, name)
                let data = dataset.locator.mirrorRoot == nil ? String(sidecar.dropLast(Sidecar.fileSuffix.count)) : ""
                if dataset.locator.mirrorRoot == nil && !dataPaths.contains(data) && fileSystem.stamp(of: data) == nil {
                    problems.append(ValidationProblem(file: PathName.relative(sidecar, to: fileSystem.currentDirectory()), line: nil,
                                                      message: "its data file \(PathName.baseName(data)) is missing"))
                }
            }
        }
        return problems
    }
}

