/// The annotations and marks of one data file with their undo history. Every change goes through
/// `apply(_:)`; the document is a value, so the store decides when and how it reaches disk.
public struct Document: Sendable {
    /// The sidecar header fields (file, kind, image size, unknown top-level keys).
    public var header: Sidecar
    public private(set) var annotationsByID: [String: Annotation] = [:]
    /// Annotation ids in the stable sidecar order, kept sorted edit by edit so that writing a
    /// large sidecar or listing one record's annotations never sorts.
    private var orderedIDs: [String] = []
    public private(set) var marksByKey: [MarkKey: Mark] = [:]
    public private(set) var history = History()
    /// Bumped on every change, so views can tell when to redraw.
    public private(set) var revision = 0

    /// A document holding the content of `sidecar`, with an empty history.
    public init(sidecar: Sidecar) {
        header = sidecar
        header.annotations = []
        header.marks = []
        load(sidecar)
    }

    /// Replaces the content with a fresher copy of the sidecar, keeping the history.
    public mutating func reload(from sidecar: Sidecar) {
        header = sidecar
        header.annotations = []
        header.marks = []
        annotationsByID.removeAll(keepingCapacity: true)
        orderedIDs.removeAll(keepingCapacity: true)
        marksByKey.removeAll(keepingCapacity: true)
        load(sidecar)
        revision += 1
    }

    private mutating func load(_ sidecar: Sidecar) {
        annotationsByID.reserveCapacity(sidecar.annotations.count)
        var loaded: [Annotation] = []
        loaded.reserveCapacity(sidecar.annotations.count)
        for var annotation in sidecar.annotations {
            // Two annotations with one id (say, from a hand-resolved merge) must both survive.
            if annotationsByID[annotation.id] != nil {
                var suffix = 2
                while annotationsByID["\(annotation.id)-\(suffix)"] != nil { suffix += 1 }
                annotation.id = "\(annotation.id)-\(suffix)"
            }
            annotationsByID[annotation.id] = annotation
            loaded.append(annotation)
        }
        // Sidecars written by termlabel are already in order; others are sorted once here.
        if !zip(loaded, loaded.dropFirst()).allSatisfy({ AnnotationOrder.precedes($0, $1) }) {
            loaded.sort(by: AnnotationOrder.precedes)
        }
        orderedIDs = loaded.map(\.id)
        for mark in sidecar.marks { marksByKey[mark.key] = mark }
    }

    /// The sidecar this document would write: annotations and marks in stable order.
    public var sidecar: Sidecar {
        var result = header
        result.annotations = annotations
        result.marks = marksByKey.values.sorted(by: AnnotationOrder.precedes)
        return result
    }

    /// All annotations in stable order.
    public var annotations: [Annotation] { orderedIDs.compactMap { annotationsByID[$0] } }

    /// The number of annotations.
    public var annotationCount: Int { orderedIDs.count }

    /// The annotations of one record (nil: of a whole item) in stable order.
    public func annotations(record: Int?) -> [Annotation] {
        // Records sort first, so one record's annotations are one contiguous run.
        let key = record ?? -1
        var low = 0, high = orderedIDs.count
        while low < high {
            let middle = (low + high) / 2
            if (annotationsByID[orderedIDs[middle]]?.record ?? -1) < key { low = middle + 1 } else { high = middle }
        }
        var result: [Annotation] = []
        while low < orderedIDs.count, let annotation = annotationsByID[orderedIDs[low]], annotation.record == record {
            result.append(annotation)
            low += 1
        }
        return result
    }

    /// The marks of one record (nil: of a whole item) in stable order.
    public func marks(record: Int?) -> [Mark] {
        marksByKey.values.filter { $0.record == record }.sorted(by: AnnotationOrder.precedes)
    }

    /// The annotation with `id`, if present.
    public func annotation(id: String) -> Annotation? { annotationsByID[id] }

    /// The mark with `key`, if present.
    public func mark(_ key: MarkKey) -> Mark? { marksByKey[key] }

    /// Applies a user action and records it for undo.
    public mutating func apply(_ transaction: Transaction) {
        perform(transaction)
        history.record(transaction)
    }

    /// Undoes the last action; returns the transaction that was applied to do so.
    public mutating func undo() -> Transaction? {
        guard let step = history.popUndo() else { return nil }
        let inverse = step.inverse
        perform(inverse)
        return inverse
    }

    /// Redoes the last undone action; returns the transaction that was applied.
    public mutating func redo() -> Transaction? {
        guard let step = history.popRedo() else { return nil }
        perform(step)
        return step
    }

    /// What in `transaction` no longer finds the state it was made for: an annotation or mark
    /// that someone changed, removed or added since (another process, another annotator).
    /// Undo and redo check this so they never overwrite someone else's later change.
    public func mismatches(_ transaction: Transaction) -> [String] {
        var found: [String] = []
        func describe(_ annotation: Annotation) -> String { "\(annotation.shape.typeName) \(annotation.label)" }
        func changedBy(_ annotation: Annotation) -> String {
            (annotation.extra["edited_by"]?.stringValue ?? annotation.author).map { " (by \($0))" } ?? ""
        }
        for edit in transaction.edits {
            switch edit {
            case .add(let annotation):
                if let current = annotationsByID[annotation.id], current != annotation { found.append("\(describe(current)) was changed since") }
            case .remove(let annotation):
                guard let current = annotationsByID[annotation.id] else {
                    found.append("\(describe(annotation)) was removed since")
                    continue
                }
                if current != annotation { found.append("\(describe(current)) was changed since\(changedBy(current))") }
            case .update(let from, _):
                guard let current = annotationsByID[from.id] else {
                    found.append("\(describe(from)) was removed since")
                    continue
                }
                if current != from { found.append("\(describe(current)) was changed since\(changedBy(current))") }
            case .setMark(let from, let to):
                if marksByKey[to.key] != from { found.append("the \(to.state.rawValue) mark was changed since") }
            case .clearMark(let mark):
                if marksByKey[mark.key] != mark { found.append("the \(mark.state.rawValue) mark was changed since") }
            case .setValue(let key, let from, _):
                if header.extra[key] != from { found.append("\"\(key)\" was changed since") }
            }
        }
        return found
    }

    /// Forgets the step `undo()` would take (it can no longer be undone safely).
    public mutating func discardUndo() { history.discardUndo() }

    /// Forgets the step `redo()` would take.
    public mutating func discardRedo() { history.discardRedo() }

    /// What `undo()` would apply, without applying it.
    public var pendingUndo: Transaction? { history.undoStack.last?.inverse }

    /// What `redo()` would apply, without applying it.
    public var pendingRedo: Transaction? { history.redoStack.last }

    /// Applies edits without touching the history (journal replay, changes from elsewhere).
    public mutating func perform(_ transaction: Transaction) {
        for edit in transaction.edits { apply(edit) }
        revision += 1
    }

    /// The one place where content changes. Edits apply by identity and are idempotent.
    private mutating func apply(_ edit: Edit) {
        switch edit {
        case .add(let annotation), .update(_, let annotation):
            if let old = annotationsByID[annotation.id] { removeFromOrder(old) }
            annotationsByID[annotation.id] = annotation
            orderedIDs.insert(annotation.id, at: lowerBound(of: annotation))
        case .remove(let annotation):
            if let old = annotationsByID[annotation.id] {
                removeFromOrder(old)
                annotationsByID[annotation.id] = nil
            }
        case .setMark(_, let mark):
            marksByKey[mark.key] = mark
        case .clearMark(let mark):
            marksByKey[mark.key] = nil
        case .setValue(let key, _, let value):
            header.extra[key] = value
        }
    }

    /// The first position whose annotation does not precede `annotation` (a lower bound).
    private func lowerBound(of annotation: Annotation) -> Int {
        var low = 0, high = orderedIDs.count
        while low < high {
            let middle = (low + high) / 2
            if let other = annotationsByID[orderedIDs[middle]], AnnotationOrder.precedes(other, annotation) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// Removes `old` (still stored in `annotationsByID`) from the order.
    private mutating func removeFromOrder(_ old: Annotation) {
        let position = lowerBound(of: old)
        if position < orderedIDs.count && orderedIDs[position] == old.id {
            orderedIDs.remove(at: position)
        } else if let found = orderedIDs.firstIndex(of: old.id) {
            orderedIDs.remove(at: found)
        }
    }
}
