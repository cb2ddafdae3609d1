import LabelTerminal
import Testing

@Suite struct CursesLibraryTests {
    @Test func linksTheWideCharacterNcurses() {
        #expect(CursesLibrary.version.hasPrefix("ncurses 6"))
    }
}
