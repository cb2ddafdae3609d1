import LabelCells

/// Reads theme files in the Helix style (DESIGN §5):
///
/// ```toml
/// inherits = "dark"
/// "ui.statusline" = { fg = "black", bg = "blue", modifiers = ["bold"] }
/// "ui.text.dim" = "gray"                  # a bare colour is the foreground
/// "label.palette" = ["#e6194b", "#3cb44b"]
/// [palette]
/// blue = "#5f87d7"
/// ```
///
/// Colours are `#rrggbb`, a `[palette]` name, a terminal colour name (`red`, `light-blue`,
/// `default`) or a 256-colour index. A bad entry is a warning with file and line, not a failure.
public enum ThemeFile {
    static let attributeNames: [String: Attributes] = [
        "bold": .bold, "dim": .dim, "italic": .italic, "underlined": .underline, "underline": .underline, "reversed": .reverse, "reverse": .reverse,
    ]

    static let terminalColors: [String: Color] = [
        "black": .indexed(0), "red": .indexed(1), "green": .indexed(2), "yellow": .indexed(3), "blue": .indexed(4),
        "magenta": .indexed(5), "cyan": .indexed(6), "gray": .indexed(7), "grey": .indexed(7), "light-black": .indexed(8), "dark-gray": .indexed(8),
        "light-red": .indexed(9), "light-green": .indexed(10), "light-yellow": .indexed(11), "light-blue": .indexed(12),
        "light-magenta": .indexed(13), "light-cyan": .indexed(14), "white": .indexed(15), "light-gray": .indexed(7), "default": .terminalDefault, "reset": .terminalDefault,
    ]

    /// The theme in `text`; `inherited` supplies the text of a theme named by `inherits`.
    /// `paletteOverrides` are the `[palette]` of the themes that inherit this one: as in Helix,
    /// a child's palette recolours the styles it inherits (light's `status` reaches dark's
    /// status line), so they win over this theme's own palette.
    public static func parse(_ text: String, file: String, name: String, inherited: (String) -> (text: String, file: String)?,
                             defaultParent: String? = nil, depth: Int = 0,
                             paletteOverrides: [String: Color] = [:]) throws(ConfigDiagnostic) -> (theme: Theme, warnings: [ConfigDiagnostic]) {
        let document = try TOMLDocument(text: text, file: file)
        var warnings: [ConfigDiagnostic] = []
        func warn(_ message: String, key: String) {
            warnings.append(ConfigDiagnostic(file: file, line: document.line(ofKey: key, inTable: []) ?? document.line(containing: key), message: message))
        }
        var palette: [String: Color] = [:]
        if let entries = document.root["palette"]?.table {
            for (key, value) in entries {
                guard let text = value.string, let rgb = RGB(hexString: text) else {
                    warnings.append(ConfigDiagnostic(file: file, line: document.line(ofKey: key, inTable: ["palette"]),
                                                     message: "palette colour \"\(key)\" must look like \"#5f87d7\" (ignored)"))
                    continue
                }
                palette[key] = .rgb(rgb)
            }
        }
        palette.merge(paletteOverrides) { _, child in child }
        var theme = Theme(name: name)
        if document.root["inherits"] == nil, let defaultParent, let source = inherited(defaultParent) {
            let base = try parse(source.text, file: source.file, name: defaultParent, inherited: inherited, depth: depth + 1, paletteOverrides: palette)
            theme = base.theme
            theme.name = name
            warnings += base.warnings
        }
        if let parent = document.root["inherits"] {
            if let parentName = parent.string, depth < 8, let source = inherited(parentName) {
                let base = try parse(source.text, file: source.file, name: parentName, inherited: inherited, depth: depth + 1,
                                     paletteOverrides: palette)
                theme = base.theme
                theme.name = name
                warnings += base.warnings
            } else {
                warn("inherits = \(parent.string.map { "\"\($0)\"" } ?? parent.typeName): no such theme (ignored)", key: "inherits")
            }
        }
        func color(_ value: TOMLNode, scope: String) -> Color? {
            if let index = value.integer, (0...255).contains(index) { return .indexed(UInt8(index)) }
            guard let text = value.string else { return nil }
            if let known = palette[text] ?? terminalColors[text.lowercased()] { return known }
            return RGB(hexString: text).map(Color.rgb)
        }
        var flat: [(scope: String, value: TOMLNode)] = []
        func flatten(_ table: [String: TOMLNode], prefix: String) {
            for (key, value) in table {
                let scope = prefix.isEmpty ? key : prefix + "." + key
                if case .table(let inner) = value, !inner.isEmpty, !inner.keys.allSatisfy({ ["fg", "bg", "modifiers"].contains($0) }) {
                    flatten(inner, prefix: scope)
                } else {
                    flat.append((scope, value))
                }
            }
        }
        flatten(document.root.filter { $0.key != "inherits" && $0.key != "palette" }, prefix: "")
        for (scope, value) in flat.sorted(by: { $0.scope < $1.scope }) {
            let key = scope.split(separator: ".").last.map(String.init) ?? scope
            let reportKey = document.line(ofKey: scope, inTable: []) != nil ? scope : key
            if scope == "label.palette" {
                guard let entries = value.array else {
                    warn("\"label.palette\" must be an array of colours (ignored)", key: reportKey)
                    continue
                }
                let colors = entries.compactMap { color($0, scope: scope) }
                if colors.count != entries.count { warn("\"label.palette\" has entries that are not colours (they are skipped)", key: reportKey) }
                theme.labelPalette = colors
                continue
            }
            guard scope.hasPrefix("ui") || scope.hasPrefix("label") else {
                warn("unknown scope \"\(scope)\" (scopes start with ui. or label.; ignored)", key: reportKey)
                continue
            }
            switch value {
            case .string, .integer:
                guard let foreground = color(value, scope: scope) else {
                    warn("\"\(scope)\": \(value.string ?? "") is not a colour (ignored)", key: reportKey)
                    continue
                }
                theme.styles[scope] = ThemeStyle(foreground: foreground)
            case .table(let fields):
                var style = ThemeStyle()
                for (field, fieldValue) in fields {
                    switch field {
                    case "fg", "bg":
                        guard let parsed = color(fieldValue, scope: scope) else {
                            warn("\"\(scope)\": \(field) = \(fieldValue.string ?? fieldValue.typeName) is not a colour (ignored)", key: reportKey)
                            continue
                        }
                        if field == "fg" { style.foreground = parsed } else { style.background = parsed }
                    case "modifiers":
                        for name in fieldValue.array?.compactMap(\.string) ?? [] {
                            if let attribute = attributeNames[name] { style.attributes.insert(attribute) } else {
                                warn("\"\(scope)\": unknown modifier \"\(name)\" (ignored)", key: reportKey)
                            }
                        }
                    default:
                        warn("\"\(scope)\": unknown field \"\(field)\" (ignored)", key: reportKey)
                    }
                }
                theme.styles[scope] = style
            default:
                warn("\"\(scope)\" must be a colour or { fg, bg, modifiers } (ignored)", key: reportKey)
            }
        }
        return (theme, warnings)
    }
}
