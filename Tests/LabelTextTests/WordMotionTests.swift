import LabelText
import Testing

/// Motions as Helix tests them: text with the cursor marked `|`, the keys, the expected cursor.
@Suite struct WordMotionTests {
    /// Runs a motion on `marked` (cursor before `|`) and returns the text with the new cursor.
    func move(_ marked: String, _ motion: (_ units: [TextUnit], _ index: Int) -> Int) -> String {
        let cursorOffset = marked.unicodeScalars.firstIndex(of: "|").map { marked.unicodeScalars.distance(from: marked.unicodeScalars.startIndex, to: $0) } ?? 0
        var text = marked
        text.unicodeScalars.removeAll { $0 == "|" }
        let units = TextUnit.units(of: text)
        let index = WordMotion.unitIndex(units, ofCodePoint: cursorOffset)
        let target = units.isEmpty ? 0 : units[motion(units, index)].codePoint
        var scalars = Array(text.unicodeScalars)
        scalars.insert("|", at: target)
        return String(String.UnicodeScalarView(scalars))
    }

    @Test func wordForward() {
        let w = { (units: [TextUnit], index: Int) in WordMotion.nextWordStart(units, from: index, kind: .word) }
        #expect(move("|foo bar", w) == "foo |bar")
        #expect(move("|foo.bar", w) == "foo|.bar")
        #expect(move("foo|.bar", w) == "foo.|bar")
        #expect(move("|foo   \n  bar", w) == "foo   \n  |bar")
        #expect(move("|foo\n\nbar", w) == "foo\n|\nbar")
        #expect(move("|东京タワーへ", w) == "东京|タワーへ")
        #expect(move("|naïve café", w) == "naïve |café")
        #expect(move("|a😀b", w) == "a|😀b")
        #expect(move("fo|o", w) == "fo|o", "the last word stays at the last character")
    }

    @Test func bigWordAndCounts() {
        #expect(move("|foo.bar baz", { WordMotion.nextWordStart($0, from: $1, kind: .bigWord) }) == "foo.bar |baz")
        #expect(move("|a b c d e", { WordMotion.nextWordStart($0, from: $1, kind: .word, count: 3) }) == "a b c |d e")
        #expect(move("a b c |d e", { WordMotion.previousWordStart($0, from: $1, kind: .word, count: 2) }) == "a |b c d e")
    }

    @Test func wordEndAndBack() {
        let e = { (units: [TextUnit], index: Int) in WordMotion.nextWordEnd(units, from: index, kind: .word) }
        #expect(move("|foo bar", e) == "fo|o bar")
        #expect(move("fo|o bar", e) == "foo ba|r")
        #expect(move("|foo.bar", e) == "fo|o.bar")
        #expect(move("|e\u{301}te\u{301} x", e) == "e\u{301}t|e\u{301} x")
        let b = { (units: [TextUnit], index: Int) in WordMotion.previousWordStart(units, from: index, kind: .word) }
        #expect(move("foo ba|r", b) == "foo |bar")
        #expect(move("foo |bar", b) == "|foo bar")
        #expect(move("foo.|bar", b) == "foo|.bar")
        #expect(move("|foo", b) == "|foo")
        #expect(move("foo.bar |x", { WordMotion.previousWordStart($0, from: $1, kind: .bigWord) }) == "|foo.bar x")
    }

    @Test func lineStartAndEnd() {
        #expect(move("one\ntw|o three\nfour", { WordMotion.lineStart($0, from: $1) }) == "one\n|two three\nfour")
        #expect(move("one\ntw|o three\nfour", { WordMotion.lineEnd($0, from: $1) }) == "one\ntwo thre|e\nfour")
    }

    @Test func tokensSplitAtBlanksAndPunctuation() {
        let text = "Dr. Müller paid $3.50 (twice), at 10:30 — in 東京!"
        let tokens = Tokenizer.tokens(in: text).map { SpanSlice.text(text, $0) }
        #expect(tokens == ["Dr", ".", "Müller", "paid", "$", "3.50", "(", "twice", ")", ",", "at", "10", ":", "30", "—", "in", "東", "京", "!"])
    }

    @Test func spansSnapToWholeTokens() {
        let text = "Angela Merkel visited Paris."
        let tokens = Tokenizer.tokens(in: text)
        #expect(Tokenizer.snap(2..<9, to: tokens) == 0..<13)
        #expect(Tokenizer.snap(22..<27, to: tokens) == 22..<27)
        #expect(Tokenizer.snap(22..<28, to: tokens) == 22..<28)
    }
}

enum SpanSlice {
    static func text(_ text: String, _ range: Range<Int>) -> String {
        let scalars = Array(text.unicodeScalars)
        return String(String.UnicodeScalarView(scalars[range]))
    }
}
