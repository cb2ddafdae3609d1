/// The record of suggestions a person rejected, kept in the sidecar under `rejected` (type,
/// label, place, record, source), so that importing the same predictions again does not bring
/// them back.
public enum RejectedSuggestions {
    /// The sidecar key.
    public static let key = "rejected"

    /// The entry that remembers `suggestion`.
    public static func entry(for suggestion: Annotation) -> JSONValue {
        var fields = JSONObject(["type": .string(suggestion.shape.typeName), "label": .string(suggestion.label)])
        if let record = suggestion.record { fields["record"] = .int(record) }
        if let source = suggestion.source { fields["source"] = .string(source) }
        if let box = suggestion.box {
            fields["x"] = .int(box.x); fields["y"] = .int(box.y); fields["width"] = .int(box.width); fields["height"] = .int(box.height)
        }
        if let span = suggestion.span {
            fields["start"] = .int(span.start); fields["end"] = .int(span.end)
        }
        return .object(fields)
    }

    /// `list` (the sidecar's value, if any) with `suggestion` added.
    public static func adding(_ suggestion: Annotation, to list: JSONValue?) -> JSONValue {
        .array((list?.arrayValue ?? []) + [entry(for: suggestion)])
    }

    /// Whether `list` remembers a suggestion like `candidate` (same type, label, place and record).
    public static func contains(_ candidate: Annotation, in list: JSONValue?) -> Bool {
        guard let entries = list?.arrayValue else { return false }
        var probe = entry(for: candidate)
        if case .object(var fields) = probe {
            fields["source"] = nil
            probe = .object(fields)
        }
        return entries.contains { entry in
            guard case .object(var fields) = entry else { return false }
            fields["source"] = nil
            return .object(fields) == probe
        }
    }
}
