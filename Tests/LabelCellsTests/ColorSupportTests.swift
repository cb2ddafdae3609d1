import LabelCells
import Testing

/// The one colour-depth decision, for the TUI (with terminfo's facts) and `render` (without).
@Suite struct ColorSupportTests {
    let xterm256 = ColorSupport.TerminalFacts(colors: 256, direct: false)
    let direct = ColorSupport.TerminalFacts(colors: 1 << 24, direct: true)

    @Test func terminfoDecidesWhenItIsAsked() {
        #expect(ColorSupport.decide(environment: ["TERM": "xterm-256color"], forced: nil, terminal: xterm256).depth == .palette256)
        #expect(ColorSupport.decide(environment: ["TERM": "xterm-direct"], forced: nil, terminal: direct).depth == .truecolor)
        #expect(ColorSupport.decide(environment: [:], forced: nil, terminal: .init(colors: 8, direct: false)).depth == .palette8)
        #expect(ColorSupport.decide(environment: [:], forced: nil, terminal: .init(colors: 0, direct: false)).depth == .none)
    }

    @Test func theEnvironmentDecidesWithoutTerminfo() {
        #expect(ColorSupport.decide(environment: ["TERM": "xterm-256color"], forced: nil, terminal: nil).depth == .palette256)
        #expect(ColorSupport.decide(environment: ["COLORTERM": "truecolor", "TERM": "xterm"], forced: nil, terminal: nil).depth == .truecolor)
        #expect(ColorSupport.decide(environment: ["TERM": "dumb"], forced: nil, terminal: nil).depth == .none)
    }

    @Test func noColorTurnsColourOffUnlessTheCommandLineAsks() {
        #expect(ColorSupport.decide(environment: ["NO_COLOR": "1"], forced: nil, terminal: direct).depth == .none)
        #expect(ColorSupport.decide(environment: ["NO_COLOR": "1"], forced: nil, terminal: nil).depth == .none)
        // no-color.org: command-line arguments override NO_COLOR, in the TUI as in render.
        #expect(ColorSupport.decide(environment: ["NO_COLOR": "1"], forced: .palette16, terminal: direct).depth == .palette16)
        #expect(ColorSupport.decide(environment: ["NO_COLOR": "1"], forced: .palette16, terminal: nil).depth == .palette16)
    }

    @Test func truecolorAskedOfA256ColourEntryFallsBackAndSaysSo() {
        let asked = ColorSupport.decide(environment: ["COLORTERM": "truecolor"], forced: nil, terminal: xterm256)
        #expect(asked.depth == .palette256 && asked.trueColorMissing)
        let forced = ColorSupport.decide(environment: [:], forced: .truecolor, terminal: xterm256)
        #expect(forced.depth == .palette256 && forced.trueColorMissing)
        #expect(!ColorSupport.decide(environment: ["COLORTERM": "truecolor"], forced: nil, terminal: direct).trueColorMissing)
        #expect(!ColorSupport.decide(environment: ["COLORTERM": "truecolor"], forced: .palette16, terminal: xterm256).trueColorMissing)
    }
}
