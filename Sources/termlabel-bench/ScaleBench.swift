import ArgumentParser
import LabelCore
import LabelImaging
import LabelDataset
import LabelStore
#if canImport(Glibc)
import Glibc
#endif

/// A large picture dataset: the real binary's first screen on a pseudo-terminal, and `stats`
/// over the same folder (issue: restructure, "scale").
struct ScaleBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scale", abstract: "First screen and stats over a dataset of many pictures.")

    @Option(help: "Pictures in the dataset.") var pictures = 100_000
    @Option(help: "One picture in this many has a sidecar (1: every picture).") var sidecarEvery = 1
    @Option(help: "Runs of each measurement.") var runs = 3
    @Option(help: "Folder for the generated data.") var directory = "/tmp/termlabel-bench-scale"

    func run() throws {
        let folder = directory + "/pictures-\(pictures)-\(sidecarEvery)"
        if access(folder + "/termlabel.toml", R_OK) != 0 {
            print("writing \(pictures) pictures (a sidecar on one in \(sidecarEvery), half of them marked done)…")
            try makeDataset(folder)
        }
        let termlabel = ChildProcess.productsDirectory() + "/termlabel"
        var firsts: [Double] = [], counted: [Double] = []
        // The editor starts its done count from the summaries `stats` keeps: the first run
        // finds none (and keeps them), the others start from them.
        _ = system("rm -rf '\(directory)/cache-tui'")
        for _ in 0..<runs {
            _ = system("rm -rf '\(directory)/state'")
            let start = Measure.now()
            guard let terminal = PseudoTerminal([termlabel, "--annotator", "bench", folder], columns: 160, rows: 48,
                                                environment: ["TERM": "xterm-256color", "XDG_STATE_HOME": directory + "/state", "XDG_CACHE_HOME": directory + "/cache-tui",
                                                               "NO_COLOR": "", "COLORTERM": ""]) else {
                throw ValidationError("cannot start a pseudo-terminal")
            }
            // The first frame ends with its status line; the done marks go on being counted in
            // the background, the status line's progress redrawn until they are all in.
            firsts.append(terminal.drain(since: start, quiet: 300, limit: 120_000, patience: 120_000, until: "NORMAL").milliseconds)
            counted.append(terminal.drain(since: start, quiet: 300, limit: 120_000).milliseconds)
        }
        // `stats` reading every sidecar, then filling the summary cache, then with it.
        let cache = ["XDG_CACHE_HOME": directory + "/cache"]
        _ = system("rm -rf '\(directory)/cache'")
        func runStats(_ arguments: [String]) throws -> Double {
            let outcome = ChildProcess.run([termlabel, "stats"] + arguments + [folder], environment: cache)
            guard outcome.status == 0 else { throw ValidationError("termlabel stats failed on \(folder)") }
            return outcome.milliseconds
        }
        var cold: [Double] = [], stats: [Double] = []
        for _ in 0..<runs { cold.append(try runStats(["--no-cache"])) }
        let filling = try runStats([])
        for _ in 0..<runs { stats.append(try runStats([])) }
        print("\(pictures) pictures, a sidecar on one in \(sidecarEvery); \(runs) runs, p50 (max)")
        print("first screen (start to last byte of the first frame)  \(Measure.format(Measure.percentile(firsts, 0.5), 0)) ms (\(Measure.format(firsts.max() ?? 0, 0)))")
        print("every done mark counted, no summaries kept yet        \(Measure.format(counted.first ?? 0, 0)) ms")
        let warm = Array(counted.dropFirst())
        print("every done mark counted, from the kept summaries      \(Measure.format(Measure.percentile(warm, 0.5), 0)) ms (\(Measure.format(warm.max() ?? 0, 0)))")
        print("termlabel stats --no-cache (every sidecar read)       \(Measure.format(Measure.percentile(cold, 0.5), 0)) ms (\(Measure.format(cold.max() ?? 0, 0)))")
        print("termlabel stats, filling the summary cache            \(Measure.format(filling, 0)) ms")
        print("termlabel stats (summaries cached, sidecars unchanged) \(Measure.format(Measure.percentile(stats, 0.5), 0)) ms (\(Measure.format(stats.max() ?? 0, 0)))")
    }

    /// Pictures in folders of 1,000, with sidecars holding a box each; half marked done.
    func makeDataset(_ folder: String) throws {
        try BenchFiles.writePictures(in: folder, count: pictures, project: "[boxes]\nlabels = [\"cat\", \"dog\"]\n") { index, name in
            guard index % sidecarEvery == 0 else { return nil }
            var sidecar = Sidecar(file: name, kind: .image, image: ImageSize(width: 16, height: 12),
                                  annotations: [Annotation(id: "b\(index)", shape: .box(BoxGeometry(x: 1, y: 1, width: 5, height: 4)),
                                                           label: "cat", author: "bench", time: "2026-12-01T10:00:00Z")])
            if index % 2 == 0 { sidecar.marks = [Mark(state: .done, author: "bench", time: "2026-12-01T10:00:00Z")] }
            return sidecar
        }
    }
}
