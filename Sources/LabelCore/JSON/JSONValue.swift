/// A JSON value as read from or written to a sidecar, keeping numbers as their literal text so
/// that values a newer version wrote round-trip byte for byte.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// The number's literal text, exactly as it appeared (or as `JSONValue.number(_:)` wrote it).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// An integer value.
    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A floating-point value in its shortest round-tripping form.
    public static func double(_ value: Double) -> JSONValue {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return .number(String(Int(value)))
        }
        return .number(value.isFinite ? "\(value)" : "0")
    }

    /// The literal text of a number (empty for other values).
    public var numberLiteral: String {
        guard case .number(let text) = self else { return "" }
        return text
    }

    /// The value as an integer, if it is a number without fraction or exponent that fits an `Int`.
    public var intValue: Int? {
        guard case .number(let text) = self else { return nil }
        return Int(text)
    }

    /// The value as a double, if it is a number.
    public var doubleValue: Double? {
        guard case .number(let text) = self else { return nil }
        return Double(text)
    }

    /// The value as a string, if it is one.
    public var stringValue: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The value as an object, if it is one.
    public var objectValue: JSONObject? {
        guard case .object(let object) = self else { return nil }
        return object
    }

    /// The value as an array, if it is one.
    public var arrayValue: [JSONValue]? {
        guard case .array(let items) = self else { return nil }
        return items
    }

    /// A short name of the value's JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A JSON object: its members and the line it started on (which takes no part in equality).
public struct JSONObject: Hashable, Sendable {
    /// The members by key; written out in sorted key order.
    public var members: [String: JSONValue]
    /// 1-based line where the object's `{` stood in its source, or 0 when built in memory.
    public var line: Int

    /// An object with the given members.
    public init(_ members: [String: JSONValue] = [:], line: Int = 0) {
        self.members = members
        self.line = line
    }

    /// The member under `key`.
    public subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.members == rhs.members }

    public func hash(into hasher: inout Hasher) { hasher.combine(members) }
}
