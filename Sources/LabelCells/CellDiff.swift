/// What changed between two frames: the cells a terminal must be sent. Pure, so the diff is
/// tested without a terminal (as ratatui tests its `Buffer::diff`).
public enum CellDiff {
    /// Indices (row-major, ascending) of the cells of `next` that differ from `previous`; every
    /// cell when there is no previous frame or its size differs. When a wide character's
    /// continuation cell changed, its head comes along, so the pair is drawn whole.
    public static func changes(from previous: CellGrid?, to next: CellGrid) -> [Int] {
        let count = next.width * next.height
        guard let previous, previous.width == next.width, previous.height == next.height else { return Array(0..<count) }
        var changed: [Int] = []
        for index in 0..<count where previous.cells[index] != next.cells[index] {
            if next.cells[index].isContinuation, index > 0, changed.last != index - 1 { changed.append(index - 1) }
            changed.append(index)
        }
        return changed
    }
}
