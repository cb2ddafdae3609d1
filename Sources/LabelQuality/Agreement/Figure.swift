import LabelCore

/// An agreement figure, or why it cannot be computed (one annotator, no overlap, no expected
/// disagreement): said in words instead of printing NaN.
public enum Figure: Equatable, Sendable {
    case value(Double)
    case undefined(String)

    /// The number, if there is one.
    public var number: Double? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// `part / whole`, undefined with `reason` when `whole` is zero.
    static func ratio(_ part: Double, _ whole: Double, otherwise reason: String) -> Figure {
        whole == 0 ? .undefined(reason) : .value(part / whole)
    }

    /// The figure as JSON: the number, or null (the reason goes under `notes`).
    var json: JSONValue {
        if case .value(let value) = self { return .double(value) }
        return .null
    }

    /// The figure for a table: three decimals, or `–`.
    var text: String {
        guard case .value(let value) = self else { return "–" }
        return Figure.threeDecimals(value)
    }

    static func threeDecimals(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = abs(thousandths)
        let fraction = String(magnitude % 1000)
        return sign + "\(magnitude / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

/// Several figures under their JSON keys, with the reasons of those that cannot be computed.
struct FigureObject {
    var members: [String: JSONValue] = [:]
    var notes: [String: JSONValue] = [:]

    subscript(key: String) -> Figure? {
        get { nil }
        set {
            guard let newValue else { return }
            members[key] = newValue.json
            if case .undefined(let reason) = newValue { notes[key] = .string(reason) }
        }
    }

    mutating func set(_ key: String, _ value: JSONValue) { members[key] = value }

    var json: JSONValue {
        var all = members
        if !notes.isEmpty { all["notes"] = .object(JSONObject(notes)) }
        return .object(JSONObject(all))
    }
}
