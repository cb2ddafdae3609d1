import LabelCells
import LabelConfig
import LabelCore
import LabelImaging

/// The picture view: the picture as half blocks, boxes outlined at pixel precision (a display
/// pixel is half a cell) in their label's colour with a name tag, the box being drawn, and the
/// crosshair cursor.
struct ImageItemView {
    let editor: Editor
    let item: ImageItem
    /// In REVIEW, the boxes no other annotator shares (marked `≠`).
    var disagreements: Set<String> = []

    func render(into canvas: inout Canvas) {
        let theme = editor.theme
        let background = theme.style("ui.image.background")
        canvas.clear(background)
        guard item.size != nil else {
            canvas.write(item.error ?? "cannot read the picture", 1, 1, theme.style("ui.message.error"), maxWidth: canvas.width - 2)
            return
        }
        guard let viewport = item.viewport else { return }
        switch item.status {
        case .ready(let picture):
            canvas.grid.paste(cells(picture, viewport: viewport, background: background), x: canvas.x, y: canvas.y)
        case .loading:
            canvas.write("decoding…", max(0, canvas.width / 2 - 5), canvas.height / 2, theme.style("ui.text.dim"))
        case .failed(let reason):
            canvas.write(reason, 1, 1, theme.style("ui.message.error"), maxWidth: canvas.width - 2)
            return
        }
        var overlay = PixelOverlay(canvas: canvas, viewport: viewport)
        let all = editor.itemAnnotations
        drawShapes(all, into: &overlay)
        let annotations = all.filter { $0.box != nil }
        let selected = annotations.first { $0.id == editor.selectedID }
        var editing: String?
        if case .box(let draft) = editor.mode { editing = draft.editing }
        let monochrome = editor.drawsWithoutColor
        for annotation in annotations where annotation.id != selected?.id && annotation.id != editing {
            drawBox(annotation, selected: false, monochrome: monochrome, into: &overlay)
        }
        if let selected, selected.id != editing { drawBox(selected, selected: true, monochrome: monochrome, into: &overlay) }
        if case .box(let draft) = editor.mode {
            if monochrome {
                overlay.frame(draft.geometry, style: theme.style("ui.selection.handle").adding(.bold), heavy: true, dashed: false)
            } else {
                let color = theme.style("ui.selection").background
                overlay.outline(draft.geometry, color: color == .terminalDefault ? .rgb(.white) : color, thick: true, dashed: false)
            }
        }
        drawDraft(into: &overlay)
                if monochrome { drawCursorCell(into: &overlay) } else { drawCrosshair(into: &overlay) }
        canvas.grid = overlay.canvas.grid
    }

    /// The picture's cells for this viewport, reused while neither changes.
    func cells(_ picture: DecodedPicture, viewport: Viewport, background: Style) -> CellGrid {
        let backdrop: RGB
        if case .rgb(let rgb) = background.background { backdrop = rgb } else { backdrop = RGB(32, 32, 32) }
        let key = RenderKey(viewport: viewport, reduction: picture.reduction, width: picture.image.width, depth: editor.environment.colorDepth, backdrop: backdrop)
        if let cached = item.rendered, cached.key == key { return cached.grid }
        let pixels = ViewportSampler.sample(picture, viewport: viewport)
        let grid = HalfBlockRenderer(depth: editor.environment.colorDepth, background: backdrop).render(pixels)
        item.rendered = (key, grid)
        return grid
    }

    func drawBox(_ annotation: Annotation, selected: Bool, monochrome: Bool, into overlay: inout PixelOverlay) {
        guard let box = annotation.box else { return }
        var tag = annotation.label
        // In REVIEW each box says whose it is (colour may be off), and takes its annotator's colour.
        if editor.reviewing, !annotation.isSuggestion {
            tag += "·" + (annotation.author ?? "?")
            if disagreements.contains(annotation.id) { tag += " ≠" }
        }
        if annotation.isSuggestion { tag += "?" + (annotation.score.map { String(format2: $0) } ?? "") }
        if monochrome {
            // Line drawing and attributes alone: heavy lines for the selected box, dashes for
            // suggestions, reversed tags.
            overlay.frame(box, style: selected ? Style(attributes: .bold) : .plain, heavy: selected, dashed: annotation.isSuggestion)
            var style = editor.theme.style("label.tag")
            if style.attributes.isEmpty { style.attributes = .reverse }
            style.attributes.insert(.bold)
            if selected { style.attributes.insert(.underline) }
            overlay.tag(tag, for: box, style: style)
            return
        }
        let color = editor.reviewing ? editor.annotatorColor(annotation.author) : editor.labelColor(annotation.label, kind: .boxes)
        overlay.outline(box, color: color, thick: selected, dashed: annotation.isSuggestion)
        var style = Style(foreground: editor.contrasting(color), background: color, attributes: .bold)
        if selected { style.attributes.insert(.underline) }
        overlay.tag(tag, for: box, style: style)
    }

    /// Without colour, the cursor is its cell reversed with a cross in it.
    func drawCursorCell(into overlay: inout PixelOverlay) {
        let span = overlay.viewport.displaySpan(x: item.cursor.x, y: item.cursor.y)
        let column = span.x.lowerBound, row = span.y.lowerBound / 2
        guard column >= 0, row >= 0, column < overlay.canvas.width, row < overlay.canvas.height else { return }
        overlay.canvas.set(column, row, Cell("┼", style: Style(attributes: [.reverse, .bold])))
    }

    func drawCrosshair(into overlay: inout PixelOverlay) {
        let theme = editor.theme
        var color = theme.style("ui.crosshair").foreground
        if color == .terminalDefault { color = .rgb(255, 215, 95) }
        let span = overlay.viewport.displaySpan(x: item.cursor.x, y: item.cursor.y)
        let arm = 4
        for x in (span.x.lowerBound - arm - 1)..<(span.x.lowerBound - 1) { overlay.paint(x, span.y.lowerBound, color) }
        for x in (span.x.upperBound + 1)..<(span.x.upperBound + arm + 1) { overlay.paint(x, span.y.lowerBound, color) }
        for y in (span.y.lowerBound - arm - 1)..<(span.y.lowerBound - 1) { overlay.paint(span.x.lowerBound, y, color) }
        for y in (span.y.upperBound + 1)..<(span.y.upperBound + arm + 1) { overlay.paint(span.x.lowerBound, y, color) }
        // Zoomed in, the cursor pixel is outlined so its own colour stays visible; while a box
        // is drawn its outline already frames the free corner's pixel, so the cursor's own
        // frame would only hide that pixel's edges.
        if case .box(let draft) = editor.mode, !draft.movingWhole, draft.corner == (item.cursor.x, item.cursor.y), span.x.count >= 4 {
            return
        }
        if span.x.count >= 4 {
            for x in span.x { overlay.paint(x, span.y.lowerBound, color); overlay.paint(x, span.y.upperBound - 1, color) }
            for y in span.y { overlay.paint(span.x.lowerBound, y, color); overlay.paint(span.x.upperBound - 1, y, color) }
        } else {
            for y in span.y { for x in span.x { overlay.paint(x, y, color) } }
        }
    }
}

/// What the picture's cells depend on.
struct RenderKey: Hashable {
    let viewport: Viewport
    let reduction: Int
    let width: Int
    let depth: ColorDepth
    let backdrop: RGB
}

/// Paints single display pixels (half cells) over the picture's cells: each cell is turned
/// into `▀` with its upper and lower colours, and the half is recoloured.
public struct PixelOverlay {
    public var canvas: Canvas
    public let viewport: Viewport

    /// An overlay painting over `canvas`, mapped by `viewport`.
    public init(canvas: Canvas, viewport: Viewport) {
        self.canvas = canvas
        self.viewport = viewport
    }

    /// Paints display pixel (`x`, `y`) of the view, if it is on screen.
    public mutating func paint(_ x: Int, _ y: Int, _ color: Color) {
        guard x >= 0, y >= 0, x < canvas.width, y < canvas.height * 2 else { return }
        let cell = canvas.cell(x, y / 2)
        var upper: Color, lower: Color
        switch cell.text {
        case "▀": upper = cell.style.foreground; lower = cell.style.background
        case "▄": upper = cell.style.background; lower = cell.style.foreground
        case " ": upper = cell.style.background; lower = cell.style.background
        default: return  // text (a tag) stays readable
        }
        if y % 2 == 0 { upper = color } else { lower = color }
        canvas.set(x, y / 2, upper == lower ? Cell(" ", style: Style(background: upper)) : Cell("▀", style: Style(foreground: upper, background: lower)))
    }

    /// Outlines a box on the image pixels it covers, clipped to the view.
    public mutating func outline(_ box: BoxGeometry, color: Color, thick: Bool, dashed: Bool) {
        let start = viewport.displayPixel(x: box.x, y: box.y)
        let end = viewport.displayPixel(x: box.maxX, y: box.maxY)
        let x0 = start.x, y0 = start.y, x1 = max(start.x, end.x - 1), y1 = max(start.y, end.y - 1)
        let clipLeft = max(x0, -1), clipRight = min(x1, canvas.width), clipTop = max(y0, -1), clipBottom = min(y1, canvas.height * 2)
        guard clipLeft <= clipRight, clipTop <= clipBottom else { return }
        for inset in 0..<(thick && x1 - x0 > 2 && y1 - y0 > 2 ? 2 : 1) {
            let left = x0 + inset, right = x1 - inset, top = y0 + inset, bottom = y1 - inset
            for x in max(left, -1)...min(right, canvas.width) where !dashed || (x - left) % 3 != 2 {
                paint(x, top, color)
                paint(x, bottom, color)
            }
            for y in max(top, -1)...min(bottom, canvas.height * 2) where !dashed || (y - top) % 3 != 2 {
                paint(left, y, color)
                paint(right, y, color)
            }
        }
    }

    /// Frames a box with line-drawing characters on the cells it covers (for terminals and
    /// themes without colour): light lines, heavy when `heavy`, dashed when `dashed`.
    public mutating func frame(_ box: BoxGeometry, style: Style, heavy: Bool, dashed: Bool) {
        // The cells of the corner pixels, as the cursor finds them (a pixel covers at least one
        // display pixel, even zoomed out).
        let first = viewport.displaySpan(x: box.x, y: box.y), last = viewport.displaySpan(x: box.maxX - 1, y: box.maxY - 1)
        let left = first.x.lowerBound, right = max(left, last.x.upperBound - 1)
        let top = first.y.lowerBound / 2, bottom = max(top, (last.y.upperBound - 1) / 2)
        guard right >= 0, bottom >= 0, left < canvas.width, top < canvas.height else { return }
        let horizontal = dashed ? (heavy ? "┅" : "┄") : (heavy ? "━" : "─")
        let vertical = dashed ? (heavy ? "┇" : "┆") : (heavy ? "┃" : "│")
        let corners = heavy ? ("┏", "┓", "┗", "┛") : ("┌", "┐", "└", "┘")
        func put(_ text: String, _ x: Int, _ y: Int) {
            guard x >= 0, y >= 0, x < canvas.width, y < canvas.height else { return }
            canvas.set(x, y, Cell(text, style: style))
        }
        if left == right && top == bottom {
            put("□", left, top)
            return
        }
        for x in max(left, 0)...min(right, canvas.width - 1) {
            put(horizontal, x, top)
            put(horizontal, x, bottom)
        }
        if top != bottom {
            for y in max(top, 0)...min(bottom, canvas.height - 1) {
                put(vertical, left, y)
                put(vertical, right, y)
            }
        }
        if left != right && top != bottom {
            put(corners.0, left, top)
            put(corners.1, right, top)
            put(corners.2, left, bottom)
            put(corners.3, right, bottom)
        }
    }

    /// Writes a label tag at the box's top-left corner: above it when there is room, else inside.
    public mutating func tag(_ text: String, for box: BoxGeometry, style: Style) {
        let start = viewport.displayPixel(x: box.x, y: box.y)
        let end = viewport.displayPixel(x: box.maxX, y: box.maxY)
        // A box wholly off screen has no tag on screen either.
        guard end.x > 0, end.y > 0, start.x < canvas.width, start.y < canvas.height * 2 else { return }
        let row = start.y / 2 - 1 >= 0 ? start.y / 2 - 1 : max(0, start.y / 2 + 1)
        let column = min(max(0, start.x), max(0, canvas.width - 1))
        guard row < canvas.height else { return }
        canvas.write(" " + text + " ", column, row, style, maxWidth: canvas.width - column)
    }
}
