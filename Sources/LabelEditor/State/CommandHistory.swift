/// The `:` commands typed this session, and where Up/Down are in them.
struct CommandHistory {
    private(set) var entries: [String] = []
    private var cursor: Int?

    /// Remembers `text` as the latest command (once: an earlier copy moves to the end).
    mutating func record(_ text: String) {
        guard !text.isEmpty else { return }
        entries.removeAll { $0 == text }
        entries.append(text)
        cursor = nil
    }

    /// Starts a new line at the end of the history.
    mutating func rewind() { cursor = nil }

    /// The previous (`back`) or next command, or "" past the newest; nil with no history.
    mutating func step(back: Bool) -> String? {
        guard !entries.isEmpty else { return nil }
        var index = cursor ?? entries.count
        index = back ? max(0, index - 1) : min(entries.count, index + 1)
        cursor = index
        return index < entries.count ? entries[index] : ""
    }
}
