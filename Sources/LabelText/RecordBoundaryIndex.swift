#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
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

    /// Kept starts of a run of records: `samples[k]` is where record `firstRecord + k * stride`
    /// starts. A sequential scan makes one segment; a concurrent build one per piece of the file.
    private struct Segment {
        var firstRecord: Int
        var samples: [Int] = []
    }

    private struct State {
        var segments = [Segment(firstRecord: 0)]
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
        let located: (start: Int, skip: Int)? = state.withLock { state in
            while state.found <= n && !state.complete { scan(&state, budget: 1 << 22) }
            guard n < state.found else { return nil }
            let segment = state.segments[RecordBoundaryIndex.segmentIndex(state.segments, holdingRecord: n)]
            let local = n - segment.firstRecord
            return (segment.samples[local / RecordBoundaryIndex.stride], local % RecordBoundaryIndex.stride)
        }
        guard let located, let base = base.pointer else { return nil }
        var position = located.start
        for _ in 0..<located.skip {
            position = nextRecordStart(after: position, base: base)
        }
        return position..<recordEnd(from: position, base: base)
    }

    /// The record holding byte `offset` (or the last one before it, for separators), if any.
    public func record(containingByte offset: Int) -> Int? {
        let located: (record: Int, start: Int, total: Int)? = state.withLock { state in
            while !state.complete && state.position <= offset { scan(&state, budget: 1 << 22) }
            guard state.found > 0 else { return nil }
            // The last kept start at or before `offset`, over all segments.
            var best: (record: Int, start: Int)?
            for segment in state.segments {
                guard let first = segment.samples.first, first <= offset else { break }
                var low = 0, high = segment.samples.count - 1
                while low < high {
                    let middle = (low + high + 1) / 2
                    if segment.samples[middle] <= offset { low = middle } else { high = middle - 1 }
                }
                best = (segment.firstRecord + low * RecordBoundaryIndex.stride, segment.samples[low])
            }
            return best.map { ($0.record, $0.start, state.complete ? state.found : Int.max) }
        }
        guard let located, let base = base.pointer else { return nil }
        var record = located.record, position = located.start
        while record + 1 < located.total {
            let next = nextRecordStart(after: position, base: base)
            if next > offset || next >= end { break }
            position = next
            record += 1
        }
        return record
    }

    /// Indexes the rest of the file using every core: the remaining bytes are cut into pieces
    /// at line starts, each piece is scanned on its own, and the pieces become segments.
    /// Paragraph indexes (whose records may span a cut) are built in one pass instead.
    public func buildConcurrently() {
        guard boundaries == .lines, let base = base.pointer else {
            _ = count
            return
        }
        state.withLock { state in
            guard !state.complete else { return }
            let from = state.position
            let pieces = max(1, min(8, ProcessInfo.activeProcessors))
            var cuts = [from]
            for piece in 1..<pieces {
                let nominal = from + (end - from) * piece / pieces
                guard nominal > (cuts.last ?? from) else { continue }
                let cut = nominal < end ? (memchr(base + nominal, 0x0A, end - nominal).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) + 1 } ?? end) : end
                if cut < end && cut > (cuts.last ?? from) { cuts.append(cut) }
            }
            cuts.append(end)
            let results = ResultBox(count: cuts.count - 1)
            let pointer = BytePointer(UnsafeRawPointer(base)), limits = cuts, end = self.end
            DispatchQueue.concurrentPerform(iterations: limits.count - 1) { piece in
                guard let base = pointer.pointer else { return }
                results.store(piece, RecordBoundaryIndex.scanLines(base: base, from: limits[piece], to: limits[piece + 1], end: end))
            }
            var found = state.found
            // The current segment goes on with the first piece if it is at a kept start.
            for (piece, result) in results.values.enumerated() {
                guard result.count > 0 else { continue }
                if piece == 0, var last = state.segments.last, (found - last.firstRecord) % RecordBoundaryIndex.stride == 0 {
                    last.samples += result.samples
                    state.segments[state.segments.count - 1] = last
                } else {
                    state.segments.append(Segment(firstRecord: found, samples: result.samples))
                }
                found += result.count
            }
            state.found = found
            state.position = end
            state.complete = true
        }
    }

    /// Lines starting in `from..<to`: how many, and where every `stride`-th one starts.
    private static func scanLines(base: UnsafePointer<UInt8>, from: Int, to: Int, end: Int) -> (count: Int, samples: [Int]) {
        var samples: [Int] = []
        samples.reserveCapacity((to - from) / (stride * 32) + 1)
        var position = from, count = 0
        while position < to {
            if count % stride == 0 { samples.append(position) }
            count += 1
            if let newline = memchr(base + position, 0x0A, end - position) {
                position = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
            } else {
                position = end
            }
        }
        return (count, samples)
    }

    private static func segmentIndex(_ segments: [Segment], holdingRecord record: Int) -> Int {
        var low = 0, high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].firstRecord <= record { low = middle } else { high = middle - 1 }
        }
        return low
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
            let segmentStart = state.segments[state.segments.count - 1].firstRecord
            while position < stop {
                if (found - segmentStart) % RecordBoundaryIndex.stride == 0 { state.segments[state.segments.count - 1].samples.append(position) }
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
                    if state.found % RecordBoundaryIndex.stride == 0 { state.segments[0].samples.append(position) }
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

/// Results written by concurrent workers, one slot each.
private final class ResultBox: @unchecked Sendable {
    // Each worker writes only its own slot, and readers wait for all workers to finish.
    var values: [(count: Int, samples: [Int])]

    init(count: Int) { values = Array(repeating: (0, []), count: count) }

    func store(_ index: Int, _ value: (count: Int, samples: [Int])) { values[index] = value }
}

/// How many processors may run work at once.
enum ProcessInfo {
    static var activeProcessors: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
