/// Guessing how many colours a terminal shows from its environment (DESIGN §6), for output
/// that does not go through ncurses (`termlabel render`); the TUI also asks terminfo.
public enum ColorSupport {
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
