/// Why a picture could not be read. Every case names the file.
public enum ImageError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotOpen(file: String, reason: String)
    case unknownFormat(file: String)
    case truncated(file: String, detail: String)
    case corrupt(file: String, detail: String)
    case unsupported(file: String, detail: String)
    /// The header claims more pixels than the budget allows; nothing was allocated.
    case tooLarge(file: String, width: Int, height: Int, budget: Int)

    /// The file the error is about.
    public var file: String {
        switch self {
        case .cannotOpen(let file, _), .unknownFormat(let file), .truncated(let file, _), .corrupt(let file, _),
             .unsupported(let file, _), .tooLarge(let file, _, _, _):
            return file
        }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let file, let reason): return "\(file): cannot open: \(reason)"
        case .unknownFormat(let file): return "\(file): not a PNG, JPEG, PPM/PGM/PNM or BMP picture"
        case .truncated(let file, let detail): return "\(file): the picture is truncated (\(detail))"
        case .corrupt(let file, let detail): return "\(file): the picture is corrupt: \(detail)"
        case .unsupported(let file, let detail): return "\(file): unsupported picture: \(detail)"
        case .tooLarge(let file, let width, let height, let budget):
            return "\(file): \(width)×\(height) pixels is more than the limit of \(budget / 1_000_000) megapixels; raise it with --max-megapixels"
        }
    }
}
