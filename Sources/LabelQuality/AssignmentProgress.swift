import LabelCore

/// Each annotator's progress over the items dealt to them: how many they rated (an accepted
/// annotation or a done mark of theirs) of how many they were given.
public struct AssignmentProgress {
    public var assigned: [String: Int] = [:]
    public var rated: [String: Int] = [:]

    /// No progress yet.
    public init() {}

    /// Counts the items (`records`) of the data file at `relativePath`, whose annotations and
    /// marks `summary` holds, that the assignments deal out.
    public mutating func add(_ summary: FileSummary, file relativePath: String, records: [Int?], assignments: Assignments) {
        for record in records {
            guard let names = assignments.annotators(of: Assignments.key(relativePath: relativePath, record: record)) else { continue }
            let raters = summary.items[record]?.raters ?? []
            for name in names {
                assigned[name, default: 0] += 1
                if raters.contains(name) { rated[name, default: 0] += 1 }
            }
        }
    }

    /// `ana  8/12 (66%)`, one line per annotator.
    public var lines: [String] {
        let width = assigned.keys.map(\.count).max() ?? 0
        return assigned.keys.sorted().map { name in
            let total = assigned[name] ?? 0, done = rated[name] ?? 0
            return name + String(repeating: " ", count: width - name.count) + "  \(done)/\(total) (\(total > 0 ? done * 100 / total : 0)%)"
        }
    }

    /// `{"ana": {"assigned": 12, "rated": 8}}`.
    public var json: JSONValue {
        var object = JSONObject()
        for (name, total) in assigned {
            object[name] = .object(JSONObject(["assigned": .number(String(total)), "rated": .number(String(rated[name] ?? 0))]))
        }
        return .object(object)
    }
}
