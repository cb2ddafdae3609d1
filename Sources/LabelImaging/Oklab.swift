import LabelCells
#if canImport(Glibc)
import Glibc
#endif

/// Björn Ottosson's Oklab colour space: Euclidean distance there tracks perceived difference
/// far better than in RGB, which is what choosing the nearest palette colour needs.
public struct Oklab: Hashable, Sendable {
    public var l: Float
    public var a: Float
    public var b: Float

    /// sRGB component (0…255) to linear light, tabulated.
    static let linear: [Float] = (0..<256).map { value in
        let c = Float(value) / 255
        return c <= 0.04045 ? c / 12.92 : powf((c + 0.055) / 1.055, 2.4)
    }

    /// The Oklab coordinates of an sRGB colour.
    public init(_ color: RGB) {
        let r = Oklab.linear[Int(color.red)], g = Oklab.linear[Int(color.green)], b = Oklab.linear[Int(color.blue)]
        let l = cbrtf(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
        let m = cbrtf(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
        let s = cbrtf(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
        self.l = 0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s
        self.a = 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s
        self.b = 0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s
    }

    /// Squared distance to another colour.
    public func distanceSquared(_ other: Oklab) -> Float {
        let dl = l - other.l, da = a - other.a, db = b - other.b
        return dl * dl + da * da + db * db
    }
}
