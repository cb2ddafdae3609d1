#if canImport(Glibc)
import Glibc
#endif

/// Why a model gave no answer for an item.
public enum ModelFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// It could not be started.
    case cannotStart(String)
    /// It exited (with this status) or closed its output.
    case died(Int32?)
    /// No answer within the timeout (it is stopped and started again for the next item).
    case timedOut(Double)

    public var description: String {
        switch self {
        case .cannotStart(let reason): return "the model could not be started: \(reason)"
        case .died(let status?): return "the model exited with status \(status)"
        case .died(nil): return "the model closed its output"
        case .timedOut(let seconds): return "the model gave no answer within \(seconds.formatted1) s"
        }
    }
}

/// A model program run once for many items (DESIGN §12): one JSON line to its standard input,
/// one line back from its standard output. A model that dies or hangs is started again for the
/// next item, so it costs only the item it failed on.
public final class ModelProcess {
    let command: String
    private var pid: pid_t = 0
    private var input: Int32 = -1
    private var output: Int32 = -1
    private var pending: [UInt8] = []

    /// Runs `command` with `/bin/sh -c` (so pipes and arguments work as typed in a shell).
    public init(command: String) {
        self.command = command
        // A model that dies while its input is written must not take termlabel with it.
        signal(SIGPIPE, SIG_IGN)
    }

    deinit { stop() }

    private func start() throws(ModelFailure) {
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw .cannotStart(String(cString: strerror(errno))) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        for descriptor in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, descriptor) }
        var argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
        defer { for pointer in argv { free(pointer) } }
        // Its own process group, so that stopping it stops what the shell started too (a
        // pipeline, or an interpreter the shell did not exec).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var child: pid_t = 0
        let status = posix_spawn(&child, "/bin/sh", &actions, &attributes, &argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard status == 0 else {
            close(toChild[1])
            close(fromChild[0])
            throw .cannotStart(String(cString: strerror(status)))
        }
        pid = child
        input = toChild[1]
        output = fromChild[0]
        pending = []
    }

    /// Sends `request` (one line) and returns the answer line, starting the model if needed.
    public func ask(_ request: [UInt8], timeout seconds: Double) throws(ModelFailure) -> [UInt8] {
        if pid == 0 { try start() }
        var line = request
        line.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < line.count {
            let written = line[offset...].withUnsafeBytes { Glibc.write(input, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { throw finish() }
            offset += written
        }
        let deadline = Self.now() + seconds
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let answer = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                return answer
            }
            let left = deadline - Self.now()
            guard left > 0 else {
                stop()
                throw .timedOut(seconds)
            }
            var watched = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            let ready = poll(&watched, 1, Int32(min(left, 3600) * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            let got = read(output, &buffer, buffer.count)
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw finish() }
            pending.append(contentsOf: buffer[0..<got])
        }
    }

    /// The model stopped answering: reaps it and says how it ended.
    private func finish() -> ModelFailure {
        let child = pid
        closePipes()
        defer { if child != 0 { kill(-child, SIGKILL) } }
        var status: Int32 = 0
        var exitStatus: Int32?
        var reaped: pid_t = -1
        if child != 0 { repeat { reaped = waitpid(child, &status, 0) } while reaped < 0 && errno == EINTR }
        if child != 0, reaped == child {
            exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        }
        return .died(exitStatus)
    }

    private func closePipes() {
        if input >= 0 { close(input) }
        if output >= 0 { close(output) }
        input = -1
        output = -1
        pid = 0
        pending = []
    }

    /// Ends the model: its input is closed (a polite end), then it is killed if it lingers.
    public func stop() {
        guard pid != 0 else { return }
        let child = pid
        closePipes()
        var status: Int32 = 0
        for _ in 0..<20 {
            if waitpid(child, &status, WNOHANG) == child {
                kill(-child, SIGKILL)
                return
            }
            usleep(10_000)
        }
        kill(-child, SIGKILL)
        _ = waitpid(child, &status, 0)
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

extension Double {
    /// The number with at most one decimal (`2`, `0.5`).
    var formatted1: String {
        let tenths = (self * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
