#if canImport(Glibc)
import Glibc
#endif
import LabelCore

/// What to look for.
public struct SearchPattern: Hashable, Sendable {
    public var text: String
    /// A regular expression (Swift `Regex` syntax, like Perl's) instead of literal text.
    public var isRegex: Bool
    public var ignoresCase: Bool

    /// A pattern for `text`.
    public init(_ text: String, isRegex: Bool = false, ignoresCase: Bool = false) {
        self.text = text
        self.isRegex = isRegex
        self.ignoresCase = ignoresCase
    }
}

/// Why a search could not start.
public enum SearchError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyPattern
    case badRegex(pattern: String, reason: String)

    public var description: String {
        switch self {
        case .emptyPattern: return "nothing to search for"
        case .badRegex(let pattern, let reason): return "not a valid regular expression /\(pattern)/: \(reason)"
        }
    }
}

/// A place in a text source: a record and a code point in it (record 0 for a whole file).
public struct TextPosition: Hashable, Comparable, Sendable {
    public var record: Int
    public var codePoint: Int

    /// Code point `codePoint` of record `record`.
    public init(record: Int, codePoint: Int) {
        self.record = record
        self.codePoint = codePoint
    }

    public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
        (lhs.record, lhs.codePoint) < (rhs.record, rhs.codePoint)
    }
}

/// A match: the record and the code points it covers.
public struct SearchHit: Hashable, Sendable {
    public var record: Int
    public var codePoints: Range<Int>

    /// A match of `codePoints` in `record`.
    public init(record: Int, codePoints: Range<Int>) {
        self.record = record
        self.codePoints = codePoints
    }

    /// Where the match starts.
    public var start: TextPosition { TextPosition(record: record, codePoint: codePoints.lowerBound) }
}

/// Finds text forward or backward from a position, streaming through the file: record by
/// record, or (for a file read whole) line by line, so that memory stays small and the first
/// match comes as soon as it is reached. Matches never span a line break. A search may run
/// on another thread (nothing in it changes once it is made) and be stopped through `stop`.
public final class TextSearch: @unchecked Sendable {
    public let source: TextSource
    public let pattern: SearchPattern
    /// Asked now and then during a search: true ends it early with no match (set before a search starts).
    public var stop: @Sendable () -> Bool = { false }
    private let regex: Regex<AnyRegexOutput>?
    /// The literal's UTF-8 bytes, for a fast byte scan when case matters.
    private let needle: [UInt8]

    /// A search of `source` for `pattern`.
    public init(source: TextSource, pattern: SearchPattern) throws(SearchError) {
        guard !pattern.text.isEmpty else { throw .emptyPattern }
        self.source = source
        self.pattern = pattern
        needle = Array(pattern.text.utf8)
        if pattern.isRegex || pattern.ignoresCase {
            do {
                let compiled = pattern.isRegex ? try Regex(pattern.text) : Regex(verbatim: pattern.text)
                regex = pattern.ignoresCase ? compiled.ignoresCase() : compiled
            } catch {
                throw .badRegex(pattern: pattern.text, reason: "\(error)")
            }
        } else {
            regex = nil
        }
    }

    /// The next match strictly after `position` (forward) or strictly before it (backward),
    /// wrapping around the end when `wraps` is set.
    public func find(from position: TextPosition, forward: Bool, wraps: Bool = true) -> SearchHit? {
        source.mode == .file ? findInFile(from: position, forward: forward, wraps: wraps)
            : findInRecords(from: position, forward: forward, wraps: wraps)
    }

    // MARK: Records

    private func findInRecords(from position: TextPosition, forward: Bool, wraps: Bool) -> SearchHit? {
        let count = source.recordCount
        guard count > 0 else { return nil }
        let start = min(max(0, position.record), count - 1)
        var stopped = false
        func search(_ record: Int, _ accept: (Int) -> Bool) -> SearchHit? {
            if record % 256 == 0 && stop() { stopped = true }
            guard !stopped, mayContain(record: record), let text = source.record(record)?.text else { return nil }
            let hits = matches(in: text).filter { accept($0.lowerBound) }
            return (forward ? hits.first : hits.last).map { SearchHit(record: record, codePoints: $0) }
        }
        let point = position.codePoint
        if forward {
            for record in start..<count {
                if let hit = search(record, { record != start || $0 > point }) { return hit }
            }
            guard wraps else { return nil }
            for record in 0...start {
                if let hit = search(record, { record != start || $0 <= point }) { return hit }
            }
        } else {
            for record in stride(from: start, through: 0, by: -1) {
                if let hit = search(record, { record != start || $0 < point }) { return hit }
            }
            guard wraps else { return nil }
            for record in stride(from: count - 1, through: start, by: -1) {
                if let hit = search(record, { record != start || $0 >= point }) { return hit }
            }
        }
        return nil
    }

    /// A quick look at the raw bytes: false when the record surely has no match.
    private func mayContain(record: Int) -> Bool {
        // Only for a case-sensitive literal that JSON would not escape: then the bytes must hold it.
        guard regex == nil, let range = source.byteRange(ofRecord: record), let base = source.file.bytes.baseAddress else { return true }
        if source.mode == .jsonl && !needle.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x2F }) { return true }
        return ByteSearch.find(needle, in: UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)) != nil
    }

    /// Every match in `text`, as code-point ranges.
    public func matches(in text: String) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let scalars = text.unicodeScalars
        if let regex {
            var lastIndex = text.startIndex, lastOffset = 0
            for match in text.matches(of: regex) where !match.range.isEmpty {
                let lower = lastOffset + scalars.distance(from: lastIndex, to: match.range.lowerBound)
                let upper = lower + scalars.distance(from: match.range.lowerBound, to: match.range.upperBound)
                result.append(lower..<upper)
                lastIndex = match.range.lowerBound
                lastOffset = lower
            }
            return result
        }
        let target = Array(pattern.text.unicodeScalars)
        let haystack = Array(scalars)
        guard target.count <= haystack.count else { return [] }
        var index = 0
        while index + target.count <= haystack.count {
            if haystack[index] == target[0] && Array(haystack[index..<(index + target.count)]) == target {
                result.append(index..<(index + target.count))
                index += target.count
            } else {
                index += 1
            }
        }
        return result
    }

    // MARK: Whole file

    private func findInFile(from position: TextPosition, forward: Bool, wraps: Bool) -> SearchHit? {
        let origin = source.codePoints.byteOffset(ofCodePoint: max(0, position.codePoint))
        let start = source.contentStart, end = source.file.count
        let point = position.codePoint
        if forward {
            if let hit = scanForward(from: origin, to: end, accept: { $0 > point }) { return hit }
            return wraps ? scanForward(from: start, to: min(end, origin + 1), accept: { $0 <= point }) : nil
        }
        if let hit = scanBackward(from: origin, downTo: start, accept: { $0 < point }) { return hit }
        return wraps ? scanBackward(from: end, downTo: max(start, origin), accept: { $0 >= point }) : nil
    }

    private func line(around offset: Int) -> Range<Int> {
        guard let base = source.file.bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0..<0 }
        let start = source.contentStart, end = source.file.count
        var lower = min(offset, end)
        while lower > start && base[lower - 1] != 0x0A { lower -= 1 }
        var upper = min(offset, end)
        if let newline = memchr(base + upper, 0x0A, end - upper) {
            upper = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
        } else {
            upper = end
        }
        return lower..<upper
    }

    private func matches(inLine range: Range<Int>) -> [SearchHit] {
        guard let base = source.file.bytes.baseAddress, !range.isEmpty else { return [] }
        let lineStart = source.codePoints.codePoint(ofByte: range.lowerBound)
        if regex == nil {
            // Case-sensitive literal: a byte scan, converting only the hits to code points.
            var hits: [SearchHit] = []
            var cursor = range.lowerBound
            while cursor < range.upperBound,
                  let found = ByteSearch.find(needle, in: UnsafeRawBufferPointer(start: base + cursor, count: range.upperBound - cursor)) {
                let offset = cursor + found
                let startCodePoint = source.codePoints.codePoint(ofByte: offset)
                hits.append(SearchHit(record: 0, codePoints: startCodePoint..<(startCodePoint + pattern.text.unicodeScalars.count)))
                cursor = offset + max(1, needle.count)
            }
            return hits
        }
        let text = UTF8Text.decode(source.file.bytes, range)
        return matches(in: text).map { SearchHit(record: 0, codePoints: ($0.lowerBound + lineStart)..<($0.upperBound + lineStart)) }
    }

    /// A line longer than this is searched in pieces (overlapping by `chunkOverlap`), nearest
    /// the cursor first, so a 10 MB one-line file answers at once instead of decoding it whole.
    static let chunkSize = 256 << 10
    static let chunkOverlap = 4 << 10

    /// The pieces of a line to search, in the order to search them from byte `offset`.
    private func pieces(of range: Range<Int>, from offset: Int, forward: Bool) -> [Range<Int>] {
        guard regex != nil, range.count > TextSearch.chunkSize else { return [range] }
        var result: [Range<Int>] = []
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, start + TextSearch.chunkSize + TextSearch.chunkOverlap)
            result.append(source.scalarStart(atOrBefore: start)..<source.scalarStart(atOrBefore: end))
            start += TextSearch.chunkSize
        }
        let clamped = min(max(offset, range.lowerBound), range.upperBound)
        if forward {
            return result.filter { $0.upperBound > clamped || $0 == result.last }
        }
        return result.filter { $0.lowerBound <= clamped || $0 == result.first }.reversed()
    }

    private func scanForward(from offset: Int, to end: Int, accept: (Int) -> Bool) -> SearchHit? {
        var cursor = line(around: offset).lowerBound
        var lines = 0
        while cursor < end || (cursor == end && cursor == offset) {
            lines += 1
            if lines % 1024 == 0 && stop() { return nil }
            let range = line(around: cursor)
            for piece in pieces(of: range, from: offset, forward: true) {
                if let hit = matches(inLine: piece).first(where: { accept($0.codePoints.lowerBound) }) { return hit }
            }
            guard range.upperBound < source.file.count else { break }
            cursor = range.upperBound + 1
        }
        return nil
    }

    private func scanBackward(from offset: Int, downTo start: Int, accept: (Int) -> Bool) -> SearchHit? {
        var cursor = min(offset, source.file.count)
        var lines = 0
        while cursor >= start {
            lines += 1
            if lines % 1024 == 0 && stop() { return nil }
            let range = line(around: cursor)
            for piece in pieces(of: range, from: offset, forward: false) {
                if let hit = matches(inLine: piece).last(where: { accept($0.codePoints.lowerBound) }) { return hit }
            }
            if range.lowerBound <= start { break }
            cursor = range.lowerBound - 1
        }
        return nil
    }
}

/// Finding bytes in bytes: `memchr` for the first byte, then a comparison.
enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `haystack`, if any.
    static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Int? {
        guard let first = needle.first, let base = haystack.baseAddress, needle.count <= haystack.count else { return nil }
        var offset = 0
        let last = haystack.count - needle.count
        while offset <= last {
            guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
            let position = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + position, needle, needle.count) == 0 { return position }
            offset = position + 1
        }
        return nil
    }
}
