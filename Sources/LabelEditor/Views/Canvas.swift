import LabelCells
import LabelText

/// A rectangle of the screen grid that views draw into, clipped to its bounds. Text drawn
/// through it is made inert first (file names, labels and notes come from untrusted files).
public struct Canvas {
    public var grid: CellGrid
    public let x: Int
    public let y: Int
    public let width: Int
    public let height: Int

    /// A canvas over the whole of `grid`.
    public init(grid: CellGrid) {
        self.grid = grid
        x = 0
        y = 0
        width = grid.width
        height = grid.height
    }

    init(grid: CellGrid, x: Int, y: Int, width: Int, height: Int) {
        self.grid = grid
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// Draws into a part of this canvas (clipped to it) through `draw`: the part shares the
    /// grid while it draws (handed over, not copied), and the drawing lands here, with no copy
    /// back for a caller to forget.
    public mutating func drawing<Result>(x: Int, y: Int, width: Int, height: Int, _ draw: (inout Canvas) throws -> Result) rethrows -> Result {
        var part = region(x: x, y: y, width: width, height: height)
        // Our reference is dropped while the part draws, so its writes touch the one grid.
        grid = CellGrid(width: 0, height: 0)
        defer { grid = part.grid }
        return try draw(&part)
    }

    /// A canvas for a part of this one (clipped to it), sharing its grid until written.
    private func region(x: Int, y: Int, width: Int, height: Int) -> Canvas {
        let left = max(0, min(self.width, x)), top = max(0, min(self.height, y))
        return Canvas(grid: grid, x: self.x + left, y: self.y + top,
                      width: min(width - (left - x), self.width - left), height: min(height - (top - y), self.height - top))
    }

    /// Puts the cell at (`column`, `row`) of this canvas.
    public mutating func set(_ column: Int, _ row: Int, _ cell: Cell) {
        guard column >= 0, row >= 0, column < width, row < height else { return }
        grid[x + column, y + row] = cell
    }

    /// The cell at (`column`, `row`).
    public func cell(_ column: Int, _ row: Int) -> Cell { grid[x + column, y + row] }

    /// Changes the style of the cell at (`column`, `row`).
    public mutating func restyle(_ column: Int, _ row: Int, _ change: (inout Style) -> Void) {
        guard column >= 0, row >= 0, column < width, row < height else { return }
        grid.updateStyle(x: x + column, y: y + row, change)
    }

    /// Fills the canvas with `style`'s blanks.
    public mutating func clear(_ style: Style) {
        grid.fill(x: x, y: y, width: width, height: height, with: Cell(" ", style: style))
    }

    /// Draws `text` (made inert) at (`column`, `row`), clipped; returns the column after it.
    /// Wide characters that would straddle the edge are left out.
    @discardableResult
    public mutating func write(_ text: String, _ column: Int, _ row: Int, _ style: Style, maxWidth: Int? = nil) -> Int {
        guard row >= 0, row < height else { return column }
        let limit = min(width, column + (maxWidth ?? width))
        var position = column
        for glyph in GlyphMaker.glyphs(of: InertText.sanitized(text)) where glyph.kind != .lineBreak {
            let shown = glyph.kind == .tab ? " " : glyph.text
            let glyphWidth = glyph.kind == .tab ? 1 : glyph.width
            if position + glyphWidth > limit { break }
            if position >= 0 {
                set(position, row, Cell(shown, style: style))
                for extra in 1..<max(1, glyphWidth) { set(position + extra, row, .continuation(style: style)) }
            }
            position += glyphWidth
        }
        return position
    }

    /// Draws `text` ending at the right edge of `row`.
    public mutating func writeRight(_ text: String, _ row: Int, _ style: Style) {
        write(text, max(0, width - DisplayWidthOf.text(text)), row, style)
    }
}

/// The width of untrusted text as drawn (after placeholders).
public enum DisplayWidthOf {
    /// Cells `text` takes once made inert.
    public static func text(_ text: String) -> Int {
        GlyphMaker.glyphs(of: InertText.sanitized(text)).reduce(0) { $0 + ($1.kind == .lineBreak ? 0 : $1.kind == .tab ? 1 : $1.width) }
    }

    /// `text` cut to at most `width` cells, with `…` when cut.
    public static func truncated(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        let safe = InertText.sanitized(text)
        if self.text(safe) <= width { return safe }
        var result = "", used = 0
        for character in safe {
            let characterWidth = CharacterWidth.of(character)
            if used + characterWidth > width - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }
}
