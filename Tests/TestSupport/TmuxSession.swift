import Foundation

/// A real terminal for end-to-end tests: a tmux server of its own (so tests can run side by
/// side), a window of a given size running a command, keys sent in, the screen read back.
public final class TmuxSession: @unchecked Sendable {
    public let socket: String
    public let target = "test"

    /// Starts `command` (run by `sh -c`) in a `columns` × `rows` window.
    public init(_ command: String, columns: Int = 100, rows: Int = 30, environment: [String: String] = [:], directory: String? = nil) throws {
        socket = "termlabel-\(getpid())-\(UUID().uuidString.prefix(8))"
        var exports = environment.map { "export \($0.key)='\($0.value)'; " }.joined()
        if let directory { exports = "cd '\(directory)' && " + exports }
        // The server outlives this call: its output must not go to pipes we wait on.
        let status = ProcessRunner.runDetached("/usr/bin/env", ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", target,
                                                                "-x", String(columns), "-y", String(rows), "sh", "-c",
                                                                exports + "{ " + command + "\n}; status=$?; echo; echo EXIT=$status; sleep 600"])
        guard status == 0 else { throw PythonFailure(message: "tmux could not start (status \(status))") }
        tmuxQuietly(["set-option", "-t", target, "status", "off"])
    }

    deinit { ProcessRunner.runDetached("/usr/bin/env", ["tmux", "-L", socket, "kill-server"]) }

    /// Runs a tmux command on this session's server.
    @discardableResult
    public func tmux(_ arguments: [String]) -> ProcessResult { ProcessRunner.runTool("tmux", ["-L", socket] + arguments) }

    /// Runs a tmux command whose output is not needed.
    func tmuxQuietly(_ arguments: [String]) { ProcessRunner.runDetached("/usr/bin/env", ["tmux", "-L", socket] + arguments) }

    /// Sends keys in tmux's names (`Enter`, `Escape`, `C-r`, `BTab`, or plain characters).
    public func send(_ keys: String...) {
        for key in keys { tmuxQuietly(["send-keys", "-t", target, key]) }
    }

    /// Types text literally.
    public func type(_ text: String) { tmuxQuietly(["send-keys", "-t", target, "-l", text]) }

    /// The screen as text (with escape sequences for colours when `escapes`).
    public func capture(escapes: Bool = false) -> String {
        tmux(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : [])).standardOutput
    }

    /// Waits until the screen shows `text` (up to `seconds`); returns whether it did.
    @discardableResult
    public func waitFor(_ text: String, seconds: Double = 10) -> Bool {
        waitUntil(seconds: seconds) { self.capture().contains(text) }
    }

    /// Waits until `condition` holds, checking every 50 ms.
    @discardableResult
    public func waitUntil(seconds: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    /// Resizes the window.
    public func resize(columns: Int, rows: Int) { tmuxQuietly(["resize-window", "-t", target, "-x", String(columns), "-y", String(rows)]) }

    /// The process id of the command running in the pane (the shell's child).
    public var commandProcess: Int32? {
        let shell = tmux(["display-message", "-p", "-t", target, "#{pane_pid}"]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let children = ProcessRunner.runTool("pgrep", ["-P", shell]).standardOutput.split(separator: "\n")
        return children.compactMap { Int32($0) }.first { child in
            !ProcessRunner.runTool("ps", ["-o", "comm=", "-p", String(child)]).standardOutput.contains("sleep")
        }
    }
}
