/// Lines of a text file as other tools write them: split on LF, with a CR before it (Windows)
/// or a lone CR (old Mac) ending a line too. Swift's `Character` treats "\r\n" as one
/// character, so splitting a `String` on "\n" never splits a CRLF file; this works on scalars.
public enum TextLines {
    /// The lines of `bytes` (UTF-8), without their line ends; a final line end adds no line.
    public static func split(_ bytes: [UInt8]) -> [String] {
        split(String(decoding: bytes, as: UTF8.self))
    }

    /// The lines of `text`, without their line ends; a final line end adds no line.
    public static func split(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if !afterCR { lines.append(String(current)) }
                current = String.UnicodeScalarView()
                afterCR = false
            } else if scalar == "\r" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
                afterCR = true
            } else {
                current.append(scalar)
                afterCR = false
            }
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }
}

extension TextLines {
    /// The line end a file uses: CRLF when its first line ends so, else LF.
    public static func lineEnd(of text: String) -> String {
        for scalar in text.unicodeScalars where scalar == "\n" || scalar == "\r" { return scalar == "\r" ? "\r\n" : "\n" }
        return "\n"
    }
}
