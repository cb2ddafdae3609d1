import Dispatch
import LabelCore

/// One record of a text file: where it lies in the file and its text (for JSONL, the decoded
/// text field). Span offsets of the record are code points of `text`.
public struct RecordText: Equatable, Sendable {
    /// 0-based record number.
    public let index: Int
    /// The record's bytes in the file (for JSONL, the whole line).
    public let byteRange: Range<Int>
    /// The record's text.
    public let text: String
    /// Why the record has no usable text (e.g. a JSONL line that is not an object), if so.
    public let problem: String?
}

/// A text file split into records (`file`, `lines`, `paragraphs` or `jsonl`), read lazily from a
/// memory mapping. The UTF-8 byte-order mark, if any, is not part of any record.
public final class TextSource: Sendable {
    public let file: MappedFile
    public let mode: RecordMode
    /// The JSONL field holding the text.
    public let textField: String
    /// Where the content starts (3 after a byte-order mark, else 0).
    public let contentStart: Int
    private let boundaries: RecordBoundaryIndex?
    /// Hard lines of the file, whatever the record mode (for line numbers and `G` in a whole file).
    public let lines: RecordBoundaryIndex
    /// Code-point offsets of the whole file (what a file read whole measures spans in).
    public let codePoints: CodePointIndex

    /// Records of `file` split as `mode` says.
    public init(file: MappedFile, mode: RecordMode, textField: String = "text") {
        self.file = file
        self.mode = mode
        self.textField = textField
        let bytes = file.bytes
        contentStart = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        lines = RecordBoundaryIndex(bytes: bytes, start: contentStart, boundaries: .lines)
        codePoints = CodePointIndex(bytes: bytes, start: contentStart)
        switch mode {
        case .file: boundaries = nil
        case .lines, .jsonl: boundaries = lines
        case .paragraphs: boundaries = RecordBoundaryIndex(bytes: bytes, start: contentStart, boundaries: .paragraphs)
        }
    }

    /// Builds the record index now, using every core: the file is cut into pieces indexed side
    /// by side, then joined (what `indexInBackground` does a step at a time).
    public func buildIndexConcurrently() {
        boundaries?.buildConcurrently()
    }

    /// Builds the record, line and code-point indexes on a background thread, a few megabytes at a
    /// time (so foreground lookups wait little), releasing the pages it has read so resident
    /// memory stays small; `progress` is called after each step with the fraction done.
    public func indexInBackground(progress: (@Sendable (Double) -> Void)? = nil) {
        let total = max(1, file.count)
        DispatchQueue.global(qos: .utility).async { [self] in
            let step = 8 << 20
            var position = 0
            while !extendIndexes(byBytes: step) {
                position = min(total, position + step)
                file.release(bytesBefore: position)
                progress?(Double(position) / Double(total))
            }
            progress?(1)
        }
    }

    /// Maps the file at `path` and splits it as `mode` says.
    public convenience init(path: String, mode: RecordMode, textField: String = "text") throws(TextFileError) {
        self.init(file: try MappedFile(path: path), mode: mode, textField: textField)
    }

    /// The number of records (indexes the whole file on first use).
    /// The start of the UTF-8 scalar at or before `byte` (never before the content), so a window
    /// or a piece of the file never begins in the middle of a character.
    public func scalarStart(atOrBefore byte: Int) -> Int {
        let bytes = file.bytes
        var position = min(max(contentStart, byte), bytes.count)
        while position > contentStart, position < bytes.count, bytes[position] & 0xC0 == 0x80 { position -= 1 }
        return position
    }

    public var recordCount: Int { boundaries?.count ?? 1 }

    /// Records found so far, and whether that is all.
    public var indexProgress: (found: Int, complete: Bool) { boundaries?.progress ?? (1, true) }

    /// Whether every index that finding an item or a line needs is built: the records, the
    /// hard lines, and for a file read whole its code points (`G` goes to the last of each).
    public var isIndexed: Bool {
        indexProgress.complete && lines.progress.complete && (mode != .file || codePoints.isComplete)
    }

    /// Grows each index `isIndexed` names by about `bytes`; returns whether all are complete.
    @discardableResult
    public func extendIndexes(byBytes bytes: Int) -> Bool {
        let records = boundaries?.extend(byBytes: bytes) ?? true
        let hardLines = boundaries === lines ? records : lines.extend(byBytes: bytes)
        let points = mode != .file || codePoints.extend(byBytes: bytes)
        return records && hardLines && points
    }

    /// Grows the record index by about `bytes`; returns whether it is complete.
    @discardableResult
    public func extendIndex(byBytes bytes: Int) -> Bool { boundaries?.extend(byBytes: bytes) ?? true }

    /// The record holding byte `offset` of the file.
    public func record(containingByte offset: Int) -> Int? {
        guard let boundaries else { return 0 }
        return boundaries.record(containingByte: offset)
    }

    /// The raw byte range of record `n`, or nil past the end.
    public func byteRange(ofRecord n: Int) -> Range<Int>? {
        guard let boundaries else { return n == 0 ? contentStart..<file.count : nil }
        return boundaries.range(ofRecord: n)
    }

    /// The glyphs of the file's bytes in `range` (whole file mode), numbered from the code point
    /// at which `range` starts.
    public func glyphs(ofBytes range: Range<Int>) -> [Glyph] {
        let clamped = max(contentStart, range.lowerBound)..<min(file.count, max(contentStart, range.upperBound))
        guard !clamped.isEmpty, let base = file.bytes.baseAddress else { return [] }
        let bytes = UnsafeBufferPointer(start: (base + clamped.lowerBound).assumingMemoryBound(to: UInt8.self), count: clamped.count)
        return GlyphMaker.glyphs(ofBytes: bytes, startingAt: codePoints.codePoint(ofByte: clamped.lowerBound))
    }

    /// Record `n` with its decoded text, or nil past the end.
    public func record(_ n: Int) -> RecordText? {
        guard let range = byteRange(ofRecord: n) else { return nil }
        let raw = UTF8Text.decode(file.bytes, range)
        guard mode == .jsonl else { return RecordText(index: n, byteRange: range, text: raw, problem: nil) }
        switch JSONLField.text(ofLine: Array(file.bytes[range]), field: textField) {
        case .success(let text): return RecordText(index: n, byteRange: range, text: text, problem: nil)
        case .failure(let problem): return RecordText(index: n, byteRange: range, text: "", problem: problem.description)
        }
    }
}

/// Decoding bytes as UTF-8 the way Python's `errors="replace"` does: each maximal ill-formed
/// subsequence becomes one U+FFFD, so code-point offsets agree with Python's string indices.
public enum UTF8Text {
    /// The text of `bytes[range]`.
    public static func decode(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        guard !range.isEmpty, let base = bytes.baseAddress else { return "" }
        let buffer = UnsafeBufferPointer(start: (base + range.lowerBound).assumingMemoryBound(to: UInt8.self), count: range.count)
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// Why a JSONL line has no text to annotate.
public enum JSONLProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case blank
    case notJSON(column: Int, message: String)
    case notAnObject
    case missingField(String)
    case fieldNotText(String, found: String)

    public var description: String {
        switch self {
        case .blank: return "blank line"
        case .notJSON(let column, let message): return "not valid JSON at column \(column): \(message)"
        case .notAnObject: return "not a JSON object"
        case .missingField(let field): return "no \"\(field)\" field"
        case .fieldNotText(let field, let found): return "\"\(field)\" is \(found), not a string"
        }
    }
}

/// The text field of a JSONL line, with JSON escapes decoded.
public enum JSONLField {
    /// The value of `field` in the JSON object on `line`.
    public static func text(ofLine line: [UInt8], field: String) -> Result<String, JSONLProblem> {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .failure(.blank) }
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            return .failure(.notJSON(column: error.column, message: error.message))
        }
        guard case .object(let object) = value else { return .failure(.notAnObject) }
        guard let fieldValue = object[field] else { return .failure(.missingField(field)) }
        guard case .string(let text) = fieldValue else { return .failure(.fieldNotText(field, found: fieldValue.typeName)) }
        return .success(text)
    }
}
