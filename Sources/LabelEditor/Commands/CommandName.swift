/// Every command a key can run: a named value with a one-line doc (help and the README's key
/// table are generated from these, never written twice).
public enum CommandName: String, CaseIterable, Sendable {
    case next_item, previous_item, next_unlabeled_item, previous_unlabeled_item
    case move_left, move_right, move_up, move_down
    case move_left_far, move_right_far, move_up_far, move_down_far
    case pan_left, pan_right, pan_up, pan_down
    case zoom_in, zoom_out, zoom_fit
    case word_forward, word_backward, word_end, big_word_forward, big_word_backward, big_word_end
    case box_or_word_backward
    case line_start, line_end, goto_first_line, goto_last_line
    case half_page_down, half_page_up, page_down, page_up
    case search_forward, search_backward, search_next, search_previous
    case normal_mode, class_mode, box_mode, span_mode, command_mode, help
    case swap_corner, toggle_move_box, snap_box, finish, pick_last_label, pick_next, pick_previous, pick_filter_backspace, label
    case select_next_annotation, select_previous_annotation
    case delete_annotation, relabel, done_or_edit, mark_done, flag
    case accept_suggestion, reject_suggestion
    case undo, redo, quit, suspend
    case command_execute, history_previous, history_next, command_complete
    case scroll_down, scroll_up

    /// What the command does, in one line.
    public var doc: String {
        switch self {
        case .next_item: return "Next item (picture, text file or record)"
        case .previous_item: return "Previous item"
        case .next_unlabeled_item: return "Next item with no annotation and no done mark"
        case .previous_unlabeled_item: return "Previous item with no annotation and no done mark"
        case .move_left: return "Cursor left (a pixel, or a character)"
        case .move_right: return "Cursor right"
        case .move_up: return "Cursor up (a pixel, or a line)"
        case .move_down: return "Cursor down"
        case .move_left_far: return "Cursor left by ten pixels"
        case .move_right_far: return "Cursor right by ten pixels"
        case .move_up_far: return "Cursor up by ten pixels"
        case .move_down_far: return "Cursor down by ten pixels"
        case .pan_left: return "Pan the picture left"
        case .pan_right: return "Pan the picture right"
        case .pan_up: return "Pan the picture up"
        case .pan_down: return "Pan the picture down"
        case .zoom_in: return "Zoom in around the cursor"
        case .zoom_out: return "Zoom out around the cursor"
        case .zoom_fit: return "Fit the picture to the window"
        case .word_forward: return "Start of the next word"
        case .word_backward: return "Start of this or the previous word"
        case .word_end: return "End of this or the next word"
        case .big_word_forward: return "Start of the next WORD (blank-separated)"
        case .big_word_backward: return "Start of this or the previous WORD"
        case .big_word_end: return "End of this or the next WORD"
        case .box_or_word_backward: return "Picture: start a box at the cursor; text: back a word"
        case .line_start: return "Start of the line"
        case .line_end: return "End of the line"
        case .goto_first_line: return "First line (or top of the picture)"
        case .goto_last_line: return "Last line (or bottom of the picture)"
        case .half_page_down: return "Half a page down"
        case .half_page_up: return "Half a page up"
        case .page_down: return "A page down"
        case .page_up: return "A page up"
        case .search_forward: return "Search forward (/pattern; /re:… for a regular expression)"
        case .search_backward: return "Search backward"
        case .search_next: return "Next match"
        case .search_previous: return "Previous match"
        case .normal_mode: return "Back to NORMAL, cancelling what is unfinished"
        case .class_mode: return "CLASS mode: label keys toggle the item's classes"
        case .box_mode: return "BOX mode: draw a box from the cursor"
        case .span_mode: return "SPAN mode: select text from the cursor"
        case .command_mode: return "Command line (:q, :w, :label add, :goto, :set, :export, :help)"
        case .help: return "Keys of this mode and the labels' guidelines"
        case .swap_corner: return "Move the other corner (or end)"
        case .toggle_move_box: return "Move the whole box instead of a corner"
        case .snap_box: return "Tighten the box to the picture's edges (each side moves to the nearest strong edge)"
        case .finish: return "Finish and pick a label"
        case .pick_last_label: return "Choose the highlighted label (the one used last until you move or type)"
        case .pick_next: return "Highlight the next label in the list"
        case .pick_previous: return "Highlight the previous label in the list"
        case .pick_filter_backspace: return "Delete the last character of the label filter"
        case .label: return "Choose a label by its key"
        case .select_next_annotation: return "Select the next annotation of the item"
        case .select_previous_annotation: return "Select the previous annotation"
        case .delete_annotation: return "Delete the selected annotation"
        case .relabel: return "Give the selected annotation another label"
        case .done_or_edit: return "Edit the selected box; else mark the item done and go on"
        case .mark_done: return "Mark the item done and go to the next"
        case .flag: return "Flag the item for a second look, with a note"
        case .accept_suggestion: return "Accept the selected suggestion"
        case .reject_suggestion: return "Reject (delete) the selected suggestion"
        case .undo: return "Undo the last change"
        case .redo: return "Redo the last undone change"
        case .quit: return "Quit (every edit is already saved)"
        case .suspend: return "Suspend to the shell (fg to come back)"
        case .command_execute: return "Run the command line"
        case .history_previous: return "Previous command in the history"
        case .history_next: return "Next command in the history"
        case .command_complete: return "Complete the command name"
        case .scroll_down: return "Scroll down"
        case .scroll_up: return "Scroll up"
        }
    }
}
