/// Reads and writes sidecars exactly as DESIGN §2 describes: header checked first, known fields
/// typed, unknown fields kept, output pretty-printed with sorted keys and a stable order.
public enum SidecarCodec {
    /// Decodes sidecar bytes; `file` names the sidecar in error messages.
    public static func decode(_ bytes: [UInt8], file: String) throws(SidecarError) -> Sidecar {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw .empty(file: file) }
        if let sidecar = SidecarFastPath.decode(bytes, file: file) { return sidecar }
        return try decodeFully(bytes, file: file)
    }

    /// Decodes with the general JSON parser and typed field checks (the fast path's fallback,
    /// which names the line and field of any problem).
    static func decodeFully(_ bytes: [UInt8], file: String) throws(SidecarError) -> Sidecar {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes, rejectingLoneSurrogates: true)
        } catch {
            throw .malformed(file: file, line: error.line, column: error.column, message: error.message)
        }
        guard case .object(let top) = root else {
            throw .notASidecar(file: file, message: "the top level is \(root.typeName), not an object")
        }
        var reader = FieldReader(file: file)
        try reader.checkHeader(top)
        return try reader.sidecar(top)
    }

    /// Encodes a sidecar: pretty-printed, sorted keys, annotations and marks in stable order.
    public static func encode(_ sidecar: Sidecar) -> [UInt8] {
        let annotations = sidecar.annotations.sorted(by: AnnotationOrder.precedes)
        let marks = sidecar.marks.sorted(by: AnnotationOrder.precedes)
        return encode(header: sidecar, sortedAnnotations: annotations, sortedMarks: marks)
    }

    /// Encodes a sidecar whose annotations and marks are already in stable order.
    public static func encode(header sidecar: Sidecar, sortedAnnotations: [Annotation], sortedMarks: [Mark]) -> [UInt8] {
        // One write: nothing to remember for the next.
        var cache = AnnotationFragmentCache(remembering: false)
        return encode(header: sidecar, sortedAnnotations: sortedAnnotations, sortedMarks: sortedMarks, cache: &cache)
    }

    /// Encodes a sidecar reusing the encoded text of annotations unchanged since the last call.
    public static func encode(header sidecar: Sidecar, sortedAnnotations: [Annotation], sortedMarks: [Mark],
                              cache: inout AnnotationFragmentCache) -> [UInt8] {
        var writer = JSONWriter(capacity: 512 + sortedAnnotations.count * 220)
        var top = sidecar.extra
        top["format"] = .string(Sidecar.formatName)
        top["version"] = .int(Sidecar.currentVersion)
        top["file"] = .string(sidecar.file)
        if let kind = sidecar.kind { top["kind"] = .string(kind.rawValue) }
        if let image = sidecar.image {
            var size = top["image"]?.objectValue ?? JSONObject()
            size["width"] = .int(image.width)
            size["height"] = .int(image.height)
            top["image"] = .object(size)
        }
        // Placeholders keep the key order; the arrays are written directly for speed.
        top["annotations"] = .null
        top["marks"] = .null
        writer.append("{\n")
        let keys = JSONWriter.sortedKeys(top)
        for (position, key) in keys.enumerated() {
            writer.appendIndent(1)
            writer.writeString(key)
            writer.append(": ")
            switch key {
            case "annotations": writeAnnotations(sortedAnnotations, into: &writer, cache: &cache)
            case "marks": writeArray(sortedMarks, into: &writer, element: markFields)
            default: writer.write(top[key] ?? .null, indent: 1)
            }
            writer.append(position + 1 < keys.count ? ",\n" : "\n")
        }
        writer.append("}\n")
        return writer.bytes
    }

    static func writeAnnotations(_ annotations: [Annotation], into writer: inout JSONWriter, cache: inout AnnotationFragmentCache) {
        if annotations.isEmpty { writer.append("[]"); return }
        writer.append("[\n")
        for (position, annotation) in annotations.enumerated() {
            writer.appendIndent(2)
            writer.bytes.append(contentsOf: cache.fragment(for: annotation))
            writer.append(position + 1 < annotations.count ? ",\n" : "\n")
        }
        writer.appendIndent(1)
        writer.append("]")
        cache.prune(keeping: annotations.count)
    }

    /// The encoded object of one annotation, as it stands inside a sidecar's array.
    static func fragment(of annotation: Annotation) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.numberRowsOnOneLine = true
        if annotation.extra.isEmpty, !annotation.shape.isDrawnShape {
            writeKnownFields(annotation, into: &writer)
        } else {
            writer.writeObject(annotationFields(annotation), indent: 2)
        }
        return writer.bytes
    }

    /// Writes an annotation without unknown keys straight out, keys in sorted order, without
    /// building a dictionary: the hot path when a large sidecar is written.
    static func writeKnownFields(_ annotation: Annotation, into writer: inout JSONWriter) {
        var first = true
        func key(_ name: StaticString, _ writer: inout JSONWriter) {
            writer.append(first ? "{\n" : ",\n")
            first = false
            writer.appendIndent(3)
            writer.bytes.append(UInt8(ascii: "\""))
            writer.append(name)
            writer.append("\": ")
        }
        func integer(_ value: Int, _ writer: inout JSONWriter) { writer.appendInteger(value) }
        let box = annotation.box, span = annotation.span
        if let author = annotation.author { key("author", &writer); writer.writeString(author) }
        if let span { key("end", &writer); integer(span.end, &writer) }
        func coordinate(_ whole: Int, _ fraction: Double?, _ writer: inout JSONWriter) {
            if let fraction { writer.writeScalar(.double(fraction)) } else { writer.appendInteger(whole) }
        }
        if let box { key("height", &writer); coordinate(box.height, box.exact?.height, &writer) }
        key("id", &writer); writer.writeString(annotation.id)
        key("label", &writer); writer.writeString(annotation.label)
        if let record = annotation.record { key("record", &writer); integer(record, &writer) }
        if let score = annotation.scoreJSON { key("score", &writer); writer.writeScalar(score) }
        if let source = annotation.source { key("source", &writer); writer.writeString(source) }
        if let span { key("start", &writer); integer(span.start, &writer) }
        if let status = annotation.status { key("status", &writer); writer.writeString(status) }
        if let span { key("text", &writer); writer.writeString(span.text) }
        if let time = annotation.time { key("time", &writer); writer.writeString(time) }
        key("type", &writer); writer.writeString(annotation.shape.typeName)
        if let box {
            key("width", &writer); coordinate(box.width, box.exact?.width, &writer)
            key("x", &writer); coordinate(box.x, box.exact?.x, &writer)
            key("y", &writer); coordinate(box.y, box.exact?.y, &writer)
        }
        writer.append("\n")
        writer.appendIndent(2)
        writer.append("}")
    }

    static func writeArray<Element>(_ items: [Element], into writer: inout JSONWriter,
                                    element fields: (Element) -> [String: JSONValue]) {
        if items.isEmpty { writer.append("[]"); return }
        writer.append("[\n")
        for (position, item) in items.enumerated() {
            writer.appendIndent(2)
            writer.writeObject(fields(item), indent: 2)
            writer.append(position + 1 < items.count ? ",\n" : "\n")
        }
        writer.appendIndent(1)
        writer.append("]")
    }

    /// The JSON members of an annotation (unknown keys included).
    public static func annotationFields(_ annotation: Annotation) -> [String: JSONValue] {
        var fields = annotation.extra
        fields["id"] = .string(annotation.id)
        fields["type"] = .string(annotation.shape.typeName)
        fields["label"] = .string(annotation.label)
        switch annotation.shape {
        case .box(let box):
            let edges = box.precise
            fields["x"] = .double(edges.x)
            fields["y"] = .double(edges.y)
            fields["width"] = .double(edges.width)
            fields["height"] = .double(edges.height)
        case .span(let span):
            fields["start"] = .int(span.start)
            fields["end"] = .int(span.end)
            fields["text"] = .string(span.text)
        case .polygon(let polygon):
            fields["points"] = .array(polygon.points.map { .array([.double($0.x), .double($0.y)]) })
        case .keypoints(let set):
            fields["skeleton"] = .string(set.skeleton)
            fields["points"] = .array(set.points.map { .array([.double($0.x), .double($0.y), .int($0.visibility.rawValue)]) })
        case .mask(let mask):
            fields["rle"] = .object(JSONObject(["size": .array([.int(mask.height), .int(mask.width)]), "counts": .string(mask.counts)]))
        case .classification, .other: break
        }
        if let record = annotation.record { fields["record"] = .int(record) }
        if let author = annotation.author { fields["author"] = .string(author) }
        if let time = annotation.time { fields["time"] = .string(time) }
        if let status = annotation.status { fields["status"] = .string(status) }
        if let score = annotation.scoreJSON { fields["score"] = score }
        if let source = annotation.source { fields["source"] = .string(source) }
        return fields
    }

    /// The JSON members of a mark (unknown keys included).
    public static func markFields(_ mark: Mark) -> [String: JSONValue] {
        var fields = mark.extra
        fields["state"] = .string(mark.state.rawValue)
        if let record = mark.record { fields["record"] = .int(record) }
        if let author = mark.author { fields["author"] = .string(author) }
        if let time = mark.time { fields["time"] = .string(time) }
        if let note = mark.note { fields["note"] = .string(note) }
        return fields
    }

    /// Reads an annotation from its JSON object; `file` names the source in errors.
    public static func annotation(from object: JSONObject, file: String) throws(SidecarError) -> Annotation {
        let reader = FieldReader(file: file)
        return try reader.annotation(object, position: nil)
    }

    /// Reads a mark from its JSON object; `file` names the source in errors.
    public static func mark(from object: JSONObject, file: String) throws(SidecarError) -> Mark {
        let reader = FieldReader(file: file)
        return try reader.mark(object, position: nil)
    }
}

/// Typed access to sidecar fields with errors that name the file, line and field.
struct FieldReader {
    let file: String

    func checkHeader(_ top: JSONObject) throws(SidecarError) {
        guard let format = top["format"] else {
            throw .notASidecar(file: file, message: "it has no \"format\" key (expected \"\(Sidecar.formatName)\")")
        }
        guard format.stringValue == Sidecar.formatName else {
            throw .notASidecar(file: file, message: "\"format\" is \(describe(format)), expected \"\(Sidecar.formatName)\"")
        }
        guard let versionValue = top["version"] else {
            throw .invalidField(file: file, line: top.line, message: "the sidecar has no \"version\"")
        }
        guard let version = versionValue.intValue else {
            throw .invalidField(file: file, line: top.line, message: "\"version\" must be an integer, found \(describe(versionValue))")
        }
        if version > Sidecar.currentVersion {
            throw .newerVersion(file: file, version: version, supported: Sidecar.currentVersion)
        }
        if version < 1 {
            throw .invalidField(file: file, line: top.line, message: "\"version\" \(version) is not a valid version (expected 1)")
        }
    }

    func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return "\"\(text.prefix(40))\""
        case .number(let literal): return literal
        default: return value.typeName
        }
    }

    mutating func sidecar(_ top: JSONObject) throws(SidecarError) -> Sidecar {
        var extra = top.members
        for key in ["format", "version", "file", "kind", "image", "annotations", "marks"] { extra[key] = nil }
        let fileName = try optionalString(top, "file", what: "the sidecar") ?? ""
        var kind: ItemKind?
        if let kindName = try optionalString(top, "kind", what: "the sidecar") {
            guard let known = ItemKind(rawValue: kindName) else {
                throw .invalidField(file: file, line: top.line, message: "\"kind\" is \"\(kindName)\", expected \"image\" or \"text\"")
            }
            kind = known
        }
        var image: ImageSize?
        if let imageValue = top["image"] {
            guard case .object(let size) = imageValue else {
                throw .invalidField(file: file, line: top.line, message: "\"image\" must be an object with width and height")
            }
            image = ImageSize(width: try coordinate(size, "width", what: "\"image\""), height: try coordinate(size, "height", what: "\"image\""))
            let otherKeys = size.members.keys.filter { $0 != "width" && $0 != "height" }
            if !otherKeys.isEmpty {
                // Keep unknown keys of the image header too; they are merged back on encode.
                var kept = size
                kept["width"] = nil
                kept["height"] = nil
                extra["image"] = .object(kept)
            }
        }
        var annotations: [Annotation] = []
        for (position, value) in try array(top, "annotations").enumerated() {
            guard case .object(let object) = value else {
                throw .invalidField(file: file, line: top.line, message: "annotation \(position + 1) is \(value.typeName), not an object")
            }
            annotations.append(try annotation(object, position: position))
        }
        var marks: [Mark] = []
        for (position, value) in try array(top, "marks").enumerated() {
            guard case .object(let object) = value else {
                throw .invalidField(file: file, line: top.line, message: "mark \(position + 1) is \(value.typeName), not an object")
            }
            marks.append(try mark(object, position: position))
        }
        return Sidecar(file: fileName, kind: kind, image: image, annotations: annotations, marks: marks, extra: extra)
    }

    func array(_ top: JSONObject, _ key: String) throws(SidecarError) -> [JSONValue] {
        guard let value = top[key] else { return [] }
        guard case .array(let items) = value else {
            throw .invalidField(file: file, line: top.line, message: "\"\(key)\" must be an array, found \(value.typeName)")
        }
        return items
    }

    func annotation(_ object: JSONObject, position: Int?) throws(SidecarError) -> Annotation {
        let what = position.map { "annotation \($0 + 1)" } ?? "the annotation"
        let id = try string(object, "id", what: what)
        let type = try string(object, "type", what: what)
        let label = try string(object, "label", what: what)
        var extra = object.members
        for key in ["id", "type", "label", "record", "author", "time", "status", "score", "source"] { extra[key] = nil }
        let shape: AnnotationShape
        switch type {
        case "box":
            shape = .box(try boxGeometry(object, what: what))
            for key in ["x", "y", "width", "height"] { extra[key] = nil }
        case "span":
            shape = .span(SpanRange(start: try int(object, "start", what: what), end: try int(object, "end", what: what),
                                    text: try string(object, "text", what: what)))
            for key in ["start", "end", "text"] { extra[key] = nil }
        case "class":
            shape = .classification
        case "polygon":
            shape = .polygon(PolygonGeometry(points: try points(object, what: what, width: 2).map { ShapePoint(x: $0[0], y: $0[1]) }))
            extra["points"] = nil
        case "keypoints":
            let skeleton = try string(object, "skeleton", what: what)
            var points: [Keypoint] = []
            for (position, row) in try self.points(object, what: what, width: 3).enumerated() {
                guard let visibility = Keypoint.Visibility(rawValue: Int(exactly: row[2]) ?? -1) else {
                    throw .invalidField(file: file, line: object.line, message: "\(what): point \(position + 1) has visibility \(JSONValue.double(row[2]).numberLiteral), expected 0, 1 or 2")
                }
                points.append(Keypoint(x: row[0], y: row[1], visibility: visibility))
            }
            shape = .keypoints(KeypointSet(skeleton: skeleton, points: points))
            extra["points"] = nil
            extra["skeleton"] = nil
        case "mask":
            shape = .mask(try mask(object, what: what))
            extra["rle"] = nil
        default:
            shape = .other(type: type)
        }
        var score: Double?
        if let scoreValue = object["score"] {
            guard let number = scoreValue.doubleValue else {
                throw .invalidField(file: file, line: object.line, message: "\(what): \"score\" must be a number, found \(describe(scoreValue))")
            }
            guard number.isFinite else {
                throw .invalidField(file: file, line: object.line, message: "\(what): \"score\" is too large to be a number here")
            }
            score = number
        }
        var annotation = Annotation(id: id, shape: shape, label: label, record: try optionalInt(object, "record", what: what),
                                    author: try optionalString(object, "author", what: what), time: try optionalString(object, "time", what: what),
                                    status: try optionalString(object, "status", what: what), score: score,
                                    source: try optionalString(object, "source", what: what), extra: extra)
        if let score, case .number(let literal)? = object["score"], JSONValue.double(score) != .number(literal) { annotation.scoreLiteral = literal }
        return annotation
    }

    func mark(_ object: JSONObject, position: Int?) throws(SidecarError) -> Mark {
        let what = position.map { "mark \($0 + 1)" } ?? "the mark"
        var extra = object.members
        for key in ["state", "record", "author", "time", "note"] { extra[key] = nil }
        return Mark(state: MarkState(rawValue: try string(object, "state", what: what)),
                    record: try optionalInt(object, "record", what: what), author: try optionalString(object, "author", what: what),
                    time: try optionalString(object, "time", what: what), note: try optionalString(object, "note", what: what),
                    extra: extra)
    }

    func string(_ object: JSONObject, _ key: String, what: String) throws(SidecarError) -> String {
        guard let value = try optionalString(object, key, what: what) else {
            throw .invalidField(file: file, line: object.line, message: "\(what) has no \"\(key)\"")
        }
        return value
    }

    func optionalString(_ object: JSONObject, _ key: String, what: String) throws(SidecarError) -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let text) = value else {
            throw .invalidField(file: file, line: object.line, message: "\(what): \"\(key)\" must be a string, found \(describe(value))")
        }
        return text
    }

    func int(_ object: JSONObject, _ key: String, what: String) throws(SidecarError) -> Int {
        guard let value = try optionalInt(object, key, what: what) else {
            throw .invalidField(file: file, line: object.line, message: "\(what) has no \"\(key)\"")
        }
        return value
    }

    /// A box in whole pixels, or with the fractional edges an imported box keeps.
    func boxGeometry(_ object: JSONObject, what: String) throws(SidecarError) -> BoxGeometry {
        let keys = ["x", "y", "width", "height"]
        if let x = object["x"]?.intValue, let y = object["y"]?.intValue, let width = object["width"]?.intValue, let height = object["height"]?.intValue,
           [x, y, width, height].allSatisfy({ $0.magnitude <= UInt(BoxGeometry.coordinateLimit) }) {
            return BoxGeometry(x: x, y: y, width: width, height: height)
        }
        var values: [Double] = []
        for key in keys {
            guard let value = object[key] else { throw .invalidField(file: file, line: object.line, message: "\(what) has no \"\(key)\"") }
            guard let number = value.doubleValue else {
                throw .invalidField(file: file, line: object.line, message: "\(what): \"\(key)\" must be a number, found \(describe(value))")
            }
            guard number.isFinite, number.magnitude <= Double(BoxGeometry.coordinateLimit) else {
                throw .invalidField(file: file, line: object.line, message: "\(what): \"\(key)\" is \(describe(value)), beyond any picture (at most \(BoxGeometry.coordinateLimit))")
            }
            values.append(number)
        }
        return BoxGeometry(exact: ExactBox(x: values[0], y: values[1], width: values[2], height: values[3]))
    }

    /// The `points` array of a polygon or keypoints: rows of `width` finite numbers.
    func points(_ object: JSONObject, what: String, width: Int) throws(SidecarError) -> [[Double]] {
        guard case .array(let rows)? = object["points"] else {
            throw .invalidField(file: file, line: object.line, message: "\(what) has no \"points\" array")
        }
        var points: [[Double]] = []
        points.reserveCapacity(rows.count)
        for (position, row) in rows.enumerated() {
            guard case .array(let values) = row, values.count == width else {
                throw .invalidField(file: file, line: object.line, message: "\(what): point \(position + 1) must be \(width == 2 ? "[x, y]" : "[x, y, v]")")
            }
            var numbers: [Double] = []
            for value in values {
                guard let number = value.doubleValue, number.isFinite, number.magnitude <= Double(BoxGeometry.coordinateLimit) else {
                    throw .invalidField(file: file, line: object.line, message: "\(what): point \(position + 1) holds \(describe(value)), not a pixel coordinate")
                }
                numbers.append(number)
            }
            points.append(numbers)
        }
        return points
    }

    /// The `rle` object of a mask: `size` [height, width] and the compressed `counts` text.
    func mask(_ object: JSONObject, what: String) throws(SidecarError) -> MaskRLE {
        guard case .object(let rle)? = object["rle"] else {
            throw .invalidField(file: file, line: object.line, message: "\(what) has no \"rle\" object")
        }
        guard case .array(let size)? = rle["size"], size.count == 2, let height = size[0].intValue, let width = size[1].intValue,
              height >= 0, width >= 0, height <= BoxGeometry.coordinateLimit, width <= BoxGeometry.coordinateLimit else {
            throw .invalidField(file: file, line: object.line, message: "\(what): \"rle\" needs \"size\": [height, width]")
        }
        guard let counts = try optionalString(rle, "counts", what: what) else {
            throw .invalidField(file: file, line: object.line, message: "\(what): \"rle\" needs \"counts\" (COCO's compressed RLE text)")
        }
        return MaskRLE(height: height, width: width, counts: counts)
    }

    /// A pixel coordinate or size, refused when its magnitude passes `BoxGeometry.coordinateLimit`.
    func coordinate(_ object: JSONObject, _ key: String, what: String) throws(SidecarError) -> Int {
        let value = try int(object, key, what: what)
        guard value.magnitude <= UInt(BoxGeometry.coordinateLimit) else {
            throw .invalidField(file: file, line: object.line, message: "\(what): \"\(key)\" is \(value), beyond any picture (at most \(BoxGeometry.coordinateLimit))")
        }
        return value
    }

    func optionalInt(_ object: JSONObject, _ key: String, what: String) throws(SidecarError) -> Int? {
        guard let value = object[key] else { return nil }
        guard let number = value.intValue else {
            throw .invalidField(file: file, line: object.line, message: "\(what): \"\(key)\" must be an integer, found \(describe(value))")
        }
        return number
    }
}

/// The encoded text of annotations from the last write, so that rewriting a sidecar after one
/// edit re-encodes only the annotation that changed.
public struct AnnotationFragmentCache: Sendable {
    private var fragments: [String: (annotation: Annotation, bytes: [UInt8])] = [:]
    private let remembering: Bool

    /// An empty cache; one not `remembering` encodes every annotation afresh (a one-off write).
    public init(remembering: Bool = true) { self.remembering = remembering }

    /// The encoded object of `annotation`, from the cache when it has not changed.
    public mutating func fragment(for annotation: Annotation) -> [UInt8] {
        guard remembering else { return SidecarCodec.fragment(of: annotation) }
        if let cached = fragments[annotation.id], cached.annotation == annotation { return cached.bytes }
        let bytes = SidecarCodec.fragment(of: annotation)
        fragments[annotation.id] = (annotation, bytes)
        return bytes
    }

    /// Drops everything once the cache holds far more than the sidecar (deleted annotations).
    mutating func prune(keeping count: Int) {
        if fragments.count > 2 * count + 64 { fragments.removeAll(keepingCapacity: true) }
    }
}
