/// Runs a Python script for a test (writing fixtures with Pillow, checking with real tools).
public enum PythonScript {
    /// Runs `source` with `arguments`; returns standard output, or throws with standard error.
    @discardableResult
    public static func run(_ source: String, _ arguments: [String] = [], currentDirectory: String? = nil) throws -> String {
        let result = ProcessRunner.runTool("python3", ["-c", source] + arguments, currentDirectory: currentDirectory)
        guard result.status == 0 else { throw PythonFailure(message: result.standardError) }
        return result.standardOutput
    }
}

/// A Python script that failed, with what it printed on standard error.
public struct PythonFailure: Error, CustomStringConvertible {
    public let message: String
    public var description: String { "python failed: \(message)" }
}
