import LabelCells
import LabelConfig
import LabelCore

/// HELP: the keys of the mode help was opened from (made from the keymap and the commands'
/// docs), the command line's commands, and every label with its guideline.
struct HelpView {
    let editor: Editor
    let scroll: Int

    /// The lines of help, with the style scope of each.
    var lines: [(text: String, scope: String)] {
        let under = editor.modes.dropLast().last ?? .normal
        let mode = under.keymapMode
        var lines: [(String, String)] = [("Keys in \(under.title) mode", "ui.help.title")]
        let bindings = KeyTrie(editor.keymap.bindings(for: mode)).allBindings
        var byCommand: [String: [String]] = [:]
        for binding in bindings {
            byCommand[binding.command.description, default: []].append(binding.keys.map(\.description).joined(separator: " "))
        }
        // In the order of the command catalogue, so related commands stand together.
        let rank = Dictionary(uniqueKeysWithValues: CommandName.allCases.enumerated().map { ($1.rawValue, $0) })
        let order = byCommand.keys.sorted {
            let a = rank[String($0.split(separator: " ").first ?? "")] ?? .max, b = rank[String($1.split(separator: " ").first ?? "")] ?? .max
            return a != b ? a < b : $0 < $1
        }
        for name in order {
            let keys = (byCommand[name] ?? []).joined(separator: ", ")
            let words = name.split(separator: " ").map(String.init)
            var doc = CommandName(rawValue: words.first ?? "")?.doc ?? name
            // `extend MOTION` reads as the motion, and what it drags in this mode.
            if words.first == CommandName.extend.rawValue, words.count > 1, let motion = CommandName(rawValue: words[1]) {
                doc = motion.doc + Self.dragged(in: mode)
            } else if words.count > 1 {
                // A binding with words after the command (`grow_region erase`) says them.
                doc += " — with `\(words.dropFirst().joined(separator: " "))`"
            }
            lines.append(("  \(keys.padded(18)) \(doc)", "ui.help"))
        }
        if mode == .normal || mode == .classes {
            lines.append(("  1…9, 0        in CLASS and PICK mode: the labels' keys (see below)", "ui.help"))
            lines.append(("  5l, 3w        a count before a move repeats it", "ui.help"))
        }
        lines.append(("", "ui.help"))
        lines.append(("Commands", "ui.help.title"))
        for command in TypedCommand.allCases { lines.append(("  \(command.usage.padded(34)) \(command.doc)", "ui.help")) }
        for kind in LabelKind.allCases {
            let set = editor.settings.labels(kind)
            guard !set.labels.isEmpty else { continue }
            lines.append(("", "ui.help"))
            lines.append(("\(kind.rawValue.capitalized) labels", "ui.help.title"))
            for (position, label) in set.labels.enumerated() {
                lines.append(("  \((set.key(at: position) ?? " ").padded(2)) \(label.name)", "ui.help.key"))
                if let help = label.help { lines.append(("       \(help)", "ui.help")) }
            }
        }
        return lines
    }

    func render(into canvas: inout Canvas) {
        let theme = editor.theme
        let margin = canvas.width >= 60 ? 2 : 0
        canvas.drawing(x: margin, y: canvas.height >= 12 ? 1 : 0, width: canvas.width - 2 * margin,
                       height: canvas.height - (canvas.height >= 12 ? 2 : 0)) { box in
            box.clear(theme.style("ui.help"))
            let content = lines
            let visible = max(1, box.height - 1)
            let first = min(scroll, max(0, content.count - visible))
            for (row, line) in content.dropFirst(first).prefix(visible).enumerated() {
                box.write(line.text, 1, row, theme.style(line.scope), maxWidth: box.width - 2)
            }
            let footer = content.count > visible ? " j/k scroll · Esc closes · \(first + 1)–\(min(content.count, first + visible)) of \(content.count) " : " Esc closes "
            box.writeRight(footer, box.height - 1, theme.style("ui.help.key"))
        }
    }

    /// What a motion bound with `extend` drags along in `mode`.
    static func dragged(in mode: EditorMode) -> String {
        switch mode {
        case .box: return ", dragging the box's corner (or the whole box)"
        case .span: return ", extending the selection"
        case .polygon: return ", dragging the selected vertex (after Tab)"
        case .mask: return ", painting or erasing with the brush down"
        default: return ", dragging what is drawn along"
        }
    }
}

extension String {
    func padded(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
