import ArgumentParser
import LabelCore
import LabelImaging
import LabelStore
#if canImport(Glibc)
import Glibc
#endif

/// REVIEW on a large team project (issue 18): opening `termlabel review` to its first screen,
/// and `}` to the next item where annotators disagree, on the real binary in a pseudo-terminal.
struct ReviewBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "review", abstract: "REVIEW: opening, and } to the next disagreement, on a pseudo-terminal.")

    @Option(help: "Pictures in the project.") var pictures = 10_000
    @Option(help: "One picture in this many has annotators who disagree.") var disagreeEvery = 10
    @Option(help: "Key presses timed.") var repetitions = 20
    @Option(help: "Folder for the generated data.") var directory = "/tmp/termlabel-bench-review"

    func run() throws {
        let folder = directory + "/project-\(pictures)-\(disagreeEvery)"
        if access(folder + "/termlabel.toml", R_OK) != 0 {
            print("writing \(pictures) pictures, each classed by ana, bo and cy…")
            try makeProject(folder)
        }
        let termlabel = ChildProcess.productsDirectory() + "/termlabel"
        let environment = ["TERM": "xterm-256color", "XDG_STATE_HOME": directory + "/state", "NO_COLOR": "", "COLORTERM": ""]
        var opens: [Double] = []
        for _ in 0..<3 {
            _ = system("rm -rf '\(directory)/state'")
            let start = Measure.now()
            guard let terminal = PseudoTerminal([termlabel, "review", "--annotator", "rev", folder], columns: 160, rows: 48, environment: environment) else {
                throw ValidationError("cannot start a pseudo-terminal")
            }
            opens.append(terminal.drain(since: start, quiet: 300, limit: 60_000, patience: 60_000).milliseconds)
        }
        _ = system("rm -rf '\(directory)/state'")
        guard let terminal = PseudoTerminal([termlabel, "review", "--annotator", "rev", folder], columns: 160, rows: 48, environment: environment) else {
            throw ValidationError("cannot start a pseudo-terminal")
        }
        _ = terminal.drain(since: Measure.now(), quiet: 500, limit: 60_000, patience: 60_000)
        var steps: [Double] = [], bytes: [Double] = []
        for _ in 0..<repetitions {
            let start = Measure.now()
            terminal.send("}")
            let frame = terminal.drain(since: start, quiet: 120)
            steps.append(frame.milliseconds)
            bytes.append(Double(frame.bytes))
        }
        print("\(pictures) pictures × 3 annotators, one in \(disagreeEvery) disagreeing; p50 / p90 ms")
        print("open REVIEW to the first screen        \(Measure.format(Measure.percentile(opens, 0.5), 1)) / \(Measure.format(Measure.percentile(opens, 0.9), 1))")
        print("} to the next disagreement             \(Measure.format(Measure.percentile(steps, 0.5), 2)) / \(Measure.format(Measure.percentile(steps, 0.9), 2))   bytes p50 \(Int(Measure.percentile(bytes, 0.5)))")
    }

    /// Pictures in folders of 1,000, each with a sidecar where three annotators gave a class.
    func makeProject(_ folder: String) throws {
        let project = "[project]\nblind = true\nreviewers = [\"rev\"]\n[classes]\nlabels = [\"cat\", \"dog\"]\n"
        try BenchFiles.writePictures(in: folder, count: pictures, project: project) { index, name in
            let truth = index % 2 == 0 ? "cat" : "dog"
            let annotations = ["ana", "bo", "cy"].map { person in
                let label = person == "cy" && index % disagreeEvery == disagreeEvery - 1 ? (truth == "cat" ? "dog" : "cat") : truth
                return Annotation(id: "\(person)\(index)", shape: .classification, label: label, author: person, time: "2026-12-01T10:00:00Z")
            }
            return Sidecar(file: name, kind: .image, image: ImageSize(width: 16, height: 12), annotations: annotations)
        }
    }
}
