import LabelStore

/// The real file system, except that the `failAt`-th step of writing fails (counting from 1),
/// as a crash or a full disk would at that point.
final class FaultyFileSystem: ForwardingFileSystem, @unchecked Sendable {
    let real = POSIXFileSystem()
    let failAt: Int
    private(set) var steps: [String] = []

    init(failAt: Int) { self.failAt = failAt }

    private func step(_ name: String, _ path: String) throws(FileSystemError) {
        steps.append(name)
        if steps.count == failAt { throw FileSystemError(operation: name, path: path, reason: "injected failure") }
    }

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
}
