import LabelCells
import LabelConfig
import LabelCore
import LabelEditor
import LabelDataset
import LabelStore
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
import LabelInput
#endif

/// One path for a key (issue: restructure): motions extend only where the keymap says so,
/// label keys are bindings, the command line's editing keys come from `[keys.command]`, and
/// the arrows keymap alone labels a box, a span and a class.
@Suite struct KeyPathTests {
    @Test func boxModeExtendsByItsKeymapAndAPlainMotionLeavesTheCornerWhereItIs() throws {
        let fixture = try EditorFixture(pictures: ["a.png": BoxTaggingTests.picture])
        let editor = try fixture.makeEditor(userKeymap: "[keys.box]\n\"C-l\" = \"move_right\"\n")
        fixture.editor = editor
        fixture.type("b l l l")
        guard case .box(let drawn) = editor.mode else { Issue.record("not in BOX mode: \(editor.mode)"); return }
        #expect(drawn.corner.x == drawn.anchor.x + 3, "l extends: the corner follows the cursor")
        fixture.type("C-l C-l")
        guard case .box(let kept) = editor.mode else { Issue.record("left BOX mode"); return }
        #expect(kept.corner.x == drawn.corner.x, "a plain motion moves the cursor only")
        fixture.type("l")
        guard case .box(let followed) = editor.mode else { Issue.record("left BOX mode"); return }
        #expect(followed.corner.x == drawn.corner.x + 3, "extending again catches the corner up with the cursor")
    }

    @Test func extendWithoutAMotionSaysWhatItNeeds() throws {
        let fixture = try EditorFixture(pictures: ["a.png": BoxTaggingTests.picture])
        fixture.editor = try fixture.makeEditor(userKeymap: "[keys.box]\nz = \"extend undo\"\n")
        fixture.type("b z")
        #expect(fixture.editor.message?.text.contains("extend needs a motion") == true, "\(String(describing: fixture.editor.message))")
    }

    @Test func aModeCommandBoundElsewhereSaysWhereItWorks() throws {
        let fixture = try EditorFixture(pictures: ["a.png": BoxTaggingTests.picture])
        fixture.editor = try fixture.makeEditor(userKeymap: "[keys.normal]\nz = \"toggle_move_box\"\n")
        fixture.type("z")
        #expect(fixture.editor.message?.text == "toggle_move_box works in BOX mode")
        #expect(fixture.editor.mode == .normal)
    }

    @Test func theCommandLinesEditingKeysComeFromTheKeymap() throws {
        let fixture = try EditorFixture(files: ["a.txt": "one two\n"])
        fixture.editor = try fixture.makeEditor(userKeymap: "[keys.command]\n\"C-w\" = \"prompt_home\"\n")
        fixture.type(":")
        fixture.typeText("oto 1")
        fixture.type("C-w")
        fixture.typeText("g")
        guard case .command(let line) = fixture.editor.mode else { Issue.record("not on the command line"); return }
        #expect(line.text == "goto 1", "C-w was rebound to go to the start of the line")
        fixture.type("esc : backspace")
        #expect(fixture.editor.mode == .normal, "Backspace on an empty line leaves it")
    }

    @Test func aLabelKeyIsABindingThatWinsOverTheKeymapInClassMode() throws {
        let project = """
        [classes]
        labels = [ { name = "ugly", key = "u" }, { name = "fine" } ]
        """
        let fixture = try EditorFixture(project: project, files: ["a.txt": "x\n"])
        #expect(fixture.editor.shadowedKeyWarnings.contains { $0.contains("\"ugly\" hides undo in CLASS") })
        fixture.type("c u")
        #expect(try fixture.sidecar("a.txt")?.annotations.map(\.label) == ["ugly"])
    }

    @Test func theArrowsKeymapAloneDrawsABoxTagsASpanAndGivesAClass() throws {
        let fixture = try EditorFixture(files: ["t.txt": "Ada went to Paris\n"], pictures: ["a.png": BoxTaggingTests.picture],
                                        keymapName: "arrows")
        // A box: F3, three pixels right and two down (extending), Enter, the second label.
        fixture.type("F3 right right right down down ret 2")
        let box = try #require(try fixture.sidecar("a.png")?.annotations.first)
        #expect(box.label == "dog" && box.box?.width == 4 && box.box?.height == 3)
        // A class on the text item, then a span over "Ada".
        fixture.type("pagedown F2 1")
        fixture.type("esc")
        #expect(fixture.editor.file.relativePath == "t.txt", "advance stops at the last item")
        fixture.type("C-home home F4 right right ret 1")
        let labels = try #require(try fixture.sidecar("t.txt")).annotations.map { "\($0.shape.typeName) \($0.label)" }.sorted()
        #expect(labels == ["class pos", "span PER"], "\(labels)")
        let span = try #require(try fixture.sidecar("t.txt")?.annotations.first { $0.span != nil }?.span)
        #expect(span.text == "Ada")
    }
}

/// The done index: counted in the background at start-up, then kept current from edits.
@Suite struct DoneIndexTests {
    @Test func theBackgroundCountEqualsTheDocumentsAndEditsUpdateIt() throws {
        let fixture = try EditorFixture(files: ["a.txt": "one\n", "b.txt": "two\n", "c.txt": "three\n"])
        fixture.type("ret ret")
        #expect(fixture.editor.itemIsDone == false)
        let index = DoneIndex()
        let dataset = fixture.editor.dataset
        let finished = Flag()
        index.build(dataset, wholeFile: dataset.files.map { _ in true }, cacheFolder: fixture.folder.url("cache"), fileSystem: POSIXFileSystem()) {
            if index.counts.complete { finished.set() }
        }
        #expect(finished.wait(seconds: 10))
        #expect(index.counts.done == 2 && index.counts.labeled == 2)
        #expect(index.isDone(ItemLocation(file: 0, record: nil)) && !index.isDone(ItemLocation(file: 2, record: nil)))
        // The editor's own count follows an undo of one done mark without reading every file.
        fixture.type("u")
        #expect(fixture.screen.contains { $0.contains("labeled 1 (33%)") }, "\(fixture.screen.last ?? "")")
    }
}

/// A flag raised on one thread and waited for on another.
final class Flag: Sendable {
    private let raised = Mutex(false)

    func set() { raised.withLock { $0 = true } }

    /// Whether the flag was raised within `seconds`.
    func wait(seconds: Double) -> Bool {
        for _ in 0..<Int(seconds * 100) {
            if raised.withLock({ $0 }) { return true }
            usleep(10_000)
        }
        return raised.withLock { $0 }
    }
}

/// A screen in memory: one scripted event per wait (so each is drawn on its own), and the
/// frames it was given.
final class MemoryScreen: Screen {
    var size: (columns: Int, rows: Int)
    private var script: [InputEvent]
    private(set) var frames: [CellGrid] = []

    init(columns: Int, rows: Int, script: [InputEvent]) {
        size = (columns, rows)
        self.script = script
    }

    func present(_ grid: CellGrid) { frames.append(grid) }

    func nextEvent(timeout: Int) -> InputEvent? {
        guard timeout > 0, !script.isEmpty else { return nil }
        let event = script.removeFirst()
        if case .resize(let columns, let rows) = event { size = (columns, rows) }
        return event
    }

    func suspend() {}
}

/// The event loop driven by an in-memory screen: a key, a wake-up, a resize.
@Suite struct EventLoopTests {
    @Test func aKeyAWakeUpAndAResizeEachGiveAFrame() throws {
        let fixture = try EditorFixture(files: ["a.txt": "first\n", "b.txt": "second\n"], columns: 60, rows: 12)
        let screen = MemoryScreen(columns: 60, rows: 12, script: [.key(Key(.character("]"))), .wake, .resize(columns: 40, rows: 8),
                                                                 .key(Key(.character(":"))), .key(Key(.character("q"))), .key(Key(.enter))])
        EditorLoop.run(fixture.editor, on: screen, shouldStop: { false })
        let frames = screen.frames
        #expect(frames.count == 6, "a first frame, then one after each of the key, the wake-up, the resize, : and q")
        #expect(frames[0].lines.contains { $0.contains("first") })
        #expect(frames[1].lines.contains { $0.contains("second") }, "] shows the next item")
        #expect(frames[2].lines == frames[1].lines, "a wake-up redraws the same state")
        #expect(frames[3].width == 40 && frames[3].height == 8, "the resize is drawn at the new size")
        #expect(frames[5].lines.last?.hasPrefix(":q") == true, "the command line as typed")
        #expect(fixture.editor.quitRequested, ":q ends the loop")
    }
}
