/// A problem in a file, named the way compilers and editors read it: `file:line:column: message`
/// (line and column when known, 1-based). Configuration warnings and `validate`'s findings are
/// this one type.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    /// 1-based line, or nil when the problem is not tied to one line.
    public let line: Int?
    /// 1-based column, when known.
    public let column: Int?
    public let message: String

    /// A diagnostic about `file` at `line` (and `column`).
    public init(file: String, line: Int?, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        guard let line else { return "\(file): \(message)" }
        guard let column else { return "\(file):\(line): \(message)" }
        return "\(file):\(line):\(column): \(message)"
    }
}
