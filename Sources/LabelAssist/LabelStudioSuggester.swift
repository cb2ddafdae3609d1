import LabelCore

/// A Label Studio ML backend as a suggester (DESIGN §12, `--labelstudio URL`): each item is
/// posted to `/predict` as a task, with a labeling config made from the project's labels, and
/// the predictions read back (percent coordinates for rectangles, character offsets for text
/// labels, choices for classes); `model_version` becomes the suggestions' source.
public struct LabelStudioSuggester: Suggester {
    let client: HTTPClient
    let timeout: Double
    let settings: ProjectSettings

    /// A suggester posting to the backend at `url` (`http://`); nil for another kind of URL.
    public init?(url: String, settings: ProjectSettings, timeout: Double) {
        guard let client = HTTPClient(url: url) else { return nil }
        self.client = client
        self.timeout = timeout
        self.settings = settings
    }

    public func handles(_ kind: ItemKind) -> Bool { true }

    /// The labeling config Label Studio would hold for the project, for this kind of item.
    func labelConfig(_ kind: ItemKind) -> String {
        func escaped(_ text: String) -> String {
            text.replacing("&", with: "&amp;").replacing("\"", with: "&quot;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
        }
        let target = kind == .image ? "image" : "text"
        var parts = [kind == .image ? "<Image name=\"image\" value=\"$image\"/>" : "<Text name=\"text\" value=\"$text\"/>"]
        let regions = kind == .image ? settings.boxes : settings.spans
        if !regions.labels.isEmpty {
            let tag = kind == .image ? "RectangleLabels" : "Labels"
            parts.append("<\(tag) name=\"label\" toName=\"\(target)\">" + regions.labels.map { "<Label value=\"\(escaped($0.name))\"/>" }.joined() + "</\(tag)>")
        }
        if !settings.classes.labels.isEmpty {
            parts.append("<Choices name=\"choice\" toName=\"\(target)\" choice=\"\(settings.classes.multi ? "multiple" : "single")\">"
                         + settings.classes.labels.map { "<Choice value=\"\(escaped($0.name))\"/>" }.joined() + "</Choices>")
        }
        return "<View>" + parts.joined() + "</View>"
    }

    public func suggest(_ item: SuggestionProtocol.Item, settings: ProjectSettings, source: String,
                        identifiers: any IdentifierSource) throws(SuggestFailure) -> SuggestionProtocol.Answer {
        var data = JSONObject()
        if item.kind == .image { data["image"] = .string(item.absolutePath ?? item.path) } else { data["text"] = .string(item.text ?? "") }
        var task = JSONObject(["id": .number("1"), "data": .object(data)])
        task["meta"] = .object(JSONObject(["path": .string(item.path)]))
        let body = JSONObject(["tasks": .array([.object(task)]), "label_config": .string(labelConfig(item.kind)), "project": .string("termlabel")])
        let response = try client.post("/predict", body: JSONWriter.compact(.object(body)), timeout: timeout)
        guard response.status == 200 else {
            throw SuggestFailure("the backend answered HTTP \(response.status): \(String(decoding: response.body.prefix(120), as: UTF8.self))")
        }
        let value: JSONValue
        do { value = try JSONParser.parse(response.body) } catch { throw SuggestFailure("the backend's answer is not JSON: \(error.message)") }
        // `{"results": [prediction]}` (the current SDK), or a bare list (older backends).
        guard let prediction = (value.objectValue?["results"]?.arrayValue ?? value.arrayValue)?.first?.objectValue else {
            return SuggestionProtocol.Answer()
        }
        let predictionSource = prediction["model_version"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? source
        let overall = prediction["score"]?.doubleValue
        var answer = SuggestionProtocol.Answer()
        for region in prediction["result"]?.arrayValue ?? [] {
            guard let fields = region.objectValue, let type = fields["type"]?.stringValue, let value = fields["value"]?.objectValue else { continue }
            let score = fields["score"]?.doubleValue ?? overall
            var entries: [JSONValue] = []
            switch type {
            case "rectanglelabels":
                guard let size = item.size, let x = value["x"]?.doubleValue, let y = value["y"]?.doubleValue,
                      let width = value["width"]?.doubleValue, let height = value["height"]?.doubleValue else { continue }
                if let rotation = value["rotation"]?.doubleValue, rotation != 0 {
                    answer.skipped.append("a rotated rectangle (\(rotation)°) is not a box")
                    continue
                }
                let w = Double(size.width) / 100, h = Double(size.height) / 100
                for label in value["rectanglelabels"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                    entries.append(.object(JSONObject(["type": .string("box"), "label": .string(label), "x": .double(x * w), "y": .double(y * h),
                                                       "width": .double(width * w), "height": .double(height * h)])))
                }
            case "labels":
                guard let start = value["start"]?.intValue, let end = value["end"]?.intValue else { continue }
                for label in value["labels"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                    entries.append(.object(JSONObject(["type": .string("span"), "label": .string(label), "start": .number(String(start)), "end": .number(String(end))])))
                }
            case "choices":
                for label in value["choices"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                    entries.append(.object(JSONObject(["type": .string("class"), "label": .string(label)])))
                }
            default:
                answer.skipped.append("the backend's \(type) results are not read")
                continue
            }
            let converted = JSONWriter.compact(.object(JSONObject(["annotations": .array(entries.map { entry in
                guard var object = entry.objectValue else { return entry }
                if let score { object["score"] = .double(score) }
                return .object(object)
            })])))
            do {
                let part = try SuggestionProtocol.answer(converted, for: item, settings: settings, source: predictionSource, identifiers: identifiers)
                answer.suggestions += part.suggestions
                answer.skipped += part.skipped
            } catch {
                answer.skipped.append(error.description)
            }
        }
        return answer
    }
}
