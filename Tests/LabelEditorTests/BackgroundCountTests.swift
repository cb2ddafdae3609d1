#if canImport(Glibc)
import Glibc
#endif
import LabelCore
@testable import LabelEditor
import LabelInput
import Testing

/// Going to a large file's last line or record, or to an item by number past it, counts the file
/// to its end on another thread (issue 15): the keyboard stays live, keys typed meanwhile wait,
/// and the cursor lands through the event loop.
@Suite struct BackgroundCountTests {
    /// Wakes the editor (as the counting thread does) until the count has ended.
    func settle(_ fixture: EditorFixture) {
        for _ in 0..<3000 where fixture.editor.countJob.isRunning || fixture.editor.afterCounting != nil {
            usleep(2000)
            fixture.editor.handle(.wake)
        }
    }

    /// Six megabytes: more than a lookup indexes in one go (4 MiB), so opening it leaves the end uncounted.
    static let story = (1...250_000).map { "Line \($0) of the story.\n" }.joined()

    @Test func lastLineOfAWholeFileWaitsForTheCountAndTypedKeysFollow() throws {
        let fixture = try EditorFixture(files: ["story.txt": Self.story])
        fixture.editor = try fixture.makeEditor(searchInBackground: true)
        fixture.type("G")
        #expect(fixture.editor.message?.text.hasPrefix("counting story.txt to its end…") == true)
        #expect(fixture.editor.message?.text.hasSuffix("(Esc stops)") == true)
        #expect(fixture.editor.textCursor == 0, "the cursor waits for the count")
        // `w` typed ahead runs after the cursor lands on the last line's start.
        fixture.type("w")
        settle(fixture)
        let lastLine = Self.story.utf8.count - "Line 250000 of the story.\n".count
        #expect(fixture.editor.textCursor == lastLine + "Line ".count)
        // Counted once: G lands at once now.
        fixture.type("g g G")
        #expect(fixture.editor.textCursor == lastLine)
        #expect(fixture.editor.countJob.isRunning == false)
    }

    /// Over four megabytes of JSONL: opening its first record leaves the rest uncounted.
    static let records = (1...200_000).map { "{\"text\": \"record \($0)\"}\n" }.joined()

    /// a.jsonl (the large file) then b.jsonl, after `:goto` to b.jsonl's record, which counts
    /// a.jsonl first and then lands.
    func gotoPastALargeFile() throws -> EditorFixture {
        let project = EditorFixture.project + "\n[text]\nrecords = \"jsonl\"\n"
        let fixture = try EditorFixture(project: project, files: ["a.jsonl": Self.records, "b.jsonl": "{\"text\": \"only one\"}\n"])
        fixture.editor = try fixture.makeEditor(searchInBackground: true)
        fixture.type(":")
        fixture.typeText("goto 200001")
        fixture.type("ret")
        #expect(fixture.editor.message?.text.hasPrefix("counting a.jsonl to its end…") == true)
        settle(fixture)
        return fixture
    }

    @Test func gotoPastALargeFileCountsItFirst() throws {
        let fixture = try gotoPastALargeFile()
        #expect(fixture.editor.message?.text == "item 200001")
        #expect(fixture.editor.location == ItemLocation(file: 1, record: 0))
        fixture.type(":")
        fixture.typeText("goto 200002")
        fixture.type("ret")
        #expect(fixture.editor.message?.text == "there is no item 200002")
    }

    /// `[` from the first record of b.jsonl needs a.jsonl's last record: the count runs first;
    /// `{` likewise (arrows keymap: PageUp, Shift-PageUp).
    @Test func steppingBackIntoALargeFileLandsOnItsLastRecord() throws {
        let fixture = try gotoPastALargeFile()
        fixture.editor.idle()
        // Opened again where it was left, a.jsonl not yet read past its first record.
        for (keymap, key) in [("vim", "["), ("arrows", "pageup"), ("vim", "{"), ("arrows", "S-pageup")] {
            fixture.editor = try fixture.makeEditor(keymapName: keymap, searchInBackground: true)
            #expect(fixture.editor.location == ItemLocation(file: 1, record: 0))
            fixture.type(key)
            #expect(fixture.editor.message?.text.hasPrefix("counting a.jsonl to its end…") == true, "\(keymap) \(key)")
            settle(fixture)
            #expect(fixture.editor.location == ItemLocation(file: 0, record: 199_999), "\(keymap) \(key)")
            fixture.type(key == "[" || key == "{" ? "]" : "pagedown")
        }
    }

    @Test func aStoppedJobEndsWithoutAnOutcome() {
        let job = BackgroundJob<Int>(label: "test")
        job.start({ isStopped in
            while !isStopped() { usleep(500) }
            return 42
        }, wake: {})
        #expect(job.isRunning)
        #expect(job.collect() == nil, "nothing to collect while it runs")
        job.stop()
        var ending: BackgroundJob<Int>.Ending?
        for _ in 0..<2000 where ending == nil {
            usleep(1000)
            ending = job.collect()
        }
        #expect(ending?.stopped == true)
        #expect(ending?.outcome == nil)
        #expect(job.isRunning == false)
        job.start({ _ in 7 }, wake: {})
        ending = nil
        for _ in 0..<2000 where ending == nil {
            usleep(1000)
            ending = job.collect()
        }
        #expect(ending?.outcome == 7)
    }
}
