import LabelCells
import LabelConfig
import LabelCore
import LabelQuality
import LabelImaging
import LabelDataset
import LabelStore
import LabelText
import LabelInput

/// What the editor needs from outside, injected so tests can fake time, ids and the terminal.
public struct EditorEnvironment: Sendable {
    public var clock: any TimeSource
    public var identifiers: any IdentifierSource
    /// The colours the terminal shows (pictures are quantized for it).
    public var colorDepth: ColorDepth
    /// Where annotators left off, or nil to not remember.
    public var positions: PositionMemory?
    /// Runs `:export FORMAT FILE`; returns a message or throws one.
    public var exporter: (@Sendable (_ format: String, _ path: String) throws -> String)?
    /// The format names `:export` takes, for completion (they live with the exporter).
    public var exportFormats: [String]
    /// Called from decoding threads when a picture arrives, to wake the screen.
    public var wake: @Sendable () -> Void
    /// How many pictures after the current one are decoded ahead (0: none).
    public var prefetch: Int
    /// A review session (`termlabel review`): REVIEW is the base mode, and everyone's work shows.
    public var review: Bool
    /// Whether done marks are counted, and text files indexed, on a background thread (the
    /// TUI), or before the editor is made and as lookups need (tests, where the counts must be
    /// there at the first frame and timing must not matter).
    public var indexInBackground: Bool
    /// Text files at least this many bytes are searched, and counted to their last record, on
    /// a background thread (Esc stops it); smaller ones answer before the next key anyway.
    public var backgroundTextBytes = 4 << 20
    /// Where the sidecars' summaries are kept between runs (`SummaryCache`), or nil for none:
    /// the done index starts from them.
    public var summaryCacheFolder: String?

    /// An environment with the system clock and random ids.
    public init(clock: any TimeSource = SystemTimeSource(), identifiers: any IdentifierSource = RandomIdentifiers(),
                colorDepth: ColorDepth = .palette256, positions: PositionMemory? = nil,
                exporter: (@Sendable (String, String) throws -> String)? = nil, exportFormats: [String] = [], prefetch: Int = 2,
                indexInBackground: Bool = false, review: Bool = false, wake: @escaping @Sendable () -> Void = {}) {
        self.review = review
        self.indexInBackground = indexInBackground
        self.exportFormats = exportFormats
        self.clock = clock
        self.identifiers = identifiers
        self.colorDepth = colorDepth
        self.positions = positions
        self.exporter = exporter
        self.prefetch = prefetch
        self.wake = wake
    }
}

/// The modal editor: keys in, named commands, document edits through the store, views out as
/// a cell grid. It knows nothing of terminals; one thread drives it.
public final class Editor {
    public let dataset: Dataset
    public let catalog: ItemCatalog
    public let store: SidecarStore
    public internal(set) var settings: ProjectSettings
    public internal(set) var theme: Theme
    public let environment: EditorEnvironment
    public let pictures: PictureCache
    /// The keys of each mode as the editor looks them up: the keymap's, with the project's
    /// label keys compiled into CLASS (and into PICK, per kind of label, in `pickTries`).
    var tries: [EditorMode: KeyTrie] = [:]
    var pickTries: [LabelKind: KeyTrie] = [:]
    public let keymap: Keymap

    /// The item on screen.
    public internal(set) var location: ItemLocation
    /// The mode stack; the last is the current mode.
    public internal(set) var modes: [ModeState] = [.normal]
    /// The mode at the bottom of the stack: NORMAL, or REVIEW for a reviewer.
    public let baseMode: ModeState
    /// Keys of a binding typed so far, the count, and whether Ctrl-C was just pressed.
    var input = PendingInput()
    /// The count typed so far (`5` of `5l`).
    public var count: Int? { input.count }
    /// The selected annotation of the item.
    public internal(set) var selectedID: String?
    public internal(set) var message: EditorMessage?
    var history = CommandHistory()
    /// PICK mode's filter, highlight and last used labels.
    var picker = LabelPicker()
    /// PICK mode's typed filter.
    public var pickFilter: String { picker.filter }
    /// PICK mode's highlighted row (nil: the last used label, as Enter picks).
    public var pickHighlight: Int? { picker.highlight }
    /// Items changed, in order, for undo across the whole session.
    var undoTrail = UndoTrail()
    public internal(set) var quitRequested = false
    public internal(set) var suspendRequested = false
    /// The screen size in cells.
    public internal(set) var columns: Int
    public internal(set) var rows: Int
    var imageItem: ImageItem?
    var textItem: TextItem?
    var search: SearchPattern?
    /// A search of a large file under way on another thread: where the cursor goes.
    let searchJob = BackgroundJob<TextPosition?>(label: "termlabel.search")
    /// Counting a large file's records on another thread, and what waits for the count.
    let countJob = BackgroundJob<Void>(label: "termlabel.count")
    var afterCounting: (() -> Void)?
    /// The data file being counted.
    var countingFile: Int?
    /// Whether the search under way drags SPAN's selection along when it lands.
    var searchExtends = false
    /// The data file the search under way is in (its outcome is dropped once another is on screen).
    var searchFile: Int?
    /// Keys typed while a search or a count ran, handled once it ends.
    var keysTypedAhead: [Key] = []
    /// Snap spans to token boundaries (`:set snap=off` turns it off).
    public internal(set) var snapSpans = true
    var positionToSave = false
    /// Done and labeled items of the whole dataset, for the status line and `}`.
    let doneIndex = DoneIndex()
    var backgroundWorkStarted = false
    /// Annotators in the order REVIEW gave them colours.
    var annotatorOrder: [String] = []
    /// The side panel's agreement line, kept while the item's annotations and marks stay the
    /// same: matching boxes is cubic, and the panel is drawn after every key.
    var itemAgreementCache: (annotations: [Annotation], marks: [Mark], agreement: ItemAgreement)?

    /// An editor over `dataset`, saving through `store`, with `keymap` and `theme`.
    public init(dataset: Dataset, store: SidecarStore, keymap: Keymap, theme: Theme, environment: EditorEnvironment,
                columns: Int = 80, rows: Int = 24) {
        self.dataset = dataset
        self.store = store
        self.keymap = keymap
        self.theme = theme
        self.environment = environment
        settings = dataset.settings
        baseMode = environment.review ? .review : .normal
        modes = [baseMode]
        catalog = ItemCatalog(dataset: dataset, assignedTo: dataset.settings.annotator ?? "anonymous")
        catalog.countInBackgroundBytes = environment.backgroundTextBytes
        catalog.indexesInBackground = environment.indexInBackground
        pictures = PictureCache(onChange: environment.wake)
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        location = ItemLocation(file: 0, record: nil)
        compileKeys()
        let start = startingLocation()
        location = start.location
        // In the TUI the done count starts once the first frame is out (`startBackgroundWork`):
        // it keeps both cores busy, and the first screen comes first.
        if !environment.indexInBackground { startDoneIndex() }
        enterItem()
        restoreCursor(start.position)
    }

    /// The mode on top of the stack.
    public var mode: ModeState { modes.last ?? baseMode }

    /// Whether this is a review session (`termlabel review`).
    public var reviewing: Bool { baseMode == .review }

    /// The data file on screen.
    public var file: DataFile { dataset.files[location.file] }

    /// The annotator's name.
    public var annotator: String { settings.annotator ?? "anonymous" }

    /// Where the annotator left off, or the first item.
    func startingLocation() -> (location: ItemLocation, position: FilePosition?) {
        // The file last visited in this dataset, else the first file; then the record last
        // visited in that file (remembered per file, so opening one file of a folder does not
        // lose the place in another).
        let remembered = environment.positions?.recall(root: dataset.root, annotator: annotator)
        let file = remembered.flatMap { memory in dataset.files.firstIndex { $0.relativePath == memory.file } } ?? 0
        guard dataset.files.indices.contains(file) else { return (catalog.firstItem ?? ItemLocation(file: 0, record: nil), nil) }
        let inFile = environment.positions?.recall(file: dataset.files[file].path, annotator: annotator)
        let record = inFile?.record ?? (remembered?.file == dataset.files[file].relativePath ? remembered?.record : nil)
        let candidate = ItemLocation(file: file, record: catalog.recordMode(of: file) == .file ? nil : record ?? 0)
        if catalog.exists(candidate) { return (candidate, inFile) }
        return ((catalog.isAssigned ? nil : catalog.first(inFile: file)) ?? catalog.firstItem ?? ItemLocation(file: 0, record: nil), inFile)
    }

    /// Puts the cursor back where the annotator left it in this item (`memory`, as recalled).
    func restoreCursor(_ memory: FilePosition?) {
        guard let memory, memory.record == location.record else { return }
        switch memory.cursor {
        case .pixel(let x, let y)?: imageItem?.place(x: x, y: y)
        case .codePoint(let offset)?: textItem?.moveCursor(to: offset)
        case nil: break
        }
    }

    /// The place to remember for the item on screen.
    public var currentPosition: FilePosition {
        let cursor: FilePosition.Cursor? = imageItem.map { .pixel(x: $0.cursor.x, y: $0.cursor.y) } ?? textItem.map { .codePoint($0.cursor) }
        return FilePosition(record: location.record, cursor: cursor)
    }

    // MARK: - Events

    /// Starts the work that waits for the first frame: counting done marks over the dataset.
    public func startBackgroundWork() {
        guard environment.indexInBackground, !backgroundWorkStarted else { return }
        backgroundWorkStarted = true
        startDoneIndex()
    }

    /// Handles one input event.
    public func handle(_ event: InputEvent) {
        // The viewport follows the view's size, whether or not a frame was drawn yet.
        defer { imageItem?.layout(columns: viewArea.width, rows: viewArea.height) }
        imageItem?.layout(columns: viewArea.width, rows: viewArea.height)
        switch event {
        case .resize(let newColumns, let newRows):
            columns = max(1, newColumns)
            rows = max(1, newRows)
        case .mouse(let mouse):
            handleMouse(mouse)
        case .key(let key):
            handleKey(key)
        case .wake:
            // Pictures need nothing here (the frame drawn next shows them); a search lands, a
            // count goes on (its progress shown) or ends.
            collectBackgroundWork()
        }
    }

    /// Label keys that hide a command of the mode they are typed in (a class label keyed `u`
    /// makes undo unreachable in CLASS mode): said at start, since the label key wins.
    public var shadowedKeyWarnings: [String] {
        var warnings: [String] = []
        for (kind, mode) in [(LabelKind.classes, EditorMode.classes), (.boxes, .pick), (.spans, .pick), (.classes, .pick)] {
            let set = settings.labels(kind)
            for position in set.labels.indices {
                guard let key = set.key(at: position), key.count == 1, let character = key.first,
                      case .matched(let call) = KeyTrie(keymap.bindings(for: mode)).lookup([Key(.character(character))]) else { continue }
                warnings.append("the key \(key) of \(kind == .classes ? "class" : kind == .boxes ? "box" : "span") label \"\(set.labels[position].name)\" hides \(call.name) in \(mode.rawValue.uppercased()) mode")
            }
        }
        return Array(Set(warnings)).sorted()
    }

    /// The first screen's hint: where the keys are and how to leave, in the active keymap.
    public func showFirstHint() {
        show(EditorMessage("\(keyHint(for: .help, fallback: "?")): keys and label guidelines · \(keyHint(for: .command_mode, fallback: ":"))q quits · every edit is saved at once"))
    }

    /// Shows a message on the bottom line.
    public func show(_ message: EditorMessage) { self.message = message }

    /// Work to do when no key came for a while: remembering the position, and picking up edits
    /// another process (a second annotator, an import) made to the item on screen. Returns
    /// whether the screen should be drawn again.
    @discardableResult
    public func idle() -> Bool {
        if positionToSave {
            positionToSave = false
            environment.positions?.remember(root: dataset.root, annotator: annotator, file: file.relativePath, path: file.path, position: currentPosition)
        }
        guard store.refresh(file.path) else { return false }
        if let selected = selectedID, document.annotation(id: selected) == nil { selectedID = nil }
        countDone(file: location.file)
        return true
    }

    /// What could not be saved at exit (a journal that could not be folded in: its edits stay
    /// in the journal, and the next open folds them); the session prints these and fails.
    public private(set) var shutdownProblems: [String] = []

    /// Saves what must be saved before exit (the position; journals are folded in).
    public func shutdown() {
        doneIndex.cancel()
        positionToSave = true
        idle()
        shutdownProblems = store.compactAll().map { "\($0.description) (the edits are safe in the journal beside it and are folded in when it is next opened)" }
        if let first = shutdownProblems.first { message = EditorMessage(first, .error) }
    }

    /// Pushes `state` as the current mode.
    func push(_ state: ModeState) {
        // Entering PICK starts with no filter and the last used label highlighted.
        picker.reset()
        modes.append(state)
    }

    /// Replaces the current mode's state.
    func replaceMode(_ state: ModeState) {
        if modes.count > 1 { modes[modes.count - 1] = state } else { modes = [state] }
    }

    /// Back to NORMAL, dropping everything unfinished.
    func returnToNormal() {
        modes = [baseMode]
        input = PendingInput()
    }

    /// Starts a mode on top of NORMAL (what was unfinished is dropped): the way into CLASS,
    /// BOX and SPAN, whichever key, mouse action or `:` command leads there.
    func enter(_ state: ModeState) {
        returnToNormal()
        push(state)
    }

    /// Leaves the current mode for the one below it.
    func popMode() {
        if modes.count > 1 { modes.removeLast() } else { modes = [baseMode] }
    }
}
