import ArgumentParser
import LabelAssist
import LabelCore
import LabelDataset
import LabelStore
import LabelTerminal
#if canImport(Glibc)
import Glibc
#endif

/// `termlabel suggest PATH... --command "CMD ARGS"` (DESIGN §12): a model's answers saved as
/// suggestions, which the editor shows dashed and a person accepts or rejects.
struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Ask a model about every item and save its answers as suggestions.",
        discussion: """
        The command is started once; for each item it gets one JSON line on standard input \
        ({"path", "record", "kind", "width", "height", "text", "labels"}) and answers with one \
        line: {"annotations": [{"type": "box", "label", "x", "y", "width", "height", "score"}, \
        {"type": "class", "label", "score"}, {"type": "span", "label", "start", "end", "score"}]} \
        or {"error": "..."}. Pictures are opened by the model from their path (relative to the \
        project). A model that dies, hangs past --timeout or answers garbage costs only that item; \
        it is started again for the next. Ctrl-C stops after the item being asked; what was saved \
        stays.
        """
    )

    @OptionGroup var dataset: DatasetOptions

    @Option(help: ArgumentHelp("The model program and its arguments, run with /bin/sh -c here (paths it is sent are relative to here).", valueName: "CMD ARGS"))
    var command: String?

    @Option(help: ArgumentHelp("spaCy EntityRuler patterns (JSONL): what they match becomes span suggestions.", valueName: "FILE"))
    var patterns: String?

    @Option(help: ArgumentHelp("A Label Studio ML backend (its predictions, model_version as the source).", valueName: "http://HOST:PORT"))
    var labelstudio: String?

    @Flag(help: "Learn from the classes people gave (in-process, no download) and suggest classes for the items without one.")
    var learn = false

    @Option(help: "The suggestions' source (default: the program's name, e.g. faces for python3 faces.py).")
    var source: String?

    @Flag(help: "Ask again about items that already hold suggestions from this source (they are replaced).")
    var redo = false

    @Option(help: "Seconds to wait for each answer.")
    var timeout: Double = 60

    @Argument(help: "Data files or folders (walked recursively).")
    var paths: [String] = ["."]

    /// The program a command runs, for the suggestions' source: the first word that is not an
    /// interpreter or launcher, without folder or extension (`python3 models/faces.py` → `faces`).
    static func programName(_ command: String) -> String {
        let launchers: Set<String> = ["python", "python3", "node", "ruby", "perl", "sh", "bash", "env", "uv", "exec", "nice", "-u", "run"]
        let words = command.split(separator: " ").map(String.init).filter { !$0.hasPrefix("-") || $0 == "-u" }
        let program = words.first { !launchers.contains(PathName.baseName($0)) } ?? words.first ?? "model"
        let base = PathName.baseName(program)
        return base.split(separator: ".").first.map(String.init) ?? base
    }

    func run() throws {
        let opened = try dataset.open(paths)
        guard [command != nil, patterns != nil, labelstudio != nil, learn].filter({ $0 }).count == 1 else {
            throw ValidationError("give one of --command, --labelstudio, --patterns and --learn")
        }
        let suggester: any Suggester
        let name: String
        var model: ModelProcess?
        if learn {
            let learner = ClassLearner(dataset: opened, store: SidecarStore(locator: opened.locator))
            let trained = learner.training
            guard trained.classes.count >= 2 else {
                throw CommandFailure("nothing to learn from yet: give at least two different classes to some items first")
            }
            FileHandleOutput.standardError.write("learned from \(trained.texts) text\(trained.texts == 1 ? "" : "s") and \(trained.pictures) picture\(trained.pictures == 1 ? "" : "s") with classes \(trained.classes.joined(separator: ", "))\n")
            suggester = learner
            name = source ?? "learned"
        } else if let labelstudio {
            guard let backend = LabelStudioSuggester(url: labelstudio, settings: opened.settings, timeout: timeout) else {
                throw ValidationError("--labelstudio takes an http:// URL (for https, reach it through a tunnel)")
            }
            suggester = backend
            name = source ?? "labelstudio"
        } else if let patterns {
            let bytes: [UInt8]
            do { bytes = try POSIXFileSystem().readFile(patterns) } catch { throw CommandFailure(error.description) }
            do { suggester = PatternSuggester(patterns: try EntityPatterns.parse(bytes, file: patterns)) } catch { throw CommandFailure(error.description) }
            name = source ?? "patterns"
        } else {
            // The model runs here, and opens pictures by the paths it is sent, relative to here.
            let process = ModelProcess(command: command ?? "")
            model = process
            suggester = ModelSuggester(model: process, timeout: timeout)
            name = source ?? Self.programName(command ?? "model")
        }
        defer { model?.stop() }
        SignalWatch.install()
        let progress = ProgressLine(enabled: isatty(2) != 0, noun: "items")
        let run = SuggestRun(dataset: opened, store: SidecarStore(locator: opened.locator),
                             options: SuggestRun.Options(source: name, redo: redo, timeout: timeout, base: POSIXFileSystem().currentDirectory(),
                                                         batch: model == nil ? 512 : 1))
        let report = run.run(suggester, progress: progress.update, shouldStop: { SignalWatch.stopSignal != nil })
        progress.finish()
        for problem in report.problems { FileHandleOutput.standardError.write("warning: \(problem)\n") }
        var summary = "\(report.suggested) suggestion\(report.suggested == 1 ? "" : "s") from \(name) on \(report.asked) item\(report.asked == 1 ? "" : "s")"
        if report.skipped > 0 { summary += "; \(report.skipped) skipped (they hold \(name)'s suggestions; --redo asks again)" }
        if report.stopped { summary += "; stopped early (what was saved stays)" }
        FileHandleOutput.standardOutput.write(summary + "\n")
        if report.stopped, let signal = SignalWatch.stopSignal { throw ExitCode(128 + signal) }
    }
}
