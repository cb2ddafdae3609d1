/// The items changed this session, in order, so undo and redo go back across items (each
/// item's own steps are in the store's history). A step may span several items (`:accept`
/// across the dataset): one `u` takes it all back.
struct UndoTrail {
    private var undoable: [[ItemLocation]] = []
    private var redoable: [[ItemLocation]] = []
    /// How many steps are remembered.
    static let limit = 10_000

    /// A change was made to `items` (one store step on each): it can be undone, and nothing can
    /// be redone.
    mutating func changed(_ items: [ItemLocation]) {
        guard !items.isEmpty else { return }
        undoable.append(items)
        if undoable.count > Self.limit { undoable.removeFirst() }
        redoable.removeAll()
    }

    /// The items of the step to undo (or redo), taken off its list.
    mutating func take(undoing: Bool) -> [ItemLocation]? { undoing ? undoable.popLast() : redoable.popLast() }

    /// After a step was undone (or redone), it can be redone (or undone).
    mutating func moved(_ items: [ItemLocation], undoing: Bool) {
        if undoing { redoable.append(items) } else { undoable.append(items) }
    }

    /// A step that could not be applied goes back where it was taken from.
    mutating func putBack(_ items: [ItemLocation], undoing: Bool) {
        if undoing { undoable.append(items) } else { redoable.append(items) }
    }
}
