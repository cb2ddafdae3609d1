import LabelConfig

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
