/// A check of TOML 1.0 syntax, run before TOMLKit parses a file. TOMLKit's parser (toml++)
/// asserts on some malformed input (a table named `[`x]`, a value that is only `,`), which ends
/// the program in debug builds and is undefined behaviour in release builds; a hostile
/// `termlabel.toml` travels with a dataset, so such text gets an ordinary error with its line
/// and column here and never reaches it. Meaning (a key set twice, types) is TOMLKit's to check.
struct TOMLSyntax {
    /// Where and why the text is not TOML.
    struct Failure: Error {
        let line: Int
        let column: Int
        let message: String
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    /// The first syntax error of `text`, if any.
    static func firstError(in text: String) -> Failure? {
        var checker = TOMLSyntax(scalars: Array(text.unicodeScalars))
        do {
            try checker.document()
            return nil
        } catch let failure as Failure {
            return failure
        } catch {
            return Failure(line: 1, column: 1, message: "\(error)")
        }
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    // MARK: Reading

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private func peek(_ offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }

    private func fail(_ message: String) -> Failure {
        Failure(line: line, column: index - lineStart + 1, message: message)
    }

    private func describe(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "the end of the file" }
        if scalar.value < 0x20 || scalar.value == 0x7F { return "the control character U+" + String(scalar.value, radix: 16, uppercase: true) }
        return "\"\(scalar)\""
    }

    private mutating func advance() { index += 1 }

    private mutating func skipSpaces() {
        while let c = current, c == " " || c == "\t" { advance() }
    }

    /// A line end (LF or CRLF), if one is here.
    private mutating func newline() throws -> Bool {
        if current == "\n" {
            advance()
        } else if current == "\r" {
            advance()
            guard current == "\n" else { throw fail("a carriage return must be followed by a line feed") }
            advance()
        } else {
            return false
        }
        line += 1
        lineStart = index
        return true
    }

    private mutating func comment() throws {
        guard current == "#" else { return }
        advance()
        while let c = current, c != "\n", c != "\r" {
            if isControl(c) && c != "\t" { throw fail("\(describe(c)) is not allowed in a comment") }
            advance()
        }
    }

    private func isControl(_ c: Unicode.Scalar) -> Bool { c.value < 0x20 || c.value == 0x7F }
    private func isBare(_ c: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }
    private func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }

    // MARK: Grammar

    private mutating func document() throws {
        while current != nil {
            skipSpaces()
            if current == "[" {
                try tableHeader()
            } else if let c = current, isBare(c) || c == "\"" || c == "'" {
                try keyValue()
            }
            skipSpaces()
            try comment()
            if current == nil { break }
            guard try newline() else { throw fail("\(describe(current)) where a line should end") }
        }
    }

    private mutating func tableHeader() throws {
        advance()
        let arrayOfTables = current == "["
        if arrayOfTables { advance() }
        skipSpaces()
        try key()
        skipSpaces()
        guard current == "]" else { throw fail("\(describe(current)) in a table name (expected \"]\")") }
        advance()
        if arrayOfTables {
            guard current == "]" else { throw fail("an array of tables ends with \"]]\"") }
            advance()
        }
    }

    private mutating func keyValue() throws {
        try key()
        skipSpaces()
        guard current == "=" else { throw fail("\(describe(current)) after a key (expected \"=\")") }
        advance()
        skipSpaces()
        try value()
    }

    private mutating func key() throws {
        while true {
            try simpleKey()
            skipSpaces()
            guard current == "." else { return }
            advance()
            skipSpaces()
        }
    }

    private mutating func simpleKey() throws {
        guard let c = current else { throw fail("a key is missing at the end of the file") }
        if c == "\"" || c == "'" {
            if peek(1) == c && peek(2) == c { throw fail("a key cannot be a multi-line string") }
            try string()
            return
        }
        guard isBare(c) else { throw fail("a key cannot start with \(describe(c))") }
        while let next = current, isBare(next) { advance() }
    }

    private mutating func value() throws {
        guard let c = current else { throw fail("a value is missing at the end of the file") }
        switch c {
        case "\"", "'": try string()
        case "[": try array()
        case "{": try inlineTable()
        case "t", "f": try word(c == "t" ? "true" : "false")
        case "i", "n": try word(c == "i" ? "inf" : "nan")
        case "+", "-", "0"..."9": try numberOrDate()
        default: throw fail("a value cannot start with \(describe(c))")
        }
    }

    private mutating func word(_ expected: String) throws {
        for scalar in expected.unicodeScalars {
            guard current == scalar else { throw fail("\(describe(current)) in a value (expected \(expected))") }
            advance()
        }
    }

    private mutating func string() throws {
        guard let quote = current else { return }
        let multiline = peek(1) == quote && peek(2) == quote
        index += multiline ? 3 : 1
        if multiline { _ = try newline() }
        while true {
            guard let c = current else { throw fail("a string is not closed") }
            if c == quote {
                if !multiline { advance(); return }
                if peek(1) == quote && peek(2) == quote {
                    index += 3
                    // Up to two more quotes may close a multi-line string.
                    if current == quote { advance() }
                    if current == quote { advance() }
                    return
                }
                advance()
                continue
            }
            if c == "\n" || c == "\r" {
                guard multiline else { throw fail("a line ends inside a string") }
                _ = try newline()
                continue
            }
            if isControl(c) && c != "\t" { throw fail("\(describe(c)) is not allowed in a string (escape it)") }
            if quote == "\"" && c == "\\" {
                advance()
                guard let escape = current else { throw fail("a string is not closed") }
                switch escape {
                case "\"", "\\", "b", "f", "n", "r", "t", "e": advance()
                case "u", "U":
                    advance()
                    for _ in 0..<(escape == "u" ? 4 : 8) {
                        guard let digit = current, digit.properties.isASCIIHexDigit else { throw fail("\\\(escape) needs hexadecimal digits") }
                        advance()
                    }
                case let blank where multiline && (blank == " " || blank == "\t" || blank == "\n" || blank == "\r"):
                    // A line-ending backslash: blanks up to the next line.
                    skipSpaces()
                    guard try newline() else { throw fail("only blanks may follow a line-ending backslash") }
                default:
                    throw fail("\\\(escape) is not an escape in TOML")
                }
                continue
            }
            advance()
        }
    }

    private mutating func array() throws {
        advance()
        try skipArraySpace()
        while current != "]" {
            try value()
            try skipArraySpace()
            if current == "," {
                advance()
                try skipArraySpace()
                continue
            }
            guard current == "]" else { throw fail("\(describe(current)) in an array (expected \",\" or \"]\")") }
        }
        advance()
    }

    /// Blanks, line ends and comments, all allowed between array elements.
    private mutating func skipArraySpace() throws {
        while true {
            skipSpaces()
            try comment()
            guard try newline() else { return }
        }
    }

    private mutating func inlineTable() throws {
        advance()
        skipSpaces()
        if current == "}" { advance(); return }
        while true {
            guard let c = current, isBare(c) || c == "\"" || c == "'" else { throw fail("a key cannot start with \(describe(current))") }
            try keyValue()
            skipSpaces()
            if current == "," {
                advance()
                skipSpaces()
                continue
            }
            guard current == "}" else { throw fail("\(describe(current)) in an inline table (expected \",\" or \"}\")") }
            advance()
            return
        }
    }

    /// Numbers (decimal, hex, octal, binary, floats, inf, nan) and dates and times, read as one
    /// token and checked against their forms.
    private mutating func numberOrDate() throws {
        let start = index
        while let c = current, isBare(c) || c == "+" || c == "." || c == ":" {
            advance()
            // A date and a time may be joined by a space: "1979-05-27 07:32:00".
            if current == " ", isDigit(peek(1)), isDigit(peek(2)), peek(3) == ":", index - start == 10 { advance() }
        }
        let token = String(String.UnicodeScalarView(scalars[start..<index]))
        guard TOMLSyntax.isNumber(token) || TOMLSyntax.isDateOrTime(token) else {
            index = start
            throw fail("\"\(token)\" is not a number, date or time")
        }
    }

    static func isNumber(_ token: String) -> Bool {
        var text = Substring(token)
        if let first = text.first, first == "+" || first == "-" { text = text.dropFirst() }
        if text == "inf" || text == "nan" { return true }
        if token.first != "+" && token.first != "-", text.count > 2, text.first == "0", let base = text.dropFirst().first, "xob".contains(base) {
            let digits = text.dropFirst(2)
            let valid: (Character) -> Bool = base == "x" ? { $0.isHexDigit } : base == "o" ? { ("0"..."7").contains($0) } : { $0 == "0" || $0 == "1" }
            return underscored(digits, valid)
        }
        var mantissa = text, exponent: Substring?
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            var rest = text[text.index(after: e)...]
            if let sign = rest.first, sign == "+" || sign == "-" { rest = rest.dropFirst() }
            exponent = rest
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, underscored(whole, { $0.isASCII && $0.isNumber }) else { return false }
        if whole.count > 1 && whole.first == "0" { return false }
        if parts.count == 2 && !underscored(parts[1], { $0.isASCII && $0.isNumber }) { return false }
        if let exponent, !underscored(exponent, { $0.isASCII && $0.isNumber }) { return false }
        return true
    }

    /// Digits with single underscores between them.
    static func underscored(_ text: Substring, _ isDigit: (Character) -> Bool) -> Bool {
        guard let first = text.first, let last = text.last, isDigit(first), isDigit(last) else { return false }
        var previousUnderscore = false
        for character in text {
            if character == "_" {
                if previousUnderscore { return false }
                previousUnderscore = true
            } else {
                guard isDigit(character) else { return false }
                previousUnderscore = false
            }
        }
        return true
    }

    static func isDateOrTime(_ token: String) -> Bool {
        let characters = Array(token)
        func digits(_ range: Range<Int>) -> Bool { range.upperBound <= characters.count && characters[range].allSatisfy { $0.isASCII && $0.isNumber } }
        func time(from start: Int) -> Int? {
            guard digits(start..<(start + 2)), start + 2 < characters.count, characters[start + 2] == ":", digits((start + 3)..<(start + 5)),
                  start + 5 < characters.count, characters[start + 5] == ":", digits((start + 6)..<(start + 8)) else { return nil }
            var end = start + 8
            if end < characters.count, characters[end] == "." {
                end += 1
                let fraction = end
                while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                if end == fraction { return nil }
            }
            return end
        }
        if let end = time(from: 0) { return end == characters.count }
        guard digits(0..<4), characters.count >= 10, characters[4] == "-", digits(5..<7), characters[7] == "-", digits(8..<10) else { return false }
        if characters.count == 10 { return true }
        guard "Tt ".contains(characters[10]), var end = time(from: 11) else { return false }
        if end == characters.count { return true }
        if characters[end] == "Z" || characters[end] == "z" { return end + 1 == characters.count }
        guard characters[end] == "+" || characters[end] == "-" else { return false }
        end += 1
        return digits(end..<(end + 2)) && end + 2 < characters.count && characters[end + 2] == ":" && digits((end + 3)..<(end + 5)) && end + 5 == characters.count
    }
}
