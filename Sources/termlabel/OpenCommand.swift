import ArgumentParser
import LabelCells
import LabelConfig
import LabelCore
import LabelEditor
import LabelInterchange
import LabelStore
import LabelTerminal
#if canImport(Glibc)
import Glibc
#endif

/// Options of `termlabel open` (DESIGN §1), shared with `demo`.
struct SessionOptions: ParsableArguments {
    @Option(help: "Your name on annotations (default: $TERMLABEL_ANNOTATOR, then $USER).")
    var annotator: String?

    @Option(help: ArgumentHelp("A shipped keymap (vim, arrows) or a keymap file.", valueName: "NAME|FILE"))
    var keymap: String?

    @Option(help: ArgumentHelp("A shipped theme (dark, light, high-contrast, mono) or a theme file.", valueName: "NAME|FILE"))
    var theme: String?

    @Option(help: "Colours: truecolor, 256, 16, 8 or none (default: what the terminal supports).")
    var colors: ColorDepth?

    @Option(help: ArgumentHelp("Quick class labels, comma-separated (creates termlabel.toml if there is none).", valueName: "a,b,c"))
    var classes: String?

    @Option(help: ArgumentHelp("Quick box labels, comma-separated.", valueName: "a,b"))
    var boxes: String?

    @Option(help: ArgumentHelp("Quick span labels, comma-separated.", valueName: "a,b"))
    var spans: String?

    @Flag(help: "See only your own annotations and suggestions; progress counts your own marks (as [project] blind = true).")
    var blind = false

    /// The parsed options as a plain value (argument-parser types stop here).
    var settings: SessionSettings {
        SessionSettings(annotator: annotator, keymap: keymap, theme: theme, colors: colors,
                        classes: Self.list(classes), boxes: Self.list(boxes), spans: Self.list(spans), blind: blind)
    }

    static func list(_ text: String?) -> [String]? {
        text.map { $0.split(separator: ",").map { String($0).trimmedSpaces }.filter { !$0.isEmpty } }
    }
}

/// How a TUI session looks and what quick labels it brings, free of argument-parser types.
struct SessionSettings {
    var annotator: String?
    var keymap: String?
    var theme: String?
    var colors: ColorDepth?
    var classes: [String]?
    var boxes: [String]?
    var spans: [String]?
    var blind = false
}

/// `termlabel [open] PATH...`: the TUI.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Annotate pictures and text in the terminal (the default command).",
        discussion: "Press ? inside for the keys of each mode and the labels' guidelines."
    )

    @OptionGroup var session: SessionOptions
    @OptionGroup var dataset: DatasetOptions

    @Argument(help: "Files and folders (walked recursively).")
    var paths: [String] = ["."]

    func run() throws {
        try TUISession.run(paths: paths, session: session.settings, dataset: dataset.settings)
    }
}

/// `termlabel review PATH... --annotator NAME`: the TUI in REVIEW (DESIGN §9).
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review where annotators disagree: everyone's work, a colour per annotator.",
        discussion: """
        } and { go to the next and previous item where annotators disagree (or a merge conflict \
        waits) that you have not reviewed; Tab selects any annotation, a adopts it as yours, x \
        drops your adopted copy, Enter marks the item reviewed and goes on. Others' annotations \
        are never changed. Only the names in [project] reviewers may review.
        """
    )

    @OptionGroup var session: SessionOptions
    @OptionGroup var dataset: DatasetOptions

    @Argument(help: "Files and folders (walked recursively).")
    var paths: [String] = ["."]

    func run() throws {
        try TUISession.run(paths: paths, session: session.settings, dataset: dataset.settings, review: true)
    }
}

/// Starting, running and ending a TUI session.
enum TUISession {
    static func run(paths: [String], session: SessionSettings, dataset datasetOptions: DatasetSettings, review: Bool = false) throws {
        guard isatty(0) != 0 && isatty(1) != 0 else {
            throw CommandFailure("termlabel needs a terminal (validate, stats and export work without one)")
        }
        let environment = ProcessEnvironment.current
        let dataset: Dataset
        do {
            dataset = try Dataset.open(OpenOptions(paths: paths, sidecarsDirectory: datasetOptions.sidecars, annotator: session.annotator,
                                                   keymap: session.keymap, theme: session.theme, records: datasetOptions.records,
                                                   textField: datasetOptions.textField, classes: session.classes,
                                                   boxes: session.boxes, spans: session.spans,
                                                   createProjectFile: true, blind: session.blind),
                                       environment: environment)
        } catch {
            throw CommandFailure(error.description)
        }
        if review {
            // Only the project's reviewers may review (DESIGN §9): they see everyone's work.
            let name = dataset.settings.annotator ?? "anonymous"
            guard dataset.settings.reviewers.contains(name) else {
                throw CommandFailure(dataset.settings.reviewers.isEmpty
                    ? "\(name) is not a reviewer: add reviewers = [\"\(name)\"] to [project] in \(dataset.projectFile ?? ProjectFile.fileName)"
                    : "\(name) is not a reviewer (the project's reviewers: \(dataset.settings.reviewers.joined(separator: ", ")))")
            }
        }
        let fileSystem = POSIXFileSystem()
        let loader = ConfigLoader.readingBytes(environment: environment) { path in try? fileSystem.readFile(path) }
        let (keymap, keymapWarnings) = loader.keymap(dataset.settings.keymap) { CommandName(rawValue: $0) != nil }
        var (theme, themeWarnings) = loader.theme(dataset.settings.theme)
        var warnings = dataset.warnings + (keymapWarnings + themeWarnings).map(\.description)

        SignalWatch.saveTerminal()
        let screen: NCursesScreen
        do { screen = try NCursesScreen(environment: environment, forcedDepth: session.colors) } catch {
            throw CommandFailure("\(error)")
        }
        SignalWatch.install()
        if screen.colorDepth == .none { theme = loader.theme("mono").theme }
        let pipe = screen.wakePipe
        let store = SidecarStore(fileSystem: fileSystem, locator: dataset.locator)
        let size = screen.size
        let editor = Editor(dataset: dataset, store: store, keymap: keymap, theme: theme,
                            environment: EditorEnvironment(colorDepth: screen.colorDepth,
                                                           positions: PositionMemory(path: PositionMemory.defaultPath(environment: environment), fileSystem: fileSystem),
                                                           exporter: ExportRun.editorHook(dataset: dataset, home: ProcessEnvironment.current["HOME"]),
                                                           exportFormats: InterchangeFormat.allCases.map(\.rawValue),
                                                           prefetch: environment["TERMLABEL_PREFETCH"].flatMap { Int($0) } ?? 2, indexInBackground: true, review: review,
                                                           wake: { pipe.wake() }),
                            columns: size.columns, rows: size.rows)
        warnings += editor.shadowedKeyWarnings
        if let note = screen.colorNote {
            editor.show(EditorMessage(note, .warning))
        } else if let first = warnings.first {
            editor.show(EditorMessage(warnings.count == 1 ? first : "\(first) (and \(warnings.count - 1) more, listed on exit)", .warning))
        } else if let reason = store.readOnlyReason(editor.file.path) {
            editor.show(EditorMessage(reason, .error))
        } else {
            editor.showFirstHint()
        }
        EditorLoop.run(editor, on: screen, shouldStop: { SignalWatch.stopSignal != nil })
        screen.close()
        for warning in warnings { FileHandleOutput.standardError.write("warning: \(warning)\n") }
        for problem in editor.shutdownProblems { FileHandleOutput.standardError.write("error: \(problem)\n") }
        if let signalNumber = SignalWatch.stopSignal { exit(128 + signalNumber) }
        if !editor.shutdownProblems.isEmpty { exit(1) }
    }
}

extension CommandFailure: CustomStringConvertible {
    var description: String { message }
}

extension String {
    var trimmedSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
