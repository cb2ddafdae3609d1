import LabelCore

/// Writes summaries as bytes: whole numbers as LEB128 varints, decimals as their 8 bytes,
/// strings as positions in a table written once (labels and names repeat in every file).
public struct SummaryWriter {
    public private(set) var bytes: [UInt8] = []
    public private(set) var strings: [String] = []
    private var stringIndex: [String: Int] = [:]

    /// An empty writer.
    public init() {}

    /// Appends a whole number that is not negative.
    public mutating func write(_ value: Int) { writeVarint(UInt64(max(0, value))) }

    /// Appends a whole number of either sign (zigzag).
    public mutating func writeSigned(_ value: Int) {
        writeVarint((UInt64(bitPattern: Int64(value)) << 1) ^ UInt64(bitPattern: Int64(value) >> 63))
    }

    private mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Appends a decimal exactly.
    public mutating func write(_ value: Double) {
        let pattern = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: pattern >> UInt64(shift))) }
    }

    /// Appends a string as its place in the table.
    public mutating func write(_ value: String) {
        if let index = stringIndex[value] {
            write(index)
            return
        }
        stringIndex[value] = strings.count
        write(strings.count)
        strings.append(value)
    }

    /// Appends an optional string (0 for none).
    public mutating func write(optional value: String?) {
        guard let value else { return write(0) }
        write(1)
        write(value)
    }

    /// Appends a string's own bytes, not through the table.
    public mutating func writeRaw(_ value: String) {
        write(value.utf8.count)
        bytes += value.utf8
    }

    /// Appends other bytes.
    public mutating func append(_ other: [UInt8]) { bytes += other }

    /// Appends what `body` writes, preceded by its length in bytes (so a reader can step over it).
    public mutating func writeLengthPrefixed(_ body: (inout SummaryWriter) -> Void) {
        let start = bytes.count
        body(&self)
        let written = Array(bytes[start...])
        bytes.removeSubrange(start...)
        write(written.count)
        bytes += written
    }
}

/// Reads what `SummaryWriter` wrote; every read checks the bounds, so damaged bytes give an
/// error, never a crash.
public struct SummaryReader {
    /// Why the bytes could not be read.
    public struct Damaged: Error {}

    private let bytes: [UInt8]
    public private(set) var offset: Int
    /// The string table, once read.
    public var strings: [String] = []

    /// A reader of `bytes` from `offset`.
    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset == bytes.count }

    /// A whole number that is not negative.
    public mutating func readInt() throws(Damaged) -> Int {
        let value = try readVarint()
        guard value <= UInt64(Int.max) else { throw Damaged() }
        return Int(value)
    }

    private mutating func readVarint() throws(Damaged) -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Damaged() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// A count of things each taking at least one byte: never more than the bytes left, so a
    /// damaged count cannot ask for a huge array.
    public mutating func readCount() throws(Damaged) -> Int {
        let count = try readInt()
        guard count <= bytes.count - offset else { throw Damaged() }
        return count
    }

    /// A whole number of either sign.
    public mutating func readSigned() throws(Damaged) -> Int {
        let value = try readVarint()
        return Int(Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1))))
    }

    /// A decimal.
    public mutating func readDouble() throws(Damaged) -> Double {
        guard offset + 8 <= bytes.count else { throw Damaged() }
        var pattern: UInt64 = 0
        for shift in 0..<8 { pattern |= UInt64(bytes[offset + shift]) << UInt64(shift * 8) }
        offset += 8
        return Double(bitPattern: pattern)
    }

    /// A string from the table.
    public mutating func readString() throws(Damaged) -> String {
        let index = try readInt()
        guard index < strings.count else { throw Damaged() }
        return strings[index]
    }

    /// An optional string.
    public mutating func readOptionalString() throws(Damaged) -> String? {
        try readInt() == 0 ? nil : try readString()
    }

    /// Steps over `count` bytes.
    public mutating func skip(_ count: Int) throws(Damaged) {
        guard count >= 0, count <= bytes.count - offset else { throw Damaged() }
        offset += count
    }

    /// A string written with its own bytes.
    public mutating func readRawString() throws(Damaged) -> String {
        let count = try readCount()
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }
}

extension FileSummary {
    /// Writes the summary (items in record order, ratings in name order: equal summaries give
    /// equal bytes).
    public func write(to writer: inout SummaryWriter) {
        writer.write(items.count)
        for (record, item) in items.sorted(by: { ($0.key ?? -1) < ($1.key ?? -1) }) {
            writer.write(record.map { $0 + 1 } ?? 0)
            writer.write(item.accepted.count)
            for annotation in item.accepted {
                writer.write(annotation.type)
                writer.write(annotation.label)
                writer.write(optional: annotation.author)
            }
            writer.write(item.suggestions)
            writer.write(item.marks.count)
            for mark in item.marks {
                writer.write(mark.state.rawValue)
                writer.write(optional: mark.author)
            }
            writer.write(item.ratings.count)
            for (author, rating) in item.ratings.sorted(by: { $0.key < $1.key }) {
                writer.write(author)
                rating.write(to: &writer)
            }
        }
    }

    /// Reads a summary `write` wrote.
    public init(from reader: inout SummaryReader) throws(SummaryReader.Damaged) {
        items = [:]
        for _ in 0..<(try reader.readCount()) {
            let code = try reader.readInt()
            var item = ItemSummary()
            for _ in 0..<(try reader.readCount()) {
                item.accepted.append(ItemSummary.Counted(type: try reader.readString(), label: try reader.readString(), author: try reader.readOptionalString()))
            }
            item.suggestions = try reader.readInt()
            for _ in 0..<(try reader.readCount()) {
                item.marks.append(ItemSummary.MarkEntry(state: MarkState(rawValue: try reader.readString()), author: try reader.readOptionalString()))
            }
            for _ in 0..<(try reader.readCount()) {
                let author = try reader.readString()
                item.ratings[author] = try ItemRating(from: &reader)
            }
            items[code == 0 ? nil : code - 1] = item
        }
    }
}

extension ItemRating {
    func write(to writer: inout SummaryWriter) {
        writer.write(classes.count)
        for name in classes { writer.write(name) }
        writer.write(spans.count)
        for span in spans {
            writer.write(span.start)
            writer.write(span.end)
            writer.write(span.text)
        }
        writer.write(spanLabels.count)
        for name in spanLabels { writer.write(name) }
        writer.write(boxes.count)
        for box in boxes {
            for value in [box.x, box.y, box.width, box.height] { writer.write(value) }
        }
        writer.write(boxLabels.count)
        for name in boxLabels { writer.write(name) }
        writer.write(shapes.count)
        for shape in shapes {
            writer.write(shape.label)
            switch shape.outline {
            case .pixels(let runs):
                writer.write(0)
                writer.write(runs.count)
                for run in runs { writer.write(run) }
            case .points(let set):
                writer.write(1)
                writer.write(set.skeleton)
                writer.write(set.points.count)
                for point in set.points {
                    writer.write(point.x)
                    writer.write(point.y)
                    writer.write(point.visibility.rawValue)
                }
            }
        }
        writer.write(done ? 1 : 0)
    }

    init(from reader: inout SummaryReader) throws(SummaryReader.Damaged) {
        self.init()
        for _ in 0..<(try reader.readCount()) { classes.append(try reader.readString()) }
        for _ in 0..<(try reader.readCount()) {
            spans.append(SpanRange(start: try reader.readInt(), end: try reader.readInt(), text: try reader.readString()))
        }
        for _ in 0..<(try reader.readCount()) { spanLabels.append(try reader.readString()) }
        for _ in 0..<(try reader.readCount()) {
            boxes.append(ExactBox(x: try reader.readDouble(), y: try reader.readDouble(), width: try reader.readDouble(), height: try reader.readDouble()))
        }
        for _ in 0..<(try reader.readCount()) { boxLabels.append(try reader.readString()) }
        for _ in 0..<(try reader.readCount()) {
            let label = try reader.readString()
            switch try reader.readInt() {
            case 0:
                var runs: [Int] = []
                for _ in 0..<(try reader.readCount()) { runs.append(try reader.readInt()) }
                shapes.append(RatedShape(outline: .pixels(runs: runs), label: label))
            case 1:
                let skeleton = try reader.readString()
                var points: [Keypoint] = []
                for _ in 0..<(try reader.readCount()) {
                    let x = try reader.readDouble(), y = try reader.readDouble()
                    guard let visibility = Keypoint.Visibility(rawValue: try reader.readInt()) else { throw SummaryReader.Damaged() }
                    points.append(Keypoint(x: x, y: y, visibility: visibility))
                }
                shapes.append(RatedShape(outline: .points(KeypointSet(skeleton: skeleton, points: points)), label: label))
            default:
                throw SummaryReader.Damaged()
            }
        }
        done = try reader.readInt() == 1
    }
}
