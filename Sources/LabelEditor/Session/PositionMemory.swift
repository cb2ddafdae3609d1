import LabelCore
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

    /// The file (relative to the root) and record last visited, if any.
    public func recall(root: String, annotator: String) -> (file: String, record: Int?)? {
        guard let bytes = try? fileSystem.readFile(path), case .object(let all)? = try? JSONParser.parse(bytes),
              let entry = all[PositionMemory.key(root: root, annotator: annotator)]?.objectValue,
              let file = entry["file"]?.stringValue else { return nil }
        return (file, entry["record"]?.intValue)
    }

    /// Remembers a position (best effort: a failure only loses the convenience).
    public func remember(root: String, annotator: String, file: String, record: Int?) {
        var all = ((try? fileSystem.readFile(path)).flatMap { try? JSONParser.parse($0) }?.objectValue) ?? JSONObject()
        var entry = JSONObject(["file": .string(file)])
        if let record { entry["record"] = .int(record) }
        all[PositionMemory.key(root: root, annotator: annotator)] = .object(entry)
        try? fileSystem.createDirectories(PathName.parent(path))
        try? AtomicFileWriter(fileSystem: fileSystem).write(JSONWriter.prettyPrinted(.object(all)), to: path)
    }
}
