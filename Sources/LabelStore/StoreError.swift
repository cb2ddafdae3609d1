import LabelCore

/// Why an edit could not be saved. The edit is then not applied, in memory or on disk.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The item cannot be edited (its sidecar is unreadable, or its folder is not writable).
    case readOnly(file: String, reason: String)
    /// Writing the sidecar or its journal failed; the file on disk is as it was.
    case writeFailed(file: String, reason: String)
    /// The data file could not be locked against other termlabel processes.
    case lockFailed(file: String, reason: String)
    /// An undo or redo would overwrite what someone else changed since; nothing was changed.
    case changedElsewhere(file: String, reason: String)

    public var description: String {
        switch self {
        case .readOnly(_, let reason): return "read-only: \(reason)"
        case .writeFailed(let file, let reason): return "\(file): not saved: \(reason)"
        case .lockFailed(let file, let reason): return "\(file): cannot lock: \(reason)"
        case .changedElsewhere(_, let reason): return reason
        }
    }
}
