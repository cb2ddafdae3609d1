import LabelCore

/// PICK mode's own state: the typed filter, the highlighted row, and the label last used of
/// each kind (Enter picks it until the user moves or types).
struct LabelPicker {
    /// What was typed to narrow the list.
    private(set) var filter = ""
    /// The highlighted row of the offered labels, or nil for the last used label.
    private(set) var highlight: Int?
    /// The label used last, per kind.
    var lastUsed: [LabelKind: String] = [:]

    /// A fresh PICK: no filter, the last used label highlighted.
    mutating func reset() {
        filter = ""
        highlight = nil
    }

    /// The labels offered from `set`: all, or those whose name holds the filter (names that
    /// start with it first), each with its position in the set.
    func choices(_ set: LabelSet) -> [(position: Int, label: LabelDefinition)] {
        let all = set.labels.enumerated().map { (position: $0.offset, label: $0.element) }
        guard !filter.isEmpty else { return all }
        let needle = filter.lowercased()
        let matching = all.filter { $0.label.name.lowercased().contains(needle) }
        return matching.filter { $0.label.name.lowercased().hasPrefix(needle) } + matching.filter { !$0.label.name.lowercased().hasPrefix(needle) }
    }

    /// A character narrows the list; the first match is highlighted.
    mutating func type(_ character: Character, in set: LabelSet) {
        filter.append(character)
        highlight = choices(set).isEmpty ? nil : 0
    }

    /// Takes back the last typed character.
    mutating func backspace(in set: LabelSet) {
        guard !filter.isEmpty else { return }
        filter.removeLast()
        highlight = filter.isEmpty || choices(set).isEmpty ? nil : 0
    }

    /// Moves the highlight `step` rows, wrapping (from the last used label at first).
    mutating func move(by step: Int, in set: LabelSet, kind: LabelKind) {
        let offered = choices(set)
        guard !offered.isEmpty else { return }
        let start = highlight ?? lastUsed[kind].flatMap { name in offered.firstIndex { $0.label.name == name } } ?? (step > 0 ? -1 : 0)
        highlight = ((start + step) % offered.count + offered.count) % offered.count
    }

    /// The label Enter picks: the highlighted one, else (with no filter) the last used or first;
    /// nil when a filter matches nothing.
    func chosen(in set: LabelSet, kind: LabelKind) -> String? {
        if let highlight {
            let offered = choices(set)
            return offered.indices.contains(highlight) ? offered[highlight].label.name : nil
        }
        guard filter.isEmpty else { return nil }
        return lastUsed[kind].flatMap { set.contains($0) ? $0 : nil } ?? set.labels.first?.name
    }
}
