/// The one decision of how many colours to draw with (DESIGN §6), for the TUI (which also
/// knows what terminfo says) and for output that does not go through ncurses (`termlabel
/// render`, which only has the environment).
public enum ColorSupport {
    /// What the terminal's terminfo entry says of its colours.
    public struct TerminalFacts: Sendable, Equatable {
        /// terminfo's `colors`.
        public var colors: Int
        /// Whether it takes 24-bit colour (the `RGB` flag, or 2^24 colours).
        public var direct: Bool

        /// Facts of an entry with `colors` colours, `direct` when it takes 24-bit colour.
        public init(colors: Int, direct: Bool) {
            self.colors = colors
            self.direct = direct
        }
    }

    /// The depth to draw with, and whether 24-bit colour was asked for (`COLORTERM`,
    /// `--colors truecolor`) but the terminal cannot be given it (a note says so).
    /// `--colors` (`forced`) wins over `NO_COLOR`, as no-color.org asks of command-line
    /// arguments; it may lower the depth, or raise it as far as the terminal can take.
    public static func decide(environment: [String: String], forced: ColorDepth?, terminal: TerminalFacts?) -> (depth: ColorDepth, trueColorMissing: Bool) {
        let wantsTrueColor = ["truecolor", "24bit"].contains((environment["COLORTERM"] ?? "").lowercased()) || forced == .truecolor
        guard let terminal else { return (forced ?? detect(environment: environment), false) }
        var depth: ColorDepth
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            depth = .none
        } else if terminal.direct {
            depth = .truecolor
        } else if terminal.colors >= 256 {
            depth = .palette256
        } else if terminal.colors >= 16 {
            depth = .palette16
        } else if terminal.colors >= 8 {
            depth = .palette8
        } else {
            depth = .none
        }
        if let forced {
            depth = forced == .truecolor && !terminal.direct ? (terminal.colors >= 256 ? .palette256 : depth) : forced
        }
        let missing = wantsTrueColor && depth != .truecolor && depth != .none && (forced == nil || forced == .truecolor)
        return (depth, missing)
    }

    /// The colour depth the environment asks for: `NO_COLOR` turns colour off; `COLORTERM`
    /// truecolor/24bit or a `*-direct` TERM means 24-bit; a 256-colour TERM means 256; `dumb`
    /// means none; anything else gets the 16 colours every terminal has.
    public static func detect(environment: [String: String]) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let term = environment["TERM"] ?? ""
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" || term.hasSuffix("-direct") { return .truecolor }
        if term.isEmpty || term == "dumb" { return .none }
        if term.contains("256") { return .palette256 }
        return .palette16
    }
}
