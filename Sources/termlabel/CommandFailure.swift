#if canImport(Glibc)
import Glibc
#endif
import LabelText

/// A failure a command reports to the user as `error: <message>` with a non-zero exit status.
struct CommandFailure: Error {
    let message: String
    var exitCode: Int32 = 1

    init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }
}

/// Writing to the standard streams without Foundation's buffering surprises.
struct FileHandleOutput {
    let descriptor: Int32

    static let standardOutput = FileHandleOutput(descriptor: 1)
    static let standardError = FileHandleOutput(descriptor: 2)

    /// Writes text meant for people: file names, labels, notes and messages from files are
    /// made inert (controls, escapes and bidi overrides shown as placeholders), line by line.
    func write(_ text: String) { write(bytes: Array(Self.inert(text).utf8)) }

    /// Writes our own terminal control text (a progress line's `\r` and erase) as it is.
    func writeControl(_ text: String) { write(bytes: Array(text.utf8)) }

    /// `text` with everything but line feeds and tabs made inert.
    static func inert(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map { InertText.sanitized(String($0)) }.joined(separator: "\t")
        }.joined(separator: "\n")
    }

    func write(bytes: [UInt8]) {
        var bytes = bytes
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(descriptor, base + offset, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
        bytes.removeAll()
    }
}

/// Ends a command that counted over a whole dataset once its output is written (unbuffered):
/// freeing 100,000 files' worth of values one by one would only hold the prompt back (about
/// 0.1 s), as compilers skip freeing at exit.
func exitAfterDatasetCommand() -> Never { exit(0) }
