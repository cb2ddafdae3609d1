import LabelCore
import LabelDataset
import LabelStore
import LabelText

/// Where an item is: a data file, and a record of it when the file is split into records.
public struct ItemLocation: Hashable, Sendable {
    public var file: Int
    /// nil for a whole file (pictures, and text read whole).
    public var record: Int?

    /// The item in `file` at `record`.
    public init(file: Int, record: Int?) {
        self.file = file
        self.record = record
    }
}

/// The items of a dataset in order: files, and within a text file its records. Navigation
/// never needs a whole record index (the next record is found by growing the index a little),
/// so a 10-million-line file is usable at once. Not thread-safe: the editor thread owns it.
public final class ItemCatalog {
    public let dataset: Dataset
    private var sources: [Int: TextSource] = [:]
    private var sourceErrors: [Int: String] = [:]
    /// Items before each file, and the total last; set once every file's count is final.
    private var itemsBefore: [Int]?

    /// The only items walked, in the order walked: those dealt to the annotator (`termlabel
    /// assign`), or every item in another order (`:set order=uncertain`); nil for all in order.
    public private(set) var walkOrder: [ItemLocation]?
    private var walkIndex: [ItemLocation: Int] = [:]
    /// The items dealt to the annotator, in dataset order, when they were dealt some.
    private var assignedItems: [ItemLocation]?
    /// Whether the annotator walks only the items dealt to them.
    public var isAssigned: Bool { assignedItems != nil }
    /// Text files at least this many bytes are not counted on the caller's thread: what needs
    /// their whole count (the last record, an item by position) says so instead
    /// (`awaitsCount`), for the editor to count them in the background.
    public var countInBackgroundBytes = Int.max
    /// Whether a text file's indexes start growing on a background thread once it is opened
    /// (the TUI), or only as far as each lookup needs (tests, where timing must not matter).
    public var indexesInBackground = true

    /// Where an item at a position is, as far as the counts made so far tell.
    public enum PositionLookup: Equatable {
        case item(ItemLocation)
        /// There are fewer items.
        case none
        /// File `file` must be counted first (`awaitsCount`).
        case uncounted(file: Int)
    }

    /// The items of `dataset`; with `assignedTo`, only those the assignments deal to that
    /// annotator (when the assignments name them).
    public init(dataset: Dataset, assignedTo annotator: String? = nil) {
        self.dataset = dataset
        guard let annotator, let assignments = dataset.assignments, assignments.annotators.contains(annotator) else { return }
        var fileIndex: [String: Int] = [:]
        for (index, file) in dataset.files.enumerated() { fileIndex[file.relativePath] = index }
        var items: [ItemLocation] = []
        for (key, names) in assignments.items where names.contains(annotator) {
            if let file = fileIndex[key] {
                items.append(ItemLocation(file: file, record: nil))
            } else if let hash = key.lastIndex(of: "#"), let record = Int(key[key.index(after: hash)...]),
                      let file = fileIndex[String(key[..<hash])] {
                items.append(ItemLocation(file: file, record: record))
            }
        }
        assignedItems = items.sorted { ($0.file, $0.record ?? -1) < ($1.file, $1.record ?? -1) }
        walk(nil)
    }

    /// Walks `items` in this order from now on (nil: every item in dataset order again, or the
    /// items dealt to the annotator).
    public func walk(_ items: [ItemLocation]?) {
        walkOrder = items ?? assignedItems
        walkIndex = [:]
        for (position, item) in (walkOrder ?? []).enumerated() { walkIndex[item] = position }
    }

    /// Every item of the dataset in order (the items dealt to the annotator, when they were).
    public var allItems: [ItemLocation] {
        if let assignedItems { return assignedItems }
        return dataset.files.indices.flatMap { file in
            recordMode(of: file) == .file ? [ItemLocation(file: file, record: nil)]
                : (0..<(textSource(file)?.recordCount ?? 0)).map { ItemLocation(file: file, record: $0) }
        }
    }

    /// The record mode of file `file` (`.file` for pictures).
    public func recordMode(of file: Int) -> RecordMode {
        dataset.recordMode(of: dataset.files[file])
    }

    /// The text of file `file`, mapped and split (nil for pictures, or if it cannot be read).
    public func textSource(_ file: Int) -> TextSource? {
        if let source = sources[file] { return source }
        guard dataset.files[file].kind == .text, sourceErrors[file] == nil else { return nil }
        do {
            let source = try dataset.textSource(of: dataset.files[file])
            sources[file] = source
            if indexesInBackground { source.indexInBackground() }
            return source
        } catch {
            sourceErrors[file] = error.description
            return nil
        }
    }

    /// Why file `file` could not be read as text, if it could not.
    public func textError(_ file: Int) -> String? { sourceErrors[file] }

    /// Whether the item exists.
    public func exists(_ location: ItemLocation) -> Bool {
        if walkOrder != nil { return walkIndex[location] != nil }
        guard dataset.files.indices.contains(location.file) else { return false }
        guard let record = location.record else { return recordMode(of: location.file) == .file }
        return textSource(location.file)?.byteRange(ofRecord: record) != nil
    }

    /// The first item of file `file`, if it has any (a file split into records may have none).
    public func first(inFile file: Int) -> ItemLocation? {
        if recordMode(of: file) == .file { return ItemLocation(file: file, record: nil) }
        guard let source = textSource(file), source.byteRange(ofRecord: 0) != nil else { return nil }
        return ItemLocation(file: file, record: 0)
    }

    /// The last item of file `file`, if any.
    public func last(inFile file: Int) -> ItemLocation? {
        if recordMode(of: file) == .file { return ItemLocation(file: file, record: nil) }
        guard let source = textSource(file) else { return nil }
        let count = source.recordCount
        return count > 0 ? ItemLocation(file: file, record: count - 1) : nil
    }

    /// The first item of the dataset.
    public var firstItem: ItemLocation? {
        if let walkOrder { return walkOrder.first }
        for file in dataset.files.indices { if let item = first(inFile: file) { return item } }
        return nil
    }

    /// The item after `location`, or nil at the end.
    public func next(after location: ItemLocation) -> ItemLocation? {
        if let walkOrder {
            if let position = walkIndex[location] { return position + 1 < walkOrder.count ? walkOrder[position + 1] : nil }
            return walkOrder.first { ($0.file, $0.record ?? -1) > (location.file, location.record ?? -1) }
        }
        if let record = location.record, let source = textSource(location.file), source.byteRange(ofRecord: record + 1) != nil {
            return ItemLocation(file: location.file, record: record + 1)
        }
        var file = location.file + 1
        while file < dataset.files.count {
            if let item = first(inFile: file) { return item }
            file += 1
        }
        return nil
    }

    /// The item before `location`, or nil at the start.
    public func previous(before location: ItemLocation) -> ItemLocation? {
        if let walkOrder {
            if let position = walkIndex[location] { return position > 0 ? walkOrder[position - 1] : nil }
            return walkOrder.last { ($0.file, $0.record ?? -1) < (location.file, location.record ?? -1) }
        }
        if let record = location.record, record > 0 { return ItemLocation(file: location.file, record: record - 1) }
        var file = location.file - 1
        while file >= 0 {
            if let item = last(inFile: file) { return item }
            file -= 1
        }
        return nil
    }

    /// How many items file `file` has, and whether that count is final (its index may still
    /// be growing in the background).
    public func itemCount(ofFile file: Int) -> (count: Int, exact: Bool) {
        if recordMode(of: file) == .file { return (1, true) }
        guard let source = textSource(file) else { return (0, true) }
        let progress = source.indexProgress
        return (progress.found, progress.complete)
    }

    /// The 1-based position of `location` among all items, and the total; `exact` is false
    /// while some file is still being indexed.
    public func position(of location: ItemLocation) -> (index: Int, total: Int, exact: Bool) {
        if let walkOrder { return ((walkIndex[location] ?? 0) + 1, walkOrder.count, true) }
        let within = (location.record ?? 0) + 1
        // Once every file's count is final, positions come from sums kept since: the status
        // line asks on every frame, and a dataset may have 100,000 files.
        if let itemsBefore, itemsBefore.indices.contains(location.file), let total = itemsBefore.last {
            return (itemsBefore[location.file] + within, max(total, itemsBefore[location.file] + within), true)
        }
        var before = 0, total = 0, exact = true
        var sums: [Int] = []
        sums.reserveCapacity(dataset.files.count + 1)
        for file in dataset.files.indices {
            let count = itemCount(ofFile: file)
            exact = exact && count.exact
            sums.append(total)
            if file < location.file { before += count.count }
            total += count.count
        }
        sums.append(total)
        if exact { itemsBefore = sums }
        return (before + within, max(total, before + within), exact)
    }

    /// The item at 1-based position `index` among all items, unless a large file before it
    /// must be counted first.
    public func item(atPosition index: Int) -> PositionLookup {
        guard index >= 1 else { return .none }
        if let walkOrder { return walkOrder.indices.contains(index - 1) ? .item(walkOrder[index - 1]) : .none }
        var remaining = index - 1
        for file in dataset.files.indices {
            if recordMode(of: file) == .file {
                if remaining == 0 { return .item(ItemLocation(file: file, record: nil)) }
                remaining -= 1
                continue
            }
            guard let source = textSource(file) else { continue }
            let found = source.indexProgress
            if remaining < found.found || found.complete || !awaitsCount(file) {
                if source.byteRange(ofRecord: remaining) != nil { return .item(ItemLocation(file: file, record: remaining)) }
                remaining -= source.recordCount
            } else {
                return .uncounted(file: file)
            }
        }
        return .none
    }

    /// Whether file `file` is a large text not yet wholly indexed (records, lines, code
    /// points): its last record or line is not known without reading it to the end.
    public func awaitsCount(_ file: Int) -> Bool {
        guard dataset.files[file].kind == .text, let source = textSource(file) else { return false }
        return source.file.count >= countInBackgroundBytes && !source.isIndexed
    }

    /// The file that must be counted before the item before `location` is known (its last
    /// record is that item), if any.
    public func fileToCount(before location: ItemLocation) -> Int? {
        guard walkOrder == nil, (location.record ?? 0) == 0 else { return nil }
        var file = location.file - 1
        while file >= 0, recordMode(of: file) != .file {
            if awaitsCount(file) { return file }
            if last(inFile: file) != nil { return nil }
            file -= 1
        }
        return nil
    }
}
