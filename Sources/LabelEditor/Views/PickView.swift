import LabelCells
import LabelConfig
import LabelCore

/// The label list of PICK mode, at the bottom of the item view: each label's key and name,
/// the last used one marked for Enter.
struct PickView {
    let editor: Editor
    let kind: LabelKind

    func render(into canvas: inout Canvas) {
        let theme = editor.theme
        let set = editor.settings.labels(kind)
        let labels = set.labels
        let height = min(canvas.height, labels.count + 2)
        let width = min(canvas.width, max(28, (labels.map { DisplayWidthOf.text($0.name) }.max() ?? 0) + 12))
        var box = canvas.region(x: 0, y: canvas.height - height, width: width, height: height)
        box.clear(theme.style("ui.pick"))
        box.write(" \(kind == .boxes ? "Box" : kind == .spans ? "Span" : "Class") label (Esc cancels)", 0, 0, theme.style("ui.pick.title"))
        let last = editor.lastLabel[kind]
        for (position, label) in labels.enumerated() where position + 1 < height {
            let key = set.key(at: position) ?? " "
            var column = box.write(" " + key, 0, position + 1, theme.style("ui.pick.key"))
            column = box.write(" ██", column, position + 1, Style(foreground: theme.labelColor(position: position, declared: label.color)))
            column = box.write(" " + label.name, column, position + 1, theme.style("ui.pick"))
            if label.name == last { box.write("  ⏎", column, position + 1, theme.style("ui.pick.key")) }
        }
        canvas.grid = box.grid
    }
}
