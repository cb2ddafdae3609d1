import LabelCore
import LabelText
import Testing

@Suite struct RecordSplittingTests {
    func records(_ text: String, _ mode: RecordMode, field: String = "text") -> [RecordText] {
        records(Array(text.utf8), mode, field: field)
    }

    func records(_ bytes: [UInt8], _ mode: RecordMode, field: String = "text") -> [RecordText] {
        let source = TextSource(file: MappedFile(path: "t", content: bytes), mode: mode, textField: field)
        return (0..<source.recordCount).compactMap { source.record($0) }
    }

    @Test func linesWithLFCRLFAndNoFinalNewline() {
        #expect(records("one\ntwo\r\n\nfour", .lines).map(\.text) == ["one", "two", "", "four"])
        #expect(records("one\ntwo\n", .lines).map(\.text) == ["one", "two"])
        #expect(records("", .lines).isEmpty)
        #expect(records("\n", .lines).map(\.text) == [""])
    }

    @Test func aByteOrderMarkIsNotText() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("héllo\nworld".utf8)
        #expect(records(bytes, .lines).map(\.text) == ["héllo", "world"])
        #expect(records(bytes, .file).map(\.text) == ["héllo\nworld"])
        #expect(records(bytes, .lines).first?.byteRange == 3..<9)
    }

    @Test func wholeFileKeepsItsLineEndings() {
        #expect(records("a\r\nb\r\n", .file).map(\.text) == ["a\r\nb\r\n"])
        #expect(records("", .file).map(\.text) == [""])
    }

    @Test func paragraphsAreSeparatedByBlankLines() {
        let text = "\n\nFirst para\nstill first\r\n\r\n  \t\nSecond\n\n\nThird line one\nThird line two"
        #expect(records(text, .paragraphs).map(\.text) == ["First para\nstill first", "Second", "Third line one\nThird line two"])
        #expect(records("only\n", .paragraphs).map(\.text) == ["only"])
        #expect(records("\n \n", .paragraphs).isEmpty)
    }

    @Test func manyRecordsAcrossIndexSamples() {
        let lines = (0..<1000).map { "line \($0)" }
        let source = TextSource(file: MappedFile(path: "t", content: Array(lines.joined(separator: "\n").utf8)), mode: .lines)
        #expect(source.recordCount == 1000)
        for n in [0, 31, 32, 33, 500, 999] { #expect(source.record(n)?.text == "line \(n)") }
        #expect(source.record(1000) == nil)
        let paragraphs = (0..<300).map { "para \($0)\nsecond line" }.joined(separator: "\n\n")
        let paragraphSource = TextSource(file: MappedFile(path: "p", content: Array(paragraphs.utf8)), mode: .paragraphs)
        #expect(paragraphSource.recordCount == 300)
        #expect(paragraphSource.record(257)?.text == "para 257\nsecond line")
    }

    @Test func jsonlDecodesTheTextFieldEscapesAndNonASCII() {
        let text = #"""
        {"id": 1, "text": "Caf\u00e9 \"Zürich\"\n\ud83d\ude00 ok"}
        {"text": "日本語のテキスト", "lang": "ja"}
        {"body": "no text field"}
        not json

        {"text": 42}
        """#
        let result = records(text, .jsonl)
        #expect(result.count == 6)
        #expect(result[0].text == "Café \"Zürich\"\n😀 ok")
        #expect(result[0].text.unicodeScalars.count == 18)
        #expect(result[1].text == "日本語のテキスト")
        #expect(result[2].problem == "no \"text\" field")
        #expect(result[3].problem?.hasPrefix("not valid JSON") == true)
        #expect(result[4].problem == "blank line")
        #expect(result[5].problem == "\"text\" is a number, not a string")
    }

    @Test func jsonlWithAnotherFieldAndCRLF() {
        let result = records("{\"body\": \"a\"}\r\n{\"body\": \"b\"}\r\n", .jsonl, field: "body")
        #expect(result.map(\.text) == ["a", "b"])
    }

    @Test func invalidUTF8DecodesLikePythonReplace() {
        let bytes: [UInt8] = Array("ab".utf8) + [0xE2, 0x82] + Array("c".utf8) + [0xFF] + Array("d".utf8)
        #expect(records(bytes, .file).first?.text == "ab\u{FFFD}c\u{FFFD}d")
    }

    @Test func recordContainingAByte() {
        let source = TextSource(file: MappedFile(path: "t", content: Array((0..<100).map { "r\($0)" }.joined(separator: "\n").utf8)), mode: .lines)
        let range = source.byteRange(ofRecord: 77)
        #expect(range.flatMap { source.record(containingByte: $0.lowerBound + 1) } == 77)
        #expect(source.record(containingByte: 0) == 0)
    }
}

@Suite struct ConcurrentIndexTests {
    @Test func buildingOnAllCoresGivesTheSameRecords() {
        let lines = (0..<5_003).map { "line \($0) " + String(repeating: "é", count: $0 % 17) }
        let bytes = Array(lines.joined(separator: "\n").utf8)
        for partial in [0, 1, 33, 64 << 10] {
            let concurrent = TextSource(file: MappedFile(path: "t", content: bytes), mode: .lines)
            concurrent.extendIndex(byBytes: partial)
            concurrent.buildIndexConcurrently()
            #expect(concurrent.recordCount == 5_003)
            for n in [0, 1, 31, 32, 33, 2500, 2501, 4999, 5002] { #expect(concurrent.record(n)?.text == lines[n], "record \(n) after \(partial)") }
            let offset = concurrent.byteRange(ofRecord: 3_210)?.lowerBound ?? 0
            #expect(concurrent.record(containingByte: offset + 3) == 3_210)
        }
    }
}
