import LabelCells

/// What a theme scope sets; anything nil is left to the scope it falls back to.
public struct ThemeStyle: Hashable, Sendable {
    public var foreground: Color?
    public var background: Color?
    public var attributes: Attributes

    /// A style with the given parts.
    public init(foreground: Color? = nil, background: Color? = nil, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// Colours and attributes of everything the editor draws, by dotted scope (DESIGN §5):
/// `ui.statusline.normal` falls back to `ui.statusline`, then `ui`, then the terminal's own.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var styles: [String: ThemeStyle]
    /// Colours given to labels that name none, in order.
    public var labelPalette: [Color]

    /// A theme with the given styles.
    public init(name: String, styles: [String: ThemeStyle] = [:], labelPalette: [Color] = []) {
        self.name = name
        self.styles = styles
        self.labelPalette = labelPalette
    }

    /// The resolved style of `scope`: each part from the most specific scope that sets it.
    public func style(_ scope: String) -> Style {
        var result = Style.plain
        var foregroundSet = false, backgroundSet = false
        var attributes: Attributes = []
        var current = Substring(scope)
        while true {
            if let style = styles[String(current)] {
                if !foregroundSet, let foreground = style.foreground { result.foreground = foreground; foregroundSet = true }
                if !backgroundSet, let background = style.background { result.background = background; backgroundSet = true }
                attributes.formUnion(style.attributes)
            }
            guard let dot = current.lastIndex(of: ".") else { break }
            current = current[..<dot]
        }
        result.attributes = attributes
        return result
    }

    /// The colour of the label at `position` of its set, unless the label names its own.
    public func labelColor(position: Int, declared: String?) -> Color {
        if let declared, let rgb = RGB(hexString: declared) { return .rgb(rgb) }
        guard !labelPalette.isEmpty else { return .terminalDefault }
        return labelPalette[position % labelPalette.count]
    }
}
