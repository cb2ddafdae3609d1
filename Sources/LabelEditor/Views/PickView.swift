import LabelCells
import LabelConfig
import LabelCore

/// The label list of PICK mode, at the bottom of the item view: each label's key and name,
/// the last used one marked for Enter, the typed filter, and the highlighted row; long lists
/// scroll to keep the highlight in view.
struct PickView {
    let editor: Editor
    let kind: LabelKind

    func render(into canvas: inout Canvas) {
        let theme = editor.theme
        let set = editor.settings.labels(kind)
        let choices = editor.pickChoices(kind)
        let last = editor.picker.lastUsed[kind]
        let highlighted = editor.pickHighlight ?? choices.firstIndex { $0.label.name == last }
        let rows = max(1, choices.count)
        let height = min(canvas.height, rows + 2)
        let title = " \(kind == .boxes ? "Box" : kind == .spans ? "Span" : "Class") label: key, or type to filter, ↑↓ Enter (⏎ = last used), Esc cancels"
        let width = min(canvas.width, max(DisplayWidthOf.text(title) + 1, (set.labels.map { DisplayWidthOf.text($0.name) }.max() ?? 0) + 12))
        canvas.drawing(x: 0, y: canvas.height - height, width: width, height: height) { box in
            box.clear(theme.style("ui.pick"))
            box.write(title, 0, 0, theme.style("ui.pick.title"))
            let visible = max(0, height - 2)
            let first = min(max(0, (highlighted ?? 0) - visible / 2), max(0, choices.count - visible))
            for (row, choice) in choices.dropFirst(first).prefix(visible).enumerated() {
                let y = row + 1
                let isHighlighted = editor.pickHighlight != nil && first + row == highlighted
                var rowStyle = theme.style("ui.pick")
                if isHighlighted { rowStyle = rowStyle.adding(.reverse) }
                let key = editor.pickFilter.isEmpty ? set.key(at: choice.position) ?? " " : " "
                var column = box.write((isHighlighted ? "›" : " ") + key, 0, y, isHighlighted ? rowStyle : theme.style("ui.pick.key"))
                column = box.write(" ██", column, y, Style(foreground: theme.labelColor(position: choice.position, declared: choice.label.color)))
                column = box.write(" " + choice.label.name, column, y, rowStyle)
                if choice.label.name == last { box.write("  ⏎", column, y, theme.style("ui.pick.key")) }
            }
            if choices.isEmpty { box.write(" no label holds \"\(editor.pickFilter)\"", 0, 1, theme.style("ui.pick")) }
            let footer = editor.pickFilter.isEmpty ? "" : " filter: \(editor.pickFilter)  (Backspace edits)"
            if !footer.isEmpty { box.write(footer, 0, height - 1, theme.style("ui.pick.title")) }
        }
    }
}
