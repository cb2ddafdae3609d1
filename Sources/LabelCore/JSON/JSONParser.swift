/// Where and why a JSON text could not be read.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line of the problem.
    public let line: Int
    /// 1-based column (in bytes) of the problem.
    public let column: Int
    /// What was wrong, in words.
    public let message: String

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A strict RFC 8259 JSON reader that keeps number literals verbatim, records the line of every
/// object, rejects invalid UTF-8 and limits nesting so hostile input cannot exhaust the stack.
public struct JSONParser {
    /// Deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 256

    /// Parses one JSON document from `bytes`; trailing non-space content is an error.
    /// With `rejectingLoneSurrogates`, a `\\uD800` without its pair is an error instead of U+FFFD
    /// (for sidecars, which must be written back exactly as they were read).
    public static func parse(_ bytes: [UInt8], rejectingLoneSurrogates: Bool) throws(JSONParseError) -> JSONValue {
        var result: Result<JSONValue, JSONParseError> = .failure(JSONParseError(line: 1, column: 1, message: ""))
        bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONCursor(buffer)
            parser.rejectsLoneSurrogates = rejectingLoneSurrogates
            result = Result { () throws(JSONParseError) -> JSONValue in try parser.document() }
        }
        return try result.get()
    }

    /// Parses one JSON document from `bytes`; an unpaired surrogate escape reads as U+FFFD.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try parse(bytes, rejectingLoneSurrogates: false)
    }

    /// Parses one JSON document from UTF-8 text.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// A position in JSON bytes and the parsing steps the parser and the sidecar fast path share.
struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var line = 1
    var lineStart = 0
    var depth = 0
    /// Whether an unpaired surrogate escape is an error (else it reads as U+FFFD).
    var rejectsLoneSurrogates = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func document() throws(JSONParseError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3  // a UTF-8 byte-order mark is tolerated, as most editors write one
        }
        skipSpace()
        if index >= bytes.count { throw fail("the file is empty (no JSON value)") }
        let value = try parseValue()
        skipSpace()
        if index < bytes.count { throw fail("unexpected content after the end of the JSON value") }
        return value
    }

    /// U+FFFD for an unpaired surrogate, or an error when the caller must keep text exactly.
    func loneSurrogate(_ code: UInt32) throws(JSONParseError) -> UInt32 {
        guard rejectsLoneSurrogates else { return 0xFFFD }
        throw fail("a string holds \\u\(String(code, radix: 16, uppercase: true)), half of a UTF-16 pair without its other half; it cannot be written back unchanged, so fix or remove it by hand")
    }

    func fail(_ message: String) -> JSONParseError {
        JSONParseError(line: line, column: index - lineStart + 1, message: message)
    }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw fail("unexpected end of file (the JSON is truncated)") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw fail("unexpected character \(describe(bytes[index])) where a value should start")
        }
    }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("unexpected end of file (the JSON is truncated)") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw fail("invalid literal (expected \(word))")
        }
        index += count
    }

    mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw fail("nesting deeper than \(JSONParser.maximumDepth) levels") }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        let objectLine = line
        index += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(JSONObject(members, line: objectLine))
        }
        while true {
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of file inside an object (the JSON is truncated)") }
            guard bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted key, found \(describe(bytes[index]))") }
            let keyLine = line, keyColumn = index - lineStart + 1
            let key = try parseString()
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of file inside an object (the JSON is truncated)") }
            guard bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after the key \"\(key)\"") }
            index += 1
            skipSpace()
            let value = try parseValue()
            if members.updateValue(value, forKey: key) != nil {
                throw JSONParseError(line: keyLine, column: keyColumn, message: "the key \"\(key)\" appears twice in one object")
            }
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of file inside an object (the JSON is truncated)") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; break }
            throw fail("expected ',' or '}' in an object, found \(describe(bytes[index]))")
        }
        depth -= 1
        return .object(JSONObject(members, line: objectLine))
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipSpace()
            items.append(try parseValue())
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of file inside an array (the JSON is truncated)") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; break }
            throw fail("expected ',' or ']' in an array, found \(describe(bytes[index]))")
        }
        depth -= 1
        return .array(items)
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number (digits must follow '.')") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number (digits must follow the exponent)") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes can be validated and decoded in one go (ASCII,
        // the common case, needs no validation; String(validating:) is not specialised and slow).
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                if !ascii, UTF8Validation.firstInvalidOffset(in: slice) != nil { throw invalidUTF8(in: start..<index) }
                index += 1
                return String(decoding: slice, as: UTF8.self)
            }
            if byte >= 0x80 { ascii = false }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character \(describe(byte)) inside a string (it must be escaped)") }
            index += 1
        }
        guard index < bytes.count else { throw fail("unexpected end of file inside a string (the JSON is truncated)") }
        return try parseEscapedString(from: start)
    }

    func invalidUTF8(in range: Range<Int>) -> JSONParseError {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        let bad = range.lowerBound + (UTF8Validation.firstInvalidOffset(in: slice) ?? 0)
        return JSONParseError(line: line, column: bad - lineStart + 1, message: "invalid UTF-8 in a string (the file is not UTF-8 text)")
    }

    mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        var scalars: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                guard let text = String(validating: scalars, as: UTF8.self) else {
                    throw fail("invalid UTF-8 in a string (the file is not UTF-8 text)")
                }
                return text
            }
            if byte < 0x20 { throw fail("control character \(describe(byte)) inside a string (it must be escaped)") }
            if byte != UInt8(ascii: "\\") {
                scalars.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append(0x22)
            case UInt8(ascii: "\\"): scalars.append(0x5C)
            case UInt8(ascii: "/"): scalars.append(0x2F)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code) {
                    // A high surrogate must pair with a following low one; a lone one becomes U+FFFD.
                    if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        let save = index
                        index += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = save
                            code = try loneSurrogate(code)
                        }
                    } else {
                        code = try loneSurrogate(code)
                    }
                } else if (0xDC00..<0xE000).contains(code) {
                    code = try loneSurrogate(code)
                }
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                UTF8.encode(scalar) { scalars.append($0) }
            default:
                index -= 2
                throw fail("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string")
            }
        }
        throw fail("unexpected end of file inside a string (the JSON is truncated)")
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("unexpected end of file inside a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw fail("invalid hexadecimal digit in a \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
