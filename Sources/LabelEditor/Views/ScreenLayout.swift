/// Where each part of the screen goes for a terminal size: the item view, the side panel
/// (narrower, then gone, as the terminal shrinks), the status line and the bottom line.
public struct ScreenLayout: Hashable, Sendable {
    public struct Area: Hashable, Sendable {
        public var x: Int
        public var y: Int
        public var width: Int
        public var height: Int
    }

    public let view: Area
    public let panel: Area?
    /// The status line's row, if there is room for one.
    public let statusRow: Int?
    /// The message / command line's row.
    public let bottomRow: Int

    /// The layout of a `columns` × `rows` terminal.
    public init(columns: Int, rows: Int) {
        let columns = max(1, columns), rows = max(1, rows)
        bottomRow = rows - 1
        statusRow = rows >= 2 ? rows - 2 : nil
        let viewHeight = max(0, rows - 2)
        let panelWidth = columns >= 110 ? 34 : columns >= 76 ? 24 : 0
        if panelWidth > 0 && viewHeight >= 4 {
            view = Area(x: 0, y: 0, width: columns - panelWidth - 1, height: viewHeight)
            panel = Area(x: columns - panelWidth, y: 0, width: panelWidth, height: viewHeight)
        } else {
            view = Area(x: 0, y: 0, width: columns, height: viewHeight)
            panel = nil
        }
    }
}
