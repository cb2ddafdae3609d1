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
    case newPolygon(PolygonGeometry)
    case newMask(MaskRLE)
    /// Which skeleton KEYPOINTS mode places.
    case skeleton
}

/// What the command line is collecting.
public enum LinePurpose: Hashable, Sendable {
    case command
    /// A search; `extending`: started from SPAN mode by `extend`, so the selection follows.
    case search(forward: Bool, extending: Bool)
    case flagNote
}

/// The text being typed on the command line.
public struct LineEditor: Hashable, Sendable {
    public var text: String = ""
    /// Cursor position in characters.
    public var cursor: Int = 0
    public var purpose: LinePurpose

    /// An empty line collecting text for `purpose`.
    public init(purpose: LinePurpose) { self.purpose = purpose }

    /// The prompt shown before the text.
    public var prompt: String {
        switch purpose {
        case .command: return ":"
        case .search(let forward, _): return forward ? "/" : "?"
        case .flagNote: return "flag note: "
        }
    }

    /// Inserts typed text at the cursor. Typed characters may merge with their neighbours into
    /// one grapheme (a ZWJ, a skin tone, a combining accent), so the cursor is counted again.
    public mutating func insert(_ typed: String) {
        let characters = Array(text)
        let at = min(max(0, cursor), characters.count)
        let before = String(characters[..<at]) + typed
        text = before + String(characters[at...])
        cursor = min(before.count, text.count)
    }

    /// Deletes the character before the cursor.
    public mutating func deleteBackward() {
        var characters = Array(text)
        let at = min(cursor, characters.count)
        guard at > 0 else { return }
        characters.remove(at: at - 1)
        text = String(characters)
        cursor = min(at - 1, text.count)
    }

    /// Deletes the character under the cursor.
    public mutating func deleteForward() {
        var characters = Array(text)
        guard cursor >= 0, cursor < characters.count else { return }
        characters.remove(at: cursor)
        text = String(characters)
        cursor = min(cursor, text.count)
    }

    /// Deletes the word before the cursor (C-w).
    public mutating func deleteWordBackward() {
        var characters = Array(text)
        let end = min(max(0, cursor), characters.count)
        var start = end
        while start > 0 && characters[start - 1] == " " { start -= 1 }
        while start > 0 && characters[start - 1] != " " { start -= 1 }
        characters.removeSubrange(start..<end)
        text = String(characters)
        cursor = min(start, text.count)
    }
}

/// One entry of the mode stack, with the state that mode needs.
public enum ModeState: Hashable, Sendable {
    case normal
    /// The reviewer's base mode (`termlabel review`): NORMAL's keys, and the review's own.
    case review
    case classes
    case box(BoxDraft)
    case span(SpanDraft)
    case polygon(PolygonDraft)
    case keypoints(KeypointDraft)
    case mask(MaskDraft)
    case pick(kind: LabelKind, purpose: PickPurpose)
    case command(LineEditor)
    case help(scroll: Int)

    /// The keymap table this mode uses.
    public var keymapMode: EditorMode {
        switch self {
        case .normal: return .normal
        case .review: return .review
        case .classes: return .classes
        case .box: return .box
        case .span: return .span
        case .polygon: return .polygon
        case .keypoints: return .keypoints
        case .mask: return .mask
        case .pick: return .pick
        case .command: return .command
        case .help: return .help
        }
    }

    /// The name on the status line.
    public var title: String {
        switch self {
        case .normal: return "NORMAL"
        case .review: return "REVIEW"
        case .classes: return "CLASS"
        case .box: return "BOX"
        case .span: return "SPAN"
        case .polygon: return "POLYGON"
        case .keypoints: return "KEYPOINTS"
        case .mask: return "MASK"
        case .pick: return "PICK"
        case .command(let line): return line.purpose == .command ? "COMMAND" : line.purpose == .flagNote ? "FLAG" : "SEARCH"
        case .help: return "HELP"
        }
    }

    /// The box being drawn, in BOX mode.
    var boxDraft: BoxDraft? {
        if case .box(let draft) = self { return draft }
        return nil
    }

    /// The polygon being drawn, in POLYGON mode.
    public var polygonDraft: PolygonDraft? {
        if case .polygon(let draft) = self { return draft }
        return nil
    }

    /// The skeleton being placed, in KEYPOINTS mode.
    public var keypointDraft: KeypointDraft? {
        if case .keypoints(let draft) = self { return draft }
        return nil
    }

    /// The mask being painted, in MASK mode.
    public var maskDraft: MaskDraft? {
        if case .mask(let draft) = self { return draft }
        return nil
    }

    /// Whether the mode works on the item on screen (a draft, a label being picked, the help
    /// about it), so moving to another item leaves it.
    var isTiedToItem: Bool {
        switch self {
        case .box, .span, .polygon, .keypoints, .mask, .pick, .help: return true
        default: return false
        }
    }

    /// What leaving this mode unfinished throws away, said when Esc does it.
    var cancelNote: String? {
        switch self {
        case .pick(_, .editedBox):
            return "the box was left as it was (its edit is cancelled)"
        case .box(let draft) where draft.editing != nil:
            return "the box was left as it was (its edit is cancelled)"
        case .polygon(let draft) where draft.editing != nil:
            return "the polygon was left as it was (its edit is cancelled)"
        case .polygon(let draft) where !draft.points.isEmpty:
            return "the polygon's \(draft.points.count) vertices were dropped"
        case .keypoints(let draft) where draft.points.contains(where: \.isLabeled):
            return draft.editing != nil ? "the points were left as they were (the edit is cancelled)" : "the placed points were dropped"
        case .mask(let draft) where draft.revision > 0:
            return draft.editing != nil ? "the mask was left as it was (its edit is cancelled)" : "the painted mask was dropped"
        default:
            return nil
        }
    }

    /// This mode after the cursor moved (`extend`): a box's free corner follows the cursor, or
    /// the whole box moves by as much as the cursor did (kept inside the picture); a span's
    /// moving end follows the text cursor. Other modes have nothing to drag.
    func following(imageCursor: (x: Int, y: Int)?, from before: (x: Int, y: Int)?, imageSize: ImageSize?, textCursor: Int?) -> ModeState {
        switch self {
        case .box(var draft):
            guard let cursor = imageCursor else { return self }
            if draft.movingWhole, let before, let size = imageSize {
                let box = draft.geometry
                let dx = min(max(cursor.x - before.x, -box.x), size.width - box.maxX)
                let dy = min(max(cursor.y - before.y, -box.y), size.height - box.maxY)
                draft.anchor = (draft.anchor.x + dx, draft.anchor.y + dy)
                draft.corner = (draft.corner.x + dx, draft.corner.y + dy)
            } else {
                draft.corner = cursor
            }
            return .box(draft)
        case .span(var draft):
            guard let cursor = textCursor else { return self }
            draft.head = cursor
            return .span(draft)
        case .polygon(var draft):
            guard let cursor = imageCursor, let vertex = draft.selectedVertex, draft.points.indices.contains(vertex) else { return self }
            draft.points[vertex] = ShapePoint.centre(ofPixel: cursor.x, cursor.y)
            return .polygon(draft)
        case .mask(var draft):
            guard let cursor = imageCursor, draft.stroke != .off else { return self }
            draft.stroke(from: before ?? cursor, to: cursor, on: draft.stroke == .paint)
            return .mask(draft)
        default:
            return self
        }
    }

    /// Whether a count may be typed before a command.
    var takesCounts: Bool {
        switch self {
        case .normal, .review, .box, .span, .polygon, .keypoints, .mask: return true
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
