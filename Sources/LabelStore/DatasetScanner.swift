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

    /// A scanner reading through `fileSystem`.
    public init(fileSystem: any FileSystem) { self.fileSystem = fileSystem }

    /// The data files under `paths` (absolute) and one message per path that could not be used.
    public func scan(_ paths: [String]) -> (files: [(path: String, kind: ItemKind)], problems: [String]) {
        var files: [(path: String, kind: ItemKind)] = []
        var problems: [String] = []
        var seen: Set<String> = []
        var visitedDirectories: Set<String> = []
        for path in paths {
            guard let stamp = fileSystem.stamp(of: path) else {
                problems.append("\(path): no such file or folder")
                continue
            }
            if stamp.isDirectory {
                walk(path, into: &files, problems: &problems, seen: &seen, visited: &visitedDirectories)
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
        return (files, problems)
    }

    private func walk(_ directory: String, into files: inout [(path: String, kind: ItemKind)], problems: inout [String],
                      seen: inout Set<String>, visited: inout Set<String>) {
        // Symbolic links may loop; each real folder is walked once.
        guard visited.insert(fileSystem.canonicalPath(directory) ?? directory).inserted else { return }
        let names: [String]
        do { names = try fileSystem.listDirectory(directory) } catch {
            problems.append(error.description)
            return
        }
        for name in names.sorted(by: NaturalOrder.precedes) where !name.hasPrefix(".") {
            let path = PathName.join(directory, name)
            guard let stamp = fileSystem.stamp(of: path) else { continue }
            if stamp.isDirectory {
                walk(path, into: &files, problems: &problems, seen: &seen, visited: &visited)
            } else if stamp.isRegularFile, let kind = DataFileClassifier.kind(of: path, explicit: false, fileSystem: fileSystem) {
                if seen.insert(path).inserted { files.append((path, kind)) }
            }
        }
    }
}
