/// The state an item is marked with.
public struct MarkState: Hashable, Sendable, RawRepresentable, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    /// Reviewed, even with zero annotations (a true negative).
    public static let done: MarkState = "done"
    /// Ambiguous, needs a second look (usually with a note).
    public static let flagged: MarkState = "flagged"
    /// A reviewer has settled the item (REVIEW mode, DESIGN §9).
    public static let reviewed: MarkState = "reviewed"
}

/// A mark on an item (or a record of a text file) by one annotator.
public struct Mark: Hashable, Sendable {
    public var state: MarkState
    public var record: Int?
    public var author: String?
    public var time: String?
    public var note: String?
    /// Keys this version does not know, kept on rewrite.
    public var extra: [String: JSONValue]

    /// A mark with the given fields.
    public init(state: MarkState, record: Int? = nil, author: String? = nil, time: String? = nil,
                note: String? = nil, extra: [String: JSONValue] = [:]) {
        self.state = state
        self.record = record
        self.author = author
        self.time = time
        self.note = note
        self.extra = extra
    }

    /// The states this version knows; a sidecar with another is shown but not edited.
    public static let knownStates: Set<MarkState> = [.done, .flagged, .reviewed]

    /// What identifies a mark: one mark per state, record and annotator.
    public var key: MarkKey { MarkKey(state: state, record: record, author: author) }
}

/// The identity of a mark within a sidecar.
public struct MarkKey: Hashable, Sendable {
    public var state: MarkState
    public var record: Int?
    public var author: String?

    /// The key of the mark `state` on `record` by `author`.
    public init(state: MarkState, record: Int?, author: String?) {
        self.state = state
        self.record = record
        self.author = author
    }
}
