import TOMLKit
import LabelCore

/// A TOML value copied out of TOMLKit into plain Swift values (TOMLKit's tables borrow C++
/// memory and are not thread-safe; these can be kept and shared freely).
public indirect enum TOMLNode: Hashable, Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([TOMLNode])
    case table([String: TOMLNode])
    /// Dates and times, kept as text; termlabel's files do not use them.
    case other(String)

    /// The string, if this is one.
    public var string: String? { if case .string(let value) = self { return value }; return nil }
    /// The integer, if this is one.
    public var integer: Int? { if case .integer(let value) = self { return value }; return nil }
    /// The boolean, if this is one.
    public var boolean: Bool? { if case .boolean(let value) = self { return value }; return nil }
    /// The array, if this is one.
    public var array: [TOMLNode]? { if case .array(let value) = self { return value }; return nil }
    /// The table, if this is one.
    public var table: [String: TOMLNode]? { if case .table(let value) = self { return value }; return nil }

    /// The TOML type name, for messages.
    public var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .boolean: return "a boolean"
        case .array: return "an array"
        case .table: return "a table"
        case .other: return "a date or time"
        }
    }
}

/// A parsed TOML file: its root table, and its text, for finding the line of a key.
public struct TOMLDocument: Sendable {
    public let file: String
    public let root: [String: TOMLNode]
    let lines: [String]
    let keyLines: [String: Int]

    /// Parses `text`; a syntax error names `file`, line and column.
    public init(text: String, file: String) throws(ConfigDiagnostic) {
        self.file = file
        lines = TextLines.split(text)
        let keys = TOMLDocument.keyLineIndex(lines)
        keyLines = keys.lines
        if let failure = TOMLSyntax.firstError(in: text) {
            throw ConfigDiagnostic(file: file, line: failure.line, message: "not valid TOML (column \(failure.column)): \(failure.message)")
        }
        do {
            let table = try TOMLTable(string: text)
            root = TOMLDocument.convert(table)
        } catch let error as TOMLParseError {
            // TOMLKit's message for a key set twice garbles the key; name it from the text.
            if let twice = keys.twice {
                throw ConfigDiagnostic(file: file, line: twice.second,
                                       message: "\"\(twice.key)\" is set twice (first on line \(twice.first)); remove one")
            }
            throw ConfigDiagnostic(file: file, line: error.source.begin.line,
                                   message: "not valid TOML (column \(error.source.begin.column)): \(error.description)")
        } catch {
            throw ConfigDiagnostic(file: file, line: nil, message: "not valid TOML: \(error)")
        }
    }

    static func convert(_ table: TOMLTable) -> [String: TOMLNode] {
        var result: [String: TOMLNode] = [:]
        for key in table.keys {
            if let value = table[key] { result[key] = convert(value) }
        }
        return result
    }

    static func convert(_ value: TOMLValueConvertible) -> TOMLNode {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .float(value.double ?? 0)
        case .bool: return .boolean(value.bool ?? false)
        case .table: return .table(value.table.map(convert) ?? [:])
        case .array: return .array(value.array.map { array in array.map { convert($0) } } ?? [])
        default: return .other(value.debugDescription)
        }
    }

    /// The 1-based line where `key` is set inside table `table` (e.g. `["keys", "normal"]`), if found.
    /// TOMLKit keeps no source positions, so this reads the text: good enough to point a person at it.
    public func line(ofKey key: String, inTable table: [String]) -> Int? {
        keyLines[(table + [key]).joined(separator: "\u{1F}")]
    }

    /// Where each key is first set, by its full dotted path, and the first key set twice (with
    /// both lines): built in one pass, so looking up the line of every binding of a 10,000-entry
    /// keymap stays linear.
    static func keyLineIndex(_ lines: [String]) -> (lines: [String: Int], twice: (key: String, first: Int, second: Int)?) {
        var index: [String: Int] = [:]
        var twice: (key: String, first: Int, second: Int)?
        var current: [String] = []
        for (number, raw) in lines.enumerated() {
            let line = Substring(raw).drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                current = TOMLDocument.headerPath(line)
                continue
            }
            guard let path = TOMLDocument.leadingDottedKey(line) else { continue }
            let full = (current + path).joined(separator: "\u{1F}")
            if let first = index[full] {
                if twice == nil { twice = (path.joined(separator: "."), first, number + 1) }
            } else {
                index[full] = number + 1
            }
        }
        return (index, twice)
    }

    /// The 1-based line of the first occurrence of `needle` at or after line `from`, if any.
    public func line(containing needle: String, from: Int = 1) -> Int? {
        guard from >= 1 else { return nil }
        for number in (from - 1)..<lines.count where lines[number].contains(needle) { return number + 1 }
        return nil
    }

    /// The line of the table header `[name]`, if it is there.
    public func line(ofTable table: [String]) -> Int? {
        for (number, raw) in lines.enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("["), TOMLDocument.headerPath(line) == table { return number + 1 }
        }
        return nil
    }

    static func headerPath(_ line: Substring) -> [String] {
        var inner = line.drop { $0 == "[" }
        if let close = inner.firstIndex(of: "]") { inner = inner[..<close] }
        return splitDotted(inner)
    }

    static func leadingKey(_ line: Substring) -> String? {
        guard let path = leadingDottedKey(line), path.count == 1 else { return nil }
        return path[0]
    }

    static func leadingDottedKey(_ line: Substring) -> [String]? {
        guard let equals = indexOfAssignment(line) else { return nil }
        let path = splitDotted(line[..<equals])
        return path.isEmpty ? nil : path
    }

    /// The `=` that ends a key, skipping `=` inside quoted keys.
    static func indexOfAssignment(_ line: Substring) -> Substring.Index? {
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            } else if character == "#" {
                return nil
            }
        }
        return nil
    }

    static func splitDotted(_ text: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingSpaces)
                current = ""
            } else {
                current.append(character)
            }
        }
        let last = current.trimmingSpaces
        if !last.isEmpty || !parts.isEmpty { parts.append(last) }
        return parts
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
