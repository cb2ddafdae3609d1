import LabelInput
/// A command as a keymap names it: the command and its arguments (`zoom_in`, `set snap=off`).
public struct CommandCall: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var arguments: [String]

    /// A call of `name` with `arguments`.
    public init(_ name: String, arguments: [String] = []) {
        self.name = name
        self.arguments = arguments
    }

    /// Parses `name arg1 arg2`.
    public init?(parsing text: String) {
        let parts = text.split(separator: " ").map(String.init)
        guard let first = parts.first else { return nil }
        self.init(first, arguments: Array(parts.dropFirst()))
    }

    public var description: String { ([name] + arguments).joined(separator: " ") }
}

/// The editor modes keymaps have tables for (DESIGN §4).
public enum EditorMode: String, CaseIterable, Hashable, Sendable {
    case normal, classes = "class", box, span, polygon, keypoints, mask, pick, command, help, review
}

/// A keymap: for each mode, key sequences bound to commands.
public struct Keymap: Hashable, Sendable {
    /// One binding.
    public struct Binding: Hashable, Sendable {
        public var keys: [Key]
        public var command: CommandCall
        /// Where it was defined, for messages (`file:line`).
        public var origin: String

        /// `keys` bound to `command`, defined at `origin`.
        public init(keys: [Key], command: CommandCall, origin: String) {
            self.keys = keys
            self.command = command
            self.origin = origin
        }
    }

    public private(set) var bindings: [EditorMode: [Binding]] = [:]
    /// Where each key sequence sits in its mode's list, so binding stays constant-time
    /// (a 10,000-entry keymap once took most of a minute to load).
    private var positions: [EditorMode: [[Key]: Int]] = [:]

    /// An empty keymap.
    public init() {}

    /// The bindings of `mode`.
    public func bindings(for mode: EditorMode) -> [Binding] { bindings[mode] ?? [] }

    /// Adds (or replaces) a binding.
    public mutating func bind(_ keys: [Key], to command: CommandCall, in mode: EditorMode, origin: String) {
        let binding = Binding(keys: keys, command: command, origin: origin)
        if let position = positions[mode]?[keys] {
            bindings[mode, default: []][position] = binding
        } else {
            positions[mode, default: [:]][keys] = bindings[mode]?.count ?? 0
            bindings[mode, default: []].append(binding)
        }
    }

    /// This keymap with `overlay`'s bindings on top (an overlay binding replaces one for the same keys).
    public func overlaid(with overlay: Keymap) -> Keymap {
        var result = self
        for (mode, list) in overlay.bindings {
            for binding in list { result.bind(binding.keys, to: binding.command, in: mode, origin: binding.origin) }
        }
        return result
    }
}

/// Reads keymap files in the Helix style (DESIGN §5):
///
/// ```toml
/// [keys.normal]
/// "]" = "next_item"
/// "C-r" = "redo"
/// "g g" = "goto_first_line"
/// g = { e = "goto_last_line" }     # nested tables are sequences too
/// "1" = ["label", "1"]             # a command with arguments, or "label 1"
/// ```
///
/// A bad entry (unknown mode, key or command) is a warning naming the file and line; the rest loads.
public enum KeymapFile {
    /// The keymap in `text`, keeping only commands `isKnownCommand` accepts.
    public static func parse(_ text: String, file: String, isKnownCommand: (String) -> Bool) throws(ConfigDiagnostic) -> (keymap: Keymap, warnings: [ConfigDiagnostic]) {
        let document = try TOMLDocument(text: text, file: file)
        var keymap = Keymap()
        var warnings: [ConfigDiagnostic] = []
        func warn(_ message: String, key: String?, table: [String]) {
            let line = key.flatMap { document.line(ofKey: $0, inTable: table) } ?? document.line(ofTable: table)
            warnings.append(ConfigDiagnostic(file: file, line: line, message: message))
        }
        for (topKey, value) in document.root where topKey != "keys" {
            warn("unknown setting \"\(topKey)\" (a keymap has only [keys.MODE] tables)", key: topKey, table: [])
            _ = value
        }
        guard let modes = document.root["keys"]?.table else { return (keymap, warnings) }
        for (modeName, entries) in modes.sorted(by: { $0.key < $1.key }) {
            guard let mode = EditorMode(rawValue: modeName) else {
                warn("unknown mode \"\(modeName)\" (modes: \(EditorMode.allCases.map(\.rawValue).joined(separator: ", ")))", key: nil, table: ["keys", modeName])
                continue
            }
            guard let table = entries.table else {
                warn("[keys.\(modeName)] must be a table", key: modeName, table: ["keys"])
                continue
            }
            func add(_ prefix: [Key], _ table: [String: TOMLNode], path: [String]) {
                for (notation, value) in table.sorted(by: { $0.key < $1.key }) {
                    let tablePath = ["keys", modeName] + path
                    let keys: [Key]
                    do { keys = try prefix + KeyNotation.sequence(notation) } catch {
                        warn(error.description + " (binding skipped)", key: notation, table: tablePath)
                        continue
                    }
                    let origin = "\(file):\(document.line(ofKey: notation, inTable: tablePath) ?? 0)"
                    switch value {
                    case .table(let nested):
                        add(keys, nested, path: path + [notation])
                    case .string(let text):
                        guard let call = CommandCall(parsing: text) else {
                            warn("empty command for \"\(notation)\" (binding skipped)", key: notation, table: tablePath)
                            continue
                        }
                        guard isKnownCommand(call.name) else {
                            warn("unknown command \"\(call.name)\" for \"\(notation)\" (binding skipped)", key: notation, table: tablePath)
                            continue
                        }
                        keymap.bind(keys, to: call, in: mode, origin: origin)
                    case .array(let parts):
                        let words = parts.compactMap(\.string)
                        guard words.count == parts.count, let name = words.first else {
                            warn("a command array must hold strings, like [\"label\", \"1\"] (binding skipped)", key: notation, table: tablePath)
                            continue
                        }
                        guard isKnownCommand(name) else {
                            warn("unknown command \"\(name)\" for \"\(notation)\" (binding skipped)", key: notation, table: tablePath)
                            continue
                        }
                        keymap.bind(keys, to: CommandCall(name, arguments: Array(words.dropFirst())), in: mode, origin: origin)
                    default:
                        warn("\"\(notation)\" must name a command, found \(value.typeName) (binding skipped)", key: notation, table: tablePath)
                    }
                }
            }
            add([], table, path: [])
        }
        return (keymap, warnings)
    }
}
