#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import LabelCore
import LabelStore
import Synchronization

/// A data file of a dataset.
public struct DataFile: Hashable, Sendable {
    /// The absolute path.
    public let path: String
    /// The path relative to the dataset root, for display and mirror trees.
    public let relativePath: String
    public let kind: ItemKind
    /// Whether the folder walk saw a journal beside the file (nil when it did not list the
    /// file's folder, or sidecars live in a mirror tree): a journal left by an editor must be
    /// read, and the walk saves a look per file when there is none.
    public var journalListed: Bool?

    /// A data file at `path` (absolute), shown as `relativePath`.
    public init(path: String, relativePath: String, kind: ItemKind, journalListed: Bool? = nil) {
        self.path = path
        self.relativePath = relativePath
        self.kind = kind
        self.journalListed = journalListed
    }
}

/// Finds the data files under the paths a user gave: files as they are, folders walked
/// recursively (hidden entries and termlabel's own files skipped), in natural order.
public struct DatasetScanner: Sendable {
    public let fileSystem: any FileSystem
    /// The current time in nanoseconds since 1970 (injected for tests).
    public let nowNanoseconds: @Sendable () -> Int
    /// How old a temporary file of ours must be before it counts as left by a crash.
    static let staleTemporaryAge = 600 * 1_000_000_000
    /// Picture formats people have that termlabel does not read: named, not skipped in silence.
    static let unreadablePictureSuffixes = [".webp", ".gif", ".tif", ".tiff", ".heic", ".heif", ".avif", ".jxl"]

    /// A scanner reading through `fileSystem`.
    public init(fileSystem: any FileSystem, nowNanoseconds: @escaping @Sendable () -> Int = DatasetScanner.systemNanoseconds) {
        self.fileSystem = fileSystem
        self.nowNanoseconds = nowNanoseconds
    }

    /// The system's clock.
    public static func systemNanoseconds() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
    }

    /// The data files under `paths` (absolute), named relative to `root`, and one message per
    /// path that could not be used.
    public func scan(_ paths: [String], root: String) -> (files: [DataFile], problems: [String]) {
        var files: [DataFile] = []
        var problems: [String] = []
        var seen: Set<String> = []
        var unreadable: [String] = []
        for path in paths {
            guard let stamp = fileSystem.stamp(of: path) else {
                problems.append("\(path): no such file or folder")
                continue
            }
            if stamp.isDirectory {
                let listing = listing(path, root: root)
                problems += listing.problems
                unreadable += listing.unreadable
                // One folder walked once holds each file once; overlapping paths need the check.
                for file in listing.files where paths.count == 1 || seen.insert(file.path).inserted { files.append(file) }
                continue
            }
            var dataPath = path
            // Naming a sidecar means its data file.
            if path.hasSuffix(Sidecar.fileSuffix) {
                dataPath = String(path.dropLast(Sidecar.fileSuffix.count))
                guard fileSystem.stamp(of: dataPath)?.isRegularFile == true else {
                    problems.append("\(path): a sidecar whose data file \(PathName.baseName(dataPath)) is missing")
                    continue
                }
            }
            guard let kind = DataFileClassifier.kind(of: dataPath, explicit: true, fileSystem: fileSystem) else {
                problems.append("\(path): neither an image (PNG, JPEG, PPM/PGM/PNM, BMP) nor UTF-8 text")
                continue
            }
            if seen.insert(dataPath).inserted { files.append(DataFile(path: dataPath, relativePath: PathName.relative(dataPath, to: root), kind: kind)) }
        }
        if let first = unreadable.first {
            let kinds = Set(unreadable.compactMap { name in Self.unreadablePictureSuffixes.first { name.lowercased().hasSuffix($0) } }).sorted()
            problems.append("skipped \(unreadable.count) picture\(unreadable.count == 1 ? "" : "s") in formats termlabel cannot read "
                            + "(\(kinds.joined(separator: ", "))), e.g. \(first); convert them to PNG or JPEG to label them")
        }
        return (files, problems)
    }

    /// What a folder holds, in natural order: files, and its subfolders' own listings.
    private struct Folder: Sendable {
        enum Slot: Sendable { case file(DataFile), folder(Folder) }
        /// The folder's real path (symbolic links resolved).
        var real: String
        var slots: [Slot] = []
        var problems: [String] = []
        var unreadable: [String] = []
    }

    /// The files of `directory` in order. Subfolders are listed on every core (100 folders of
    /// 1,000 pictures are read in parallel); then, in order, a folder reached a second time
    /// through a link is left out, so the result does not depend on which thread ran first.
    private func listing(_ directory: String, root: String) -> (files: [DataFile], problems: [String], unreadable: [String]) {
        var result: (files: [DataFile], problems: [String], unreadable: [String]) = ([], [], [])
        var seen: Set<String> = []
        func flatten(_ folder: Folder) {
            guard seen.insert(folder.real).inserted else { return }
            result.problems += folder.problems
            result.unreadable += folder.unreadable
            for slot in folder.slots {
                switch slot {
                case .file(let file): result.files.append(file)
                case .folder(let child): flatten(child)
                }
            }
        }
        if let top = list(directory, root: root, ancestors: []) { flatten(top) }
        return result
    }

    /// The listing of `directory`, or nil when it is one of its own `ancestors` (a link loop).
    private func list(_ directory: String, root: String, ancestors: Set<String>) -> Folder? {
        let real = fileSystem.canonicalPath(directory) ?? directory
        guard !ancestors.contains(real) else { return nil }
        var folder = Folder(real: real)
        let entries: [DirectoryEntry]
        do { entries = try fileSystem.listDirectoryEntries(directory, omittingNamesEndingWith: Sidecar.fileSuffix) } catch {
            folder.problems.append(error.description)
            return folder
        }
        let dot = UInt8(ascii: ".")
        for name in entries.lazy.map(\.name) where name.utf8.first == dot && (name.contains(Sidecar.fileSuffix + ".tmp-") || name.contains(".journal.tmp-")) {
            // A temporary sidecar of ours that a crash (kill -9, power cut) left behind: once it
            // is old enough that no writer can still be busy with it, it goes.
            let path = PathName.join(directory, name)
            if let stamp = fileSystem.stamp(of: path), stamp.isRegularFile, nowNanoseconds() - stamp.modifiedNanoseconds > Self.staleTemporaryAge {
                try? fileSystem.removeFile(path)
            }
        }
        // Sidecars and journals are never data: sidecars are not even listed, journals (rare:
        // an editor is open, or crashed) are noted by their data file, both without a stat.
        var journals: Set<String> = []
        let candidates = entries.filter { entry in
            guard entry.name.utf8.first != dot else { return false }
            guard !PathName.hasSuffix(entry.name, DataFileClassifier.journalSuffix) else {
                journals.insert(String(entry.name.utf8.dropLast(DataFileClassifier.journalSuffix.utf8.count)) ?? entry.name)
                return false
            }
            return true
        }
        // In order: a file, or the place of a subfolder.
        var order: [(file: DataFile?, folder: Int?)] = []
        var subfolders: [String] = []
        for entry in NaturalOrder.sorted(candidates, by: \.name) {
            let name = entry.name
            let path = PathName.join(directory, name)
            // The listing says what most entries are; only links and the unknown cost a stat.
            let listed = entry.kind
            let stamp = listed == .unknown ? fileSystem.stamp(of: path) : nil
            if listed == .unknown && stamp == nil { continue }
            let isDirectory = listed == .directory || stamp?.isDirectory == true
            let isRegularFile = listed == .regularFile || stamp?.isRegularFile == true
            if isDirectory {
                order.append((nil, subfolders.count))
                subfolders.append(path)
            } else if isRegularFile, let kind = DataFileClassifier.kind(of: path, named: name, explicit: false, fileSystem: fileSystem) {
                order.append((DataFile(path: path, relativePath: PathName.relative(path, to: root), kind: kind,
                                       journalListed: !journals.isEmpty && journals.contains(name)), nil))
            } else if isRegularFile, Self.unreadablePictureSuffixes.contains(where: { name.lowercased().hasSuffix($0) }) {
                folder.unreadable.append(path)
            }
        }
        let lineage = ancestors.union([real])
        var children = [Folder?](repeating: nil, count: subfolders.count)
        if subfolders.count >= 2 {
            let results = Mutex([Int: Folder]())
            let paths = subfolders
            DispatchQueue.concurrentPerform(iterations: paths.count) { index in
                guard let child = list(paths[index], root: root, ancestors: lineage) else { return }
                results.withLock { $0[index] = child }
            }
            results.withLock { found in for (index, child) in found { children[index] = child } }
        } else {
            for (index, path) in subfolders.enumerated() { children[index] = list(path, root: root, ancestors: lineage) }
        }
        for item in order {
            if let file = item.file { folder.slots.append(.file(file)) }
            if let index = item.folder, let child = children[index] { folder.slots.append(.folder(child)) }
        }
        return folder
    }
}
