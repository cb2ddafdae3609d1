import Foundation
import LabelCells
import LabelConfig
import TestSupport
import Testing
import LabelInput

@Suite struct KeyNotationTests {
    @Test func readsHelixNotation() throws {
        #expect(try KeyNotation.key("a") == Key(.character("a")))
        #expect(try KeyNotation.key("C-r") == Key(.character("r"), modifiers: .control))
        #expect(try KeyNotation.key("S-tab") == Key(.tab, modifiers: .shift))
        #expect(try KeyNotation.key("A-S-left") == Key(.left, modifiers: [.alt, .shift]))
        #expect(try KeyNotation.key("ret") == Key(.enter))
        #expect(try KeyNotation.key("space") == Key(.character(" ")))
        #expect(try KeyNotation.key("F12") == Key(.function(12)))
        #expect(try KeyNotation.key("S-a") == Key(.character("A")))
        #expect(try KeyNotation.sequence("g g") == [Key(.character("g")), Key(.character("g"))])
        #expect(throws: KeyNotationError.self) { try KeyNotation.key("X-q") }
        #expect(throws: KeyNotationError.self) { try KeyNotation.key("hyper") }
    }

    @Test func keysPrintBackInTheSameNotation() throws {
        for notation in ["a", "C-r", "S-tab", "ret", "esc", "space", "F5", "C-left", "pagedown", "$"] {
            #expect(try KeyNotation.key(notation).description == notation)
        }
    }
}

@Suite struct KeymapFileTests {
    @Test func badEntriesAreWarningsWithTheirLineAndTheRestLoads() throws {
        let text = """
        [keys.normal]
        j = "move_down"
        "C-x" = "no_such_command"
        "Q-q" = "quit"
        g = { g = "goto_first_line" }
        n = 3

        [keys.nomode]
        x = "quit"
        """
        let (keymap, warnings) = try KeymapFile.parse(text, file: "keymap.toml") { ["move_down", "goto_first_line", "quit"].contains($0) }
        let normal = keymap.bindings(for: .normal)
        #expect(normal.map { $0.keys.map(\.description).joined(separator: " ") }.sorted() == ["g g", "j"])
        let lines = warnings.map(\.description)
        #expect(lines.contains("keymap.toml:3: unknown command \"no_such_command\" for \"C-x\" (binding skipped)"))
        #expect(lines.contains { $0.hasPrefix("keymap.toml:4: \"Q-q\" is not a key") })
        #expect(lines.contains { $0.hasPrefix("keymap.toml:6: \"n\" must name a command") })
        #expect(lines.contains { $0.hasPrefix("keymap.toml:8: unknown mode \"nomode\"") })
    }

    @Test func everyShippedThemeParsesWithoutWarnings() throws {
        #expect(Set(Bundled.themeNames).isSuperset(of: ["dark", "light", "high-contrast", "mono"]))
        for name in Bundled.themeNames {
            let loader = ConfigLoader(environment: [:]) { _ in nil }
            let (theme, warnings) = loader.theme(name)
            #expect(warnings.isEmpty, "\(name): \(warnings)")
            #expect(theme.name == name)
            #expect(theme.style("ui.cursor") != .plain, "\(name) shows a cursor")
        }
    }

    /// `light` inherits `dark` and recolours it through its `[palette]`: the status line and
    /// side panel take light's colours, not dark's (they were near-invisible on white).
    @Test func aChildPaletteRecoloursInheritedStyles() throws {
        let loader = ConfigLoader(environment: [:]) { _ in nil }
        let light = loader.theme("light").theme, dark = loader.theme("dark").theme
        #expect(light.style("ui.statusline").background == .rgb(RGB(hexString: "#ccd0da") ?? RGB(0, 0, 0)))
        #expect(light.style("ui.statusline").foreground == .rgb(RGB(hexString: "#4c4f69") ?? RGB(0, 0, 0)))
        #expect(light.style("ui.panel").foreground == .rgb(RGB(hexString: "#4c4f69") ?? RGB(0, 0, 0)))
        #expect(light.style("ui.statusline").background != dark.style("ui.statusline").background)
        #expect(light.style("ui.statusline.mode.box").background == .rgb(RGB(hexString: "#fe640b") ?? RGB(0, 0, 0)))
    }

    @Test func themeScopesFallBackAlongTheirDots() throws {
        let (theme, warnings) = try ThemeFile.parse("""
        "ui.statusline" = { fg = "black", bg = "blue", modifiers = ["bold"] }
        "ui.statusline.mode.box" = { bg = "accent" }
        "ui.text.dim" = "gray"
        "label.palette" = ["#ff0000", "accent"]
        [palette]
        accent = "#123456"
        """, file: "t.toml", name: "t", inherited: { _ in nil })
        #expect(warnings.isEmpty)
        #expect(theme.style("ui.statusline.mode.box") == Style(foreground: .indexed(0), background: .rgb(0x12, 0x34, 0x56), attributes: .bold))
        #expect(theme.style("ui.statusline.mode.class") == Style(foreground: .indexed(0), background: .indexed(4), attributes: .bold))
        #expect(theme.style("ui.text.dim").foreground == .indexed(7))
        #expect(theme.labelPalette == [.rgb(255, 0, 0), .rgb(0x12, 0x34, 0x56)])
        #expect(theme.labelColor(position: 3, declared: nil) == .rgb(0x12, 0x34, 0x56))
        #expect(theme.labelColor(position: 0, declared: "#00ff00") == .rgb(0, 255, 0))
    }

    @Test func aBrokenUserOverlayGivesWarningsAndTheDefaultsStillLoad() {
        let files = ["/home/u/.config/termlabel/keymap.toml": "[keys.normal]\nj = \"warp\"\nk = \"move_up\"\n",
                     "/home/u/.config/termlabel/theme.toml": "\"ui.cursor\" = { fg = \"not-a-colour\" }\n\"bogus\" = \"red\"\n"]
        let loader = ConfigLoader(environment: ["HOME": "/home/u"]) { files[$0] }
        let (keymap, keyWarnings) = loader.keymap(nil) { ["move_up", "move_down", "next_item", "quit"].contains($0) || $0.contains("_") }
        #expect(keyWarnings.contains { $0.file.hasSuffix("keymap.toml") && $0.line == 2 && $0.message.contains("\"warp\"") })
        #expect(keymap.bindings(for: .normal).contains { $0.keys == [Key(.character("]"))] })
        let (theme, themeWarnings) = loader.theme(nil)
        #expect(themeWarnings.count == 2)
        #expect(themeWarnings.allSatisfy { $0.file.hasSuffix("theme.toml") && $0.line != nil })
        #expect(theme.style("ui.statusline") != .plain, "the dark theme is still there")
        let (_, missing) = loader.theme("no-such-theme")
        #expect(missing.contains { $0.message.contains("no such theme") })
    }
}

/// Hostile configuration files (issue 12).
@Suite struct HostileConfigTests {
    @Test func aThemeWithADuplicateKeyNamesTheKeyReadably() {
        let loader = ConfigLoader(environment: [:]) { path in path == "dup.toml" ? "\"ui.text\" = \"default\"\n\"ui.text\" = \"red\"\n" : nil }
        let (_, warnings) = loader.theme("dup.toml")
        let text = warnings.map(\.description).joined(separator: "\n")
        #expect(text.contains("dup.toml:2: \"ui.text\" is set twice (first on line 1)"), "\(text)")
        #expect(!text.contains("no such theme"))
    }

    @Test func aKeymapThatIsNotUTF8IsRefusedWithTheByte() {
        let loader = ConfigLoader.readingBytes(environment: [:]) { path in path == "bad.toml" ? Array("[keys.normal]\nx".utf8) + [0xFF] + Array(" = \"quit\"\n".utf8) : nil }
        let (keymap, warnings) = loader.keymap("bad.toml") { _ in true }
        #expect(warnings.map(\.description).contains { $0.contains("bad.toml") && $0.contains("byte 15 is not UTF-8") })
        #expect(!keymap.bindings(for: .normal).contains { $0.command.name == "quit" && $0.keys.description == "[x]" })
    }
}

/// Mutated project files, keymaps and themes: warnings or errors with a line, never a trap.
@Suite struct FuzzConfigTests {
    @Test func aThousandMutatedConfigFilesNeverTrap() throws {
        let project = """
        annotator = "ana"
        [text]
        records = "lines"
        [classes]
        multi = false
        advance = true
        labels = [ { name = "indoor", key = "1", help = "Inside." }, { name = "outdoor", key = "2", color = "#ff8800" } ]
        [boxes]
        labels = [ "cat", { name = "dog" } ]
        """
        let keymap = "[keys.normal]\n\"g g\" = \"goto_first_line\"\nj = \"move_down\"\n\"C-r\" = \"redo\"\n[keys.box]\nl = \"move_right\"\n"
        let theme = "inherits = \"dark\"\n\"ui.text\" = { fg = \"#102030\", bg = 5, modifiers = [\"bold\"] }\n[palette]\nx = \"#aabbcc\"\n"
        // FUZZ_ROUNDS and FUZZ_SEED let a developer run a longer search than CI's thousand.
        let environment = ProcessInfo.processInfo.environment
        var mutator = Mutator(seed: environment["FUZZ_SEED"].flatMap(UInt64.init) ?? 99)
        let extremes = ["9223372036854775807", "-1", "1e999", "256", "0x10"]
        var parsed = 0
        for round in 0..<(environment["FUZZ_ROUNDS"].flatMap(Int.init) ?? 1_000) {
            let bytes = mutator.mutate(text: [project, keymap, theme][round % 3], extremes: extremes)
            let text = String(decoding: bytes, as: UTF8.self)
            if let path = ProcessInfo.processInfo.environment["FUZZ_DUMP"] { try? Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
            switch round % 3 {
            case 0: if (try? ProjectFile.parse(text, file: "termlabel.toml")) != nil { parsed += 1 }
            case 1: if (try? KeymapFile.parse(text, file: "keymap.toml") { _ in true }) != nil { parsed += 1 }
            default: if (try? ThemeFile.parse(text, file: "theme.toml", name: "t", inherited: { _ in nil })) != nil { parsed += 1 }
            }
        }
        #expect(parsed > 200, "mutations that keep the file TOML still parse: \(parsed)")
    }
}
