/// What the store knows of a file on disk: enough to tell whether it changed since it was read.
public struct FileStamp: Hashable, Sendable {
    public var size: Int
    public var modifiedNanoseconds: Int
    public var inode: UInt64
    public var isDirectory: Bool
    public var isRegularFile: Bool
    /// The permission bits (`0o644`), kept when a file is rewritten.
    public var permissions: UInt32

    /// A stamp with the given fields.
    public init(size: Int, modifiedNanoseconds: Int, inode: UInt64, isDirectory: Bool, isRegularFile: Bool, permissions: UInt32 = 0o644) {
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
        self.isDirectory = isDirectory
        self.isRegularFile = isRegularFile
        self.permissions = permissions
    }
}

/// A failed file-system call: which operation, on which path, and the system's reason.
public struct FileSystemError: Error, Hashable, Sendable, CustomStringConvertible {
    public let operation: String
    public let path: String
    public let reason: String
    /// The errno value, when there was one.
    public let code: Int32

    /// An error of `operation` on `path`.
    public init(operation: String, path: String, reason: String, code: Int32 = 0) {
        self.operation = operation
        self.path = path
        self.reason = reason
        self.code = code
    }

    public var description: String { "\(path): cannot \(operation): \(reason)" }
}

/// An open file being written (a temporary sidecar or a journal).
public struct WritableFile: Hashable, Sendable {
    public let descriptor: Int32
    public let path: String

    /// A handle on `descriptor`, opened from `path`.
    public init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }
}

/// A held advisory lock; released by `FileSystem.unlock(_:)`.
public struct FileLock: Hashable, Sendable {
    public let descriptor: Int32
    public let path: String

    /// A lock held through `descriptor` on `path`.
    public init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }
}

/// A name in a folder and what the folder listing says it is (`unknown`: ask `stamp`).
public struct DirectoryEntry: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case regularFile, directory, unknown }
    public var name: String
    public var kind: Kind

    /// The entry `name` of `kind`.
    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// The file-system operations the store uses, one call per step, so that tests can fake the
/// file system or make any single step fail.
public protocol FileSystem: Sendable {
    /// The stamp of `path`, following symbolic links; nil if nothing is there.
    func stamp(of path: String) -> FileStamp?
    /// The whole content of a file.
    func readFile(_ path: String) throws(FileSystemError) -> [UInt8]
    /// Up to `count` bytes from the start of a file.
    func readPrefix(_ path: String, count: Int) throws(FileSystemError) -> [UInt8]
    /// The names in a folder (not `.` and `..`), in no particular order.
    func listDirectory(_ path: String) throws(FileSystemError) -> [String]
    /// The entries of a folder with their kind when the listing tells it (no call per file).
    func listDirectoryEntries(_ path: String) throws(FileSystemError) -> [DirectoryEntry]
    /// The same without the names that end with `suffix` (a walk that never wants sidecars).
    func listDirectoryEntries(_ path: String, omittingNamesEndingWith suffix: String) throws(FileSystemError) -> [DirectoryEntry]
    /// Creates a folder and any missing parents.
    func createDirectories(_ path: String) throws(FileSystemError)
    /// Creates a new, empty, exclusive temporary file in `directory` whose name starts with `prefix`.
    func createTemporaryFile(in directory: String, prefix: String) throws(FileSystemError) -> WritableFile
    /// Opens a file for appending, creating it if needed.
    func openForAppending(_ path: String) throws(FileSystemError) -> WritableFile
    /// Writes all of `bytes` to the file.
    func write(_ bytes: [UInt8], to file: WritableFile) throws(FileSystemError)
    /// Makes the file's data durable (fdatasync).
    func synchronize(_ file: WritableFile) throws(FileSystemError)
    /// Closes the file.
    func close(_ file: WritableFile) throws(FileSystemError)
    /// Atomically replaces `destination` with `source`.
    func rename(_ source: String, to destination: String) throws(FileSystemError)
    /// Makes a folder's entries (a rename into it) durable.
    func synchronizeDirectory(_ path: String) throws(FileSystemError)
    /// Removes a file.
    func removeFile(_ path: String) throws(FileSystemError)
    /// Truncates a file to `size` bytes.
    func truncate(_ path: String, to size: Int) throws(FileSystemError)
    /// Takes an exclusive advisory lock on an existing file, waiting for other holders.
    func lockExclusively(_ path: String) throws(FileSystemError) -> FileLock
    /// Releases a lock.
    func unlock(_ lock: FileLock)
    /// Whether the current user may create files in `directory`.
    func isWritableDirectory(_ directory: String) -> Bool
    /// Whether the current user may write the existing file at `path`.
    func isWritableFile(_ path: String) -> Bool
    /// Sets the permission bits of an open file (a rewrite keeps the old file's).
    func setPermissions(_ file: WritableFile, to permissions: UInt32) throws(FileSystemError)
    /// The absolute, symlink-free form of an existing path.
    func canonicalPath(_ path: String) -> String?
    /// The current working directory.
    func currentDirectory() -> String
    /// Creates a symbolic link at `path` leading to `target`.
    func createSymbolicLink(_ path: String, to target: String) throws(FileSystemError)
    /// Where the symbolic link at `path` leads; nil if `path` is not a symbolic link.
    func symbolicLinkTarget(_ path: String) -> String?
    /// Makes the data of all `files` durable, at once where the system can (one sync of their
    /// file system instead of one per file).
    func synchronizeTogether(_ files: [WritableFile]) throws(FileSystemError)
    /// The stamps of many paths, in order.
    func stamps(of paths: [String]) -> [FileStamp?]
}

extension FileSystem {
    /// File systems that do not model permissions let every file be written.
    public func isWritableFile(_ path: String) -> Bool { true }

    /// File systems that do not model permissions ignore them.
    public func setPermissions(_ file: WritableFile, to permissions: UInt32) throws(FileSystemError) {}

    /// File systems without links refuse to make one.
    public func createSymbolicLink(_ path: String, to target: String) throws(FileSystemError) {
        throw FileSystemError(operation: "link", path: path, reason: "symbolic links are not supported here")
    }

    /// Without a way to flush many files at once, each is flushed.
    public func synchronizeTogether(_ files: [WritableFile]) throws(FileSystemError) {
        for file in files { try synchronize(file) }
    }

    /// The stamps of many paths, in order (file systems that can look up names in a folder
    /// once opened do it faster).
    public func stamps(of paths: [String]) -> [FileStamp?] { paths.map { stamp(of: $0) } }

    /// File systems without links have none.
    public func symbolicLinkTarget(_ path: String) -> String? { nil }
}

extension FileSystem {
    /// Entries of unknown kind: file systems that cannot tell leave it to `stamp`.
    public func listDirectoryEntries(_ path: String) throws(FileSystemError) -> [DirectoryEntry] {
        try listDirectory(path).map { DirectoryEntry(name: $0, kind: .unknown) }
    }

    /// The whole listing, filtered.
    public func listDirectoryEntries(_ path: String, omittingNamesEndingWith suffix: String) throws(FileSystemError) -> [DirectoryEntry] {
        try listDirectoryEntries(path).filter { suffix.isEmpty || !PathName.hasSuffix($0.name, suffix) }
    }
}
