#if canImport(Glibc)
import Glibc
#endif

/// A pipe the input wait also watches, so a background thread (a finished decode) can wake
/// the screen at once instead of at the next poll.
public final class WakePipe: Sendable {
    let readEnd: Int32
    let writeEnd: Int32

    /// A new pipe (both ends non-blocking).
    public init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK); _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Wakes the waiting screen (callable from any thread; async-signal-safe).
    public func wake() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe; returns whether anything was in it.
    func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64)
        var any = false
        while read(readEnd, &buffer, buffer.count) > 0 { any = true }
        return any
    }
}
