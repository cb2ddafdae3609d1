/// How many colours escape sequences may use.
public enum ColorDepth: String, Sendable, CaseIterable {
    case truecolor
    case palette256 = "256"
    case palette16 = "16"
    case palette8 = "8"
    case none
}

/// Turns a cell grid into text with SGR escape sequences, as `termlabel render` prints it:
/// a colour code only when a colour changes, and a reset at the end of every line.
public enum ANSIEncoder {
    /// The grid as lines of text with escape sequences, each ending in a reset and a newline.
    public static func encode(_ grid: CellGrid) -> String {
        String(decoding: encodeBytes(grid), as: UTF8.self)
    }

    /// The same as `encode`, as UTF-8 bytes (what is written to a terminal).
    public static func encodeBytes(_ grid: CellGrid) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(grid.width * grid.height * 20)
        for row in 0..<grid.height {
            var current = Style.plain
            for column in 0..<grid.width {
                let cell = grid[column, row]
                if cell.isContinuation { continue }
                var wanted = cell.style
                // A plain space shows no foreground, so its foreground need not be sent.
                if cell.text == " " && wanted.attributes.isDisjoint(with: [.underline, .reverse]) {
                    wanted.foreground = current.foreground
                }
                if wanted != current {
                    appendSequence(from: current, to: wanted, into: &output)
                    current = wanted
                }
                output.append(contentsOf: cell.text.utf8)
            }
            if current != .plain { output.append(contentsOf: [0x1B, 0x5B, 0x30, 0x6D]) }
            output.append(0x0A)
        }
        return output
    }

    /// The shortest SGR sequence that changes the terminal from style `old` to `new`.
    public static func sequence(from old: Style, to new: Style) -> String {
        var bytes: [UInt8] = []
        appendSequence(from: old, to: new, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the SGR sequence from `old` to `new` (nothing if they are the same).
    public static func appendSequence(from old: Style, to new: Style, into output: inout [UInt8]) {
        var parameters = ParameterWriter()
        if !old.attributes.isSubset(of: new.attributes) {
            parameters.add(0, &output)
            parameters.addAttributes(new.attributes, &output)
            if new.foreground != .terminalDefault { parameters.addColor(new.foreground, background: false, &output) }
            if new.background != .terminalDefault { parameters.addColor(new.background, background: true, &output) }
        } else {
            parameters.addAttributes(new.attributes.subtracting(old.attributes), &output)
            if new.foreground != old.foreground { parameters.addColor(new.foreground, background: false, &output) }
            if new.background != old.background { parameters.addColor(new.background, background: true, &output) }
        }
        if parameters.count > 0 { output.append(0x6D) }
    }

    /// Writes `ESC [ p1 ; p2 …` straight into bytes; the caller closes it with `m`.
    struct ParameterWriter {
        var count = 0

        mutating func add(_ value: Int, _ output: inout [UInt8]) {
            if count == 0 {
                output.append(0x1B)
                output.append(0x5B)
            } else {
                output.append(0x3B)
            }
            count += 1
            if value >= 100 { output.append(UInt8(48 + value / 100)) }
            if value >= 10 { output.append(UInt8(48 + value / 10 % 10)) }
            output.append(UInt8(48 + value % 10))
        }

        mutating func addAttributes(_ attributes: Attributes, _ output: inout [UInt8]) {
            if attributes.contains(.bold) { add(1, &output) }
            if attributes.contains(.dim) { add(2, &output) }
            if attributes.contains(.italic) { add(3, &output) }
            if attributes.contains(.underline) { add(4, &output) }
            if attributes.contains(.reverse) { add(7, &output) }
        }

        mutating func addColor(_ color: Color, background: Bool, _ output: inout [UInt8]) {
            switch color {
            case .terminalDefault: add(background ? 49 : 39, &output)
            case .indexed(let index) where index < 8: add((background ? 40 : 30) + Int(index), &output)
            case .indexed(let index) where index < 16: add((background ? 100 : 90) + Int(index) - 8, &output)
            case .indexed(let index):
                add(background ? 48 : 38, &output)
                add(5, &output)
                add(Int(index), &output)
            case .rgb(let rgb):
                add(background ? 48 : 38, &output)
                add(2, &output)
                add(Int(rgb.red), &output)
                add(Int(rgb.green), &output)
                add(Int(rgb.blue), &output)
            }
        }
    }
}
