import LabelCore

/// Reads `termlabel.toml` (DESIGN §3) into `ProjectSettings`. A bad entry is a warning naming the
/// file and line and is skipped; the rest still loads. Only a file that is not TOML at all fails.
public enum ProjectFile {
    /// The project file's name.
    public static let fileName = "termlabel.toml"

    /// The settings in `text`, with warnings for entries that were skipped.
    public static func parse(_ text: String, file: String) throws(ConfigDiagnostic) -> (settings: ProjectSettings, warnings: [ConfigDiagnostic]) {
        let document = try TOMLDocument(text: text, file: file)
        var reader = ProjectReader(document: document)
        let settings = reader.read()
        return (settings, reader.warnings)
    }
}

private struct ProjectReader {
    let document: TOMLDocument
    var warnings: [ConfigDiagnostic] = []

    init(document: TOMLDocument) { self.document = document }

    mutating func warn(_ message: String, key: String? = nil, table: [String] = []) {
        let line = key.flatMap { document.line(ofKey: $0, inTable: table) } ?? document.line(ofTable: table)
        warnings.append(ConfigDiagnostic(file: document.file, line: line, message: message))
    }

    mutating func read() -> ProjectSettings {
        var settings = ProjectSettings()
        let root = document.root
        for (key, value) in root {
            switch key {
            case "annotator": settings.annotator = string(value, key: key, table: [])
            case "keymap": settings.keymap = string(value, key: key, table: [])
            case "theme": settings.theme = string(value, key: key, table: [])
            case "text": readText(value, into: &settings)
            case "project": readProject(value, into: &settings)
            case "classes", "boxes", "spans", "polygons", "masks":
                if let kind = LabelKind(rawValue: key) { settings.setLabels(readLabels(value, kind: kind), for: kind) }
            case "keypoints": settings.skeletons = readSkeletons(value)
            default: warn("unknown setting \"\(key)\" (ignored)", key: key)
            }
        }
        if root["classes"]?.table?["advance"] == nil {
            // Pure triage (classes only) moves on after each class key; with boxes or spans to
            // draw as well, staying on the item is what people expect.
            settings.classes.advance = settings.boxes.labels.isEmpty && settings.spans.labels.isEmpty
                && settings.polygons.labels.isEmpty && settings.masks.labels.isEmpty && settings.skeletons.isEmpty
        }
        return settings
    }

    /// `[keypoints.NAME]` tables: each skeleton's point names and the edges drawn between them.
    mutating func readSkeletons(_ value: TOMLNode) -> [Skeleton] {
        guard let tables = value.table else {
            warn("[keypoints] must hold tables like [keypoints.person] (ignored)", key: "keypoints")
            return []
        }
        var skeletons: [Skeleton] = []
        for name in tables.keys.sorted(by: { (document.line(ofTable: ["keypoints", $0]) ?? 0, $0) < (document.line(ofTable: ["keypoints", $1]) ?? 0, $1) }) {
            let tableName = ["keypoints", name]
            guard let fields = tables[name]?.table else {
                warn("[keypoints.\(name)] must be a table with names = [...] (ignored)", table: tableName)
                continue
            }
            var skeleton = Skeleton(name: name, names: [])
            for (key, entry) in fields {
                switch key {
                case "names":
                    guard let names = entry.array?.compactMap(\.string), names.count == entry.array?.count, !names.isEmpty else {
                        warn("[keypoints.\(name)] names must be a list of point names (ignored)", key: key, table: tableName)
                        continue
                    }
                    if Set(names).count != names.count { warn("[keypoints.\(name)] names a point twice", key: key, table: tableName) }
                    skeleton.names = names
                case "edges":
                    let pairs = entry.array?.compactMap { $0.array?.compactMap(\.integer) } ?? []
                    guard pairs.count == entry.array?.count, pairs.allSatisfy({ $0.count == 2 }) else {
                        warn("[keypoints.\(name)] edges must be pairs of point numbers like [0, 1] (ignored)", key: key, table: tableName)
                        continue
                    }
                    skeleton.edges = pairs
                case "color":
                    guard let color = entry.string, LabelColor.isValid(color) else {
                        warn("[keypoints.\(name)] color must look like \"#ff8800\" (ignored)", key: key, table: tableName)
                        continue
                    }
                    skeleton.color = color
                default:
                    warn("unknown setting \"\(key)\" in [keypoints.\(name)] (ignored)", key: key, table: tableName)
                }
            }
            guard !skeleton.names.isEmpty else {
                warn("[keypoints.\(name)] has no names = [...] (skeleton ignored)", table: tableName)
                continue
            }
            let badEdges = skeleton.edges.filter { $0.contains { !skeleton.names.indices.contains($0) } }
            if !badEdges.isEmpty {
                warn("[keypoints.\(name)] edges \(badEdges.map { "[\($0[0]), \($0[1])]" }.joined(separator: ", ")) name points past the \(skeleton.names.count) names, counting from 0 (dropped)",
                     key: "edges", table: tableName)
                skeleton.edges.removeAll { $0.contains { !skeleton.names.indices.contains($0) } }
            }
            skeletons.append(skeleton)
        }
        return skeletons
    }

    mutating func string(_ value: TOMLNode, key: String, table: [String]) -> String? {
        guard let text = value.string else {
            warn("\"\(key)\" must be a string, found \(value.typeName) (ignored)", key: key, table: table)
            return nil
        }
        return text
    }

    mutating func bool(_ value: TOMLNode, key: String, table: [String]) -> Bool? {
        guard let flag = value.boolean else {
            warn("\"\(key)\" must be true or false, found \(value.typeName) (ignored)", key: key, table: table)
            return nil
        }
        return flag
    }

    mutating func readProject(_ value: TOMLNode, into settings: inout ProjectSettings) {
        guard let table = value.table else {
            warn("[project] must be a table (ignored)", key: "project")
            return
        }
        for (key, entry) in table {
            switch key {
            case "blind": settings.blind = bool(entry, key: key, table: ["project"]) ?? settings.blind
            case "reviewers":
                guard let names = entry.array?.compactMap(\.string), names.count == entry.array?.count else {
                    warn("reviewers must be a list of names (ignored)", key: key, table: ["project"])
                    continue
                }
                settings.reviewers = names
            default: warn("unknown setting \"\(key)\" in [project] (ignored)", key: key, table: ["project"])
            }
        }
    }

    mutating func readText(_ value: TOMLNode, into settings: inout ProjectSettings) {
        guard let table = value.table else {
            warn("[text] must be a table (ignored)", key: "text")
            return
        }
        for (key, entry) in table {
            switch key {
            case "records":
                guard let name = string(entry, key: key, table: ["text"]) else { continue }
                if let mode = RecordMode(rawValue: name) {
                    settings.records = mode
                } else {
                    warn("records = \"\(name)\" is not one of file, lines, paragraphs, jsonl (ignored)", key: key, table: ["text"])
                }
            case "text_field":
                if let field = string(entry, key: key, table: ["text"]) { settings.textField = field }
            default:
                warn("unknown setting \"\(key)\" in [text] (ignored)", key: key, table: ["text"])
            }
        }
    }

    mutating func readLabels(_ value: TOMLNode, kind: LabelKind) -> LabelSet {
        var set = LabelSet(kind: kind)
        let tableName = [kind.rawValue]
        guard let table = value.table else {
            warn("[\(kind.rawValue)] must be a table (ignored)", key: kind.rawValue)
            return set
        }
        for (key, entry) in table {
            switch key {
            case "multi" where kind == .classes:
                set.multi = bool(entry, key: key, table: tableName) ?? false
            case "advance" where kind == .classes:
                set.advance = bool(entry, key: key, table: tableName) ?? false
            case "labels":
                set.labels = readLabelList(entry, kind: kind)
            default:
                warn("unknown setting \"\(key)\" in [\(kind.rawValue)] (ignored)", key: key, table: tableName)
            }
        }
        return set
    }

    mutating func readLabelList(_ value: TOMLNode, kind: LabelKind) -> [LabelDefinition] {
        let tableName = [kind.rawValue]
        guard let entries = value.array else {
            warn("[\(kind.rawValue)] labels must be an array of { name = … } tables (ignored)", key: "labels", table: tableName)
            return []
        }
        var labels: [LabelDefinition] = []
        var names: Set<String> = []
        var usedKeys: Set<String> = []
        var usedIDs: Set<Int> = []
        let labelsLine = document.line(ofKey: "labels", inTable: tableName) ?? document.line(ofTable: tableName) ?? 1
        for (position, entry) in entries.enumerated() {
            let nameText: String? = entry.string ?? entry.table?["name"]?.string
            // Found only when there is something to say: a search per label made 10,000 labels take half a minute.
            func warnHere(_ message: String) {
                let line = nameText.flatMap { document.line(containing: "\"\($0)\"", from: labelsLine) } ?? labelsLine
                warnings.append(ConfigDiagnostic(file: document.file, line: line, message: message))
            }
            // A bare string is accepted as a label with only a name.
            if let name = entry.string {
                if names.insert(name).inserted { labels.append(LabelDefinition(name: name)) }
                continue
            }
            guard let fields = entry.table else {
                warnHere("[\(kind.rawValue)] label \(position + 1) must be a table like { name = \"cat\" } (skipped)")
                continue
            }
            guard let name = fields["name"]?.string, !name.isEmpty else {
                warnHere("[\(kind.rawValue)] label \(position + 1) has no name (skipped)")
                continue
            }
            if !names.insert(name).inserted {
                warnHere("[\(kind.rawValue)] label \"\(name)\" is declared twice (the second is skipped)")
                continue
            }
            var label = LabelDefinition(name: name)
            for (field, fieldValue) in fields where field != "name" {
                switch field {
                case "key":
                    guard let key = fieldValue.string, key.count == 1 else {
                        warnHere("label \"\(name)\": key must be a single character (ignored)")
                        continue
                    }
                    label.key = key
                case "color":
                    guard let color = fieldValue.string, LabelColor.isValid(color) else {
                        warnHere("label \"\(name)\": color must look like \"#ff8800\" (ignored)")
                        continue
                    }
                    label.color = color
                case "help":
                    guard let help = fieldValue.string else {
                        warnHere("label \"\(name)\": help must be a string (ignored)")
                        continue
                    }
                    label.help = help
                case "id":
                    guard let id = fieldValue.integer, id >= 0, id < 1 << 31 else {
                        warnHere("label \"\(name)\": id must be a whole number from 0 (ignored)")
                        continue
                    }
                    guard usedIDs.insert(id).inserted else {
                        warnHere("label \"\(name)\": id \(id) is already another label's (ignored)")
                        continue
                    }
                    label.id = id
                default:
                    warnHere("label \"\(name)\": unknown field \"\(field)\" (ignored)")
                }
            }
            labels.append(label)
        }
        let set = LabelSet(kind: kind, labels: labels)
        for position in labels.indices {
            guard let key = set.key(at: position) else { continue }
            if !usedKeys.insert(key).inserted {
                let line = document.line(containing: "\"\(labels[position].name)\"", from: labelsLine) ?? labelsLine
                warnings.append(ConfigDiagnostic(file: document.file, line: line,
                                                 message: "[\(kind.rawValue)] key \"\(key)\" of label \"\(labels[position].name)\" is already used by an earlier label"))
            }
        }
        return labels
    }
}

/// Label colours as `#rrggbb` (or `#rgb`).
public enum LabelColor {
    /// Whether `text` is a hex colour.
    public static func isValid(_ text: String) -> Bool { rgb(text) != nil }

    /// The red, green and blue bytes of a `#rrggbb` or `#rgb` colour.
    public static func rgb(_ text: String) -> (UInt8, UInt8, UInt8)? {
        guard text.hasPrefix("#") else { return nil }
        let digits = Array(text.dropFirst())
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        func value(_ characters: ArraySlice<Character>) -> UInt8 { UInt8(String(characters), radix: 16) ?? 0 }
        switch digits.count {
        case 6: return (value(digits[0...1]), value(digits[2...3]), value(digits[4...5]))
        case 3: return (value(digits[0...0]) * 17, value(digits[1...1]) * 17, value(digits[2...2]) * 17)
        default: return nil
        }
    }
}
