import LabelConfig
import LabelCore
import LabelEditor
import LabelSession
import LabelDataset
import LabelStore
import TestSupport
import Testing

/// Opening a session without a terminal: what the TUI would start with (issue: thin CLI).
@Suite struct SessionSetupTests {
    func project(_ toml: String) -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        folder.write("termlabel.toml", toml)
        folder.write("a.txt", "Ada went to Paris\n")
        return folder
    }

    @Test func reviewIsForTheProjectsReviewersOnly() throws {
        let folder = project("[project]\nreviewers = [\"rev\"]\n[classes]\nlabels = [\"pos\"]\n")
        #expect(throws: SessionError("ana is not a reviewer (the project's reviewers: rev)")) {
            try SessionSetup.prepare(paths: [folder.path], session: SessionSettings(annotator: "ana"), dataset: DatasetSettings(), review: true, environment: [:])
        }
        let prepared = try SessionSetup.prepare(paths: [folder.path], session: SessionSettings(annotator: "rev"), dataset: DatasetSettings(), review: true, environment: [:])
        let editor = prepared.makeEditor(colorDepth: .none, columns: 80, rows: 24, indexInBackground: false)
        #expect(editor.reviewing && editor.mode == .review)
        let unnamed = project("[classes]\nlabels = [\"pos\"]\n")
        #expect(throws: SessionError("rev is not a reviewer: add reviewers = [\"rev\"] to [project] in \(unnamed.url("termlabel.toml"))")) {
            try SessionSetup.prepare(paths: [unnamed.path], session: SessionSettings(annotator: "rev"), dataset: DatasetSettings(), review: true, environment: [:])
        }
    }

    @Test func quickLabelsGoIntoTheProjectAndABadKeymapIsAWarningNamingIt() throws {
        let folder = TemporaryDirectory()
        folder.write("a.txt", "text\n")
        folder.write("keys.toml", "[keys.normal]\nz = \"no_such_command\"\n")
        let prepared = try SessionSetup.prepare(paths: [folder.path], session: SessionSettings(annotator: "ana", keymap: folder.url("keys.toml"), classes: ["pos", "neg"]),
                                                dataset: DatasetSettings(), review: false, environment: [:])
        #expect(String(decoding: try #require(folder.read("termlabel.toml")), as: UTF8.self).contains("pos"))
        #expect(prepared.warnings.contains { $0.hasPrefix(folder.url("keys.toml") + ":2:") && $0.contains("no_such_command") }, "\(prepared.warnings)")
        let editor = prepared.makeEditor(colorDepth: .none, columns: 80, rows: 24, indexInBackground: false)
        #expect(SessionSetup.firstMessage(editor: editor, warnings: prepared.warnings, colorNote: nil)?.kind == .warning)
        #expect(SessionSetup.firstMessage(editor: editor, warnings: [], colorNote: "24-bit colour needs …")?.text == "24-bit colour needs …")
    }

    @Test func blindFromTheCommandLineHidesOthersWork() throws {
        let folder = project("[classes]\nlabels = [\"pos\", \"neg\"]\n")
        folder.write("a.txt.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "a.txt", kind: .text, annotations: [
            Annotation(id: "x", shape: .classification, label: "neg", author: "bo"),
        ])))
        let open = try SessionSetup.prepare(paths: [folder.path], session: SessionSettings(annotator: "ana"), dataset: DatasetSettings(), review: false, environment: [:])
        #expect(open.makeEditor(colorDepth: .none, columns: 80, rows: 24, indexInBackground: false).itemAnnotations.count == 1)
        let blind = try SessionSetup.prepare(paths: [folder.path], session: SessionSettings(annotator: "ana", blind: true), dataset: DatasetSettings(), review: false, environment: [:])
        #expect(blind.makeEditor(colorDepth: .none, columns: 80, rows: 24, indexInBackground: false).itemAnnotations.isEmpty)
    }
}
