@testable import LabelText
import Testing

@Suite struct InertTextTests {
    func shown(_ text: String) -> String {
        GlyphMaker.glyphs(of: text).map { $0.kind == .lineBreak ? "⏎" : $0.text }.joined()
    }

    @Test func everyControlIsAVisiblePlaceholder() {
        for value in UInt32(0)..<0x20 where value != 0x09 && value != 0x0A {
            let glyphs = GlyphMaker.glyphs(of: String(Character(Unicode.Scalar(value)!)))
            #expect(glyphs.count == 1 && glyphs[0].kind == .placeholder, "U+\(value)")
            #expect(glyphs[0].text == "^" + String(Character(Unicode.Scalar(value + 64)!)))
        }
        #expect(shown("\u{7F}") == "^?")
        for value in UInt32(0x80)...0x9F { #expect(shown(String(Unicode.Scalar(value)!)) == "<U+00\(String(value, radix: 16, uppercase: true))>") }
    }

    @Test func escapeSequencesCannotReachTheTerminal() {
        #expect(shown("\u{1B}]0;title\u{7}") == "^[]0;title^G")
        #expect(shown("\u{1B}[2J\u{1B}[31mred") == "^[[2J^[[31mred")
        #expect(shown("a\u{9B}31m") == "a<U+009B>31m")
    }

    @Test func bidiAndFormatCharactersAreNamed() {
        for value: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C,
                              0x200B, 0x2060, 0xFEFF, 0x00AD, 0x2028, 0x2029, 0xFFF9] {
            let text = "x" + String(Unicode.Scalar(value)!) + "y"
            let glyphs = GlyphMaker.glyphs(of: text)
            #expect(glyphs.map(\.kind) == [.text, .placeholder, .text], "U+\(String(value, radix: 16))")
            #expect(glyphs[1].codePoint == 1 && glyphs[2].codePoint == 2)
        }
        #expect(shown("abc\u{202E}fed") == "abc<U+202E>fed")
    }

    @Test func hiddenTagCharactersAreShownButEmojiFlagsStay() {
        #expect(shown("a\u{E0041}\u{E0042}") == "a<U+E0041><U+E0042>")
        let england = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"
        #expect(GlyphMaker.glyphs(of: england).count == 1)
        #expect(GlyphMaker.glyphs(of: "👩\u{200D}💻").count == 1)
        #expect(shown("a\u{200D}b") == "a<U+200D>b")
    }

    @Test func invalidUTF8IsShownByteByByteAndCountsLikePython() {
        let bytes: [UInt8] = [0x61, 0xE2, 0x82, 0x62, 0xFF, 0xC0, 0x80, 0xF0, 0x9F, 0x98, 0x80, 0xED, 0xA0, 0x80]
        let glyphs = bytes.withUnsafeBufferPointer { GlyphMaker.glyphs(ofBytes: $0) }
        #expect(glyphs.map(\.text) == ["a", "\\xE2\\x82", "b", "\\xFF", "\\xC0", "\\x80", "😀", "\\xED", "\\xA0", "\\x80"])
        // Python: len(bytes(...).decode("utf-8", "replace")) == 10
        #expect(glyphs.map(\.codePoint) == Array(0..<10))
        #expect(String(decoding: bytes, as: UTF8.self).unicodeScalars.count == 10)
    }

    @Test func crlfIsOneLineBreakAndALoneCarriageReturnIsShown() {
        #expect(shown("a\r\nb\rc") == "a⏎b^Mc")
        let glyphs = GlyphMaker.glyphs(of: "a\r\nb")
        #expect(glyphs[1].codePointCount == 2 && glyphs[2].codePoint == 3)
    }

    @Test func labelsAndFileNamesAreSanitizedToo() {
        #expect(InertText.sanitized("cat\u{1B}[2J\u{202E}gnp.exe") == "cat^[[2J<U+202E>gnp.exe")
        #expect(InertText.sanitized("日本 ok 👩‍💻") == "日本 ok 👩‍💻")
    }

    @Test(arguments: [
        "plain ASCII, with punctuation; and 3.50",
        "CRLF\r\nlines\nand a lone \r and \t tabs",
        "controls \u{1B}[2J \u{7F} \u{0} bidi \u{202E}evil\u{202C} zero\u{200B}width",
        "Zürich e\u{301} \u{301}mark alone, 👩‍👩‍👧 family, 🇫🇷 flag, ❤\u{FE0F}, 東京 カタカナ ひらがな",
        "mixed a\u{1B}b \u{85} next line \u{2028} separator",
        "a\u{301}b ASCII then a combining mark; \u{600}1 a prepended mark; e\u{301}\r\nü\r\r\n\n\r",
        "ü\r\nabc", "\r", "\r\n", "ü", "\u{301}", "",
    ])
    func asciiRunsGiveTheGlyphsOfGraphemeBreaking(text: String) {
        // ASCII runs are read byte by byte; every glyph must be what cluster-by-cluster reading gives.
        var reference: [Glyph] = []
        let end = GlyphMaker.appendClusters(text, startingAt: 7, to: &reference)
        #expect(GlyphMaker.glyphs(of: text, startingAt: 7) == reference)
        #expect(end == 7 + text.unicodeScalars.count)
    }
}
