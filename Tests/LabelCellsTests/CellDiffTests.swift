import LabelCells
import Testing

/// The cells sent to the terminal between two frames, written as lines (as ratatui's diff tests).
@Suite struct CellDiffTests {
    /// The changed cells as (column, row, text).
    func changes(_ previous: [String]?, _ next: CellGrid) -> [String] {
        let old = previous.map { CellGrid.withLines($0) }
        return CellDiff.changes(from: old, to: next).map { index in
            let cell = next.cells[index]
            return "\(index % next.width),\(index / next.width) \(cell.isContinuation ? "…" : cell.text)"
        }
    }

    @Test func theFirstFrameIsSentWhole() {
        #expect(changes(nil, CellGrid.withLines(["ab", "cd"])) == ["0,0 a", "1,0 b", "0,1 c", "1,1 d"])
    }

    @Test func onlyTheCellsThatChangedAreSent() {
        #expect(changes(["abc", "def"], CellGrid.withLines(["abc", "dXf"])) == ["1,1 X"])
        #expect(changes(["abc", "def"], CellGrid.withLines(["abc", "def"])).isEmpty)
    }

    @Test func aStyleAloneIsAChange() {
        var next = CellGrid.withLines(["ab"])
        next.setStyle(Style(attributes: .bold), x: 1, y: 0)
        #expect(changes(["ab"], next) == ["1,0 b"])
    }

    @Test func aNewSizeSendsEverything() {
        #expect(changes(["ab"], CellGrid.withLines(["abc"])).count == 3)
    }

    @Test func aWideCharacterIsSentWithItsContinuation() {
        var next = CellGrid.withLines(["abcd"])
        next[1, 0] = Cell("中")
        next[2, 0] = .continuation(style: .plain)
        #expect(changes(["abcd"], next) == ["1,0 中", "2,0 …"])
        // Only the continuation differs (the head stayed): the head is sent again with it.
        var before = CellGrid.withLines(["abcd"])
        before[1, 0] = Cell("中")
        #expect(changes(before.lines, next) == ["1,0 中", "2,0 …"])
    }
}
