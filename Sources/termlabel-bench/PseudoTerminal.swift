#if canImport(Glibc)
import Glibc
#endif

/// A program running on a pseudo-terminal of a given size, as a user's terminal would run it:
/// keys are written in, and what the program draws is read out, with timing.
final class PseudoTerminal {
    let master: Int32
    let pid: pid_t

    /// Starts `arguments` on a new `columns` × `rows` terminal.
    init?(_ arguments: [String], columns: Int, rows: Int, environment: [String: String]) {
        var master: Int32 = 0, slave: Int32 = 0
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { return nil }
        let slaveName = String(cString: ttyname(slave))
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session: opening the terminal then makes it the controlling terminal.
        posix_spawnattr_setflags(&attributes, 0x80)  // POSIX_SPAWN_SETSID (glibc)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addclose(&actions, master)
        posix_spawn_file_actions_addclose(&actions, slave)
        posix_spawn_file_actions_addopen(&actions, 0, slaveName, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var merged = ChildProcess.currentEnvironment()
        for (key, value) in environment { merged[key] = value }
        var envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var child: pid_t = 0
        guard posix_spawnp(&child, arguments[0], &actions, &attributes, &argv, &envp) == 0 else { return nil }
        close(slave)
        self.master = master
        pid = child
    }

    deinit {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Writes bytes (keys) to the program.
    func send(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(master, &bytes, bytes.count)
    }

    /// Reads what the program writes until it has been quiet for `quiet` milliseconds (or
    /// `limit` passed): the bytes, and the milliseconds from `since` to the last byte.
    /// `patience`: how long to wait for the first byte (a slow start), in milliseconds.
    /// `until`: once the output holds this text, the frame ends at the first 30 ms pause (what
    /// follows is later frames, e.g. progress while counting).
    func drain(since start: UInt64, quiet: Int = 150, limit: Int = 10_000, patience: Int? = nil, until marker: String? = nil) -> (bytes: Int, milliseconds: Double, text: [UInt8]) {
        var total: [UInt8] = []
        var last = start
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let deadline = start + UInt64(limit) * 1_000_000
        var seen = false
        let wanted = marker.map { Array($0.utf8) }
        while Measure.now() < deadline {
            if let wanted, !seen, total.count >= wanted.count {
                seen = (0...(total.count - wanted.count)).contains { index in total[index..<(index + wanted.count)].elementsEqual(wanted) }
            }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(total.isEmpty ? patience ?? quiet : seen ? 30 : quiet))
            if ready <= 0 { break }
            let got = read(master, &buffer, buffer.count)
            if got <= 0 { break }
            total.append(contentsOf: buffer[0..<got])
            last = Measure.now()
        }
        return (total.count, Double(last - start) / 1e6, total)
    }
}
