import Dispatch
import LabelCore
import LabelDataset
import LabelQuality
import LabelStore
import Synchronization

/// Which items are marked done and which hold an accepted annotation (or a done mark): what
/// the status line counts and what `}` skips. Built in the background at start-up (reading
/// 100,000 sidecars must not hold up the first screen), then kept current from the editor's
/// own documents as they are opened and edited; the editor's word wins over the background's.
public final class DoneIndex: Sendable {
    /// What one data file holds, by item key (nil: the whole file).
    public struct FileSummary: Sendable, Equatable {
        public var done: Set<Int?> = []
        public var labeled: Set<Int?> = []

        /// The summary of `document`; `wholeFile` when the file is one item (marks and
        /// annotations then count for it whatever record they name).
        public init(_ document: Document, wholeFile: Bool, author: String? = nil) {
            for mark in document.marksByKey.values where mark.state == .done && (author == nil || mark.author == author) {
                let key = wholeFile ? nil : mark.record
                done.insert(key)
                labeled.insert(key)
            }
            for annotation in document.annotationsByID.values where !annotation.isSuggestion && (author == nil || annotation.author == author) {
                labeled.insert(wholeFile ? nil : annotation.record)
            }
        }

        /// The same from a file's summary (as `stats` keeps it).
        public init(_ summary: LabelQuality.FileSummary, wholeFile: Bool, author: String? = nil) {
            for (record, item) in summary.items {
                let key = wholeFile ? nil : record
                if item.marks.contains(where: { $0.state == .done && (author == nil || $0.author == author) }) {
                    done.insert(key)
                    labeled.insert(key)
                }
                if item.accepted.contains(where: { author == nil || $0.author == author }) { labeled.insert(key) }
            }
        }

        init() {}
    }

    private struct State {
        var files: [Int: FileSummary] = [:]
        var done = 0
        var labeled = 0
        /// Files the editor has summarised itself: a later background result is stale.
        var current: Set<Int> = []
        var complete = false

        mutating func set(_ file: Int, _ summary: FileSummary) {
            let old = files[file] ?? FileSummary()
            done += summary.done.count - old.done.count
            labeled += summary.labeled.count - old.labeled.count
            files[file] = summary
        }
    }

    private let state = Mutex(State())
    private let cancelled = Atomic<Bool>(false)
    private let queue = DispatchQueue(label: "termlabel.done-index", qos: .utility)

    /// An empty index.
    public init() {}

    /// Counts the sidecars of `dataset` on a background thread, calling `progress` now and
    /// then and when done (from that thread) so the screen can show the counts. `wholeFile`:
    /// which files are one item; `cacheFolder`: the summaries `stats` keeps, used and kept here too.
    public func build(_ dataset: Dataset, wholeFile: [Bool], cacheFolder: String?, fileSystem: any FileSystem, author: String? = nil,
                      progress: @escaping @Sendable () -> Void) {
        queue.async { [self] in
            buildNow(dataset, wholeFile: wholeFile, cacheFolder: cacheFolder, fileSystem: fileSystem, author: author, progress: progress)
        }
    }

    /// The same on this thread (tests, and commands with no screen). `author`: count only
    /// that person's marks and annotations (a team project).
    public func buildNow(_ dataset: Dataset, wholeFile: [Bool], cacheFolder: String?, fileSystem: any FileSystem, author: String? = nil,
                         progress: @Sendable () -> Void = {}) {
        var batch: [(Int, FileSummary)] = []
        func flush() {
            state.withLock { state in
                for (file, summary) in batch where !state.current.contains(file) { state.set(file, summary) }
            }
            batch.removeAll(keepingCapacity: true)
        }
        func finish() {
            guard !cancelled.load(ordering: .relaxed) else { return }
            flush()
            state.withLock { $0.complete = true }
            progress()
        }
        DatasetSummaries.visit(dataset, cacheFolder: cacheFolder, fileSystem: fileSystem, isStopped: { cancelled.load(ordering: .relaxed) },
                               finished: finish) { file, found in
            // A sidecar that cannot be read counts nothing here; opening it names the problem.
            guard case .success(let summary) = found, !summary.items.isEmpty else { return }
            batch.append((file, FileSummary(summary, wholeFile: wholeFile.indices.contains(file) ? wholeFile[file] : true, author: author)))
            if batch.count >= 4_096 {
                flush()
                progress()
            }
        }
    }

    /// Stops a build under way (at exit).
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// Takes `summary` as file `file`'s from now on (the editor read or edited its document).
    public func update(file: Int, _ summary: FileSummary) {
        state.withLock { state in
            state.current.insert(file)
            state.set(file, summary)
        }
    }

    /// Updates one item of file `file` from `document` after an edit of that item alone.
    public func update(file: Int, item record: Int?, from document: Document, wholeFile: Bool, author: String? = nil) {
        let marks = wholeFile ? Array(document.marksByKey.values) : document.marks(record: record)
        let annotations = wholeFile ? Array(document.annotationsByID.values) : document.annotations(record: record)
        let done = marks.contains { $0.state == .done && (author == nil || $0.author == author) }
        let labeled = done || annotations.contains { !$0.isSuggestion && (author == nil || $0.author == author) }
        state.withLock { state in
            state.current.insert(file)
            var summary = state.files[file] ?? FileSummary()
            if done { summary.done.insert(record) } else { summary.done.remove(record) }
            if labeled { summary.labeled.insert(record) } else { summary.labeled.remove(record) }
            state.set(file, summary)
        }
    }

    /// Whether `item` is marked done, as far as is known yet.
    public func isDone(_ item: ItemLocation) -> Bool {
        state.withLock { $0.files[item.file]?.done.contains(item.record) ?? false }
    }

    /// Items marked done, items labeled, and whether every sidecar has been read.
    public var counts: (done: Int, labeled: Int, complete: Bool) {
        state.withLock { ($0.done, $0.labeled, $0.complete) }
    }
}
