/// The keymaps and themes that ship with termlabel (compiled in from `Keymaps/` and `Themes/`).
public enum Bundled {
    /// The names of the shipped keymaps.
    public static var keymapNames: [String] { EmbeddedResources.keymaps.keys.sorted() }
    /// The names of the shipped themes.
    public static var themeNames: [String] { EmbeddedResources.themes.keys.sorted() }

    /// The text of a shipped keymap.
    public static func keymap(_ name: String) -> String? { EmbeddedResources.keymaps[name] }
    /// The text of a shipped theme.
    public static func theme(_ name: String) -> String? { EmbeddedResources.themes[name] }
}
