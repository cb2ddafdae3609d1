import LabelCore
import LabelQuality
import TestSupport
import Testing

/// The side panel says how many people rated the item and whether they agree, without names.
@Suite struct ItemAgreementPanelTests {
    @Test func thePanelShowsAgreementOfTheCurrentRecordOnly() throws {
        let fixture = try EditorFixture(project: EditorFixture.project + "\n[text]\nrecords = \"lines\"\n", files: ["notes.txt": "one\ntwo\n"])
        let time = "2026-12-01T10:00:00Z"
        fixture.folder.write("notes.txt.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "notes.txt", kind: .text, annotations: [
            Make.classification("a1", "pos", record: 0, author: "ana"), Make.classification("b1", "neg", record: 0, author: "bo"),
            Make.classification("a2", "pos", record: 1, author: "ana"),
        ], marks: [Mark(state: .done, record: 1, author: "bo", time: time), Mark(state: .done, record: 1, author: "cy", time: time)])))
        fixture.editor = try fixture.makeEditor()
        let first = fixture.screen.joined(separator: "\n")
        #expect(first.contains("│ 2 annotators: differ") && first.contains("│ on classes"), "\(first)")
        #expect(!first.contains("bo"), "nobody's name in the panel")
        fixture.type("]")
        let second = fixture.screen.joined(separator: "\n")
        #expect(second.contains("│ 3 annotators: differ"), "ana's pos against two people's none: \(second)")
    }

    @Test func agreementOnBoxesAllowsSmallShifts() {
        let boxes = [Make.box("a", "cat", 10, 10, 20, 20, author: "ana"), Make.box("b", "cat", 11, 10, 20, 20, author: "bo")]
        #expect(ItemAgreement(annotations: boxes, marks: [], kind: .image).line == "2 annotators: agree")
        let apart = boxes + [Make.box("c", "dog", 50, 50, 5, 5, author: "bo")]
        #expect(ItemAgreement(annotations: apart, marks: [], kind: .image).line == "2 annotators: differ on boxes")
        #expect(ItemAgreement(annotations: [boxes[0]], marks: [], kind: .image).line == nil, "one person: nothing to say")
    }
}
