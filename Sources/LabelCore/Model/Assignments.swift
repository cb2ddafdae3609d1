/// Who labels which item (`termlabel assign`, DESIGN §9): each item dealt to `perItem`
/// annotators, evenly, the same for the same seed; kept in `termlabel-assignments.json`
/// beside `termlabel.toml`. Dealing again (new annotators, new items) keeps what was dealt.
public struct Assignments: Equatable, Sendable {
    /// The file's name.
    public static let fileName = "termlabel-assignments.json"

    public var annotators: [String]
    public var perItem: Int
    public var seed: UInt64
    /// Item key (`Assignments.key`) → its annotators, in the order they were dealt.
    public private(set) var items: [String: [String]]

    /// No items dealt yet.
    public init(annotators: [String] = [], perItem: Int = 1, seed: UInt64 = 0) {
        self.annotators = annotators
        self.perItem = perItem
        self.seed = seed
        items = [:]
    }

    /// The key of an item: the data file's path relative to the project, and `#N` for record N
    /// (0-based, as the sidecar's `record`).
    public static func key(relativePath: String, record: Int?) -> String {
        record.map { "\(relativePath)#\($0)" } ?? relativePath
    }

    /// The annotators of the item with `key`, or nil when it was not dealt.
    public func annotators(of key: String) -> [String]? { items[key] }

    /// How many items each annotator was dealt.
    public var load: [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: annotators.map { ($0, 0) })
        for names in items.values { for name in names { counts[name, default: 0] += 1 } }
        return counts
    }

    /// Deals `keys` not dealt yet, each to `perItem` of `annotators` (all of them when fewer),
    /// choosing the least loaded first and breaking ties by a shuffle drawn from the seed and
    /// the item's key, so the result depends only on the seed, the people and the items.
    /// Annotators not known before join; nobody is taken off an item.
    public mutating func deal(_ keys: [String], annotators people: [String], perItem count: Int, seed newSeed: UInt64) {
        for name in people where !annotators.contains(name) { annotators.append(name) }
        perItem = max(1, count)
        seed = newSeed
        var load = self.load
        for key in keys where items[key] == nil {
            var random = SeededRandom(seed: seed ^ Assignments.hash(key))
            let tiebreak = Dictionary(uniqueKeysWithValues: people.map { ($0, random.next()) })
            let chosen = people.sorted { (load[$0] ?? 0, tiebreak[$0] ?? 0) < (load[$1] ?? 0, tiebreak[$1] ?? 0) }.prefix(perItem)
            let names = Array(chosen).sorted { people.firstIndex(of: $0) ?? 0 < people.firstIndex(of: $1) ?? 0 }
            items[key] = names
            for name in names { load[name, default: 0] += 1 }
        }
    }

    static func hash(_ key: String) -> UInt64 { stableHash(key) }

    /// FNV-1a of the text's bytes: stable across runs and machines (Swift's `hashValue` is not).
    public static func stableHash(_ key: String) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return value
    }

    // MARK: - The file

    /// The file's JSON: `{"annotators": [...], "per_item": N, "seed": S, "items": {"a.png": ["ana", "bo"], ...}}`.
    public var json: JSONValue {
        var object = JSONObject()
        object["annotators"] = .array(annotators.map { .string($0) })
        object["per_item"] = .number(String(perItem))
        object["seed"] = .number(String(seed))
        var entries = JSONObject()
        for (key, names) in items { entries[key] = .array(names.map { .string($0) }) }
        object["items"] = .object(entries)
        return .object(object)
    }

    /// Reads the file's bytes; the error names the file and what is wrong.
    public static func decode(_ bytes: [UInt8], file: String) throws(Diagnostic) -> Assignments {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw Diagnostic(file: file, line: error.line, column: error.column, message: error.message)
        }
        guard let object = value.objectValue else { throw Diagnostic(file: file, line: 1, message: "must be a JSON object") }
        var result = Assignments()
        guard let people = object["annotators"]?.arrayValue?.compactMap(\.stringValue) else {
            throw Diagnostic(file: file, line: object.line, message: "\"annotators\" must be a list of names")
        }
        result.annotators = people
        result.perItem = max(1, object["per_item"]?.intValue ?? 1)
        result.seed = object["seed"].flatMap { UInt64($0.numberLiteral) } ?? 0
        guard let entries = object["items"]?.objectValue else {
            throw Diagnostic(file: file, line: object.line, message: "\"items\" must be an object of item → annotators")
        }
        for (key, value) in entries.members {
            guard let names = value.arrayValue?.compactMap(\.stringValue) else {
                throw Diagnostic(file: file, line: entries.line, message: "item \"\(key)\" must list annotators' names")
            }
            result.items[key] = names
        }
        return result
    }
}
