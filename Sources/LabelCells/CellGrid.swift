/// A rectangle of cells that views render into; the terminal sends only what changed between
/// two grids. Tests compare whole grids written as lines.
public struct CellGrid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    /// A grid of `width` × `height` blank cells (either may be 0).
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// The cell at column `x`, row `y` (a blank cell outside the grid).
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { if contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    /// Whether (`x`, `y`) lies inside the grid.
    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Sets the style of the cell at (`x`, `y`), keeping its text.
    public mutating func setStyle(_ style: Style, x: Int, y: Int) {
        if contains(x: x, y: y) { cells[y * width + x].style = style }
    }

    /// Changes the style of the cell at (`x`, `y`) with `change`.
    public mutating func updateStyle(x: Int, y: Int, _ change: (inout Style) -> Void) {
        if contains(x: x, y: y) { change(&cells[y * width + x].style) }
    }

    /// Fills a rectangle with `cell`, clipped to the grid.
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, with cell: Cell) {
        for row in max(0, y)..<min(self.height, y + height) {
            for column in max(0, x)..<min(self.width, x + width) { cells[row * self.width + column] = cell }
        }
    }

    /// Copies `other` into this grid with its top-left corner at (`x`, `y`), clipped.
    public mutating func paste(_ other: CellGrid, x: Int, y: Int) {
        for row in 0..<other.height {
            for column in 0..<other.width { self[x + column, y + row] = other[column, row] }
        }
    }

    /// The text of each row (continuation cells add nothing), as tests write screens.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width {
                let cell = cells[row * width + column]
                if !cell.isContinuation { line += cell.text }
            }
            return line
        }
    }

    /// A grid made from lines of single-width characters in the plain style (for tests).
    public static func withLines(_ lines: [String]) -> CellGrid {
        let width = lines.map(\.count).max() ?? 0
        var grid = CellGrid(width: width, height: lines.count)
        for (row, line) in lines.enumerated() {
            for (column, character) in line.enumerated() { grid[column, row] = Cell(String(character)) }
        }
        return grid
    }
}
