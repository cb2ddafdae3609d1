import LabelConfig
import LabelEditor
import Testing
import LabelInput

@Suite struct KeymapTrieTests {
    let trie = KeyTrie([
        Keymap.Binding(keys: [Key(.character("g")), Key(.character("g"))], command: CommandCall("goto_first_line"), origin: ""),
        Keymap.Binding(keys: [Key(.character("G"))], command: CommandCall("goto_last_line"), origin: ""),
        Keymap.Binding(keys: [Key(.character("r"), modifiers: .control)], command: CommandCall("redo"), origin: ""),
    ])

    @Test func pendingMatchedAndNotFound() {
        #expect(trie.lookup([Key(.character("g"))]) == .pending)
        #expect(trie.lookup([Key(.character("g")), Key(.character("g"))]) == .matched(CommandCall("goto_first_line")))
        #expect(trie.lookup([Key(.character("g")), Key(.character("x"))]) == .notFound)
        #expect(trie.lookup([Key(.character("G"))]) == .matched(CommandCall("goto_last_line")))
        #expect(trie.lookup([Key(.character("r"), modifiers: .control)]) == .matched(CommandCall("redo")))
        #expect(trie.lookup([Key(.character("r"))]) == .notFound)
    }

    @Test func everyCommandInTheShippedKeymapsExists() throws {
        #expect(Set(Bundled.keymapNames).isSuperset(of: ["vim", "arrows"]))
        for name in Bundled.keymapNames {
            let text = try #require(Bundled.keymap(name))
            let (keymap, warnings) = try KeymapFile.parse(text, file: "Keymaps/\(name).toml") { CommandName(rawValue: $0) != nil }
            #expect(warnings.isEmpty, "\(name): \(warnings.map(\.description))")
            #expect(!keymap.bindings(for: .normal).isEmpty)
        }
    }

    @Test func theVimKeymapBindsWhatTheDesignPromises() throws {
        let text = try #require(Bundled.keymap("vim"))
        let keymap = try KeymapFile.parse(text, file: "vim.toml") { CommandName(rawValue: $0) != nil }.keymap
        let normal = Dictionary(keymap.bindings(for: .normal).map { ($0.keys.map(\.description).joined(separator: " "), $0.command.name) }, uniquingKeysWith: { $1 })
        for (keys, command) in ["]": "next_item", "[": "previous_item", "}": "next_unlabeled_item", "{": "previous_unlabeled_item",
                                "h": "move_left", "l": "move_right", "w": "word_forward", "g g": "goto_first_line", "G": "goto_last_line",
                                "C-d": "half_page_down", "/": "search_forward", "n": "search_next", "N": "search_previous",
                                "+": "zoom_in", "-": "zoom_out", "=": "zoom_fit", "c": "class_mode", "b": "box_or_word_backward",
                                "v": "span_mode", "tab": "select_next_annotation", "S-tab": "select_previous_annotation",
                                "d": "delete_annotation", "r": "relabel", "ret": "done_or_edit", "!": "flag",
                                "a": "accept_suggestion", "x": "reject_suggestion", "u": "undo", "C-r": "redo", ":": "command_mode", "?": "help"] {
            #expect(normal[keys] == command, "\(keys)")
        }
        let box = Set(keymap.bindings(for: .box).map(\.command.description))
        #expect(box.isSuperset(of: ["extend move_left", "extend move_down", "swap_corner", "finish_box", "normal_mode"]))
    }
}
