/// A command as one value: its one-line doc (help, `:` completion and keymap validation read
/// it) and what it runs. Each command is defined once, in `CommandName.command`.
struct Command {
    let doc: String
    let run: (Editor) -> (CommandInvocation) -> Void

    /// A command running an editor method.
    init(_ doc: String, run: @escaping (Editor) -> (CommandInvocation) -> Void) {
        self.doc = doc
        self.run = run
    }

    /// A command running a short closure.
    init(_ doc: String, _ body: @escaping (Editor, CommandInvocation) -> Void) {
        self.doc = doc
        run = { editor in { invocation in body(editor, invocation) } }
    }
}

/// How a command was asked for: which, with what count, and the words typed after it.
struct CommandInvocation {
    let name: CommandName
    let count: Int?
    let arguments: [String]

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
        case .move_left: return Command("Cursor left (a pixel, or a character)") { editor, invocation in editor.moveCursor(dx: -invocation.times, dy: 0) }
        case .move_right: return Command("Cursor right") { editor, invocation in editor.moveCursor(dx: invocation.times, dy: 0) }
        case .move_up: return Command("Cursor up (a pixel, or a line)") { editor, invocation in editor.moveCursor(dx: 0, dy: -invocation.times) }
        case .move_down: return Command("Cursor down") { editor, invocation in editor.moveCursor(dx: 0, dy: invocation.times) }
        case .move_left_far: return Command("Cursor left by ten pixels", run: Editor.moveCursorFar)
        case .move_right_far: return Command("Cursor right by ten pixels", run: Editor.moveCursorFar)
        case .move_up_far: return Command("Cursor up by ten pixels", run: Editor.moveCursorFar)
        case .move_down_far: return Command("Cursor down by ten pixels", run: Editor.moveCursorFar)
        case .pan_left: return Command("Pan the picture left", run: Editor.pan)
        case .pan_right: return Command("Pan the picture right", run: Editor.pan)
        case .pan_up: return Command("Pan the picture up", run: Editor.pan)
        case .pan_down: return Command("Pan the picture down", run: Editor.pan)
        case .zoom_in: return Command("Zoom in around the cursor", run: Editor.zoom)
        case .zoom_out: return Command("Zoom out around the cursor", run: Editor.zoom)
        case .zoom_fit: return Command("Fit the picture to the window", run: Editor.zoom)
        case .word_forward: return Command("Start of the next word", run: Editor.wordMotion)
        case .word_backward: return Command("Start of this or the previous word", run: Editor.wordMotion)
        case .word_end: return Command("End of this or the next word", run: Editor.wordMotion)
        case .big_word_forward: return Command("Start of the next WORD (blank-separated)", run: Editor.wordMotion)
        case .big_word_backward: return Command("Start of this or the previous WORD", run: Editor.wordMotion)
        case .big_word_end: return Command("End of this or the next WORD", run: Editor.wordMotion)
        case .box_or_word_backward: return Command("Picture: start a box at the cursor; text: back a word", run: Editor.boxOrWordBackward)
        case .line_start: return Command("Start of the line", run: Editor.lineOrPageMotion)
        case .line_end: return Command("End of the line", run: Editor.lineOrPageMotion)
        case .goto_first_line: return Command("First line (or top of the picture)", run: Editor.lineOrPageMotion)
        case .goto_last_line: return Command("Last line (or bottom of the picture)", run: Editor.lineOrPageMotion)
        case .half_page_down: return Command("Half a page down", run: Editor.lineOrPageMotion)
        case .half_page_up: return Command("Half a page up", run: Editor.lineOrPageMotion)
        case .page_down: return Command("A page down", run: Editor.lineOrPageMotion)
        case .page_up: return Command("A page up", run: Editor.lineOrPageMotion)
        case .search_forward: return Command("Search forward (/pattern; /re:… for a regular expression)", run: Editor.startSearch)
        case .search_backward: return Command("Search backward", run: Editor.startSearch)
        case .search_next: return Command("Next match", run: Editor.repeatSearchCommand)
        case .search_previous: return Command("Previous match", run: Editor.repeatSearchCommand)
        case .normal_mode: return Command("Back to NORMAL, cancelling what is unfinished", run: Editor.enterNormalMode)
        case .class_mode: return Command("CLASS mode: label keys toggle the item's classes", run: Editor.enterClassMode)
        case .box_mode: return Command("BOX mode: draw a box from the cursor", run: Editor.enterBoxMode)
        case .span_mode: return Command("SPAN mode: select text from the cursor", run: Editor.enterSpanMode)
        case .command_mode: return Command("Command line (:q, :w, :label add, :goto, :set, :export, :help)", run: Editor.enterCommandMode)
        case .help: return Command("Keys of this mode and the labels' guidelines", run: Editor.toggleHelp)
        case .swap_corner: return Command("Move the other corner (or end)", run: Editor.swapCorner)
        case .toggle_move_box: return Command("Move the whole box instead of a corner", run: Editor.toggleMoveBox)
        case .snap_box: return Command("Tighten the box to the picture's edges (each side moves to the nearest strong edge)", run: Editor.snapBox)
        case .finish: return Command("Finish and pick a label", run: Editor.finish)
        case .pick_last_label: return Command("Choose the highlighted label (the one used last until you move or type)", run: Editor.pickHighlightedLabel)
        case .pick_next: return Command("Highlight the next label in the list") { editor, invocation in editor.movePickHighlight(by: invocation.times) }
        case .pick_previous: return Command("Highlight the previous label in the list") { editor, invocation in editor.movePickHighlight(by: -invocation.times) }
        case .pick_filter_backspace: return Command("Delete the last character of the label filter", run: Editor.pickFilterBackspace)
        case .label: return Command("Choose a label by its key", run: Editor.labelByKey)
        case .select_next_annotation: return Command("Select the next annotation of the item", run: Editor.selectAnnotationCommand)
        case .select_previous_annotation: return Command("Select the previous annotation", run: Editor.selectAnnotationCommand)
        case .delete_annotation: return Command("Delete the selected annotation") { editor, invocation in editor.deleteSelected() }
        case .relabel: return Command("Give the selected annotation another label") { editor, invocation in editor.relabelSelected() }
        case .done_or_edit: return Command("Edit the selected box; else mark the item done and go on", run: Editor.doneOrEdit)
        case .mark_done: return Command("Mark the item done and go to the next") { editor, invocation in editor.markDoneAndAdvance() }
        case .flag: return Command("Flag the item for a second look, with a note") { editor, invocation in editor.startFlag() }
        case .accept_suggestion: return Command("Accept the selected suggestion") { editor, invocation in editor.acceptSelected() }
        case .reject_suggestion: return Command("Reject (delete) the selected suggestion") { editor, invocation in editor.rejectSelected() }
        case .undo: return Command("Undo the last change") { editor, invocation in editor.undo(invocation.times) }
        case .redo: return Command("Redo the last undone change") { editor, invocation in editor.redo(invocation.times) }
        case .quit: return Command("Quit (every edit is already saved)") { editor, invocation in editor.quitRequested = true }
        case .suspend: return Command("Suspend to the shell (fg to come back)") { editor, invocation in editor.suspendRequested = true }
        case .command_execute: return Command("Run the command line", run: Editor.commandLineKey)
        case .history_previous: return Command("Previous command in the history", run: Editor.commandLineKey)
        case .history_next: return Command("Next command in the history", run: Editor.commandLineKey)
        case .command_complete: return Command("Complete the command name", run: Editor.commandLineKey)
        case .scroll_down: return Command("Scroll down", run: Editor.scrollHelp)
        case .scroll_up: return Command("Scroll up", run: Editor.scrollHelp)
        }
    }
}
