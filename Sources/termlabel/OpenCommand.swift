import ArgumentParser
import LabelCells
import LabelConfig
import LabelCore
import LabelEditor
import LabelInterchange
import LabelSession
import LabelDataset
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

    @Option(help: ArgumentHelp("Quick polygon labels, comma-separated.", valueName: "a,b"))
    var polygons: String?

    @Option(help: ArgumentHelp("Quick mask labels, comma-separated.", valueName: "a,b"))
    var masks: String?

    @Flag(help: "See only your own annotations and suggestions; progress counts your own marks (as [project] blind = true).")
    var blind = false

    /// The parsed options as a plain value (argument-parser types stop here).
    var settings: SessionSettings {
        SessionSettings(annotator: annotator, keymap: keymap, theme: theme, colors: colors,
                        classes: Self.list(classes), boxes: Self.list(boxes), spans: Self.list(spans),
                        polygons: Self.list(polygons), masks: Self.list(masks), blind: blind)
    }

    static func list(_ text: String?) -> [String]? {
        text.map { $0.split(separator: ",").map { String($0).trimmedSpaces }.filter { !$0.isEmpty } }
    }
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
        try TUILauncher.run(paths: paths, session: session.settings, dataset: dataset.settings)
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
        try TUILauncher.run(paths: paths, session: session.settings, dataset: dataset.settings, review: true)
    }
}

/// Runs the TUI through `LabelSession`, turning its outcome into the process's.
enum TUILauncher {
    static func run(paths: [String], session: SessionSettings, dataset: DatasetSettings, review: Bool = false) throws {
        let status: Int32
        do {
            status = try TUISession.run(paths: paths, session: session, dataset: dataset, review: review,
                                        environment: ProcessEnvironment.current) { FileHandleOutput.standardError.write($0 + "\n") }
        } catch {
            throw CommandFailure(error.description)
        }
        if status != 0 { exit(status) }
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
