import LabelCore
import LabelEditor
import LabelImaging
import LabelDataset
import LabelStore
import Testing

/// Deciding about suggestions fast (issue 20): `A`, `X`, `:accept SCORE` with one undo, `y`,
/// and `:set order=uncertain`, keys in and sidecars out.
@Suite struct SuggestionDecisionTests {
    static func suggestion(_ label: String, _ box: BoxGeometry?, score: Double, id: String) -> Annotation {
        Annotation(id: id, shape: box.map { .box($0) } ?? .classification, label: label, status: Annotation.suggestedStatus, score: score, source: "model")
    }

    func fixture() throws -> EditorFixture {
        let pictures = ["a.png": BoxTaggingTests.picture, "b.png": BoxTaggingTests.picture, "c.png": BoxTaggingTests.picture]
        let fixture = try EditorFixture(pictures: pictures, columns: 120, rows: 40)
        let box = BoxGeometry(x: 37, y: 21, width: 50, height: 30)
        TeamTests.writeSidecar(fixture, "a.png", [Self.suggestion("cat", box, score: 0.95, id: "s1"), Self.suggestion("pos", nil, score: 0.55, id: "s2"),
                                                  Self.suggestion("neg", nil, score: 0.45, id: "s3")])
        TeamTests.writeSidecar(fixture, "b.png", [Self.suggestion("dog", box, score: 0.97, id: "s4"), Self.suggestion("pos", nil, score: 0.9, id: "s5")])
        TeamTests.writeSidecar(fixture, "c.png", [Self.suggestion("cat", box, score: 0.6, id: "s6")])
        fixture.editor = try fixture.makeEditor(columns: 120, rows: 40)
        return fixture
    }

    func accepted(_ fixture: EditorFixture, _ name: String) throws -> [String] {
        try (fixture.sidecar(name)?.annotations ?? []).filter { !$0.isSuggestion }.map(\.label).sorted()
    }

    @Test func capitalAAcceptsAndCapitalXRejectsEveryOneOfTheItem() throws {
        let fixture = try fixture()
        fixture.type("A")
        #expect(try accepted(fixture, "a.png") == ["cat", "neg", "pos"])
        let kept = try #require(try fixture.sidecar("a.png")?.annotations.first { $0.label == "cat" })
        #expect(kept.author == "ana" && kept.extra["accepted_from"]?.objectValue?["source"]?.stringValue == "model", "the source and score stay")
        fixture.type("] X")
        #expect(try fixture.sidecar("b.png")?.annotations.isEmpty == true)
        #expect(fixture.editor.message?.text == "rejected 2 suggestions")
    }

    @Test func acceptAboveAScoreAcrossTheDatasetIsOneUndoStep() throws {
        let fixture = try fixture()
        fixture.type(":")
        fixture.typeText("accept 0.9")
        fixture.type("ret")
        #expect(fixture.editor.message?.text.hasPrefix("accepted 3 suggestions scored 0.9 or more in 2 files") == true, "\(fixture.editor.message?.text ?? "")")
        #expect(try accepted(fixture, "a.png") == ["cat"] && accepted(fixture, "b.png") == ["dog", "pos"] && accepted(fixture, "c.png").isEmpty)
        fixture.type("u")
        #expect(try accepted(fixture, "a.png").isEmpty && accepted(fixture, "b.png").isEmpty, "one u takes every acceptance back")
        fixture.type("C-r")
        #expect(try accepted(fixture, "b.png") == ["dog", "pos"])
    }

    @Test func yCopiesThePreviousPicturesBoxesAsSuggestions() throws {
        let fixture = try fixture()
        fixture.type("A ] ] y")
        #expect(fixture.editor.file.relativePath == "c.png")
        let copies = try #require(try fixture.sidecar("c.png")?.annotations.filter { $0.source == "previous item" })
        #expect(copies.isEmpty, "b.png has no accepted boxes yet")
        fixture.type("[ A ] y")
        let copied = try #require(try fixture.sidecar("c.png")?.annotations.filter { $0.source == "previous item" })
        #expect(copied.map(\.label) == ["dog"] && copied.allSatisfy(\.isSuggestion))
    }

    @Test func orderUncertainWalksTheLeastCertainFirst() throws {
        let fixture = try fixture()
        fixture.type(":")
        fixture.typeText("set order=uncertain")
        fixture.type("ret")
        // Margins: a 0.95-0.55 = 0.40, b 0.97-0.9 = 0.07, c 0.6 alone.
        var walked = [fixture.editor.file.relativePath]
        fixture.type("]")
        walked.append(fixture.editor.file.relativePath)
        fixture.type("]")
        walked.append(fixture.editor.file.relativePath)
        #expect(walked == ["b.png", "a.png", "c.png"])
        fixture.type(":")
        fixture.typeText("set order=file")
        fixture.type("ret [")
        #expect(fixture.editor.file.relativePath == "b.png", "back in file order, c.png comes after b.png")
    }
}

/// "Label every occurrence": the selected span's text, wherever it stands as whole tokens.
@Suite struct OccurrenceTests {
    @Test func goSuggestsTheItemsOccurrencesAndAllEveryRecords() throws {
        let project = EditorFixture.project + "\n[text]\nrecords = \"lines\"\n"
        let fixture = try EditorFixture(project: project, files: ["t.txt": "Ada met Adams and Ada .\nThen Ada left .\nNobody .\n"])
        fixture.type("v l l ret 1")
        #expect(try fixture.sidecar("t.txt")?.annotations.map(\.label) == ["PER"])
        fixture.type("tab g o")
        var sidecar = try #require(try fixture.sidecar("t.txt"))
        #expect(sidecar.annotations.filter(\.isSuggestion).map { "\($0.record ?? -1):\($0.span?.start ?? -1)" } == ["0:18"], "Adams is not Ada")
        #expect(fixture.editor.message?.text == "1 more \"Ada\" suggested as PER")
        fixture.type(":")
        fixture.typeText("occurrences all")
        fixture.type("ret")
        sidecar = try #require(try fixture.sidecar("t.txt"))
        #expect(sidecar.annotations.filter(\.isSuggestion).map { "\($0.record ?? -1):\($0.span?.start ?? -1)" }.sorted() == ["0:18", "1:5"])
        fixture.type("u")
        #expect(try fixture.sidecar("t.txt")?.annotations.filter(\.isSuggestion).count == 1, "one u takes the corpus-wide step back")
    }
}

/// `:learn` in the editor: classes learned from what was given, suggested for the rest, one undo.
@Suite struct LearnInEditorTests {
    @Test func learnSuggestsTheRestAndOneUndoTakesItBack() throws {
        let lines = (0..<40).map { $0 % 2 == 0 ? "a lovely great day number \($0)" : "an awful terrible day number \($0)" }
        let fixture = try EditorFixture(project: EditorFixture.project + "\n[text]\nrecords = \"lines\"\n", files: ["r.txt": lines.joined(separator: "\n") + "\n"])
        // Classes for the first 30 records by keys (advance moves on after each).
        fixture.type("c")
        for index in 0..<30 { fixture.type(index % 2 == 0 ? "1" : "2") }
        fixture.type("esc :")
        fixture.typeText("learn")
        fixture.type("ret")
        #expect(fixture.editor.message?.text.hasPrefix("learned from 30 items; 10 classes suggested") == true, "\(fixture.editor.message?.text ?? "")")
        let suggested = try #require(try fixture.sidecar("r.txt")).annotations.filter(\.isSuggestion)
        #expect(suggested.count == 10 && suggested.allSatisfy { ($0.record ?? 0) >= 30 && $0.label == (($0.record ?? 0) % 2 == 0 ? "pos" : "neg") })
        fixture.type("u")
        #expect(try fixture.sidecar("r.txt")?.annotations.filter(\.isSuggestion).isEmpty == true, "one u takes all ten back")
    }
}
