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
        let counts = editor.doneIndex.counts
        let labeled = counts.labeled
        let percent = position.total > 0 ? labeled * 100 / position.total : 0
        // While sidecars are still being read the count can only grow.
        let labeledText = counts.complete ? "labeled \(labeled) (\(percent)%)" : "labeled ≥\(labeled)"
        // Each part with how much it matters (0 most): on a narrow terminal the least
        // important go first, and the file name is cut before the item's position goes.
        var parts: [(text: String, rank: Int)] = [("\(position.index)/\(total)", 0), (labeledText, 2), (editor.annotator, 4)]
        if let image = editor.imageItem, let viewport = image.viewport {
            parts.insert(contentsOf: [("\(image.cursor.x),\(image.cursor.y)", 1), (viewport.zoomDescription, 3)], at: 0)
        } else if let text = editor.textItem {
            // The labels of the spans under the cursor.
            let under = editor.itemAnnotations.compactMap { annotation -> String? in
                guard let span = annotation.span, span.start <= text.cursor, text.cursor < span.end else { return nil }
                return annotation.label
            }
            parts.insert(contentsOf: (under.isEmpty ? [] : [("[\(under.joined(separator: " "))]", 1)]) + [("@\(text.cursor)", 3)], at: 0)
        }
        var name = " " + editor.file.relativePath
        if let record = editor.location.record { name += " #\(record + 1)" }
        let minimumName = min(DisplayWidthOf.text(name), 12)
        func rightText() -> String { parts.isEmpty ? "" : parts.map(\.text).joined(separator: "  ") + " " }
        while !parts.isEmpty, DisplayWidthOf.text(rightText()) > canvas.width - column - minimumName - 1,
              let least = parts.indices.max(by: { parts[$0].rank < parts[$1].rank }) {
            parts.remove(at: least)
        }
        let right = rightText()
        let room = canvas.width - column - DisplayWidthOf.text(right) - 1
        canvas.write(DisplayWidthOf.truncated(name, to: max(0, room)), column, row, base)
        if !right.isEmpty, DisplayWidthOf.text(right) < canvas.width - column { canvas.writeRight(right, row, base) }
    }
}
