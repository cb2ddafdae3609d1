import LabelCore

/// One thing drawn in the text view: a grapheme cluster, a placeholder for something unsafe
/// or invalid, a tab, or a line break; with the code points of the item it stands for.
public struct Glyph: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Text shown as it is.
        case text
        /// A visible stand-in for a control, format character or invalid bytes.
        case placeholder
        /// A tab, drawn as spaces to the next tab stop.
        case tab
        /// A line break (`\n` or `\r\n`): ends the display line, draws nothing.
        case lineBreak
    }

    /// What is drawn (for tabs, the spaces; for line breaks, nothing).
    public var text: String
    /// Cells taken.
    public var width: Int
    /// The item-relative code-point offset of the first code point it stands for.
    public var codePoint: Int
    /// How many code points it stands for.
    public var codePointCount: Int
    public var kind: Kind

    /// A glyph with the given fields.
    public init(text: String, width: Int, codePoint: Int, codePointCount: Int, kind: Kind) {
        self.text = text
        self.width = width
        self.codePoint = codePoint
        self.codePointCount = codePointCount
        self.kind = kind
    }

    /// The code points it stands for.
    public var codePoints: Range<Int> { codePoint..<(codePoint + codePointCount) }
}

/// Turns text into glyphs: grapheme clusters with their widths, unsafe code points split out
/// as placeholders, invalid UTF-8 shown byte by byte.
public enum GlyphMaker {
    /// The glyphs of `text`, whose first code point is item offset `start`.
    public static func glyphs(of text: String, startingAt start: Int = 0) -> [Glyph] {
        var result: [Glyph] = []
        result.reserveCapacity(text.utf8.count)
        append(text, startingAt: start, to: &result)
        return result
    }

    /// The glyphs of UTF-8 bytes (perhaps invalid), whose first code point is item offset
    /// `start`. Each maximal invalid byte sequence is one code point (as U+FFFD in Python).
    public static func glyphs(ofBytes bytes: UnsafeBufferPointer<UInt8>, startingAt start: Int = 0) -> [Glyph] {
        var result: [Glyph] = []
        result.reserveCapacity(bytes.count)
        var codePoint = start
        for piece in UTF8Pieces(bytes) {
            switch piece {
            case .valid(let range):
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                codePoint = append(text, startingAt: codePoint, to: &result)
            case .invalid(let range):
                let shown = InertText.placeholder(forInvalidBytes: bytes[range])
                result.append(Glyph(text: shown, width: shown.count, codePoint: codePoint, codePointCount: 1, kind: .placeholder))
                codePoint += 1
            }
        }
        return result
    }

    /// Appends the glyphs of `text` and returns the code point after it. Between two ASCII
    /// bytes (but for CR LF) there is always a grapheme boundary, so ASCII runs are read byte
    /// by byte and only the stretches around other characters go through grapheme breaking
    /// (which is most of the time spent on mostly-ASCII text).
    @discardableResult
    static func append(_ text: String, startingAt start: Int, to result: inout [Glyph]) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var codePoint = start
            var index = 0
            while index < bytes.count {
                if let byte = loneASCII(bytes, index) {
                    appendASCII(byte, at: codePoint, to: &result)
                    codePoint += 1
                    index += 1
                    continue
                }
                // The stretch ends before a lone ASCII character that follows ASCII (not CR LF).
                var end = index + 1
                while end < bytes.count && !(bytes[end - 1] < 0x80 && bytes[end - 1] != 0x0D && loneASCII(bytes, end) != nil) { end += 1 }
                let stretch = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
                codePoint = appendClusters(stretch, startingAt: codePoint, to: &result)
                index = end
            }
            return codePoint
        }
    }

    /// The byte at `index` if it is an ASCII character that is a grapheme cluster of its own
    /// (given a boundary before it): followed by ASCII or the end, and not CR before LF.
    static func loneASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt8? {
        let byte = bytes[index]
        guard byte < 0x80 else { return nil }
        guard index + 1 < bytes.count else { return byte }
        let next = bytes[index + 1]
        return next < 0x80 && !(byte == 0x0D && next == 0x0A) ? byte : nil
    }

    /// Appends the glyph of one ASCII character.
    static func appendASCII(_ byte: UInt8, at codePoint: Int, to result: inout [Glyph]) {
        let scalar = Unicode.Scalar(byte)
        switch byte {
        case 0x0A: result.append(Glyph(text: "", width: 0, codePoint: codePoint, codePointCount: 1, kind: .lineBreak))
        case 0x09: result.append(Glyph(text: " ", width: 1, codePoint: codePoint, codePointCount: 1, kind: .tab))
        case 0x20..<0x7F: result.append(Glyph(text: String(Character(scalar)), width: 1, codePoint: codePoint, codePointCount: 1, kind: .text))
        default:
            let shown = InertText.placeholder(for: scalar) ?? "?"
            result.append(Glyph(text: shown, width: shown.count, codePoint: codePoint, codePointCount: 1, kind: .placeholder))
        }
    }

    /// Appends the glyphs of `text` cluster by cluster and returns the code point after it.
    static func appendClusters(_ text: String, startingAt start: Int, to result: inout [Glyph]) -> Int {
        var codePoint = start
        for character in text {
            let scalars = character.unicodeScalars
            let count = scalars.count
            if let ascii = character.asciiValue {
                switch ascii {
                case 0x0A:  // "\n", and "\r\n" (one grapheme cluster)
                    result.append(Glyph(text: "", width: 0, codePoint: codePoint, codePointCount: count, kind: .lineBreak))
                case 0x09:
                    result.append(Glyph(text: " ", width: 1, codePoint: codePoint, codePointCount: 1, kind: .tab))
                case 0x20..<0x7F:
                    result.append(Glyph(text: String(character), width: 1, codePoint: codePoint, codePointCount: 1, kind: .text))
                default:
                    appendScalars(scalars, startingAt: codePoint, to: &result)
                }
                codePoint += count
                continue
            }
            guard let first = scalars.first else { continue }
            let safe = scalars.allSatisfy { scalar in
                InertText.placeholder(for: scalar) == nil || (scalar != first && InertText.allowedInEmojiSequence(scalar, clusterStart: first))
            }
            if safe {
                result.append(Glyph(text: String(character), width: CharacterWidth.of(character), codePoint: codePoint,
                                    codePointCount: count, kind: .text))
            } else {
                appendScalars(scalars, startingAt: codePoint, to: &result)
            }
            codePoint += count
        }
        return codePoint
    }

    /// A cluster with something unsafe in it: safe runs stay together, each unsafe code point
    /// becomes its own placeholder glyph.
    static func appendScalars(_ scalars: Character.UnicodeScalarView, startingAt start: Int, to result: inout [Glyph]) {
        var run = "", runStart = start, runCount = 0
        func flush() {
            guard runCount > 0 else { return }
            var shown = run
            // A mark with nothing to sit on is drawn over a space.
            if let first = shown.unicodeScalars.first, CharacterWidth.of(first) == 0 { shown = " " + shown }
            let width = shown.reduce(0) { $0 + CharacterWidth.of($1) }
            result.append(Glyph(text: shown, width: max(1, width), codePoint: runStart, codePointCount: runCount, kind: .text))
            run = ""
            runCount = 0
        }
        var codePoint = start
        for scalar in scalars {
            if scalar == "\n" {
                flush()
                result.append(Glyph(text: "", width: 0, codePoint: codePoint, codePointCount: 1, kind: .lineBreak))
            } else if scalar == "\t" {
                flush()
                result.append(Glyph(text: " ", width: 1, codePoint: codePoint, codePointCount: 1, kind: .tab))
            } else if let shown = InertText.placeholder(for: scalar) {
                flush()
                result.append(Glyph(text: shown, width: shown.count, codePoint: codePoint, codePointCount: 1, kind: .placeholder))
            } else {
                if runCount == 0 { runStart = codePoint }
                run.unicodeScalars.append(scalar)
                runCount += 1
            }
            codePoint += 1
        }
        flush()
    }
}

/// Splits bytes into runs of valid UTF-8 and maximal invalid subsequences.
public struct UTF8Pieces: Sequence, IteratorProtocol {
    public enum Piece: Equatable {
        case valid(Range<Int>)
        case invalid(Range<Int>)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    /// Pieces of `bytes`.
    public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    public mutating func next() -> Piece? {
        guard index < bytes.count else { return nil }
        let start = index
        let rest = UnsafeBufferPointer(rebasing: bytes[index...])
        guard let bad = UTF8Validation.firstInvalidOffset(in: rest) else {
            index = bytes.count
            return .valid(start..<bytes.count)
        }
        if bad > 0 {
            index = start + bad
            return .valid(start..<index)
        }
        index = start + UTF8Validation.maximalInvalidLength(in: rest)
        return .invalid(start..<index)
    }
}
