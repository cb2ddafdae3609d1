import LabelConfig
import LabelCore
import LabelInput

/// What is typed before a command runs: the keys of a binding so far, a count, and whether
/// Ctrl-C was just pressed (a second one quits).
struct PendingInput {
    var keys: [Key] = []
    var count: Int?
    var interruptPressed = false
}

/// The one path of a key: a count, else the current mode's key trie, else text for a mode that
/// takes it; then the command runs.
extension Editor {
    /// Builds the key tries: each mode's keymap, and in CLASS and PICK the project's label keys
    /// as `toggle_class NAME` / `pick_label NAME`. A label's key wins over a keymap binding of
    /// the same key (and over longer bindings starting with it): labels are the project's own,
    /// and `shadowedKeyWarnings` names what they hide. Built again when labels change.
    func compileKeys() {
        for mode in EditorMode.allCases { tries[mode] = KeyTrie(keymap.bindings(for: mode)) }
        // REVIEW is NORMAL with the review's own keys on top.
        tries[.review] = KeyTrie(keymap.bindings(for: .normal) + keymap.bindings(for: .review))
        tries[.classes] = KeyTrie(withLabels: settings.classes, command: "toggle_class", over: keymap.bindings(for: .classes))
        for kind in LabelKind.allCases {
            pickTries[kind] = KeyTrie(withLabels: settings.labels(kind), command: "pick_label", over: keymap.bindings(for: .pick))
        }
    }

    /// The key trie of the current mode.
    var currentTrie: KeyTrie {
        if case .pick(let kind, _) = mode { return pickTries[kind] ?? KeyTrie([]) }
        return tries[mode.keymapMode] ?? KeyTrie([])
    }

    /// One key: Ctrl-C's way out, a count, a binding of the current mode (label keys are
    /// bindings too), else text typed into the mode that takes text (the command line, PICK's
    /// filter).
    func handleKey(_ key: Key) {
        // While a large file is searched or counted, keys typed ahead wait for the cursor to
        // land (they mean "after the match", as if the work had blocked); the mode's way out
        // (Esc: `normal_mode` or `deselect`, as the keymap binds it) or Ctrl-C stops it and
        // drops them. Work that ended before its wake-up was handled lands first.
        collectBackgroundWork()
        if searchJob.isRunning || countJob.isRunning {
            let stops: Bool
            if case .matched(let call) = currentTrie.lookup([key]) {
                stops = call.name == CommandName.normal_mode.rawValue || call.name == CommandName.deselect.rawValue
            } else {
                stops = false
            }
            if stops || key == Key(.character("c"), modifiers: .control) {
                searchJob.stop()
                countJob.stop()
                keysTypedAhead = []
            } else {
                keysTypedAhead.append(key)
            }
            return
        }
        // Ctrl-C twice in a row always quits, whatever a keymap binds: a user keymap that binds
        // `:`, Ctrl-C and Esc away must not leave a terminal with no way out.
        if key == Key(.character("c"), modifiers: .control) {
            if input.interruptPressed {
                quitRequested = true
                return
            }
            input.interruptPressed = true
            if currentTrie.lookup(input.keys + [key]) == .notFound {
                message = EditorMessage("press Ctrl-C again to quit", .warning)
                input.keys = []
                return
            }
        } else {
            input.interruptPressed = false
        }
        if input.keys.isEmpty, mode.takesCounts, let digit = key.typedCharacter?.wholeNumberValue, key.typedCharacter?.isASCII == true,
           digit > 0 || input.count != nil {
            input.count = min(99_999, (input.count ?? 0) * 10 + digit)
            return
        }
        // Once a PICK filter is being typed, every character narrows it (label keys included).
        if input.keys.isEmpty, !pickFilter.isEmpty, typeIntoPickFilter(key) { return }
        input.keys.append(key)
        let trie = currentTrie
        switch trie.lookup(input.keys) {
        case .pending:
            return
        case .matched(let call):
            input.keys = []
            run(call)
        case .notFound:
            let keys = input.keys
            input.keys = []
            if keys.count > 1, let shorter = trie.command(exactly: Array(keys.dropLast())) {
                run(shorter)
                if let last = keys.last { handleKey(last) }
                return
            }
            // The terminal reports Esc and a key that came within the escape delay as Alt and
            // the key; only the keymap knows whether that means anything, so an Alt key the
            // mode does not bind is what was most likely typed: Esc, then the key.
            if keys.count == 1, key.modifiers.contains(.alt), case .character(let character) = key.code {
                handleKey(Key(.escape))
                handleKey(Key(.character(character), modifiers: key.modifiers.subtracting(.alt)))
                return
            }
            if keys.count == 1, typeIntoLine(key) || typeIntoPickFilter(key) { return }
            input.count = nil
            if keys != [Key(.escape)] {
                message = EditorMessage("\(keys.map(\.description).joined(separator: " ")) does nothing in \(mode.title) mode (\(keyHint(for: .help, fallback: "?")) for help)", .warning)
            }
        }
    }

    /// The key that runs `command` in `mode` (else NORMAL) under the active keymap, as a person
    /// would read it (`Enter`, `?`, `F1`), so hints stay right under `--keymap arrows` or a
    /// user's own keymap; `fallback` when nothing binds it.
    func keyHint(for command: CommandName, in mode: EditorMode? = nil, fallback: String) -> String {
        for candidate in [mode ?? self.mode.keymapMode, .normal] {
            let bindings = keymap.bindings(for: candidate).filter { $0.command.name == command.rawValue }
            // Prefer a single key, and plain characters over named keys.
            if let best = bindings.min(by: { ($0.keys.count, $0.keys.description.count) < ($1.keys.count, $1.keys.description.count) }) {
                return best.keys.map(\.readableName).joined(separator: " ")
            }
        }
        return fallback
    }

    /// Runs a bound command with the count typed before it.
    func run(_ call: CommandCall) {
        let typed = input.count
        input.count = nil
        guard let name = CommandName(rawValue: call.name) else {
            message = EditorMessage("unknown command \(call.name)", .error)
            return
        }
        perform(name, count: typed, arguments: call.arguments)
    }
}
