/// The items changed this session, in order, so undo and redo go back across items (each
/// item's own steps are in the store's history).
struct UndoTrail {
    private var undoable: [ItemLocation] = []
    private var redoable: [ItemLocation] = []
    /// How many steps are remembered.
    static let limit = 10_000

    /// A change was made to `item`: it can be undone, and nothing can be redone.
    mutating func changed(_ item: ItemLocation) {
        undoable.append(item)
        if undoable.count > Self.limit { undoable.removeFirst() }
        redoable.removeAll()
    }

    /// The item of the step to undo (or redo), taken off its list.
    mutating func take(undoing: Bool) -> ItemLocation? { undoing ? undoable.popLast() : redoable.popLast() }

    /// After a step was undone (or redone), it can be redone (or undone).
    mutating func moved(_ item: ItemLocation, undoing: Bool) {
        if undoing { redoable.append(item) } else { undoable.append(item) }
    }

    /// A step that could not be applied goes back where it was taken from.
    mutating func putBack(_ item: ItemLocation, undoing: Bool) {
        if undoing { undoable.append(item) } else { redoable.append(item) }
    }
}
