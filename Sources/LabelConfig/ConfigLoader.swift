import LabelCore

/// Finds and reads the keymap and theme in use: a shipped one by name or a file by path,
/// with the user's overlays from `${XDG_CONFIG_HOME:-~/.config}/termlabel/` on top.
/// Problems are warnings (with file and line); something always loads.
public struct ConfigLoader: Sendable {
    /// What reading a file gave: its text, or where its bytes stop being UTF-8.
    enum Loaded: Sendable {
        case text(String)
        case notUTF8(offset: Int)
    }

    /// Reads a file, or nil if it does not exist (injected so tests can fake the disk).
    let load: @Sendable (String) -> Loaded?
    public let environment: [String: String]

    /// A loader reading text with `readFile` (tests, files already in memory) and the user's
    /// folders from `environment`.
    public init(environment: [String: String], readFile: @escaping @Sendable (String) -> String?) {
        self.environment = environment
        load = { readFile($0).map(Loaded.text) }
    }

    /// A loader reading files' bytes with `readBytes`: each is read once, and one that is not
    /// UTF-8 is refused (decoding would replace those bytes silently).
    public static func readingBytes(environment: [String: String], _ readBytes: @escaping @Sendable (String) -> [UInt8]?) -> ConfigLoader {
        ConfigLoader(environment: environment, load: { path in
            readBytes(path).map { bytes in
                UTF8Validation.firstInvalidOffset(in: bytes).map { Loaded.notUTF8(offset: $0) } ?? .text(String(decoding: bytes, as: UTF8.self))
            }
        })
    }

    private init(environment: [String: String], load: @escaping @Sendable (String) -> Loaded?) {
        self.environment = environment
        self.load = load
    }

    /// A file's text, unless it is missing or not UTF-8 (then a warning says where).
    func text(of path: String, warnings: inout [ConfigDiagnostic]) -> String? {
        switch load(path) {
        case .text(let text)?:
            return text
        case .notUTF8(let offset)?:
            warnings.append(ConfigDiagnostic(file: path, line: nil, message: "byte \(offset) is not UTF-8 (TOML files are UTF-8); the file is ignored"))
            return nil
        case nil:
            return nil
        }
    }

    /// The user's termlabel configuration folder.
    public var userFolder: String {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/termlabel" }
        return (environment["HOME"] ?? "~") + "/.config/termlabel"
    }

    /// The keymap: `name` (shipped name or file path; default `vim`) and the user's overlay.
    /// Only commands `isKnownCommand` accepts are bound.
    public func keymap(_ name: String?, isKnownCommand: (String) -> Bool) -> (keymap: Keymap, warnings: [ConfigDiagnostic]) {
        var warnings: [ConfigDiagnostic] = []
        func parse(_ text: String, _ file: String) -> Keymap? {
            do {
                let parsed = try KeymapFile.parse(text, file: file, isKnownCommand: isKnownCommand)
                warnings += parsed.warnings
                return parsed.keymap
            } catch {
                warnings.append(error)
                return nil
            }
        }
        var keymap = Bundled.keymap("vim").flatMap { parse($0, "Keymaps/vim.toml") } ?? Keymap()
        if let name, name != "vim" {
            if let text = Bundled.keymap(name) {
                // A shipped keymap stands on its own.
                keymap = parse(text, "Keymaps/\(name).toml") ?? keymap
            } else if let text = text(of: name, warnings: &warnings) {
                // A user's file overlays the default, so it may rebind only a few keys.
                if let own = parse(text, name) { keymap = keymap.overlaid(with: own) }
            } else {
                warnings.append(ConfigDiagnostic(file: name, line: nil,
                    message: "no such keymap (shipped: \(Bundled.keymapNames.joined(separator: ", "))); using vim"))
            }
        }
        let overlay = userFolder + "/keymap.toml"
        if let text = text(of: overlay, warnings: &warnings), let own = parse(text, overlay) { keymap = keymap.overlaid(with: own) }
        return (keymap, warnings)
    }

    /// The theme: `name` (shipped name or file path; default `dark`) and the user's overlay.
    public func theme(_ name: String?) -> (theme: Theme, warnings: [ConfigDiagnostic]) {
        var warnings: [ConfigDiagnostic] = []
        let inherited: (String) -> (text: String, file: String)? = { parent in
            if let text = Bundled.theme(parent) { return (text, "Themes/\(parent).toml") }
            return text(of: parent, warnings: &warnings).map { ($0, parent) }
        }
        func parse(_ text: String, _ file: String, _ themeName: String, parent: String? = nil) -> Theme? {
            do {
                let parsed = try ThemeFile.parse(text, file: file, name: themeName, inherited: inherited, defaultParent: parent)
                warnings += parsed.warnings
                return parsed.theme
            } catch {
                warnings.append(error)
                return nil
            }
        }
        let requested = name ?? "dark"
        var theme: Theme
        if let text = Bundled.theme(requested), let parsed = parse(text, "Themes/\(requested).toml", requested) {
            theme = parsed
        } else if Bundled.theme(requested) == nil, let text = text(of: requested, warnings: &warnings), let parsed = parse(text, requested, requested, parent: "dark") {
            theme = parsed
        } else {
            if Bundled.theme(requested) == nil {
                // A file that exists but could not be used has said why already.
                let found = load(requested) != nil
                warnings.append(ConfigDiagnostic(file: requested, line: nil,
                    message: found ? "using dark instead" : "no such theme (shipped: \(Bundled.themeNames.joined(separator: ", "))); using dark"))
            }
            theme = Bundled.theme("dark").flatMap { parse($0, "Themes/dark.toml", "dark") } ?? Theme(name: "dark")
        }
        let overlay = userFolder + "/theme.toml"
        if let text = text(of: overlay, warnings: &warnings), let parsed = parse(text, overlay, theme.name) {
            // The overlay's scopes go on top of the theme in use (unless it says `inherits`).
            var merged = theme
            merged.styles.merge(parsed.styles) { $1 }
            if !parsed.labelPalette.isEmpty { merged.labelPalette = parsed.labelPalette }
            theme = merged
        }
        return (theme, warnings)
    }
}
