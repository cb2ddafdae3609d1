import LabelCells
import LabelCore
import LabelEditor
import LabelText
import Testing

/// Text view and spans: cell grids and the sidecar after keys.
@Suite struct SpanTaggingTests {
    func fixture(_ text: String, name: String = "t.txt", project: String = EditorFixture.project) throws -> EditorFixture {
        try EditorFixture(project: project, files: [name: text])
    }

    func spans(_ fixture: EditorFixture, _ name: String = "t.txt") throws -> [Annotation] {
        try fixture.sidecar(name)?.annotations.filter { $0.span != nil } ?? []
    }

    @Test func tagEntitiesWithWordMotionsCountsAndSearch() throws {
        let fixture = try fixture("Yesterday Angela Merkel visited the Louvre in Paris with Emmanuel Macron.\n")
        fixture.type("w v e e ret 1")                 // Angela Merkel → PER
        fixture.type("/")
        fixture.typeText("Paris")
        fixture.type("ret v ret 2")                    // Paris → LOC
        fixture.type("w w v 2 e ret 1")                // Emmanuel Macron → PER
        let found = try spans(fixture).map { ($0.label, $0.span?.start, $0.span?.end, $0.span?.text) }
        #expect(found.count == 3)
        #expect(found.contains { $0 == ("PER", 10, 23, "Angela Merkel") })
        #expect(found.contains { $0 == ("LOC", 46, 51, "Paris") })
        #expect(found.contains { $0 == ("PER", 57, 72, "Emmanuel Macron") })
        // Relabel one, delete one, undo the delete.
        fixture.type("g g tab r 2")
        #expect(try spans(fixture).first { $0.span?.start == 10 }?.label == "LOC")
        fixture.type("tab d")
        #expect(try spans(fixture).count == 2)
        fixture.type("u")
        #expect(try spans(fixture).count == 3)
    }

    @Test func spansSnapToTokensUnlessTurnedOff() throws {
        let fixture = try fixture("The Acme Corp. builds rockets.")
        fixture.type("w l l v l ret 1")                // "me" inside Acme → Acme
        #expect(try spans(fixture).map { $0.span?.text } == ["Acme"])
        fixture.type(":")
        fixture.typeText("set snap=off")
        fixture.type("ret w l v l ret 2")              // exactly "or"
        #expect(try Set(spans(fixture).compactMap { $0.span?.text }) == ["Acme", "or"])
    }

    /// Selections that reach into the blanks around words (as `e`, `$` or the arrows keymap's
    /// word jumps easily do) snap to the words alone: " Mark Twain" and "Newark " were stored.
    @Test func snappedSpansNeverStartOrEndOnWhitespace() throws {
        let fixture = try fixture("Mark Twain lived in Newark and Hartford.\n")
        fixture.type("v e e ret 1")                    // "Mark Twain"
        fixture.type("/")
        fixture.typeText("Newark")
        fixture.type("ret h v 7 l ret 2")              // " Newark " with the blanks around it
        let texts = try spans(fixture).compactMap { $0.span?.text }.sorted()
        #expect(texts == ["Mark Twain", "Newark"])
        for span in try spans(fixture).compactMap(\.span) {
            #expect(span.text.first?.isWhitespace == false && span.text.last?.isWhitespace == false)
        }
        #expect(Tokenizer.snap(4..<11, to: [0..<4, 5..<10, 11..<16]) == 5..<10)
    }

    @Test func offsetsAreCodePointsAcrossEmojiAndCombiningMarks() throws {
        let text = "Café 👩‍💻 Zoë met 東京タワー."
        let fixture = try fixture(text)
        fixture.type("W W v e ret 1")                  // Zoë (after an emoji ZWJ sequence)
        let span = try #require(try spans(fixture).first?.span)
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[span.start..<span.end])) == span.text)
        #expect(span.text == "Zoë")
        #expect(span.start == 9)
    }

    @Test func spansAreDrawnAcrossWrapsOverWideCharactersAndOverlaps() throws {
        let line = "Angela Merkel and Olaf Scholz spoke in 日本語 about the Federal Republic of Germany today."
        let fixture = try fixture(line)
        let per = Annotation(id: "p", shape: .span(SpanRange(start: 0, end: 13, text: "Angela Merkel")), label: "PER")
        let wide = Annotation(id: "w", shape: .span(SpanRange(start: 39, end: 42, text: "日本語")), label: "LOC")
        let outer = Annotation(id: "o", shape: .span(SpanRange(start: 53, end: 80, text: "Federal Republic of Germany")), label: "LOC")
        let inner = Annotation(id: "i", shape: .span(SpanRange(start: 73, end: 80, text: "Germany")), label: "PER")
        fixture.folder.write("t.txt.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "t.txt", kind: .text, annotations: [per, wide, outer, inner])))
        fixture.editor = try fixture.makeEditor()
        let grid = fixture.editor.render()
        // 55 columns: the line wraps after "about " (the wide characters take two cells each).
        #expect(grid.lines[0].hasPrefix("Angela Merkel and Olaf Scholz spoke in 日本語 about    │"))
        #expect(grid.lines[1].hasPrefix("the Federal Republic of Germany today."))
        let perColor = fixture.editor.theme.labelColor(position: 0, declared: nil)
        let locColor = fixture.editor.theme.labelColor(position: 1, declared: nil)
        #expect((1..<13).allSatisfy { grid[$0, 0].style.background == perColor })
        #expect(grid[13, 0].style.background != perColor)
        // The wide characters take two cells each, all coloured.
        #expect((39..<45).allSatisfy { grid[$0, 0].style.background == locColor })
        #expect(grid[40, 0].isContinuation)
        // The outer span continues on the next line; the nested one is on top, underlined.
        #expect((4..<23).allSatisfy { grid[$0, 1].style.background == locColor })
        #expect((24..<31).allSatisfy { grid[$0, 1].style.background == perColor && grid[$0, 1].style.attributes.contains(.underline) })
        #expect(!grid[23, 1].style.attributes.contains(.underline))
        #expect(grid[3, 1].style.background != locColor)
    }

    @Test func cursorAndSelectionOnWideCharactersAndEmoji() throws {
        let fixture = try fixture("東京 👨‍👩‍👧 x")
        let cursor = fixture.editor.theme.style("ui.cursor")
        #expect(fixture.editor.render()[0, 0].style.background == cursor.background)
        fixture.type("l")
        #expect(fixture.editor.render()[2, 0].style.background == cursor.background)
        fixture.type("l l")  // over the space, onto the family emoji (one cluster)
        #expect(fixture.screen[22].contains("@3"))
        fixture.type("l l")  // past the cluster's seven code points: the space, then x
        #expect(fixture.screen[22].contains("@9"))
        fixture.type("g g v l l")
        let selection = fixture.editor.theme.style("ui.selection")
        let grid = fixture.editor.render()
        #expect((0..<4).allSatisfy { grid[$0, 0].style.background == selection.background || grid[$0, 0].style.background == cursor.background })
    }

    @Test func hostileTextIsDrawnAsPlaceholders() throws {
        let fixture = try fixture("title: \u{1B}]0;pwned\u{7} clear: \u{1B}[2J rtl: \u{202E}gnp.exe\u{202C} bell\u{7}\n")
        let screen = fixture.screen
        #expect(screen[0].hasPrefix("title: ^[]0;pwned^G clear: ^[[2J rtl:"))
        #expect(screen[1].hasPrefix("<U+202E>gnp.exe<U+202C> bell^G"))
        let grid = fixture.editor.render()
        let placeholder = fixture.editor.theme.style("ui.text.placeholder")
        #expect(grid[7, 0].text == "^" && grid[7, 0].style == placeholder)
        #expect(!grid.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x202A...0x202E).contains($0.value) } })
    }

    @Test func recordsAreItemsWithTheirNeighboursDimmed() throws {
        let fixture = try fixture((1...30).map { "line number \($0)" }.joined(separator: "\n"), name: "lines.txt",
                                  project: EditorFixture.project + "\n[text]\nrecords = \"lines\"\n")
        fixture.type(": g o t o space 1 0 ret")
        let grid = fixture.editor.render()
        let row = try #require(grid.lines.firstIndex { $0.hasPrefix("line number 10 ") })
        #expect(grid.lines[row - 1].hasPrefix("line number 9 "))
        #expect(grid[0, row - 1].style == fixture.editor.theme.style("ui.text.dim"))
        #expect(grid[1, row].style == fixture.editor.theme.style("ui.text"))
        fixture.type("v e ret 2")
        let span = try #require(try spans(fixture, "lines.txt").first)
        #expect(span.record == 9 && span.span?.start == 0 && span.span?.text == "line")
    }
}
