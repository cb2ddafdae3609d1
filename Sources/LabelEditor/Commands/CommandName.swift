/// Every command a key can run, by name; its doc and what it does are in `CommandName.command`
/// (help and the README's key table are generated from there, never written twice).
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
    case extend
    case normal_mode, deselect, class_mode, box_mode, span_mode, command_mode, help, close_help
    case swap_corner, toggle_move_box, snap_box, finish_box, swap_span_end, finish_span
    case polygon_mode, add_vertex, remove_vertex, next_vertex, previous_vertex, finish_polygon
    case keypoints_mode, place_keypoint, place_keypoint_hidden, skip_keypoint, next_keypoint, previous_keypoint, finish_keypoints
    case mask_mode, paint, erase, pen_paint, pen_erase, grow_region, tolerance_up, tolerance_down, fill_polygon, finish_mask
    case pick_last_label, pick_next, pick_previous, pick_filter_backspace, pick_label, toggle_class
    case select_next_annotation, select_previous_annotation
    case delete_annotation, relabel, done_or_edit, mark_done, flag
    case accept_suggestion, reject_suggestion, accept_all_suggestions, reject_all_suggestions, copy_previous_boxes, suggest_occurrences
    case undo, redo, quit, suspend
    case command_execute, history_previous, history_next, command_complete
    case prompt_backspace, prompt_delete, prompt_left, prompt_right, prompt_home, prompt_end, prompt_delete_to_start, prompt_delete_word
    case scroll_down, scroll_up
    case next_disagreement, previous_disagreement, adopt, drop_adopted, mark_reviewed

    /// What the command does, in one line.
    public var doc: String { command.doc }
}
