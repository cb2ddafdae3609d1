import LabelCells
import LabelCore
import LabelImaging

/// The picture on screen: its size, the viewport onto it and the crosshair cursor, in image
/// pixels of the upright picture.
final class ImageItem {
    let path: String
    /// The upright size, from the header (no decoding needed).
    let size: ImageSize?
    let error: String?
    var viewport: Viewport?
    var cursor: (x: Int, y: Int)
    /// The picture as the frame being drawn shows it (set when the frame is prepared).
    var status: PictureCache.Status = .loading
    /// When the picture on screen started decoding, if it is not ready yet (monotonic nanoseconds).
    var awaitingSince: UInt64?
    /// The full-size picture, decoded on first need by edge snapping (views use the cache).
    var fullPicture: PixelImage?
    /// The picture's cells for the last viewport drawn (redrawn only when the view changes).
    var rendered: (key: RenderKey, grid: LabelCells.CellGrid)?
    /// Masks' pixels, decoded once per annotation while its counts stay the same.
    private var masks: [String: (mask: MaskRLE, bitmap: Bitmap?)] = [:]

    init(path: String) {
        self.path = path
        do {
            let header = try ImageHeader.read(path)
            size = header.uprightSize
            error = nil
        } catch {
            size = nil
            self.error = error.description
        }
        cursor = ((size?.width ?? 1) / 2, (size?.height ?? 1) / 2)
    }

    /// The pixels of mask annotation `id` (nil when its counts are not valid RLE).
    func maskBitmap(_ id: String, _ mask: MaskRLE) -> Bitmap? {
        if let cached = masks[id], cached.mask == mask { return cached.bitmap }
        let bitmap = mask.bitmap()
        masks[id] = (mask, bitmap)
        return bitmap
    }

    /// Fits or resizes the viewport to a view of `columns` × `rows` cells.
    func layout(columns: Int, rows: Int) {
        guard let size else { return }
        if var viewport {
            if viewport.columns != columns || viewport.rows != rows {
                viewport.resize(columns: columns, rows: rows)
                viewport.ensureVisible(x: cursor.x, y: cursor.y)
                self.viewport = viewport
            }
        } else {
            viewport = Viewport(imageSize: size, columns: columns, rows: rows)
        }
    }

    /// Moves the cursor by whole pixels, kept inside the picture, the view following it.
    func moveCursor(dx: Int, dy: Int) {
        guard let size else { return }
        cursor = (min(max(0, cursor.x + dx), size.width - 1), min(max(0, cursor.y + dy), size.height - 1))
        viewport?.ensureVisible(x: cursor.x, y: cursor.y)
    }

    /// Puts the cursor at a pixel.
    func place(x: Int, y: Int) {
        guard let size else { return }
        cursor = (min(max(0, x), size.width - 1), min(max(0, y), size.height - 1))
        viewport?.ensureVisible(x: cursor.x, y: cursor.y)
    }

    /// How many image pixels one step of `H J K L` moves: ten, or one cell at low zoom.
    var farStep: Int {
        guard let viewport else { return 10 }
        return max(10, Int((1 / viewport.scale).rounded(.up)))
    }

    /// The smallest decode that shows the current zoom without loss (nil: full size).
    var neededSize: ImageSize? {
        guard let viewport, let size, viewport.scale < 1 else { return nil }
        return ImageSize(width: max(1, Int((Double(size.width) * viewport.scale).rounded(.up))),
                         height: max(1, Int((Double(size.height) * viewport.scale).rounded(.up))))
    }
}
