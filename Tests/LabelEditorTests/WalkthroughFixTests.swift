#if canImport(Glibc)
import Glibc
#endif
import LabelCells
import LabelConfig
import LabelCore
import LabelEditor
import LabelImaging
import TestSupport
import Testing
import LabelInput

/// Defects a new annotator met first (issue 13) and hostile input typed or loaded (issue 12):
/// each test failed on the code before its fix.
@Suite struct WalkthroughFixTests {
    func pictures() throws -> EditorFixture {
        try EditorFixture(pictures: ["a.png": BoxTaggingTests.picture, "b.png": BoxTaggingTests.picture], columns: 120, rows: 40)
    }

    @Test func enterRightAfterDrawingABoxMarksTheItemDoneAndGoesOn() throws {
        let fixture = try pictures()
        fixture.type("b 9 l 9 j ret 1")
        #expect(try fixture.sidecar("a.png")?.annotations.count == 1)
        #expect(fixture.editor.selectedID == nil, "a new box is not selected, so Enter does not edit it")
        fixture.type("ret")
        let sidecar = try #require(try fixture.sidecar("a.png"))
        #expect(sidecar.marks.map(\.state) == [.done])
        #expect(sidecar.annotations.first?.box == BoxGeometry(x: 100, y: 75, width: 10, height: 10), "the box was left as drawn")
        #expect(fixture.editor.file.relativePath == "b.png")
    }

    @Test func escapeLetsGoOfTheSelectedBoxSoEnterMarksDone() throws {
        let fixture = try pictures()
        fixture.type("b 9 l ret 1 tab")
        #expect(fixture.editor.selectedID != nil)
        fixture.type("esc")
        #expect(fixture.editor.selectedID == nil)
        fixture.type("ret")
        #expect(try fixture.sidecar("a.png")?.marks.map(\.state) == [.done])
    }

    @Test func relabelToTheSameLabelChangesNothingAndOthersKeepTheirAuthorship() throws {
        let fixture = try pictures()
        let theirs = """
        {"format": "termlabel-sidecar", "version": 1, "file": "a.png", "kind": "image", "image": {"width": 200, "height": 150},
         "annotations": [{"id": "b1", "type": "box", "label": "cat", "x": 10, "y": 10, "width": 20, "height": 20,
                          "author": "bob", "time": "2026-01-01T00:00:00Z"}]}
        """
        fixture.folder.write("a.png.labels.json", theirs)
        fixture.editor = try fixture.makeEditor(columns: 120, rows: 40)
        let before = fixture.folder.read("a.png.labels.json")
        fixture.type("tab r 1")
        #expect(fixture.folder.read("a.png.labels.json") == before, "relabel cat → cat writes nothing")
        fixture.type("tab r 2")
        let box = try #require(try fixture.sidecar("a.png")?.annotations.first)
        #expect(box.label == "dog")
        #expect(box.author == "bob")
        #expect(box.time == "2026-01-01T00:00:00Z")
        #expect(box.extra["edited_by"] == .string("ana"))
        #expect(box.extra["edited_time"] != nil)
    }

    @Test(arguments: ["👨\u{200D}👩\u{200D}👧", "👍\u{1F3FD}", "🇫🇷", "e\u{0301}", "\u{1100}\u{1161}\u{11A8}"])
    func typingCharactersThatMergeIntoOneGraphemeNeverTraps(_ sequence: String) throws {
        var line = LineEditor(purpose: .command)
        for scalar in sequence.unicodeScalars { line.insert(String(Character(scalar))) }
        #expect(line.text == sequence)
        #expect(line.cursor == line.text.count)
        line.insert("x")
        line.deleteBackward()
        line.deleteBackward()
        line.deleteWordBackward()
        #expect(line.text.isEmpty)
        // The same through the editor, in the command and the search prompt.
        let fixture = try EditorFixture(files: ["t.txt": "Hello \(sequence) world\n"])
        for prompt in [":", "/"] {
            fixture.type(prompt)
            for scalar in sequence.unicodeScalars { fixture.editor.handle(.key(Key(.character(Character(scalar))))) }
            fixture.type("left left right")
            fixture.typeText("ab")
            #expect(fixture.editor.mode != .normal, "still typing after \(sequence.unicodeScalars.count) scalars")
            fixture.type("esc")
        }
    }

    @Test func hugeScoresAreShownWithoutTrapping() throws {
        let fixture = try EditorFixture(files: ["t.txt": "Ada Lovelace wrote.\n"])
        let sidecar = """
        {"format": "termlabel-sidecar", "version": 1, "file": "t.txt", "kind": "text",
         "annotations": [{"id": "s1", "type": "span", "label": "PER", "start": 0, "end": 12, "text": "Ada Lovelace",
                          "status": "suggested", "score": 1e17},
                         {"id": "s2", "type": "span", "label": "LOC", "start": 13, "end": 18, "text": "wrote",
                          "status": "suggested", "score": -0.05}]}
        """
        fixture.folder.write("t.txt.labels.json", sidecar)
        fixture.editor = try fixture.makeEditor()
        fixture.type("tab")
        #expect(fixture.screen.joined().contains("1e+17"))
        fixture.type("tab")
        #expect(fixture.screen.joined().contains("-0.05"))
    }
}

/// Every label is reachable from the keyboard in PICK, however many there are (issue 13).
@Suite struct ManyLabelsPickTests {
    static let names = ["person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
                        "traffic light", "fire hydrant", "stop sign", "parking meter", "bench"]

    func fixture(keymap: String? = nil) throws -> EditorFixture {
        let labels = Self.names.map { "{ name = \"\($0)\" }" }.joined(separator: ", ")
        return try EditorFixture(project: "[boxes]\nlabels = [ \(labels) ]\n", pictures: ["a.png": BoxTaggingTests.picture],
                                 columns: 120, rows: 40, keymapName: keymap)
    }

    func lastLabel(_ fixture: EditorFixture) throws -> String? {
        try fixture.sidecar("a.png")?.annotations.last?.label
    }

    @Test func typingNarrowsTheListAndEnterPicksTheFirstMatch() throws {
        let fixture = try fixture()
        fixture.type("b l ret")
        fixture.typeText("park")
        #expect(fixture.screen.contains { $0.contains("›  ██ parking meter") })
        #expect(fixture.screen.contains { $0.contains("filter: park") })
        #expect(!fixture.screen.contains { $0.prefix(70).contains("██ bicycle") }, "only matching labels are offered")
        fixture.type("ret")
        #expect(try lastLabel(fixture) == "parking meter")
    }

    @Test func arrowsMoveThroughEveryLabelAndBackspaceEditsTheFilter() throws {
        let fixture = try fixture()
        fixture.type("b l ret")
        fixture.typeText("s")
        fixture.type("backspace up ret")
        #expect(try lastLabel(fixture) == "bench", "up from the top wraps to the 14th label")
        fixture.type("b l ret")
        fixture.typeText("xyz")
        #expect(fixture.screen.contains { $0.contains("no label holds \"xyz\"") })
        fixture.type("ret")
        #expect(fixture.editor.mode.title == "PICK", "Enter with nothing matching picks nothing")
        fixture.type("esc")
    }

    @Test func theArrowsKeymapReachesTheTwelfthLabel() throws {
        let fixture = try fixture(keymap: "arrows")
        fixture.type("F3 right ret")
        for _ in 0..<12 { fixture.type("down") }
        fixture.type("ret")
        #expect(try lastLabel(fixture) == "stop sign")
        // A digit is still the label's key.
        fixture.type("F3 right ret 3")
        #expect(try lastLabel(fixture) == "car")
    }
}

/// Class triage: the status line counts what the user did, and several classes per item work
/// with `advance` (issue 13).
@Suite struct TriageTests {
    @Test func classingEveryPictureShowsThemAllLabeled() throws {
        let fixture = try EditorFixture(pictures: ["a.png": BoxTaggingTests.picture, "b.png": BoxTaggingTests.picture], columns: 120, rows: 40)
        fixture.type("c 1 1")
        #expect(fixture.screen.contains { $0.contains("2/2  labeled 2 (100%)") }, "\(fixture.screen.last(where: { $0.contains("labeled") }) ?? "")")
    }

    @Test func multiLabelClassesWithAdvanceStayUntilDone() throws {
        let project = EditorFixture.project.replacingOccurrences(of: "advance = true", with: "advance = true\nmulti = true")
        let fixture = try EditorFixture(project: project, files: ["a.txt": "one\n", "b.txt": "two\n"])
        fixture.type("c 1 2")
        #expect(try fixture.sidecar("a.txt")?.annotations.map(\.label).sorted() == ["neg", "pos"])
        #expect(fixture.editor.file.relativePath == "a.txt")
        #expect(fixture.editor.message?.text.contains("Enter when done") == true)
        fixture.type("ret")
        #expect(fixture.editor.file.relativePath == "b.txt")
    }
}

/// `:label add` never replaces a project file it could not read (issue 13, 15).
@Suite struct ProjectFileSafetyTests {
    @Test func labelAddLeavesAnUnreadableProjectFileAlone() throws {
        let fixture = try EditorFixture(files: ["a.txt": "x\n"])
        let path = fixture.folder.url("termlabel.toml")
        #expect(unlink(path) == 0 && mkfifo(path, 0o644) == 0)
        fixture.type(":")
        fixture.typeText("label add span ORG")
        fixture.type("ret")
        #expect(fixture.editor.message?.kind == .error)
        #expect(fixture.editor.message?.text.contains("left as it is") == true, "\(fixture.editor.message?.text ?? "")")
        var status = stat()
        #expect(lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "still the same FIFO")
    }
}

/// Without colour (`NO_COLOR`, `--colors none`, `--theme mono`), boxes, spans, the selection
/// and the cursor stay visible through line drawing and attributes (issue 13).
@Suite struct NoColorTests {
    @Test func boxFramesAreDrawnWithLinesAndTheSelectedOneHeavy() {
        let grid = CellGrid(width: 10, height: 4, fill: Cell("▒", style: .plain))
        var overlay = PixelOverlay(canvas: Canvas(grid: grid), viewport: Viewport(imageSize: ImageSize(width: 10, height: 8), columns: 10, rows: 4))
        overlay.frame(BoxGeometry(x: 1, y: 0, width: 4, height: 6), style: .plain, heavy: false, dashed: false)
        overlay.frame(BoxGeometry(x: 6, y: 2, width: 3, height: 4), style: Style(attributes: .bold), heavy: true, dashed: false)
        #expect(overlay.canvas.grid.lines == [
            "▒┌──┐▒▒▒▒▒",
            "▒│▒▒│▒┏━┓▒",
            "▒└──┘▒┗━┛▒",
            "▒▒▒▒▒▒▒▒▒▒",
        ])
        #expect(overlay.canvas.grid[7, 1].style.attributes.contains(.bold))
        var dashed = PixelOverlay(canvas: Canvas(grid: grid), viewport: overlay.viewport)
        dashed.frame(BoxGeometry(x: 0, y: 0, width: 3, height: 4), style: .plain, heavy: false, dashed: true)
        #expect(dashed.canvas.grid.lines[0].hasPrefix("┌┄┐") && dashed.canvas.grid.lines[1].hasPrefix("└┄┘"))
    }

    @Test(arguments: [(ColorDepth.none, "dark"), (ColorDepth.truecolor, "mono")])
    func aPictureWithBoxesShowsFramesTagsAndCursorWithoutColor(_ depth: ColorDepth, _ theme: String) throws {
        let fixture = try EditorFixture(pictures: ["a.png": BoxTaggingTests.picture], columns: 80, rows: 24, colorDepth: depth, themeName: theme)
        _ = fixture.renderDecoded()
        fixture.type("b 2 0 l 1 0 j ret 1 tab")
        let screen = fixture.renderDecoded().lines.joined(separator: "\n")
        #expect(screen.contains("━") && screen.contains("┛"), "the selected box is framed heavy:\n\(screen)")
        #expect(screen.contains(" cat "), "its tag is drawn")
        fixture.type("esc")
        let unselected = fixture.renderDecoded().lines.joined(separator: "\n")
        #expect(unselected.contains("─") && unselected.contains("┘"), "\(unselected)")
        #expect(unselected.contains("┼"), "the cursor is visible")
    }

    @Test func spansAndTheSelectionCarryAttributesInMono() throws {
        let fixture = try EditorFixture(files: ["t.txt": "Ana met Bo.\n"], colorDepth: .none, themeName: "mono")
        fixture.type("v e ret 1 w w v")
        let grid = fixture.editor.render()
        #expect(grid[1, 0].style.attributes.contains(.underline), "a span is underlined")
        #expect(grid[8, 0].style.attributes.contains(.reverse), "the span being selected is reversed")
        fixture.type("esc g g tab")
        #expect(fixture.editor.render()[1, 0].style.attributes.contains(.reverse), "the selected span is reversed")
    }
}

/// Search matches are highlighted until `:noh` (issue 13).
@Suite struct SearchHighlightTests {
    @Test func matchesOnScreenTakeTheSearchStyleUntilNoh() throws {
        let fixture = try EditorFixture(files: ["t.txt": "Bo met Ana. Bo left.\n"])
        let search = fixture.editor.theme.style("ui.search")
        fixture.type("/")
        fixture.typeText("Bo")
        fixture.type("ret")
        let grid = fixture.editor.render()
        #expect(grid[0, 0].style.background == search.background && grid[1, 0].style.background == search.background)
        #expect(grid[12, 0].style.background == search.background || grid[12, 0].style == fixture.editor.theme.style("ui.cursor"))
        #expect(grid[13, 0].style.background == search.background)
        #expect(grid[4, 0].style.background != search.background)
        fixture.type(":")
        fixture.typeText("noh")
        fixture.type("ret")
        #expect(fixture.editor.render()[0, 0].style.background != search.background)
    }
}

/// Reopening returns to the place in each file, cursor included, whichever way the file was
/// opened (issue 13).
@Suite struct PositionMemoryTests {
    @Test func eachFileKeepsItsRecordAndCursor() throws {
        let project = EditorFixture.project + "\n[text]\nrecords = \"lines\"\n"
        let fixture = try EditorFixture(project: project, files: ["fortunes.txt": "one\ntwo\nthree\nfour\nfive\n",
                                                                  "zessay.txt": "A long essay about things.\n"],
                                        pictures: ["pic.png": BoxTaggingTests.picture])
        fixture.editor = try fixture.makeEditor(paths: ["fortunes.txt"])
        fixture.type("] ] ] w")
        fixture.editor.shutdown()
        fixture.editor = try fixture.makeEditor(paths: ["zessay.txt"])
        fixture.type("w w")
        let essayCursor = fixture.editor.currentPosition.cursor
        fixture.editor.shutdown()
        let fortunes = try fixture.makeEditor(paths: ["fortunes.txt"])
        #expect(fortunes.location.record == 3, "opening another file of the folder kept this file's place")
        #expect(fortunes.currentPosition.cursor == .codePoint(3), "and the cursor within the record: \(fortunes.currentPosition)")
        let essay = try fixture.makeEditor(paths: ["zessay.txt"])
        #expect(essay.currentPosition.cursor == essayCursor && essayCursor == .codePoint(7))
        fixture.editor = try fixture.makeEditor(paths: ["pic.png"])
        fixture.type("1 2 l 3 j")
        fixture.editor.shutdown()
        let picture = try fixture.makeEditor(paths: ["pic.png"])
        #expect(picture.currentPosition.cursor == .pixel(x: 112, y: 78))
    }
}

/// A keymap can bind every key away, but Ctrl-C twice always quits (issue 12).
@Suite struct WayOutTests {
    @Test func ctrlCTwiceQuitsWhateverTheKeymapSays() throws {
        let fixture = try EditorFixture(files: ["a.txt": "x\n"])
        fixture.editor = try fixture.makeEditor(userKeymap: """
        [keys.normal]
        ":" = "next_item"
        esc = "next_item"
        "C-c" = "next_item"
        """)
        fixture.type("C-c")
        #expect(!fixture.editor.quitRequested)
        fixture.type("C-c")
        #expect(fixture.editor.quitRequested)
        let unbound = try fixture.makeEditor(userKeymap: "")
        unbound.handle(.key(Key(.character("x"))))
        #expect(!unbound.quitRequested)
    }
}

/// A done mark can be taken back without undoing everything since (issue 13).
@Suite struct UndoneTests {
    @Test func undoneRemovesOnlyMyDoneMark() throws {
        let fixture = try EditorFixture(files: ["a.txt": "x\n", "b.txt": "y\n"])
        fixture.type("ret [")
        #expect(try fixture.sidecar("a.txt")?.marks.map(\.state) == [.done])
        fixture.type(":")
        fixture.typeText("undone")
        fixture.type("ret")
        #expect(try fixture.sidecar("a.txt")?.marks.isEmpty == true)
        #expect(fixture.editor.message?.text == "no longer done")
    }
}

/// A tight box in ten keys (issue 13): far steps to near the object, a rough box, `t` snaps
/// each side to the picture's edges; `:box` types one in pixels; the size shows while drawing.
@Suite struct FastBoxTests {
    @Test func aRoughBoxSnapsToTheObjectInTenKeys() throws {
        let fixture = try EditorFixture(pictures: ["target.png": BoxTaggingTests.picture], columns: 120, rows: 40)
        // From the middle (100,75): three far steps to near the bottom-right corner, a box, two
        // counted far steps to near the top-left, snap, done.
        let keys = "K K H b 5 H 3 K t ret"
        #expect(keys.split(separator: " ").count == 10)
        fixture.type("K K H b 5 H 3 K")
        #expect(fixture.editor.message?.text == "box 40,25 51×31", "the size shows while drawing")
        fixture.type("t ret 1")
        #expect(try fixture.sidecar("target.png")?.annotations.compactMap(\.box) == [BoxGeometry(x: 37, y: 21, width: 50, height: 30)])
    }

    @Test func snappingIsExactOnAnAntialiasedObjectAndLeavesFlatSidesAlone() {
        var image = PixelImage(width: 60, height: 40, color: RGB(20, 20, 20))
        for y in 10...29 { for x in 15...44 { image.setPixel(x, y, RGB(200, 180, 40)) } }
        // A soft edge on the left: the strongest step is at 15.
        for y in 10...29 { image.setPixel(14, y, RGB(80, 75, 30)) }
        #expect(EdgeSnap.snap(BoxGeometry(x: 12, y: 7, width: 36, height: 26), in: image) == BoxGeometry(x: 15, y: 10, width: 30, height: 20))
        let flat = PixelImage(width: 30, height: 30, color: RGB(90, 90, 90))
        #expect(EdgeSnap.snap(BoxGeometry(x: 5, y: 5, width: 10, height: 10), in: flat) == BoxGeometry(x: 5, y: 5, width: 10, height: 10))
    }

    @Test func aBoxCanBeTypedInPixels() throws {
        let fixture = try EditorFixture(pictures: ["target.png": BoxTaggingTests.picture], columns: 120, rows: 40)
        fixture.type(":")
        fixture.typeText("box 37 21 50 30")
        fixture.type("ret 2")
        #expect(try fixture.sidecar("target.png")?.annotations.first.map { [$0.label] } == ["dog"])
        #expect(try fixture.sidecar("target.png")?.annotations.compactMap(\.box) == [BoxGeometry(x: 37, y: 21, width: 50, height: 30)])
        fixture.type(":")
        fixture.typeText("box 190 140 20 20")
        fixture.type("ret")
        #expect(fixture.editor.message?.text.contains("does not fit the 200×150 picture") == true)
    }
}

/// A file that is one 2 MB line is laid out a window at a time; `$` and `0` use the line index.
@Suite struct LongLineTests {
    @Test func lineEndsOfAHugeLineAreReachedAtOnce() throws {
        let line = String(repeating: "word ", count: 400_000) + "end"
        let fixture = try EditorFixture(files: ["long.txt": line + "\n"])
        fixture.type("$")
        #expect(fixture.editor.currentPosition.cursor == .codePoint(line.unicodeScalars.count - 1))
        #expect(fixture.screen.joined().contains("end"))
        fixture.type("0")
        #expect(fixture.editor.currentPosition.cursor == .codePoint(0))
        fixture.type("v e ret 1")
        #expect(try fixture.sidecar("long.txt")?.annotations.first?.span?.text == "word")
    }
}

/// Records of a file read as one document: `j` and `k` cross from one record into the next.
@Suite struct RecordMotionTests {
    @Test func jAndKCrossRecords() throws {
        let project = EditorFixture.project + "\n[text]\nrecords = \"lines\"\n"
        let fixture = try EditorFixture(project: project, files: ["c.txt": "first record\nsecond record\nthird\n"])
        fixture.type("j")
        #expect(fixture.editor.location.record == 1)
        fixture.type("j j")
        #expect(fixture.editor.location.record == 2, "the last record stays")
        fixture.type("k")
        #expect(fixture.editor.location.record == 1)
        #expect(fixture.editor.currentPosition.cursor == .codePoint(12), "at the end of the record above")
    }
}

/// Panning away from the cursor brings the cursor along (issue 13).
@Suite struct PanTests {
    @Test func theCursorFollowsAPanThatLeavesItBehind() throws {
        let fixture = try EditorFixture(pictures: ["p.png": BoxTaggingTests.picture], columns: 60, rows: 20)
        fixture.type("+ + + +")
        let before = fixture.editor.currentPosition.cursor
        for _ in 0..<6 { fixture.type("C-l") }
        #expect(fixture.editor.currentPosition.cursor != before)
        if case .pixel(let x, _)? = fixture.editor.currentPosition.cursor { #expect(x > 100) }
        fixture.type("l")
        let after = fixture.editor.currentPosition.cursor
        for _ in 0..<2 { fixture.type("h") }
        if case .pixel(let x, _)? = after, case .pixel(let y, _)? = fixture.editor.currentPosition.cursor { #expect(y == x - 2, "moves go on from where the view is") }
    }
}

/// A label key that hides a command of its mode is said at start (issue 13).
@Suite struct ShadowedKeyTests {
    @Test func aClassKeyedULeavesUndoUnreachableAndSaysSo() throws {
        let fixture = try EditorFixture(project: "[classes]\nlabels = [ { name = \"unsure\", key = \"u\" }, { name = \"sure\" } ]\n",
                                        files: ["a.txt": "x\n"])
        #expect(fixture.editor.shadowedKeyWarnings.contains { $0.contains("the key u of class label \"unsure\" hides undo in CLASS mode") },
                "\(fixture.editor.shadowedKeyWarnings)")
        #expect(try EditorFixture(files: ["a.txt": "x\n"]).editor.shadowedKeyWarnings.isEmpty)
    }
}

/// A narrow terminal keeps the item's position and name on the status line (issue 13).
@Suite struct NarrowStatusTests {
    @Test func fortyColumnsShowTheFileAndPosition() throws {
        let fixture = try EditorFixture(pictures: ["a-rather-long-scene-name-1.png": BoxTaggingTests.picture, "a-rather-long-scene-name-2.png": BoxTaggingTests.picture],
                                        columns: 40, rows: 10)
        let status = try #require(fixture.screen.first { $0.hasPrefix(" NORMAL") })
        #expect(status.contains("1/2"), "\(status)")
        #expect(status.contains("a-rather"), "\(status)")
    }
}

/// `:set zoom=N` zooms (it once said "must be on or off").
@Suite struct ZoomSettingTests {
    @Test func setZoomTakesAFactorOrFit() throws {
        let fixture = try EditorFixture(pictures: ["p.png": BoxTaggingTests.picture], columns: 120, rows: 40)
        fixture.type(":")
        fixture.typeText("set zoom=4")
        fixture.type("ret")
        #expect(fixture.editor.message?.text == "zoom 4×", "\(fixture.editor.message?.text ?? "")")
        fixture.type(":")
        fixture.typeText("set zoom=fit")
        fixture.type("ret")
        #expect(fixture.editor.message?.text.hasPrefix("zoom") == true)
        fixture.type(":")
        fixture.typeText("set zoom=lots")
        fixture.type("ret")
        #expect(fixture.editor.message?.kind == .error)
    }
}

/// Tab completes the arguments of `:` commands too (issue 13).
@Suite struct CompletionTests {
    func completed(_ typed: String) throws -> String {
        let fixture = try EditorFixture(files: ["a.txt": "x\n"])
        fixture.type(":")
        fixture.typeText(typed)
        fixture.type("tab")
        guard case .command(let line) = fixture.editor.mode else { return "" }
        return line.text
    }

    @Test func commandsSettingsKindsAndFormatsComplete() throws {
        #expect(try completed("exp") == "export ")
        #expect(try completed("export yo") == "export yolo ")
        #expect(try completed("set zo") == "set zoom=")
        #expect(try completed("label a") == "label add ")
        #expect(try completed("label add b") == "label add box ")
    }
}

/// When the journal cannot be folded in at exit, the user is told, and the edits stay in the
/// journal (issue 12; a full disk does this, here the sidecar is made unwritable).
@Suite struct FoldFailureTests {
    @Test func aFoldThatFailsAtExitIsReported() throws {
        let annotations = (0..<1500).map { Make.classification("c\($0)", "pos", author: "someone-with-a-long-name-\($0)") }
        let sidecar = SidecarCodec.encode(Sidecar(file: "a.txt", kind: .text, annotations: annotations))
        #expect(sidecar.count > 128 << 10, "large enough to take edits through the journal")
        let fixture = try EditorFixture(files: ["a.txt": "x\n", "b.txt": "y\n"])
        fixture.folder.write("a.txt.labels.json", bytes: sidecar)
        fixture.editor = try fixture.makeEditor()
        fixture.type("!")
        fixture.typeText("check")
        fixture.type("ret")
        #expect(fixture.folder.exists("a.txt.labels.json.journal"))
        // The sidecar becomes a folder: folding the journal into it must fail.
        #expect(unlink(fixture.folder.url("a.txt.labels.json")) == 0 && mkdir(fixture.folder.url("a.txt.labels.json"), 0o755) == 0)
        fixture.editor.shutdown()
        #expect(fixture.editor.shutdownProblems.contains { $0.contains("the edits are safe in the journal") }, "\(fixture.editor.shutdownProblems)")
        #expect(fixture.folder.exists("a.txt.labels.json.journal"))
    }
}
