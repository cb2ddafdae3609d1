/// Why a sidecar could not be read. Every case names the file; most name the line too.
public enum SidecarError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read at all (permissions, I/O).
    case unreadable(file: String, reason: String)
    /// The file is empty.
    case empty(file: String)
    /// The bytes are not valid JSON (or not UTF-8) at this position.
    case malformed(file: String, line: Int, column: Int, message: String)
    /// Valid JSON, but not a termlabel sidecar.
    case notASidecar(file: String, message: String)
    /// Written by a newer termlabel whose schema this build cannot read safely.
    case newerVersion(file: String, version: Int, supported: Int)
    /// A field is missing or has the wrong type.
    case invalidField(file: String, line: Int, message: String)

    /// The file the error is about.
    public var file: String {
        switch self {
        case .unreadable(let file, _), .empty(let file), .malformed(let file, _, _, _),
             .notASidecar(let file, _), .newerVersion(let file, _, _), .invalidField(let file, _, _):
            return file
        }
    }

    /// The 1-based line of the problem, when known.
    public var line: Int? {
        switch self {
        case .malformed(_, let line, _, _), .invalidField(_, let line, _): return line
        default: return nil
        }
    }

    /// The problem without the file name, e.g. `annotation 3 has no "x"; the sidecar was left untouched`.
    public var problem: String {
        switch self {
        case .unreadable(_, let reason):
            return "cannot read the sidecar: \(reason)"
        case .empty:
            return "the sidecar is empty; it was left untouched (delete it to start afresh)"
        case .malformed(_, _, let column, let message):
            return "column \(column): the sidecar is not valid JSON: \(message); it was left untouched, fix or delete it"
        case .notASidecar(_, let message):
            return "not a termlabel sidecar: \(message); it was left untouched"
        case .newerVersion(_, let version, let supported):
            return "the sidecar has version \(version), but this termlabel reads up to version \(supported); upgrade termlabel to edit it (it was left untouched)"
        case .invalidField(_, _, let message):
            return "\(message); the sidecar was left untouched"
        }
    }

    public var description: String {
        if let line { return "\(file):\(line): \(problem)" }
        return "\(file): \(problem)"
    }
}
