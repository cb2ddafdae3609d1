import LabelCore
import LabelQuality
import LabelStore

/// Summaries of a dataset's sidecars (`FileSummary`) kept between runs of `stats` and `agree`,
/// so a second run over 100,000 pictures looks at each sidecar's stamp instead of reading and
/// decoding it. One file per dataset under the user's cache folder; only a help, never the
/// truth: anything that cannot be read or written is as if there were no cache.
public struct SummaryCache: Sendable {
    /// A sidecar's summary and the stamp it was made from.
    public struct Entry: Sendable {
        public var size: Int
        public var modifiedNanoseconds: Int
        public var inode: UInt64
        public var summary: FileSummary

        /// The entry of a sidecar with `stamp`.
        public init(_ stamp: FileStamp, summary: FileSummary) {
            size = stamp.size
            modifiedNanoseconds = stamp.modifiedNanoseconds
            inode = stamp.inode
            self.summary = summary
        }

        init(size: Int, modifiedNanoseconds: Int, inode: UInt64, summary: FileSummary) {
            self.size = size
            self.modifiedNanoseconds = modifiedNanoseconds
            self.inode = inode
            self.summary = summary
        }
    }

    /// How recently changed a sidecar may be and still be kept: one changed again within the
    /// file system's clock tick could keep its size and time (git's "racily clean" files).
    static let settleNanoseconds = 2_000_000_000
    static let magic = Array("termlabel summaries 2\n".utf8)

    /// The cache file.
    public let path: String
    /// The dataset it is for: its root and mirror tree (checked on reading).
    public let root: String
    public let mirror: String?
    let fileSystem: any FileSystem

    /// The cache of the dataset at `root` (sidecars in `mirror`, if given) in `folder`.
    public init(folder: String, root: String, mirror: String?, fileSystem: any FileSystem) {
        self.root = root
        self.mirror = mirror
        self.fileSystem = fileSystem
        let hex = String(Self.fnv1a((root + "\u{0}" + (mirror ?? "")).utf8), radix: 16)
        path = PathName.join(folder, "summaries-" + String(repeating: "0", count: 16 - hex.count) + hex + ".bin")
    }

    /// The folder caches go in: `$XDG_CACHE_HOME/termlabel`, else `~/.cache/termlabel`; nil
    /// without either.
    public static func folder(environment: [String: String]) -> String? {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache + "/termlabel" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/termlabel" }
        return nil
    }

    /// FNV-1a over `bytes` (names the cache file after its dataset, and checks it).
    static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// The sum a cache ends with: a damaged cache (a flipped bit could still parse, and count
    /// wrong) is told by it.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let hash = fnv1a(bytes)
        return (0..<8).map { UInt8(truncatingIfNeeded: hash >> UInt64($0 * 8)) }
    }

    /// A cache as read: its bytes checked whole, its entries found, their summaries decoded
    /// only when asked for (on the threads that stat the sidecars, not all up front).
    public struct Loaded: Sendable {
        /// One saved data file: where its name and summary lie, and its sidecar's stamp.
        struct Record: Sendable {
            let name: Range<Int>
            let size: Int
            let modifiedNanoseconds: Int
            let inode: UInt64
            /// Empty when nothing was kept for the file.
            let summary: Range<Int>
        }

        let bytes: [UInt8]
        let strings: [String]
        let records: [Record]

        /// Nothing cached.
        public static let empty = Loaded(bytes: [], strings: [], records: [])

        /// How many data files were saved.
        public var count: Int { records.count }
        /// How many of them have a summary kept.
        public var kept: Int { records.count { !$0.summary.isEmpty } }

        /// Whether a summary was kept for the data file saved at `index`.
        public func isKept(at index: Int) -> Bool { !records[index].summary.isEmpty }

        /// Whether the sidecar saved at `index` had `stamp`: same size, time and file (a
        /// rewrite by rename makes a new file, an edit in place a new time).
        public func matches(at index: Int, _ stamp: FileStamp) -> Bool {
            let record = records[index]
            return isKept(at: index) && stamp.size == record.size && stamp.modifiedNanoseconds == record.modifiedNanoseconds
                && stamp.inode & UInt64(Int.max) == record.inode
        }

        /// The entry saved at `index`, decoded now; nil when none was kept.
        public func entry(at index: Int) -> Entry? {
            let record = records[index]
            guard !record.summary.isEmpty else { return nil }
            var reader = SummaryReader(bytes, offset: record.summary.lowerBound)
            reader.strings = strings
            guard let summary = try? FileSummary(from: &reader), reader.offset == record.summary.upperBound else { return nil }
            return Entry(size: record.size, modifiedNanoseconds: record.modifiedNanoseconds, inode: record.inode, summary: summary)
        }

        /// For each of `files`, the place of its saved entry: by position while the dataset's
        /// files are the ones saved, in order (the usual case: no table of 100,000 names to
        /// build), else by name.
        public func lineUp(with files: [DataFile]) -> [Int?] {
            let same = records.count == files.count && bytes.withUnsafeBufferPointer { buffer in
                zip(records, files).allSatisfy { record, file in
                    var name = file.relativePath
                    return name.withUTF8 { $0.elementsEqual(UnsafeBufferPointer(rebasing: buffer[record.name])) }
                }
            }
            if same { return Array(records.indices) }
            var byName: [String: Int] = [:]
            for (index, record) in records.enumerated() { byName[String(decoding: bytes[record.name], as: UTF8.self)] = index }
            return files.map { byName[$0.relativePath] }
        }
    }

    /// The saved entries; none when there is no readable cache for this dataset.
    public func load() -> Loaded {
        guard let whole = try? fileSystem.readFile(path), whole.count >= Self.magic.count + 8, Array(whole[0..<Self.magic.count]) == Self.magic,
              Array(whole.suffix(8)) == Self.checksum(whole.dropLast(8)) else { return .empty }
        let bytes = Array(whole.dropLast(8))
        var reader = SummaryReader(bytes, offset: Self.magic.count)
        do throws(SummaryReader.Damaged) {
            guard try reader.readRawString() == root, try reader.readRawString() == (mirror ?? "") else { return .empty }
            var strings: [String] = []
            for _ in 0..<(try reader.readCount()) { strings.append(try reader.readRawString()) }
            var records: [Loaded.Record] = []
            let count = try reader.readCount()
            records.reserveCapacity(count)
            for _ in 0..<count {
                let nameLength = try reader.readCount()
                let name = reader.offset..<reader.offset + nameLength
                try reader.skip(nameLength)
                guard try reader.readInt() == 1 else {
                    records.append(Loaded.Record(name: name, size: 0, modifiedNanoseconds: 0, inode: 0, summary: 0..<0))
                    continue
                }
                let size = try reader.readInt(), modified = try reader.readSigned(), inode = UInt64(try reader.readInt())
                let length = try reader.readCount()
                let summary = reader.offset..<reader.offset + length
                try reader.skip(length)
                records.append(Loaded.Record(name: name, size: size, modifiedNanoseconds: modified, inode: inode, summary: summary))
            }
            return reader.isAtEnd ? Loaded(bytes: bytes, strings: strings, records: records) : .empty
        } catch {
            return .empty
        }
    }

    /// Replaces the cache with `entries` (every data file in order, nil where nothing is
    /// kept), leaving out sidecars changed less than two seconds before `now`; says nothing
    /// when it cannot (a read-only home only makes the next run slower).
    public func save(_ entries: [(file: String, entry: Entry?)], now: Int) {
        var body = SummaryWriter()
        for (file, entry) in entries {
            body.writeRaw(file)
            guard let entry, entry.modifiedNanoseconds < now - Self.settleNanoseconds else {
                body.write(0)
                continue
            }
            body.write(1)
            body.write(entry.size)
            body.writeSigned(entry.modifiedNanoseconds)
            body.write(Int(truncatingIfNeeded: entry.inode & UInt64(Int.max)))
            body.writeLengthPrefixed { entry.summary.write(to: &$0) }
        }
        var head = SummaryWriter()
        head.append(Self.magic)
        head.writeRaw(root)
        head.writeRaw(mirror ?? "")
        head.write(body.strings.count)
        for string in body.strings { head.writeRaw(string) }
        head.write(entries.count)
        head.append(body.bytes)
        head.append(Self.checksum(head.bytes[...]))
        do {
            try fileSystem.createDirectories(PathName.parent(path))
            try AtomicFileWriter(fileSystem: fileSystem).write(head.bytes, to: path, durable: false)
        } catch {
            return
        }
    }
}
