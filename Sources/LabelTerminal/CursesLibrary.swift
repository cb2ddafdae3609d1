import CNCursesw

/// Facts about the linked ncurses library.
public enum CursesLibrary {
    /// The ncurses version string, e.g. `ncurses 6.4.20221231`.
    public static var version: String { String(cString: curses_version()) }
}
