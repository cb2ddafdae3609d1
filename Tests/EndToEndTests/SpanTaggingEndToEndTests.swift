import Foundation
import LabelCore
import TestSupport
import Testing

/// Spans on the real binary in tmux, checked against Python's own string slicing.
@Suite(.enabled(if: RequiredTools.program("tmux")), .serialized) struct SpanTaggingEndToEndTests {
    let termlabel = BuiltProducts.executable("termlabel")

    func start(_ folder: TemporaryDirectory, _ path: String, arguments: String = "") throws -> TmuxSession {
        try TmuxSession("\(termlabel) --annotator ana --spans PER,ORG,LOC \(arguments) \(path)", columns: 110, rows: 30,
                        environment: ["TERM": "tmux-256color", "NO_COLOR": "", "COLORTERM": "", "XDG_STATE_HOME": folder.url("state")])
    }

    /// Python's view of the sidecar's spans: (label, start, end, text, text[start:end]).
    func pythonSpans(_ data: String, record: Bool = false) throws -> [[String]] {
        let output = try PythonScript.run("""
        import json, sys
        data, sidecar = sys.argv[1], sys.argv[1] + ".labels.json"
        spans = [a for a in json.load(open(sidecar, encoding="utf-8"))["annotations"] if a["type"] == "span"]
        lines = open(data, encoding="utf-8").read().split("\\n")
        for a in sorted(spans, key=lambda a: (a.get("record", -1), a["start"])):
            text = json.loads(lines[a["record"]])["text"] if "record" in a else open(data, encoding="utf-8").read()
            print("\\t".join([a["label"], str(a["start"]), str(a["end"]), a["text"], text[a["start"]:a["end"]]]))
        """, [data])
        return output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test(.enabled(if: RequiredTools.python("json"))) func tagThreeEntitiesRelabelDeleteUndo() throws {
        let folder = TemporaryDirectory()
        let path = folder.write("news.txt", "Yesterday, Zoë Müller of Acme Corp. met 東京 officials in Zürich.\n")
        let tmux = try start(folder, path)
        #expect(tmux.waitFor("NORMAL"))
        tmux.type("2wve")             // "Zoë Müller": past "Yesterday" and ",", then e twice
        tmux.type("e")
        tmux.send("Enter")
        tmux.type("1")
        tmux.type("/Acme")
        tmux.send("Enter")
        tmux.type("v2e")              // "Acme Corp" (the count extends over two words; the snap keeps "Corp")
        tmux.send("Enter")
        tmux.type("2")
        tmux.type("/Zür")
        tmux.send("Enter")
        tmux.type("ve")
        tmux.send("Enter")
        tmux.type("3")
        #expect(tmux.waitUntil { ((try? pythonSpans(path)) ?? []).count == 3 })
        for span in try pythonSpans(path) { #expect(span[3] == span[4], "Python slices \(span)") }
        #expect(try pythonSpans(path).map { Array($0.prefix(4)) } == [["PER", "11", "21", "Zoë Müller"], ["ORG", "25", "34", "Acme Corp"], ["LOC", "56", "62", "Zürich"]])
        // Relabel the first, delete the last, undo the delete.
        tmux.type("gg")
        tmux.send("Tab")
        tmux.type("r3")
        #expect(tmux.waitUntil { ((try? pythonSpans(path)) ?? []).first?.first == "LOC" })
        tmux.send("BTab")
        tmux.type("d")
        #expect(tmux.waitUntil { ((try? pythonSpans(path)) ?? []).count == 2 })
        tmux.type("u")
        #expect(tmux.waitUntil { ((try? pythonSpans(path)) ?? []).count == 3 })
        tmux.type(":q")
        tmux.send("Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test(.enabled(if: RequiredTools.python("json"))) func spansInRecord500000OfALargeCorpus() throws {
        let folder = TemporaryDirectory()
        let path = folder.url("corpus.jsonl")
        try PythonScript.run("""
        import json, sys
        with open(sys.argv[1], "w", encoding="utf-8") as f:
            for i in range(600000):
                text = f"Record {i}: Ada Lovelace wrote to Charles Babbage from London." if i == 499999 else f"Record {i}: nothing to see here, ça va."
                f.write(json.dumps({"id": i, "text": text}) + "\\n")
        """, [path])
        let tmux = try start(folder, path)
        #expect(tmux.waitFor("NORMAL", seconds: 20))
        tmux.type(":goto 500000")
        tmux.send("Enter")
        #expect(tmux.waitFor("#500000", seconds: 20))
        tmux.type("3wvee")            // past "Record", "500000" and ":" to "Ada Lovelace"
        tmux.send("Enter")
        tmux.type("1")
        tmux.type("/London")
        tmux.send("Enter")
        tmux.type("ve")
        tmux.send("Enter")
        tmux.type("3")
        #expect(tmux.waitUntil { ((try? pythonSpans(path)) ?? []).count == 2 })
        let spans = try pythonSpans(path)
        for span in spans { #expect(span[3] == span[4]) }
        #expect(spans.map { $0[3] } == ["Ada Lovelace", "London"])
        let sidecar = try SidecarCodec.decode(try #require(folder.read("corpus.jsonl.labels.json")), file: "corpus")
        #expect(sidecar.annotations.allSatisfy { $0.record == 499_999 })
    }

    /// `G` in a 40 MB text read whole goes to its last line (counted on another thread while
    /// the keyboard stays live), and `w` typed right after it runs once it has landed; a span
    /// tagged there is saved at the right place.
    @Test(.enabled(if: RequiredTools.python("json"))) func lastLineOfALargeFileAndKeysTypedAhead() throws {
        let folder = TemporaryDirectory()
        let path = folder.url("long.txt")
        try PythonScript.run("""
        import sys
        with open(sys.argv[1], "w", encoding="utf-8") as f:
            for i in range(1, 1500001):
                f.write(f"Line {i} says ça va.\\n" if i < 1500000 else "Last line names Paris.\\n")
        """, [path])
        let tmux = try start(folder, path)
        #expect(tmux.waitFor("NORMAL", seconds: 20))
        tmux.type("G3wve")            // to "Paris": G, then past "Last", "line", "names"
        tmux.send("Enter")
        tmux.type("3")
        #expect(tmux.waitFor("Last line names Paris.", seconds: 20))
        #expect(tmux.waitUntil(seconds: 20) { ((try? pythonSpans(path)) ?? []).count == 1 })
        let spans = try pythonSpans(path)
        #expect(spans.map { Array($0.prefix(1)) + Array($0.suffix(2)) } == [["LOC", "Paris", "Paris"]])
        tmux.type(":q")
        tmux.send("Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func escapeSequencesInAFileLeaveTheTerminalAlone() throws {
        let folder = TemporaryDirectory()
        let path = folder.write("hostile.txt", "before \u{1B}]0;pwned\u{7} middle \u{1B}[2J after \u{1B}[31mred\u{1B}[0m end\n")
        let tmux = try start(folder, path)
        let titleBefore = tmux.tmux(["display-message", "-p", "-t", tmux.target, "#{pane_title}"]).standardOutput
        #expect(tmux.waitFor("NORMAL"))
        #expect(tmux.waitFor("before ^[]0;pwned^G middle ^[[2J after ^[[31mred^[[0m end"))
        let titleAfter = tmux.tmux(["display-message", "-p", "-t", tmux.target, "#{pane_title}"]).standardOutput
        #expect(titleAfter == titleBefore)
        #expect(!titleAfter.contains("pwned"))
        // The screen was not cleared: the status line and panel are still drawn.
        #expect(tmux.capture().contains("Spans"))
        tmux.type(":q")
        tmux.send("Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }

    /// Emoji sequences are drawn whole (they were cut to their first part, leaving a stray
    /// joiner), and the line below keeps all its characters.
    @Test func emojiSequencesAreDrawnWholeAndTheNextLineIsIntact() throws {
        let folder = TemporaryDirectory()
        let path = folder.write("e.txt", "A 👨\u{200D}👩\u{200D}👧 C 🇫🇷 D e\u{301} E\nsecond line here\n")
        let tmux = try start(folder, path)
        #expect(tmux.waitFor("second line here"))
        let first = tmux.capture().split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("A 👨\u{200D}👩\u{200D}👧 C 🇫🇷 D e\u{301} E"), "\(first.unicodeScalars.map { String($0.value, radix: 16) })")
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }
}
