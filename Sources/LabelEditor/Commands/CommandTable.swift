import LabelCore

/// A command as one value: its one-line doc (help, `:` completion and keymap validation read
/// it) and what it runs. Each command is defined once, in `CommandName.command`. A command
/// that belongs to one mode says so by how it is made (`Command.box`, `.span`, `.pick`,
/// `.prompt`, `.help`): the mode's state is handed to it, and elsewhere it only says where it
/// works — no command asks which mode it is in.
struct Command {
    let doc: String
    /// Whether it moves the cursor (so `extend` can drag a box corner or span end along).
    let motion: Bool
    let run: (Editor) -> (CommandInvocation) -> Void

    /// A command running an editor method.
    init(_ doc: String, motion: Bool = false, run: @escaping (Editor) -> (CommandInvocation) -> Void) {
        self.doc = doc
        self.motion = motion
        self.run = run
    }

    /// A command running a short closure.
    init(_ doc: String, motion: Bool = false, _ body: @escaping (Editor, CommandInvocation) -> Void) {
        self.doc = doc
        self.motion = motion
        run = { editor in { invocation in body(editor, invocation) } }
    }

    /// A command of one mode, handed that mode's state and writing it back after (unless the
    /// command left the mode); in another mode it only says where it works.
    static func inMode<State>(_ slot: ModeSlot<State>, _ doc: String, _ body: @escaping (Editor, inout State, CommandInvocation) -> Void) -> Command {
        Command(doc) { editor, invocation in
            guard var state = slot.read(editor.mode) else { return editor.worksOnlyIn(slot.title, invocation) }
            let depth = editor.modes.count
            body(editor, &state, invocation)
            if let write = slot.write, editor.modes.count == depth, slot.read(editor.mode) != nil { editor.replaceMode(write(state)) }
        }
    }

    /// A command of one mode running an editor method.
    static func inMode<State>(_ slot: ModeSlot<State>, _ doc: String, _ method: @escaping (Editor) -> (inout State, CommandInvocation) -> Void) -> Command {
        inMode(slot, doc) { editor, state, invocation in method(editor)(&state, invocation) }
    }

    /// A command of BOX mode, given the box being drawn.
    static func box(_ doc: String, _ method: @escaping (Editor) -> (inout BoxDraft, CommandInvocation) -> Void) -> Command { inMode(.box, doc, method) }

    /// A command of SPAN mode, given the selection.
    static func span(_ doc: String, _ method: @escaping (Editor) -> (inout SpanDraft, CommandInvocation) -> Void) -> Command { inMode(.span, doc, method) }

    /// A command of POLYGON mode, given the polygon being drawn.
    static func polygon(_ doc: String, _ method: @escaping (Editor) -> (inout PolygonDraft, CommandInvocation) -> Void) -> Command { inMode(.polygon, doc, method) }

    /// A command of KEYPOINTS mode, given the points placed so far.
    static func keypoints(_ doc: String, _ method: @escaping (Editor) -> (inout KeypointDraft, CommandInvocation) -> Void) -> Command { inMode(.keypoints, doc, method) }

    /// A command of MASK mode, given the mask being painted.
    static func mask(_ doc: String, _ method: @escaping (Editor) -> (inout MaskDraft, CommandInvocation) -> Void) -> Command { inMode(.mask, doc, method) }

    /// A command of PICK mode, given the kind of label being picked.
    static func pick(_ doc: String, _ body: @escaping (Editor, LabelKind, CommandInvocation) -> Void) -> Command {
        inMode(.pick, doc) { editor, kind, invocation in body(editor, kind, invocation) }
    }

    /// A PICK command running an editor method.
    static func pick(_ doc: String, _ method: @escaping (Editor) -> (LabelKind, CommandInvocation) -> Void) -> Command {
        pick(doc) { editor, kind, invocation in method(editor)(kind, invocation) }
    }

    /// A command of the command line (`:`, `/`, the flag note), given the line being typed.
    static func prompt(_ doc: String, _ body: @escaping (Editor, inout LineEditor, CommandInvocation) -> Void) -> Command { inMode(.prompt, doc, body) }

    /// A command-line command running an editor method.
    static func prompt(_ doc: String, _ method: @escaping (Editor) -> (inout LineEditor, CommandInvocation) -> Void) -> Command { inMode(.prompt, doc, method) }

    /// A command of HELP mode, given how far the help is scrolled.
    static func help(_ doc: String, _ body: @escaping (Editor, inout Int, CommandInvocation) -> Void) -> Command { inMode(.help, doc, body) }

    /// A HELP command running an editor method.
    static func help(_ doc: String, _ method: @escaping (Editor) -> (inout Int, CommandInvocation) -> Void) -> Command { inMode(.help, doc, method) }
}

/// One mode's state as its commands see it: read from the mode on top of the stack, and the
/// mode it makes when written back (nil: the commands only read it).
struct ModeSlot<State> {
    let title: String
    let read: (ModeState) -> State?
    let write: ((State) -> ModeState)?
}

extension ModeSlot where State == BoxDraft {
    static var box: ModeSlot { ModeSlot(title: "BOX", read: \.boxDraft, write: { .box($0) }) }
}

extension ModeSlot where State == PolygonDraft {
    static var polygon: ModeSlot { ModeSlot(title: "POLYGON", read: \.polygonDraft, write: { .polygon($0) }) }
}

extension ModeSlot where State == KeypointDraft {
    static var keypoints: ModeSlot { ModeSlot(title: "KEYPOINTS", read: \.keypointDraft, write: { .keypoints($0) }) }
}

extension ModeSlot where State == MaskDraft {
    static var mask: ModeSlot { ModeSlot(title: "MASK", read: \.maskDraft, write: { .mask($0) }) }
}

extension ModeSlot where State == SpanDraft {
    static var span: ModeSlot { ModeSlot(title: "SPAN", read: { if case .span(let draft) = $0 { return draft } else { return nil } }, write: { .span($0) }) }
}

extension ModeSlot where State == LabelKind {
    static var pick: ModeSlot { ModeSlot(title: "PICK", read: { if case .pick(let kind, _) = $0 { return kind } else { return nil } }, write: nil) }
}

extension ModeSlot where State == LineEditor {
    static var prompt: ModeSlot { ModeSlot(title: "COMMAND", read: { if case .command(let line) = $0 { return line } else { return nil } }, write: { .command($0) }) }
}

extension ModeSlot where State == Int {
    static var help: ModeSlot { ModeSlot(title: "HELP", read: { if case .help(let scroll) = $0 { return scroll } else { return nil } }, write: { .help(scroll: max(0, $0)) }) }
}

/// How a command was asked for: which, with what count, and the words typed after it.
struct CommandInvocation {
    let name: CommandName
    let count: Int?
    let arguments: [String]
    /// Run by `extend`: the motion drags the draft's moving end along (and stays in the item).
    var extending = false

    /// The count, 1 when none was typed.
    var times: Int { max(1, count ?? 1) }
}

extension CommandName {
    /// The command this name stands for: its doc and what it runs.
    var command: Command {
        switch self {
        case .next_item: return Command("Next item (picture, text file or record)") { editor, invocation in editor.stepItems(invocation.times, forward: true) }
        case .previous_item: return Command("Previous item") { editor, invocation in editor.stepItems(invocation.times, forward: false) }
        case .next_unlabeled_item: return Command("Next item with no annotation and no done mark", run: Editor.stepToUnlabeled)
        case .previous_unlabeled_item: return Command("Previous item with no annotation and no done mark", run: Editor.stepToUnlabeled)
        case .move_left: return Command("Cursor left (a pixel, or a character)", motion: true) { editor, invocation in editor.moveCursor(dx: -invocation.times, dy: 0) }
        case .move_right: return Command("Cursor right", motion: true) { editor, invocation in editor.moveCursor(dx: invocation.times, dy: 0) }
        case .move_up: return Command("Cursor up (a pixel, or a line)", motion: true) { editor, invocation in
            editor.moveCursor(dx: 0, dy: -invocation.times, crossRecords: !invocation.extending)
        }
        case .move_down: return Command("Cursor down", motion: true) { editor, invocation in
            editor.moveCursor(dx: 0, dy: invocation.times, crossRecords: !invocation.extending)
        }
        case .move_left_far: return Command("Cursor left by ten pixels", motion: true, run: Editor.moveCursorFar)
        case .move_right_far: return Command("Cursor right by ten pixels", motion: true, run: Editor.moveCursorFar)
        case .move_up_far: return Command("Cursor up by ten pixels", motion: true, run: Editor.moveCursorFar)
        case .move_down_far: return Command("Cursor down by ten pixels", motion: true, run: Editor.moveCursorFar)
        case .pan_left: return Command("Pan the picture left", motion: true, run: Editor.pan)
        case .pan_right: return Command("Pan the picture right", motion: true, run: Editor.pan)
        case .pan_up: return Command("Pan the picture up", motion: true, run: Editor.pan)
        case .pan_down: return Command("Pan the picture down", motion: true, run: Editor.pan)
        case .zoom_in: return Command("Zoom in around the cursor", run: Editor.zoom)
        case .zoom_out: return Command("Zoom out around the cursor", run: Editor.zoom)
        case .zoom_fit: return Command("Fit the picture to the window", run: Editor.zoom)
        case .word_forward: return Command("Start of the next word", motion: true, run: Editor.wordMotion)
        case .word_backward: return Command("Start of this or the previous word", motion: true, run: Editor.wordMotion)
        case .word_end: return Command("End of this or the next word", motion: true, run: Editor.wordMotion)
        case .big_word_forward: return Command("Start of the next WORD (blank-separated)", motion: true, run: Editor.wordMotion)
        case .big_word_backward: return Command("Start of this or the previous WORD", motion: true, run: Editor.wordMotion)
        case .big_word_end: return Command("End of this or the next WORD", motion: true, run: Editor.wordMotion)
        case .box_or_word_backward: return Command("Picture: start a box at the cursor; text: back a word", run: Editor.boxOrWordBackward)
        case .line_start: return Command("Start of the line", motion: true, run: Editor.lineOrPageMotion)
        case .line_end: return Command("End of the line", motion: true, run: Editor.lineOrPageMotion)
        case .goto_first_line: return Command("First line (or top of the picture)", motion: true, run: Editor.lineOrPageMotion)
        case .goto_last_line: return Command("Last line (or bottom of the picture)", motion: true, run: Editor.lineOrPageMotion)
        case .half_page_down: return Command("Half a page down", motion: true, run: Editor.lineOrPageMotion)
        case .half_page_up: return Command("Half a page up", motion: true, run: Editor.lineOrPageMotion)
        case .page_down: return Command("A page down", motion: true, run: Editor.lineOrPageMotion)
        case .page_up: return Command("A page up", motion: true, run: Editor.lineOrPageMotion)
        case .search_forward: return Command("Search forward (/pattern; /re:… for a regular expression)", motion: true, run: Editor.startSearch)
        case .search_backward: return Command("Search backward", motion: true, run: Editor.startSearch)
        case .search_next: return Command("Next match", motion: true, run: Editor.repeatSearchCommand)
        case .search_previous: return Command("Previous match", motion: true, run: Editor.repeatSearchCommand)
        case .extend: return Command("Run a motion (its name follows) dragging the box corner or the span's end along", run: Editor.extendDraft)
        case .normal_mode: return Command("Back to NORMAL, cancelling what is unfinished", run: Editor.enterNormalMode)
        case .deselect: return Command("Let go of the selected annotation (Enter then marks the item done again); stop a search under way") { editor, _ in
            editor.selectedID = nil
        }
        case .class_mode: return Command("CLASS mode: label keys toggle the item's classes", run: Editor.enterClassMode)
        case .box_mode: return Command("BOX mode: draw a box from the cursor", run: Editor.enterBoxMode)
        case .span_mode: return Command("SPAN mode: select text from the cursor", run: Editor.enterSpanMode)
        case .command_mode: return Command("Command line (:q, :w, :label add, :goto, :set, :export, :help)", run: Editor.enterCommandMode)
        case .help: return Command("Keys of this mode and the labels' guidelines") { editor, _ in editor.push(.help(scroll: 0)) }
        case .close_help: return Command.help("Close the help") { editor, _, _ in editor.popMode() }
        case .swap_corner: return Command.box("Move the other corner", Editor.swapCorner)
        case .toggle_move_box: return Command.box("Move the whole box instead of a corner", Editor.toggleMoveBox)
        case .snap_box: return Command.box("Tighten the box to the picture's edges (each side moves to the nearest strong edge)", Editor.snapBox)
        case .finish_box: return Command.box("Finish the box and pick its label", Editor.finishBox)
        case .polygon_mode: return Command("POLYGON mode: place a polygon's vertices from the cursor", run: Editor.enterPolygonMode)
        case .add_vertex: return Command.polygon("Add a vertex at the cursor (after the selected one while editing)", Editor.addVertex)
        case .remove_vertex: return Command.polygon("Remove the last vertex (the selected one while editing)", Editor.removeVertex)
        case .next_vertex: return Command.polygon("Select the next vertex; moving then drags it", Editor.stepVertex)
        case .previous_vertex: return Command.polygon("Select the previous vertex", Editor.stepVertex)
        case .finish_polygon: return Command.polygon("Close the polygon and pick its label (an edited one is saved)", Editor.finishPolygon)
        case .keypoints_mode: return Command("KEYPOINTS mode: place a skeleton's points in order (a skeleton's name may follow)", run: Editor.enterKeypointsMode)
        case .place_keypoint: return Command.keypoints("Place the current point, visible, at the cursor and go to the next", Editor.placeKeypoint)
        case .place_keypoint_hidden: return Command.keypoints("Place the current point as hidden (occluded) and go to the next", Editor.placeKeypoint)
        case .skip_keypoint: return Command.keypoints("Leave the current point unlabeled and go to the next", Editor.placeKeypoint)
        case .next_keypoint: return Command.keypoints("Go to the next point without placing this one", Editor.stepKeypoint)
        case .previous_keypoint: return Command.keypoints("Go back to the previous point", Editor.stepKeypoint)
        case .finish_keypoints: return Command.keypoints("Save the points placed so far (the rest stay unlabeled)", Editor.finishKeypoints)
        case .mask_mode: return Command("MASK mode: paint a mask with a brush, grow regions, fill polygons", run: Editor.enterMaskMode)
        case .paint: return Command.mask("Paint the brush at the cursor (a count sets the brush radius)", Editor.paintAtCursor)
        case .erase: return Command.mask("Erase the brush at the cursor (a count sets the brush radius)", Editor.paintAtCursor)
        case .pen_paint: return Command.mask("Brush down: moving paints (again: brush up)", Editor.togglePen)
        case .pen_erase: return Command.mask("Eraser down: moving erases (again: eraser up)", Editor.togglePen)
        case .grow_region: return Command.mask("Add the region of similar colour around the cursor (`erase`: take it out)", Editor.growRegion)
        case .tolerance_up: return Command.mask("Let region growing take in more different colours", Editor.changeTolerance)
        case .tolerance_down: return Command.mask("Let region growing take in only closer colours", Editor.changeTolerance)
        case .fill_polygon: return Command.mask("Fill the polygon under the cursor into the mask", Editor.fillPolygon)
        case .finish_mask: return Command.mask("Finish the mask and pick its label (an edited one is saved)", Editor.finishMask)
        case .swap_span_end: return Command.span("Move the other end of the selection", Editor.swapSpanEnd)
        case .finish_span: return Command.span("Finish the selection and pick its label", Editor.finishSpan)
        case .pick_last_label: return Command.pick("Choose the highlighted label (the one used last until you move or type)", Editor.pickHighlightedLabel)
        case .pick_next: return Command.pick("Highlight the next label in the list") { editor, kind, invocation in editor.movePickHighlight(kind, by: invocation.times) }
        case .pick_previous: return Command.pick("Highlight the previous label in the list") { editor, kind, invocation in editor.movePickHighlight(kind, by: -invocation.times) }
        case .pick_filter_backspace: return Command.pick("Delete the last character of the label filter", Editor.pickFilterBackspace)
        case .pick_label: return Command.pick("Choose the label named after it (label keys are bound to this in PICK)") { editor, kind, invocation in
            guard let name = invocation.arguments.first.flatMap({ editor.settings.labels(kind).label(named: $0)?.name }) else {
                return editor.show(EditorMessage("no \(kind.rawValue) label is named \(invocation.arguments.joined(separator: " "))", .error))
            }
            editor.pickLabel(name)
        }
        case .toggle_class: return Command("Give or take back the class named after it (class keys are bound to this in CLASS)") { editor, invocation in
            guard let name = invocation.arguments.first.flatMap({ editor.settings.classes.label(named: $0)?.name }) else {
                return editor.show(EditorMessage("no class label is named \(invocation.arguments.joined(separator: " "))", .error))
            }
            editor.toggleClass(name)
        }
        case .select_next_annotation: return Command("Select the next annotation of the item", run: Editor.selectAnnotationCommand)
        case .select_previous_annotation: return Command("Select the previous annotation", run: Editor.selectAnnotationCommand)
        case .delete_annotation: return Command("Delete the selected annotation") { editor, invocation in editor.deleteSelected() }
        case .relabel: return Command("Give the selected annotation another label") { editor, invocation in editor.relabelSelected() }
        case .done_or_edit: return Command("Edit the selected box or shape; else mark the item done and go on", run: Editor.doneOrEdit)
        case .mark_done: return Command("Mark the item done and go to the next") { editor, invocation in editor.markDoneAndAdvance() }
        case .flag: return Command("Flag the item for a second look, with a note") { editor, invocation in editor.startFlag() }
        case .accept_suggestion: return Command("Accept the selected suggestion") { editor, invocation in editor.acceptSelected() }
        case .reject_suggestion: return Command("Reject (delete) the selected suggestion") { editor, invocation in editor.rejectSelected() }
        case .accept_all_suggestions: return Command("Accept every suggestion of the item") { editor, _ in editor.decideAllSuggestions(accept: true) }
        case .reject_all_suggestions: return Command("Reject every suggestion of the item") { editor, _ in editor.decideAllSuggestions(accept: false) }
        case .copy_previous_boxes: return Command("The previous item's boxes as suggestions here (frames, bursts)") { editor, _ in editor.copyPreviousBoxes() }
        case .suggest_occurrences: return Command("Suggest the selected span's label wherever its text stands in the item") { editor, _ in
            editor.suggestOccurrences(everywhere: false)
        }
        case .undo: return Command("Undo the last change") { editor, invocation in editor.undo(invocation.times) }
        case .redo: return Command("Redo the last undone change") { editor, invocation in editor.redo(invocation.times) }
        case .quit: return Command("Quit (every edit is already saved)") { editor, invocation in editor.quitRequested = true }
        case .suspend: return Command("Suspend to the shell (fg to come back)") { editor, invocation in editor.suspendRequested = true }
        case .command_execute: return Command.prompt("Run the command line", Editor.executeLine)
        case .history_previous: return Command.prompt("Previous command in the history", Editor.stepHistory)
        case .history_next: return Command.prompt("Next command in the history", Editor.stepHistory)
        case .command_complete: return Command.prompt("Complete the command name or argument", Editor.completeLine)
        case .prompt_backspace: return Command.prompt("Delete the character before the cursor (on an empty line: leave it)") { editor, line, _ in
            if line.text.isEmpty { editor.returnToNormal() } else { line.deleteBackward() }
        }
        case .prompt_delete: return Command.prompt("Delete the character under the cursor") { _, line, _ in line.deleteForward() }
        case .prompt_left: return Command.prompt("Cursor left on the command line") { _, line, _ in line.cursor = max(0, line.cursor - 1) }
        case .prompt_right: return Command.prompt("Cursor right on the command line") { _, line, _ in line.cursor = min(line.text.count, line.cursor + 1) }
        case .prompt_home: return Command.prompt("To the start of the command line") { _, line, _ in line.cursor = 0 }
        case .prompt_end: return Command.prompt("To the end of the command line") { _, line, _ in line.cursor = line.text.count }
        case .prompt_delete_to_start: return Command.prompt("Delete from the start of the command line to the cursor") { _, line, _ in
            line.text = String(line.text.dropFirst(line.cursor))
            line.cursor = 0
        }
        case .prompt_delete_word: return Command.prompt("Delete the word before the cursor") { _, line, _ in line.deleteWordBackward() }
        case .next_disagreement: return Command("Next item where annotators disagree (or a merge conflict waits) that you have not reviewed") { editor, invocation in
            editor.stepToDisagreement(forward: true, count: invocation.times)
        }
        case .previous_disagreement: return Command("Previous item where annotators disagree that you have not reviewed") { editor, invocation in
            editor.stepToDisagreement(forward: false, count: invocation.times)
        }
        case .adopt: return Command("Adopt the selected annotation as yours (kept with adopted_from)") { editor, _ in editor.adoptSelected() }
        case .drop_adopted: return Command("Drop your adopted copy of the selected annotation") { editor, _ in editor.dropAdopted() }
        case .mark_reviewed: return Command("Mark the item reviewed and go to the next disagreement") { editor, _ in editor.markReviewedAndAdvance() }
        case .scroll_down: return Command.help("Scroll down (by a line; `half` or `page` after it for more)", Editor.scrollHelp)
        case .scroll_up: return Command.help("Scroll up (by a line; `half` or `page` after it for more)", Editor.scrollHelp)
        }
    }
}
