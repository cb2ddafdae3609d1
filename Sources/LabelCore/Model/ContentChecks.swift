/// Checks a polygon, keypoints or mask against the picture and the project (DESIGN §11).
public enum ShapeCheck {
    /// What makes a shape unusable on a picture of `size` (a vertex or point outside it, a mask
    /// of another size or with counts that do not add up), or nil; a missing skeleton does not.
    public static func geometryProblem(_ shape: AnnotationShape, in size: ImageSize) -> String? {
        switch shape {
        case .polygon(let polygon) where !polygon.fits(in: size):
            return "a vertex lies outside the \(size) picture"
        case .keypoints(let set) where set.points.contains(where: { $0.isLabeled && !PolygonGeometry(points: [$0.point]).fits(in: size) }):
            return "a point lies outside the \(size) picture"
        case .mask(let mask) where mask.width != size.width || mask.height != size.height || !mask.isValid:
            return "the mask is not COCO RLE of the \(size) picture"
        default:
            return nil
        }
    }

    /// What is wrong with `shape` on a picture of `size` (nil when unknown) in a project with `settings`.
    public static func problems(_ shape: AnnotationShape, in size: ImageSize?, settings: ProjectSettings) -> [String] {
        switch shape {
        case .polygon(let polygon):
            var problems: [String] = []
            if polygon.distinctVertexCount < 3 { problems.append("a polygon needs at least 3 distinct vertices, it has \(polygon.distinctVertexCount)") }
            if let size, !polygon.fits(in: size) { problems.append("a vertex lies outside the \(size) image") }
            return problems
        case .keypoints(let set):
            var problems: [String] = []
            if let skeleton = settings.skeleton(named: set.skeleton) {
                if skeleton.names.count != set.points.count {
                    problems.append("skeleton \"\(set.skeleton)\" has \(skeleton.names.count) points, the annotation \(set.points.count)")
                }
            } else {
                let known = settings.skeletons.map(\.name)
                problems.append("skeleton \"\(set.skeleton)\" is not declared in termlabel.toml ([keypoints.\(set.skeleton)])"
                                + (known.isEmpty ? "" : "; known: \(known.joined(separator: ", "))"))
            }
            if let size {
                for (position, point) in set.points.enumerated() where point.isLabeled {
                    if !(point.x >= 0 && point.y >= 0 && point.x <= Double(size.width) && point.y <= Double(size.height)) {
                        problems.append("point \(position + 1) lies outside the \(size) image")
                    }
                }
            }
            return problems
        case .mask(let mask):
            if let size, mask.height != size.height || mask.width != size.width {
                return ["the mask is \(mask.width)×\(mask.height) but the image is \(size)"]
            }
            if !mask.isValid { return ["\"counts\" is not COCO compressed RLE adding up to \(mask.width)×\(mask.height) pixels"] }
            return []
        default:
            return []
        }
    }
}

/// Checks a span against the text it belongs to.
public enum SpanCheck {
    /// What is wrong with `span` over `text` (empty when it matches).
    public static func problems(_ span: SpanRange, in text: String) -> [String] {
        let scalars = text.unicodeScalars
        let count = scalars.count
        if span.start < 0 || span.end > count || span.start >= span.end {
            return ["offsets \(span.start)..<\(span.end) are not inside the text (0..<\(count)) or the span is empty"]
        }
        let actual = substring(text, span.start, span.end)
        if actual != span.text {
            return ["stale: the text at \(span.start)..<\(span.end) is now \"\(preview(actual))\", not \"\(preview(span.text))\" (the data file changed)"]
        }
        return []
    }

    /// The text between two code-point offsets (end exclusive).
    public static func substring(_ text: String, _ start: Int, _ end: Int) -> String {
        let scalars = text.unicodeScalars
        guard start >= 0, end >= start, let lower = scalars.index(scalars.startIndex, offsetBy: start, limitedBy: scalars.endIndex),
              let upper = scalars.index(lower, offsetBy: end - start, limitedBy: scalars.endIndex) else { return "" }
        return String(scalars[lower..<upper])
    }

    static func preview(_ text: String) -> String {
        let short = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return short.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "\u{FFFD}" : String($0) }.joined()
    }
}
