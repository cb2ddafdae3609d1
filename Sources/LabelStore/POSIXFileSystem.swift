import CFileSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system, through POSIX calls.
public struct POSIXFileSystem: FileSystem {
    public init() {}

    func failure(_ operation: String, _ path: String) -> FileSystemError {
        let code = errno
        return FileSystemError(operation: operation, path: path, reason: String(cString: strerror(code)), code: code)
    }

    public func stamp(of path: String) -> FileStamp? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Self.stamp(status)
    }

    /// Paths in the same folder, one after another (a dataset's sidecars), are looked up by
    /// name in the folder opened once: the kernel walks the folder's path once, not per file.
    public func stamps(of paths: [String]) -> [FileStamp?] {
        var result: [FileStamp?] = []
        result.reserveCapacity(paths.count)
        var folder: (path: String, descriptor: Int32)?
        defer { if let folder, folder.descriptor >= 0 { _ = Glibc.close(folder.descriptor) } }
        for path in paths {
            let parent = PathName.parent(path)
            if folder?.path != parent {
                if let folder, folder.descriptor >= 0 { _ = Glibc.close(folder.descriptor) }
                folder = (parent, open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC))
            }
            var status = stat()
            guard let descriptor = folder?.descriptor, descriptor >= 0 else {
                result.append(stamp(of: path))
                continue
            }
            result.append(fstatat(descriptor, PathName.baseName(path), &status, 0) == 0 ? Self.stamp(status) : nil)
        }
        return result
    }

    static func stamp(_ status: stat) -> FileStamp {
        #if canImport(Glibc)
        let nanoseconds = Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec)
        #else
        let nanoseconds = Int(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int(status.st_mtimespec.tv_nsec)
        #endif
        let type = status.st_mode & S_IFMT
        return FileStamp(size: Int(status.st_size), modifiedNanoseconds: nanoseconds, inode: UInt64(status.st_ino),
                         isDirectory: type == S_IFDIR, isRegularFile: type == S_IFREG, permissions: UInt32(status.st_mode & 0o7777))
    }

    public func readFile(_ path: String) throws(FileSystemError) -> [UInt8] {
        try read(path, limit: .max)
    }

    public func readPrefix(_ path: String, count: Int) throws(FileSystemError) -> [UInt8] {
        try read(path, limit: count)
    }

    func read(_ path: String, limit: Int) throws(FileSystemError) -> [UInt8] {
        // Non-blocking, so a FIFO planted where a file should be cannot hang the open.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw failure("read", path) }
        defer { _ = Glibc.close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("read", path) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FileSystemError(operation: "read", path: path, reason: "it is a folder", code: EISDIR)
        default:
            // A pipe or a device (/dev/zero) has no end to read to; only regular files are read.
            throw FileSystemError(operation: "read", path: path, reason: "it is not a regular file (a pipe, socket or device)", code: EINVAL)
        }
        let expected = min(Int(status.st_size), limit)
        // Read straight into the result, sized from fstat; one byte more shows whether the file
        // grew (or is a pipe or /proc file whose size says nothing), then read on in chunks.
        var result = try [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count throws(FileSystemError) in
            count = 0
            while count < min(expected + 1, limit) {
                let got = Glibc.read(descriptor, buffer.baseAddress.map { $0 + count }, min(expected + 1, limit) - count)
                if got < 0 {
                    if errno == EINTR { continue }
                    throw failure("read", path)
                }
                if got == 0 { break }
                count += got
            }
        }
        guard result.count == expected + 1 && result.count < limit else { return result }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while result.count < limit {
            let wanted = min(chunk.count, limit - result.count)
            let got = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, wanted) }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure("read", path)
            }
            if got == 0 { break }
            result.append(contentsOf: chunk[0..<got])
        }
        return result
    }

    public func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        guard let directory = opendir(path) else { throw failure("list", path) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public func listDirectoryEntries(_ path: String) throws(FileSystemError) -> [DirectoryEntry] {
        try listDirectoryEntries(path, omittingNamesEndingWith: "")
    }

    /// The names are tested as the bytes the kernel gives: a folder of 1,000 pictures and
    /// 1,000 sidecars makes 1,000 strings, not 2,000.
    public func listDirectoryEntries(_ path: String, omittingNamesEndingWith suffix: String) throws(FileSystemError) -> [DirectoryEntry] {
        guard let directory = opendir(path) else { throw failure("list", path) }
        defer { closedir(directory) }
        var entries: [DirectoryEntry] = []
        let tail = Array(suffix.utf8)
        while let entry = readdir(directory) {
            let name: String? = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: UInt8.self, capacity: Int(NAME_MAX) + 1) { bytes in
                    let length = strlen(UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self))
                    if !tail.isEmpty, length >= tail.count, UnsafeBufferPointer(start: bytes + (length - tail.count), count: tail.count).elementsEqual(tail) { return nil }
                    return String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
                }
            }
            guard let name, name != "." && name != ".." else { continue }
            // Symbolic links and file systems that do not fill d_type are looked at with stat.
            let type = Int32(entry.pointee.d_type)
            entries.append(DirectoryEntry(name: name, kind: type == Int32(DT_REG) ? .regularFile : type == Int32(DT_DIR) ? .directory : .unknown))
        }
        return entries
    }

    public func createDirectories(_ path: String) throws(FileSystemError) {
        if stamp(of: path)?.isDirectory == true { return }
        let parent = PathName.parent(path)
        if parent != path && !parent.isEmpty { try createDirectories(parent) }
        if mkdir(path, 0o777) != 0 && errno != EEXIST { throw failure("create the folder", path) }
    }

    public func createTemporaryFile(in directory: String, prefix: String) throws(FileSystemError) -> WritableFile {
        var template = Array((PathName.join(directory, prefix + "XXXXXX")).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            let descriptor = mkstemp(base)
            if descriptor >= 0 { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
            return descriptor
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard descriptor >= 0 else { throw failure("create a file in the folder", directory) }
        // mkstemp creates 0600; sidecars should be as readable as any file the user makes.
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
        return WritableFile(descriptor: descriptor, path: path)
    }

    public func openForAppending(_ path: String) throws(FileSystemError) -> WritableFile {
        // O_NOFOLLOW: a planted symlink must not make us append to a file outside the dataset.
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o666)
        guard descriptor >= 0 else { throw failure("open for writing", path) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            _ = Glibc.close(descriptor)
            throw FileSystemError(operation: "open for writing", path: path, reason: "it is not a regular file", code: EINVAL)
        }
        return WritableFile(descriptor: descriptor, path: path)
    }

    public func write(_ bytes: [UInt8], to file: WritableFile) throws(FileSystemError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(file.descriptor, base + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("write", file.path)
            }
            written += result
        }
    }

    public func synchronize(_ file: WritableFile) throws(FileSystemError) {
        guard fdatasync(file.descriptor) == 0 else { throw failure("flush to disk", file.path) }
    }

    public func close(_ file: WritableFile) throws(FileSystemError) {
        guard Glibc.close(file.descriptor) == 0 else { throw failure("close", file.path) }
    }

    public func rename(_ source: String, to destination: String) throws(FileSystemError) {
        guard Glibc.rename(source, destination) == 0 else { throw failure("rename into place", destination) }
    }

    public func synchronizeDirectory(_ path: String) throws(FileSystemError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open the folder", path) }
        defer { _ = Glibc.close(descriptor) }
        // Some file systems refuse fsync on folders; the rename is still atomic there.
        if fsync(descriptor) != 0 && errno != EINVAL && errno != EROFS { throw failure("flush the folder", path) }
    }

    public func synchronizeTogether(_ files: [WritableFile]) throws(FileSystemError) {
        // syncfs flushes every file of the file system in one pass (one journal commit), where
        // a fdatasync per new file costs a commit each; files on other file systems get theirs.
        guard let first = files.first else { return }
        guard termlabel_syncfs(first.descriptor) == 0 else { throw failure("flush the file system of", first.path) }
        let device = termlabel_device(first.descriptor)
        for file in files.dropFirst() where device == 0 || termlabel_device(file.descriptor) != device { try synchronize(file) }
    }

    public func createSymbolicLink(_ path: String, to target: String) throws(FileSystemError) {
        guard symlink(target, path) == 0 else { throw failure("link", path) }
    }

    public func symbolicLinkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func removeFile(_ path: String) throws(FileSystemError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure("remove", path) }
    }

    public func truncate(_ path: String, to size: Int) throws(FileSystemError) {
        // Through a descriptor opened without following links (a planted symlink is refused).
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { throw failure("truncate", path) }
        defer { _ = Glibc.close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw FileSystemError(operation: "truncate", path: path, reason: "it is not a regular file", code: EINVAL)
        }
        guard ftruncate(descriptor, off_t(size)) == 0 else { throw failure("truncate", path) }
    }

    public func lockExclusively(_ path: String) throws(FileSystemError) -> FileLock {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open for locking", path) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let error = failure("lock", path)
            _ = Glibc.close(descriptor)
            throw error
        }
        return FileLock(descriptor: descriptor, path: path)
    }

    public func unlock(_ lock: FileLock) {
        _ = flock(lock.descriptor, LOCK_UN)
        _ = Glibc.close(lock.descriptor)
    }

    public func isWritableFile(_ path: String) -> Bool { access(path, W_OK) == 0 }

    public func setPermissions(_ file: WritableFile, to permissions: UInt32) throws(FileSystemError) {
        guard fchmod(file.descriptor, mode_t(permissions)) == 0 else { throw failure("set the permissions of", file.path) }
    }

    public func isWritableDirectory(_ directory: String) -> Bool {
        access(directory, W_OK | X_OK) == 0
    }

    public func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func currentDirectory() -> String {
        guard let directory = getcwd(nil, 0) else { return "." }
        defer { free(directory) }
        return String(cString: directory)
    }
}
