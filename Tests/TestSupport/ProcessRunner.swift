import Foundation

/// The result of running a program.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String
}

/// Runs programs for tests: the built termlabel binaries, Python, tmux.
public enum ProcessRunner {
    /// Where programs run by tests keep their caches (one folder per test process).
    public static let testCacheFolder = NSTemporaryDirectory() + "termlabel-test-cache-\(ProcessInfo.processInfo.processIdentifier)"

    /// Runs `executable` with `arguments`, waiting for it to end.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           currentDirectory: String? = nil, input: String? = nil) -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // termlabel's summary cache goes to a folder of this test run, not the user's home.
        process.environment = ProcessInfo.processInfo.environment.merging(["XDG_CACHE_HOME": Self.testCacheFolder]) { $1 }.merging(environment ?? [:]) { $1 }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let output = Pipe(), error = Pipe(), inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = inputPipe
        do { try process.run() } catch {
            return ProcessResult(status: -1, standardOutput: "", standardError: "cannot run \(executable): \(error)")
        }
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try? inputPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so neither fills up and blocks the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                             standardError: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs `executable` without capturing its output (for programs that leave a daemon behind,
    /// which would keep captured pipes open); returns its exit status.
    @discardableResult
    public static func runDetached(_ executable: String, _ arguments: [String]) -> Int32 {
        // posix_spawn and waitpid directly: Foundation's Process can miss the exit of a client
        // whose daemon child lives on (tmux), and wait forever.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        // Pipes another test has open at this moment must not leak into a daemon (tmux's
        // server, its pane's shell): their readers would wait for its end.
        // (glibc 2.34 has closefrom for spawn, but Swift's Glibc module does not declare it.)
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        }
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // The test runner's threads block most signals, and a child inherits that mask: tmux's
        // server would then never see SIGCHLD or SIGTERM and outlive `kill-server`. Start it
        // with no signal blocked and every signal at its default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, &attributes, &argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
    }

    /// Runs a program found on `PATH`.
    public static func runTool(_ name: String, _ arguments: [String], environment: [String: String]? = nil,
                               currentDirectory: String? = nil, input: String? = nil) -> ProcessResult {
        run("/usr/bin/env", [name] + arguments, environment: environment, currentDirectory: currentDirectory, input: input)
    }

    /// Whether a program is on `PATH`.
    public static func toolExists(_ name: String) -> Bool {
        runTool("sh", ["-c", "command -v \(name)"]).status == 0
    }

    /// Whether Python can import `module`.
    public static func pythonHas(_ module: String) -> Bool {
        runTool("python3", ["-c", "import \(module)"]).status == 0
    }
}

/// Where the build put its products (the folder holding the test bundle).
public enum BuiltProducts {
    /// The products folder, e.g. `.build/debug`.
    public static var directory: String {
        var candidate = Bundle.main.bundleURL
        for _ in 0..<4 {
            if FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("termlabel").path) { return candidate.path }
            candidate = candidate.deletingLastPathComponent()
        }
        let arguments = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
        if let arguments, FileManager.default.isExecutableFile(atPath: arguments.appendingPathComponent("termlabel").path) {
            return arguments.path
        }
        return Bundle.main.bundleURL.path
    }

    /// The path of a built executable.
    public static func executable(_ name: String) -> String { directory + "/" + name }
}
