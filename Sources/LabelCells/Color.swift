/// A colour as a terminal can show it: the terminal's default, a palette index, or 24-bit RGB.
public enum Color: Hashable, Sendable {
    case terminalDefault
    /// An index into the terminal's 256-colour palette (0–15 are the user's theme colours).
    case indexed(UInt8)
    case rgb(RGB)

    /// A 24-bit colour from its components.
    public static func rgb(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> Color { .rgb(RGB(red, green, blue)) }
}

/// 24-bit sRGB.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    /// A colour from its components.
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from `0xRRGGBB`.
    public init(hex: UInt32) {
        self.init(UInt8(hex >> 16 & 0xFF), UInt8(hex >> 8 & 0xFF), UInt8(hex & 0xFF))
    }

    /// A colour from `#rrggbb` or `#rgb`, if it is one.
    public init?(hexString text: String) {
        guard text.hasPrefix("#") else { return nil }
        let digits = text.dropFirst()
        guard digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16) else { return nil }
        switch digits.count {
        case 6: self.init(hex: value)
        case 3: self.init(UInt8((value >> 8 & 0xF) * 17), UInt8((value >> 4 & 0xF) * 17), UInt8((value & 0xF) * 17))
        default: return nil
        }
    }

    public var description: String {
        let digits = Array("0123456789abcdef")
        return "#" + [red, green, blue].map { String([digits[Int($0 >> 4)], digits[Int($0 & 0xF)]]) }.joined()
    }

    /// Relative luminance in 0…1 (Rec. 709 weights on sRGB values), for choosing contrast.
    public var luminance: Double {
        (0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)) / 255
    }

    public static let black = RGB(0, 0, 0)
    public static let white = RGB(255, 255, 255)
}
