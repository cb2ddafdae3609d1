import LabelCells
import LabelImaging

/// Turns half-block terminal output (ours or chafa's) back into the pixels its cells show:
/// two per cell, from the colours of `▀`, `▄`, `█` and spaces.
enum ANSIPicture {
    static func pixels(of text: String, width: Int, height: Int) -> [RGB] {
        var result = [RGB](repeating: .black, count: width * height * 2)
        var foreground = RGB.white, background = RGB.black, reverse = false
        var row = 0, column = 0
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{1B}" {
                // CSI: ESC [ parameters final-byte. Only SGR ('m') matters here.
                var end = index + 2
                while end < scalars.count, !(0x40...0x7E).contains(scalars[end].value) { end += 1 }
                if end < scalars.count, scalars[end] == "m", index + 1 < scalars.count, scalars[index + 1] == "[" {
                    let parameters = String(String.UnicodeScalarView(scalars[(index + 2)..<end]))
                    apply(parameters, &foreground, &background, &reverse)
                }
                index = end + 1
                continue
            }
            index += 1
            if scalar == "\n" { row += 1; column = 0; continue }
            if scalar == "\r" { column = 0; continue }
            guard row < height, column < width else { column += 1; continue }
            let (fg, bg) = reverse ? (background, foreground) : (foreground, background)
            let (top, bottom): (RGB, RGB)
            switch scalar {
            case "▀": (top, bottom) = (fg, bg)
            case "▄": (top, bottom) = (bg, fg)
            case "█": (top, bottom) = (fg, fg)
            case " ": (top, bottom) = (bg, bg)
            default:
                let mixed = RGB(UInt8((Int(fg.red) + Int(bg.red)) / 2), UInt8((Int(fg.green) + Int(bg.green)) / 2), UInt8((Int(fg.blue) + Int(bg.blue)) / 2))
                (top, bottom) = (mixed, mixed)
            }
            result[(row * 2) * width + column] = top
            result[(row * 2 + 1) * width + column] = bottom
            column += 1
        }
        return result
    }

    static func apply(_ parameters: String, _ foreground: inout RGB, _ background: inout RGB, _ reverse: inout Bool) {
        let codes = parameters.isEmpty ? [0] : parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        var index = 0
        while index < codes.count {
            let code = codes[index]
            switch code {
            case 0: foreground = .white; background = .black; reverse = false
            case 7: reverse = true
            case 27: reverse = false
            case 30...37: foreground = TerminalPalette.rgb(ofIndex: UInt8(code - 30))
            case 90...97: foreground = TerminalPalette.rgb(ofIndex: UInt8(code - 82))
            case 40...47: background = TerminalPalette.rgb(ofIndex: UInt8(code - 40))
            case 100...107: background = TerminalPalette.rgb(ofIndex: UInt8(code - 92))
            case 39: foreground = .white
            case 49: background = .black
            case 38, 48:
                var color: RGB?
                if index + 2 < codes.count, codes[index + 1] == 5 {
                    color = TerminalPalette.rgb(ofIndex: UInt8(clamping: codes[index + 2]))
                    index += 2
                } else if index + 4 < codes.count, codes[index + 1] == 2 {
                    color = RGB(UInt8(clamping: codes[index + 2]), UInt8(clamping: codes[index + 3]), UInt8(clamping: codes[index + 4]))
                    index += 4
                }
                if let color { if code == 38 { foreground = color } else { background = color } }
            default: break
            }
            index += 1
        }
    }

    /// Peak signal-to-noise ratio in dB between two pictures of the same size.
    static func psnr(_ shown: [RGB], _ reference: [UInt8]) -> Double {
        var squared = 0.0
        for (index, color) in shown.enumerated() where index * 3 + 2 < reference.count {
            let dr = Double(color.red) - Double(reference[index * 3])
            let dg = Double(color.green) - Double(reference[index * 3 + 1])
            let db = Double(color.blue) - Double(reference[index * 3 + 2])
            squared += dr * dr + dg * dg + db * db
        }
        let mse = squared / Double(max(1, shown.count * 3))
        return mse == 0 ? 99 : 10 * log10(255 * 255 / mse)
    }
}

#if canImport(Glibc)
import Glibc
#endif
