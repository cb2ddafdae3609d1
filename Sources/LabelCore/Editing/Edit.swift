/// One invertible change to a document. Applying is by identity (annotation id, mark key), so an
/// edit can be re-applied to a fresher copy of the sidecar that another process has changed.
public enum Edit: Hashable, Sendable {
    case add(Annotation)
    case remove(Annotation)
    case update(from: Annotation, to: Annotation)
    /// Sets a mark; `from` is the mark it replaces (same key), if any.
    case setMark(from: Mark?, to: Mark)
    case clearMark(Mark)
    /// Sets a top-level sidecar key this model keeps as a whole value (`rejected`, the record
    /// of suggestions a person turned down); nil removes it.
    case setValue(key: String, from: JSONValue?, to: JSONValue?)

    /// The edit that undoes this one.
    public var inverse: Edit {
        switch self {
        case .add(let annotation): return .remove(annotation)
        case .remove(let annotation): return .add(annotation)
        case .update(let old, let new): return .update(from: new, to: old)
        case .setMark(let old, let new):
            if let old { return .setMark(from: new, to: old) }
            return .clearMark(new)
        case .clearMark(let mark): return .setMark(from: nil, to: mark)
        case .setValue(let key, let old, let new): return .setValue(key: key, from: new, to: old)
        }
    }
}

/// The edits of one user action: applied together, undone together.
public struct Transaction: Hashable, Sendable {
    public var edits: [Edit]
    /// What the action was, for messages such as "undid: relabel box".
    public var summary: String

    /// A transaction of `edits` described by `summary`.
    public init(_ edits: [Edit], summary: String = "") {
        self.edits = edits
        self.summary = summary
    }

    /// The transaction that undoes this one: inverse edits in reverse order.
    public var inverse: Transaction {
        Transaction(edits.reversed().map(\.inverse), summary: summary)
    }

    /// Whether there is nothing to apply.
    public var isEmpty: Bool { edits.isEmpty }
}
