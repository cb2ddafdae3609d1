/// A problem in a configuration file, named by file and line ("a bad entry is a warning").
public struct ConfigDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    /// 1-based line, or nil when the problem is not tied to one line.
    public let line: Int?
    public let message: String

    /// A diagnostic about `file` at `line`.
    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
