import LabelCells

/// A terminal the editor can draw on and read from. ncurses is one implementation
/// (LabelTerminal); tests use an in-memory one.
public protocol Screen: AnyObject {
    /// The size in cells.
    var size: (columns: Int, rows: Int) { get }
    /// Shows `grid`, sending only what changed since the last frame.
    func present(_ grid: CellGrid)
    /// The next input event, waiting at most `timeout` milliseconds; nil if none came.
    func nextEvent(timeout: Int) -> InputEvent?
    /// Gives the terminal back to the shell until the user resumes (Ctrl-Z).
    func suspend()
}
