import LabelCells
import LabelImaging

/// Terminal colour numbers for a colour depth: -1 is the terminal's default, palette indices
/// as they are, and for direct-colour terminals 0xRRGGBB.
struct TerminalColors {
    let depth: ColorDepth
    /// How many colours the terminal has (`COLORS`).
    let count: Int

    func number(_ color: Color) -> Int32 {
        switch (color, depth) {
        case (_, .none), (.terminalDefault, _): return -1
        case (.indexed(let index), .truecolor):
            return Int32(Self.packed(TerminalPalette.rgb(ofIndex: index)))
        case (.indexed(let index), _):
            let limit = depth == .palette8 ? 8 : depth == .palette16 ? 16 : 256
            if Int(index) < min(limit, count) { return Int32(index) }
            return Int32(TerminalPalette.nearestBasic(TerminalPalette.rgb(ofIndex: index), count: min(limit, 16)))
        case (.rgb(let rgb), .truecolor): return Int32(Self.packed(rgb))
        case (.rgb(let rgb), .palette256): return Int32(TerminalPalette.nearest256(rgb))
        case (.rgb(let rgb), .palette16): return Int32(TerminalPalette.nearestBasic(rgb, count: 16))
        case (.rgb(let rgb), .palette8): return Int32(TerminalPalette.nearestBasic(rgb, count: 8))
        }
    }

    static func packed(_ rgb: RGB) -> Int { Int(rgb.red) << 16 | Int(rgb.green) << 8 | Int(rgb.blue) }

    /// `style` with its colours as this terminal shows them (for text written past ncurses).
    func terminalStyle(_ style: Style) -> Style {
        func shown(_ color: Color) -> Color {
            let value = number(color)
            if value < 0 { return .terminalDefault }
            if depth == .truecolor { return .rgb(RGB(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))) }
            return .indexed(UInt8(clamping: value))
        }
        return Style(foreground: shown(style.foreground), background: shown(style.background), attributes: style.attributes)
    }
}

/// Colour pairs for the cells on screen. A pair number is only reused once no cell on screen
/// uses it any more (ncurses' `alloc_pair` may recolour cells still shown); counts of cells
/// per pair are kept as cells change.
struct ColorPairs {
    struct Combination: Hashable {
        let foreground: Int32
        let background: Int32
    }

    let capacity: Int
    private(set) var pairOf: [Combination: Int32] = [:]
    private var cellsUsing: [Int32: Int] = [:]
    private var free: [Int32]

    /// Pairs 1…`capacity` (pair 0 is the terminal's default and never changed).
    init(capacity: Int) {
        self.capacity = max(0, capacity)
        free = self.capacity > 0 ? Array((1...Int32(self.capacity)).reversed()) : []
    }

    /// Counts a cell now using `combination`, allocating a pair if it has none; `define` sets
    /// the pair's colours. Returns nil when every pair is in use.
    mutating func retain(_ combination: Combination, define: (Int32, Combination) -> Void) -> Int32? {
        if combination.foreground == -1 && combination.background == -1 { return 0 }
        if let pair = pairOf[combination] {
            cellsUsing[pair, default: 0] += 1
            return pair
        }
        guard let pair = free.popLast() else { return nil }
        pairOf[combination] = pair
        cellsUsing[pair] = 1
        define(pair, combination)
        return pair
    }

    /// A cell no longer uses `pair`.
    mutating func release(_ pair: Int32) {
        guard pair > 0, let count = cellsUsing[pair] else { return }
        cellsUsing[pair] = count - 1
    }

    /// Returns pairs no cell uses to the free list (after a frame is drawn, so they can be
    /// redefined for the next one without recolouring anything visible).
    mutating func collect() {
        for (combination, pair) in pairOf where (cellsUsing[pair] ?? 0) <= 0 {
            pairOf[combination] = nil
            cellsUsing[pair] = nil
            free.append(pair)
        }
    }

    /// Forgets every pair (after the screen was cleared).
    mutating func reset() { self = ColorPairs(capacity: capacity) }
}
