/// One terminal cell: the text drawn in it and its style. A wide character occupies its cell
/// and a `continuation` cell after it.
public struct Cell: Hashable, Sendable {
    /// What is drawn: one grapheme cluster, already made safe to send to a terminal.
    public var text: String
    public var style: Style
    /// The right half of a wide character drawn in the cell to the left.
    public var isContinuation: Bool

    /// A cell showing `text` in `style`.
    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
        isContinuation = false
    }

    /// The placeholder cell to the right of a wide character.
    public static func continuation(style: Style) -> Cell {
        var cell = Cell("", style: style)
        cell.isContinuation = true
        return cell
    }

    /// An empty cell with the default style.
    public static let blank = Cell()
}
