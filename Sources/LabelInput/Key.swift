/// A key press: a character or a named key, with modifiers.
public struct Key: Hashable, Sendable, CustomStringConvertible {
    /// What was pressed.
    public enum Code: Hashable, Sendable {
        case character(Character)
        case enter, escape, tab, backspace, delete, insert
        case up, down, left, right, home, end, pageUp, pageDown
        case function(Int)
    }

    /// Modifier keys held.
    public struct Modifiers: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let control = Modifiers(rawValue: 1)
        public static let alt = Modifiers(rawValue: 2)
        public static let shift = Modifiers(rawValue: 4)
    }

    public var code: Code
    public var modifiers: Modifiers

    /// A key with optional modifiers. Shift on a character is folded into the character
    /// (`S-a` is `A`), as terminals send it.
    public init(_ code: Code, modifiers: Modifiers = []) {
        var code = code
        var modifiers = modifiers
        if case .character(let character) = code, modifiers.contains(.shift), character.isLetter {
            code = .character(Character(character.uppercased()))
            modifiers.remove(.shift)
        }
        self.code = code
        self.modifiers = modifiers
    }

    /// A plain character key.
    public static func character(_ character: Character) -> Key { Key(.character(character)) }

    /// The printable character this key types, if it is one without control or alt.
    public var typedCharacter: Character? {
        guard modifiers.isDisjoint(with: [.control, .alt]), case .character(let character) = code else { return nil }
        return character
    }

    /// The key in keymap notation: `a`, `C-r`, `S-tab`, `ret`, `space`, `F5`.
    public var description: String {
        var prefix = ""
        if modifiers.contains(.control) { prefix += "C-" }
        if modifiers.contains(.alt) { prefix += "A-" }
        if modifiers.contains(.shift) { prefix += "S-" }
        let name: String
        switch code {
        case .character(" "): name = "space"
        case .character("-") where !prefix.isEmpty: name = "minus"
        case .character(let character): name = String(character)
        case .enter: name = "ret"
        case .escape: name = "esc"
        case .tab: name = "tab"
        case .backspace: name = "backspace"
        case .delete: name = "del"
        case .insert: name = "ins"
        case .up: name = "up"
        case .down: name = "down"
        case .left: name = "left"
        case .right: name = "right"
        case .home: name = "home"
        case .end: name = "end"
        case .pageUp: name = "pageup"
        case .pageDown: name = "pagedown"
        case .function(let number): name = "F\(number)"
        }
        return prefix + name
    }
}

extension Key {
    /// The key as a person reads it on a keyboard: `Enter`, `Esc`, `Space`, `Ctrl-r`, `F5`, `?`.
    public var readableName: String {
        var prefix = ""
        if modifiers.contains(.control) { prefix += "Ctrl-" }
        if modifiers.contains(.alt) { prefix += "Alt-" }
        if modifiers.contains(.shift) { prefix += "Shift-" }
        let name: String
        switch code {
        case .character(" "): name = "Space"
        case .character(let character): name = String(character)
        case .enter: name = "Enter"
        case .escape: name = "Esc"
        case .tab: name = "Tab"
        case .backspace: name = "Backspace"
        case .delete: name = "Delete"
        case .insert: name = "Insert"
        case .up: name = "↑"
        case .down: name = "↓"
        case .left: name = "←"
        case .right: name = "→"
        case .home: name = "Home"
        case .end: name = "End"
        case .pageUp: name = "PgUp"
        case .pageDown: name = "PgDn"
        case .function(let number): name = "F\(number)"
        }
        return prefix + name
    }
}

/// Why a key could not be read from its notation.
public struct KeyNotationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let notation: String
    public let reason: String
    public var description: String { "\"\(notation)\" is not a key: \(reason)" }
}

/// Reading Helix-style key notation.
public enum KeyNotation {
    static let names: [String: Key.Code] = [
        "ret": .enter, "enter": .enter, "esc": .escape, "escape": .escape, "tab": .tab, "backspace": .backspace, "bs": .backspace,
        "del": .delete, "delete": .delete, "ins": .insert, "insert": .insert, "up": .up, "down": .down, "left": .left, "right": .right,
        "home": .home, "end": .end, "pageup": .pageUp, "pgup": .pageUp, "pagedown": .pageDown, "pgdn": .pageDown,
        "space": .character(" "), "minus": .character("-"), "lt": .character("<"), "gt": .character(">"),
    ]

    /// One key: `x`, `C-x`, `A-S-tab`, `F12`, `ret`.
    public static func key(_ notation: String) throws(KeyNotationError) -> Key {
        var modifiers: Key.Modifiers = []
        var rest = Substring(notation)
        while rest.count > 2, rest.dropFirst().first == "-" {
            switch rest.first {
            case "C": modifiers.insert(.control)
            case "A", "M": modifiers.insert(.alt)
            case "S": modifiers.insert(.shift)
            default: throw KeyNotationError(notation: notation, reason: "unknown modifier \(rest.prefix(1))-")
            }
            rest = rest.dropFirst(2)
        }
        guard !rest.isEmpty else { throw KeyNotationError(notation: notation, reason: "empty") }
        if rest.count == 1, let character = rest.first { return Key(.character(character), modifiers: modifiers) }
        let lower = rest.lowercased()
        if let code = names[lower] { return Key(code, modifiers: modifiers) }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...24).contains(number) {
            return Key(.function(number), modifiers: modifiers)
        }
        throw KeyNotationError(notation: notation, reason: "unknown key name \"\(rest)\"")
    }

    /// A sequence of keys separated by spaces: `g g`.
    public static func sequence(_ notation: String) throws(KeyNotationError) -> [Key] {
        let parts = notation.split(separator: " ", omittingEmptySubsequences: true)
        if parts.isEmpty {
            // A key that is itself a space.
            if notation == " " { return [Key(.character(" "))] }
            throw KeyNotationError(notation: notation, reason: "empty")
        }
        var keys: [Key] = []
        for part in parts { keys.append(try key(String(part))) }
        return keys
    }
}
