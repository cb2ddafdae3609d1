/// The pixel size of an image in its upright orientation.
public struct ImageSize: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    /// A size of `width`×`height` pixels.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var description: String { "\(width)×\(height)" }
}

/// Whether an item is a picture or text.
public enum ItemKind: String, Sendable, Hashable {
    case image, text
}
