/// Undo and redo stacks of one document's transactions. New edits clear the redo stack.
/// Limits: the history lives in memory for the session only, and keeps at most `capacity` steps.
public struct History: Sendable {
    public private(set) var undoStack: [Transaction] = []
    public private(set) var redoStack: [Transaction] = []
    /// The most steps kept; the oldest are dropped beyond it.
    public let capacity: Int

    /// An empty history keeping at most `capacity` steps.
    public init(capacity: Int = 10_000) { self.capacity = capacity }

    /// Records a newly applied transaction.
    public mutating func record(_ transaction: Transaction) {
        guard !transaction.isEmpty else { return }
        undoStack.append(transaction)
        if undoStack.count > capacity { undoStack.removeFirst(undoStack.count - capacity) }
        redoStack.removeAll()
    }

    /// Takes the step to undo, moving it to the redo stack; nil when there is none.
    public mutating func popUndo() -> Transaction? {
        guard let last = undoStack.popLast() else { return nil }
        redoStack.append(last)
        return last
    }

    /// Takes the step to redo, moving it back to the undo stack; nil when there is none.
    public mutating func popRedo() -> Transaction? {
        guard let last = redoStack.popLast() else { return nil }
        undoStack.append(last)
        return last
    }

    /// Drops the step to undo without undoing it (it can no longer be undone safely).
    public mutating func discardUndo() { _ = undoStack.popLast() }

    /// Drops the step to redo without redoing it.
    public mutating func discardRedo() { _ = redoStack.popLast() }

    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }
}
