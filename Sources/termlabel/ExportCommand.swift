import ArgumentParser
import LabelInterchange
import LabelDataset
import LabelStore
#if canImport(Glibc)
import Glibc
#endif

extension TagScheme: ExpressibleByArgument {}

/// `termlabel export --format F PATH [-o OUT]`: the dataset's labels in a training format.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the labels in a format training pipelines read.",
        discussion: """
        Formats: coco, yolo, voc, labelme, conll, spacy, brat, labelstudio, csv. coco, conll, spacy, \
        labelstudio and csv write one file (standard output unless -o names one); yolo, voc, labelme \
        and brat write a folder (-o is needed). Only accepted annotations are exported unless \
        --include-suggestions is given. Pictures are never decoded: their sizes come from the sidecars.
        """
    )

    @Option(name: .long, help: "The format: coco, yolo, voc, labelme, conll, spacy, brat, labelstudio or csv.")
    var format: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The file or folder to write.", valueName: "OUT"))
    var output: String?

    @Flag(name: .customLong("include-suggestions"), help: "Also export suggestions (model output not yet accepted).")
    var includeSuggestions = false

    @Option(name: .long, help: ArgumentHelp("Only this annotator's annotations and done marks.", valueName: "NAME"))
    var annotator: String?

    @Option(name: .long, help: "CoNLL tags: iob2 or bilou.")
    var scheme: TagScheme = .iob2

    @Flag(name: .long, help: "Replace output files that already exist (never data files, sidecars or termlabel.toml).")
    var force = false

    @Flag(name: .customLong("raw"), help: "CSV: write cells as stored, even those starting with = + - @ (by default they get a leading ').")
    var raw = false

    @OptionGroup var dataset: DatasetOptions

    @Argument(help: "Data files or folders (walked recursively).")
    var paths: [String] = ["."]

    func run() throws {
        guard let format = InterchangeFormat.named(self.format) else {
            throw CommandFailure("unknown format \(self.format) (formats: \(InterchangeFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let opened = try dataset.open(paths)
        for warning in opened.warnings { FileHandleOutput.standardError.write("warning: \(warning)\n") }
        let options = ExportOptions(includeSuggestions: includeSuggestions, annotator: annotator,
                                    scheme: TagScheme.implied(byFormatName: self.format) ?? scheme, rawCSV: raw)
        let progress = ProgressLine(enabled: isatty(2) != 0, noun: "files")
        // Exact bytes into a pipe or file; on a terminal, text from the data cannot drive it.
        let toTerminal = isatty(1) != 0
        let report: ExportReport
        do {
            report = try ExportRun.run(opened, format: format, options: options, output: output, replacesExisting: force, standardOutput: { bytes in
                if toTerminal { FileHandleOutput.standardOutput.write(String(decoding: bytes, as: UTF8.self)) } else { FileHandleOutput.standardOutput.write(bytes: bytes) }
            }, progress: progress.update)
        } catch {
            progress.finish()
            throw CommandFailure(error.message)
        }
        progress.finish()
        for warning in report.warnings { FileHandleOutput.standardError.write("warning: \(warning)\n") }
        FileHandleOutput.standardError.write(report.summary + "\n")
    }
}

/// `files 120/10000` on standard error, redrawn at most ten times a second, for long runs on a terminal.
final class ProgressLine {
    let enabled: Bool
    let noun: String
    private var lastDraw = 0.0
    private var drawn = false

    init(enabled: Bool, noun: String) {
        self.enabled = enabled
        self.noun = noun
    }

    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let seconds = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        if lastDraw == 0 { lastDraw = seconds }
        // Nothing for the first half second: short exports stay quiet.
        guard seconds - lastDraw >= (drawn ? 0.1 : 0.5) else { return }
        lastDraw = seconds
        drawn = true
        FileHandleOutput.standardError.writeControl("\r\(noun) \(done)/\(total)\u{1B}[K")
    }

    func finish() {
        if drawn { FileHandleOutput.standardError.writeControl("\r\u{1B}[K") }
    }
}
