import LabelCore

/// The suggestion protocol's messages (DESIGN §12): the request sent for one item and the
/// annotations read back, checked against the item and the project's labels.
public enum SuggestionProtocol {
    /// What a model is told of an item.
    public struct Item: Sendable {
        public var path: String
        public var record: Int?
        public var kind: ItemKind
        public var size: ImageSize?
        public var text: String?
        /// The picture's absolute path, for suggesters that open it themselves.
        public var absolutePath: String?

        /// The item at `path` (relative to the project) and `record`.
        public init(path: String, record: Int?, kind: ItemKind, size: ImageSize? = nil, text: String? = nil) {
            self.path = path
            self.record = record
            self.kind = kind
            self.size = size
            self.text = text
        }
    }

    /// The request line for `item`, naming the project's labels.
    public static func request(_ item: Item, settings: ProjectSettings) -> [UInt8] {
        var object = JSONObject()
        object["path"] = .string(item.path)
        object["record"] = item.record.map { .number(String($0)) } ?? .null
        object["kind"] = .string(item.kind.rawValue)
        object["width"] = item.size.map { .number(String($0.width)) } ?? .null
        object["height"] = item.size.map { .number(String($0.height)) } ?? .null
        object["text"] = item.text.map { .string($0) } ?? .null
        var labels = JSONObject()
        for kind in LabelKind.allCases { labels[kind.rawValue] = .array(settings.labels(kind).labels.map { .string($0.name) }) }
        object["labels"] = .object(labels)
        return JSONWriter.compact(.object(object))
    }

    /// What came back for an item: the suggestions, and what in the answer was left out.
    public struct Answer: Equatable, Sendable {
        public var suggestions: [Annotation] = []
        public var skipped: [String] = []
    }

    /// Why an answer could not be used at all.
    public struct BadAnswer: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Reads an answer line into suggestions from `source` on `item`; ids come from
    /// `identifiers`. Entries that do not fit (an unknown label, a box outside the picture, a
    /// span past the text) are named in `skipped`; an answer that is not the protocol's, or an
    /// `error` the model reports, throws.
    public static func answer(_ line: [UInt8], for item: Item, settings: ProjectSettings, source: String,
                              identifiers: any IdentifierSource) throws(BadAnswer) -> Answer {
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch {
            let shown = String(decoding: line.prefix(80), as: UTF8.self)
            throw BadAnswer(description: "the answer is not JSON (\(error.message) at column \(error.column)): \(shown)")
        }
        guard let object = value.objectValue else { throw BadAnswer(description: "the answer is \(value.typeName), not an object") }
        if let error = object["error"] { throw BadAnswer(description: "the model says: \(error.stringValue ?? "\(error)")") }
        guard let entries = object["annotations"]?.arrayValue else {
            throw BadAnswer(description: "the answer has no \"annotations\" list")
        }
        var answer = Answer()
        for (position, entry) in entries.enumerated() {
            guard let fields = entry.objectValue, let type = fields["type"]?.stringValue, let label = fields["label"]?.stringValue else {
                answer.skipped.append("annotation \(position + 1) has no type and label")
                continue
            }
            let score = fields["score"]?.doubleValue
            guard let kind = LabelKind(annotationType: type) else {
                answer.skipped.append("annotation \(position + 1): unknown type \"\(type)\"")
                continue
            }
            guard settings.labels(kind).contains(label) else {
                answer.skipped.append("\(type) label \"\(label)\" is not one of the project's")
                continue
            }
            let shape: AnnotationShape
            switch kind {
            case .classes:
                shape = .classification
            case .boxes:
                guard item.kind == .image, let size = item.size, let x = fields["x"]?.doubleValue, let y = fields["y"]?.doubleValue,
                      let width = fields["width"]?.doubleValue, let height = fields["height"]?.doubleValue, width > 0, height > 0 else {
                    answer.skipped.append("box \(label): needs x, y, width and height on a picture")
                    continue
                }
                // A box a little over the edge (detectors round outward) is cut to the picture.
                let left = max(0, x), top = max(0, y)
                let right = min(Double(size.width), x + width), bottom = min(Double(size.height), y + height)
                guard right > left, bottom > top else {
                    answer.skipped.append("box \(label) lies outside the \(size.width)×\(size.height) picture")
                    continue
                }
                shape = .box(BoxGeometry(exact: ExactBox(x: left, y: top, width: right - left, height: bottom - top)))
            case .spans:
                let length = item.text.map { $0.unicodeScalars.count } ?? 0
                guard let text = item.text, let start = fields["start"]?.intValue, let end = fields["end"]?.intValue,
                      start >= 0, start < end, end <= length else {
                    answer.skipped.append("span \(label): needs start < end within the text's \(length) code points")
                    continue
                }
                let scalars = Array(text.unicodeScalars)[start..<end]
                shape = .span(SpanRange(start: start, end: end, text: String(String.UnicodeScalarView(scalars))))
            case .polygons, .masks, .keypoints:
                // The fields are the sidecar's (DESIGN §11), read and checked as a sidecar's are.
                var object = fields
                object["id"] = .string("suggestion")
                guard item.kind == .image, let read = try? SidecarCodec.annotation(from: object, file: source) else {
                    answer.skipped.append("\(type) \(label): needs the sidecar's fields (points, rle or skeleton) on a picture")
                    continue
                }
                let problems = ShapeCheck.problems(read.shape, in: item.size, settings: settings)
                guard problems.isEmpty else {
                    answer.skipped.append("\(type) \(label): \(problems.joined(separator: "; "))")
                    continue
                }
                shape = read.shape
            }
            answer.suggestions.append(Annotation(id: identifiers.newIdentifier(), shape: shape, label: label, record: item.record,
                                                 status: Annotation.suggestedStatus, score: score, source: source))
        }
        return answer
    }
}
