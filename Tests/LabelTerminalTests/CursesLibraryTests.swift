@testable import LabelTerminal
import Testing

@Suite struct CursesLibraryTests {
    @Test func linksTheWideCharacterNcurses() {
        #expect(CursesLibrary.version.hasPrefix("ncurses 6"))
    }
}

/// Which part of a grapheme cluster ncurses can hold in a cell; the rest is written past it.
@Suite struct GraphemeCellsTests {
    @Test func combiningMarksStayWithNcursesEmojiSequencesDoNot() {
        #expect(GraphemeCells.ncursesPart(of: "e\u{301}").count == 2)
        #expect(GraphemeCells.ncursesPart(of: "❤\u{FE0F}").count == 2)
        #expect(GraphemeCells.ncursesPart(of: "👍🏽") == ["👍"])
        #expect(GraphemeCells.ncursesPart(of: "👨\u{200D}👩\u{200D}👧") == ["👨"])
        #expect(GraphemeCells.ncursesPart(of: "🇫🇷") == ["🇫"])
        #expect(GraphemeCells.ncursesPart(of: "a") == ["a"])
    }
}
