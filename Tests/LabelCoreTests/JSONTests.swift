import LabelCore
import Testing

@Suite struct JSONParserTests {
    @Test func parsesNestedValuesAndKeepsNumberLiterals() throws {
        let value = try JSONParser.parse(#"{"a": [1, 2.50, -3e2, true, null], "b": {"c": "d\u00e9\n"}}"#)
        guard case .object(let top) = value else { Issue.record("not an object"); return }
        #expect(top["a"] == .array([.number("1"), .number("2.50"), .number("-3e2"), .bool(true), .null]))
        #expect(top["b"]?.objectValue?["c"] == .string("dé\n"))
    }

    @Test func surrogatePairsDecodeAndLoneSurrogatesBecomeReplacement() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""\ud83d x""#) == .string("\u{FFFD} x"))
    }

    @Test(arguments: [
        ("{\"a\": 1,\n  \"b\": }", 2, 8, "where a value should start"),
        ("{\"a\": 1", 1, 8, "truncated"),
        ("", 1, 1, "empty"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "appears twice"),
        ("[1,\n2,\n\"x\\q\"]", 3, 3, "invalid escape"),
        ("[01]", 1, 3, "expected ',' or ']'"),
        ("{\"a\": \"tab\there\"}", 1, 11, "control character"),
        ("[1] x", 1, 5, "after the end"),
    ])
    func reportsLineAndColumn(text: String, line: Int, column: Int, words: String) {
        #expect {
            _ = try JSONParser.parse(text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == line && error.column == column && error.message.contains(words)
        }
    }

    @Test func rejectsInvalidUTF8AndPointsAtTheByte() {
        let bytes: [UInt8] = Array("{\"a\": \"ok".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        #expect {
            _ = try JSONParser.parse(bytes)
        } throws: { error in
            (error as? JSONParseError).map { $0.message.contains("UTF-8") && $0.column == 10 } ?? false
        }
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect {
            _ = try JSONParser.parse(deep)
        } throws: { error in
            (error as? JSONParseError)?.message.contains("nesting") ?? false
        }
    }

    @Test func recordsTheLineOfEachObject() throws {
        let value = try JSONParser.parse("[\n {\"a\": 1},\n\n {\"b\": 2}\n]")
        let lines = value.arrayValue?.compactMap { $0.objectValue?.line }
        #expect(lines == [2, 4])
    }
}

@Suite struct JSONWriterTests {
    @Test func prettyPrintsWithSortedKeysAndTwoSpaceIndent() {
        let value = JSONValue.object(JSONObject(["b": .array([.int(1), .object(JSONObject())]), "a": .string("x"), "é": .bool(false), "Z": .null]))
        let text = String(decoding: JSONWriter.prettyPrinted(value), as: UTF8.self)
        #expect(text == """
        {
          "Z": null,
          "a": "x",
          "b": [
            1,
            {}
          ],
          "é": false
        }

        """)
    }

    @Test func escapesControlsAndTerminalHostileCharacters() {
        let text = String(decoding: JSONWriter.compact(.string("a\"\\\n\u{1B}[2J\u{7F}\u{85}\u{202E}é/")), as: UTF8.self)
        #expect(text == #""a\"\\\n\u001b[2J\u007f\u0085\u202eé/""#)
    }

    @Test func roundTripsThroughTheParser() throws {
        let value = JSONValue.object(JSONObject(["s": .string("日本\u{1}\t"), "n": .number("0.125"), "a": .array([.null, .bool(true)])]))
        #expect(try JSONParser.parse(JSONWriter.prettyPrinted(value)) == value)
        #expect(try JSONParser.parse(JSONWriter.compact(value)) == value)
    }
}
