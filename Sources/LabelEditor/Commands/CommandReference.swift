import LabelConfig

/// The reference of every key command, made from the command table and the keymaps (the
/// README's table is this text, checked by a test, so it cannot drift from the code).
public enum CommandReference {
    /// A Markdown table: each command, its keys in each named keymap (in any mode), and its doc.
    public static func markdownTable(keymaps: [(name: String, keymap: Keymap)]) -> String {
        var lines = ["| command | " + keymaps.map(\.name).joined(separator: " | ") + " | does |",
                     "|---|" + keymaps.map { _ in "---|" }.joined() + "---|"]
        for name in CommandName.allCases {
            let keys = keymaps.map { entry in
                var seen: [String] = []
                for mode in EditorMode.allCases {
                    // A motion's row also shows the keys that run it extending (BOX, SPAN).
                    for binding in entry.keymap.bindings(for: mode)
                    where binding.command.name == name.rawValue || binding.command.name == CommandName.extend.rawValue && binding.command.arguments.first == name.rawValue {
                        let text = binding.keys.map(\.readableName).joined(separator: " ")
                        if !seen.contains(text) { seen.append(text) }
                    }
                }
                // Sorted (shortest first): a keymap's table order is not the file's.
                let sorted = seen.sorted { ($0.count, $0) < ($1.count, $1) }
                return sorted.isEmpty ? "–" : sorted.map { "`" + escaped($0) + "`" }.joined(separator: " ")
            }
            lines.append("| `\(name.rawValue)` | " + keys.joined(separator: " | ") + " | " + escaped(name.doc) + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text { result += character == "|" ? "\\|" : String(character) }
        return result
    }
}
