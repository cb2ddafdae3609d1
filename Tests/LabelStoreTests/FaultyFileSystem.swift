import LabelStore

/// The real file system, except that the `failAt`-th step of writing fails (counting from 1),
/// as a crash or a full disk would at that point.
final class FaultyFileSystem: FileSystem, @unchecked Sendable {
    let real = POSIXFileSystem()
    let failAt: Int
    private(set) var steps: [String] = []

    init(failAt: Int) { self.failAt = failAt }

    private func step(_ name: String, _ path: String) throws(FileSystemError) {
        steps.append(name)
        if steps.count == failAt { throw FileSystemError(operation: name, path: path, reason: "injected failure") }
    }

    func stamp(of path: String) -> FileStamp? { real.stamp(of: path) }
    func readFile(_ path: String) throws(FileSystemError) -> [UInt8] { try real.readFile(path) }
    func readPrefix(_ path: String, count: Int) throws(FileSystemError) -> [UInt8] { try real.readPrefix(path, count: count) }
    func listDirectory(_ path: String) throws(FileSystemError) -> [String] { try real.listDirectory(path) }
    func createDirectories(_ path: String) throws(FileSystemError) { try real.createDirectories(path) }
    func createTemporaryFile(in directory: String, prefix: String) throws(FileSystemError) -> WritableFile {
        try step("create", directory)
        return try real.createTemporaryFile(in: directory, prefix: prefix)
    }
    func openForAppending(_ path: String) throws(FileSystemError) -> WritableFile {
        try step("open", path)
        return try real.openForAppending(path)
    }
    func write(_ bytes: [UInt8], to file: WritableFile) throws(FileSystemError) {
        steps.append("write")
        if steps.count == failAt {
            // A write that fails halfway leaves half the bytes behind, as a full disk would.
            try real.write(Array(bytes.prefix(bytes.count / 2)), to: file)
            throw FileSystemError(operation: "write", path: file.path, reason: "injected failure")
        }
        try real.write(bytes, to: file)
    }
    func synchronize(_ file: WritableFile) throws(FileSystemError) {
        try step("sync", file.path)
        try real.synchronize(file)
    }
    func close(_ file: WritableFile) throws(FileSystemError) {
        try step("close", file.path)
        try real.close(file)
    }
    func rename(_ source: String, to destination: String) throws(FileSystemError) {
        try step("rename", destination)
        try real.rename(source, to: destination)
    }
    func synchronizeDirectory(_ path: String) throws(FileSystemError) {
        try step("sync-folder", path)
        try real.synchronizeDirectory(path)
    }
    func removeFile(_ path: String) throws(FileSystemError) { try real.removeFile(path) }
    func truncate(_ path: String, to size: Int) throws(FileSystemError) { try real.truncate(path, to: size) }
    func lockExclusively(_ path: String) throws(FileSystemError) -> FileLock { try real.lockExclusively(path) }
    func unlock(_ lock: FileLock) { real.unlock(lock) }
    func isWritableDirectory(_ directory: String) -> Bool { real.isWritableDirectory(directory) }
    func canonicalPath(_ path: String) -> String? { real.canonicalPath(path) }
    func currentDirectory() -> String { real.currentDirectory() }
}
