import LabelCore
import LabelText

/// The text on screen: a record's text, or a window onto a file read whole (a 1 GiB file is
/// never laid out whole), with the cursor and the first display line shown.
final class TextItem {
    let source: TextSource
    /// The record shown, or nil for a whole file.
    let record: Int?
    /// The record's text (records), or nil for a whole file.
    let text: String?
    /// Why the record has no text (a JSONL line that is not an object).
    let problem: String?
    /// The cursor, in code points of the item.
    var cursor = 0
    /// The first display line shown, counted in the current layout.
    var top = 0
    /// For a whole file: the byte range currently laid out.
    private(set) var window: Range<Int> = 0..<0
    private var cachedLayout: TextLayout?
    private var cachedWidth = -1
    private var cachedUnits: [TextUnit]?

    init(source: TextSource, record: Int?) {
        self.source = source
        self.record = record
        if let record, let content = source.record(record) {
            text = content.text
            problem = content.problem
        } else {
            text = nil
            problem = nil
        }
        if record == nil { setWindow(around: 0) }
    }

    /// Code points in the item (for a whole file, what is known so far).
    var length: Int {
        if let text { return text.unicodeScalars.count }
        return source.codePoints.isComplete ? source.codePoints.totalCodePoints : Int.max
    }

    /// The glyphs laid out: the record, or the current window of the file.
    var glyphs: [Glyph] {
        if let text { return GlyphMaker.glyphs(of: text) }
        return source.glyphs(ofBytes: window)
    }

    /// The layout for `width` columns (cached).
    func layout(width: Int) -> TextLayout {
        if let cachedLayout, cachedWidth == width { return cachedLayout }
        let layout = TextLayout(glyphs: glyphs, width: width, start: windowStartCodePoint)
        cachedLayout = layout
        cachedWidth = width
        return layout
    }

    /// The units motions walk over (the record, or the window).
    var units: [TextUnit] {
        if let cachedUnits { return cachedUnits }
        let units = TextUnit.units(of: glyphs)
        cachedUnits = units
        return units
    }

    var windowStartCodePoint: Int { text == nil ? source.codePoints.codePoint(ofByte: window.lowerBound) : 0 }

    /// For a whole file: lays out a window of about 64 KiB (several screens) around code point
    /// `offset`, from the start of a line 50 lines before it.
    func setWindow(around offset: Int) {
        guard text == nil else { return }
        let byte = source.codePoints.byteOffset(ofCodePoint: offset)
        let line = source.lines.record(containingByte: byte) ?? 0
        let startLine = max(0, line - 50)
        var start = source.lines.range(ofRecord: startLine)?.lowerBound ?? source.contentStart
        // A very long line (a 10 MB minified file) is windowed inside itself: never more than
        // about 64 KiB before and after the cursor is laid out, whatever the line lengths.
        let reach = TextItem.windowReach
        if byte - start > reach { start = source.scalarStart(atOrBefore: byte - reach) }
        var end = min(source.file.count, max(byte, start) + (48 << 10))
        // End at a line end, so the last line is whole (unless that line is very long).
        if end < source.file.count, let endLine = source.lines.record(containingByte: end), let range = source.lines.range(ofRecord: endLine) {
            end = min(source.file.count, range.upperBound + 1)
        }
        if end - max(byte, start) > reach { end = source.scalarStart(atOrBefore: max(byte, start) + reach) }
        window = start..<max(start, end)
        cachedLayout = nil
        cachedUnits = nil
        top = 0
    }

    /// The most bytes laid out on either side of the cursor in a whole file.
    static let windowReach = 64 << 10

    /// For a whole file: the code points where the line holding code point `offset` starts and
    /// ends, from the line index (a window may hold only part of a very long line).
    func lineBounds(around offset: Int) -> Range<Int>? {
        guard text == nil else { return nil }
        let byte = source.codePoints.byteOffset(ofCodePoint: offset)
        guard let line = source.lines.record(containingByte: byte), let range = source.lines.range(ofRecord: line) else { return nil }
        return source.codePoints.codePoint(ofByte: range.lowerBound)..<source.codePoints.codePoint(ofByte: range.upperBound)
    }

    /// Whether `offset` lies well inside the laid-out window (or the item is a record).
    func windowHolds(_ offset: Int) -> Bool {
        guard text == nil else { return true }
        let start = windowStartCodePoint
        let units = self.units
        guard let last = units.last else { return offset == start }
        let atFileStart = window.lowerBound <= source.contentStart
        let atFileEnd = window.upperBound >= source.file.count
        return (offset >= start && (atFileStart || offset > (units.dropFirst(64).first?.codePoint ?? start)))
            && (offset <= last.codePoints.upperBound && (atFileEnd || offset < (units.dropLast(64).last?.codePoint ?? last.codePoint)))
    }

    /// Moves the cursor to `offset`, re-windowing a whole file when needed.
    func moveCursor(to offset: Int) {
        var target = max(0, offset)
        if let text { target = min(target, max(0, text.unicodeScalars.count)) }
        if !windowHolds(target) { setWindow(around: target) }
        if text == nil {
            let units = self.units
            if let last = units.last, window.upperBound >= source.file.count { target = min(target, last.codePoints.upperBound) }
        }
        cursor = target
    }

    /// Keeps the cursor's line on screen, `rows` lines high.
    func scrollToCursor(width: Int, rows: Int) {
        let layout = self.layout(width: width)
        guard let line = layout.location(of: cursor)?.line else { return }
        let margin = min(2, max(0, (rows - 1) / 2))
        if line < top + margin { top = max(0, line - margin) }
        if line >= top + rows - margin { top = max(0, line - rows + margin + 1) }
    }

    /// The index of the unit under the cursor.
    var cursorUnit: Int { WordMotion.unitIndex(units, ofCodePoint: cursor) }

    /// Moves to the unit at `index` of `units`.
    func moveToUnit(_ index: Int) {
        let units = self.units
        guard units.indices.contains(index) else {
            if let last = units.last { moveCursor(to: last.codePoint) }
            return
        }
        moveCursor(to: units[index].codePoint)
    }

    /// The text of code points `range` of the item.
    func substring(_ range: Range<Int>) -> String {
        if let text {
            let scalars = Array(text.unicodeScalars)
            let clamped = max(0, range.lowerBound)..<min(scalars.count, range.upperBound)
            return clamped.isEmpty ? "" : String(String.UnicodeScalarView(scalars[clamped]))
        }
        let start = source.codePoints.byteOffset(ofCodePoint: range.lowerBound)
        let end = source.codePoints.byteOffset(ofCodePoint: range.upperBound)
        return UTF8Text.decode(source.file.bytes, start..<end)
    }

    /// The code-point range a selection between two cursor positions covers (both ends' clusters).
    func selection(_ draft: SpanDraft) -> Range<Int> {
        let units = self.units
        let low = min(draft.anchor, draft.head), high = max(draft.anchor, draft.head)
        let end = units.isEmpty ? high : units[WordMotion.unitIndex(units, ofCodePoint: high)].codePoints.upperBound
        return low..<max(low + 1, end)
    }

    /// Tokens of the laid-out text, for snapping spans.
    var tokens: [Range<Int>] { Tokenizer.tokens(in: units) }
}
