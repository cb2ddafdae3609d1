#if canImport(Glibc)
import Glibc
#endif
import LabelCore
import LabelEditor
import LabelInput
import Testing

/// Searching a large file runs on another thread (issue 15): keys stay live, Esc stops it, and
/// the cursor lands through the event loop when the search ends.
@Suite struct BackgroundSearchTests {
    /// Waits for the search to land: the screen is woken (as the search thread does) until the message changes.
    func settle(_ fixture: EditorFixture, from text: String) {
        for _ in 0..<3000 where fixture.editor.message?.text == text {
            usleep(2000)
            fixture.editor.handle(.wake)
        }
    }

    @Test func aSearchLandsThroughAWakeAndSpanSelectionsFollow() throws {
        let fixture = try EditorFixture(files: ["story.txt": "First line here.\nAna went north.\nThen Bo met Ana again.\n"])
        fixture.editor = try fixture.makeEditor(searchInBackground: true)
        fixture.type("/")
        fixture.typeText("Ana")
        fixture.type("ret")
        #expect(fixture.editor.message?.text == "searching for Ana… (Esc stops)")
        settle(fixture, from: "searching for Ana… (Esc stops)")
        #expect(fixture.editor.message?.text == "/Ana")
        #expect(fixture.editor.textCursor == 17)
        // Keys typed before it lands run after it: `n l` ends one past the second match.
        fixture.type("n l")
        settle(fixture, from: "searching for Ana… (Esc stops)")
        #expect(fixture.editor.textCursor == 46)
        fixture.type("h")
        // From SPAN, the selection follows the cursor when the search lands.
        fixture.type("g g v n")
        settle(fixture, from: fixture.editor.message?.text ?? "")
        #expect(fixture.editor.mode.title == "SPAN")
        fixture.type("ret 1")
        let span = try #require(try fixture.sidecar("story.txt")?.annotations.first?.span)
        #expect(span.start == 0 && span.end >= 17)
        fixture.type("/")
        fixture.typeText("nowhere")
        fixture.type("ret")
        settle(fixture, from: "searching for nowhere… (Esc stops)")
        #expect(fixture.editor.message?.text == "not found: nowhere")
    }

    /// A regular expression over eight megabytes with no match takes a while; Esc stops it at
    /// once, and nothing moves (keys typed meanwhile waited for it, and are dropped with it).
    @Test func escStopsASlowSearch() throws {
        let line = String(repeating: "lorem ipsum dolor sit amet ", count: 3) + "\n"
        let fixture = try EditorFixture(files: ["big.txt": String(repeating: line, count: 100_000)])
        fixture.editor = try fixture.makeEditor(searchInBackground: true)
        fixture.type("/")
        fixture.typeText("re:z[aeiou]{3}q")
        fixture.type("ret")
        #expect(fixture.editor.message?.text.hasPrefix("searching for") == true)
        fixture.type("l")
        #expect(fixture.editor.textCursor == 0, "a key typed ahead waits for the search")
        fixture.type("esc")
        settle(fixture, from: fixture.editor.message?.text ?? "")
        #expect(fixture.editor.message?.text == "search stopped")
        #expect(fixture.editor.textCursor == 0)
    }
}
