import LabelCore

/// Adds labels to a `termlabel.toml` by editing its text in place, so the user's comments and
/// layout survive; the result is parsed again to make sure the edit did what it should.
public enum ProjectFileEditor {
    /// `text` with a label `name` of `kind` added (unchanged if it is already there), with the
    /// export number `id` when it has one that no other label of the kind holds.
    public static func adding(label name: String, kind: LabelKind, id: Int? = nil, to text: String, file: String) throws(ConfigDiagnostic) -> String {
        let before = try ProjectFile.parse(text, file: file).settings
        if before.labels(kind).contains(name) { return text }
        guard kind != .keypoints else {
            throw ConfigDiagnostic(file: file, line: nil, message: "a skeleton needs its point names: add [keypoints.\(name)] with names = [\"nose\", …] and edges = [[0, 1], …]")
        }
        let free = id.map { id in !before.labels(kind).labels.contains { $0.id == id } } ?? false
        let entry = "{ name = \(quoted(name))" + (free ? ", id = \(id ?? 0)" : "") + " }"
        // Windows line ends are kept as they are (TextLines splits CRLF; a final line end adds no line).
        let lineEnd = TextLines.lineEnd(of: text)
        var lines = TextLines.split(text)
        if text.unicodeScalars.last == "\n" || text.unicodeScalars.last == "\r" { lines.append("") }
        let document = try TOMLDocument(text: text, file: file)
        if let labelsLine = document.line(ofKey: "labels", inTable: [kind.rawValue]),
           let close = closingBracket(of: lines, from: labelsLine - 1) {
            let line = lines[close.line]
            var head = Substring(line[..<close.index])
            let tail = String(line[close.index...])
            let needsComma = !precedingContentIsEmptyOrComma(lines, upTo: close, openLine: labelsLine - 1)
            if needsComma { while head.last == " " { head.removeLast() } }
            lines[close.line] = head + (needsComma ? ", " : head.last == " " ? "" : " ") + entry + " " + tail
        } else if let tableLine = document.line(ofTable: [kind.rawValue]) {
            lines.insert("labels = [ \(entry) ]", at: tableLine)
        } else {
            if let last = lines.last, last.isEmpty { lines.removeLast() }
            lines += (lines.isEmpty ? [] : [""]) + ["[\(kind.rawValue)]", "labels = [ \(entry) ]", ""]
        }
        let result = lines.joined(separator: lineEnd)
        let after = try ProjectFile.parse(result, file: file).settings
        guard after.labels(kind).contains(name) else {
            throw ConfigDiagnostic(file: file, line: nil, message: "could not add the label \"\(name)\" automatically; add it to [\(kind.rawValue)] labels by hand")
        }
        return result
    }

    /// `text` with a `[keypoints.NAME]` table for `skeleton` added at the end (unchanged if
    /// the project already declares a skeleton of that name).
    public static func adding(skeleton: Skeleton, to text: String, file: String) throws(ConfigDiagnostic) -> String {
        if try ProjectFile.parse(text, file: file).settings.skeleton(named: skeleton.name) != nil { return text }
        let lineEnd = TextLines.lineEnd(of: text)
        var lines = TextLines.split(text)
        if let last = lines.last, last.isEmpty { lines.removeLast() }
        lines += (lines.isEmpty ? [] : [""]) + skeletonTable(skeleton) + [""]
        let result = lines.joined(separator: lineEnd)
        guard try ProjectFile.parse(result, file: file).settings.skeleton(named: skeleton.name) != nil else {
            throw ConfigDiagnostic(file: file, line: nil, message: "could not add the skeleton \"\(skeleton.name)\" automatically; add [keypoints.\(skeleton.name)] by hand")
        }
        return result
    }

    /// The lines of a `[keypoints.NAME]` table declaring `skeleton`.
    public static func skeletonTable(_ skeleton: Skeleton) -> [String] {
        let key = skeleton.name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") } ? skeleton.name : quoted(skeleton.name)
        var lines = ["[keypoints.\(key)]", "names = [" + skeleton.names.map(quoted).joined(separator: ", ") + "]"]
        if !skeleton.edges.isEmpty { lines.append("edges = [" + skeleton.edges.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]") }
        if let color = skeleton.color { lines.append("color = \(quoted(color))") }
        return lines
    }

    /// `text` with `key = "value"` set in `[table]` (the line replaced if the key is there,
    /// else added under the table's header, else a new table at the end); comments and
    /// layout elsewhere are kept, and the result is parsed again to be sure.
    public static func setting(_ key: String, to value: String, inTable table: String, in text: String, file: String) throws(ConfigDiagnostic) -> String {
        let lineEnd = TextLines.lineEnd(of: text)
        var lines = TextLines.split(text)
        if text.unicodeScalars.last == "\n" || text.unicodeScalars.last == "\r" { lines.append("") }
        let document = try TOMLDocument(text: text, file: file)
        let assignment = "\(key) = \(quoted(value))"
        if let line = document.line(ofKey: key, inTable: [table]) {
            lines[line - 1] = assignment
        } else if let header = document.line(ofTable: [table]) {
            lines.insert(assignment, at: header)
        } else {
            if let last = lines.last, last.isEmpty { lines.removeLast() }
            lines += (lines.isEmpty ? [] : [""]) + ["[\(table)]", assignment, ""]
        }
        let result = lines.joined(separator: lineEnd)
        _ = try TOMLDocument(text: result, file: file)
        return result
    }

    /// A TOML basic string for `text`.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// The `]` closing the array that opens on line `openLine` (skipping strings and comments).
    static func closingBracket(of lines: [String], from openLine: Int) -> (line: Int, index: String.Index)? {
        var depth = 0
        var opened = false
        for lineNumber in openLine..<lines.count {
            let line = lines[lineNumber]
            var quote: Character?
            var index = line.startIndex
            if lineNumber == openLine, let equals = line.firstIndex(of: "=") { index = line.index(after: equals) }
            while index < line.endIndex {
                let character = line[index]
                if let open = quote {
                    if character == "\\" && open == "\"" {
                        index = line.index(after: index)
                        if index == line.endIndex { break }
                    } else if character == open {
                        quote = nil
                    }
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == "#" {
                    break
                } else if character == "[" || character == "{" {
                    depth += 1
                    opened = true
                } else if character == "]" || character == "}" {
                    depth -= 1
                    if opened && depth == 0 { return (lineNumber, index) }
                }
                index = line.index(after: index)
            }
        }
        return nil
    }

    static func precedingContentIsEmptyOrComma(_ lines: [String], upTo close: (line: Int, index: String.Index), openLine: Int) -> Bool {
        var text = String(lines[close.line][..<close.index])
        var lineNumber = close.line
        while text.allSatisfy({ $0 == " " || $0 == "\t" }) && lineNumber > openLine {
            lineNumber -= 1
            text = String(lines[lineNumber].split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        }
        let trimmed = text.trimmingSpaces
        return trimmed.hasSuffix(",") || trimmed.hasSuffix("[")
    }
}
