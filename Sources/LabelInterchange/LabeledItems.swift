import LabelCore
import LabelImaging
import LabelDataset
import LabelStore
import LabelText

/// One labeled item of a dataset, as exports see it.
public struct LabeledItem {
    public let file: DataFile
    public let fileIndex: Int
    /// The record, for text split into records.
    public let record: Int?
    /// The annotations to export (accepted only unless suggestions are asked for; one
    /// annotator's when asked), in stable order.
    public let annotations: [Annotation]
    public let marks: [Mark]
    /// The picture's upright size, from the sidecar (read from the header only if missing).
    public let imageSize: ImageSize?
    let source: TextSource?

    /// Whether the item was marked done.
    public var isDone: Bool { marks.contains { $0.state == .done } }

    /// The item's text (a record's, or the whole file's), for text items.
    public var text: String? {
        guard let source else { return nil }
        return source.record(record ?? 0)?.text
    }

    /// A name for the item: the relative path, with `#record` (1-based) for records.
    public var name: String { record.map { "\(file.relativePath)#\($0 + 1)" } ?? file.relativePath }

    /// The sidecar key holding an imported annotation's position in its source item.
    public static let sourceOrderKey = "source_order"

    /// `annotations` in their source's order (imported ones by position), the rest after them
    /// in sidecar order: what a format with a drawing order writes.
    static func inSourceOrder(_ annotations: [Annotation]) -> [Annotation] {
        annotations.enumerated().sorted { lhs, rhs in
            let left = lhs.element.extra[sourceOrderKey]?.intValue ?? Int.max, right = rhs.element.extra[sourceOrderKey]?.intValue ?? Int.max
            return (left, lhs.offset) < (right, rhs.offset)
        }.map(\.element)
    }
}

/// Walks a dataset's labeled items: those with an annotation to export or a done mark (an
/// unlabeled item is not a negative example). Pictures are never decoded.
public struct LabeledItems {
    public let dataset: Dataset
    public let store: SidecarStore
    public let options: ExportOptions
    /// Items left out because their text could not be found, one line each.
    let skipped = SkippedItems()

    /// The labeled items of `dataset`, read through `store`.
    public init(dataset: Dataset, store: SidecarStore, options: ExportOptions) {
        self.dataset = dataset
        self.store = store
        self.options = options
    }

    /// Calls `body` for each labeled item in dataset order; `progress` gets files done so far.
    /// The next files' sidecars are read and decoded on another thread meanwhile.
    public func forEach(kinds: Set<ItemKind> = [.image, .text], progress: ((Int, Int) -> Void)? = nil,
                        _ body: (LabeledItem) throws(InterchangeError) -> Void) throws(InterchangeError) {
        let files = dataset.files.indices.filter { kinds.contains(dataset.files[$0].kind) }
        // The loading thread has a store of its own: a store is used by one thread only.
        let loader = FileLoader(dataset: dataset, options: options,
                                store: SidecarStore(fileSystem: store.fileSystem, locator: store.locator, options: store.options))
        try Prefetcher.run(count: files.count, produce: { loader.load(files[$0]) }) { (loaded: FileLoader.Loaded) throws(InterchangeError) in
            progress?(loaded.fileIndex, dataset.files.count)
            for line in loaded.skipped { skipped.note(line) }
            if let failure = loaded.failure { throw failure }
            for item in loaded.items { try body(item) }
        }
        progress?(dataset.files.count, dataset.files.count)
    }
}

/// Reads one data file's sidecar into the labeled items an export takes from it.
final class FileLoader {
    let dataset: Dataset
    let options: ExportOptions
    let store: SidecarStore

    /// What one file gives: its items, lines about items left out, or why it cannot be read.
    struct Loaded {
        var fileIndex: Int
        var items: [LabeledItem] = []
        var skipped: [String] = []
        var failure: InterchangeError?
    }

    init(dataset: Dataset, options: ExportOptions, store: SidecarStore) {
        self.dataset = dataset
        self.options = options
        self.store = store
    }

    func keep(_ annotation: Annotation) -> Bool {
        if annotation.isSuggestion && !options.includeSuggestions { return false }
        if let annotator = options.annotator, !annotation.isSuggestion, annotation.author != annotator { return false }
        return true
    }

    func load(_ index: Int) -> Loaded {
        let file = dataset.files[index]
        var loaded = Loaded(fileIndex: index)
        let sidecar = store.sidecarPath(for: file.path)
        guard store.fileSystem.stamp(of: sidecar) != nil || store.fileSystem.stamp(of: sidecar + Journal.suffix) != nil else { return loaded }
        let document = store.open(file.path, as: DataFileDescription(kind: file.kind))
        defer { store.close(file.path) }
        if let problem = store.loadProblem(file.path) {
            loaded.failure = InterchangeError(problem)
            return loaded
        }
        if let problem = store.contentProblem(file.path) {
            // What validate rejects is not exported as if it were fine: left out, and said.
            loaded.skipped.append("\(problem); its annotations were left out")
            return loaded
        }
        var byRecord: [Int?: [Annotation]] = [:]
        for annotation in document.annotations where keep(annotation) { byRecord[annotation.record, default: []].append(annotation) }
        for (record, annotations) in byRecord where annotations.contains(where: { $0.extra[LabeledItem.sourceOrderKey] != nil }) {
            byRecord[record] = LabeledItem.inSourceOrder(annotations)
        }
        var marksByRecord: [Int?: [Mark]] = [:]
        for mark in document.marksByKey.values where options.annotator == nil || mark.author == options.annotator {
            marksByRecord[mark.record, default: []].append(mark)
        }
        var records = Set(byRecord.keys)
        for (record, marks) in marksByRecord where marks.contains(where: { $0.state == .done }) { records.insert(record) }
        guard !records.isEmpty else { return loaded }
        var size = document.header.image
        if file.kind == .image && size == nil { size = try? ImageHeader.read(file.path).uprightSize }
        var source: TextSource?
        if file.kind == .text {
            do { source = try dataset.textSource(of: file) } catch {
                loaded.failure = InterchangeError(error.description)
                return loaded
            }
        }
        for record in records.sorted(by: { ($0 ?? -1) < ($1 ?? -1) }) {
            if let source, source.record(record ?? 0) == nil {
                loaded.skipped.append("\(file.relativePath): record \((record ?? 0) + 1) is not in the file (records = \(source.mode.rawValue)); its annotations were left out")
                continue
            }
            loaded.items.append(LabeledItem(file: file, fileIndex: index, record: record, annotations: byRecord[record] ?? [],
                                            marks: marksByRecord[record] ?? [], imageSize: size, source: source))
        }
        return loaded
    }
}
/// Items an export left out, each noted once.
final class SkippedItems {
    private(set) var lines: [String] = []
    private var seen: Set<String> = []

    func note(_ line: String) {
        if seen.insert(line).inserted { lines.append(line) }
    }
}

/// The numbers exports give labels: the project's own `id`s (kept from an import), then the
/// smallest free number for each other label, in the project's order, then labels first seen in
/// the data.
struct LabelNumbering {
    private(set) var numbers: [String: Int] = [:]
    private var taken: Set<Int> = []
    private var next: Int

    /// Numbering of the project's labels of `kind`, counting from `first` (COCO 1, YOLO 0).
    init(_ settings: ProjectSettings, _ kind: LabelKind, from first: Int) { self.init(settings, [kind], from: first) }

    /// Numbering of the project's labels of `kinds` (one number per name), counting from `first`.
    init(_ settings: ProjectSettings, _ kinds: [LabelKind], from first: Int) {
        next = first
        let labels = kinds.flatMap { settings.labels($0).labels }
        for label in labels {
            if let id = label.id, numbers[label.name] == nil, taken.insert(id).inserted { numbers[label.name] = id }
        }
        for label in labels where numbers[label.name] == nil { _ = number(label.name) }
    }

    /// The number of `label`, given it the first time it is seen.
    mutating func number(_ label: String) -> Int {
        if let number = numbers[label] { return number }
        while taken.contains(next) { next += 1 }
        numbers[label] = next
        taken.insert(next)
        return next
    }

    /// Every label with its number, in the order of the numbers.
    var numbered: [(number: Int, name: String)] {
        numbers.map { (number: $0.value, name: $0.key) }.sorted { $0.number < $1.number }
    }
}
