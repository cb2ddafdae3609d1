import ArgumentParser
import LabelStore
#if canImport(Glibc)
import Glibc
#endif

/// The real binary on a pseudo-terminal: key → screen time (until the last byte of the frame)
/// and bytes written, per kind of keystroke.
struct TUIBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Key-to-screen time and bytes written, on a pseudo-terminal.")

    @Option(help: "Terminal width.") var columns = 200
    @Option(help: "Terminal height.") var rows = 60
    @Option(help: "Repetitions per keystroke.") var repetitions = 20
    @Option(help: "Folder for the generated data.") var directory = "/tmp/termlabel-bench-tui"
    @Option(help: "TERM for the session.") var term = "xterm-256color"

    func run() throws {
        let termlabel = ChildProcess.productsDirectory() + "/termlabel"
        _ = system("rm -rf '\(directory)/demo'")
        mkdir(directory, 0o755)
        guard ChildProcess.run([termlabel, "demo", "--write-only", directory + "/demo"]).status == 0 else {
            throw ValidationError("could not write the demo dataset with \(termlabel)")
        }
        print("\(columns)×\(rows) pseudo-terminal, TERM=\(term), \(repetitions) repetitions; time until the last byte of the frame")
        print("keystroke                                   p50 ms   p90 ms   bytes p50")
        try measure("cursor move (l) on a picture", setup: [], keys: Array(repeating: "l", count: repetitions))
        try measure("class key with advance (next item drawn)", setup: ["c"], keys: Array(repeating: "1", count: min(repetitions, 13)))
        try measure("cursor move (l) in text", setup: [":goto 16\r"], keys: Array(repeating: "l", count: repetitions))
    }

    /// Starts a fresh session, types `setup`, then times each of `keys`.
    func measure(_ name: String, setup: [String], keys: [String]) throws {
        let termlabel = ChildProcess.productsDirectory() + "/termlabel"
        _ = system("rm -f '\(directory)'/demo/*/*.labels.json '\(directory)'/demo/*/*.journal")
        guard let terminal = PseudoTerminal([termlabel, "--annotator", "bench", directory + "/demo"], columns: columns, rows: rows,
                                            environment: ["TERM": term, "XDG_STATE_HOME": directory + "/state", "NO_COLOR": "", "COLORTERM": ""]) else {
            throw ValidationError("cannot start a pseudo-terminal")
        }
        _ = terminal.drain(since: Measure.now(), quiet: 400)
        for key in setup {
            terminal.send(key)
            _ = terminal.drain(since: Measure.now(), quiet: 300)
        }
        var times: [Double] = [], bytes: [Double] = []
        for key in keys {
            let start = Measure.now()
            terminal.send(key)
            let frame = terminal.drain(since: start, quiet: 120)
            times.append(frame.milliseconds)
            bytes.append(Double(frame.bytes))
        }
        let label = name + String(repeating: " ", count: max(0, 42 - name.count))
        print("\(label)  \(pad(Measure.format(Measure.percentile(times, 0.5), 2)))   \(pad(Measure.format(Measure.percentile(times, 0.9), 2)))   \(pad(String(Int(Measure.percentile(bytes, 0.5))), 9))")
    }

    func pad(_ text: String, _ width: Int = 6) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
}
