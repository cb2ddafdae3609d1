import Dispatch
import LabelCore
import LabelQuality
import LabelStore
import LabelText
import Synchronization

/// Every data file's summary (`FileSummary`) with its item keys, for the commands that count
/// over a whole dataset (`stats`, `agree`). Sidecars unchanged since the last run come from the
/// summary cache, the others are read and decoded on every core.
public enum DatasetSummaries {
    /// Summaries of a slice of files being found on other threads, waited for in order.
    final class SliceRead: Sendable {
        private let done = DispatchGroup()
        private let results = Mutex<[Found?]>([])

        /// Starts finding the summaries of the files in `range` with `read`.
        init(_ range: Range<Int>, read: @escaping @Sendable (Range<Int>) -> [Found?]) {
            done.enter()
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                let found = read(range)
                results.withLock { $0 = found }
                done.leave()
            }
        }

        /// The summaries, once found.
        func wait() -> [Found?] {
            done.wait()
            return results.withLock { $0 }
        }
    }

    /// Where a file's entry lies in the loaded cache.
    struct CachedPlace {
        let loaded: SummaryCache.Loaded
        let index: Int

        init(_ loaded: SummaryCache.Loaded, _ index: Int) {
            self.loaded = loaded
            self.index = index
        }
    }

    /// How one data file's summary was found.
    enum Found: Sendable {
        /// From the cache: the sidecar is unchanged.
        case cached(SummaryCache.Entry)
        /// Made now, with the entry to cache when it may be.
        case made(FileSummary, entry: SummaryCache.Entry?)
        case unreadable(SidecarError)
    }

    /// Calls `project` for each opened project and `each` for each file whose sidecar can be
    /// read; the others are named through `warn` (not counted as empty: a sidecar that cannot
    /// be read would look like unlabeled data) and returned, for the command to fail with.
    /// `cacheFolder`: where summaries are kept between runs (nil: none); `now` (nanoseconds
    /// since 1970) decides which sidecars changed too recently to keep.
    public static func walk(_ projects: [Dataset], cacheFolder: String?, fileSystem: any FileSystem = POSIXFileSystem(),
                            now: Int = DatasetScanner.systemNanoseconds(), warn: (String) -> Void, project: (Dataset) -> Void = { _ in },
                            each: (DataFile, FileSummary, [Int?]) -> Void) -> [String] {
        var unreadable: [String] = []
        for opened in projects {
            project(opened)
            visit(opened, cacheFolder: cacheFolder, fileSystem: fileSystem, now: now) { position, found in
                let file = opened.files[position]
                switch found {
                case .success(let summary):
                    each(file, summary, opened.itemKeys(of: file))
                case .failure(let error):
                    warn(error.description)
                    unreadable.append(file.relativePath)
                }
            }
        }
        return unreadable
    }

    /// Each data file of `dataset` in order (by its position), with its summary or why its
    /// sidecar cannot be read: from the cache at `cacheFolder` while the sidecar is unchanged,
    /// else read on every core, the next slice read while `each` takes this one; the cache is
    /// written after when anything changed, once `finished` has been told. `isStopped` ends the
    /// visit early (nothing saved).
    public static func visit(_ dataset: Dataset, cacheFolder: String?, fileSystem: any FileSystem = POSIXFileSystem(),
                             now: Int = DatasetScanner.systemNanoseconds(), isStopped: () -> Bool = { false },
                             finished: () -> Void = {}, each: (Int, Result<FileSummary, SidecarError>) -> Void) {
        let cache = cacheFolder.map { SummaryCache(folder: $0, root: dataset.root, mirror: dataset.locator.mirrorRoot, fileSystem: fileSystem) }
        let loaded = cache?.load() ?? .empty
        let cached = loaded.lineUp(with: dataset.files)
        var entries: [SummaryCache.Entry?] = []
        entries.reserveCapacity(dataset.files.count)
        var changed = loaded.count != dataset.files.count
        let slices = stride(from: 0, to: dataset.files.count, by: 4_096).map { $0..<min(dataset.files.count, $0 + 4_096) }
        let read: @Sendable (Range<Int>) -> [Found?] = { range in
            // Runs of 128 files, each stamped together (one folder lookup per run).
            let runs = stride(from: range.lowerBound, to: range.upperBound, by: 128).map { $0..<min(range.upperBound, $0 + 128) }
            let results = Mutex([Found?](repeating: nil, count: range.count))
            DispatchQueue.concurrentPerform(iterations: runs.count) { run in
                let positions = runs[run]
                let stamps = fileSystem.stamps(of: positions.map { dataset.locator.sidecarPath(for: dataset.files[$0].path) })
                let found = zip(positions, stamps).map { position, stamp in
                    summary(of: dataset.files[position], in: dataset, stamp: stamp, cached: cached[position].map { .init(loaded, $0) }, fileSystem: fileSystem)
                }
                results.withLock { results in
                    for (position, one) in zip(positions, found) { results[position - range.lowerBound] = one }
                }
            }
            return results.withLock { $0 }
        }
        var ahead = slices.first.map { SliceRead($0, read: read) }
        for (number, range) in slices.enumerated() {
            let results = ahead?.wait() ?? []
            if isStopped() { return }
            ahead = number + 1 < slices.count ? SliceRead(slices[number + 1], read: read) : nil
            for (position, found) in zip(range, results) {
                let wasKept = cached[position].map(loaded.isKept) ?? false
                switch found {
                case .unreadable(let error)?:
                    entries.append(nil)
                    changed = changed || wasKept
                    each(position, .failure(error))
                case .cached(let entry)?:
                    entries.append(entry)
                    each(position, .success(entry.summary))
                case .made(let summary, let entry)?:
                    entries.append(entry)
                    changed = changed || entry != nil || wasKept
                    each(position, .success(summary))
                case nil:
                    entries.append(nil)
                }
            }
        }
        // What waits for the counts has them before the cache is written.
        finished()
        if let cache, changed { cache.save(zip(dataset.files, entries).map { ($0.relativePath, $1) }, now: now) }
    }

    /// One file's summary: the cached one while its sidecar is unchanged and no journal waits
    /// beside it, else its document's, read now.
    /// `stamp`: its sidecar's, nil when it has none.
    static func summary(of file: DataFile, in dataset: Dataset, stamp: FileStamp?, cached: CachedPlace?, fileSystem: any FileSystem) -> Found {
        let journal = file.journalListed ?? (fileSystem.stamp(of: dataset.locator.journalPath(for: file.path)) != nil)
        if !journal, stamp == nil { return .made(FileSummary(), entry: nil) }
        if !journal, let stamp, let cached, cached.loaded.matches(at: cached.index, stamp), let entry = cached.loaded.entry(at: cached.index) { return .cached(entry) }
        switch SidecarStore.read(file.path, locator: dataset.locator, fileSystem: fileSystem, present: (stamp != nil, journal)) {
        case .failure(let error):
            return .unreadable(error)
        case .success(let document):
            let summary = document.map { FileSummary($0, kind: file.kind) } ?? FileSummary()
            // A summary of a sidecar with a journal beside it is not the sidecar's alone.
            return .made(summary, entry: journal ? nil : stamp.map { SummaryCache.Entry($0, summary: summary) })
        }
    }
}
