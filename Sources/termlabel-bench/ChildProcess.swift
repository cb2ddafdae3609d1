#if canImport(Glibc)
import Glibc
#endif

/// Runs another program the way the benchmarks need: wall time, peak memory, output to a file.
enum ChildProcess {
    struct Outcome {
        let status: Int32
        let milliseconds: Double
        /// Peak resident memory of the child, in megabytes.
        let peakMegabytes: Double
    }

    /// Runs `arguments[0]` (searched on PATH) with its arguments, standard output to `outputPath`.
    static func run(_ arguments: [String], outputPath: String = "/dev/null", environment: [String: String] = [:]) -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var merged = currentEnvironment()
        for (key, value) in environment { merged[key] = value }
        var envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let start = Measure.now()
        guard posix_spawnp(&pid, arguments[0], &actions, nil, &argv, &envp) == 0 else {
            return Outcome(status: -1, milliseconds: 0, peakMegabytes: 0)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let elapsed = Double(Measure.now() - start) / 1e6
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Outcome(status: exitStatus, milliseconds: elapsed, peakMegabytes: Double(usage.ru_maxrss) / 1024)
    }

    static func currentEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") { result[String(text[..<equals])] = String(text[text.index(after: equals)...]) }
            pointer += 1
        }
        return result
    }

    /// The directory holding this benchmark's executable (where `termlabel` is built too).
    static func productsDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return "." }
        let path = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
    }
}
