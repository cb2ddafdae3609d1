import LabelCore

/// A clock that returns a fixed or stepping time, for deterministic sidecars.
public final class FixedTime: TimeSource, @unchecked Sendable {
    private var seconds: Int

    /// A clock starting at `start` (default 2026-11-22T10:00:00Z), one second per call.
    public init(start: Int = 1_795_341_600) { seconds = start }

    public func now() -> String {
        defer { seconds += 1 }
        return ISO8601.timestamp(secondsSince1970: seconds)
    }
}

/// Ids `a1`, `a2`, … for deterministic tests.
public final class CountingIdentifiers: IdentifierSource, @unchecked Sendable {
    private var next = 0
    private let prefix: String

    /// Ids starting with `prefix`.
    public init(prefix: String = "a") { self.prefix = prefix }

    public func newIdentifier() -> String {
        next += 1
        return "\(prefix)\(next)"
    }
}

/// Small annotation builders for tests.
public enum Make {
    /// A box annotation.
    public static func box(_ id: String, _ label: String, _ x: Int, _ y: Int, _ width: Int, _ height: Int,
                           author: String = "ana", time: String = "2026-11-22T10:00:00Z") -> Annotation {
        Annotation(id: id, shape: .box(BoxGeometry(x: x, y: y, width: width, height: height)), label: label, author: author, time: time)
    }

    /// A class annotation.
    public static func classification(_ id: String, _ label: String, record: Int? = nil, author: String = "ana",
                                      time: String = "2026-11-22T10:00:04Z") -> Annotation {
        Annotation(id: id, shape: .classification, label: label, record: record, author: author, time: time)
    }

    /// A span annotation.
    public static func span(_ id: String, _ label: String, _ start: Int, _ end: Int, _ text: String, record: Int? = nil,
                            author: String = "ana", time: String = "2026-11-22T10:00:00Z") -> Annotation {
        Annotation(id: id, shape: .span(SpanRange(start: start, end: end, text: text)), label: label, record: record, author: author, time: time)
    }
}

extension JSONValue {
    /// The member `key` of an object (nil for anything else), to read JSON output briefly.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }
}
