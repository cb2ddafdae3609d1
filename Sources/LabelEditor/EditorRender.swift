import Dispatch
import LabelCells
import LabelConfig
import LabelCore
import LabelText

extension Editor {
    /// The layout of the current terminal size.
    var screenLayout: ScreenLayout { ScreenLayout(columns: columns, rows: rows) }

    /// The item view's size in cells.
    var viewArea: (width: Int, height: Int) { (max(1, screenLayout.view.width), max(1, screenLayout.view.height)) }

    /// Rows of text the view shows.
    var contentRows: Int { viewArea.height }

    /// How long (milliseconds) to hold the next frame back because the picture on screen is
    /// about to arrive: a decode that finishes soon then costs one frame, not a "decoding…"
    /// frame and then the picture. 0 when the frame should be shown now.
    public var frameDeferral: Int {
        guard let image = imageItem, image.size != nil else { return 0 }
        prepareFrame()
        guard let since = image.awaitingSince, !pictures.isReady(image.path, minimumSize: image.neededSize) else { return 0 }
        let waited = Int((DispatchTime.now().uptimeNanoseconds &- since) / 1_000_000)
        return waited < 100 ? 100 - waited : 0
    }

    /// What a frame needs before anything is drawn: the picture's viewport laid out for the
    /// view, the picture asked for (a decode starts when none is ready, and the wait is timed),
    /// the text scrolled to the cursor. The views then only draw what they are given.
    func prepareFrame() {
        let area = viewArea
        if let image = imageItem, image.size != nil {
            image.layout(columns: area.width, rows: area.height)
            image.status = pictures.picture(image.path, minimumSize: image.neededSize)
            if case .loading = image.status {
                if image.awaitingSince == nil { image.awaitingSince = DispatchTime.now().uptimeNanoseconds }
            } else {
                image.awaitingSince = nil
            }
        }
        if let text = textItem, text.problem == nil { text.scrollToCursor(width: area.width, rows: area.height) }
        // REVIEW's colours go to the item's annotators in name order before anything is drawn.
        if reviewing { assignAnnotatorColors() }
    }

    /// The whole screen as a cell grid (the frame is prepared first).
    public func render() -> CellGrid {
        prepareFrame()
        // What nobody else shares, found once for the picture and the panel.
        let disagreements = reviewing ? reviewDisagreements : []
        var canvas = Canvas(grid: CellGrid(width: columns, height: rows, fill: Cell(" ", style: theme.style("ui.background"))))
        let layout = screenLayout
        canvas.drawing(x: layout.view.x, y: layout.view.y, width: layout.view.width, height: layout.view.height) { renderItem(into: &$0, disagreements: disagreements) }
        if let panelArea = layout.panel {
            for row in 0..<panelArea.height { canvas.set(panelArea.x - 1, row, Cell("│", style: theme.style("ui.panel.border"))) }
            canvas.drawing(x: panelArea.x, y: panelArea.y, width: panelArea.width, height: panelArea.height) { SidePanelView(editor: self, disagreements: disagreements).render(into: &$0) }
        }
        if case .pick(let kind, _) = mode {
            canvas.drawing(x: layout.view.x, y: layout.view.y, width: layout.view.width, height: layout.view.height) {
                PickView(editor: self, kind: kind).render(into: &$0)
            }
        }
        if case .help(let scroll) = mode {
            canvas.drawing(x: 0, y: 0, width: columns, height: max(1, rows - 1)) { HelpView(editor: self, scroll: scroll).render(into: &$0) }
        }
        if let statusRow = layout.statusRow { StatusLineView(editor: self).render(into: &canvas, row: statusRow) }
        renderBottomLine(into: &canvas, row: layout.bottomRow)
        return canvas.grid
    }

    func renderItem(into canvas: inout Canvas, disagreements: Set<String>) {
        if let image = imageItem {
            ImageItemView(editor: self, item: image, disagreements: disagreements).render(into: &canvas)
        } else if let text = textItem {
            TextItemView(editor: self, item: text).render(into: &canvas)
        } else {
            let reason = catalog.textError(location.file) ?? "\(file.relativePath) cannot be shown"
            canvas.write(reason, 1, 1, theme.style("ui.message.error"))
        }
    }

    func renderBottomLine(into canvas: inout Canvas, row: Int) {
        let style = theme.style("ui.commandline")
        canvas.grid.fill(x: 0, y: row, width: columns, height: 1, with: Cell(" ", style: style))
        if case .command(let line) = mode {
            let promptEnd = canvas.write(line.prompt, 0, row, style)
            let characters = Array(line.text)
            // Keep the cursor in view on long lines.
            let room = max(1, columns - promptEnd - 1)
            let first = max(0, line.cursor - room + 1)
            let shown = String(characters[min(first, characters.count)...].prefix(room))
            canvas.write(shown, promptEnd, row, style)
            let cursorColumn = promptEnd + DisplayWidthOf.text(String(characters[min(first, characters.count)..<min(line.cursor, characters.count)]))
            let under = line.cursor < characters.count ? String(characters[line.cursor]) : " "
            canvas.set(cursorColumn, row, Cell(InertText.sanitized(under), style: theme.style("ui.cursor")))
            return
        }
        var right = ""
        if let count { right = String(count) }
        if !input.keys.isEmpty { right += input.keys.map(\.description).joined(separator: " ") }
        if let message {
            let scope = message.kind == .error ? "ui.message.error" : message.kind == .warning ? "ui.message.warning" : "ui.message.info"
            canvas.write(DisplayWidthOf.truncated(message.text, to: max(1, columns - right.count - 1)), 0, row, theme.style(scope))
        }
        if !right.isEmpty { canvas.writeRight(right, row, style) }
    }

    /// The colour of a label of `kind` (its own, or the theme's palette by position).
    func labelColor(_ name: String, kind: LabelKind) -> Color {
        let set = settings.labels(kind)
        // Undeclared labels get a colour from a hash that is the same in every run (Swift's
        // hashValue is seeded per process, and abs(Int.min) traps).
        let position = set.labels.firstIndex { $0.name == name } ?? Int(StableHash.fnv1a(name) % 97)
        return theme.labelColor(position: position, declared: set.labels.first { $0.name == name }?.color)
    }

    /// Whether pictures' overlays must do without colour (no colour on the terminal, or a theme
    /// without a label palette): boxes are then framed with line drawing.
    var drawsWithoutColor: Bool {
        environment.colorDepth == .none || theme.labelColor(position: 0, declared: nil) == .terminalDefault
    }

    /// Black or white, whichever reads better on `color`.
    func contrasting(_ color: Color) -> Color {
        if case .rgb(let rgb) = color { return rgb.luminance > 0.5 ? .rgb(16, 16, 16) : .rgb(240, 240, 240) }
        return .terminalDefault
    }
}

/// A hash of text that is the same in every process (FNV-1a over UTF-8).
enum StableHash {
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
