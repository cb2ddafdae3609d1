/// One line of the text view: the glyphs it shows and the code points they stand for.
public struct DisplayLine: Hashable, Sendable {
    public var glyphs: [Glyph]
    /// From the first code point shown to the first of the next line (a line break included).
    public var codePoints: Range<Int>
    /// Whether the text goes on in the next display line without a line break (soft wrap).
    public var isWrapped: Bool

    /// Cells used.
    public var width: Int { glyphs.reduce(0) { $0 + $1.width } }
}

/// Soft-wrapped display lines of some text for a given width, and the mapping between code
/// points and (line, column) positions both ways, across wraps and wide characters.
public struct TextLayout: Sendable {
    public let width: Int
    public let lines: [DisplayLine]

    /// The layout of `text` (whose first code point is item offset `start`) in `width` cells.
    public init(text: String, width: Int, start: Int = 0, tabWidth: Int = 8) {
        self.init(glyphs: GlyphMaker.glyphs(of: text, startingAt: start), width: width, start: start, tabWidth: tabWidth)
    }

    /// The layout of `glyphs` in `width` cells; lines break after blanks where they can.
    public init(glyphs: [Glyph], width: Int, start: Int = 0, tabWidth: Int = 8) {
        let width = max(1, width)
        self.width = width
        var lines: [DisplayLine] = []
        var current: [Glyph] = []
        var column = 0
        var breakAfter: Int?  // count of glyphs in `current` after which a break is allowed
        var lineStart = start
        func emit(_ glyphs: [Glyph], wrapped: Bool, end: Int) {
            lines.append(DisplayLine(glyphs: glyphs, codePoints: lineStart..<end, isWrapped: wrapped))
            lineStart = end
        }
        for original in glyphs {
            if original.kind == .lineBreak {
                current.append(original)
                emit(current, wrapped: false, end: original.codePoints.upperBound)
                current = []
                column = 0
                breakAfter = nil
                continue
            }
            var pieces = [original]
            if original.kind == .tab {
                let spaces = tabWidth - column % tabWidth
                pieces[0].width = spaces
                pieces[0].text = String(repeating: " ", count: spaces)
            }
            if pieces[0].width > width {
                pieces = TextLayout.split(pieces[0], width: width)
            }
            for glyph in pieces {
                if column + glyph.width > width && !current.isEmpty {
                    if let cut = breakAfter, cut > 0, cut < current.count {
                        let carried = Array(current[cut...])
                        emit(Array(current[..<cut]), wrapped: true, end: carried[0].codePoint)
                        current = carried
                        column = carried.reduce(0) { $0 + $1.width }
                    } else {
                        emit(current, wrapped: true, end: glyph.codePoint)
                        current = []
                        column = 0
                    }
                    breakAfter = nil
                }
                current.append(glyph)
                column += glyph.width
                if glyph.kind == .tab || glyph.text == " " { breakAfter = current.count }
            }
        }
        let end = glyphs.last.map { $0.codePoints.upperBound } ?? start
        if !current.isEmpty || lines.isEmpty || lines.last?.isWrapped == false && lines.last?.codePoints.upperBound == end {
            emit(current, wrapped: false, end: max(end, lineStart))
        }
        self.lines = lines
    }

    /// A glyph wider than the view, in pieces that fit (placeholders are split; a wide
    /// character in a one-cell view becomes a one-cell mark).
    static func split(_ glyph: Glyph, width: Int) -> [Glyph] {
        guard glyph.kind == .placeholder || glyph.kind == .tab else {
            var narrow = glyph
            narrow.text = "…"
            narrow.width = 1
            return [narrow]
        }
        var pieces: [Glyph] = []
        var text = Substring(glyph.text)
        while !text.isEmpty {
            var piece = glyph
            piece.text = String(text.prefix(width))
            piece.width = piece.text.count
            pieces.append(piece)
            text = text.dropFirst(width)
        }
        return pieces
    }

    /// The end of the laid-out text.
    public var end: Int { lines.last?.codePoints.upperBound ?? 0 }

    /// The display line and column of the cluster holding code point `offset`; at the very end,
    /// just after the last glyph. Nil outside the text.
    public func location(of offset: Int) -> (line: Int, column: Int)? {
        guard let first = lines.first, offset >= first.codePoints.lowerBound else { return nil }
        var low = 0, high = lines.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lines[middle].codePoints.lowerBound <= offset { low = middle } else { high = middle - 1 }
        }
        // Empty lines share their start with the next one; take the last that starts there.
        let line = lines[low]
        var column = 0
        for glyph in line.glyphs {
            if glyph.kind == .lineBreak { break }
            if glyph.codePoints.contains(offset) { return (low, column) }
            column += glyph.width
        }
        if offset > end { return nil }
        return (low, column)
    }

    /// The code point shown at `column` of display `line` (the start of its cluster); past the
    /// end of the line, the line's last position.
    public func codePoint(line: Int, column: Int) -> Int? {
        guard lines.indices.contains(line) else { return nil }
        let displayLine = lines[line]
        var position = 0
        for glyph in displayLine.glyphs where glyph.kind != .lineBreak {
            if column < position + glyph.width { return glyph.codePoint }
            position += glyph.width
        }
        let visible = displayLine.glyphs.filter { $0.kind != .lineBreak }
        if displayLine.isWrapped, let last = visible.last { return last.codePoint }
        return visible.last.map { $0.codePoints.upperBound } ?? displayLine.codePoints.lowerBound
    }

    /// The cells that show code points `range`: per display line, the columns covered.
    public func cells(covering range: Range<Int>) -> [(line: Int, columns: Range<Int>)] {
        var result: [(line: Int, columns: Range<Int>)] = []
        for (index, line) in lines.enumerated() where line.codePoints.overlaps(range) || (range.isEmpty && line.codePoints.contains(range.lowerBound)) {
            var column = 0, first: Int?, last = 0
            for glyph in line.glyphs where glyph.kind != .lineBreak {
                if glyph.codePoints.overlaps(range) {
                    if first == nil { first = column }
                    last = column + glyph.width
                }
                column += glyph.width
            }
            if let first { result.append((index, first..<last)) }
        }
        return result
    }
}
