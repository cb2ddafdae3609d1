import LabelCore

/// The append-only journal that keeps edits to very large sidecars fast: each applied
/// transaction is one JSON line, flushed to disk before the edit returns, and folded into the
/// sidecar by compaction. Replaying it over the sidecar gives the current state.
public enum Journal {
    /// What is appended to a sidecar's path to name its journal.
    public static let suffix = ".journal"
    static let format = "termlabel-journal"

    /// The first line of a new journal.
    public static func header() -> [UInt8] {
        let object = JSONObject(["format": .string(format), "version": .int(1)])
        return JSONWriter.compact(.object(object)) + [0x0A]
    }

    /// The journal line recording `transaction`.
    public static func line(for transaction: Transaction) -> [UInt8] {
        var effects: [JSONValue] = []
        for edit in transaction.edits {
            switch edit {
            case .add(let annotation), .update(_, let annotation):
                effects.append(.object(JSONObject(["put": .object(JSONObject(SidecarCodec.annotationFields(annotation)))])))
            case .remove(let annotation):
                effects.append(.object(JSONObject(["delete": .string(annotation.id)])))
            case .setMark(_, let mark):
                effects.append(.object(JSONObject(["mark": .object(JSONObject(SidecarCodec.markFields(mark)))])))
            case .clearMark(let mark):
                effects.append(.object(JSONObject(["unmark": .object(JSONObject(SidecarCodec.markFields(mark)))])))
            case .setValue(let key, _, let value):
                effects.append(.object(JSONObject(["set": .string(key), "value": value ?? .null])))
            }
        }
        return JSONWriter.compact(.object(JSONObject(["edits": .array(effects)]))) + [0x0A]
    }

    /// The transactions recorded in `bytes`, and how many bytes hold complete lines. A last line
    /// without its newline was cut short by a crash before its edit returned, so it is dropped.
    public static func read(_ bytes: [UInt8], file: String) throws(SidecarError) -> (transactions: [Transaction], completeLength: Int) {
        var transactions: [Transaction] = []
        var start = 0
        var lineNumber = 0
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else { break }
            lineNumber += 1
            let line = Array(bytes[start..<newline])
            start = newline + 1
            let value: JSONValue
            do {
                value = try JSONParser.parse(line, rejectingLoneSurrogates: true)
            } catch {
                throw .malformed(file: file, line: lineNumber, column: error.column, message: error.message)
            }
            guard case .object(let object) = value else {
                throw .invalidField(file: file, line: lineNumber, message: "a journal line must be a JSON object")
            }
            if lineNumber == 1 {
                guard object["format"]?.stringValue == format else {
                    throw .notASidecar(file: file, message: "not a termlabel journal (no \"format\": \"\(format)\" header)")
                }
                if let version = object["version"]?.intValue, version > 1 {
                    throw .newerVersion(file: file, version: version, supported: 1)
                }
                continue
            }
            guard let effects = object["edits"]?.arrayValue else {
                throw .invalidField(file: file, line: lineNumber, message: "a journal line needs an \"edits\" array")
            }
            var edits: [Edit] = []
            for effect in effects {
                guard let fields = effect.objectValue else {
                    throw .invalidField(file: file, line: lineNumber, message: "a journal edit must be an object")
                }
                if let put = fields["put"]?.objectValue {
                    edits.append(.add(try SidecarCodec.annotation(from: put, file: file)))
                } else if let id = fields["delete"]?.stringValue {
                    edits.append(.remove(Annotation(id: id, shape: .classification, label: "")))
                } else if let mark = fields["mark"]?.objectValue {
                    edits.append(.setMark(from: nil, to: try SidecarCodec.mark(from: mark, file: file)))
                } else if let mark = fields["unmark"]?.objectValue {
                    edits.append(.clearMark(try SidecarCodec.mark(from: mark, file: file)))
                } else if let key = fields["set"]?.stringValue, let value = fields["value"] {
                    edits.append(.setValue(key: key, from: nil, to: value == .null ? nil : value))
                } else {
                    throw .invalidField(file: file, line: lineNumber, message: "unknown journal edit")
                }
            }
            transactions.append(Transaction(edits))
        }
        return (transactions, start)
    }
}
