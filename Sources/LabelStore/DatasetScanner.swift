#if canImport(Glibc)
import Glibc
#endif
import LabelCore

/// A data file of a dataset.
public struct DataFile: Hashable, Sendable {
    /// The absolute path.
    public let path: String
    /// The path relative to the dataset root, for display and mirror trees.
    public let relativePath: String
    public let kind: ItemKind

    /// A data file at `path` (absolute), shown as `relativePath`.
    public init(path: String, relativePath: String, kind: ItemKind) {
        self.path = path
        self.relativePath = relativePath
        self.kind = kind
    }
}

/// Finds the data files under the paths a user gave: files as they are, folders walked
/// recursively (hidden entries and termlabel's own files skipped), in natural order.
public struct DatasetScanner {
    public let fileSystem: any FileSystem
    /// The current time in nanoseconds since 1970 (injected for tests).
    public let nowNanoseconds: () -> Int
    /// How old a temporary file of ours must be before it counts as left by a crash.
    static let staleTemporaryAge = 600 * 1_000_000_000
    /// Picture formats people have that termlabel does not read: named, not skipped in silence.
    static let unreadablePictureSuffixes = [".webp", ".gif", ".tif", ".tiff", ".heic", ".heif", ".avif", ".jxl"]

    /// A scanner reading through `fileSystem`.
    public init(fileSystem: any FileSystem, nowNanoseconds: @escaping () -> Int = DatasetScanner.systemNanoseconds) {
        self.fileSystem = fileSystem
        self.nowNanoseconds = nowNanoseconds
    }

    /// The system's clock.
    public static func systemNanoseconds() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
    }

    /// The data files under `paths` (absolute) and one message per path that could not be used.
    public func scan(_ paths: [String]) -> (files: [(path: String, kind: ItemKind)], problems: [String]) {
        var files: [(path: String, kind: ItemKind)] = []
        var problems: [String] = []
        var seen: Set<String> = []
        var visitedDirectories: Set<String> = []
        var unreadable: [String] = []
        for path in paths {
            guard let stamp = fileSystem.stamp(of: path) else {
                problems.append("\(path): no such file or folder")
                continue
            }
            if stamp.isDirectory {
                walk(path, into: &files, problems: &problems, seen: &seen, visited: &visitedDirectories, unreadable: &unreadable,
                     checksDuplicates: paths.count > 1)
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
            if seen.insert(dataPath).inserted { files.append((dataPath, kind)) }
        }
        if let first = unreadable.first {
            let kinds = Set(unreadable.compactMap { name in Self.unreadablePictureSuffixes.first { name.lowercased().hasSuffix($0) } }).sorted()
            problems.append("skipped \(unreadable.count) picture\(unreadable.count == 1 ? "" : "s") in formats termlabel cannot read "
                            + "(\(kinds.joined(separator: ", "))), e.g. \(first); convert them to PNG or JPEG to label them")
        }
        return (files, problems)
    }

    private func walk(_ directory: String, into files: inout [(path: String, kind: ItemKind)], problems: inout [String],
                      seen: inout Set<String>, visited: inout Set<String>, unreadable: inout [String], checksDuplicates: Bool = true) {
        // Symbolic links may loop; each real folder is walked once.
        guard visited.insert(fileSystem.canonicalPath(directory) ?? directory).inserted else { return }
        let entries: [DirectoryEntry]
        do { entries = try fileSystem.listDirectoryEntries(directory) } catch {
            problems.append(error.description)
            return
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
        // Sidecars and journals are never data: they are left out before sorting, without a stat.
        let candidates = entries.filter { entry in
            entry.name.utf8.first != dot && !PathName.hasSuffix(entry.name, Sidecar.fileSuffix) && !PathName.hasSuffix(entry.name, DataFileClassifier.journalSuffix)
        }
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
                walk(path, into: &files, problems: &problems, seen: &seen, visited: &visited, unreadable: &unreadable, checksDuplicates: checksDuplicates)
            } else if isRegularFile, let kind = DataFileClassifier.kind(of: path, named: name, explicit: false, fileSystem: fileSystem) {
                // One folder walked once holds each file once; overlapping paths need the check.
                if checksDuplicates ? seen.insert(path).inserted : true { files.append((path, kind)) }
            } else if isRegularFile, Self.unreadablePictureSuffixes.contains(where: { name.lowercased().hasSuffix($0) }) {
                unreadable.append(PathName.join(directory, name))
            }
        }
    }
}
