import Foundation
import LabelCore
import LabelText
import Testing

@Suite struct SearchTests {
    func source(_ text: String, _ mode: RecordMode) -> TextSource {
        TextSource(file: MappedFile(path: "t", content: Array(text.utf8)), mode: mode)
    }

    /// A one-line file of a few megabytes is searched in pieces nearest the cursor (a 10 MB
    /// line took seconds decoded whole); every match is found, across piece boundaries too.
    @Test func aHugeSingleLineIsSearchedInPiecesWithoutMissingAMatch() throws {
        var text = ""
        var expected: [Int] = []
        var scalars = 0
        var random = SeededRandom(seed: 5)
        while text.utf8.count < 700_000 {
            if random.next() % 3000 == 0 {
                expected.append(scalars)
                text += "NeEdLe "
                scalars += 7
            } else {
                let word = ["alpha ", "βeta ", "🙂 ", "x "][Int(random.next() % 4)]
                text += word
                scalars += word.unicodeScalars.count
            }
        }
        let search = try TextSearch(source: source(text, .file), pattern: SearchPattern("needle", ignoresCase: true))
        var found: [Int] = []
        var position = TextPosition(record: 0, codePoint: 0)
        if expected.first == 0 { found.append(0) }
        while let hit = search.find(from: position, forward: true, wraps: false) {
            found.append(hit.codePoints.lowerBound)
            position = hit.start
        }
        #expect(found == expected)
        let last = try #require(expected.last)
        #expect(search.find(from: TextPosition(record: 0, codePoint: scalars), forward: false)?.codePoints.lowerBound == last)
    }

    @Test func literalForwardBackwardAndWrapping() throws {
        let text = "alpha beta\ngamma beta\ndelta"
        let search = try TextSearch(source: source(text, .file), pattern: SearchPattern("beta"))
        let first = try #require(search.find(from: TextPosition(record: 0, codePoint: 0), forward: true))
        #expect(first.codePoints == 6..<10)
        let second = try #require(search.find(from: first.start, forward: true))
        #expect(second.codePoints == 17..<21)
        #expect(search.find(from: second.start, forward: true)?.codePoints == 6..<10, "wraps to the top")
        #expect(search.find(from: second.start, forward: true, wraps: false) == nil)
        #expect(search.find(from: second.start, forward: false)?.codePoints == 6..<10)
        #expect(search.find(from: first.start, forward: false)?.codePoints == 17..<21, "wraps to the bottom")
    }

    @Test func matchesAreCodePointsEvenAfterWideAndInvalidText() throws {
        var bytes = Array("日本語 😀 ".utf8) + [0xFF] + Array(" target here".utf8)
        bytes += Array("\n".utf8)
        let file = TextSource(file: MappedFile(path: "t", content: bytes), mode: .file)
        let hit = try TextSearch(source: file, pattern: SearchPattern("target")).find(from: TextPosition(record: 0, codePoint: 0), forward: true)
        // 日本語(3) space 😀 space \xFF(1) space → "target" starts at code point 8.
        #expect(hit?.codePoints == 8..<14)
        let regex = try TextSearch(source: file, pattern: SearchPattern("t[a-z]+t", isRegex: true))
        #expect(regex.find(from: TextPosition(record: 0, codePoint: 0), forward: true)?.codePoints == 8..<14)
    }

    @Test func searchFindsMatchesAcrossChunkBoundaries() throws {
        // Lines of 100 bytes: the needle sits across the 64 KiB boundary and in the last line.
        var lines = (0..<2000).map { String(format: "%05d ", $0) + String(repeating: "x", count: 93) }
        lines[655] = String(repeating: "y", count: 30) + "needle" + String(repeating: "y", count: 63)
        lines[1999] = "needle at the end" + String(repeating: "z", count: 82)
        let text = lines.joined(separator: "\n")
        let file = source(text, .file)
        let search = try TextSearch(source: file, pattern: SearchPattern("needle"))
        let first = try #require(search.find(from: TextPosition(record: 0, codePoint: 0), forward: true))
        #expect(first.codePoints.lowerBound == 655 * 100 + 30)
        let last = try #require(search.find(from: first.start, forward: true))
        #expect(last.codePoints.lowerBound == 1999 * 100)
        #expect(search.find(from: TextPosition(record: 0, codePoint: 0), forward: false)?.codePoints.lowerBound == 1999 * 100)
        let lineRecords = try TextSearch(source: source(text, .lines), pattern: SearchPattern("needle"))
        #expect(lineRecords.find(from: TextPosition(record: 0, codePoint: 0), forward: true) == SearchHit(record: 655, codePoints: 30..<36))
        #expect(lineRecords.find(from: TextPosition(record: 700, codePoint: 0), forward: false) == SearchHit(record: 655, codePoints: 30..<36))
    }

    @Test func jsonlSearchesTheDecodedTextField() throws {
        let text = #"""
        {"text": "Caf\u00e9 in Z\u00fcrich"}
        {"text": "nothing here", "note": "Zürich"}
        {"text": "Z\u00fcrich again"}
        """#
        let search = try TextSearch(source: source(text, .jsonl), pattern: SearchPattern("Zürich"))
        #expect(search.find(from: TextPosition(record: 0, codePoint: 0), forward: true) == SearchHit(record: 0, codePoints: 8..<14))
        #expect(search.find(from: TextPosition(record: 0, codePoint: 8), forward: true) == SearchHit(record: 2, codePoints: 0..<6))
        #expect(search.find(from: TextPosition(record: 2, codePoint: 0), forward: true) == SearchHit(record: 0, codePoints: 8..<14))
        let ignoringCase = try TextSearch(source: source(text, .jsonl), pattern: SearchPattern("AGAIN", ignoresCase: true))
        #expect(ignoringCase.find(from: TextPosition(record: 0, codePoint: 0), forward: true) == SearchHit(record: 2, codePoints: 7..<12))
    }

    @Test func badPatternsAreClearErrors() {
        #expect(throws: SearchError.emptyPattern) { try TextSearch(source: source("x", .file), pattern: SearchPattern("")) }
        #expect { try TextSearch(source: source("x", .file), pattern: SearchPattern("(unclosed", isRegex: true)) } throws: { error in
            (error as? SearchError)?.description.hasPrefix("not a valid regular expression /(unclosed/") ?? false
        }
    }
}
