/// Replaces a file so that a reader (or a crash) only ever sees the old or the new content:
/// a temporary file in the same folder is written, flushed to disk, closed and renamed over the
/// target, and the folder is flushed so the rename itself is durable.
public struct AtomicFileWriter: Sendable {
    public let fileSystem: any FileSystem

    /// A writer going through `fileSystem`.
    public init(fileSystem: any FileSystem) { self.fileSystem = fileSystem }

    /// Writes `bytes` to `path` atomically. On failure the old file is untouched and the
    /// temporary file is removed. `durable: false` skips the flushes: readers still see the
    /// old or the new file, but a power cut may lose it (for output that can be made again,
    /// such as the thousands of files of an export).
    public func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws(FileSystemError) {
        let directory = PathName.parent(path)
        let existing = fileSystem.stamp(of: path)
        let temporary = try fileSystem.createTemporaryFile(in: directory, prefix: "." + PathName.baseName(path) + ".tmp-")
        var closed = false
        do {
            // The new file takes the old one's permissions (a group-writable sidecar stays so).
            if let existing, existing.isRegularFile { try fileSystem.setPermissions(temporary, to: existing.permissions) }
            try fileSystem.write(bytes, to: temporary)
            if durable { try fileSystem.synchronize(temporary) }
            closed = true
            try fileSystem.close(temporary)
            try fileSystem.rename(temporary.path, to: path)
        } catch {
            if !closed { try? fileSystem.close(temporary) }
            try? fileSystem.removeFile(temporary.path)
            throw error
        }
        if durable { try fileSystem.synchronizeDirectory(directory) }
    }
}
