#if canImport(Glibc)
import Glibc
#endif
import LabelCore
import Synchronization

/// Converts between code-point offsets (what sidecars store) and byte offsets in a big UTF-8
/// file without scanning from the start: the code-point count is kept at a boundary every
/// 64 KiB, so a conversion reads at most one chunk. Invalid bytes count as Python counts
/// them (one code point per maximal invalid subsequence). Grows lazily or in the background.
public final class CodePointIndex: Sendable {
    /// Bytes per chunk.
    public static let chunkSize = 1 << 16

    private struct State {
        /// Byte offset of each chunk boundary (always on a character start).
        var boundaries: [Int]
        /// Code points before each boundary.
        var counts: [Int]
        /// Whether each finished chunk is valid UTF-8 (so walking it may skip continuation bytes).
        var valid: [Bool] = []
        var complete = false
    }

    private let base: BytePointer
    private let start: Int
    private let end: Int
    private let state: Mutex<State>

    /// An index over `bytes[start...]` (the bytes must outlive the index).
    public init(bytes: UnsafeRawBufferPointer, start: Int = 0) {
        base = BytePointer(bytes.baseAddress)
        self.start = start
        end = bytes.count
        state = Mutex(State(boundaries: [start], counts: [0], complete: start >= bytes.count))
    }

    /// Whether every chunk has been counted.
    public var isComplete: Bool { state.withLock { $0.complete } }

    /// Bytes counted so far.
    public var indexedBytes: Int { state.withLock { ($0.boundaries.last ?? start) - start } }

    /// The number of code points in the whole text (indexes everything not yet indexed).
    public var totalCodePoints: Int {
        state.withLock { state in
            while !state.complete { step(&state) }
            return state.counts.last ?? 0
        }
    }

    /// Counts about `bytes` more bytes; returns whether the index is complete.
    @discardableResult
    public func extend(byBytes bytes: Int) -> Bool {
        state.withLock { state in
            var budget = bytes
            while !state.complete && budget > 0 {
                step(&state)
                budget -= CodePointIndex.chunkSize
            }
            return state.complete
        }
    }

    /// The code-point offset of byte `offset` (code points starting before it).
    public func codePoint(ofByte offset: Int) -> Int {
        let target = min(max(offset, start), end)
        let (boundary, count) = state.withLock { state -> (Int, Int) in
            while !state.complete && (state.boundaries.last ?? start) < target { step(&state) }
            let chunk = lastBoundary(atOrBefore: target, in: state.boundaries)
            return (state.boundaries[chunk], state.counts[chunk])
        }
        return count + countCodePoints(boundary..<target)
    }

    /// The byte offset where code point `offset` starts (the end of the text past the end).
    public func byteOffset(ofCodePoint offset: Int) -> Int {
        let (boundary, count, valid) = state.withLock { state -> (Int, Int, Bool) in
            while !state.complete && (state.counts.last ?? 0) <= offset { step(&state) }
            var low = 0, high = state.counts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if state.counts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            return (state.boundaries[low], state.counts[low], low < state.valid.count ? state.valid[low] : false)
        }
        return walk(from: boundary, codePoints: offset - count, knownValid: valid)
    }

    private func lastBoundary(atOrBefore offset: Int, in boundaries: [Int]) -> Int {
        var low = 0, high = boundaries.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if boundaries[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    private func step(_ state: inout State) {
        guard let pointer = base.pointer, let from = state.boundaries.last, from < end else {
            state.complete = true
            return
        }
        var to = min(end, from + CodePointIndex.chunkSize)
        // Move the boundary to a character start (at most three continuation bytes on).
        var moved = 0
        while to < end && moved < 4 && pointer[to] & 0xC0 == 0x80 { to += 1; moved += 1 }
        let chunk = UnsafeBufferPointer(start: pointer + from, count: to - from)
        let isValid = UTF8Validation.firstInvalidOffset(in: chunk) == nil
        let count = isValid ? CodePointIndex.leadBytes(chunk) : countCodePoints(from..<to)
        state.valid.append(isValid)
        state.boundaries.append(to)
        state.counts.append((state.counts.last ?? 0) + count)
        if to >= end { state.complete = true }
    }

    /// Code points in `range`, invalid bytes counted as maximal subsequences.
    func countCodePoints(_ range: Range<Int>) -> Int {
        guard let pointer = base.pointer, !range.isEmpty else { return 0 }
        let bytes = UnsafeBufferPointer(start: pointer + range.lowerBound, count: range.count)
        var total = 0
        for piece in UTF8Pieces(bytes) {
            switch piece {
            case .valid(let valid): total += CodePointIndex.leadBytes(UnsafeBufferPointer(rebasing: bytes[valid]))
            case .invalid: total += 1
            }
        }
        return total
    }

    /// The length of the UTF-8 sequence a lead byte announces (1 for anything else).
    static func sequenceLength(_ lead: UInt8) -> Int {
        if lead < 0xC0 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }

    /// Bytes that start a character in valid UTF-8: all but continuation bytes, eight at a time.
    static func leadBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0, index = 0
        let raw = UnsafeRawPointer(base)
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // A byte starts a character unless it is 10xxxxxx: bit 7 clear, or bit 6 set.
            count += ((~word | (word << 1)) & 0x8080_8080_8080_8080).nonzeroBitCount
            index += 8
        }
        while index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    private func walk(from boundary: Int, codePoints: Int, knownValid: Bool) -> Int {
        guard let pointer = base.pointer else { return boundary }
        var position = boundary, remaining = codePoints
        if knownValid {
            while remaining > 0 && position < end {
                position += 1
                while position < end && pointer[position] & 0xC0 == 0x80 { position += 1 }
                remaining -= 1
            }
            return position
        }
        while remaining > 0 && position < end {
            let rest = UnsafeBufferPointer(start: pointer + position, count: min(4, end - position))
            let length = CodePointIndex.sequenceLength(rest[0])
            if length <= rest.count, UTF8Validation.firstInvalidOffset(in: UnsafeBufferPointer(rebasing: rest.prefix(length))) == nil {
                position += length
            } else {
                position += UTF8Validation.maximalInvalidLength(in: rest)
            }
            remaining -= 1
        }
        return min(position, end)
    }
}
