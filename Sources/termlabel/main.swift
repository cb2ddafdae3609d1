import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

// Errors are printed as one `error: …` line on stderr (DESIGN §1); help goes to stdout.
do {
    var command = try TermLabel.parseAsRoot()
    try command.run()
} catch let failure as CommandFailure {
    FileHandleOutput.standardError.write("error: \(failure.message)\n")
    exit(failure.exitCode)
} catch {
    let code = TermLabel.exitCode(for: error)
    if code == .success {
        TermLabel.exit(withError: error)
    }
    let message = TermLabel.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
    FileHandleOutput.standardError.write("error: \(message)\n")
    if TermLabel.fullMessage(for: error).contains("Usage:") {
        FileHandleOutput.standardError.write("(see 'termlabel --help')\n")
    }
    exit(code.rawValue)
}
