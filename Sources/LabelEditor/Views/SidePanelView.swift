import LabelCells
import LabelConfig
import LabelCore
import LabelQuality

/// The side panel: the labels the item can take (key, colour, name), then the item's marks
/// and annotations with the selected one highlighted.
struct SidePanelView {
    let editor: Editor
    /// In REVIEW, the annotations nobody else shares (marked `≠`).
    var disagreements: Set<String> = []

    func render(into canvas: inout Canvas) {
        let theme = editor.theme
        canvas.clear(theme.style("ui.panel"))
        var row = 0
        let kinds: [LabelKind] = editor.file.kind == .image ? [.classes, .boxes] : [.classes, .spans]
        for kind in kinds {
            let set = editor.settings.labels(kind)
            guard !set.labels.isEmpty else { continue }
            let active = activeKind == kind
            canvas.write(kind == .classes ? "Classes" + (set.multi ? " (multi)" : "") : kind == .boxes ? "Boxes" : "Spans", 0, row,
                         active ? theme.style("ui.panel.title").adding(.underline) : theme.style("ui.panel.title"))
            row += 1
            for (position, label) in set.labels.enumerated() where row < canvas.height {
                let key = set.key(at: position) ?? " "
                var column = canvas.write(key, 1, row, theme.style("ui.help.key"))
                column += 1
                let color = theme.labelColor(position: position, declared: label.color)
                column = canvas.write("██", column, row, Style(foreground: color))
                canvas.write(" " + label.name, column, row, theme.style("ui.panel"), maxWidth: canvas.width - column)
                row += 1
            }
            row += 1
        }
        guard row < canvas.height else { return }
        if editor.reviewing {
            // The legend: whose work each colour is (the names come from the sidecar).
            let people = editor.itemAnnotators
            if !people.isEmpty {
                canvas.write("Annotators", 0, row, theme.style("ui.panel.title"))
                row += 1
                for person in people where row < canvas.height {
                    let column = canvas.write("██", 1, row, Style(foreground: editor.annotatorColor(person)))
                    canvas.write(" " + person + (person == editor.annotator ? " (you)" : ""), column, row, theme.style("ui.panel"), maxWidth: canvas.width - column)
                    row += 1
                }
                row += 1
            }
        }
        guard row < canvas.height else { return }
        canvas.write("Item", 0, row, theme.style("ui.panel.title"))
        row += 1
        for mark in editor.itemMarks where row < canvas.height {
            let who = mark.author.map { " (\($0))" } ?? ""
            if mark.state == .done {
                canvas.write("✓ done" + who, 1, row, theme.style("ui.panel.done"))
            } else if mark.state == .flagged {
                canvas.write("⚑ " + (mark.note ?? "flagged") + who, 1, row, theme.style("ui.panel.flagged"))
            }
            row += 1
        }
        let annotations = editor.itemAnnotations
        // Several people on one item: whether they agree, without their names or labels.
        let agreement = editor.itemAgreement
        for line in agreement.lines where row < canvas.height {
            canvas.write(line, 1, row, theme.style(agreement.differences.isEmpty ? "ui.panel" : "ui.panel.flagged"), maxWidth: canvas.width - 1)
            row += 1
        }
        if annotations.isEmpty && row < canvas.height {
            canvas.write("no annotations", 1, row, theme.style("ui.text.dim"))
            return
        }
        for annotation in annotations {
            guard row < canvas.height else {
                canvas.write("…", canvas.width - 1, canvas.height - 1, theme.style("ui.panel"))
                break
            }
            let selected = annotation.id == editor.selectedID
            let kind = LabelKind(annotationType: annotation.shape.typeName) ?? .classes
            let color = editor.reviewing ? editor.annotatorColor(annotation.author) : editor.labelColor(annotation.label, kind: kind)
            var style = annotation.isSuggestion ? theme.style("ui.panel.suggestion") : theme.style("ui.panel")
            if selected { style = theme.style("ui.panel.selected") }
            if selected { canvas.grid.fill(x: canvas.x, y: canvas.y + row, width: canvas.width, height: 1, with: Cell(" ", style: style)) }
            var column = canvas.write(selected ? "▶" : " ", 0, row, style)
            column = canvas.write("■", column, row, style.foreground(color))
            canvas.write(" " + summary(annotation) + (disagreements.contains(annotation.id) ? " ≠" : ""), column, row, style, maxWidth: canvas.width - column)
            row += 1
        }
    }

    /// The label kind being worked on in this mode, underlined in the panel.
    var activeKind: LabelKind? {
        switch editor.mode {
        case .classes: return .classes
        case .box: return .boxes
        case .span: return .spans
        case .polygon: return .polygons
        case .keypoints: return .keypoints
        case .mask: return .masks
        case .pick(let kind, _): return kind
        default: return nil
        }
    }

    func summary(_ annotation: Annotation) -> String {
        var text = annotation.label
        switch annotation.shape {
        case .box(let box): text += " \(box.width)×\(box.height)"
        case .span(let span): text += " “\(DisplayWidthOf.truncated(span.text, to: 14))”"
        case .classification: text = "class " + text
        case .polygon(let polygon): text = "▱ " + text + " \(polygon.points.count) pts"
        case .keypoints(let set): text = "⁘ " + text + " \(set.labeledCount)/\(set.points.count)"
        case .mask: text = "▦ " + text + " mask"
        case .other(let type): text = type + " " + text
        }
        if annotation.isSuggestion { text += " ?" + (annotation.score.map { " " + String(format2: $0) } ?? "") }
        if editor.reviewing, !annotation.isSuggestion, let author = annotation.author { text += " ·" + author }
        return text
    }
}
