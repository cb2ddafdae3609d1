#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a text file could not be opened.
public enum TextFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case notAFile(path: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "\(path): cannot open: \(reason)"
        case .notAFile(let path): return "\(path): not a regular file"
        }
    }
}

/// A read-only memory mapping of a whole file: the pages are read by the kernel on demand, so
/// opening a 1 GiB file costs nothing until its bytes are looked at.
public final class MappedFile: @unchecked Sendable {
    // Safe to share: the mapping is read-only and lives until deinit.
    public let path: String
    /// The file's bytes.
    public let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    /// Maps the file at `path`.
    public init(path: String) throws(TextFileError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .notAFile(path: path) }
        let size = Int(status.st_size)
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            mapped = false
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
        mapped = true
    }

    /// An in-memory "file" holding `content` (for tests and generated text).
    public init(path: String, content: [UInt8]) {
        self.path = path
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(content.count, 1), alignment: 16)
        content.withUnsafeBytes { source in
            if let base = source.baseAddress, let target = storage.baseAddress { target.copyMemory(from: base, byteCount: source.count) }
        }
        bytes = UnsafeRawBufferPointer(start: storage.baseAddress, count: content.count)
        mapped = false
    }

    /// Tells the kernel the file will be read from start to end (a bigger read-ahead).
    public func adviseSequential() {
        guard mapped, let base = bytes.baseAddress else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base), bytes.count, MADV_SEQUENTIAL)
    }

    /// Lets the kernel drop this process's pages of the first `count` bytes (they are read again
    /// from the page cache if touched), so scanning a big file does not grow resident memory.
    public func release(bytesBefore count: Int) {
        guard mapped, let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let length = min(count, bytes.count) / page * page
        guard length > 0 else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base), length, MADV_DONTNEED)
    }

    /// The file's size in bytes.
    public var count: Int { bytes.count }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }
}
