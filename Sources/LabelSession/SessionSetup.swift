import LabelCells
import LabelConfig
import LabelCore
import LabelEditor
import LabelInterchange
import LabelDataset
import LabelStore

/// Why a session could not start, in words for the user.
public struct SessionError: Error, Equatable, CustomStringConvertible {
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}

/// What a session needs before a terminal is touched: the dataset, keymap and theme, and the
/// warnings to show. Made by `SessionSetup.prepare`, so it is tested without a terminal.
public struct PreparedSession {
    public let dataset: Dataset
    public let keymap: Keymap
    public let theme: Theme
    /// The theme drawn without colour.
    public let monochromeTheme: Theme
    /// Things the user should know, one line each (shown at start, listed at exit).
    public let warnings: [String]
    public let review: Bool
    let environment: [String: String]
    let fileSystem: any FileSystem

    /// An editor over the prepared dataset for a screen of `colorDepth` and size, its warnings
    /// then including the label keys that hide commands.
    public func makeEditor(colorDepth: ColorDepth, columns: Int, rows: Int, indexInBackground: Bool = true,
                           wake: @escaping @Sendable () -> Void = {}) -> Editor {
        let store = SidecarStore(fileSystem: fileSystem, locator: dataset.locator)
        let positions = PositionMemory(path: PositionMemory.defaultPath(environment: environment), fileSystem: fileSystem)
        var editorEnvironment = EditorEnvironment(colorDepth: colorDepth, positions: positions,
                                                  exporter: ExportRun.editorHook(dataset: dataset, home: environment["HOME"]),
                                                  exportFormats: InterchangeFormat.allCases.map(\.rawValue),
                                                  prefetch: environment["TERMLABEL_PREFETCH"].flatMap { Int($0) } ?? 2,
                                                  indexInBackground: indexInBackground, review: review, wake: wake)
        editorEnvironment.summaryCacheFolder = SummaryCache.folder(environment: environment)
        return Editor(dataset: dataset, store: store, keymap: keymap, theme: colorDepth == .none ? monochromeTheme : theme,
                      environment: editorEnvironment, columns: columns, rows: rows)
    }
}

/// Opening what a session works on: the dataset (creating `termlabel.toml` for quick labels),
/// the keymap and theme, and for REVIEW the check that the annotator is a reviewer.
public enum SessionSetup {
    /// Prepares a session over `paths`.
    public static func prepare(paths: [String], session: SessionSettings, dataset datasetSettings: DatasetSettings, review: Bool,
                               environment: [String: String], fileSystem: any FileSystem = POSIXFileSystem()) throws(SessionError) -> PreparedSession {
        let dataset: Dataset
        do {
            dataset = try Dataset.open(OpenOptions(paths: paths, sidecarsDirectory: datasetSettings.sidecars, annotator: session.annotator,
                                                   keymap: session.keymap, theme: session.theme, records: datasetSettings.records,
                                                   textField: datasetSettings.textField, classes: session.classes,
                                                   boxes: session.boxes, spans: session.spans, polygons: session.polygons, masks: session.masks, createProjectFile: true, blind: session.blind),
                                       fileSystem: fileSystem, environment: environment)
        } catch {
            throw SessionError(error.description)
        }
        if review {
            // Only the project's reviewers may review (DESIGN §9): they see everyone's work.
            let name = dataset.settings.annotator ?? "anonymous"
            guard dataset.settings.reviewers.contains(name) else {
                throw SessionError(dataset.settings.reviewers.isEmpty
                    ? "\(name) is not a reviewer: add reviewers = [\"\(name)\"] to [project] in \(dataset.projectFile ?? ProjectFile.fileName)"
                    : "\(name) is not a reviewer (the project's reviewers: \(dataset.settings.reviewers.joined(separator: ", ")))")
            }
        }
        let loader = ConfigLoader.readingBytes(environment: environment) { path in try? fileSystem.readFile(path) }
        let (keymap, keymapWarnings) = loader.keymap(dataset.settings.keymap) { CommandName(rawValue: $0) != nil }
        let (theme, themeWarnings) = loader.theme(dataset.settings.theme)
        return PreparedSession(dataset: dataset, keymap: keymap, theme: theme, monochromeTheme: loader.theme("mono").theme,
                               warnings: dataset.warnings + (keymapWarnings + themeWarnings).map(\.description), review: review,
                               environment: environment, fileSystem: fileSystem)
    }

    /// The first message of a session: the colour note, else the first warning (with how many
    /// more), else why the first item is read-only, else where the keys are.
    public static func firstMessage(editor: Editor, warnings: [String], colorNote: String?) -> EditorMessage? {
        if let colorNote { return EditorMessage(colorNote, .warning) }
        if let first = warnings.first {
            return EditorMessage(warnings.count == 1 ? first : "\(first) (and \(warnings.count - 1) more, listed on exit)", .warning)
        }
        if let reason = editor.store.readOnlyReason(editor.file.path) { return EditorMessage(reason, .error) }
        return nil
    }
}
