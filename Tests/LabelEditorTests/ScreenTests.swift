import LabelCells
import LabelConfig
import LabelEditor
import Testing

/// Whole screens compared as lines (ratatui-style), with the colours that matter.
@Suite struct ScreenTests {
    static func row(_ view: String, _ panel: String) -> String {
        view.padding(55) + "│" + panel.padding(24)
    }

    @Test func textItemAt80x24() throws {
        let fixture = try EditorFixture(files: ["a.txt": "Ana met Bo in Paris.\nSecond line.\n"])
        var expected = [
            Self.row("Ana met Bo in Paris.", "Classes"),
            Self.row("Second line.", " 1 ██ pos"),
            Self.row("", " 2 ██ neg"),
            Self.row("", " n ██ neutral"),
            Self.row("", ""),
            Self.row("", "Spans"),
            Self.row("", " 1 ██ PER"),
            Self.row("", " 2 ██ LOC"),
            Self.row("", ""),
            Self.row("", "Item"),
            Self.row("", " no annotations"),
        ]
        while expected.count < 22 { expected.append(Self.row("", "")) }
        expected.append(" NORMAL  a.txt                                     @0  1/1  labeled 0 (0%)  ana ")
        expected.append(String(repeating: " ", count: 80))
        let grid = fixture.editor.render()
        #expect(grid.lines == expected)
        // The cursor is on the first character, in the theme's cursor colours.
        #expect(grid[0, 0].style == fixture.editor.theme.style("ui.cursor"))
        #expect(grid[1, 22].style == fixture.editor.theme.style("ui.statusline.mode.normal"))
        #expect(grid[59, 1].text == "█" && grid[59, 1].style.foreground == fixture.editor.theme.labelColor(position: 0, declared: nil))
    }

    @Test func statusLinePanelAndCommandLineAt200x60() throws {
        let fixture = try EditorFixture(files: ["a.txt": "Ana met Bo in Paris.\n"], columns: 200, rows: 60)
        fixture.type("c 1")
        fixture.type(":")
        fixture.typeText("goto 1")
        let lines = fixture.screen
        #expect(lines.count == 60 && lines.allSatisfy { $0.count == 200 })
        #expect(lines[58].hasPrefix(" COMMAND  a.txt"), "\(lines[58])")
        #expect(lines[58].hasSuffix("@0  1/1  labeled 1 (100%)  ana "), "the class given counts as labeled")
        #expect(lines[59] == ":goto 1" + String(repeating: " ", count: 193))
        // The panel is 34 wide at this size and lists the class just given.
        #expect(lines[0].hasSuffix("│Classes" + String(repeating: " ", count: 27)))
        #expect(lines.contains { $0.hasSuffix("│▶■ class pos" + String(repeating: " ", count: 21)) } == false)
        #expect(lines.contains { $0.contains("│ ■ class pos") })
        fixture.type("ret")
        #expect(fixture.screen[59].hasPrefix("item 1"))
    }

    @Test func helpShowsTheModesKeysAndTheLabelsGuidelines() throws {
        let fixture = try EditorFixture(files: ["a.txt": "text"], columns: 100, rows: 120)
        fixture.type("?")
        let lines = fixture.screen
        #expect(lines[1].contains("Keys in NORMAL mode"))
        #expect(lines.contains { $0.contains("]") && $0.contains("Next item (picture, text file or record)") })
        #expect(lines.contains { $0.contains("u") && $0.contains("Undo the last change") })
        #expect(lines.contains { $0.contains(":label add class|box|span|polygon|mask NAME") })
        #expect(lines.contains { $0.contains("Positive about it.") })
        #expect(lines[118].hasPrefix(" HELP "))
        fixture.type("esc")
        #expect(fixture.editor.mode == .normal)
    }

    @Test func narrowTerminalsDropThePanelAndTinyOnesDoNotCrash() throws {
        let fixture = try EditorFixture(files: ["a.txt": "Ana met Bo in Paris, and then some more words to wrap around."])
        fixture.editor.handle(.resize(columns: 40, rows: 10))
        let lines = fixture.screen
        #expect(lines.count == 10 && lines.allSatisfy { $0.count == 40 })
        #expect(lines[0] == "Ana met Bo in Paris, and then some more ")
        #expect(!lines.contains { $0.contains("│") })
        for (columns, rows) in [(1, 1), (2, 1), (1, 3), (5, 2), (12, 4), (80, 1)] {
            fixture.editor.handle(.resize(columns: columns, rows: rows))
            let grid = fixture.editor.render()
            #expect(grid.width == columns && grid.height == rows)
            fixture.type("?")
            _ = fixture.editor.render()
            fixture.type("esc")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
