/// Writes JSON pretty-printed with two-space indents and keys sorted by code point, so that the
/// same content always gives the same bytes (sidecars diff and merge well in git).
public struct JSONWriter {
    /// The bytes written so far.
    public internal(set) var bytes: [UInt8] = []
    /// Write a short array of numbers (a point, `[x, y, v]`) on one line, so a polygon reads a
    /// vertex per line instead of a number per line.
    public var numberRowsOnOneLine = false

    /// A writer with an empty output buffer, reserving `capacity` bytes.
    public init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// The pretty-printed text of `value`, ending with a newline.
    public static func prettyPrinted(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter()
        writer.write(value, indent: 0)
        writer.bytes.append(0x0A)
        return writer.bytes
    }

    /// The compact one-line text of `value` (used for journal lines and JSONL exports).
    public static func compact(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.writeCompact(value)
        return writer.bytes
    }

    /// Appends `value` at the given indent level (in units of two spaces).
    public mutating func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .object(let object): writeObject(object.members, indent: indent)
        case .array(let items):
            if items.isEmpty { append("[]"); return }
            if numberRowsOnOneLine, items.count <= 4, items.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
                bytes.append(UInt8(ascii: "["))
                for (position, item) in items.enumerated() {
                    if position > 0 { append(", ") }
                    writeScalar(item)
                }
                bytes.append(UInt8(ascii: "]"))
                return
            }
            append("[\n")
            for (position, item) in items.enumerated() {
                appendIndent(indent + 1)
                write(item, indent: indent + 1)
                append(position + 1 < items.count ? ",\n" : "\n")
            }
            appendIndent(indent)
            bytes.append(UInt8(ascii: "]"))
        default: writeScalar(value)
        }
    }

    /// Appends an object from its members at the given indent level.
    public mutating func writeObject(_ members: [String: JSONValue], indent: Int) {
        if members.isEmpty { append("{}"); return }
        append("{\n")
        let keys = JSONWriter.sortedKeys(members)
        for (position, key) in keys.enumerated() {
            appendIndent(indent + 1)
            writeString(key)
            append(": ")
            // The dictionary holds every key we sorted, so the fallback is never taken.
            write(members[key] ?? .null, indent: indent + 1)
            append(position + 1 < keys.count ? ",\n" : "\n")
        }
        appendIndent(indent)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Keys in code-point order (UTF-8 byte order is code-point order).
    public static func sortedKeys(_ members: [String: JSONValue]) -> [String] {
        members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    mutating func writeCompact(_ value: JSONValue) {
        switch value {
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (position, key) in JSONWriter.sortedKeys(object.members).enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(key)
                bytes.append(UInt8(ascii: ":"))
                writeCompact(object.members[key] ?? .null)
            }
            bytes.append(UInt8(ascii: "}"))
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                writeCompact(item)
            }
            bytes.append(UInt8(ascii: "]"))
        default: writeScalar(value)
        }
    }

    mutating func writeScalar(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .number(let literal): bytes.append(contentsOf: literal.utf8)
        case .string(let text): writeString(text)
        case .array, .object: writeCompact(value)
        }
    }

    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends bytes as they are (JSON another writer made).
    public mutating func appendRaw(bytes more: [UInt8]) { bytes.append(contentsOf: more) }

    /// Appends text as it is (JSON punctuation, keys known to need no escaping).
    public mutating func appendRaw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends a number in its shortest round-tripping form.
    public mutating func appendNumber(_ value: Double) { writeScalar(.double(value)) }

    /// Appends a decimal integer without going through `String`.
    public mutating func appendInteger(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            if value == .min { bytes.append(contentsOf: String(value).utf8.dropFirst()); return }
        }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    mutating func appendIndent(_ level: Int) {
        let count = level * 2
        if count <= JSONWriter.spaces.count {
            JSONWriter.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
        } else {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
        }
    }

    /// Appends a quoted string. Besides what JSON requires, controls (DEL, C1) and bidi/format
    /// characters are escaped so that `cat`-ing a sidecar cannot drive the reader's terminal.
    public mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
        if plain {
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x22: append("\\\"")
            case 0x5C: append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0x00..<0x20, 0x7F...0x9F, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069, 0xFEFF:
                appendUnicodeEscape(value)
            case 0x00..<0x80:
                bytes.append(UInt8(value))
            default:
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func appendUnicodeEscape(_ value: UInt32) {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        append("\\u")
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(digits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
