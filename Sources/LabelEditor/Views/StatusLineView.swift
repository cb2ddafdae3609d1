import LabelCells
import LabelCore

/// The status line: mode, file and item i/N, labeled count and percentage, annotator, and for
/// pictures the cursor position and zoom.
struct StatusLineView {
    let editor: Editor

    func render(into canvas: inout Canvas, row: Int) {
        let theme = editor.theme
        let base = theme.style("ui.statusline")
        canvas.grid.fill(x: 0, y: row, width: canvas.width, height: 1, with: Cell(" ", style: base))
        let modeName = editor.mode.title
        let modeStyle = theme.style("ui.statusline.mode." + editor.mode.keymapMode.rawValue)
        var column = canvas.write(" \(modeName) ", 0, row, modeStyle)
        if let reason = editor.store.readOnlyReason(editor.file.path) {
            column = canvas.write(" READ-ONLY ", column, row, theme.style("ui.statusline.readonly"))
            _ = reason
        }
        let position = editor.catalog.position(of: editor.location)
        let total = position.exact ? "\(position.total)" : "~\(position.total)"
        // Labeled: items with an accepted annotation or a done mark (a class per picture in
        // triage counts, as does a true negative marked done).
        let labeled = editor.doneItems.union(editor.annotatedItems).count
        let percent = position.total > 0 ? labeled * 100 / position.total : 0
        var right = "\(position.index)/\(total)  labeled \(labeled) (\(percent)%)  \(editor.annotator) "
        if let image = editor.imageItem, let viewport = image.viewport {
            right = "\(image.cursor.x),\(image.cursor.y)  \(viewport.zoomDescription)  " + right
        } else if let text = editor.textItem {
            // The labels of the spans under the cursor.
            let under = editor.itemAnnotations.compactMap { annotation -> String? in
                guard let span = annotation.span, span.start <= text.cursor, text.cursor < span.end else { return nil }
                return annotation.label
            }
            right = (under.isEmpty ? "" : "[\(under.joined(separator: " "))] ") + "@\(text.cursor)  " + right
        }
        var name = " " + editor.file.relativePath
        if let record = editor.location.record { name += " #\(record + 1)" }
        let room = canvas.width - column - DisplayWidthOf.text(right) - 1
        canvas.write(DisplayWidthOf.truncated(name, to: max(0, room)), column, row, base)
        if DisplayWidthOf.text(right) < canvas.width - column { canvas.writeRight(right, row, base) }
    }
}
