import LabelCells
import LabelConfig
import LabelCore
import LabelImaging

/// Polygons, skeletons and masks on the picture (DESIGN §11), drawn like boxes: in the label's
/// colour at half-cell precision, the selected one thick, suggestions dashed; without colour,
/// with characters and a pattern.
extension ImageItemView {
    /// The shape being drawn or edited in this mode, if any (drawn as its draft, not as saved).
    var shapeBeingEdited: String? {
        switch editor.mode {
        case .polygon(let draft): return draft.editing
        case .keypoints(let draft): return draft.editing
        case .mask(let draft): return draft.editing
        default: return nil
        }
    }

    /// Draws the saved shapes: masks first (underneath), then polygons and skeletons.
    func drawShapes(_ annotations: [Annotation], into overlay: inout PixelOverlay) {
        let editing = shapeBeingEdited
        let shown = annotations.filter { $0.shape.isDrawnShape && $0.id != editing }
        for annotation in shown where annotation.mask != nil { drawMask(annotation, into: &overlay) }
        for annotation in shown where annotation.mask == nil && annotation.id != editor.selectedID { drawOutline(annotation, selected: false, into: &overlay) }
        if let selected = shown.first(where: { $0.id == editor.selectedID && $0.mask == nil }) { drawOutline(selected, selected: true, into: &overlay) }
    }

    /// The colour a shape is drawn in: its label's, or in REVIEW its annotator's.
    func color(of annotation: Annotation) -> Color {
        editor.reviewing ? editor.annotatorColor(annotation.author) : editor.labelColor(annotation.label, kind: annotation.shape.labelKind ?? .polygons)
    }

    /// The tag a shape carries: its label, whose it is in REVIEW, a suggestion's score.
    func tagText(_ annotation: Annotation) -> String {
        var tag = annotation.label
        if editor.reviewing, !annotation.isSuggestion {
            tag += "·" + (annotation.author ?? "?")
            if disagreements.contains(annotation.id) { tag += " ≠" }
        }
        if annotation.isSuggestion { tag += "?" + (annotation.score.map { String(format2: $0) } ?? "") }
        return tag
    }

    func drawOutline(_ annotation: Annotation, selected: Bool, into overlay: inout PixelOverlay) {
        let monochrome = editor.drawsWithoutColor
        let color = color(of: annotation)
        switch annotation.shape {
        case .polygon(let polygon):
            drawPolygon(polygon.points, closed: true, color: color, selected: selected, dashed: annotation.isSuggestion, monochrome: monochrome, into: &overlay)
        case .keypoints(let set):
            drawSkeleton(set, color: color, selected: selected, dashed: annotation.isSuggestion, monochrome: monochrome, into: &overlay)
        default:
            return
        }
        guard let bounds = annotation.regionBounds else { return }
        var style = monochrome ? Style(attributes: [.reverse, .bold]) : Style(foreground: editor.contrasting(color), background: color, attributes: .bold)
        if selected { style.attributes.insert(.underline) }
        overlay.tag(tagText(annotation), for: bounds, style: style)
    }

    /// A polygon's edges (closed, or open while it is being drawn) and, when selected, its vertices.
    func drawPolygon(_ points: [ShapePoint], closed: Bool, color: Color, selected: Bool, dashed: Bool, monochrome: Bool,
                     selectedVertex: Int? = nil, into overlay: inout PixelOverlay) {
        let display = points.map { overlay.viewport.displayPoint(x: $0.x, y: $0.y) }
        guard !display.isEmpty else { return }
        let edges = closed ? display.count : display.count - 1
        for index in 0..<max(0, edges) {
            let from = display[index], to = display[(index + 1) % display.count]
            if monochrome {
                overlay.markLine(selected ? "•" : "·", from: from, to: to, style: Style(attributes: selected ? .bold : []), dashed: dashed)
            } else {
                overlay.line(from: from, to: to, color: color, thick: selected, dashed: dashed)
            }
        }
        guard selected || selectedVertex != nil || !closed else { return }
        for (index, point) in display.enumerated() {
            if monochrome {
                overlay.mark(index == selectedVertex ? "◆" : "◇", at: point, style: Style(attributes: [.bold]))
            } else {
                overlay.dot(at: point, color: index == selectedVertex ? .rgb(.white) : color, large: index == selectedVertex)
            }
        }
    }

    /// A skeleton: its edges between placed points, and the points (hidden ones small).
    func drawSkeleton(_ set: KeypointSet, color: Color, selected: Bool, dashed: Bool, monochrome: Bool, current: Int? = nil,
                      into overlay: inout PixelOverlay) {
        let display = set.points.map { overlay.viewport.displayPoint(x: $0.x, y: $0.y) }
        for edge in editor.settings.skeleton(named: set.skeleton)?.edges ?? [] where edge.count == 2 {
            guard set.points.indices.contains(edge[0]), set.points.indices.contains(edge[1]),
                  set.points[edge[0]].isLabeled, set.points[edge[1]].isLabeled else { continue }
            if monochrome {
                overlay.markLine("·", from: display[edge[0]], to: display[edge[1]], style: Style(attributes: selected ? .bold : []), dashed: dashed)
            } else {
                overlay.line(from: display[edge[0]], to: display[edge[1]], color: color, thick: selected, dashed: dashed)
            }
        }
        for (index, point) in set.points.enumerated() where point.isLabeled {
            if monochrome {
                overlay.mark(point.visibility == .visible ? "●" : "○", at: display[index], style: Style(attributes: index == current ? [.bold, .reverse] : [.bold]))
            } else {
                overlay.dot(at: display[index], color: index == current ? .rgb(.white) : color, large: point.visibility == .visible || index == current)
            }
        }
    }

    /// A mask as a translucent tint of its colour over the picture (a pattern without colour).
    func drawMask(_ annotation: Annotation, into overlay: inout PixelOverlay) {
        guard let mask = annotation.mask, let bitmap = item.maskBitmap(annotation.id, mask) else { return }
        let selected = annotation.id == editor.selectedID
        drawMaskPixels(bitmap, color: color(of: annotation), alpha: selected ? 0.6 : annotation.isSuggestion ? 0.25 : 0.4, into: &overlay)
        // The box comes from the runs: scanning the pixels every frame would cost a whole picture.
        if let bounds = mask.bounds {
            let color = color(of: annotation)
            var style = editor.drawsWithoutColor ? Style(attributes: [.reverse, .bold]) : Style(foreground: editor.contrasting(color), background: color, attributes: .bold)
            if selected { style.attributes.insert(.underline) }
            overlay.tag(tagText(annotation), for: bounds, style: style)
        }
    }

    /// Tints every display pixel whose image pixel is on in `bitmap`.
    func drawMaskPixels(_ bitmap: Bitmap, color: Color, alpha: Double, into overlay: inout PixelOverlay) {
        let monochrome = editor.drawsWithoutColor
        // The mapping is the same along each axis: found once per column and per display row.
        let viewport = overlay.viewport
        let columns = (0..<overlay.canvas.width).map { viewport.imageColumn(displayX: $0) ?? -1 }
        let displayRows = (0..<overlay.canvas.height * 2).map { viewport.imageRow(displayY: $0) ?? -1 }
        guard let firstColumn = columns.firstIndex(where: { $0 >= 0 }) else { return }
        // Rows or columns whose image pixels hold nothing are skipped whole.
        let lastColumn = columns.lastIndex { $0 >= 0 } ?? firstColumn
        for row in 0..<overlay.canvas.height {
            let upperY = displayRows[row * 2], lowerY = displayRows[row * 2 + 1]
            guard upperY >= 0 || lowerY >= 0 else { continue }
            for column in firstColumn...lastColumn {
                let x = columns[column]
                guard x >= 0 else { continue }
                let upper = upperY >= 0 && bitmap[x, upperY]
                let lower = lowerY >= 0 && bitmap[x, lowerY]
                guard upper || lower else { continue }
                if monochrome {
                    // A hatch on every other cell: the picture's shades still show between.
                    if (row + column) % 2 == 0 { overlay.putOverPicture("╱", column, row, .plain) }
                    continue
                }
                if upper { overlay.tint(column, row * 2, color, alpha: alpha) }
                if lower { overlay.tint(column, row * 2 + 1, color, alpha: alpha) }
            }
        }
    }

    /// The shape being drawn in POLYGON, KEYPOINTS or MASK mode.
    func drawDraft(into overlay: inout PixelOverlay) {
        let monochrome = editor.drawsWithoutColor
        var highlight = editor.theme.style("ui.selection").background
        if highlight == .terminalDefault { highlight = .rgb(.white) }
        switch editor.mode {
        case .polygon(let draft):
            drawPolygon(draft.points, closed: draft.editing != nil, color: highlight, selected: true, dashed: false, monochrome: monochrome,
                        selectedVertex: draft.selectedVertex ?? -1, into: &overlay)
            // The edge the next vertex would make, from the last vertex to the cursor.
            if draft.editing == nil, let last = draft.points.last {
                let cursor = ShapePoint.centre(ofPixel: item.cursor.x, item.cursor.y)
                let from = overlay.viewport.displayPoint(x: last.x, y: last.y), to = overlay.viewport.displayPoint(x: cursor.x, y: cursor.y)
                if monochrome { overlay.markLine("·", from: from, to: to, style: .plain, dashed: true) } else { overlay.line(from: from, to: to, color: highlight, thick: false, dashed: true) }
            }
        case .keypoints(let draft):
            let set = KeypointSet(skeleton: draft.skeleton.name, points: draft.points)
            drawSkeleton(set, color: highlight, selected: true, dashed: false, monochrome: monochrome, current: draft.index, into: &overlay)
        case .mask(let draft):
            // The colour of the label it will most likely get: its own, the last one used, the first.
            let label = draft.label ?? editor.picker.lastUsed[.masks] ?? editor.settings.masks.labels.first?.name
            let color: Color = label.map { editor.labelColor($0, kind: .masks) } ?? highlight
            drawMaskPixels(draft.canvas.bitmap, color: color, alpha: 0.5, into: &overlay)
        default:
            break
        }
    }
}
