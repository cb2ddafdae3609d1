import LabelInput

/// Turns what ncurses reports into keys: control characters, function keys, and the names
/// ncurses gives modified keys (`kUP5` is Ctrl-Up).
enum KeyDecoder {
    /// The key for a character ncurses returned (not a function key).
    static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 13: return Key(.enter)
        case 9: return Key(.tab)
        case 27: return Key(.escape)
        case 127: return Key(.backspace)
        case 0: return Key(.character(" "), modifiers: .control)
        case 1...26: return Key(.character(Character(Unicode.Scalar(value + 96) ?? "a")), modifiers: .control)
        case 28: return Key(.character("\\"), modifiers: .control)
        case 29: return Key(.character("]"), modifiers: .control)
        case 30: return Key(.character("^"), modifiers: .control)
        case 31: return Key(.character("_"), modifiers: .control)
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return Key(.character(Character(scalar)))
        }
    }

    /// The key for an ncurses function-key code, given its `keyname`.
    static func key(forName name: String) -> Key? {
        let plain: [String: Key.Code] = [
            "KEY_UP": .up, "KEY_DOWN": .down, "KEY_LEFT": .left, "KEY_RIGHT": .right, "KEY_HOME": .home, "KEY_END": .end,
            "KEY_PPAGE": .pageUp, "KEY_NPAGE": .pageDown, "KEY_DC": .delete, "KEY_IC": .insert, "KEY_BACKSPACE": .backspace,
            "KEY_ENTER": .enter, "KEY_A1": .home, "KEY_C1": .end, "KEY_A3": .pageUp, "KEY_C3": .pageDown,
        ]
        if let code = plain[name] { return Key(code) }
        switch name {
        case "KEY_BTAB": return Key(.tab, modifiers: .shift)
        case "KEY_SLEFT": return Key(.left, modifiers: .shift)
        case "KEY_SRIGHT": return Key(.right, modifiers: .shift)
        case "KEY_SR": return Key(.up, modifiers: .shift)
        case "KEY_SF": return Key(.down, modifiers: .shift)
        case "KEY_SHOME": return Key(.home, modifiers: .shift)
        case "KEY_SEND": return Key(.end, modifiers: .shift)
        case "KEY_SDC": return Key(.delete, modifiers: .shift)
        case "KEY_SPREVIOUS": return Key(.pageUp, modifiers: .shift)
        case "KEY_SNEXT": return Key(.pageDown, modifiers: .shift)
        default: break
        }
        if name.hasPrefix("KEY_F("), let number = Int(name.dropFirst(6).dropLast()) {
            // Terminals send F13–F24 for Shift-F1…F12 and F25–F36 for Ctrl-F1…F12.
            if number <= 12 { return Key(.function(number)) }
            if number <= 24 { return Key(.function(number - 12), modifiers: .shift) }
            if number <= 36 { return Key(.function(number - 24), modifiers: .control) }
            return Key(.function(number))
        }
        // Extended names: k + key + modifier digit (2 S, 3 A, 4 S-A, 5 C, 6 C-S, 7 C-A, 8 C-A-S).
        let extended: [String: Key.Code] = ["kUP": .up, "kDN": .down, "kLFT": .left, "kRIT": .right, "kHOM": .home,
                                            "kEND": .end, "kPRV": .pageUp, "kNXT": .pageDown, "kDC": .delete, "kIC": .insert]
        guard let digit = name.last?.wholeNumberValue, (2...8).contains(digit), let code = extended[String(name.dropLast())] else { return nil }
        var modifiers: Key.Modifiers = []
        let bits = digit - 1
        if bits & 1 != 0 { modifiers.insert(.shift) }
        if bits & 2 != 0 { modifiers.insert(.alt) }
        if bits & 4 != 0 { modifiers.insert(.control) }
        return Key(code, modifiers: modifiers)
    }
}
