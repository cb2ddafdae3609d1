import LabelConfig
import LabelCore
import LabelDataset
import LabelStore
import LabelText
import LabelInput

/// The commands of the command line (`:`). Each is defined once, in `definition`: its
/// aliases, usage, doc, what may be typed after it, and what it runs.
public enum TypedCommand: String, CaseIterable, Sendable {
    case quit, write, label, goto, set, export, help, unflag, undone, box, polygon, nohlsearch, accept, occurrences, learn

    /// Names that run the command.
    public var aliases: [String] { definition.aliases }
    /// How to call it.
    public var usage: String { definition.usage }
    /// What it does.
    public var doc: String { definition.doc }

    /// The command a typed name stands for.
    public static func named(_ name: String) -> TypedCommand? { allCases.first { $0.aliases.contains(name) } }

    var definition: TypedCommandDefinition {
        switch self {
        case .quit:
            return TypedCommandDefinition(["q", "quit", "q!", "wq", "x", "exit"], ":q", "Quit (every edit is already on disk)") { editor, _ in
                editor.quitRequested = true
            }
        case .write:
            return TypedCommandDefinition(["w", "write"], ":w", "Report that all is saved (edits are written as they are made)") { editor, _ in
                editor.message = EditorMessage("all edits are saved (each is written when it is made)")
            }
        case .label:
            return TypedCommandDefinition(["label"], ":label add class|box|span|polygon|mask NAME", "Add a label to the project (termlabel.toml is created if needed)",
                                          arguments: { _ in [["add"], ["class", "box", "span", "polygon", "mask"]] }) { editor, words in editor.addLabel(words) }
        case .goto:
            return TypedCommandDefinition(["goto", "g"], ":goto N", "Go to item N") { editor, words in
                guard let number = words.first.flatMap(Int.init) else {
                    editor.message = EditorMessage("usage: :goto N", .error)
                    return
                }
                editor.goto(number)
            }
        case .set:
            return TypedCommandDefinition(["set"], ":set snap=on|off, advance=on|off, multi=on|off, zoom=N|fit, order=file|uncertain", "Change a setting for this session",
                                          arguments: { _ in [["snap=", "advance=", "multi=", "zoom=", "order="]] }) { editor, words in editor.setOption(words) }
        case .export:
            return TypedCommandDefinition(["export"], ":export FORMAT [--scheme bilou] FILE",
                                          "Export the dataset (coco, yolo, voc, labelme, conll, spacy, brat, labelstudio, csv)",
                                          arguments: { editor in [editor.environment.exportFormats] }) { editor, words in editor.exportTyped(words) }
        case .help:
            return TypedCommandDefinition(["help", "h"], ":help", "Keys and label guidelines") { editor, _ in editor.push(.help(scroll: 0)) }
        case .unflag:
            return TypedCommandDefinition(["unflag"], ":unflag", "Remove your flag from this item") { editor, _ in editor.setFlag(note: "") }
        case .undone:
            return TypedCommandDefinition(["undone", "unmark"], ":undone", "Remove your done mark from this item (it counts as unlabeled again)") { editor, _ in
                editor.removeDoneMark()
            }
        case .polygon:
            return TypedCommandDefinition(["polygon", "poly"], ":polygon X Y X Y X Y …", "Draw a polygon by its vertices in pixels (fractions allowed), then pick its label") { editor, words in
                editor.typedPolygon(words)
            }
        case .box:
            return TypedCommandDefinition(["box"], ":box X Y WIDTH HEIGHT", "Draw a box by its pixels (top-left corner and size), then pick its label") { editor, words in
                editor.typedBox(words, usage: ":box X Y WIDTH HEIGHT")
            }
        case .accept:
            return TypedCommandDefinition(["accept"], ":accept SCORE", "Accept every suggestion scored SCORE or more in the dataset (one u takes them back)") { editor, words in
                editor.acceptAbove(words)
            }
        case .occurrences:
            return TypedCommandDefinition(["occurrences"], ":occurrences [all]", "Suggest the selected span's label wherever its text stands (in every text item with all)",
                                          arguments: { _ in [["all"]] }) { editor, words in editor.suggestOccurrences(everywhere: words.first == "all") }
        case .learn:
            return TypedCommandDefinition(["learn"], ":learn", "Learn from the classes given so far and suggest classes for the items without one") { editor, _ in
                editor.learnAndSuggest()
            }
        case .nohlsearch:
            return TypedCommandDefinition(["noh", "nohlsearch"], ":noh", "Stop highlighting search matches") { editor, _ in editor.search = nil }
        }
    }
}

/// A `:` command as one value: its names, usage, doc, what may be typed as each argument, and what it runs.
struct TypedCommandDefinition {
    let aliases: [String]
    let usage: String
    let doc: String
    let arguments: (Editor) -> [[String]]
    let run: (Editor, [String]) -> Void

    init(_ aliases: [String], _ usage: String, _ doc: String, arguments: @escaping (Editor) -> [[String]] = { _ in [] },
         run: @escaping (Editor, [String]) -> Void) {
        self.aliases = aliases
        self.usage = usage
        self.doc = doc
        self.arguments = arguments
        self.run = run
    }
}

extension Editor {
    /// Typed text on the command line: characters no `[keys.command]` binding takes are
    /// inserted at the cursor (the bindings were looked up first, like any mode's).
    func typeIntoLine(_ key: Key) -> Bool {
        guard case .command(var line) = mode, let character = key.typedCharacter,
              !key.modifiers.contains(.control), !key.modifiers.contains(.alt) else { return false }
        line.insert(String(character))
        replaceMode(.command(line))
        return true
    }

    /// Runs what was typed: a `:` command, a search, or a flag's note (`command_execute`).
    func executeLine(_ line: inout LineEditor, _ invocation: CommandInvocation) {
        let text = line.text
        popMode()
        switch line.purpose {
        case .command:
            history.record(text)
            runTyped(text)
        case .search(let forward, let extending):
            let before = imageItem?.cursor
            startSearch(text.isEmpty ? search?.text ?? "" : text, forward: forward)
            if extending { followCursor(from: before) }
        case .flagNote:
            setFlag(note: text)
        }
    }

    /// The previous or next command typed (`history_previous, history_next`).
    func stepHistory(_ line: inout LineEditor, _ invocation: CommandInvocation) {
        guard line.purpose == .command, let text = history.step(back: invocation.name == .history_previous) else { return }
        line.text = text
        line.cursor = line.text.count
    }

    /// Completes the word being typed from what may stand there: a command name, then its
    /// arguments (settings, label kinds, formats, labels to add) (`command_complete`).
    func completeLine(_ line: inout LineEditor, _ invocation: CommandInvocation) {
        guard line.purpose == .command else { return }
        var words = line.text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let typed = words.removeLast()
        let candidates = completions(after: words)
        let matches = Array(Set(candidates.filter { $0.hasPrefix(typed) })).sorted()
        guard let first = matches.first else { return }
        let completed = matches.count == 1 ? first + (first.hasSuffix("=") ? "" : " ") : String(first.prefix(commonPrefix(matches).count))
        line.text = (words + [completed]).joined(separator: " ")
        line.cursor = line.text.count
        if matches.count > 1 { message = EditorMessage(matches.joined(separator: "  ")) }
    }

    /// What may be typed after `words` on the command line.
    func completions(after words: [String]) -> [String] {
        guard let first = words.first else { return TypedCommand.allCases.flatMap(\.aliases).filter { $0.count > 1 } }
        guard let command = TypedCommand.named(first) else { return [] }
        let positions = command.definition.arguments(self)
        return positions.indices.contains(words.count - 1) ? positions[words.count - 1] : []
    }

    func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() { while !word.hasPrefix(prefix) { prefix.removeLast() } }
        return prefix
    }

    /// Runs a `:` command.
    func runTyped(_ text: String) {
        let words = text.split(separator: " ").map(String.init)
        guard let first = words.first else { return }
        if let number = Int(first) {
            goto(number)
            return
        }
        guard let command = TypedCommand.named(first) else {
            message = EditorMessage("unknown command :\(first) (Tab completes; :help lists them)", .error)
            return
        }
        command.definition.run(self, Array(words.dropFirst()))
    }

    /// `:export FORMAT FILE` (or `:export conll --scheme bilou FILE`, as the command line says it).
    func exportTyped(_ words: [String]) {
        var rest = words
        // The hook reads `bilou` as CoNLL with BILOU tags.
        if rest.count == 4, rest[1] == "--scheme", rest[0].lowercased() == "conll" {
            rest = [rest[2], rest[3]]
        }
        guard rest.count == 2 else {
            message = EditorMessage("usage: \(TypedCommand.export.usage)", .error)
            return
        }
        guard let exporter = environment.exporter else {
            message = EditorMessage("export is not available here", .error)
            return
        }
        do { message = EditorMessage(try exporter(rest[0], rest[1])) } catch {
            message = EditorMessage("\(error)", .error)
        }
    }

    func goto(_ number: Int) {
        switch catalog.item(atPosition: number) {
        case .item(let target):
            go(to: target)
            message = EditorMessage("item \(number)")
        case .none:
            message = EditorMessage("there is no item \(number)", .error)
        case .uncounted(let file):
            whenCounted(file) { [unowned self] in goto(number) }
        }
    }

    /// `:set NAME=VALUE` for this session.
    func setOption(_ words: [String]) {
        guard let assignment = words.first, let equals = assignment.firstIndex(of: "=") else {
            message = EditorMessage("snap=\(snapSpans ? "on" : "off") advance=\(settings.classes.advance ? "on" : "off") multi=\(settings.classes.multi ? "on" : "off")")
            return
        }
        let name = String(assignment[..<equals]), value = String(assignment[assignment.index(after: equals)...])
        if name == "zoom" {
            setZoom(value)
            return
        }
        if name == "order" {
            setOrder(value)
            return
        }
        let flag: Bool
        switch value {
        case "on", "true", "yes", "1": flag = true
        case "off", "false", "no", "0": flag = false
        default:
            message = EditorMessage("\(name)=\(value): the value must be on or off", .error)
            return
        }
        switch name {
        case "snap": snapSpans = flag
        case "advance": settings.classes.advance = flag
        case "multi": settings.classes.multi = flag
        default:
            message = EditorMessage("unknown setting \(name) (snap, advance, multi, zoom)", .error)
            return
        }
        message = EditorMessage("\(name)=\(flag ? "on" : "off")")
    }

    /// `:polygon X Y X Y X Y …`: a polygon typed in pixels, then PICK for its label.
    func typedPolygon(_ words: [String]) {
        guard let size = pictureForNewShape(.polygons, "polygons") else { return }
        let numbers = words.flatMap { $0.split(separator: ",") }.compactMap { Double($0) }
        guard numbers.count == words.flatMap({ $0.split(separator: ",") }).count, numbers.count >= 6, numbers.count % 2 == 0 else {
            message = EditorMessage("usage: \(TypedCommand.polygon.usage) (three or more x y pairs)", .error)
            return
        }
        let polygon = PolygonGeometry(points: stride(from: 0, to: numbers.count, by: 2).map { ShapePoint(x: numbers[$0], y: numbers[$0 + 1]) })
        guard polygon.fits(in: size) else {
            message = EditorMessage("a vertex lies outside the \(size.width)×\(size.height) picture", .error)
            return
        }
        guard polygon.distinctVertexCount >= 3 else {
            message = EditorMessage("a polygon needs at least 3 distinct vertices (it has \(polygon.distinctVertexCount))", .warning)
            return
        }
        if let last = polygon.points.last { placeCursor(on: last) }
        enter(.pick(kind: .polygons, purpose: .newPolygon(polygon)))
    }

    /// `:box X Y W H`: a box typed in pixels, then PICK for its label.
    func typedBox(_ words: [String], usage: String) {
        guard let size = pictureForNewShape(.boxes, "boxes"), let image = imageItem else { return }
        let numbers = words.compactMap { Int($0) }
        guard numbers.count == 4, words.count == 4 else {
            message = EditorMessage("usage: \(usage)", .error)
            return
        }
        let box = BoxGeometry(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
        guard box.fits(in: size) else {
            message = EditorMessage("\(box.x),\(box.y) \(box.width)×\(box.height) does not fit the \(size.width)×\(size.height) picture", .error)
            return
        }
        image.place(x: box.maxX - 1, y: box.maxY - 1)
        push(.pick(kind: .boxes, purpose: .newBox(box)))
    }

    /// `:set zoom=N` (image pixels per display pixel: 1, 2, 4, 0.5) or `zoom=fit`.
    func setZoom(_ value: String) {
        guard let image = imageItem, var viewport = image.viewport else {
            message = EditorMessage("zoom works on pictures", .warning)
            return
        }
        if value == "fit" {
            viewport.fit()
        } else {
            guard let factor = Double(value.hasSuffix("x") ? String(value.dropLast()) : value), factor.isFinite, factor >= 1.0 / 64, factor <= 64 else {
                message = EditorMessage("zoom=\(value): give a factor such as 1, 2, 4, 0.5, or fit", .error)
                return
            }
            viewport.zoom(to: factor, aroundX: image.cursor.x, y: image.cursor.y)
        }
        viewport.ensureVisible(x: image.cursor.x, y: image.cursor.y)
        image.viewport = viewport
        message = EditorMessage("zoom \(viewport.zoomDescription)")
    }

    /// `:label add KIND NAME`: adds the label to the project file (creating it if needed).
    func addLabel(_ words: [String]) {
        guard words.count >= 3, words[0] == "add" else {
            message = EditorMessage("usage: \(TypedCommand.label.usage)", .error)
            return
        }
        if words[1] == "keypoints" || words[1] == "skeleton" {
            message = EditorMessage("a skeleton needs its point names: declare [keypoints.\(words[2])] with names = [...] in termlabel.toml", .warning)
            return
        }
        let kinds = Dictionary(uniqueKeysWithValues: LabelKind.allCases.filter { $0 != .keypoints }.flatMap { [($0.rawValue, $0), ($0.annotationType, $0)] })
        guard let kind = kinds[words[1]] else {
            message = EditorMessage("the kind is class, box, span, polygon or mask, not \(words[1])", .error)
            return
        }
        let name = words[2...].joined(separator: " ")
        var set = settings.labels(kind)
        guard !set.contains(name) else {
            message = EditorMessage("\(kind.rawValue) already has \(name)", .warning)
            return
        }
        let path = dataset.projectFile ?? PathName.join(dataset.root, ProjectFile.fileName)
        let fileSystem = store.fileSystem
        do { try ProjectFileLabels.add([(kind, name)], to: path, fileSystem: fileSystem) } catch {
            message = EditorMessage(error.description, .error)
            return
        }
        set.labels.append(LabelDefinition(name: name))
        settings.setLabels(set, for: kind)
        compileKeys()
        message = EditorMessage("added \(kind.rawValue) label \(name) (key \(set.key(at: set.labels.count - 1) ?? "none")) to \(PathName.baseName(path))")
    }

    // MARK: - Search

    func startSearch(_ text: String, forward: Bool) {
        guard !text.isEmpty else { return }
        // "re:" starts a regular expression; all lowercase means ignore case (smartcase).
        let isRegex = text.hasPrefix("re:")
        let body = isRegex ? String(text.dropFirst(3)) : text
        search = SearchPattern(body, isRegex: isRegex, ignoresCase: body == body.lowercased() && body != body.uppercased())
        repeatSearch(forward: forward, count: 1)
    }

    /// `n` / `N`: the next match, in files and records beyond this one too.
    func repeatSearch(forward: Bool, count: Int) {
        guard let pattern = search else {
            message = EditorMessage("no search yet (/ to search)", .warning)
            return
        }
        guard let text = textItem else { return }
        let searcher: TextSearch
        do { searcher = try TextSearch(source: text.source, pattern: pattern) } catch {
            message = EditorMessage(error.description, .error)
            return
        }
        var position = TextPosition(record: location.record ?? 0, codePoint: text.cursor)
        if text.source.file.count >= environment.backgroundTextBytes {
            // A large file is searched on another thread: keys stay live, Esc stops it.
            searchExtends = mode.keymapMode == .span
            searchFile = location.file
            let from = position
            searchJob.start({ isStopped in
                searcher.stop = isStopped
                var position: TextPosition? = from
                for _ in 0..<max(1, count) {
                    guard let start = position, let hit = searcher.find(from: start, forward: forward) else { return nil }
                    position = hit.start
                }
                return position
            }, wake: environment.wake)
            let stopKey = searchExtends ? keyHint(for: .normal_mode, in: .span, fallback: "Esc") : keyHint(for: .deselect, in: .normal, fallback: "Esc")
            message = EditorMessage("searching for \(pattern.text)… (\(stopKey) stops)")
            return
        }
        for _ in 0..<count {
            guard let hit = searcher.find(from: position, forward: forward) else {
                message = EditorMessage("not found: \(pattern.text)", .warning)
                return
            }
            position = hit.start
        }
        landSearch(at: position, pattern: pattern)
    }

    /// The cursor goes to a match (into its record, when the file is split into records).
    func landSearch(at position: TextPosition, pattern: SearchPattern) {
        guard let text = textItem else { return }
        if text.record != nil && position.record != location.record {
            go(to: ItemLocation(file: location.file, record: position.record))
        }
        textItem?.moveCursor(to: position.codePoint)
        afterTextMove()
        message = EditorMessage("/\(pattern.text)")
    }

    /// A background search that ended: the cursor goes to what it found (SPAN's selection
    /// following, if it was started there), or the message says why not; then the keys typed
    /// while it ran.
    func collectSearch() {
        guard let ending = searchJob.collect(), let pattern = search else { return }
        let typedAhead = takeKeysTypedAhead()
        guard searchFile == location.file else { return }
        if ending.stopped {
            message = EditorMessage("search stopped", .warning)
            return
        }
        if let position = ending.outcome ?? nil {
            let before = imageItem?.cursor
            landSearch(at: position, pattern: pattern)
            if searchExtends { followCursor(from: before) }
        } else {
            message = EditorMessage("not found: \(pattern.text)", .warning)
        }
        for key in typedAhead { handleKey(key) }
    }
}
