import LabelConfig
import LabelCore
import LabelStore

/// The one writer into `termlabel.toml` (`:label add`, `--classes`, `--records` and `--text-field` on a project, an
/// import's new labels): the file's text is edited in place, and a file that exists but cannot
/// be read is never replaced (only a missing file counts as empty).
public enum ProjectFileLabels {
    /// Adds `labels` (kind, name) to the project file at `path`, creating it if it is missing;
    /// a label in `ids` gets that export number (unless another label of its kind holds it).
    public static func add(_ labels: [(LabelKind, String)], ids: [String: Int] = [:], to path: String, fileSystem: any FileSystem) throws(ProjectFileLabelsError) {
        guard !labels.isEmpty else { return }
        try update(path, fileSystem: fileSystem) { (text) throws(ConfigDiagnostic) -> String in
            var text = text
            for (kind, name) in labels { text = try ProjectFileEditor.adding(label: name, kind: kind, id: ids[name], to: text, file: path) }
            return text
        }
    }

    /// Declares `skeletons` (`[keypoints.NAME]` tables) in the project file at `path`, creating it if missing.
    public static func add(skeletons: [Skeleton], to path: String, fileSystem: any FileSystem) throws(ProjectFileLabelsError) {
        guard !skeletons.isEmpty else { return }
        try update(path, fileSystem: fileSystem) { (text) throws(ConfigDiagnostic) -> String in
            var text = text
            for skeleton in skeletons { text = try ProjectFileEditor.adding(skeleton: skeleton, to: text, file: path) }
            return text
        }
    }

    /// Sets `key = "value"` in `[table]` of the project file at `path` (creating it if missing).
    public static func set(_ key: String, to value: String, inTable table: String, in path: String,
                           fileSystem: any FileSystem) throws(ProjectFileLabelsError) {
        try update(path, fileSystem: fileSystem) { (text) throws(ConfigDiagnostic) -> String in
            try ProjectFileEditor.setting(key, to: value, inTable: table, in: text, file: path)
        }
    }

    /// Reads the file (a missing one is empty; one that exists but cannot be read is left
    /// alone), edits its text and writes it back atomically.
    static func update(_ path: String, fileSystem: any FileSystem,
                       edit: (String) throws(ConfigDiagnostic) -> String) throws(ProjectFileLabelsError) {
        var text = ""
        if fileSystem.stamp(of: path) != nil {
            do { text = String(decoding: try fileSystem.readFile(path), as: UTF8.self) } catch {
                throw .unreadable(file: path, reason: error.reason)
            }
        }
        do { text = try edit(text) } catch {
            throw .cannotEdit(error)
        }
        do { try AtomicFileWriter(fileSystem: fileSystem).write(Array(text.utf8), to: path) } catch {
            throw .cannotWrite(file: path, reason: error.reason)
        }
    }
}

/// Why labels could not be added to a project file; each case names the file.
public enum ProjectFileLabelsError: Error, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case cannotEdit(ConfigDiagnostic)
    case cannotWrite(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): return "\(file): cannot read it (\(reason)), so it is left as it is"
        case .cannotEdit(let diagnostic): return diagnostic.description
        case .cannotWrite(let file, let reason): return "\(file): cannot write: \(reason)"
        }
    }
}
