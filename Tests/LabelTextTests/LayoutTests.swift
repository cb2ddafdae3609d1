import LabelText
import Testing

@Suite struct LayoutTests {
    /// The lines of a layout as text, `|` marking each line's right edge.
    func render(_ text: String, width: Int) -> [String] {
        TextLayout(text: text, width: width).lines.map { line in
            line.glyphs.filter { $0.kind != .lineBreak }.map(\.text).joined() + "|"
        }
    }

    @Test func wrapsAtSpacesAndBreaksLongWords() {
        #expect(render("the quick brown fox", width: 10) == ["the quick |", "brown fox|"])
        #expect(render("abcdefghijklmno", width: 6) == ["abcdef|", "ghijkl|", "mno|"])
        #expect(render("one\ntwo\n\nfour", width: 10) == ["one|", "two|", "|", "four|"])
        #expect(render("", width: 5) == ["|"])
        #expect(render("end\n", width: 5) == ["end|", "|"])
    }

    @Test func wideCharactersNeverStraddleTheEdge() {
        #expect(render("日本語のテキスト", width: 5) == ["日本|", "語の|", "テキ|", "スト|"])
        #expect(render("a日本", width: 4) == ["a日|", "本|"])
        let layout = TextLayout(text: "a日本", width: 4)
        #expect(layout.lines[0].width == 3)
    }

    @Test func combiningMarksAndEmojiSequencesAreOneCell() {
        let text = "e\u{301}👨‍👩‍👧x"
        let layout = TextLayout(text: text, width: 10)
        #expect(layout.lines[0].glyphs.map(\.width) == [1, 2, 1])
        #expect(layout.lines[0].glyphs.map(\.codePoint) == [0, 2, 7])
        #expect(layout.location(of: 3)! == (0, 1), "inside the family emoji")
        #expect(layout.location(of: 7)! == (0, 3))
        #expect(layout.codePoint(line: 0, column: 2) == 2, "the right half of the emoji")
    }

    @Test func tabsGoToTheNextStop() {
        let layout = TextLayout(text: "a\tb\t\tc", width: 40, tabWidth: 4)
        #expect(layout.lines[0].glyphs.map(\.width) == [1, 3, 1, 3, 4, 1])
    }

    @Test func veryLongLinesWrapManyTimes() {
        let long = String(repeating: "word ", count: 20_000)
        let layout = TextLayout(text: long, width: 80)
        #expect(layout.lines.count == 1250)
        #expect(layout.lines.allSatisfy { $0.width <= 80 })
        #expect(layout.location(of: 99_995)! == (1249, 75))
    }

    @Test func codePointsAndCellsMapBothWaysAcrossWraps() {
        let text = "Ünïcödé 日本語 and 😀 emoji\twith tabs, wrapped over and over again."
        let scalars = Array(text.unicodeScalars)
        for width in [1, 2, 3, 7, 13, 80] {
            let layout = TextLayout(text: text, width: width)
            for offset in 0..<scalars.count {
                guard let location = layout.location(of: offset) else {
                    Issue.record("no location for \(offset) at width \(width)")
                    continue
                }
                let back = layout.codePoint(line: location.line, column: location.column)
                // Back to the start of the cluster holding the offset.
                #expect(back.map { $0 <= offset && offset - $0 < 8 } == true, "offset \(offset), width \(width)")
            }
            #expect(layout.lines.allSatisfy { $0.width <= width })
        }
    }

    @Test func spanCellsFollowWrapsAndWideCharacters() {
        let layout = TextLayout(text: "ab 日本 cd", width: 5)
        // "ab " | "日本 " | "cd"
        #expect(layout.lines.count == 3)
        let cells = layout.cells(covering: 1..<6)
        #expect(cells.map(\.line) == [0, 1])
        #expect(cells.map(\.columns) == [1..<3, 0..<5])
    }
}
