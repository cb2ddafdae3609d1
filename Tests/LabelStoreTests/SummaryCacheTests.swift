#if canImport(Glibc)
import Glibc
#endif
import LabelCore
import LabelDataset
import LabelQuality
import LabelStore
import Synchronization
import TestSupport
import Testing

/// The real file system, counting the sidecars read whole (not the cache itself).
final class SidecarReadCounter: ForwardingFileSystem {
    let real = POSIXFileSystem()
    let sidecarReads = Atomic<Int>(0)
    func readFile(_ path: String) throws(FileSystemError) -> [UInt8] {
        if path.hasSuffix(Sidecar.fileSuffix) { sidecarReads.add(1, ordering: .relaxed) }
        return try real.readFile(path)
    }
}

/// `stats` and `agree` keep each sidecar's summary between runs (issue 15, scale): a second run
/// reads no unchanged sidecar, and an edit, a journal or a damaged cache never gives a stale figure.
@Suite struct SummaryCacheTests {
    let folder = TemporaryDirectory()
    let counter = SidecarReadCounter()

    init() {
        folder.write("termlabel.toml", "[classes]\nlabels = [\"cat\", \"dog\"]\n")
        for index in 0..<6 {
            folder.write("p\(index).png", "not decoded")
            var sidecar = Sidecar(file: "p\(index).png", kind: .image, annotations: [Make.classification("c\(index)", index % 2 == 0 ? "cat" : "dog")])
            if index < 3 { sidecar.marks = [Mark(state: .done, author: "ana", time: "2026-11-22T10:00:00Z")] }
            folder.write("p\(index).png.labels.json", bytes: SidecarCodec.encode(sidecar))
        }
    }

    /// The statistics of a walk, the sidecars it read, and the cache's entries after it.
    func walk(now: Int = Int.max / 2) throws -> (statistics: DatasetStatistics, reads: Int, cached: Int) {
        let dataset = try Dataset.open(OpenOptions(paths: [folder.path]))
        let before = counter.sidecarReads.load(ordering: .relaxed)
        var statistics = DatasetStatistics()
        let unreadable = DatasetSummaries.walk([dataset], cacheFolder: folder.url("cache"), fileSystem: counter, now: now, warn: { _ in }) { _, summary, records in
            statistics.add(summary, records: records)
        }
        #expect(unreadable.isEmpty)
        let cache = SummaryCache(folder: folder.url("cache"), root: dataset.root, mirror: nil, fileSystem: counter)
        return (statistics, counter.sidecarReads.load(ordering: .relaxed) - before, cache.load().kept)
    }

    @Test func aSecondRunReadsNoUnchangedSidecarAndCountsTheSame() throws {
        folder.write("unlabeled.png", "no sidecar")
        let first = try walk()
        #expect(first.reads == 6)
        #expect(first.cached == 6)
        #expect(first.statistics.done == 3 && first.statistics.annotations == 6)
        let dataset = try Dataset.open(OpenOptions(paths: [folder.path]))
        let path = SummaryCache(folder: folder.url("cache"), root: dataset.root, mirror: nil, fileSystem: counter).path
        let written = POSIXFileSystem().stamp(of: path)
        let second = try walk()
        #expect(second.reads == 0)
        #expect(second.statistics == first.statistics)
        #expect(POSIXFileSystem().stamp(of: path) == written, "nothing changed, so the cache is not written again")
    }

    @Test func anEditInPlaceOrByRenameIsReadAgain() throws {
        _ = try walk()
        // In place, the same size: only the time tells.
        let path = folder.url("p1.png.labels.json")
        let bytes = try #require(folder.read("p1.png.labels.json"))
        let edited = Array(String(decoding: bytes, as: UTF8.self).replacing("\"dog\"", with: "\"cat\"").utf8)
        #expect(edited.count == bytes.count)
        let descriptor = open(path, O_WRONLY)
        #expect(edited.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == edited.count)
        Glibc.close(descriptor)
        let afterInPlace = try walk()
        #expect(afterInPlace.reads == 1)
        #expect(afterInPlace.statistics.labels.first { $0.label == "cat" }?.count == 4)
        // By rename (as termlabel writes): a new file.
        try AtomicFileWriter(fileSystem: POSIXFileSystem()).write(SidecarCodec.encode(Sidecar(file: "p2.png", kind: .image)), to: folder.url("p2.png.labels.json"))
        let afterRename = try walk()
        #expect(afterRename.reads == 1)
        #expect(afterRename.statistics.done == 2)
        // A sidecar removed counts as none.
        try POSIXFileSystem().removeFile(folder.url("p0.png.labels.json"))
        #expect(try walk().statistics.annotations == 4)
    }

    @Test func aJournalIsAlwaysReadAndNeverCached() throws {
        _ = try walk()
        folder.write("p3.png.labels.json.journal", bytes: Journal.header() + Journal.line(for: Transaction([.add(Make.classification("j", "cat", author: "bo"))])))
        let withJournal = try walk()
        #expect(withJournal.statistics.annotations == 7)
        #expect(withJournal.reads == 1)
        #expect(withJournal.cached == 5, "the file with a journal is left out of the cache")
        #expect(try walk().reads == 1)
    }

    @Test func sidecarsChangedInTheLastTwoSecondsAreNotKept() throws {
        let now = DatasetScanner.systemNanoseconds()
        let recent = try walk(now: now)
        #expect(recent.cached == 0, "every sidecar was written just now")
        #expect(try walk(now: now).reads == 6)
    }

    @Test func aDamagedOrForeignCacheIsAsIfThereWereNone() throws {
        let first = try walk()
        let dataset = try Dataset.open(OpenOptions(paths: [folder.path]))
        let cache = SummaryCache(folder: folder.url("cache"), root: dataset.root, mirror: nil, fileSystem: counter)
        let bytes = try POSIXFileSystem().readFile(cache.path)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var damaged = bytes
            let cut = Int.random(in: 0..<damaged.count, using: &generator)
            if Bool.random(using: &generator) { damaged = Array(damaged[0..<cut]) } else { damaged[cut] ^= UInt8.random(in: 1...255, using: &generator) }
            try AtomicFileWriter(fileSystem: POSIXFileSystem()).write(damaged, to: cache.path)
            #expect(try walk().statistics == first.statistics)
        }
        // Another dataset's cache under this name is not used.
        let other = SummaryCache(folder: folder.url("cache"), root: "/elsewhere", mirror: nil, fileSystem: counter)
        #expect(other.load().count == 0)
        // A cache folder that cannot be made only costs speed.
        folder.write("blocked.json", "a file where the cache folder would go")
        let dataset2 = try Dataset.open(OpenOptions(paths: [folder.path]))
        var statistics = DatasetStatistics()
        _ = DatasetSummaries.walk([dataset2], cacheFolder: folder.url("blocked.json/cache"), warn: { _ in }) { _, summary, records in statistics.add(summary, records: records) }
        #expect(statistics == first.statistics)
    }

    /// Stamping many paths at once (a folder opened once per run of its files) gives what
    /// stamping each gives: missing files, other folders, a folder that is not there.
    @Test func stampsOfManyPathsEqualEachPathsStamp() {
        folder.write("sub/x.txt", "x")
        let paths = [folder.url("p0.png.labels.json"), folder.url("p1.png.labels.json"), folder.url("missing.json"), folder.url("sub/x.txt"),
                     folder.url("p2.png"), folder.url("nowhere/a.json"), folder.url("sub"), folder.url("p3.png.labels.json")]
        let fileSystem = POSIXFileSystem()
        #expect(fileSystem.stamps(of: paths) == paths.map { fileSystem.stamp(of: $0) })
        #expect(fileSystem.stamps(of: paths).map { $0 == nil } == [false, false, true, false, false, true, false, false])
    }
}
