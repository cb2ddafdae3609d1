import LabelConfig
import LabelCore
import LabelInput

/// The keys of one mode as a trie: looking up the keys typed so far answers pending (a longer
/// binding may follow), matched, or not found. Pure, so it is tested without a terminal.
public struct KeyTrie: Sendable {
    /// The answer to a lookup.
    public enum Lookup: Hashable, Sendable {
        case pending
        case matched(CommandCall)
        case notFound
    }

    private var commands: [[Key]: CommandCall] = [:]
    private var prefixes: Set<[Key]> = []

    /// The trie of `bindings`.
    public init(_ bindings: [Keymap.Binding]) {
        for binding in bindings {
            commands[binding.keys] = binding.command
            for length in 1..<max(1, binding.keys.count) { prefixes.insert(Array(binding.keys.prefix(length))) }
        }
    }

    /// The trie of `bindings` with each label's key bound to `command NAME` on top: a label's
    /// key replaces a binding of the same key and any longer binding starting with it.
    public init(withLabels labels: LabelSet, command: String, over bindings: [Keymap.Binding]) {
        var labelBindings: [Keymap.Binding] = []
        var taken = Set<Key>()
        for position in labels.labels.indices {
            guard let text = labels.key(at: position), text.count == 1, let character = text.first else { continue }
            let key = Key(.character(character))
            guard taken.insert(key).inserted else { continue }
            labelBindings.append(Keymap.Binding(keys: [key], command: CommandCall(command, arguments: [labels.labels[position].name]),
                                                origin: "label \"\(labels.labels[position].name)\""))
        }
        self.init(bindings.filter { binding in binding.keys.first.map { !taken.contains($0) } ?? true } + labelBindings)
    }

    /// What `keys` means: a longer binding wins over a shorter one that is its prefix.
    public func lookup(_ keys: [Key]) -> Lookup {
        if prefixes.contains(keys) { return .pending }
        if let command = commands[keys] { return .matched(command) }
        return .notFound
    }

    /// The command bound to exactly `keys`, if any (for resolving a pending prefix).
    public func command(exactly keys: [Key]) -> CommandCall? { commands[keys] }

    /// Every binding, for help screens.
    public var allBindings: [(keys: [Key], command: CommandCall)] {
        commands.map { ($0.key, $0.value) }.sorted { $0.keys.map(\.description).joined(separator: " ") < $1.keys.map(\.description).joined(separator: " ") }
    }
}
