import LabelCore
import LabelDataset
import LabelStore

/// Where each annotator left off in each dataset, so reopening a dataset returns there.
/// Kept in `${XDG_STATE_HOME:-~/.local/state}/termlabel/positions.json`.
public struct PositionMemory: Sendable {
    public let path: String
    let fileSystem: any FileSystem

    /// A memory kept at `path`.
    public init(path: String, fileSystem: any FileSystem) {
        self.path = path
        self.fileSystem = fileSystem
    }

    /// The default place for the user in `environment`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/termlabel/positions.json" }
        return (environment["HOME"] ?? "/tmp") + "/.local/state/termlabel/positions.json"
    }

    static func key(root: String, annotator: String) -> String { root + "\u{1F}" + annotator }
    static func key(file: String, annotator: String) -> String { "file\u{1F}" + file + "\u{1F}" + annotator }

    /// The file (relative to the root) and record last visited in the dataset at `root`, if any.
    public func recall(root: String, annotator: String) -> (file: String, record: Int?)? {
        guard let entry = entry(PositionMemory.key(root: root, annotator: annotator)), let file = entry["file"]?.stringValue else { return nil }
        return (file, entry["record"]?.intValue)
    }

    /// Where the annotator left off inside the data file at `path` (absolute): its record and
    /// cursor, whichever dataset it was opened in.
    public func recall(file path: String, annotator: String) -> FilePosition? {
        guard let entry = entry(PositionMemory.key(file: path, annotator: annotator)) else { return nil }
        let cursor: FilePosition.Cursor?
        if let x = entry["x"]?.intValue, let y = entry["y"]?.intValue {
            cursor = .pixel(x: x, y: y)
        } else if let offset = entry["offset"]?.intValue {
            cursor = .codePoint(offset)
        } else {
            cursor = nil
        }
        return FilePosition(record: entry["record"]?.intValue, cursor: cursor)
    }

    private func entry(_ key: String) -> JSONObject? {
        guard let bytes = try? fileSystem.readFile(path), case .object(let all)? = try? JSONParser.parse(bytes) else { return nil }
        return all[key]?.objectValue
    }

    /// Remembers a position in the dataset and in the file (best effort: a failure only loses
    /// the convenience).
    public func remember(root: String, annotator: String, file: String, path: String, position: FilePosition) {
        var all = ((try? fileSystem.readFile(self.path)).flatMap { try? JSONParser.parse($0) }?.objectValue) ?? JSONObject()
        var entry = JSONObject(["file": .string(file)])
        if let record = position.record { entry["record"] = .int(record) }
        all[PositionMemory.key(root: root, annotator: annotator)] = .object(entry)
        var inFile = JSONObject()
        if let record = position.record { inFile["record"] = .int(record) }
        switch position.cursor {
        case .pixel(let x, let y)?: inFile["x"] = .int(x); inFile["y"] = .int(y)
        case .codePoint(let offset)?: inFile["offset"] = .int(offset)
        case nil: break
        }
        all[PositionMemory.key(file: path, annotator: annotator)] = .object(inFile)
        try? fileSystem.createDirectories(PathName.parent(self.path))
        try? AtomicFileWriter(fileSystem: fileSystem).write(JSONWriter.prettyPrinted(.object(all)), to: self.path)
    }
}

/// A place inside a data file: the record (for files split into records) and the cursor.
public struct FilePosition: Hashable, Sendable {
    /// The cursor: a pixel of a picture, or a code point of the item's text.
    public enum Cursor: Hashable, Sendable {
        case pixel(x: Int, y: Int)
        case codePoint(Int)
    }

    public var record: Int?
    public var cursor: Cursor?

    /// A position at `record` with `cursor`.
    public init(record: Int?, cursor: Cursor?) {
        self.record = record
        self.cursor = cursor
    }
}
