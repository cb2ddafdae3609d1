#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Positioned reads from a file, for looking at headers without reading the whole file.
final class FileBytes {
    let path: String
    let descriptor: Int32
    let size: Int

    init(path: String) throws(ImageError) {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(file: path, reason: String(cString: strerror(errno))) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw .cannotOpen(file: path, reason: "not a regular file")
        }
        size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes at `offset` (fewer at the end of the file).
    func read(at offset: Int, count: Int) -> [UInt8] {
        guard offset >= 0, offset < size, count > 0 else { return [] }
        let wanted = min(count, size - offset)
        var result = [UInt8](repeating: 0, count: wanted)
        var got = 0
        while got < wanted {
            let step = result.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return pread(descriptor, base + got, wanted - got, off_t(offset + got))
            }
            if step < 0 && errno == EINTR { continue }
            if step <= 0 { break }
            got += step
        }
        return got == wanted ? result : Array(result.prefix(got))
    }

    /// The whole file.
    func readAll() -> [UInt8] { read(at: 0, count: size) }

    /// Runs `body` over the whole file mapped into memory (no copy; the kernel reads pages as
    /// they are touched), falling back to reading it when it cannot be mapped.
    func withContents<T>(_ body: (UnsafeBufferPointer<UInt8>) throws(ImageError) -> T) throws(ImageError) -> T {
        if size > 0, let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED {
            defer { munmap(address, size) }
            return try body(UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size))
        }
        let bytes = readAll()
        var result: Result<T, ImageError>?
        bytes.withUnsafeBufferPointer { buffer in
            result = Result { () throws(ImageError) -> T in try body(buffer) }
        }
        guard let result else { throw .cannotOpen(file: path, reason: "cannot read") }
        return try result.get()
    }
}
