import LabelCells
import Testing

@Suite struct ANSIEncoderTests {
    @Test func sendsColourCodesOnlyWhenAColourChangesAndResetsEachLine() {
        var grid = CellGrid(width: 4, height: 2)
        let red = Style(foreground: .indexed(196), background: .indexed(21))
        grid[0, 0] = Cell("▀", style: red)
        grid[1, 0] = Cell("▀", style: red)
        grid[2, 0] = Cell(" ", style: Style(background: .indexed(21)))
        grid[3, 0] = Cell("▀", style: Style(foreground: .rgb(1, 2, 3), background: .indexed(21)))
        let text = ANSIEncoder.encode(grid)
        #expect(text == "\u{1B}[38;5;196;48;5;21m▀▀ \u{1B}[38;2;1;2;3m▀\u{1B}[0m\n    \n")
    }

    @Test func basicColoursUseTheShortCodes() {
        #expect(ANSIEncoder.sequence(from: .plain, to: Style(foreground: .indexed(1), background: .indexed(12))) == "\u{1B}[31;104m")
        #expect(ANSIEncoder.sequence(from: Style(attributes: .bold), to: .plain) == "\u{1B}[0m")
        #expect(ANSIEncoder.sequence(from: .plain, to: Style(attributes: [.bold, .underline])) == "\u{1B}[1;4m")
    }

    @Test func colourSupportFollowsTheEnvironment() {
        #expect(ColorSupport.detect(environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor"]) == .truecolor)
        #expect(ColorSupport.detect(environment: ["TERM": "xterm-direct"]) == .truecolor)
        #expect(ColorSupport.detect(environment: ["TERM": "screen-256color"]) == .palette256)
        #expect(ColorSupport.detect(environment: ["TERM": "xterm"]) == .palette16)
        #expect(ColorSupport.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": "1"]) == .none)
        #expect(ColorSupport.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": ""]) == .palette256)
        #expect(ColorSupport.detect(environment: ["TERM": "dumb"]) == .none)
    }

    @Test func gridsReadAsLines() {
        var grid = CellGrid.withLines(["ab", "c"])
        grid[1, 1] = Cell("日")
        grid[1, 0] = .continuation(style: .plain)
        #expect(grid.lines == ["a", "c日"])
    }
}
