import LabelConfig
import LabelCore
import Testing

@Suite struct ProjectFileTests {
    static let design = """
    annotator = "ana"          # optional default
    keymap = "vim"
    theme = "dark"

    [text]
    records = "lines"
    text_field = "text"

    [classes]
    multi = false
    advance = true
    labels = [
      { name = "indoor",  key = "1", help = "Mostly inside a building." },
      { name = "outdoor", key = "2" },
    ]

    [boxes]
    labels = [ { name = "cat", color = "#ff8800", help = "Whole visible cat, tail included." },
               { name = "dog" } ]

    [spans]
    labels = [ { name = "PER" }, { name = "ORG" }, { name = "LOC" } ]
    """

    @Test func readsTheDesignExample() throws {
        let (settings, warnings) = try ProjectFile.parse(Self.design, file: "termlabel.toml")
        #expect(warnings.isEmpty)
        #expect(settings.annotator == "ana")
        #expect(settings.records == .lines)
        #expect(settings.classes.advance && !settings.classes.multi)
        #expect(settings.classes.labels.map(\.name) == ["indoor", "outdoor"])
        #expect(settings.classes.labels[0].help == "Mostly inside a building.")
        #expect(settings.boxes.labels[0] == LabelDefinition(name: "cat", color: "#ff8800", help: "Whole visible cat, tail included."))
        #expect(settings.spans.labels.map(\.name) == ["PER", "ORG", "LOC"])
        #expect(settings.spans.key(at: 2) == "3")
    }

    @Test func badEntriesAreWarningsWithLinesAndTheRestLoads() throws {
        let text = """
        annotator = 5
        colour = "blue"

        [text]
        records = "sentences"

        [classes]
        labels = [
          { name = "a", key = "1" },
          { name = "b", key = "1" },
          { key = "3" },
          { name = "c", color = "orange" },
        ]
        """
        let (settings, warnings) = try ProjectFile.parse(text, file: "p/termlabel.toml")
        #expect(settings.classes.labels.map(\.name) == ["a", "b", "c"])
        #expect(settings.classes.labels[2].color == nil)
        let lines = warnings.map(\.description)
        #expect(lines.contains("p/termlabel.toml:1: \"annotator\" must be a string, found an integer (ignored)"))
        #expect(lines.contains("p/termlabel.toml:2: unknown setting \"colour\" (ignored)"))
        #expect(lines.contains { $0.hasPrefix("p/termlabel.toml:5: records = \"sentences\"") })
        #expect(lines.contains { $0.hasPrefix("p/termlabel.toml:10: [classes] key \"1\"") })
        #expect(lines.contains { $0.hasPrefix("p/termlabel.toml:8: [classes] label 3 has no name") })
        #expect(lines.contains { $0.hasPrefix("p/termlabel.toml:12: label \"c\": color") })
    }

    /// DESIGN §11's shapes: polygon and mask labels, skeletons with their names and edges; bad
    /// skeleton entries are warnings naming the line, and a written file reads back the same.
    @Test func shapesAndSkeletons() throws {
        let text = """
        [polygons]
        labels = [ { name = "road" } ]
        [masks]
        labels = [ { name = "sky", color = "#3060ff" } ]
        [keypoints.person]
        names = [ "nose", "left_eye", "right_eye" ]
        edges = [ [0, 1], [0, 2], [1, 7] ]
        [keypoints.hand]
        edges = [ [0, 1] ]
        """
        let (settings, warnings) = try ProjectFile.parse(text, file: "termlabel.toml")
        #expect(settings.polygons.labels.map(\.name) == ["road"])
        #expect(settings.masks.labels.first?.color == "#3060ff")
        #expect(settings.skeletons == [Skeleton(name: "person", names: ["nose", "left_eye", "right_eye"], edges: [[0, 1], [0, 2]])])
        #expect(settings.labels(.keypoints).labels.map(\.name) == ["person"])
        #expect(warnings.map(\.description) == [
            "termlabel.toml:7: [keypoints.person] edges [1, 7] name points past the 3 names, counting from 0 (dropped)",
            "termlabel.toml:8: [keypoints.hand] has no names = [...] (skeleton ignored)",
        ].sorted { $0.count < $1.count } .sorted(), "\(warnings)")
        #expect(!settings.classes.advance, "with shapes to draw, a class key stays on the item")
        let written = ProjectFileWriter.text(for: settings)
        let again = try ProjectFile.parse(written, file: "again.toml")
        #expect(again.settings.skeletons == settings.skeletons && again.settings.polygons == settings.polygons && again.settings.masks == settings.masks, "\(written)")
        #expect(again.warnings.isEmpty)
    }

    @Test func aFileThatIsNotTOMLFailsWithItsLine() {
        #expect {
            _ = try ProjectFile.parse("[classes]\nlabels = [ { name = \"a\" \n", file: "termlabel.toml")
        } throws: { error in
            guard let diagnostic = error as? ConfigDiagnostic else { return false }
            return diagnostic.file == "termlabel.toml" && diagnostic.line == 2 || diagnostic.line == 3
        }
    }

    @Test func advanceDefaultsToOnOnlyForPureTriage() throws {
        #expect(try ProjectFile.parse("[classes]\nlabels = [\"a\"]", file: "t").settings.classes.advance)
        #expect(try !ProjectFile.parse("[classes]\nlabels = [\"a\"]\n[boxes]\nlabels = [\"cat\"]", file: "t").settings.classes.advance)
    }

    @Test func addingALabelKeepsCommentsAndLayout() throws {
        let added = try ProjectFileEditor.adding(label: "Mixed \"x\"", kind: .classes, to: Self.design, file: "t")
        #expect(added.contains("annotator = \"ana\"          # optional default"))
        let settings = try ProjectFile.parse(added, file: "t").settings
        #expect(settings.classes.labels.map(\.name) == ["indoor", "outdoor", "Mixed \"x\""])
        #expect(settings.classes.labels[0].help == "Mostly inside a building.")
        let spans = try ProjectFileEditor.adding(label: "MISC", kind: .spans, to: Self.design, file: "t")
        #expect(try ProjectFile.parse(spans, file: "t").settings.spans.labels.map(\.name) == ["PER", "ORG", "LOC", "MISC"])
    }

    @Test func addingALabelCreatesTheTableWhenMissing() throws {
        let added = try ProjectFileEditor.adding(label: "cat", kind: .boxes, to: "# mine\n[classes]\nlabels = [\"a\"]\n", file: "t")
        let settings = try ProjectFile.parse(added, file: "t").settings
        #expect(settings.boxes.labels.map(\.name) == ["cat"])
        #expect(settings.classes.labels.map(\.name) == ["a"])
        #expect(added.hasPrefix("# mine\n"))
        let fresh = try ProjectFileEditor.adding(label: "x", kind: .spans, to: "", file: "t")
        #expect(try ProjectFile.parse(fresh, file: "t").settings.spans.labels.map(\.name) == ["x"])
        let emptyTable = try ProjectFileEditor.adding(label: "y", kind: .spans, to: "[spans]\n", file: "t")
        #expect(try ProjectFile.parse(emptyTable, file: "t").settings.spans.labels.map(\.name) == ["y"])
    }

    @Test func writtenProjectFilesParseBack() throws {
        var settings = ProjectSettings(records: .jsonl, textField: "body")
        settings.classes = LabelSet(kind: .classes, labels: [LabelDefinition(name: "pos"), LabelDefinition(name: "neg \"quoted\"")], advance: true)
        settings.spans = LabelSet(kind: .spans, labels: [LabelDefinition(name: "PER", color: "#123456")])
        let parsed = try ProjectFile.parse(ProjectFileWriter.text(for: settings), file: "t")
        #expect(parsed.warnings.isEmpty)
        #expect(parsed.settings == settings)
    }
}
