import LabelConfig
import LabelCore
import LabelInput

extension Editor {
    /// Mouse: on a picture, a click places the cursor (or selects the box under it), a drag
    /// draws a box, the wheel zooms; in text a click places the cursor.
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

    func placeTextCursor(column: Int, row: Int, width: Int) {
        guard let text = textItem else { return }
        let layout = text.layout(width: width)
        if let offset = layout.codePoint(line: text.top + row, column: column) {
            text.moveCursor(to: offset)
            afterTextMove()
        }
    }

    func clickPicture(_ image: ImageItem, x: Int, y: Int) {
        if case .box = mode { returnToNormal() }
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

    func dragOnPicture(_ image: ImageItem, x: Int, y: Int) {
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
