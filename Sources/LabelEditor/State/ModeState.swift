import LabelConfig
import LabelCore

/// A box being drawn or edited: two corner pixels (inclusive), and which one moves.
public struct BoxDraft: Hashable, Sendable {
    public var anchor: (x: Int, y: Int)
    public var corner: (x: Int, y: Int)
    /// Move the whole box instead of the free corner.
    public var movingWhole = false
    /// The annotation being edited, or nil for a new box.
    public var editing: String?

    /// The box the corners span.
    public var geometry: BoxGeometry { BoxGeometry(corner: anchor, corner: corner) }

    public static func == (lhs: BoxDraft, rhs: BoxDraft) -> Bool {
        lhs.anchor == rhs.anchor && lhs.corner == rhs.corner && lhs.movingWhole == rhs.movingWhole && lhs.editing == rhs.editing
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(anchor.x); hasher.combine(anchor.y); hasher.combine(corner.x); hasher.combine(corner.y)
        hasher.combine(movingWhole); hasher.combine(editing)
    }
}

/// A span being selected: the end that stays and the end that moves (code points of the
/// item's text; the selection covers both ends' clusters).
public struct SpanDraft: Hashable, Sendable {
    public var anchor: Int
    public var head: Int
}

/// What a label picked in PICK mode is for.
public enum PickPurpose: Hashable, Sendable {
    case newBox(BoxGeometry)
    case editedBox(id: String, geometry: BoxGeometry)
    case newSpan(Range<Int>)
    case relabel(id: String)
}

/// What the command line is collecting.
public enum LinePurpose: Hashable, Sendable {
    case command
    case search(forward: Bool)
    case flagNote
}

/// The text being typed on the command line.
public struct LineEditor: Hashable, Sendable {
    public var text: String = ""
    /// Cursor position in characters.
    public var cursor: Int = 0
    public var purpose: LinePurpose

    /// The prompt shown before the text.
    public var prompt: String {
        switch purpose {
        case .command: return ":"
        case .search(let forward): return forward ? "/" : "?"
        case .flagNote: return "flag note: "
        }
    }

    /// Inserts typed text at the cursor.
    public mutating func insert(_ typed: String) {
        var characters = Array(text)
        characters.insert(contentsOf: Array(typed), at: cursor)
        text = String(characters)
        cursor += typed.count
    }

    /// Deletes the character before the cursor.
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        var characters = Array(text)
        characters.remove(at: cursor - 1)
        text = String(characters)
        cursor -= 1
    }

    /// Deletes the character under the cursor.
    public mutating func deleteForward() {
        var characters = Array(text)
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
        text = String(characters)
    }

    /// Deletes the word before the cursor (C-w).
    public mutating func deleteWordBackward() {
        var characters = Array(text)
        var start = cursor
        while start > 0 && characters[start - 1] == " " { start -= 1 }
        while start > 0 && characters[start - 1] != " " { start -= 1 }
        characters.removeSubrange(start..<cursor)
        text = String(characters)
        cursor = start
    }
}

/// One entry of the mode stack, with the state that mode needs.
public enum ModeState: Hashable, Sendable {
    case normal
    case classes
    case box(BoxDraft)
    case span(SpanDraft)
    case pick(kind: LabelKind, purpose: PickPurpose)
    case command(LineEditor)
    case help(scroll: Int)

    /// The keymap table this mode uses.
    public var keymapMode: EditorMode {
        switch self {
        case .normal: return .normal
        case .classes: return .classes
        case .box: return .box
        case .span: return .span
        case .pick: return .pick
        case .command: return .command
        case .help: return .help
        }
    }

    /// The name on the status line.
    public var title: String {
        switch self {
        case .normal: return "NORMAL"
        case .classes: return "CLASS"
        case .box: return "BOX"
        case .span: return "SPAN"
        case .pick: return "PICK"
        case .command(let line): return line.purpose == .command ? "COMMAND" : line.purpose == .flagNote ? "FLAG" : "SEARCH"
        case .help: return "HELP"
        }
    }

    /// Whether a count may be typed before a command.
    var takesCounts: Bool {
        switch self {
        case .normal, .box, .span: return true
        default: return false
        }
    }
}

/// A message on the bottom line.
public struct EditorMessage: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case info, warning, error }
    public var text: String
    public var kind: Kind

    /// A message of `kind`.
    public init(_ text: String, _ kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}
