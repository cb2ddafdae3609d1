import LabelCore
import LabelImaging
import LabelInterchange
import LabelDataset
import LabelStore
import TestSupport

/// A small labeled dataset with every kind of item: pictures in two folders (boxes by two
/// people, a class, a suggestion, a done negative, an unlabeled one) and a text file read by
/// lines (spans with non-ASCII text, a suggestion, a done record, a class).
final class InterchangeFixture {
    let folder = TemporaryDirectory(prefix: "termlabel-interchange")
    static let project = """
    [classes]
    labels = ["indoor", "outdoor"]

    [boxes]
    labels = ["cat", "dog"]

    [spans]
    labels = ["PER", "LOC"]

    [text]
    records = "lines"

    """
    static let notes = "Ana Smith flew to São Paulo.\nNothing here.\nBo met 🙂 Ana in New York.\n"
    static let pictures: [(String, Int, Int)] = [("data/a.png", 64, 48), ("data/sub/b.png", 100, 80), ("data/c.png", 30, 30), ("data/d.png", 20, 20)]

    init() throws {
        try InterchangeFixture.writeData(into: folder)
        let time = "2026-11-22T10:00:00Z"
        writeSidecar("data/a.png", kind: .image, size: ImageSize(width: 64, height: 48), annotations: [
            Make.box("a1", "cat", 2, 3, 20, 10, author: "ana"),
            Make.box("a2", "dog", 30, 5, 30, 40, author: "bo"),
            Make.classification("a3", "indoor", author: "ana"),
            Annotation(id: "a4", shape: .box(BoxGeometry(x: 40, y: 30, width: 10, height: 10)), label: "cat", time: time,
                       status: Annotation.suggestedStatus, score: 0.75, source: "detector"),
        ])
        writeSidecar("data/sub/b.png", kind: .image, size: ImageSize(width: 100, height: 80),
                     annotations: [Make.box("b1", "dog", 0, 0, 100, 80, author: "ana")],
                     marks: [Mark(state: .done, author: "ana", time: time)])
        writeSidecar("data/c.png", kind: .image, size: ImageSize(width: 30, height: 30), marks: [Mark(state: .done, author: "bo", time: time)])
        writeSidecar("data/notes.txt", kind: .text, annotations: [
            Make.span("t1", "PER", 0, 9, "Ana Smith", record: 0),
            Make.span("t2", "LOC", 18, 27, "São Paulo", record: 0),
            Make.span("t3", "PER", 9, 12, "Ana", record: 2, author: "bo"),
            Make.span("t4", "LOC", 16, 24, "New York", record: 2, author: "bo"),
            Annotation(id: "t5", shape: .span(SpanRange(start: 0, end: 2, text: "Bo")), label: "PER", record: 2, time: time,
                       status: Annotation.suggestedStatus, score: 0.5, source: "ner"),
            Make.classification("t6", "outdoor", record: 2, author: "bo"),
        ], marks: [Mark(state: .done, record: 1, author: "ana", time: time)])
    }

    /// The data files and project file, without sidecars (a fresh copy to import into).
    static func writeData(into folder: TemporaryDirectory) throws {
        folder.write("termlabel.toml", project)
        folder.write("data/notes.txt", notes)
        for (name, width, height) in pictures {
            var pixels: [UInt8] = []
            for y in 0..<height {
                for x in 0..<width { pixels += [UInt8(x * 255 / width), UInt8(y * 255 / height), 90, 255] }
            }
            folder.write(name, "")
            try PNGEncoder.write(PixelImage(width: width, height: height, pixels: pixels), to: folder.url(name))
        }
    }

    func writeSidecar(_ name: String, kind: ItemKind, size: ImageSize? = nil, annotations: [Annotation] = [], marks: [Mark] = []) {
        let sidecar = Sidecar(file: PathName.baseName(name), kind: kind, image: size, annotations: annotations, marks: marks)
        folder.write(name + ".labels.json", bytes: SidecarCodec.encode(sidecar))
    }

    static func dataset(_ folder: TemporaryDirectory) throws -> Dataset {
        try Dataset.open(OpenOptions(paths: [folder.url("data")]), environment: [:])
    }

    /// Exports the fixture in `format` to `name` inside a fresh folder; returns the report and the output path.
    func export(_ format: InterchangeFormat, options: ExportOptions = ExportOptions(), into output: TemporaryDirectory,
                name: String, replacesExisting: Bool = false) throws -> (ExportReport, String) {
        let dataset = try InterchangeFixture.dataset(folder)
        let path = output.url(name)
        let sink = ExportSink(format.writesFolder ? .folder(path) : .file(path), replacesExisting: replacesExisting)
        let report = try Exporter.export(dataset, store: SidecarStore(locator: dataset.locator), format: format, options: options, to: sink)
        return (report, path)
    }

    /// What `format` writes for the fixture, as text (single-file formats).
    func exportedText(_ format: InterchangeFormat, options: ExportOptions = ExportOptions()) throws -> String {
        let dataset = try InterchangeFixture.dataset(folder)
        let sink = ExportSink(.standardOutput)
        _ = try Exporter.export(dataset, store: SidecarStore(locator: dataset.locator), format: format, options: options, to: sink)
        return String(decoding: sink.standardOutput, as: UTF8.self)
    }

    /// Imports `path` into the dataset in `folder`.
    static func importFile(_ path: String, format: InterchangeFormat, into folder: TemporaryDirectory, asSuggestions: Bool = false) throws -> ImportReport {
        let dataset = try dataset(folder)
        let importer = Importer(dataset: dataset, store: SidecarStore(locator: dataset.locator), identifiers: CountingIdentifiers(prefix: "i"))
        return try importer.run(path, format: format, options: ImportOptions(author: "importer", asSuggestions: asSuggestions, time: "2026-11-23T09:00:00Z"))
    }

    /// Every annotation of the dataset in `folder`, as comparable lines (ids and times left
    /// out: they are not the annotation's content). `authors` keeps who made each.
    static func fingerprints(_ folder: TemporaryDirectory, authors: Bool = true, types: Set<String> = ["box", "span", "class"],
                             kinds: Set<ItemKind> = [.image, .text]) throws -> [String] {
        let dataset = try dataset(folder)
        let store = SidecarStore(locator: dataset.locator)
        var lines: [String] = []
        for file in dataset.files where kinds.contains(file.kind) {
            let document = store.open(file.path, as: DataFileDescription(kind: file.kind))
            for annotation in document.annotations where types.contains(annotation.shape.typeName) {
                var line = "\(file.relativePath)"
                if let record = annotation.record { line += "#\(record)" }
                line += " \(annotation.shape.typeName) \(annotation.label)"
                switch annotation.shape {
                case .box(let box): line += " \(box.x),\(box.y) \(box.width)x\(box.height)"
                case .span(let span): line += " \(span.start)..<\(span.end) \"\(span.text)\""
                default: break
                }
                if annotation.isSuggestion { line += " suggested \(annotation.score.map { "\($0)" } ?? "-")" }
                else if authors { line += " by \(annotation.author ?? "-")" }
                lines.append(line)
            }
        }
        return lines.sorted()
    }
}
