import LabelConfig
import LabelCore
import LabelInput

extension Editor {
    /// Mouse: on a picture, a click places the cursor (or selects the box under it), a drag
    /// draws a box, the wheel zooms; in POLYGON a click adds a vertex or picks the one under it
    /// (a drag moves it), in KEYPOINTS it places the current point, in MASK it paints (a drag
    /// paints a stroke); in text a click places the cursor.
    func handleMouse(_ event: MouseEvent) {
        let view = screenLayout.view
        let column = event.column - view.x, row = event.row - view.y
        guard column >= 0, row >= 0, column < view.width, row < view.height else { return }
        if textItem != nil {
            if event.kind == .press { placeTextCursor(column: column, row: row, width: view.width) }
            return
        }
        guard let image = imageItem, let viewport = image.viewport,
              let pixel = viewport.imagePixel(column: column, row: row) else { return }
        switch event.kind {
        case .scrollUp:
            image.place(x: pixel.x, y: pixel.y)
            perform(.zoom_in, count: 1)
        case .scrollDown:
            image.place(x: pixel.x, y: pixel.y)
            perform(.zoom_out, count: 1)
        case .press:
            clickPicture(image, x: pixel.x, y: pixel.y)
        case .drag:
            dragOnPicture(image, x: pixel.x, y: pixel.y)
        case .release:
            releaseOnPicture(image, x: pixel.x, y: pixel.y)
        }
    }

    /// The text cursor (a code point of the item's text), when a text item is on screen.
    public var textCursor: Int? { textItem?.cursor }

    /// The picture's pixel under screen cell (`column`, `row`) (its upper half), if the picture is there.
    public func pixel(atColumn column: Int, row: Int) -> (x: Int, y: Int)? {
        let view = screenLayout.view
        return imageItem?.viewport?.imagePixel(column: column - view.x, row: row - view.y)
    }

    func placeTextCursor(column: Int, row: Int, width: Int) {
        guard let text = textItem else { return }
        let layout = text.layout(width: width)
        if let offset = layout.codePoint(line: text.top + row, column: column) {
            text.moveCursor(to: offset)
            afterTextMove()
        }
    }

    func clickPicture(_ image: ImageItem, x: Int, y: Int) {
        switch mode {
        case .polygon(var draft):
            image.place(x: x, y: y)
            if let vertex = vertex(near: (x, y), in: draft, image: image) {
                draft.selectedVertex = vertex
                replaceMode(.polygon(draft))
                message = EditorMessage("vertex \(vertex + 1) of \(draft.points.count): drag it, or move it with the keys")
            } else {
                perform(.add_vertex, count: nil)
            }
            return
        case .keypoints:
            image.place(x: x, y: y)
            perform(.place_keypoint, count: nil)
            return
        case .mask:
            image.place(x: x, y: y)
            perform(.paint, count: nil)
            return
        case .box:
            returnToNormal()
        default:
            break
        }
        image.place(x: x, y: y)
        let hit = smallestBox(containingX: x, y: y)
        selectedID = hit?.id
        if let hit { message = EditorMessage(describe(hit)) }
    }

    /// The smallest box under a pixel (boxes may overlap).
    func smallestBox(containingX x: Int, y: Int) -> Annotation? {
        var best: Annotation?
        var bestArea = Int.max
        for annotation in itemAnnotations {
            guard let box = annotation.box, x >= box.x, x < box.maxX, y >= box.y, y < box.maxY else { continue }
            let area = box.width * box.height
            if area < bestArea {
                best = annotation
                bestArea = area
            }
        }
        return best
    }

    /// The vertex of `draft` shown within a cell of pixel (`x`, `y`), if any.
    func vertex(near pixel: (x: Int, y: Int), in draft: PolygonDraft, image: ImageItem) -> Int? {
        guard let viewport = image.viewport else { return nil }
        let target = viewport.displayPoint(x: Double(pixel.x) + 0.5, y: Double(pixel.y) + 0.5)
        return draft.points.indices.min { a, b in
            let pa = viewport.displayPoint(x: draft.points[a].x, y: draft.points[a].y), pb = viewport.displayPoint(x: draft.points[b].x, y: draft.points[b].y)
            return hypot2(pa, target) < hypot2(pb, target)
        }.flatMap { index in
            let point = viewport.displayPoint(x: draft.points[index].x, y: draft.points[index].y)
            return hypot2(point, target) <= 4 ? index : nil
        }
    }

    private func hypot2(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double { (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) }

    func dragOnPicture(_ image: ImageItem, x: Int, y: Int) {
        if case .polygon(var draft) = mode {
            guard let vertex = draft.selectedVertex, draft.points.indices.contains(vertex) else { return }
            image.place(x: x, y: y)
            draft.points[vertex] = ShapePoint.centre(ofPixel: image.cursor.x, image.cursor.y)
            replaceMode(.polygon(draft))
            return
        }
        if case .mask(var draft) = mode {
            let before = image.cursor
            image.place(x: x, y: y)
            draft.stroke(from: before, to: image.cursor, on: true)
            replaceMode(.mask(draft))
            return
        }
        if case .box(let draft) = mode {
            image.place(x: x, y: y)
            var moved = draft
            moved.corner = image.cursor
            replaceMode(.box(moved))
            return
        }
        guard !settings.boxes.labels.isEmpty else { return }
        let start = image.cursor
        image.place(x: x, y: y)
        enter(.box(BoxDraft(anchor: start, corner: image.cursor)))
        selectedID = nil
    }

    func releaseOnPicture(_ image: ImageItem, x: Int, y: Int) {
        guard case .box(let draft) = mode, draft.editing == nil else { return }
        image.place(x: x, y: y)
        var finished = draft
        finished.corner = image.cursor
        replaceMode(.box(finished))
        if finished.anchor.x != finished.corner.x || finished.anchor.y != finished.corner.y { perform(.finish_box, count: nil) }
    }
}
