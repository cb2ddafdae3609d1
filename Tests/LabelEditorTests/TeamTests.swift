import LabelCells
import LabelCore
import LabelEditor
import LabelImaging
import LabelStore
import Testing

/// Several annotators (issue 18): blind labeling, assignments, and REVIEW, keys in and sidecars out.
@Suite struct TeamTests {
    static let classes = """
    [project]
    blind = true
    reviewers = ["rev"]
    [classes]
    advance = true
    labels = ["cat", "dog"]
    [boxes]
    labels = ["cat", "dog"]
    [spans]
    labels = ["PER", "LOC"]
    """

    static func classAnnotation(_ label: String, by author: String, id: String) -> Annotation {
        Annotation(id: id, shape: .classification, label: label, author: author, time: "2026-12-01T10:00:00Z")
    }

    static func boxAnnotation(_ box: BoxGeometry, _ label: String, by author: String, id: String) -> Annotation {
        Annotation(id: id, shape: .box(box), label: label, author: author, time: "2026-12-01T10:00:00Z")
    }

    /// Writes the sidecar of picture `name` with `annotations` and `marks`.
    static func writeSidecar(_ fixture: EditorFixture, _ name: String, kind: ItemKind = .image, _ annotations: [Annotation], marks: [Mark] = []) {
        let size = kind == .image ? ImageSize(width: 200, height: 150) : nil
        fixture.folder.write(name + ".labels.json", bytes: SidecarCodec.encode(Sidecar(file: name, kind: kind, image: size, annotations: annotations, marks: marks)))
    }

    static var pictures: [String: PixelImage] {
        ["a.png": BoxTaggingTests.picture, "b.png": BoxTaggingTests.picture, "c.png": BoxTaggingTests.picture]
    }

    @Test func blindAnnotatorsSeeOnlyTheirOwnWorkAndCountTheirOwnMarks() throws {
        let fixture = try EditorFixture(project: Self.classes, pictures: Self.pictures, columns: 120, rows: 40)
        Self.writeSidecar(fixture, "a.png", [Self.classAnnotation("dog", by: "bo", id: "b1")],
                          marks: [Mark(state: .done, author: "bo", time: "2026-12-01T10:00:00Z")])
        fixture.editor = try fixture.makeEditor(columns: 120, rows: 40)
        #expect(fixture.editor.itemAnnotations.isEmpty, "bo's class is not shown to ana")
        #expect(!fixture.screen.contains { $0.contains("dog") && $0.contains("class") })
        #expect(fixture.screen.contains { $0.contains("labeled 0 (0%)") }, "bo's done mark is not ana's progress")
        // `}` does not skip a.png for ana: only her own marks count.
        fixture.type("}")
        #expect(fixture.editor.file.relativePath == "b.png")
        fixture.type("{")
        #expect(fixture.editor.file.relativePath == "a.png", "a.png is still unlabeled for ana")
        fixture.type("c 1")
        let sidecar = try #require(try fixture.sidecar("a.png"))
        #expect(sidecar.annotations.map { "\($0.author ?? "") \($0.label)" }.sorted() == ["ana cat", "bo dog"], "both are kept side by side")
    }

    @Test func anAssignedAnnotatorWalksOnlyTheirItems() throws {
        let fixture = try EditorFixture(project: Self.classes, pictures: Self.pictures, columns: 120, rows: 40)
        var assignments = Assignments()
        assignments.deal(["a.png", "b.png", "c.png"], annotators: ["ana", "bo"], perItem: 1, seed: 0)
        fixture.folder.write(Assignments.fileName, bytes: JSONWriter.prettyPrinted(assignments.json))
        fixture.editor = try fixture.makeEditor(columns: 120, rows: 40)
        let mine = assignments.items.filter { $0.value.contains("ana") }.keys.sorted()
        #expect(fixture.editor.file.relativePath == mine.first)
        #expect(fixture.screen.contains { $0.contains("1/\(mine.count)") }, "the position counts ana's items only")
        var visited = [fixture.editor.file.relativePath]
        for _ in 0..<3 {
            fixture.type("]")
            visited.append(fixture.editor.file.relativePath)
        }
        #expect(Array(Set(visited)).sorted() == mine)
    }

    /// Two annotators' boxes on a.png (they differ), agreeing classes on b.png, nothing on c.png.
    func reviewFixture(colorDepth: ColorDepth = .truecolor, theme: String? = nil) throws -> EditorFixture {
        let fixture = try EditorFixture(project: Self.classes, pictures: Self.pictures, columns: 120, rows: 40, colorDepth: colorDepth, themeName: theme)
        Self.writeSidecar(fixture, "a.png", [Self.boxAnnotation(BoxGeometry(x: 37, y: 21, width: 50, height: 30), "cat", by: "ana", id: "ana1"),
                                             Self.boxAnnotation(BoxGeometry(x: 120, y: 90, width: 40, height: 30), "dog", by: "bo", id: "bo1")])
        Self.writeSidecar(fixture, "b.png", [Self.classAnnotation("cat", by: "ana", id: "a2"), Self.classAnnotation("cat", by: "bo", id: "b2")])
        Self.writeSidecar(fixture, "c.png", [Self.classAnnotation("cat", by: "ana", id: "a3"), Self.classAnnotation("dog", by: "bo", id: "b3")])
        fixture.editor = try fixture.makeEditor(columns: 120, rows: 40, annotator: "rev", review: true)
        return fixture
    }

    @Test func reviewShowsEveryonesBoxesWithTheirNamesAndALegend() throws {
        let fixture = try reviewFixture()
        let grid = fixture.renderDecoded()
        let lines = grid.lines
        #expect(lines.last(where: { $0.contains("REVIEW") }) != nil, "the status line names the mode")
        #expect(lines.contains { $0.contains("cat·ana ≠") } && lines.contains { $0.contains("dog·bo ≠") }, "each box says whose it is, and that nobody else drew it")
        #expect(lines.contains { $0.contains("Annotators") } && lines.contains { $0.contains("██ ana") } && lines.contains { $0.contains("██ bo") })
        // In colour, each annotator's work takes their legend colour.
        let legendRow = try #require(lines.firstIndex { $0.contains("██ ana") })
        let legendColumn = try #require(lines[legendRow].range(of: "██ ana")).lowerBound.utf16Offset(in: lines[legendRow])
        #expect(grid[legendColumn, legendRow].style.foreground == fixture.editor.annotatorColor("ana"))
        #expect(fixture.editor.annotatorColor("ana") != fixture.editor.annotatorColor("bo"))
    }

    @Test func reviewWithoutColourStillTellsWhoseEachBoxIs() throws {
        let fixture = try reviewFixture(colorDepth: .none, theme: "mono")
        let lines = fixture.renderDecoded().lines
        #expect(lines.contains { $0.contains("cat·ana") } && lines.contains { $0.contains("dog·bo") })
    }

    @Test func reviewVisitsTheDisagreementsAdoptsAndMarksReviewed() throws {
        let fixture = try reviewFixture()
        // a.png (boxes differ) is on screen; b.png agrees and is skipped; c.png differs.
        fixture.type("}")
        #expect(fixture.editor.file.relativePath == "c.png", "\(fixture.editor.message?.text ?? "")")
        fixture.type("{")
        #expect(fixture.editor.file.relativePath == "a.png")
        fixture.type("tab a")
        var sidecar = try #require(try fixture.sidecar("a.png"))
        let adopted = try #require(sidecar.annotations.first { $0.author == "rev" })
        #expect(adopted.extra["adopted_from"]?.stringValue == "ana1" && adopted.box == BoxGeometry(x: 37, y: 21, width: 50, height: 30))
        // Others' annotations are never changed by review.
        fixture.type("d")
        #expect(fixture.editor.message?.text.contains("review never changes") == true)
        fixture.type("x")
        sidecar = try #require(try fixture.sidecar("a.png"))
        #expect(!sidecar.annotations.contains { $0.author == "rev" }, "x drops the adopted copy")
        fixture.type("tab a ret")
        sidecar = try #require(try fixture.sidecar("a.png"))
        #expect(sidecar.marks.contains { $0.state == .reviewed && $0.author == "rev" })
        #expect(sidecar.annotations.filter { $0.author != "rev" }.map(\.id).sorted() == ["ana1", "bo1"])
        #expect(fixture.editor.file.relativePath == "c.png", "Enter goes on to the next disagreement")
        fixture.type("{")
        #expect(fixture.editor.message?.text.contains("no item before") == true, "a.png is reviewed now")
    }

    @Test func reviewSpansOfThreeAnnotators() throws {
        let fixture = try EditorFixture(project: Self.classes, files: ["t.txt": "Ada went to Paris\n"], columns: 100, rows: 30)
        let spans = [("ana", 0, 3, "PER"), ("bo", 0, 3, "PER"), ("cy", 12, 17, "LOC")].map { author, start, end, label in
            Annotation(id: author, shape: .span(SpanRange(start: start, end: end, text: String(Array("Ada went to Paris")[start..<end]))), label: label, author: author)
        }
        Self.writeSidecar(fixture, "t.txt", kind: .text, spans)
        fixture.editor = try fixture.makeEditor(columns: 100, rows: 30, annotator: "rev", review: true)
        let lines = fixture.screen
        let legend = lines.compactMap { line in ["ana", "bo", "cy"].first { line.hasSuffix("██ \($0)") || line.contains("██ \($0) ") } }
        #expect(legend == ["ana", "bo", "cy"], "the legend lists the annotators by name")
        #expect(lines.contains { $0.contains("PER “Ada” ·ana") } && lines.contains { $0.contains("LOC “Paris” ·cy") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("3 annotators: differ") } || lines.contains { $0.contains("3 annotators differ") })
    }
}
