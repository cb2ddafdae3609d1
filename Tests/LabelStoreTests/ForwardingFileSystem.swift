import LabelStore

/// A test file system that is the real one except where it says otherwise: every operation
/// it does not implement itself goes to `real`.
protocol ForwardingFileSystem: FileSystem {
    var real: POSIXFileSystem { get }
}

extension ForwardingFileSystem {
    func stamp(of path: String) -> FileStamp? { real.stamp(of: path) }
    func readFile(_ path: String) throws(FileSystemError) -> [UInt8] { try real.readFile(path) }
    func readPrefix(_ path: String, count: Int) throws(FileSystemError) -> [UInt8] { try real.readPrefix(path, count: count) }
    func listDirectory(_ path: String) throws(FileSystemError) -> [String] { try real.listDirectory(path) }
    func listDirectoryEntries(_ path: String) throws(FileSystemError) -> [DirectoryEntry] { try real.listDirectoryEntries(path) }
    func createDirectories(_ path: String) throws(FileSystemError) { try real.createDirectories(path) }
    func createTemporaryFile(in directory: String, prefix: String) throws(FileSystemError) -> WritableFile { try real.createTemporaryFile(in: directory, prefix: prefix) }
    func openForAppending(_ path: String) throws(FileSystemError) -> WritableFile { try real.openForAppending(path) }
    func write(_ bytes: [UInt8], to file: WritableFile) throws(FileSystemError) { try real.write(bytes, to: file) }
    func synchronize(_ file: WritableFile) throws(FileSystemError) { try real.synchronize(file) }
    func close(_ file: WritableFile) throws(FileSystemError) { try real.close(file) }
    func rename(_ source: String, to destination: String) throws(FileSystemError) { try real.rename(source, to: destination) }
    func synchronizeDirectory(_ path: String) throws(FileSystemError) { try real.synchronizeDirectory(path) }
    func removeFile(_ path: String) throws(FileSystemError) { try real.removeFile(path) }
    func truncate(_ path: String, to size: Int) throws(FileSystemError) { try real.truncate(path, to: size) }
    func lockExclusively(_ path: String) throws(FileSystemError) -> FileLock { try real.lockExclusively(path) }
    func unlock(_ lock: FileLock) { real.unlock(lock) }
    func isWritableDirectory(_ directory: String) -> Bool { real.isWritableDirectory(directory) }
    func canonicalPath(_ path: String) -> String? { real.canonicalPath(path) }
    func currentDirectory() -> String { real.currentDirectory() }
}
