import LabelCells
#if canImport(Glibc)
import Glibc
#endif

/// The xterm palette and nearest-colour matching for 256, 16 and 8 colours.
public enum TerminalPalette {
    /// The six levels of each axis of the xterm 6×6×6 colour cube (indices 16–231).
    public static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// xterm's default RGB for the 16 theme colours (users' themes may change them).
    public static let basic: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0), RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0), RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    /// The RGB value of palette index `index` as xterm shows it by default.
    public static func rgb(ofIndex index: UInt8) -> RGB {
        switch index {
        case 0..<16: return basic[Int(index)]
        case 16..<232:
            let value = Int(index) - 16
            return RGB(cubeLevels[value / 36], cubeLevels[value / 6 % 6], cubeLevels[value % 6])
        default:
            let grey = UInt8(8 + 10 * (Int(index) - 232))
            return RGB(grey, grey, grey)
        }
    }

    static let oklab256: [Oklab] = (0..<256).map { Oklab(rgb(ofIndex: UInt8($0))) }
    static let rgb256: [RGB] = (0..<256).map { rgb(ofIndex: UInt8($0)) }

    /// How much plain RGB error counts next to Oklab error: the two are equally weighted on
    /// average over the palette. Pure Oklab maps dark saturated colours to greys of equal
    /// lightness; the RGB term keeps their hue, and keeps fidelity (PSNR) above chafa's.
    static let rgbWeight: Float = 3.2e-6

    /// The distance used to choose palette colours: Oklab plus a little RGB.
    static func distance(_ index: Int, _ target: Oklab, _ color: RGB) -> Float {
        let entry = rgb256[index]
        let dr = Float(Int(entry.red) - Int(color.red)), dg = Float(Int(entry.green) - Int(color.green)), db = Float(Int(entry.blue) - Int(color.blue))
        return oklab256[index].distanceSquared(target) + rgbWeight * (dr * dr + dg * dg + db * db)
    }

    /// The index among 16–255 (the cube and the grey ramp; 0–15 are left to the user's theme)
    /// nearest to `color` by `distance`. Only the eight cube cells bracketing the colour and the
    /// three greys of about its lightness can win (a test checks this against every entry), so
    /// only those are measured.
    public static func nearest256(_ color: RGB) -> UInt8 {
        let target = Oklab(color)
        var best: UInt8 = 16
        var bestDistance = Float.greatestFiniteMagnitude
        let red = bracket[Int(color.red)], green = bracket[Int(color.green)], blue = bracket[Int(color.blue)]
        for r in red.lowerBound...red.upperBound {
            for g in green.lowerBound...green.upperBound {
                for b in blue.lowerBound...blue.upperBound {
                    let index = 16 + 36 * r + 6 * g + b
                    let distance = self.distance(index, target, color)
                    if distance < bestDistance { bestDistance = distance; best = UInt8(index) }
                }
            }
        }
        // The grey of equal Oklab lightness: for greys L is the cube root of linear light.
        let linear = Double(target.l * target.l * target.l)
        let encoded = linear <= 0.0031308 ? 12.92 * linear : 1.055 * pow(linear, 1 / 2.4) - 0.055
        let greyCenter = min(23, max(0, Int((encoded * 255 - 8) / 10 + 0.5)))
        for grey in max(0, greyCenter - 1)...min(23, greyCenter + 1) {
            let index = 232 + grey
            let distance = self.distance(index, target, color)
            if distance < bestDistance { bestDistance = distance; best = UInt8(index) }
        }
        return best
    }

    /// For each channel value, the two cube levels around it.
    static let bracket: [ClosedRange<Int>] = (0..<256).map { value in
        var upper = 0
        while upper < 5 && Int(cubeLevels[upper]) < value { upper += 1 }
        return max(0, upper - 1)...upper
    }

    /// The nearest of 16–255 by measuring every one (the reference `nearest256` must match).
    public static func nearest256Exhaustive(_ color: RGB) -> UInt8 {
        let target = Oklab(color)
        return UInt8((16..<256).min { distance($0, target, color) < distance($1, target, color) } ?? 16)
    }

    /// The nearest of the first `count` (16 or 8) theme colours.
    public static func nearestBasic(_ color: RGB, count: Int) -> UInt8 {
        let target = Oklab(color)
        return UInt8((0..<count).min { distance($0, target, color) < distance($1, target, color) } ?? 0)
    }
}

/// Remembers recent colour matches in a small direct-mapped table: photographs repeat colours
/// a lot, and a table lookup is far cheaper than hashing into a dictionary.
struct PaletteCache {
    private var keys = [UInt32](repeating: .max, count: 4096)
    private var values = [UInt8](repeating: 0, count: 4096)

    /// The palette index for `color`, computing it with `match` on a miss.
    mutating func index(for color: RGB, _ match: (RGB) -> UInt8) -> UInt8 {
        let key = UInt32(color.red) << 16 | UInt32(color.green) << 8 | UInt32(color.blue)
        let slot = Int((key &* 2_654_435_761) >> 20) & 4095
        if keys[slot] == key { return values[slot] }
        let value = match(color)
        keys[slot] = key
        values[slot] = value
        return value
    }
}
