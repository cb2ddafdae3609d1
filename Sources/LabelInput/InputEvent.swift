/// What the terminal reports.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The terminal now has this many columns and rows.
    case resize(columns: Int, rows: Int)
    /// Work done off the input thread (a decoded picture, counted done marks) asks for a new frame.
    case wake
}

/// A mouse action at a cell.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, drag, release, scrollUp, scrollDown }
    public var kind: Kind
    public var column: Int
    public var row: Int

    /// A mouse action of `kind` at (`column`, `row`).
    public init(_ kind: Kind, column: Int, row: Int) {
        self.kind = kind
        self.column = column
        self.row = row
    }
}
