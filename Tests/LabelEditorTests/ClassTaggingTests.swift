import Foundation
import LabelCore
import LabelEditor
import LabelStore
import TestSupport
import Testing

/// Items and classes through keys, checked on disk after each step.
@Suite struct ClassTaggingTests {
    static let records = (1...12).map { "{\"text\": \"record number \($0)\"}" }.joined(separator: "\n")

    func fixture(_ project: String = EditorFixture.project) throws -> EditorFixture {
        try EditorFixture(project: project, files: ["corpus.jsonl": Self.records, "z.txt": "second file"])
    }

    func classes(_ fixture: EditorFixture) throws -> [Int?: [String]] {
        var result: [Int?: [String]] = [:]
        for annotation in try fixture.sidecar("corpus.jsonl")?.annotations ?? [] where annotation.isClassification {
            result[annotation.record, default: []].append(annotation.label)
        }
        return result
    }

    @Test func classKeysWithAdvanceThenUndoAcrossItems() throws {
        let fixture = try fixture()
        fixture.type("c 1 2 1 n 2")
        #expect(fixture.editor.location == ItemLocation(file: 0, record: 5))
        #expect(try classes(fixture) == [0: ["pos"], 1: ["neg"], 2: ["pos"], 3: ["neutral"], 4: ["neg"]])
        // Undo twice: the last two classes go, and the view follows them back.
        fixture.type("esc u u")
        #expect(try classes(fixture) == [0: ["pos"], 1: ["neg"], 2: ["pos"]])
        #expect(fixture.editor.location == ItemLocation(file: 0, record: 3))
        fixture.type("C-r")
        #expect(try classes(fixture)[3] == ["neutral"])
    }

    @Test func singleLabelReplacesAndTogglesMultiLabelAdds() throws {
        let fixture = try fixture(EditorFixture.project.replacingOccurrences(of: "advance = true", with: "advance = false"))
        fixture.type("c 1 2")
        #expect(try classes(fixture)[0] == ["neg"])
        fixture.type("2")
        #expect(try classes(fixture)[0] == nil)
        fixture.type("esc : s e t space m u l t i = o n ret c 1 2")
        #expect(try Set(classes(fixture)[0] ?? []) == ["pos", "neg"])
        // One key is one undo step, even when it replaced another class.
        fixture.type("esc u")
        #expect(try classes(fixture)[0] == ["pos"])
    }

    @Test func navigationAcrossRecordsAndFiles() throws {
        let fixture = try fixture()
        fixture.type("]")
        #expect(fixture.editor.location == ItemLocation(file: 0, record: 1))
        fixture.type("1 1 ]")
        #expect(fixture.editor.location == ItemLocation(file: 1, record: nil))
        fixture.type("[")
        #expect(fixture.editor.location == ItemLocation(file: 0, record: 11))
        fixture.type(": g o t o space 3 ret")
        #expect(fixture.editor.location == ItemLocation(file: 0, record: 2))
        fixture.type("G g g")  // text motions, not items
        #expect(fixture.editor.location == ItemLocation(file: 0, record: 2))
    }

    @Test func nextUnlabeledSkipsAnnotatedAndDoneItems() throws {
        let fixture = try fixture()
        fixture.type("c 1 1 esc ret")  // records 0 and 1 classified, record 2 done
        #expect(fixture.editor.location == ItemLocation(file: 0, record: 3))
        fixture.type(": g o t o space 1 ret }")
        #expect(fixture.editor.location == ItemLocation(file: 0, record: 3))
        fixture.type("{")
        #expect(fixture.editor.location == ItemLocation(file: 0, record: 3))
        #expect(fixture.editor.message?.text.contains("no item before") == true)
    }

    @Test func doneFlagSelectionDeleteRelabel() throws {
        let fixture = try fixture(EditorFixture.project.replacingOccurrences(of: "advance = true", with: "advance = false"))
        fixture.type("c 1 esc tab")
        #expect(fixture.editor.selectedID != nil)
        fixture.type("r 2")
        #expect(try classes(fixture)[0] == ["neg"])
        fixture.type("d")
        #expect(try classes(fixture)[0] == nil)
        fixture.type("!")
        fixture.typeText("is this sarcasm?")
        fixture.type("ret")
        let flags = try fixture.sidecar("corpus.jsonl")?.marks.filter { $0.state == .flagged }
        #expect(flags == [Mark(state: .flagged, record: 0, author: "ana", time: flags?.first?.time, note: "is this sarcasm?")])
        fixture.type("ret")
        #expect(fixture.editor.location == ItemLocation(file: 0, record: 1))
        #expect(try fixture.sidecar("corpus.jsonl")?.marks.contains { $0.state == .done && $0.record == 0 && $0.author == "ana" } == true)
        // Flag again with the note cleared: unflagged.
        fixture.type("[ ! C-u ret")
        #expect(try fixture.sidecar("corpus.jsonl")?.marks.contains { $0.state == .flagged } == false)
    }

    @Test func suggestionsAreAcceptedOrRejected() throws {
        let fixture = try fixture()
        var suggestion = Annotation(id: "s1", shape: .classification, label: "neg", record: 0)
        suggestion.status = Annotation.suggestedStatus
        suggestion.score = 0.7
        suggestion.source = "model"
        var other = Annotation(id: "s2", shape: .classification, label: "pos", record: 0)
        other.status = Annotation.suggestedStatus
        fixture.folder.write("corpus.jsonl.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "corpus.jsonl", kind: .text, annotations: [suggestion, other])))
        let editor = try fixture.makeEditor()
        fixture.editor = editor
        fixture.type("tab a")
        let accepted = try fixture.sidecar("corpus.jsonl")?.annotations.first { $0.id == "s1" }
        #expect(accepted?.status == nil && accepted?.author == "ana" && accepted?.score == nil)
        // The next suggestion is selected at once: x rejects it.
        fixture.type("x")
        #expect(try fixture.sidecar("corpus.jsonl")?.annotations.map(\.id) == ["s1"])
        // The rejection is remembered (so a re-import keeps it out), and undo takes both back.
        let remembered = try fixture.sidecar("corpus.jsonl")?.extra["rejected"]?.arrayValue
        #expect(remembered?.count == 1 && remembered?.first?.objectValue?["label"]?.stringValue == "pos")
        fixture.type("u")
        #expect(try fixture.sidecar("corpus.jsonl")?.annotations.map(\.id).sorted() == ["s1", "s2"])
        #expect(try fixture.sidecar("corpus.jsonl")?.extra["rejected"] == nil)
    }

    @Test func labelsAddedFromTheCommandLineLandInTheProjectFile() throws {
        let fixture = try fixture()
        fixture.type(":")
        fixture.typeText("label add class very positive")
        fixture.type("ret")
        #expect(fixture.editor.settings.classes.labels.map(\.name) == ["pos", "neg", "neutral", "very positive"])
        let text = try #require(fixture.folder.text("termlabel.toml"))
        #expect(text.contains("very positive"))
        #expect(fixture.editor.message?.text.contains("key 4") == true)
        fixture.type("c 4")
        #expect(try classes(fixture)[0] == ["very positive"])
    }

    @Test func reopeningReturnsWhereTheAnnotatorLeftOff() throws {
        let fixture = try fixture()
        fixture.type("] ] ]")
        fixture.editor.shutdown()
        let reopened = try fixture.makeEditor()
        #expect(reopened.location == ItemLocation(file: 0, record: 3))
    }

    @Test func anUnreadableSidecarIsReportedAndNeverWritten() throws {
        let fixture = try fixture()
        fixture.folder.write("corpus.jsonl.labels.json", "{\"format\": \"termlabel-sidecar\", \"version\": 9}")
        fixture.editor = try fixture.makeEditor()
        fixture.type("c 1")
        #expect(fixture.editor.message?.kind == .error)
        #expect(fixture.editor.message?.text.contains("version 9") == true)
        #expect(fixture.folder.text("corpus.jsonl.labels.json") == "{\"format\": \"termlabel-sidecar\", \"version\": 9}")
        #expect(fixture.screen[22].contains("READ-ONLY"))
    }
}
