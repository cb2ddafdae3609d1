import LabelCells
import LabelConfig
import LabelCore
import LabelText

/// The text view: the item's text soft-wrapped, spans as label-coloured backgrounds, the
/// selection, the cursor; a record is shown with its neighbours dimmed above and below.
struct TextItemView {
    let editor: Editor
    let item: TextItem

    func render(into canvas: inout Canvas) {
        let theme = editor.theme
        canvas.clear(theme.style("ui.text"))
        if let problem = item.problem {
            canvas.write("record \((item.record ?? 0) + 1) has no text: \(problem)", 1, 1, theme.style("ui.message.error"), maxWidth: canvas.width - 2)
            return
        }
        let width = canvas.width, height = canvas.height
        let layout = item.layout(width: width)
        let shown = Array(layout.lines.dropFirst(item.top).prefix(height))
        var row = 0
        if item.record != nil && shown.count < height {
            // Room to spare: neighbours dimmed around the record.
            let spare = height - shown.count
            let above = neighbourLines(before: true, width: width, count: min(spare / 3, 6))
            for line in above {
                draw(line, row: row, style: theme.style("ui.text.dim"), into: &canvas)
                row += 1
            }
        }
        let firstRow = row
        for line in shown {
            draw(line, row: row, style: theme.style("ui.text"), into: &canvas)
            row += 1
        }
        decorate(layout: layout, firstRow: firstRow, into: &canvas)
        if item.record != nil && row < height {
            for line in neighbourLines(before: false, width: width, count: height - row) {
                draw(line, row: row, style: theme.style("ui.text.dim"), into: &canvas)
                row += 1
            }
        }
    }

    /// Display lines of the records just before (their last lines) or after this one.
    func neighbourLines(before: Bool, width: Int, count: Int) -> [DisplayLine] {
        guard count > 0, let record = item.record else { return [] }
        var lines: [DisplayLine] = []
        var neighbour = before ? record - 1 : record + 1
        while lines.count < count, neighbour >= 0, let text = item.source.record(neighbour) {
            let layout = TextLayout(text: text.problem.map { "(\($0))" } ?? text.text, width: width)
            if before {
                lines = Array(layout.lines.suffix(count - lines.count)) + lines
                neighbour -= 1
            } else {
                lines += layout.lines.prefix(count - lines.count)
                neighbour += 1
            }
        }
        return lines
    }

    func draw(_ line: DisplayLine, row: Int, style: Style, into canvas: inout Canvas) {
        var column = 0
        let placeholder = editor.theme.style("ui.text.placeholder")
        for glyph in line.glyphs where glyph.kind != .lineBreak {
            let glyphStyle = glyph.kind == .placeholder ? placeholder : style
            if glyph.kind == .tab {
                for offset in 0..<glyph.width { canvas.set(column + offset, row, Cell(" ", style: glyphStyle)) }
            } else if glyph.kind == .placeholder {
                for (offset, character) in glyph.text.enumerated() { canvas.set(column + offset, row, Cell(String(character), style: glyphStyle)) }
            } else {
                canvas.set(column, row, Cell(glyph.text, style: glyphStyle))
                for extra in 1..<max(1, glyph.width) { canvas.set(column + extra, row, .continuation(style: glyphStyle)) }
            }
            column += glyph.width
        }
    }

    /// Spans, the selection and the cursor over the drawn lines.
    func decorate(layout: TextLayout, firstRow: Int, into canvas: inout Canvas) {
        let theme = editor.theme
        let visible = item.top..<(item.top + canvas.height - firstRow)
        func paint(_ range: Range<Int>, _ change: (inout Style) -> Void) {
            for piece in layout.cells(covering: range) where visible.contains(piece.line) {
                for column in piece.columns { canvas.restyle(column, firstRow + piece.line - item.top, change) }
            }
        }
        // Only the spans that reach the laid-out text are painted (a whole file may hold thousands).
        let shownRange = (layout.lines.first?.codePoints.lowerBound ?? 0)..<(layout.lines.last?.codePoints.upperBound ?? 0)
        let spans = editor.itemAnnotations.compactMap { annotation in
            annotation.span.flatMap { $0.start < shownRange.upperBound && $0.end > shownRange.lowerBound ? (annotation, $0) : nil }
        }
        var covered: [Int: Int] = [:]
        // Longer spans first, so nested ones are painted on top and stay visible.
        for (annotation, span) in spans.sorted(by: { $0.1.end - $0.1.start > $1.1.end - $1.1.start }) {
            let color = editor.reviewing ? editor.annotatorColor(annotation.author) : editor.labelColor(annotation.label, kind: .spans)
            let selected = annotation.id == editor.selectedID
            // Without colour, the theme's span attributes (underline) mark spans, and the
            // selected one is shown reversed: visible with attributes alone.
            let monochrome = color == .terminalDefault
            let spanAttributes = theme.style("label.span").attributes
            paint(span.start..<span.end) { style in
                style.background = color
                style.foreground = editor.contrasting(color)
                if monochrome { style.attributes.formUnion(spanAttributes.isEmpty ? .underline : spanAttributes) }
                if annotation.isSuggestion { style.attributes.insert(.italic) }
                if selected { style.attributes.formUnion(monochrome ? [.bold, .underline, .reverse] : [.bold, .underline]) }
            }
            for offset in span.start..<span.end { covered[offset, default: 0] += 1 }
        }
        // Search matches on screen, in the theme's search style (`:noh` clears them).
        if let pattern = editor.search, !shownRange.isEmpty, let search = try? TextSearch(source: item.source, pattern: pattern) {
            let highlight = theme.style("ui.search")
            for match in search.matches(in: item.substring(shownRange)) {
                paint((match.lowerBound + shownRange.lowerBound)..<(match.upperBound + shownRange.lowerBound)) { style in
                    if highlight.background != .terminalDefault { style.background = highlight.background }
                    if highlight.foreground != .terminalDefault { style.foreground = highlight.foreground }
                    style.attributes.formUnion(highlight.attributes)
                }
            }
        }
        // Where spans overlap, an underline tells them apart.
        for (offset, depth) in covered where depth > 1 { paint(offset..<(offset + 1)) { $0.attributes.insert(.underline) } }
        if case .span(let draft) = editor.mode {
            let selection = theme.style("ui.selection")
            paint(item.selection(draft)) { style in
                style.background = selection.background
                style.foreground = selection.foreground
                style.attributes.formUnion(selection.attributes)
            }
        }
        if let location = layout.location(of: item.cursor), visible.contains(location.line) {
            let cursor = theme.style("ui.cursor")
            let row = firstRow + location.line - item.top
            if location.column < canvas.width {
                if canvas.cell(location.column, row).text.isEmpty { canvas.set(location.column, row, Cell(" ", style: cursor)) }
                canvas.restyle(location.column, row) { style in
                    style.foreground = cursor.foreground
                    style.background = cursor.background
                    style.attributes.formUnion(cursor.attributes)
                }
            }
        }
    }
}
