import LabelText
import TestSupport
import Testing

@Suite struct CharacterWidthTests {
    /// Every printable code point has the width Python's `wcwidth` gives it (the tables were
    /// generated from it; this guards against drift and hand edits).
    @Test(.enabled(if: RequiredTools.python("wcwidth"))) func everyCodePointMatchesWcwidth() throws {
        let folder = TemporaryDirectory()
        try PythonScript.run("""
        import wcwidth, sys
        out = bytearray()
        for cp in range(0x110000):
            w = -1 if 0xD800 <= cp <= 0xDFFF else wcwidth.wcwidth(chr(cp))
            out.append(w & 0xFF)
        open(sys.argv[1], "wb").write(bytes(out))
        """, [folder.url("widths")])
        let widths = try #require(folder.read("widths"))
        var mismatches: [String] = []
        for value in 0x20..<0x110000 {
            let expected = Int(Int8(bitPattern: widths[value]))
            guard expected >= 0, let scalar = Unicode.Scalar(value) else { continue }
            if CharacterWidth.of(scalar) != expected { mismatches.append(String(value, radix: 16)) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test func clustersTakeTheWidthOfWhatTerminalsDraw() {
        #expect(CharacterWidth.of(Character("a")) == 1)
        #expect(CharacterWidth.of(Character("中")) == 2)
        #expect(CharacterWidth.of(Character("e\u{301}")) == 1)
        #expect(CharacterWidth.of(Character("👨‍👩‍👧")) == 2)
        #expect(CharacterWidth.of(Character("🇫🇷")) == 2)
        #expect(CharacterWidth.of(Character("❤\u{FE0F}")) == 2)
        #expect(CharacterWidth.of(Character("\u{301}")) == 1)
    }
}
