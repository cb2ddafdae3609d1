/// A three-way merge of sidecars (DESIGN §10): annotations by `id`, marks by (state, record,
/// author), other top-level keys by name. Additions on either side are kept; a deletion on one
/// side of something the other left alone is a deletion; the same annotation changed
/// differently on both sides keeps both (theirs under a new id with `conflict_of`) and a
/// `flagged` mark names the conflict. Pure: no files, no clock.
public struct SidecarMerge: Sendable {
    /// The merged sidecar.
    public var result: Sidecar
    /// One line per conflict, for the user.
    public var conflicts: [String]

    /// The author of the flags a merge adds.
    public static let flagAuthor = "termlabel-merge"
    /// The key that ties a conflicting copy to the annotation it conflicts with.
    public static let conflictKey = "conflict_of"

    /// Merges `ours` and `theirs`, both descended from `base` (an empty sidecar when the file is
    /// new on both sides).
    public init(base: Sidecar, ours: Sidecar, theirs: Sidecar) {
        var conflicts: [String] = []
        var flags: [Int?: [String]] = [:]
        // Positions by id (not copies): a 100,000-annotation sidecar merges in a fraction of a second.
        func positions(_ list: [Annotation]) -> [String: Int] {
            var result: [String: Int] = [:]
            result.reserveCapacity(list.count)
            for (index, annotation) in list.enumerated() where result[annotation.id] == nil { result[annotation.id] = index }
            return result
        }
        let baseIndex = positions(base.annotations), oursIndex = positions(ours.annotations), theirsIndex = positions(theirs.annotations)
        var conflictIDs = Set<String>()
        func taken(_ id: String) -> Bool {
            oursIndex[id] != nil || theirsIndex[id] != nil || baseIndex[id] != nil || conflictIDs.contains(id)
        }
        var merged: [Annotation] = []
        merged.reserveCapacity(max(ours.annotations.count, theirs.annotations.count))
        // Ours first, then theirs' additions, then what only the ancestor had (ids only: copying
        // the annotations of three whole lists cost more than the merge). Each id once: the
        // first list that holds it (by its first position there) takes it.
        let order = ours.annotations.enumerated().lazy.filter { oursIndex[$0.element.id] == $0.offset }.map(\.element.id)
            + theirs.annotations.enumerated().lazy.filter { oursIndex[$0.element.id] == nil && theirsIndex[$0.element.id] == $0.offset }.map(\.element.id)
            + base.annotations.enumerated().lazy.filter { oursIndex[$0.element.id] == nil && theirsIndex[$0.element.id] == nil && baseIndex[$0.element.id] == $0.offset }.map(\.element.id)
        for id in order {
            let before = baseIndex[id].map { base.annotations[$0] }
            let mine = oursIndex[id].map { ours.annotations[$0] }
            let other = theirsIndex[id].map { theirs.annotations[$0] }
            switch SidecarMerge.pick(base: before, ours: mine, theirs: other) {
            case .take(let annotation):
                if let annotation { merged.append(annotation) }
            case .conflict:
                // Both changed it differently (or one deleted what the other changed): both
                // versions stay, side by side, and a flag says so.
                if let mine { merged.append(mine) }
                guard var copy = other else {
                    let what = "\(id) (\(mine?.label ?? "?")): deleted by theirs, changed by ours; ours kept"
                    conflicts.append(what)
                    flags[mine?.record, default: []].append(what)
                    continue
                }
                if mine == nil {
                    merged.append(copy)
                    let what = "\(id) (\(copy.label)): deleted by ours, changed by theirs; theirs kept"
                    conflicts.append(what)
                    flags[copy.record, default: []].append(what)
                    continue
                }
                var newID = id + "-theirs"
                var number = 2
                while taken(newID) {
                    newID = id + "-theirs\(number)"
                    number += 1
                }
                conflictIDs.insert(newID)
                copy.id = newID
                copy.extra[SidecarMerge.conflictKey] = .string(id)
                merged.append(copy)
                let what = "\(id): \(SidecarMerge.describe(mine)) in ours, \(SidecarMerge.describe(copy)) in theirs (kept as \(newID))"
                conflicts.append(what)
                flags[copy.record, default: []].append(what)
            }
        }

        var marks: [Mark] = []
        let baseMarks = Dictionary(base.marks.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let ourMarks = Dictionary(ours.marks.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let theirMarks = Dictionary(theirs.marks.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var keys = ours.marks.map(\.key)
        var seenKeys = Set(keys)
        for mark in theirs.marks + base.marks where seenKeys.insert(mark.key).inserted { keys.append(mark.key) }
        for key in keys {
            switch SidecarMerge.pick(base: baseMarks[key], ours: ourMarks[key], theirs: theirMarks[key]) {
            case .take(let mark):
                if let mark { marks.append(mark) }
            case .conflict:
                // One mark per key: the one kept is the one that still exists, else the later
                // one; two notes are joined so neither is lost.
                guard let mine = ourMarks[key] else { if let other = theirMarks[key] { marks.append(other) }; continue }
                guard let other = theirMarks[key] else { marks.append(mine); continue }
                var kept = (other.time ?? "") > (mine.time ?? "") ? other : mine
                if let a = mine.note, let b = other.note, a != b { kept.note = a + " | " + b }
                marks.append(kept)
            }
        }
        for (record, lines) in flags {
            let key = MarkKey(state: .flagged, record: record, author: SidecarMerge.flagAuthor)
            let note = "merge conflict: " + lines.joined(separator: "; ")
            if let index = marks.firstIndex(where: { $0.key == key }) {
                marks[index].note = (marks[index].note.map { $0 + "; " } ?? "") + note
            } else {
                marks.append(Mark(state: .flagged, record: record, author: SidecarMerge.flagAuthor, note: note))
            }
        }

        var extra: [String: JSONValue] = [:]
        for key in Set(base.extra.keys).union(ours.extra.keys).union(theirs.extra.keys) {
            switch SidecarMerge.pick(base: base.extra[key], ours: ours.extra[key], theirs: theirs.extra[key]) {
            case .take(let value):
                if let value { extra[key] = value }
            case .conflict:
                // Lists (the suggestions people turned down) are joined; anything else keeps ours.
                if case .array(let mine)? = ours.extra[key], case .array(let other)? = theirs.extra[key] {
                    extra[key] = .array(mine + other.filter { !mine.contains($0) })
                } else if let value = ours.extra[key] ?? theirs.extra[key] {
                    extra[key] = value
                }
            }
        }
        let header = ours.file.isEmpty ? theirs : ours
        result = Sidecar(file: header.file, kind: header.kind ?? theirs.kind, image: header.image ?? theirs.image,
                         annotations: merged.sorted(by: AnnotationOrder.precedes), marks: marks.sorted(by: AnnotationOrder.precedes), extra: extra)
        self.conflicts = conflicts
    }

    enum Pick<Value> {
        case take(Value?)
        case conflict
    }

    /// The three-way rule for one value: unchanged on a side means the other side's version wins.
    static func pick<Value: Equatable>(base: Value?, ours: Value?, theirs: Value?) -> Pick<Value> {
        if ours == theirs { return .take(ours) }
        if ours == base { return .take(theirs) }
        if theirs == base { return .take(ours) }
        return .conflict
    }

    static func describe(_ annotation: Annotation?) -> String {
        guard let annotation else { return "deleted" }
        var text = "\(annotation.shape.typeName) \"\(annotation.label)\""
        if let box = annotation.box { text += " at \(box.summary)" }
        if let span = annotation.span { text += " at \(span.start)..<\(span.end)" }
        return text
    }
}
