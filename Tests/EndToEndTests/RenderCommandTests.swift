import TestSupport
import Testing

@Suite(.enabled(if: RequiredTools.python("PIL"))) struct RenderCommandTests {
    let termlabel = BuiltProducts.executable("termlabel")

    @Test func printsHalfBlocksFittedWithMinimalEscapes() throws {
        let folder = TemporaryDirectory()
        try PythonScript.run("""
        from PIL import Image
        im = Image.new("RGB", (40, 20), (255, 0, 0))
        im.paste((0, 0, 255), (0, 10, 40, 20))
        im.save("flag.png")
        """, currentDirectory: folder.path)
        let result = ProcessRunner.run(termlabel, ["render", folder.url("flag.png"), "--cols", "20", "--rows", "10", "--colors", "256"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        // 40×20 pixels into 20×10 cells keeps the 2:1 aspect: 20 columns, 5 rows of half blocks.
        #expect(lines.count == 5)
        // Red on top, blue below: the first row sets the colour once and resets at the end.
        #expect(lines[0] == "\u{1B}[48;5;196m" + String(repeating: " ", count: 20) + "\u{1B}[0m")
        #expect(lines[4] == "\u{1B}[48;5;21m" + String(repeating: " ", count: 20) + "\u{1B}[0m")
        let plain = ProcessRunner.run(termlabel, ["render", folder.url("flag.png"), "--cols", "20", "--rows", "10", "--colors", "none"])
        #expect(!plain.standardOutput.contains("\u{1B}"))
        #expect(plain.standardOutput.split(separator: "\n").count == 5)
    }

    @Test func badPicturesAreOneLineErrors() {
        let folder = TemporaryDirectory()
        folder.write("broken.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        let result = ProcessRunner.run(termlabel, ["render", folder.url("broken.png")])
        #expect(result.status == 1)
        #expect(result.standardError == "error: \(folder.url("broken.png")): the picture is truncated (the PNG header is cut short)\n")
        let missing = ProcessRunner.run(termlabel, ["render", "/no/such.png"])
        #expect(missing.standardError.hasPrefix("error: /no/such.png: cannot open: No such file or directory"))
    }
}
