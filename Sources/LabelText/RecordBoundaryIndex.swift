#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// How records are delimited in a byte stream.
public enum RecordBoundaries: Sendable {
    /// One record per line (`\n`; a `\r` before it is not part of the record).
    case lines
    /// One record per run of non-blank lines; blank (whitespace-only) lines separate them.
    case paragraphs
}

/// A sparse, lazily grown index of where records start: every `stride`-th start is kept, so a
/// 10-million-line file needs about a megabyte of index. Finding record N reads at most
/// `stride` records forward from the nearest kept start. Safe to use from several threads; one
/// of them may grow the index in the background while others read.
public final class RecordBoundaryIndex: Sendable {
    /// How many records lie between two kept starts.
    public static let stride = 32

    private struct State {
        var samples: [Int] = []
        var found = 0
        var position: Int
        var inParagraph = false
        var complete = false
    }

    private let base: BytePointer
    private let start: Int
    private let end: Int
    private let boundaries: RecordBoundaries
    private let state: Mutex<State>

    /// An index over `bytes[start..<end]` of the file (the bytes must outlive the index).
    public init(bytes: UnsafeRawBufferPointer, start: Int, boundaries: RecordBoundaries) {
        base = BytePointer(bytes.baseAddress)
        self.start = start
        end = bytes.count
        self.boundaries = boundaries
        state = Mutex(State(position: start))
    }

    /// The number of records, indexing the whole file if that has not happened yet.
    public var count: Int {
        state.withLock { state in
            while !state.complete { scan(&state, budget: .max) }
            return state.found
        }
    }

    /// Records found so far and whether that is all of them.
    public var progress: (found: Int, complete: Bool) {
        state.withLock { ($0.found, $0.complete) }
    }

    /// Grows the index by scanning about `bytes` more bytes; returns whether it is complete.
    @discardableResult
    public func extend(byBytes bytes: Int) -> Bool {
        state.withLock { state in
            if !state.complete { scan(&state, budget: bytes) }
            return state.complete
        }
    }

    /// The byte range of record `n` (for lines without the terminator), or nil past the end.
    public func range(ofRecord n: Int) -> Range<Int>? {
        guard n >= 0 else { return nil }
        let sampleStart: Int? = state.withLock { state in
            while state.found <= n && !state.complete { scan(&state, budget: 1 << 22) }
            guard n < state.found else { return nil }
            return state.samples[n / RecordBoundaryIndex.stride]
        }
        guard var position = sampleStart, let base = base.pointer else { return nil }
        for _ in 0..<(n % RecordBoundaryIndex.stride) {
            position = nextRecordStart(after: position, base: base)
        }
        return position..<recordEnd(from: position, base: base)
    }

    /// The record holding byte `offset` (or the last one before it, for separators), if any.
    public func record(containingByte offset: Int) -> Int? {
        let located: (sample: Int, start: Int)? = state.withLock { state in
            while !state.complete && state.position <= offset { scan(&state, budget: 1 << 22) }
            guard state.found > 0 else { return nil }
            // Binary search for the last kept start at or before `offset`.
            var low = 0, high = state.samples.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if state.samples[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            return (low, state.samples[low])
        }
        guard let located, let base = base.pointer, offset >= located.start else { return located == nil ? nil : 0 }
        var record = located.sample * RecordBoundaryIndex.stride
        var position = located.start
        let total = state.withLock { $0.complete ? $0.found : Int.max }
        while record + 1 < total {
            let next = nextRecordStart(after: position, base: base)
            if next > offset || next >= end { break }
            position = next
            record += 1
        }
        return record
    }

    // MARK: - Scanning

    private func scan(_ state: inout State, budget: Int) {
        guard let base = base.pointer else {
            state.complete = true
            return
        }
        let stop = budget == .max ? end : min(end, state.position + budget)
        switch boundaries {
        case .lines:
            var position = state.position
            var found = state.found
            while position < stop {
                if found % RecordBoundaryIndex.stride == 0 { state.samples.append(position) }
                found += 1
                if let newline = memchr(base + position, 0x0A, end - position) {
                    position = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                } else {
                    position = end
                }
            }
            state.position = position
            state.found = found
        case .paragraphs:
            var position = state.position
            while position < stop {
                let lineEnd = lineEnd(from: position, base: base)
                let blank = isBlank(position..<lineEnd, base: base)
                if !blank && !state.inParagraph {
                    if state.found % RecordBoundaryIndex.stride == 0 { state.samples.append(position) }
                    state.found += 1
                }
                state.inParagraph = !blank
                position = min(lineEnd + 1, end)
            }
            state.position = position
        }
        if state.position >= end { state.complete = true }
    }

    /// The offset of the `\n` ending the line that starts at `position`, or `end`.
    private func lineEnd(from position: Int, base: UnsafePointer<UInt8>) -> Int {
        guard position < end, let newline = memchr(base + position, 0x0A, end - position) else { return end }
        return base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
    }

    private func isBlank(_ range: Range<Int>, base: UnsafePointer<UInt8>) -> Bool {
        for index in range {
            let byte = base[index]
            if byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0B && byte != 0x0C { return false }
        }
        return true
    }

    private func nextRecordStart(after position: Int, base: UnsafePointer<UInt8>) -> Int {
        switch boundaries {
        case .lines:
            return min(lineEnd(from: position, base: base) + 1, end)
        case .paragraphs:
            var cursor = position
            // Skip the paragraph's lines, then the blank lines after it.
            while cursor < end {
                let lineEnd = lineEnd(from: cursor, base: base)
                if isBlank(cursor..<lineEnd, base: base) { break }
                cursor = lineEnd + 1
            }
            while cursor < end {
                let lineEnd = lineEnd(from: cursor, base: base)
                if !isBlank(cursor..<lineEnd, base: base) { return cursor }
                cursor = lineEnd + 1
            }
            return end
        }
    }

    private func recordEnd(from position: Int, base: UnsafePointer<UInt8>) -> Int {
        var last: Int
        switch boundaries {
        case .lines:
            last = lineEnd(from: position, base: base)
        case .paragraphs:
            var cursor = position
            last = position
            while cursor < end {
                let lineEnd = lineEnd(from: cursor, base: base)
                if isBlank(cursor..<lineEnd, base: base) { break }
                last = lineEnd
                cursor = lineEnd + 1
            }
        }
        if last > position && base[last - 1] == 0x0D { last -= 1 }
        return last
    }
}

/// A pointer to immutable mapped bytes, shareable across threads.
struct BytePointer: @unchecked Sendable {
    let pointer: UnsafePointer<UInt8>?

    init(_ raw: UnsafeRawPointer?) {
        pointer = raw?.assumingMemoryBound(to: UInt8.self)
    }
}
