import LabelCore
import LabelQuality
import LabelImaging
import LabelDataset
import LabelStore

extension Editor {
    /// The document of the file on screen (opened on first visit).
    var document: Document {
        store.document(file.path) ?? store.open(file.path, as: description(of: location.file))
    }

    func description(of index: Int) -> DataFileDescription {
        let data = dataset.files[index]
        let size = data.kind == .image ? try? ImageHeader.read(data.path).uprightSize : nil
        return DataFileDescription(kind: data.kind, imageSize: size)
    }

    /// Whether progress, `}`/`{` and "done" count the annotator's own work (DESIGN §6b): in a
    /// blind project, or when the items were dealt out to them.
    public var countsOwnWork: Bool { settings.blind || catalog.isAssigned }

    /// Whether an annotation is shown: in a blind project only one's own and suggestions.
    func isVisible(_ annotation: Annotation) -> Bool {
        !settings.blind || reviewing || annotation.isSuggestion || annotation.author == annotator
    }

    /// The annotations of the item on screen, in stable order (in a blind project, one's own
    /// and suggestions only).
    public var itemAnnotations: [Annotation] { document.annotations(record: location.record).filter(isVisible) }

    /// Whether the people who rated the item on screen agree (computed again only when its
    /// annotations or marks change).
    var itemAgreement: ItemAgreement {
        let annotations = itemAnnotations, marks = itemMarks
        if let cache = itemAgreementCache, cache.annotations == annotations, cache.marks == marks { return cache.agreement }
        let agreement = ItemAgreement(annotations: annotations, marks: marks, kind: file.kind, imageSize: imageItem?.size)
        itemAgreementCache = (annotations, marks, agreement)
        return agreement
    }

    /// The marks of the item on screen (in a blind project, one's own).
    public var itemMarks: [Mark] { document.marks(record: location.record).filter { !settings.blind || reviewing || $0.author == annotator } }

    /// Whether the item on screen is marked done (by anyone, or in a team project by oneself).
    public var itemIsDone: Bool { itemMarks.contains { $0.state == .done && (!countsOwnWork || $0.author == annotator) } }

    /// Sets up the views for the item at `location` (after moving there).
    func enterItem() {
        store.open(file.path, as: description(of: location.file))
        store.refresh(file.path)
        selectedID = nil
        imageItem = nil
        textItem = nil
        switch file.kind {
        case .image:
            imageItem = ImageItem(path: file.path)
        case .text:
            if let source = catalog.textSource(location.file) { textItem = TextItem(source: source, record: location.record) }
        }
        prefetchNeighbours()
        positionToSave = true
        countDone(file: location.file)
    }

    /// Moves to another item (keeping the mode, unless it is tied to the old item).
    func go(to target: ItemLocation) {
        guard target != location || imageItem == nil && textItem == nil else { return }
        location = target
        // A message about the item left behind does not belong to the next one.
        message = nil
        if mode.isTiedToItem { returnToNormal() }
        enterItem()
    }

    /// Starts decoding the pictures before and after this one.
    func prefetchNeighbours() {
        guard environment.prefetch > 0 else { return }
        var paths: [String] = []
        var cursor = location
        for _ in 0..<environment.prefetch {
            guard let next = catalog.next(after: cursor) else { break }
            cursor = next
            if dataset.files[next.file].kind == .image { paths.append(dataset.files[next.file].path) }
        }
        if catalog.fileToCount(before: location) == nil, let previous = catalog.previous(before: location), dataset.files[previous.file].kind == .image {
            paths.append(dataset.files[previous.file].path)
        }
        let view = viewArea
        pictures.prefetch(paths, minimumSize: ImageSize(width: max(1, view.width), height: max(1, view.height * 2)))
    }

    /// Whose marks and annotations count as progress: the annotator's in a team project, else
    /// anyone's (nil).
    var countingAuthor: String? { countsOwnWork ? annotator : nil }

    /// Starts counting done and labeled items in every file with a sidecar: in the
    /// background when the environment asks (the TUI), else before returning.
    func startDoneIndex() {
        let wholeFile = dataset.files.indices.map { catalog.recordMode(of: $0) == .file }
        if environment.indexInBackground {
            doneIndex.build(dataset, wholeFile: wholeFile, cacheFolder: environment.summaryCacheFolder, fileSystem: store.fileSystem,
                            author: countingAuthor, progress: environment.wake)
        } else {
            doneIndex.buildNow(dataset, wholeFile: wholeFile, cacheFolder: environment.summaryCacheFolder, fileSystem: store.fileSystem, author: countingAuthor)
        }
    }

    /// Counts the done and labeled items of one open file again, from its document.
    func countDone(file index: Int) {
        guard let document = store.document(dataset.files[index].path) else { return }
        doneIndex.update(file: index, DoneIndex.FileSummary(document, wholeFile: catalog.recordMode(of: index) == .file, author: countingAuthor))
    }

    /// Whether an item has no accepted annotation and no done mark.
    func isUnlabeled(_ item: ItemLocation) -> Bool {
        if doneIndex.isDone(item) { return false }
        let path = dataset.files[item.file].path
        let document = store.document(path) ?? store.open(path, as: DataFileDescription(kind: dataset.files[item.file].kind))
        return !document.annotations(record: item.record).contains { !$0.isSuggestion && (!countsOwnWork || $0.author == annotator) }
    }

    /// The next (or previous) item with nothing on it, if any; `.uncounted` when a large file
    /// before it must be counted first.
    func unlabeled(from start: ItemLocation, forward: Bool) -> ItemCatalog.PositionLookup {
        var cursor = start
        while true {
            if !forward, let file = catalog.fileToCount(before: cursor) { return .uncounted(file: file) }
            guard let next = forward ? catalog.next(after: cursor) : catalog.previous(before: cursor) else { return .none }
            if isUnlabeled(next) { return .item(next) }
            cursor = next
        }
    }

    /// Moves `count` items on, or back (going back into a large file counts it first, in
    /// the background: its last record is the item before).
    func stepItems(_ count: Int, forward: Bool) {
        var target = location
        for _ in 0..<max(1, count) {
            if !forward, let file = catalog.fileToCount(before: target) {
                whenCounted(file) { [unowned self] in stepItems(count, forward: forward) }
                return
            }
            guard let next = forward ? catalog.next(after: target) : catalog.previous(before: target) else { break }
            target = next
        }
        if target == location {
            message = EditorMessage(forward ? "this is the last item" : "this is the first item", .warning)
        } else {
            go(to: target)
        }
    }
}
